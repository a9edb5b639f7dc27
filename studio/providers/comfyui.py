"""Pictures and clips from a ComfyUI server (the person's own GPU): a workflow submitted over its HTTP API.

The wire contract, read on 2026-12-07 from ComfyUI's own source (github.com/comfyanonymous/ComfyUI:
server.py, execution.py, main.py `hijack_progress`, comfy_api/latest/_ui.py, comfy_extras/nodes_video.py
and nodes_lt.py):

- `POST /prompt` `{"prompt": <API-format workflow>, "client_id": id}` -> `{"prompt_id", "number",
  "node_errors"}`; a workflow that fails validation -> 400 `{"error": {"type", "message", "details"},
  "node_errors": {node_id: {"errors": [{"message", "details", ...}], "class_type"}}}`.
- `GET /history/{prompt_id}` -> `{}` until the prompt ends, then `{prompt_id: {"outputs": {node_id:
  {"images": [{"filename", "subfolder", "type"}], "animated": [true]}}, "status": {"status_str":
  "success" | "error", "completed", "messages": [[event, data], ...]}}}`. SaveVideo's file is under
  "images" too (with "animated"); VideoHelperSuite's under "gifs".
- `GET /view?filename=&subfolder=&type=` -> the file. `POST /upload/image` (multipart: image, type,
  subfolder, overwrite) -> `{"name", "subfolder", "type"}`; LoadImage takes "subfolder/name".
- `GET /ws?clientId=id` -> JSON messages for the prompts submitted with that client id:
  `{"type": "progress", "data": {"value", "max", "prompt_id", "node"}}`, `executing` (node null: done),
  `execution_success`, `execution_error`, `execution_interrupted`; binary preview frames (ignored).
- `GET /queue` -> `{"queue_running": [[number, prompt_id, ...]], "queue_pending": [...]}`;
  `POST /queue {"delete": [prompt_id]}` drops a pending prompt; `POST /interrupt {"prompt_id"}` stops it
  when it is the running one (without an id ComfyUI stops whatever runs, so the id is always sent).
- `GET /object_info` -> every node class's inputs and outputs; `GET /system_stats` -> version, devices.

The end of a prompt and its files are read from /history, which is authoritative. Step progress comes
over the websocket, with `websockets`' sync client (Streamlit already installs it: no new dependency);
where the socket cannot be opened (an old proxy) the adapter polls /queue and reports the wait and the
elapsed time instead. Start-up checks (/system_stats, /object_info) belong to `doctor`, never here.

The workflows are templates in config/comfyui/ (templates.yaml says which node input takes the prompt,
the seed, the size, the frames and the start image); a mapping that points at no node is refused when
the adapter is built. A local GPU bills nothing: every call is metered at 0 USD.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import hashlib
import io
import json
import logging
import math
import secrets
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from studio.config import CONFIG_DIR, Settings
from studio.errors import Cancelled, ConfigError, ProviderError, RenderError
from studio.providers.catalogue import read_yaml
from studio.providers.ports import ClipRequest, ClipResult, GeneratedImage, ImageRequest
from studio.providers.retry import RetryPolicy, TransientError, call_with_retries, error_for_status
from studio.run import Run

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)
PROVIDER = "ComfyUI"
URL_VAR = "STUDIO_COMFYUI_URL"
COMFYUI_DIR = CONFIG_DIR / "comfyui"
TEMPLATES_PATH = COMFYUI_DIR / "templates.yaml"
SEED_LIMIT = 2**32
"""Seeds drawn when a request brings none: within every sampler's range."""

Kind = Literal["image", "video"]
Role = Literal["prompt", "negative_prompt", "seed", "width", "height", "frames", "fps", "start_image"]
REQUIRED: dict[str, tuple[str, ...]] = {
    "image": ("prompt", "seed", "width", "height"),
    "video": ("prompt", "seed", "width", "height", "frames", "start_image"),
}
"""The values the studio must be able to fill into each kind of workflow."""
OUTPUT_KEYS = ("images", "gifs", "videos", "video")
"""Where a node's saved files are listed in /history (SaveImage, SaveVideo: images; VHS: gifs)."""


# ── the templates (config/comfyui/) ──────────────────────────────────────────────────────────────


