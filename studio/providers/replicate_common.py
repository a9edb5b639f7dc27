"""What every Replicate adapter shares: the client, creating with retries, polling, cancelling, downloads.

The replicate client retries only idempotent requests, so a prediction create (a POST) that meets a 429
or a 5xx is retried here, with tenacity, honouring Retry-After (captured by a response hook because the
client's error does not keep the headers).

`replicate` and `httpx` are imported where a Replicate call is built or its errors are read, not at
module level: the model registries import this module, and an offline process should not pay for them.
"""

from __future__ import annotations

import base64
import io
import logging
import mimetypes
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image
from pydantic import ValidationError

from studio.errors import Cancelled, ConfigError, ContentRefused, ProviderError, RenderError
from studio.providers.limits import InFlightLimiter
from studio.providers.ports import MediaStore
from studio.providers.retry import (
    RetryPolicy,
    TransientError,
    call_with_retries,
    error_for_status,
    looks_like_safety_refusal,
    parse_retry_after,
    scrub,
)
from studio.render.ffmpeg import ffmpeg_exe, probe
from studio.run import Run

if TYPE_CHECKING:
    import httpx
    import replicate
    from replicate.prediction import Prediction

log = logging.getLogger(__name__)
PROVIDER = "Replicate"
KEY_VAR = "REPLICATE_API_TOKEN"
MAX_DATA_URL_BYTES = 1_000_000

_last_response = threading.local()


def _remember_retry_after(response: httpx.Response) -> None:
    _last_response.retry_after = response.headers.get("retry-after")


def make_replicate_client(
    api_token: str,
    *,
    base_url: str | None = None,
    transport: httpx.BaseTransport | None = None,
    timeout: httpx.Timeout | None = None,
) -> replicate.Client:
    """A replicate client whose responses' Retry-After the retry loop can read."""
    import httpx
    import replicate

    kwargs: dict[str, Any] = {"event_hooks": {"response": [_remember_retry_after]}}
    if transport is not None:
        kwargs["transport"] = transport
    return replicate.Client(
        api_token=api_token,
        base_url=base_url,
        timeout=timeout or httpx.Timeout(30.0, connect=10.0),
        **kwargs,
    )


def file_link(path: Path, media: MediaStore | None = None) -> str:
    """A link a model can fetch: the store's presigned URL for a remote store, else a data URL."""
    locate = getattr(media, "location_of", None)
    if media is not None and callable(locate):
        location = locate(Path(path))
        if location:
            return media.url(location)
    data = Path(path).read_bytes()
    mime = mimetypes.guess_type(str(path))[0] or "image/png"
    if len(data) > MAX_DATA_URL_BYTES and mime.startswith("image/"):
        # Large frames are re-encoded as JPEG so the request stays small.
        buf = io.BytesIO()
        Image.open(io.BytesIO(data)).convert("RGB").save(buf, "JPEG", quality=90)
        data, mime = buf.getvalue(), "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# ── The model registries (config/video_models.yaml, config/image_models.yaml) ─────────────────────

REPLICATE_PAGE = "https://replicate.com/"


def check_schema_source(model: str, source: str) -> None:
    """An entry's `schema_source` must be its own model's Replicate page (the schema we follow)."""
    if source.rstrip("/") != f"{REPLICATE_PAGE}{model}":
        raise ValueError(f"{model}: schema_source should be {REPLICATE_PAGE}{model}, not {source}")


def registry_error(path: Path, exc: ValidationError) -> ConfigError:
    """The registry's first problem as a ConfigError naming the file, the model entry and the key."""
    err = exc.errors()[0]
    loc = [str(part) for part in err["loc"]]
    where = str(path)
    if len(loc) > 1 and loc[0] == "models":
        where, loc = f"{path}, model {loc[1]}", loc[2:]
    key = ".".join(loc)
    if err["type"] == "extra_forbidden":
        return ConfigError(f"{where}: unknown key {key!r}")
    return ConfigError(f"{where}: {key + ': ' if key else ''}{err['msg']}")


