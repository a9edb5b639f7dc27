"""Pieces of the secrets test: fake OpenAI and Replicate servers behind the real adapters, and key search.

Only the HTTP is fake. The OpenAI fake answers each text task with the offline writer's answer for that
task (as JSON in a recorded chat-completion shape), so the real adapter's structured-output parsing runs.
Its error answers echo the key back, as a careless proxy or compatible server might, so the adapters'
scrubbing is tested too.
"""

from __future__ import annotations

import json
import logging
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import httpx2
import imageio_ffmpeg
import openai
import sqlalchemy as sa
from PIL import Image, ImageDraw
from pydantic import BaseModel

from studio.config import Settings
from studio.media.storage import LocalStore
from studio.providers.limits import InFlightLimiter
from studio.providers.model_choice import choose_models
from studio.providers.offline import OfflineWriter, PixelAnalyst
from studio.providers.openai_adapters import OpenAISpeech, OpenAIText, OpenAIVision
from studio.providers.ports import TextRequest
from studio.providers.registry import Providers
from studio.providers.replicate_adapters import (
    ReplicateImage,
    ReplicateInpaint,
    ReplicateRunner,
    ReplicateVideo,
    make_replicate_client,
)
from studio.providers.retry import RetryPolicy
from studio.run import Run
from studio.store.repo import Store
from tests.providers.openai_fake import completion, completion_with_logprobs, wav_bytes
from tests.providers.replicate_fake import DELIVERY, CreateReply, FakeReplicate

FAKE_OPENAI = "sk-proj-FAKEkey0123456789SECRET"
FAKE_REPLICATE = "r8_FAKEtoken0123456789SECRET"
# The distinctive bodies too: a leak that lost or split the prefix is still a leak.
NEEDLES = (FAKE_OPENAI, FAKE_REPLICATE, "FAKEkey0123456789SECRET", "FAKEtoken0123456789SECRET")
FAST = RetryPolicy(attempts=3, initial_wait_s=0.01, max_wait_s=0.05, sleep=lambda s: None)
VISION = {"character_description": "a trail runner in a red jacket",
          "product_features": "grippy rubber sole, orange laces", "colors": ["#d2691e", "#1e3a5f"],
          "style": "clean product photo", "environment": "wet rock",
          "lighting": "soft daylight"}


def leaks(text: str | bytes) -> list[str]:
    """The needles found in `text` (empty when it holds no key)."""
    if isinstance(text, bytes):
        return [n for n in NEEDLES if n.encode() in text]
    return [n for n in NEEDLES if n in text]


def _question_of(body: dict[str, Any]) -> str:
    """What a vision request asks, whole (its words, which name the reference's kind, and its picture)."""
    return json.dumps([m.get("content") for m in body.get("messages", []) if m.get("role") == "user"])


# ── fake OpenAI ──────────────────────────────────────────────────────────────────────────────────────

class FakeOpenAIServer:
    """Answers chat (text, vision, yes/no) and speech requests; the first vision call and voiceover fail."""

    def __init__(self) -> None:
        self.writer = OfflineWriter()
        self.task = threading.local()
        self.lock = threading.Lock()
        self.auth: set[str] = set()
        self.answered: list[tuple[str, int]] = []
        self.vision_questions: dict[str, int] = {}
        """Each vision question asked (a reference's words and picture), numbered as it first arrived."""
        self.speech_calls = 0

    def _reply(self, what: str, status: int, **kw: Any) -> httpx2.Response:
        with self.lock:
            self.answered.append((what, status))
        return httpx2.Response(status, **kw)

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        self.auth.add(request.headers.get("authorization", ""))
        if request.url.path.endswith("/audio/speech"):
            with self.lock:
                self.speech_calls += 1
                first = self.speech_calls == 1
            if first:  # a 5xx that echoes the key: retried, and the echo must not reach a log
                error = {"message": f"upstream failed for key {FAKE_OPENAI}", "type": "server_error"}
                return self._reply("speech", 500, json={"error": error})
            return self._reply("speech", 200, content=wav_bytes(2.0), headers={"content-type": "audio/wav"})
        body = json.loads(request.content or b"{}")
        if body.get("logprobs"):
            return self._reply("yes/no", 200, json=completion_with_logprobs())
        schema = (body.get("response_format") or {}).get("json_schema") or {}
        if schema.get("name") == "VisionAnswer":
            return self._vision(_question_of(body))
        asked, output_type = self.task.current
        answer = self.writer.generate(asked, output_type)
        return self._reply(asked.task, 200, json=completion(answer.model_dump_json()))

    def _vision(self, question: str) -> httpx2.Response:
        # Each reference's fate is fixed by the order its question first arrives, whichever calls interleave
        # (the references are analysed at once): the first is refused, the second never gets an answer that
        # parses (its retry neither), the others get the model's answer.
        with self.lock:
            n = self.vision_questions.setdefault(question, len(self.vision_questions) + 1)
        if n == 1:  # a refused key, echoed in full by the server
            body = {"error": {"message": f"Incorrect API key provided: {FAKE_OPENAI}.",
                              "type": "invalid_request_error", "code": "invalid_api_key"}}
            return self._reply("vision", 401, json=body)
        if n == 2:  # an answer that does not parse, on each try: the pixel analyst's figures instead
            return self._reply("vision", 200, json=completion("I think it is a shoe."))
        return self._reply("vision", 200, json=completion(VISION))

    def client(self, key: str) -> openai.OpenAI:
        """The client build_openai_providers makes (no retries of its own), on the fake transport."""
        return openai.OpenAI(api_key=key, max_retries=0, timeout=30.0,
                             http_client=httpx2.Client(transport=httpx2.MockTransport(self.handle)))