class TemplateSpec(BaseModel):
    """One entry of templates.yaml: the workflow file and which node input takes which value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    """What the workflow runs, in words (the page, doctor and the clip's record name it)."""
    workflow: str
    inputs: dict[Role, str | list[str]]
    negative_prompt: str = ""
    size_multiple: int = Field(default=8, ge=1)
    max_side: int | None = Field(default=None, ge=64)
    fps: float | None = Field(default=None, gt=0)
    frame_step: int = Field(default=1, ge=1)
    min_frames: int = Field(default=1, ge=1)
    max_frames: int | None = Field(default=None, ge=1)
    output: str | None = None
    """The node whose saved file is the result (None: the first node that saved one)."""
    typical_s: float = Field(default=60, gt=0)
    """A usual run, for progress while no step count arrives."""
    timeout_s: float = Field(default=900, gt=0)
    """From submission (queue time included) to the result: past it the prompt is stopped."""


@dataclass(frozen=True)
class Workflow:
    """A checked template: its spec, its API-format graph and where it came from."""

    kind: Kind
    spec: TemplateSpec
    graph: dict[str, Any]
    path: Path

    def targets(self, role: str) -> list[tuple[str, str]]:
        """The (node id, input name) pairs that take `role` (none when the template does not map it)."""
        mapped = self.spec.inputs.get(role)  # type: ignore[call-overload]
        names = [mapped] if isinstance(mapped, str) else list(mapped or [])
        return [tuple(name.split(".", 1)) for name in names]  # type: ignore[misc]

    def fill(self, values: dict[str, Any]) -> dict[str, Any]:
        """A copy of the graph with each value in the inputs its role is mapped to."""
        graph = copy.deepcopy(self.graph)
        for role, value in values.items():
            for node, name in self.targets(role):
                graph[node]["inputs"][name] = value
        return graph

    def filled_inputs(self) -> set[tuple[str, str]]:
        return {target for role in self.spec.inputs for target in self.targets(role)}


def load_workflow(kind: Kind, path: Path = TEMPLATES_PATH) -> Workflow:
    """The `kind` template of templates.yaml with its workflow, checked: ConfigError says what to fix."""
    data = read_yaml(path, "the ComfyUI templates")
    if not isinstance(data, dict) or kind not in data:
        raise ConfigError(f"{path} has no `{kind}` template")
    try:
        spec = TemplateSpec.model_validate(data[kind])
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{path}, {kind}: {where}: {err['msg']}") from None
    graph_path = path.parent / spec.workflow
    try:
        graph = json.loads(graph_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}, {kind}: cannot read the workflow {graph_path}: {exc.strerror}") from None
    except ValueError as exc:
        raise ConfigError(f"{graph_path} is not JSON: {exc}") from None
    _check_graph(graph, graph_path)
    workflow = Workflow(kind, spec, graph, graph_path)
    _check_mapping(workflow, path)
    return workflow


def _check_graph(graph: Any, where: Path) -> None:
    """An API-format workflow: node id -> {"class_type", "inputs"} (the UI's format has "nodes", "links")."""
    if not isinstance(graph, dict) or "nodes" in graph or not graph:
        raise ConfigError(
            f"{where} is not a ComfyUI workflow in API format: in ComfyUI use Workflow > Export (API)"
        )
    for node_id, node in graph.items():
        if not isinstance(node, dict) or not isinstance(node.get("class_type"), str):
            raise ConfigError(
                f"{where}: node {node_id} has no class_type (export the workflow in API format)"
            )
        if not isinstance(node.get("inputs"), dict):
            raise ConfigError(f"{where}: node {node_id} ({node['class_type']}) has no inputs")


def _check_mapping(workflow: Workflow, where: Path) -> None:
    spec, graph, kind = workflow.spec, workflow.graph, workflow.kind
    name = workflow.path.name
    missing = [role for role in REQUIRED[kind] if role not in spec.inputs]
    if missing:
        raise ConfigError(
            f"{where}, {kind}: no node is mapped for {', '.join(missing)}: the studio cannot fill "
            f"them into {name}. Add them under `inputs` as node_id.input_name."
        )
    for role, mapped in spec.inputs.items():
        for target in [mapped] if isinstance(mapped, str) else mapped:
            node_id, dot, input_name = target.partition(".")
            if not dot or not node_id or not input_name:
                raise ConfigError(
                    f"{where}, {kind}: inputs.{role} is {target!r}: write it as node_id.input_name"
                )
            node = graph.get(node_id)
            if node is None:
                raise ConfigError(
                    f"{where}, {kind}: inputs.{role} points at node {node_id}, which {name} does not have "
                    f"(its nodes: {', '.join(sorted(graph, key=_node_order))})"
                )
            inputs = node["inputs"]
            if input_name not in inputs:
                raise ConfigError(
                    f"{where}, {kind}: inputs.{role} points at input {input_name!r} of node {node_id} "
                    f"({node['class_type']}), which has none (its inputs: {', '.join(inputs)})"
                )
            if isinstance(inputs[input_name], list):
                raise ConfigError(
                    f"{where}, {kind}: inputs.{role} points at {target}, which is linked to another node in "
                    f"{name}: point it at a widget value"
                )
    if spec.output is not None and spec.output not in graph:
        raise ConfigError(f"{where}, {kind}: output is node {spec.output}, which {name} does not have")


def _node_order(node_id: str) -> tuple[int, str]:
    return (int(node_id), node_id) if node_id.isdigit() else (1 << 30, node_id)


def fit_size(width: int, height: int, multiple: int, max_side: int | None) -> tuple[int, int]:
    """The frame size the workflow gets: within max_side, each side a multiple of `multiple`."""
    scale = min(1.0, max_side / max(width, height)) if max_side else 1.0

    def side(x: int) -> int:
        return max(multiple, round(x * scale / multiple) * multiple)

    return side(width), side(height)


def frame_count(seconds: float, fps: float, spec: TemplateSpec) -> int:
    """Frames for `seconds` at `fps`: step*k+1 (what LTX-Video and Wan take), within the template's limits."""
    step = spec.frame_step
    wanted = max(1, round(seconds * fps))
    frames = math.ceil((wanted - 1) / step) * step + 1
    lowest = math.ceil((spec.min_frames - 1) / step) * step + 1
    frames = max(frames, lowest)
    if spec.max_frames is not None:
        frames = min(frames, max(lowest, (spec.max_frames - 1) // step * step + 1))
    return frames


# ── the server's address ─────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class ComfyAddress:
    """STUDIO_COMFYUI_URL taken apart: a login or a query (a proxy's token) never reaches a log."""

    base: str
    """scheme://host[:port][/path], no login, no query."""
    auth: tuple[str, str] | None = None
    params: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, url: str) -> ComfyAddress:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{URL_VAR} should be an http(s) address like http://127.0.0.1:8188")
        netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        if parts.port:
            netloc += f":{parts.port}"
        base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))
        auth = (parts.username or "", parts.password or "") if parts.username else None
        return cls(base, auth, dict(parse_qsl(parts.query)))

    @property
    def shown(self) -> str:
        """The address for a page, a log or doctor: a login and query values as ***."""
        parts = urlsplit(self.base)
        netloc = f"{self.auth[0]}:***@{parts.netloc}" if self.auth else parts.netloc
        query = "&".join(f"{k}=***" for k in self.params)
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))

    @property
    def secrets(self) -> list[str]:
        return [v for v in [*(self.auth or ()), *self.params.values()] if len(v) > 2]

    def ws_url(self, client_id: str) -> str:
        scheme = "wss" if self.base.startswith("https") else "ws"
        query = "&".join(f"{quote(k)}={quote(v)}" for k, v in {**self.params, "clientId": client_id}.items())
        return f"{scheme}{self.base[self.base.index(':'):]}/ws?{query}"

    def headers(self) -> dict[str, str]:
        if not self.auth:
            return {}
        token = base64.b64encode(f"{self.auth[0]}:{self.auth[1]}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}


# ── progress over the websocket ──────────────────────────────────────────────────────────────────


class _Feed:
    """ComfyUI's websocket for one client id; without one, `wait` only sleeps."""

    def __init__(self, url: str | None, headers: dict[str, str], sleep: Callable[[float], None],
                 clock: Callable[[], float], shown: str) -> None:
        self._ws: Any = None
        self._stack = contextlib.ExitStack()
        self._sleep, self._clock = sleep, clock
        if url is None:
            return
        try:
            from websockets.sync.client import connect

            # Entered as a context manager: the way every websockets version supports without a warning.
            self._ws = self._stack.enter_context(connect(
                url, additional_headers=headers or None, open_timeout=5, close_timeout=1, max_size=None
            ))
        except Exception as exc:  # no websocket here (a proxy that does not pass it): /queue and /history
            log.info("ComfyUI at %s: no progress websocket (%s); following /queue and /history",
                     shown, type(exc).__name__)

    @property
    def live(self) -> bool:
        return self._ws is not None

    def wait(self, seconds: float) -> list[dict[str, Any]]:
        """The JSON messages that arrive within `seconds` (0: those already here; binary previews dropped)."""
        if self._ws is None:
            self._sleep(seconds)
            return []
        out: list[dict[str, Any]] = []
        deadline = self._clock() + seconds
        while True:
            try:
                message = self._ws.recv(timeout=max(0.0, deadline - self._clock()))
            except TimeoutError:
                break
            except Exception as exc:  # the socket closed: carry on with /history alone
                log.info("ComfyUI's progress websocket closed (%s)", type(exc).__name__)
                self.close()
                self._sleep(max(0.0, deadline - self._clock()))
                break
            if isinstance(message, str):
                try:
                    parsed = json.loads(message)
                except ValueError:
                    continue
                if isinstance(parsed, dict):
                    out.append(parsed)
        return out

    def close(self) -> None:
        self._ws = None
        try:
            self._stack.close()
        except Exception:  # closing a dead socket
            pass


# ── the client ───────────────────────────────────────────────────────────────────────────────────


def describe_node_errors(body: Any, graph: dict[str, Any]) -> str:
    """ComfyUI's validation answer in one line: each node, its class, what is wrong with which input."""
    parts: list[str] = []
    node_errors = body.get("node_errors") if isinstance(body, dict) else None
    for node_id, info in (node_errors or {}).items() if isinstance(node_errors, dict) else []:
        cls = (info or {}).get("class_type") or graph.get(node_id, {}).get("class_type", "?")
        for err in (info or {}).get("errors") or []:
            detail = f": {err.get('details')}" if err.get("details") else ""
            parts.append(f"node {node_id} ({cls}) {err.get('message', 'is invalid')}{detail}")
    error = body.get("error") if isinstance(body, dict) else body
    if not parts and error:
        if isinstance(error, dict):
            detail = f": {error.get('details')}" if error.get("details") else ""
            parts.append(f"{error.get('message') or error.get('type') or 'invalid prompt'}{detail}")
        else:
            parts.append(str(error))
    return "; ".join(parts)[:700] or "no reason given"


class ComfyClient:
    """ComfyUI's HTTP API: upload, submit, follow, fetch, stop; each call retried as the other adapters do."""

    def __init__(
        self,
        url: str,
        *,
        http: httpx.Client | None = None,
        policy: RetryPolicy | None = None,
        poll_interval_s: float = 1.0,
        queue_check_s: float = 5.0,
        websocket: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        import httpx

        self.address = ComfyAddress.parse(url)
        self.http = http or httpx.Client(
            auth=self.address.auth, params=self.address.params, timeout=httpx.Timeout(60.0, connect=5.0)
        )
        self.policy = policy or RetryPolicy()
        self.poll_interval_s = poll_interval_s
        self.queue_check_s = queue_check_s
        """With the socket open, how often /queue is read to notice a prompt ComfyUI dropped."""
        self.websocket = websocket
        self.sleep, self.clock = sleep, clock

    @property
    def shown(self) -> str:
        return self.address.shown

    # ── HTTP with retries ──
    def _request(self, method: str, path: str, what: str, **kwargs: Any) -> httpx.Response:
        import httpx

        def once() -> httpx.Response:
            try:
                response = self.http.request(method, self.address.base + path, **kwargs)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                raise TransientError(
                    f"ComfyUI at {self.shown} could not be reached ({type(exc).__name__}): is it running? "
                    f"Check {URL_VAR}"
                ) from None
            if response.status_code >= 400:
                raise error_for_status(
                    response.status_code, response.text[:300], provider=PROVIDER, key_var=URL_VAR,
                    credential="login", secrets=self.address.secrets,
                )
            return response

        try:
            return call_with_retries(once, self.policy, what)
        except ProviderError as exc:
            exc.provider = exc.provider or PROVIDER
            raise

    def _json(self, method: str, path: str, what: str, **kwargs: Any) -> Any:
        response = self._request(method, path, what, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise ProviderError(f"ComfyUI at {self.shown} answered {path} with something that is not JSON",
                                provider=PROVIDER, retryable=True) from None

    # ── what doctor asks ──
    def system_stats(self) -> dict[str, Any]:
        return self._json("GET", "/system_stats", "Reading ComfyUI's system stats")

    def object_info(self) -> dict[str, Any]:
        return self._json("GET", "/object_info", "Reading ComfyUI's node classes")

    # ── one prompt ──
    def upload(self, path: Path) -> str:
        """Upload a start frame to ComfyUI's input folder; the value LoadImage takes ("studio/<name>")."""
        data = Path(path).read_bytes()
        suffix = Path(path).suffix.lower() or ".png"
        name = f"{hashlib.sha1(data).hexdigest()[:16]}{suffix}"  # same bytes, same name: uploaded once
        mime = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}.get(suffix, "image/png")
        answer = self._json(
            "POST", "/upload/image", "Uploading the start frame to ComfyUI",
            files={"image": (name, data, mime)},
            data={"type": "input", "subfolder": "studio", "overwrite": "true"},
        )
        stored = str(answer.get("name") or name)
        subfolder = str(answer.get("subfolder") or "")
        return f"{subfolder}/{stored}" if subfolder else stored

    def submit(self, workflow: Workflow, graph: dict[str, Any], client_id: str) -> str:
        """Queue the graph; a workflow ComfyUI refuses is a ProviderError naming each node and what to fix."""
        import httpx

        def refused(body: Any) -> ProviderError:
            return ProviderError(
                f"ComfyUI refused the workflow {workflow.path.name}: {describe_node_errors(body, graph)}. "
                f"Install what it names in ComfyUI (a model file, a custom node) or change the node in "
                f"{workflow.path}.",
                provider=PROVIDER,
            )

        def once() -> dict[str, Any]:
            try:
                response = self.http.post(self.address.base + "/prompt",
                                          json={"prompt": graph, "client_id": client_id})
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # nothing was queued: safe to retry
                raise TransientError(
                    f"ComfyUI at {self.shown} could not be reached ({type(exc).__name__}): is it running? "
                    f"Check {URL_VAR}"
                ) from None
            except httpx.HTTPError as exc:  # it may have been queued: not sent twice
                raise ProviderError(f"Sending the workflow to ComfyUI failed ({type(exc).__name__})",
                                    provider=PROVIDER, retryable=True) from None
            if response.status_code == 400:
                try:
                    raise refused(response.json())
                except ValueError:
                    raise refused(response.text[:300]) from None
            if response.status_code >= 400:
                raise error_for_status(
                    response.status_code, response.text[:300], provider=PROVIDER, key_var=URL_VAR,
                    credential="login", secrets=self.address.secrets,
                )
            return response.json()

        try:
            answer = call_with_retries(once, self.policy, "Sending the workflow to ComfyUI")
        except ProviderError as exc:
            exc.provider = exc.provider or PROVIDER
            raise
        prompt_id = str(answer.get("prompt_id") or "")
        if not prompt_id:
            raise ProviderError(f"ComfyUI queued the workflow but sent no prompt_id: {str(answer)[:200]}",
                                provider=PROVIDER, retryable=True)
        if answer.get("node_errors"):  # queued, but some outputs will not run: not what was asked
            self.stop(prompt_id)
            raise refused(answer)
        return prompt_id

    def history(self, prompt_id: str) -> dict[str, Any] | None:
        """The prompt's history entry once it has ended (None while queued or running)."""
        answer = self._json("GET", f"/history/{quote(prompt_id)}", "Checking the prompt at ComfyUI")
        entry = answer.get(prompt_id) if isinstance(answer, dict) else None
        return entry if isinstance(entry, dict) else None

    def queue_place(self, prompt_id: str) -> tuple[str | None, int]:
        """("running" | "pending" | None, how many prompts are ahead of it)."""
        answer = self._json("GET", "/queue", "Reading ComfyUI's queue")
        running = [item[1] for item in answer.get("queue_running") or [] if len(item) > 1]
        pending = sorted((item for item in answer.get("queue_pending") or [] if len(item) > 1),
                         key=lambda item: item[0])
        if prompt_id in running:
            return "running", 0
        ids = [item[1] for item in pending]
        if prompt_id in ids:
            return "pending", len(running) + ids.index(prompt_id)
        return None, 0

    def stop(self, prompt_id: str) -> None:
        """Drop the prompt from the queue and interrupt it if it runs (best effort, not retried)."""
        import httpx

        for path, body in (("/queue", {"delete": [prompt_id]}), ("/interrupt", {"prompt_id": prompt_id})):
            try:
                self.http.post(self.address.base + path, json=body, timeout=10.0).raise_for_status()
            except httpx.HTTPError as exc:
                log.warning("ComfyUI at %s: %s for prompt %s failed (%s)", self.shown, path, prompt_id,
                            type(exc).__name__)
        log.info("Stopped prompt %s at ComfyUI %s", prompt_id, self.shown)

    def fetch(self, ref: dict[str, Any], dest: Path) -> Path:
        """Download one saved file (a /history file entry) to dest, through a .part file."""
        import httpx

        params = {"filename": str(ref.get("filename", "")), "subfolder": str(ref.get("subfolder", "")),
                  "type": str(ref.get("type") or "output")}
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")

        def once() -> None:
            try:
                with self.http.stream("GET", self.address.base + "/view", params=params) as response:
                    if response.status_code >= 400:
                        response.read()
                        raise error_for_status(
                            response.status_code, response.text[:300], provider=PROVIDER, key_var=URL_VAR,
                            credential="login", secrets=self.address.secrets,
                        )
                    with part.open("wb") as fh:
                        for chunk in response.iter_bytes():
                            fh.write(chunk)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                raise TransientError(f"Downloading from ComfyUI failed ({type(exc).__name__})") from None
            part.replace(dest)

        try:
            call_with_retries(once, self.policy, f"Downloading {params['filename']} from ComfyUI")
        except ProviderError as exc:
            exc.provider = exc.provider or PROVIDER
            raise
        finally:
            part.unlink(missing_ok=True)
        return dest

    def feed(self, client_id: str | None) -> _Feed:
        """The progress socket of `client_id` (None: none, progress from /queue)."""
        url = self.address.ws_url(client_id) if self.websocket and client_id else None
        return _Feed(url, self.address.headers(), self.sleep, self.clock, self.shown)

    # ── run one workflow to its end ──
    def run(
        self, workflow: Workflow, values: dict[str, Any], run: Run, label: str
    ) -> tuple[str, dict[str, Any]]:
        """Submit the filled workflow and follow it to its end: (prompt id, history entry)."""
        client_id = uuid.uuid4().hex
        feed = self.feed(client_id)  # before the prompt: its first messages are not missed
        try:
            run.progress(0.0, f"{label}: sending the workflow to ComfyUI")
            prompt_id = self.submit(workflow, workflow.fill(values), client_id)
            run.report_prediction(prompt_id)
            log.info("%s: prompt %s at ComfyUI %s (%s)", label, prompt_id, self.shown, workflow.path.name)
            return prompt_id, self.follow(prompt_id, feed, run, workflow.spec, label)
        finally:
            feed.close()

    def follow(self, prompt_id: str, feed: _Feed, run: Run, spec: TemplateSpec, label: str) -> dict[str, Any]:
        """Wait for the prompt's end: progress to the run, Stop and the timeout stop it at ComfyUI."""
        started = self.clock()
        begun: float | None = None
        queue_read = started
        while True:
            if run.cancelled():
                self.stop(prompt_id)
                raise Cancelled("Stopped by the person: the prompt was stopped at ComfyUI.")
            elapsed = self.clock() - started
            if elapsed > spec.timeout_s:
                self.stop(prompt_id)
                raise ProviderError(
                    f"{label}: ComfyUI did not finish in {spec.timeout_s:.0f} s, so the prompt was stopped. "
                    f"Raise timeout_s in {TEMPLATES_PATH.name} for a slow GPU, or lower the steps or size.",
                    provider=PROVIDER, retryable=True,
                )
            begun = self._take(feed.wait(self.poll_interval_s), prompt_id, run, label, begun)
            entry = self.history(prompt_id)
            if entry is not None:
                self._take(feed.wait(0), prompt_id, run, label, begun)  # the last steps, sent before the end
                return self.ended(entry, prompt_id, run, label)
            if feed.live and self.clock() - queue_read < self.queue_check_s:
                continue
            queue_read = self.clock()
            place, ahead = self.queue_place(prompt_id)
            if place is None:  # neither queued nor running: ended in between, or lost
                entry = self.history(prompt_id)
                if entry is not None:
                    return self.ended(entry, prompt_id, run, label)
                raise ProviderError(
                    f"{label}: ComfyUI no longer has the prompt {prompt_id} (was it restarted, or its queue "
                    "cleared?); try again",
                    provider=PROVIDER, retryable=True,
                )
            if not feed.live:
                begun = self._progress_from_queue(place, ahead, run, spec, label, begun)

    def _take(self, messages: list[dict[str, Any]], prompt_id: str, run: Run, label: str,
              begun: float | None) -> float | None:
        """Report the prompt's steps from its socket messages; when it began running."""
        for message in messages:
            data = message.get("data") if isinstance(message.get("data"), dict) else {}
            if data.get("prompt_id") != prompt_id:
                continue
            kind = message.get("type")
            if kind == "progress" and data.get("max"):
                begun = begun or self.clock()
                value, most = float(data.get("value") or 0), float(data["max"])
                run.progress(min(value / most, 0.99), f"{label}: step {int(value)}/{int(most)} at ComfyUI")
            elif kind in ("execution_start", "executing") and begun is None:
                begun = self.clock()
                run.progress(0.0, f"{label}: started at ComfyUI")
        return begun

    def _progress_from_queue(self, place: str, ahead: int, run: Run, spec: TemplateSpec, label: str,
                             begun: float | None) -> float | None:
        if place == "pending":
            run.progress(0.0, f"{label}: waiting in ComfyUI's queue ({ahead} ahead)")
        elif place == "running":
            begun = begun or self.clock()
            running_s = self.clock() - begun
            said = f"{label}: rendering at ComfyUI ({running_s:.0f} s)"
            run.progress(min(running_s / spec.typical_s, 0.95), said)
        return begun

    def ended(self, entry: dict[str, Any], prompt_id: str, run: Run, label: str) -> dict[str, Any]:
        status = entry.get("status") if isinstance(entry.get("status"), dict) else {}
        if status.get("status_str", "success") == "success":
            return entry
        messages = status.get("messages") or []
        events = {m[0]: m[1] for m in messages if isinstance(m, list | tuple) and len(m) == 2}
        if "execution_interrupted" in events:
            if run.cancelled():
                raise Cancelled("Stopped by the person: the prompt was stopped at ComfyUI.")
            raise ProviderError(f"{label}: the prompt {prompt_id} was interrupted at ComfyUI (someone "
                                "stopped it there); try again", provider=PROVIDER, retryable=True)
        error = events.get("execution_error") or {}
        node = error.get("node_id")
        where = f"node {node} ({error.get('node_type')})" if node else "a node"
        what = error.get("exception_message") or "no reason given"
        raise ProviderError(
            f"{label}: ComfyUI failed at {where}: {str(what).strip()[:300]}. Check that node in the "
            "workflow and ComfyUI's console (a missing model, too little GPU memory for the size or frames)",
            provider=PROVIDER, retryable=True,
        )


def saved_files(entry: dict[str, Any], output: str | None) -> list[dict[str, Any]]:
    """The files the output node saved (or, without one named, every saved file), outputs before temps."""
    outputs = entry.get("outputs") if isinstance(entry.get("outputs"), dict) else {}
    nodes = [output] if output is not None else sorted(outputs, key=_node_order)
    files = [
        ref
        for node in nodes
        for key in OUTPUT_KEYS
        for ref in (outputs.get(node) or {}).get(key) or []
        if isinstance(ref, dict) and ref.get("filename")
    ]
    return sorted(files, key=lambda ref: ref.get("type") != "output")


# ── the adapters ─────────────────────────────────────────────────────────────────────────────────


class _ComfyAdapter:
    max_parallel = 2
    """ComfyUI runs one prompt at a time: one running and one queued keep the GPU busy, no more waits."""

    kind: Kind

    def __init__(self, client: ComfyClient, workflow: Workflow | None = None) -> None:
        self.client = client
        self.workflow = workflow or load_workflow(self.kind)
        self.model = self.workflow.spec.model
        self.name = f"ComfyUI {self.model} at {client.shown}"

    def _seed(self, seed: int | None) -> tuple[int, bool]:
        """The seed to send and whether it is the request's (else drawn: ComfyUI needs one)."""
        return (seed, True) if seed is not None else (secrets.randbelow(SEED_LIMIT), False)

    def _result_file(self, entry: dict[str, Any], label: str) -> dict[str, Any]:
        files = saved_files(entry, self.workflow.spec.output)
        if not files:
            node = self.workflow.spec.output or "any node"
            raise ProviderError(
                f"{label}: ComfyUI finished but {node} saved no file: the workflow {self.workflow.path.name} "
                "needs a Save node (SaveImage, SaveVideo) as its output",
                provider=PROVIDER,
            )
        return files[0]


class ComfyImage(_ComfyAdapter):
    """ImageModel on ComfyUI: the text-to-image template, seeded, sized to the request."""

    kind: Kind = "image"

    def generate(self, request: ImageRequest, run: Run) -> GeneratedImage:
        """One picture. The request's input images are not used: the template starts from text."""
        spec = self.workflow.spec
        width, height = fit_size(request.width, request.height, spec.size_multiple, spec.max_side)
        seed, _ = self._seed(request.seed)
        values = {"prompt": request.prompt, "negative_prompt": spec.negative_prompt, "seed": seed,
                  "width": width, "height": height}
        purpose = f"image {request.role}" if request.role else "image"
        with run.metered("comfyui", self.model, purpose) as call:
            _pid, entry = self.client.run(self.workflow, values, run, "The picture")
            ref = self._result_file(entry, "The picture")
            with tempfile.TemporaryDirectory(prefix="comfyui-") as tmp:
                picture = Path(tmp) / f"picture{Path(ref['filename']).suffix}"
                data = self.client.fetch(ref, picture).read_bytes()
            call.cost_usd = 0.0
        run.progress(1.0, "The picture is ready")
        return GeneratedImage(png=_as_png(data), model=self.model, seed=seed, cost_usd=0.0)


class ComfyVideo(_ComfyAdapter):
    """VideoModel on ComfyUI: the image-to-video template from the scene's start frame, with its seed."""

    kind: Kind = "video"
    needs_voice = False
    """The workflow hears nothing of the voiceover: the clip stage makes the voice meanwhile."""

    def render_clip(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Upload the start frame, run the workflow, fetch the clip as H.264 MP4, keep its last frame."""
        spec = self.workflow.spec
        label = f"Scene {request.scene.id}"
        start = request.start_frame or _best_reference(request)
        if start is None:
            raise ProviderError(
                f"{label}: the ComfyUI workflow {self.workflow.path.name} starts from an image and the scene "
                "has none: approve a storyboard frame or add a product image",
                provider=PROVIDER,
            )
        fps = spec.fps or float(request.fps)
        width, height = fit_size(request.width, request.height, spec.size_multiple, spec.max_side)
        frames = frame_count(request.scene.duration_s, fps, spec)
        seed, seed_applied = self._seed(request.seed)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        dest = out_dir / f"scene_{request.scene.id}.mp4"
        with run.metered("comfyui", self.model, f"clip scene {request.scene.id}") as call:
            entry, prompt_id = self._picked_up(request, run, label)
            if entry is None:
                values = {"prompt": request.prompt, "negative_prompt": spec.negative_prompt, "seed": seed,
                          "width": width, "height": height, "frames": frames, "fps": fps,
                          "start_image": self.client.upload(start)}
                prompt_id, entry = self.client.run(self.workflow, values, run, label)
            ref = self._result_file(entry, label)
            run.progress(0.99, f"{label}: fetching the clip from ComfyUI")
            fetched = out_dir / f".scene_{request.scene.id}_comfyui{Path(ref['filename']).suffix or '.mp4'}"
            try:
                self.client.fetch(ref, fetched)
                to_h264(fetched, dest, fps, label)
            except BaseException:
                dest.unlink(missing_ok=True)
                raise
            finally:
                fetched.unlink(missing_ok=True)
            call.cost_usd = 0.0
        from studio.providers.replicate_common import extract_last_frame, probe_duration

        duration = probe_duration(dest)
        last = extract_last_frame(dest, out_dir / f"scene_{request.scene.id}_last.png")
        run.progress(1.0, f"{label} ready")
        return ClipResult(path=dest, duration_s=duration, model=self.model, seed_applied=seed_applied,
                          last_frame=last, prediction_id=prompt_id, cost_usd=0.0)

    def _picked_up(self, request: ClipRequest, run: Run, label: str) -> tuple[dict[str, Any] | None, str]:
        """A prompt queued before the process stopped: its result if it ended well, followed if it still
        runs; (None, "") to start a new one."""
        prompt_id = request.resume_prediction_id
        if not prompt_id:
            return None, ""
        try:
            entry = self.client.history(prompt_id)
            if entry is not None:
                entry = self.client.ended(entry, prompt_id, run, label)
                return (entry, prompt_id) if saved_files(entry, self.workflow.spec.output) else (None, "")
            place, _ahead = self.client.queue_place(prompt_id)
            if place is None:
                return None, ""
            run.progress(0.0, f"{label}: picking up prompt {prompt_id} at ComfyUI")
            feed = self.client.feed(None)  # its steps go to the socket of the process that sent it
            try:
                return self.client.follow(prompt_id, feed, run, self.workflow.spec, label), prompt_id
            finally:
                feed.close()
        except Cancelled:
            raise
        except ProviderError as exc:
            log.warning("%s: prompt %s cannot be picked up at ComfyUI (%s); starting a new one",
                        label, prompt_id, exc)
            return None, ""


def _best_reference(request: ClipRequest) -> Path | None:
    """Without a start frame: the reference matching the scene's focus, else the first one."""
    for ref, path in zip(request.references, request.reference_paths, strict=False):
        if ref.kind == request.scene.focus:
            return path
    return request.reference_paths[0] if request.reference_paths else None


def to_h264(src: Path, dest: Path, fps: float, label: str) -> Path:
    """The fetched clip at dest as the studio's clips are: H.264 yuv420p MP4 (re-encoded when not)."""
    from studio.render.ffmpeg import encoder_args, probe, run_ffmpeg

    try:
        info = probe(src)
    except RenderError as exc:
        raise ProviderError(
            f"{label}: ComfyUI's {src.suffix or ''} file is not a video ffmpeg can read ({exc}); save the "
            "clip as MP4 (SaveVideo) in the workflow",
            provider=PROVIDER,
        ) from None
    if src.suffix.lower() == ".mp4" and (info.video_codec, info.pix_fmt) == ("h264", "yuv420p"):
        src.replace(dest)
        return dest
    part = dest.with_name(dest.name + ".part")
    try:
        run_ffmpeg(
            ["-i", str(src), "-an", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
             *encoder_args(fps=round(info.fps or fps)), "-movflags", "+faststart", "-f", "mp4", str(part)],
            what=f"re-encoding {label.lower()}'s ComfyUI clip to H.264",
        )
        part.replace(dest)
    finally:
        part.unlink(missing_ok=True)
    return dest


def _as_png(data: bytes) -> bytes:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return data
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            buf = io.BytesIO()
            im.convert("RGB").save(buf, "PNG")
            return buf.getvalue()
    except Exception as exc:
        raise ProviderError(f"ComfyUI's picture could not be read ({type(exc).__name__})", provider=PROVIDER,
                            retryable=True) from None


# ── building and checking ────────────────────────────────────────────────────────────────────────


def build_comfyui_providers(settings: Settings) -> tuple[ComfyImage, ComfyVideo]:
    """The image and video adapters on STUDIO_COMFYUI_URL, sharing one client (templates checked now)."""
    client = ComfyClient(settings.comfyui_url or "")
    return ComfyImage(client), ComfyVideo(client)


def _combo_options(spec: Any) -> list[Any] | None:
    """The allowed values of a node input in /object_info, when it is a list (a model file, a sampler)."""
    if not isinstance(spec, list | tuple) or not spec:
        return None
    if isinstance(spec[0], list):
        return list(spec[0])
    if spec[0] == "COMBO" and len(spec) > 1 and isinstance(spec[1], dict):
        options = spec[1].get("options")
        return list(options) if isinstance(options, list) else None
    return None


def workflow_problems(workflow: Workflow, object_info: dict[str, Any]) -> list[str]:
    """What the server lacks for the workflow: node classes, and files its list inputs name (models)."""
    missing = sorted({node["class_type"] for node in workflow.graph.values()} - set(object_info))
    problems = [
        f"ComfyUI has no node {cls} (update ComfyUI or install the custom node that provides it)"
        for cls in missing
    ]
    filled = workflow.filled_inputs()
    for node_id, node in sorted(workflow.graph.items(), key=lambda item: _node_order(item[0])):
        info = object_info.get(node["class_type"])
        if not isinstance(info, dict):
            continue
        inputs = info.get("input") or {}
        declared = {**(inputs.get("required") or {}), **(inputs.get("optional") or {})}
        for name, value in node["inputs"].items():
            if (node_id, name) in filled or isinstance(value, list):
                continue
            options = _combo_options(declared.get(name))
            if options is not None and value not in options:
                problems.append(f"node {node_id} ({node['class_type']}) {name} {value!r} is not in ComfyUI's "
                                f"list (put the file in ComfyUI's models folder, or change it in "
                                f"{workflow.path.name})")
    return problems


def check_server(url: str, *, http: httpx.Client | None = None,
                 kinds: Iterable[Kind] = ("image", "video")) -> tuple[list[str], bool]:
    """For doctor: whether the server answers, and what each template needs that it lacks."""
    client = ComfyClient(url, http=http, policy=RetryPolicy(attempts=1))
    try:
        stats = client.system_stats()
    except ProviderError as exc:
        return [f"  {client.shown} not reachable: {exc}"], False
    system = stats.get("system") or {}
    devices = [d for d in stats.get("devices") or [] if isinstance(d, dict)]
    device = ""
    if devices:
        gib = float(devices[0].get("vram_total") or 0) / 2**30
        device = f"; {devices[0].get('name', devices[0].get('type', '?'))}, {gib:.1f} GiB"
    lines = [f"  {client.shown} reachable (ComfyUI {system.get('comfyui_version', '?')}{device})"]
    try:
        info = client.object_info()
    except ProviderError as exc:
        return [*lines, f"  cannot read its node classes: {exc}"], False
    ok = True
    for kind in kinds:
        try:
            workflow = load_workflow(kind)
        except ConfigError as exc:
            ok = False
            lines.append(f"  {kind:6} {exc}")
            continue
        problems = workflow_problems(workflow, info)
        ok = ok and not problems
        said = "; ".join(problems) if problems else "every node class and model file is there"
        lines.append(f"  {kind:6} {workflow.path.name} ({workflow.spec.model}): {said}")
    return lines, ok


__all__ = [
    "ComfyAddress",
    "ComfyClient",
    "ComfyImage",
    "ComfyVideo",
    "TemplateSpec",
    "Workflow",
    "build_comfyui_providers",
    "check_server",
    "fit_size",
    "frame_count",
    "load_workflow",
    "to_h264",
    "workflow_problems",
]