@dataclass
class ReplicateRunner:
    """Creates predictions (retried), polls them, cancels them and fetches their outputs."""

    client: replicate.Client
    http: httpx.Client
    limiter: InFlightLimiter
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    poll_interval_s: float = 2.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    secrets: Sequence[str] = ()

    # ── errors ──
    def _translate(self, exc: Exception) -> Exception:
        import httpx
        from replicate.exceptions import ReplicateError

        if isinstance(exc, ReplicateError):
            detail = " ".join(x for x in (exc.title, exc.detail) if x)
            retry_after = parse_retry_after(getattr(_last_response, "retry_after", None))
            return error_for_status(
                exc.status or 500,
                detail,
                provider=PROVIDER,
                key_var=KEY_VAR,
                credential="token",
                retry_after=retry_after,
                secrets=self.secrets,
            )
        if isinstance(exc, httpx.HTTPStatusError):
            return error_for_status(
                exc.response.status_code,
                exc.response.text[:200],
                provider=PROVIDER,
                key_var=KEY_VAR,
                credential="token",
                retry_after=parse_retry_after(exc.response.headers.get("retry-after")),
                secrets=self.secrets,
            )
        if isinstance(exc, (httpx.TimeoutException, httpx.TransportError)):
            return TransientError(f"{PROVIDER} could not be reached ({type(exc).__name__})")
        return exc

    def _call(self, fn: Callable[[], Any], what: str) -> Any:
        import httpx
        from replicate.exceptions import ReplicateError

        def once() -> Any:
            _last_response.retry_after = None
            try:
                return fn()
            except (ReplicateError, httpx.HTTPError) as exc:
                raise self._translate(exc) from None

        try:
            return call_with_retries(once, self.policy, what)
        except ProviderError as exc:
            exc.provider = exc.provider or PROVIDER
            raise

    # ── the life of a prediction ──
    def create(self, model: str, inputs: dict[str, Any]) -> Prediction:
        """Start a prediction on the model's latest version, retrying 429, 5xx and timeouts."""
        return self._call(
            lambda: self.client.predictions.create(model=model, input=inputs), f"Starting {model}"
        )

    def get(self, prediction_id: str) -> Prediction:
        """A prediction started earlier (by this process or one that stopped)."""
        return self._call(lambda: self.client.predictions.get(prediction_id), "Checking a prediction")

    def cancel(self, prediction: Prediction) -> None:
        """Ask Replicate to stop a prediction (best effort: the person already asked to stop)."""
        import httpx
        from replicate.exceptions import ReplicateError

        try:
            self.client.predictions.cancel(prediction.id)
            log.info("Cancelled prediction %s at Replicate", prediction.id)
        except (ReplicateError, httpx.HTTPError) as exc:
            log.warning("Could not cancel prediction %s: %s", prediction.id, self._translate(exc))

    def wait(
        self,
        prediction: Prediction,
        typical_s: float,
        run: Run,
    ) -> Prediction:
        """Poll until the prediction ends; progress from its tqdm logs, else elapsed vs typical time."""
        started = self.clock()
        while prediction.status not in ("succeeded", "failed", "canceled"):
            if run.cancelled():
                self.cancel(prediction)
                raise Cancelled("Stopped by the person: the prediction was cancelled at Replicate.")
            run.progress(*self._progress(prediction, self.clock() - started, typical_s))
            self.sleep(self.poll_interval_s)
            prediction = self._call(
                lambda pid=prediction.id: self.client.predictions.get(pid), "Checking a prediction"
            )
        if prediction.status == "failed":
            raise self._failure(prediction)
        if prediction.status == "canceled":
            raise Cancelled(f"The prediction {prediction.id} was cancelled at Replicate.")
        return prediction

    @staticmethod
    def _progress(prediction: Prediction, elapsed: float, typical_s: float) -> tuple[float, str]:
        progress = prediction.progress
        if progress is not None:
            return min(progress.percentage, 0.99), f"{progress.current}/{progress.total} steps"
        if prediction.status == "starting":
            return 0.0, "Waiting for the model to start"
        # Without a percentage in the logs, elapsed time against the model's usual time, capped below 1.
        return min(elapsed / max(typical_s, 1.0), 0.95), f"Rendering ({elapsed:.0f} s)"

    def _failure(self, prediction: Prediction) -> ProviderError:
        error = scrub(str(prediction.error or "no reason given"), self.secrets)[:300]
        if looks_like_safety_refusal(error):
            return ContentRefused(
                f"Replicate's safety filter refused this request ({error}). Reword the prompt and try again.",
                provider=PROVIDER,
            )
        return ProviderError(
            f"The prediction {prediction.id} on {prediction.model} failed: {error}",
            provider=PROVIDER,
            retryable=True,
        )

    # ── outputs ──
    def download(self, output: Any, dest: Path) -> Path:
        """Write the prediction's (first) output to dest: a URL string, a data URL or a file object."""
        if isinstance(output, (list, tuple)):
            if not output:
                raise ProviderError("The model returned no output.", provider=PROVIDER, retryable=True)
            output = output[0]
        dest.parent.mkdir(parents=True, exist_ok=True)
        url = output if isinstance(output, str) else getattr(output, "url", None)
        if isinstance(url, str) and url.startswith("data:"):
            dest.write_bytes(base64.b64decode(url.split(",", 1)[1]))
        elif isinstance(url, str) and url.startswith(("http://", "https://")):
            self._call(lambda: self._stream_to(url, dest), "Downloading the output")
        elif hasattr(output, "read"):
            dest.write_bytes(output.read())
        else:
            raise ProviderError(
                f"The model returned an output we cannot read: {type(output).__name__}", provider=PROVIDER
            )
        return dest

    def _stream_to(self, url: str, dest: Path) -> None:
        part = dest.with_name(dest.name + ".part")
        with self.http.stream("GET", url) as response:
            response.raise_for_status()
            with part.open("wb") as fh:
                for chunk in response.iter_bytes():
                    fh.write(chunk)
        part.replace(dest)


# ── ffmpeg checks on downloaded clips ────────────────────────────────────────────────────────────


def probe_duration(path: Path) -> float:
    """The duration of a downloaded clip in seconds; RenderError when it is not a playable video."""
    duration = probe(path).duration_s
    if duration <= 0:
        raise RenderError(f"{path.name} is not a playable video (ffmpeg found no duration).")
    return duration


def extract_last_frame(video: Path, out_png: Path) -> Path | None:
    """The clip's last frame as PNG (for the next continuous scene), or None if ffmpeg cannot read it."""
    run = subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-sseof",
            "-0.5",
            "-i",
            str(video),
            "-update",
            "1",
            str(out_png),
        ],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0 or not out_png.is_file():
        log.warning("Could not take the last frame of %s: %s", video.name, run.stderr.strip()[:200])
        return None
    return out_png