class TracedOpenAIText(OpenAIText):
    """The real adapter; it only tells the fake server (same thread) which task it is asking for."""

    def __init__(self, server: FakeOpenAIServer, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.server = server

    def generate(self, request: TextRequest, output_type: type[BaseModel], run: Run) -> Any:
        self.server.task.current = (request, output_type)
        return super().generate(request, output_type, run)


# ── fake Replicate ───────────────────────────────────────────────────────────────────────────────────

def make_mp4(path: Path, seconds: float = 3.0) -> bytes:
    """A real 360x640 H.264 clip made by the ffmpeg binary."""
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc=size=360x640:rate=24:duration={seconds}", "-c:v", "libx264", "-preset", "ultrafast",
         "-pix_fmt", "yuv420p", str(path)],
        check=True,
    )
    return path.read_bytes()


def make_png(path: Path) -> bytes:
    """A 360x640 picture with a subject on a gradient (something for the analyst to read)."""
    im = Image.linear_gradient("L").resize((360, 640)).convert("RGB")
    draw = ImageDraw.Draw(im)
    draw.ellipse((90, 220, 270, 420), fill=(210, 105, 30))
    draw.rectangle((120, 430, 240, 470), fill=(30, 58, 95))
    im.save(path)
    return path.read_bytes()


def fake_replicate(png: bytes, mp4: bytes) -> FakeReplicate:
    """Images get a PNG URL, clips an MP4 URL; the first reference create answers 500 echoing the token."""
    echo = json.dumps({"title": "Internal Server Error", "status": 500,
                       "detail": f"gateway error for Authorization: Token {FAKE_REPLICATE}"})
    url = f"{DELIVERY}/img.png"
    return FakeReplicate(
        outputs={"img.png": png, "clip.mp4": mp4},
        output_for={"google/nano-banana-pro": url, "google/nano-banana": url,
                    "black-forest-labs/flux-schnell": [url]},
        creates={"google/nano-banana-pro": [CreateReply(500, echo)]},
        polls=2,
    )


# ── the providers, built as the registry builds them but on the fakes ────────────────────────────────

def build_providers(settings: Settings, openai_fake: FakeOpenAIServer, replicate_fake: FakeReplicate
                    ) -> Providers:
    """Real OpenAI and Replicate adapters (as build_*_providers make them) on injected transports.

    They hold no meter: each call is charged to the Run it is given (the generation's, metering into the
    store)."""
    key = settings.openai_api_key.get_secret_value()  # type: ignore[union-attr]
    token = settings.replicate_api_token.get_secret_value()  # type: ignore[union-attr]
    media = LocalStore(Path(settings.data_dir) / "media")
    client = openai_fake.client(key)
    chosen = choose_models(settings).settings  # the catalogue's text and vision models, as the registry
    text = TracedOpenAIText(openai_fake, client, chosen.openai_text_model, policy=FAST, secrets=(key,))
    vision = OpenAIVision(client, chosen.openai_vision_model, PixelAnalyst(), media=media,
                          policy=FAST, secrets=(key,))
    # The fake speaks OpenAI's speech endpoint: the voice stays there (until its 2027-01-06 shutdown).
    speech = OpenAISpeech(client, settings.openai_tts_model or "gpt-4o-mini-tts", settings.openai_tts_voice,
                          policy=FAST, secrets=(key,))
    transport = replicate_fake.transport()
    runner = ReplicateRunner(
        client=make_replicate_client(token, transport=transport),
        http=httpx.Client(transport=transport, follow_redirects=True),
        limiter=InFlightLimiter(settings.max_concurrent),
        policy=FAST,
        poll_interval_s=0.0,
        sleep=lambda s: None,
        secrets=(token,),
    )
    image = ReplicateImage(runner, settings.replicate_image_model, media=media)
    inpaint = ReplicateInpaint(runner, media=media)
    video = ReplicateVideo(runner, settings.replicate_video_model, media=media)
    return Providers(text=text, vision=vision, image=image, inpaint=inpaint, video=video, speech=speech,
                     media=media)


# ── where keys could end up ──────────────────────────────────────────────────────────────────────────

class RawRecords(logging.Handler):
    """Every log record's message and traceback before any scrubbing filter sees it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.texts.append(text)


def database_rows(store: Store) -> Iterator[tuple[str, str]]:
    """(table, row as text) for every row of every table."""
    names = sa.inspect(store.engine).get_table_names()
    with store.engine.connect() as conn:
        for name in names:
            table = sa.Table(name, sa.MetaData(), autoload_with=conn)
            for row in conn.execute(sa.select(table)):
                yield name, repr(tuple(row))


def file_leaks(root: Path) -> dict[str, list[str]]:
    """Every file under root (database and WAL included, read as bytes) that holds a needle."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and (hit := leaks(path.read_bytes())):
            found[str(path.relative_to(root))] = hit
    return found


def page_texts(node: Any) -> Iterator[str]:
    """Every element's text under an AppTest node: its proto (labels, markdown, json, code) and value."""
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield str(proto)
    for attr in ("value", "label", "body", "help", "placeholder"):
        try:
            value = getattr(node, attr, None)
        except Exception:  # some elements compute value from session state and may not have one
            continue
        if value is not None:
            yield str(value)
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from page_texts(child)
