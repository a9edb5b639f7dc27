"""A real HTTP server on 127.0.0.1 speaking OpenAI's and Replicate's wire formats, for the real adapters.

In a test:

    with LoopbackServer(openai_key="sk-...", replicate_token="r8_...") as server:
        env = server.env()          # OPENAI_API_KEY, OPENAI_BASE_URL, REPLICATE_API_TOKEN, REPLICATE_BASE_URL
        ...
        server.records()            # every request: method, path, Authorization header, body, status, time
        server.control(faults=[{"prefix": "/v1/models", "status": 429, "count": 2}])
        server.control(answer_overrides={"fact_reader": {"brand": "Acme"}})  # laid over a task's answer

From another process: `python -m tests.loopback.server --port N --openai-key K --replicate-token T
[--record FILE] [--latency S] [--call-latency S] [--fault PREFIX:STATUS:COUNT] [--fail-next-predictions N]`
prints its URL and `POST /__control` (JSON) changes faults at run time, `GET /__records` lists requests.

Two kinds of added latency: `latency_s` sleeps on every request (each status poll and file download
too); `call_latency_s` is added once per provider call, as a slower provider would: every OpenAI answer
comes that much later, and every Replicate prediction runs that much longer (create to finished).

OpenAI: POST /v1/chat/completions (plain, JSON mode, strict json_schema, vision content parts, logprobs),
POST /v1/audio/speech (wav, pcm, mp3, opus, aac, flac). Replicate: POST /v1/models/{owner}/{name}/predictions,
POST /v1/predictions (version), GET /v1/predictions[/{id}], POST /v1/predictions/{id}/cancel, GET
/v1/models/{owner}/{name}, POST/GET/DELETE /v1/files, and the outputs under /files/.
"""

from __future__ import annotations

import argparse
import contextlib
import email.parser
import email.policy
import hashlib
import itertools
import json
import logging
import math
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.loopback import media
from tests.loopback.replicate_models import (
    MODELS,
    input_problems,
    model_for_version,
    openapi_schema,
    validation_body,
    version_id,
)
from tests.loopback.schemas import Generator, Hints, strict_problem, validation_errors

log = logging.getLogger("loopback")

CONTROL = "/__"
OPENAI_PATHS = ("/v1/chat/", "/v1/audio/", "/v1/responses", "/v1/embeddings", "/v1/completions")
TTS_MODELS = ("tts-1", "tts-1-hd", "gpt-4o-mini-tts")
VOICES = (
    "alloy",
    "ash",
    "ballad",
    "coral",
    "echo",
    "fable",
    "nova",
    "onyx",
    "sage",
    "shimmer",
    "verse",
    "marin",
    "cedar",
)
SPEECH_FORMATS = ("mp3", "opus", "aac", "flac", "wav", "pcm")
OPENAI_CATALOGUE: dict[str, str | None] = {
    # GET /v1/models as OpenAI's deprecations page dates them (read 2026-12-06): id -> shutdown_date
    "gpt-4o": "2027-01-14", "gpt-4o-mini": "2027-01-14",
    "gpt-4.1": "2027-01-14", "gpt-4.1-mini": "2027-01-14",
    "tts-1": "2027-01-06", "tts-1-hd": "2027-01-06", "gpt-4o-mini-tts": "2027-01-06",
    "whisper-1": "2027-02-26", "gpt-5": None, "gpt-5-mini": None, "gpt-5-nano": None,
}  # fmt: skip
REASONING = re.compile(r"(gpt-5|o\d)")
"""Reasoning models refuse temperature (other than 1), top_p, max_tokens and logprobs."""
REPLICATE_401 = {
    "title": "Unauthenticated",
    "detail": "You did not pass a valid authentication token",
    "status": 401,
}
_LONG_DATA_URL = 200  # data URLs (pictures) longer than this are cut in the record
_LONG = 50_000  # any other string (prompts with their schema) is kept whole up to this


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _shorten(value: Any) -> Any:
    """A body for the record: data URLs (and huge strings) cut to a prefix and their length."""
    if isinstance(value, str) and len(value) > (_LONG_DATA_URL if value.startswith("data:") else _LONG):
        return f"{value[:80]}...[{len(value)} chars]"
    if isinstance(value, dict):
        return {k: _shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shorten(v) for v in value]
    return value


def _mask(key: str) -> str:
    return f"{key[:8]}{'*' * max(len(key) - 12, 3)}{key[-4:]}" if len(key) > 12 else "****"


def openai_error(
    message: str, type_: str = "invalid_request_error", param: str | None = None, code: str | None = None
) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


class HttpError(Exception):
    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


# ── state ────────────────────────────────────────────────────────────────────────────────────────


@dataclass
class Fault:
    prefix: str
    status: int
    count: int
    retry_after: str | None = "1"
    method: str | None = None


@dataclass
class Prediction:
    id: str
    model: str
    kind: str
    input: dict[str, Any]
    created: float
    created_at: str
    delay_s: float
    fail_with: str | None = None
    canceled_at: str | None = None
    output: Any = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class LoopbackServer:
    """OpenAI and Replicate on one loopback port; a context manager (start/stop) usable from any test."""

    def __init__(
        self,
        *,
        openai_key: str | None = None,
        replicate_token: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        record: Path | str | None = None,
        latency_s: float = 0.0,
        call_latency_s: float = 0.0,
        slow_text: bool = True,
        image_seconds: float = 0.3,
        video_seconds: float = 0.6,
        short_side: int = 360,
        faults: list[dict[str, Any]] | None = None,
        fail_next_predictions: int = 0,
        streamed_wav: bool = True,
        openai_models: dict[str, str | None] | None = None,
        today: str | None = None,
        strict_models: bool = False,
        schema_drop: dict[str, list[str]] | None = None,
        answer_overrides: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.openai_key = openai_key
        self.replicate_token = replicate_token
        self.host, self.port = host, port
        self.record_path = Path(record) if record else None
        self.latency_s = latency_s
        self.call_latency_s = call_latency_s
        self.slow_text = slow_text
        """Whether OpenAI answers get `call_latency_s` too (False: only the media predictions are slower)."""
        self.image_seconds = image_seconds
        self.video_seconds = video_seconds
        self.short_side = short_side
        self.streamed_wav = streamed_wav
        self.openai_models = dict(OPENAI_CATALOGUE if openai_models is None else openai_models)
        """GET /v1/models: id -> shutdown_date. A model past its date is gone from the list and refused."""
        self.today = today or datetime.now(UTC).date().isoformat()
        """The server's day, for shutdowns: a test sets a day in January 2027 to see the retirements."""
        self.strict_models = strict_models
        """Refuse models the catalogue does not list (as OpenAI does); off for tests of other servers."""
        self.schema_drop = {k: list(v) for k, v in (schema_drop or {}).items()}
        """Replicate model -> inputs its published schema no longer has (the live schema changed)."""
        self.answer_overrides = {k: dict(v) for k, v in (answer_overrides or {}).items()}
        """Studio task -> fields laid over the writer's answer (a test's own reading, an invented value)."""
        self.faults: list[Fault] = [Fault(**f) for f in faults or []]
        self.fail_next_predictions = fail_next_predictions
        self.fail_model: str | None = None
        self.fail_error = "Prediction failed: the model's worker crashed (injected by the loopback server)"
        self._lock = threading.RLock()
        self._records: list[dict[str, Any]] = []
        self._predictions: dict[str, Prediction] = {}
        self._files: dict[str, tuple[bytes, str]] = {}
        self._uploads: dict[str, dict[str, Any]] = {}
        self._seq = itertools.count(1)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix="loopback-"))

    # ── lifecycle ──
    def start(self) -> LoopbackServer:
        handler = type("Handler", (_Handler,), {"app": self})
        httpd = ThreadingHTTPServer((self.host, self.port), handler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"loopback-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ── addresses ──
    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    def env(self) -> dict[str, str]:
        """The studio's environment variables that point at this server."""
        env = {"OPENAI_BASE_URL": self.openai_base_url, "REPLICATE_BASE_URL": self.url}
        if self.openai_key:
            env["OPENAI_API_KEY"] = self.openai_key
        if self.replicate_token:
            env["REPLICATE_API_TOKEN"] = self.replicate_token
        return env

    # ── what the server received ──
    def records(self, prefix: str = "", method: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [
                dict(r)
                for r in self._records
                if r["path"].startswith(prefix) and (method is None or r["method"] == method)
            ]

    def creates(self, kind: str | None = None, *, ok_only: bool = True) -> list[dict[str, Any]]:
        """Prediction creates (records), optionally only "video" or "image" ones that got a prediction."""
        return [
            r
            for r in self.records(method="POST")
            if r.get("op") == "create"
            and (kind is None or r.get("kind") == kind)
            and (not ok_only or r.get("prediction_id"))
        ]

    def predictions_received(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Every prediction created, oldest first, with its full input (records cut data URLs short)."""
        with self._lock:
            preds = sorted(self._predictions.values(), key=lambda p: p.created)
            return [
                {
                    "id": p.id,
                    "model": p.model,
                    "kind": p.kind,
                    "input": dict(p.input),
                    "created": p.created,
                    "delay_s": p.delay_s,
                }
                for p in preds
                if kind is None or p.kind == kind
            ]

    def input_bytes(self, value: Any) -> bytes | None:
        """The bytes behind an input value the server received: a data URL, or one of its own file URLs."""
        return self._resolve_input(value)

    def auth_values(self, api: str) -> set[str]:
        """Every Authorization header value seen on the "openai" or "replicate" API."""
        return {r["auth"] for r in self.records() if r.get("api") == api}

    def clear_records(self) -> None:
        with self._lock:
            self._records.clear()

    # ── run-time changes (also POST /__control) ──
    def control(self, **changes: Any) -> dict[str, Any]:
        with self._lock:
            if changes.get("reset"):
                self.faults, self.latency_s, self.fail_next_predictions, self.fail_model = [], 0.0, 0, None
                self.call_latency_s = 0.0
            if changes.get("clear_faults"):
                self.faults = []
            if changes.get("clear_records"):
                self._records.clear()
            for name in ("latency_s", "call_latency_s", "image_seconds", "video_seconds"):
                if name in changes:
                    setattr(self, name, float(changes[name]))
            if "fail_next_predictions" in changes:
                self.fail_next_predictions = int(changes["fail_next_predictions"])
            if "fail_model" in changes:
                self.fail_model = changes["fail_model"]
            if "fail_error" in changes:
                self.fail_error = str(changes["fail_error"])
            for f in changes.get("faults") or []:
                self.faults.append(Fault(**f))
            if "answer_overrides" in changes:
                self.answer_overrides = {k: dict(v) for k, v in (changes["answer_overrides"] or {}).items()}
            return self.state()

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {
                "latency_s": self.latency_s, "call_latency_s": self.call_latency_s,
                "image_seconds": self.image_seconds,
                "video_seconds": self.video_seconds, "fail_next_predictions": self.fail_next_predictions,
                "fail_model": self.fail_model,
                "faults": [f.__dict__ for f in self.faults if f.count > 0],
            }  # fmt: skip

    # ── internals used by the handler ──
    def _record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._records.append(entry)
            if self.record_path is not None:
                with self.record_path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(entry, default=str) + "\n")

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for f in self.faults:
                if f.count > 0 and path.startswith(f.prefix) and (f.method is None or f.method == method):
                    f.count -= 1
                    return Fault(f.prefix, f.status, 1, f.retry_after, f.method)
        return None

    def _new_id(self) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "".join(secrets.choice(alphabet) for _ in range(26))

    def _store_file(self, name: str, data: bytes, mime: str) -> str:
        with self._lock:
            self._files[name] = (data, mime)
        return f"{self.url}/files/{name}"

    def _resolve_input(self, value: Any) -> bytes | None:
        """The bytes behind an input: a data URL, or one of this server's own file or upload URLs."""
        if not isinstance(value, str):
            return None
        if value.startswith("data:"):
            return media.decode_data_url(value)
        if value.startswith(self.url + "/files/"):
            got = self._files.get(value[len(self.url) + len("/files/") :])
            return got[0] if got else None
        if m := re.fullmatch(re.escape(self.url) + r"/v1/files/([^/]+)(?:/download)?", value):
            upload = self._uploads.get(m.group(1))
            return upload["content"] if upload else None
        return None  # no network beyond this server


class _Handler(BaseHTTPRequestHandler):
    app: LoopbackServer
    protocol_version = "HTTP/1.1"
    server_version = "loopback/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    # ── plumbing ──
    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            out = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self._status = status
        self._finish_record()  # before the body: a client that has the answer finds the record
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _finish_record(self) -> None:
        entry = getattr(self, "_entry", None)
        if entry is None or entry.get("api") == "control" or "status" in entry:
            return
        entry["status"] = self._status
        entry["elapsed_s"] = round(time.time() - entry["t"], 4)
        self.app._record(entry)

    def _json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj).encode(), "application/json", headers)

    def _serve(self, method: str) -> None:
        split = urlsplit(self.path)
        path, query = split.path, parse_qs(split.query)
        raw = self._read_body()
        self._status = 0
        api = (
            "control"
            if path.startswith(CONTROL)
            else "openai"
            if path.startswith(OPENAI_PATHS) or re.fullmatch(r"/v1/models(/[^/]+)?", path)
            else "files"
            if path.startswith("/files/")
            else "replicate"
        )
        entry: dict[str, Any] = {
            "t": time.time(), "method": method, "path": path, "query": {k: v[0] for k, v in query.items()},
            "auth": self.headers.get("Authorization"), "api": api,
            "content_type": (self.headers.get("Content-Type") or "").split(";")[0],
        }  # fmt: skip
        self._entry = entry
        try:
            if api == "control":
                self._control(method, path, raw)
                return
            if self.app.latency_s > 0:
                time.sleep(self.app.latency_s)
            if api == "openai" and method == "POST" and self.app.call_latency_s > 0 and self.app.slow_text:
                time.sleep(self.app.call_latency_s)
            entry.update(self._parse_for_record(raw))
            if (fault := self.app._take_fault(method, path)) is not None:
                entry["fault"] = fault.status
                raise self._fault_error(api, fault)
            if api == "openai":
                self._openai(method, path, raw)
            elif api == "files":
                self._download(path)
            else:
                self._replicate(method, path, raw)
        except HttpError as err:
            self._json(err.status, err.body, err.headers)
        except (BrokenPipeError, ConnectionResetError):
            self._status = 499
        except Exception as exc:
            log.exception("loopback: %s %s failed", method, path)
            entry["server_error"] = f"{type(exc).__name__}: {exc}"
            with contextlib.suppress(OSError):
                self._json(
                    500, {"title": "Internal Server Error", "detail": f"loopback bug: {exc}", "status": 500}
                )
        finally:
            self._finish_record()

    def _parse_for_record(self, raw: bytes) -> dict[str, Any]:
        ctype = self.headers.get("Content-Type") or ""
        if not raw:
            return {}
        if ctype.startswith("application/json"):
            try:
                return {"json": _shorten(json.loads(raw))}
            except ValueError:
                return {"body_error": "not JSON"}
        if ctype.startswith("multipart/form-data"):
            return {"fields": [name for name, *_ in _multipart(ctype, raw)]}
        return {"body_bytes": len(raw)}

    def _fault_error(self, api: str, fault: Fault) -> HttpError:
        headers = {"Retry-After": fault.retry_after} if fault.retry_after and fault.status == 429 else {}
        if api == "openai":
            if fault.status == 429:
                body = openai_error(
                    "Rate limit reached for requests (injected by the loopback server). "
                    "Please try again in 1s.",
                    "requests",
                    None,
                    "rate_limit_exceeded",
                )
            else:
                body = openai_error(
                    "The server had an error while processing your request. Sorry about that!", "server_error"
                )
        elif fault.status == 429:
            body = {
                "title": "Request was throttled",
                "status": 429,
                "detail": f"Request was throttled. Expected available in {fault.retry_after or 1} seconds.",
            }
        else:
            body = {
                "title": "Internal Server Error",
                "status": fault.status,
                "detail": "An unexpected error occurred. Please try again.",
            }
        return HttpError(fault.status, body, headers)

    # ── control ──
    def _control(self, method: str, path: str, raw: bytes) -> None:
        if path == "/__health":
            self._json(200, {"ok": True})
        elif path == "/__records" and method == "GET":
            self._json(200, self.app.records())
        elif path == "/__control" and method == "GET":
            self._json(200, self.app.state())
        elif path == "/__control" and method == "POST":
            try:
                changes = json.loads(raw or b"{}")
                self._json(200, self.app.control(**changes))
            except (ValueError, TypeError) as exc:
                self._json(400, {"error": str(exc)})
        else:
            self._json(404, {"error": f"no control endpoint {method} {path}"})

    # ── OpenAI ───────────────────────────────────────────────────────────────────────────────────
    def _openai_auth(self) -> None:
        header = self.headers.get("Authorization") or ""
        if not header.startswith("Bearer ") or not header[7:].strip():
            raise HttpError(
                401,
                openai_error(
                    "You didn't provide an API key. You need to provide your API key in an Authorization "
                    "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password "
                    "field (with blank username) if you're accessing the API from your browser and are "
                    "prompted for a username and password. You can obtain an API key from "
                    "https://platform.openai.com/account/api-keys."
                ),
            )
        key = header[7:].strip()
        if self.app.openai_key is not None and key != self.app.openai_key:
            raise HttpError(
                401,
                openai_error(
                    f"Incorrect API key provided: {_mask(key)}. You can find your API key at "
                    "https://platform.openai.com/account/api-keys.",
                    code="invalid_api_key",
                ),
            )

    def _openai(self, method: str, path: str, raw: bytes) -> None:
        self._openai_auth()
        if method == "GET" and (m := re.fullmatch(r"/v1/models(?:/([^/]+))?", path)):
            self._models(m.group(1))
            return
        routes = {("POST", "/v1/chat/completions"): self._chat, ("POST", "/v1/audio/speech"): self._speech}
        route = routes.get((method, path))
        if route is None:
            raise HttpError(404, openai_error(f"Invalid URL ({method} {path})"))
        try:
            body = json.loads(raw or b"")
        except ValueError:
            raise HttpError(
                400,
                openai_error(
                    "We could not parse the JSON body of your request. (HINT: This likely means you aren't "
                    "using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was "
                    "sent was not valid JSON.)"
                ),
            ) from None
        if not isinstance(body, dict):
            raise HttpError(400, openai_error("The request body must be a JSON object."))
        self._check_model(body.get("model"))
        route(body)

    def _listed(self) -> dict[str, str | None]:
        """The models the catalogue lists today: a model past its shutdown date is gone."""
        today = self.app.today
        return {m: d for m, d in self.app.openai_models.items() if d is None or d > today}

    def _models(self, model: str | None) -> None:
        listed = self._listed()
        rows = [{"id": m, "object": "model", "created": 1_700_000_000, "owned_by": "system",
                 "shutdown_date": d} for m, d in sorted(listed.items())]
        if model is None:
            self._json(200, {"object": "list", "data": rows})
            return
        row = next((r for r in rows if r["id"] == model), None)
        if row is None:
            raise HttpError(404, openai_error(f"The model '{model}' does not exist", code="model_not_found",
                                              param="model"))
        self._json(200, row)

    def _check_model(self, model: Any) -> None:
        """Refuse a model that is shut down (always) or unlisted (with strict_models), as OpenAI does."""
        if not isinstance(model, str):
            return
        shutdown = self.app.openai_models.get(model)
        gone = shutdown is not None and shutdown <= self.app.today
        if gone or (self.app.strict_models and model not in self.app.openai_models):
            self._entry["refused_model"] = model
            raise HttpError(404, openai_error(
                f"The model `{model}` does not exist or you do not have access to it.",
                code="model_not_found"))

    @staticmethod
    def _check_reasoning_params(model: str, body: dict[str, Any]) -> None:
        """A reasoning model's refusals; a classic model's refusal of reasoning_effort."""
        if not REASONING.match(model):
            if "reasoning_effort" in body:
                raise HttpError(400, openai_error(
                    "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
                    param="reasoning_effort", code="unsupported_parameter"))
            return
        if body.get("temperature", 1) != 1:
            raise HttpError(400, openai_error(
                f"Unsupported value: 'temperature' does not support {body['temperature']} with this model. "
                "Only the default (1) value is supported.", param="temperature", code="unsupported_value"))
        for name, hint in (("top_p", ""), ("max_tokens", " Use 'max_completion_tokens' instead."),
                           ("logprobs", ""), ("top_logprobs", "")):
            if body.get(name) is not None:
                raise HttpError(400, openai_error(
                    f"Unsupported parameter: '{name}' is not supported with this model.{hint}",
                    param=name, code="unsupported_parameter"))
        effort = body.get("reasoning_effort")
        if effort is not None and effort not in ("minimal", "low", "medium", "high"):
            raise HttpError(400, openai_error(
                f"Invalid value: '{effort}'. Supported values are: 'minimal', 'low', 'medium', and 'high'.",
                param="reasoning_effort", code="invalid_value"))

    def _chat(self, body: dict[str, Any]) -> None:
        model = body.get("model")
        if not isinstance(model, str) or not model:
            raise HttpError(400, openai_error("you must provide a model parameter", param="model"))
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise HttpError(
                400,
                openai_error(
                    f"{json.dumps(messages)} is too short - 'messages'",
                    param="messages",
                    code="invalid_value",
                ),
            )
        for i, m in enumerate(messages):
            if not isinstance(m, dict) or m.get("role") not in (
                "system",
                "developer",
                "user",
                "assistant",
                "tool",
            ):
                raise HttpError(
                    400,
                    openai_error(
                        f"Invalid value for 'messages[{i}].role'.",
                        param=f"messages[{i}].role",
                        code="invalid_value",
                    ),
                )
        self._check_reasoning_params(model, body)
        temperature = body.get("temperature", 1)
        if not isinstance(temperature, (int, float)) or not 0 <= temperature <= 2:
            raise HttpError(
                400,
                openai_error(
                    f"{temperature} is greater than the maximum of 2 - 'temperature'",
                    param="temperature",
                    code="invalid_value",
                ),
            )
        if body.get("top_logprobs") is not None and not body.get("logprobs"):
            raise HttpError(
                400,
                openai_error(
                    "Invalid value for 'top_logprobs': logprobs must be set to true.", param="top_logprobs"
                ),
            )
        all_text = "\n".join(_content_text(m.get("content")) for m in messages)
        images = [
            p
            for m in messages
            if isinstance(m.get("content"), list)
            for p in m["content"]
            if isinstance(p, dict) and p.get("type") == "image_url"
        ]
        fmt = body.get("response_format") or {"type": "text"}
        kind = fmt.get("type") if isinstance(fmt, dict) else None
        if kind not in ("text", "json_object", "json_schema"):
            raise HttpError(
                400,
                openai_error(
                    f"Invalid value: '{kind}'. Supported values are: 'json_object', "
                    "'json_schema', and 'text'.",
                    param="response_format.type",
                    code="invalid_value",
                ),
            )
        if kind == "text":
            if body.get("logprobs"):
                self._json(
                    200, _completion(model, "Yes", all_text, logprobs=int(body.get("top_logprobs") or 0))
                )
                self._entry["answer_source"] = "logprobs"
                return
            limit = body.get("max_completion_tokens") or body.get("max_tokens")
            text = (
                "Yes."
                if "yes or no" in all_text.lower()
                else (
                    "Here is a short answer: the ad should open on the product in use, then show the benefit."
                )
            )
            words = text.split()
            cut = bool(limit) and int(limit) < len(words)
            content = " ".join(words[: int(limit)]) if cut else text
            self._entry["answer_source"] = "text"
            self._json(200, _completion(model, content, all_text, finish="length" if cut else "stop"))
            return
        schema: dict[str, Any] | None = None
        if kind == "json_object":
            if "json" not in all_text.lower():
                raise HttpError(
                    400,
                    openai_error(
                        "'messages' must contain the word 'json' in some form, to use "
                        "'response_format' of type 'json_object'.",
                        param="messages",
                    ),
                )
            schema = _embedded_schema(all_text)
        else:
            spec = fmt.get("json_schema")
            if not isinstance(spec, dict) or not isinstance(spec.get("schema", {}), dict):
                raise HttpError(
                    400,
                    openai_error(
                        "Missing required parameter: 'response_format.json_schema'.",
                        param="response_format.json_schema",
                        code="missing_required_parameter",
                    ),
                )
            name = spec.get("name")
            if not isinstance(name, str) or not re.fullmatch(r"[a-zA-Z0-9_-]{1,64}", name):
                raise HttpError(
                    400,
                    openai_error(
                        "Invalid 'response_format.json_schema.name': string does not match pattern. "
                        "Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
                        param="response_format.json_schema.name",
                        code="invalid_value",
                    ),
                )
            schema = spec.get("schema") or {
                "type": "object",
                "properties": {},
                "additionalProperties": False,
                "required": [],
            }
            if spec.get("strict"):
                problem = strict_problem(schema, name)
                if problem:
                    raise HttpError(400, openai_error(problem, param="response_format"))
        answer, source = self._structured_answer(messages, schema, all_text, images)
        self._entry["answer_source"] = source
        self._json(200, _completion(model, json.dumps(answer), all_text))

    def _structured_answer(
        self,
        messages: list[dict[str, Any]],
        schema: dict[str, Any] | None,
        text: str,
        images: list[dict[str, Any]],
    ) -> tuple[Any, str]:
        from tests.loopback.studio_answers import vision_kind, vision_overrides, writer_answer

        hints = Hints.from_text(text)
        if images:
            url = (images[0].get("image_url") or {}).get("url", "")
            picture = media.open_picture(self.app._resolve_input(url))
            if picture is None:
                raise HttpError(
                    400,
                    openai_error(
                        "You uploaded an unsupported image. Please make sure your image is valid.",
                        param=None,
                        code="invalid_image_format",
                    ),
                )
            colors = media.dominant_colors(picture)
            hints.colors = colors
            generic = Generator(schema, hints).make() if schema else {}
            if isinstance(generic, dict):
                props = (schema or {}).get("properties") or {}
                overrides = vision_overrides(vision_kind(text), colors)
                candidate = {**generic, **{k: v for k, v in overrides.items() if k in props or not schema}}
                if not schema or not validation_errors(candidate, schema):
                    return candidate, "vision"
            return generic, "generic"
        found = writer_answer(messages)
        if found is not None:
            task, data = found
            with self.app._lock:
                data = {**data, **self.app.answer_overrides.get(task, {})}
            problems = validation_errors(data, schema) if schema else []
            if not problems:
                return data, f"writer:{task}"
            log.warning("loopback: the writer's %s answer does not fit the schema: %s", task, problems[:3])
            self._entry["writer_problems"] = problems[:5]
        if schema:
            return Generator(schema, hints).make(), "generic"
        return {"answer": "Here is a short answer in JSON."}, "generic"

    def _speech(self, body: dict[str, Any]) -> None:
        model, voice, text = body.get("model"), body.get("voice"), body.get("input")
        if not isinstance(model, str) or not (
            model in TTS_MODELS or model.startswith(("tts-", "gpt-4o-mini-tts"))
        ):
            raise HttpError(
                400, openai_error(f"Invalid model '{model}' for speech.", param="model", code="invalid_value")
            )
        voice_name = voice.get("id") if isinstance(voice, dict) else voice
        if voice_name not in VOICES:
            raise HttpError(
                400,
                openai_error(
                    f"Invalid value: '{voice_name}'. Supported values are: "
                    + ", ".join(f"'{v}'" for v in VOICES)
                    + ".",
                    param="voice",
                    code="invalid_value",
                ),
            )
        if not isinstance(text, str) or not text:
            raise HttpError(
                400,
                openai_error(
                    "Missing required parameter: 'input'.", param="input", code="missing_required_parameter"
                ),
            )
        if len(text) > 4096:
            raise HttpError(
                400,
                openai_error(
                    f"'{text[:20]}...' is too long - 'input' (at most 4096 characters)",
                    param="input",
                    code="string_above_max_length",
                ),
            )
        if body.get("instructions") and model.startswith("tts-1"):
            raise HttpError(
                400,
                openai_error(
                    "Instructions are not supported for tts-1 and tts-1-hd.",
                    param="instructions",
                    code="unsupported_parameter",
                ),
            )
        fmt = body.get("response_format", "mp3")
        if fmt not in SPEECH_FORMATS:
            raise HttpError(
                400,
                openai_error(
                    f"Invalid value: '{fmt}'. Supported values are: "
                    + ", ".join(f"'{f}'" for f in SPEECH_FORMATS)
                    + ".",
                    param="response_format",
                    code="invalid_value",
                ),
            )
        speed = body.get("speed", 1.0)
        if not isinstance(speed, (int, float)) or not 0.25 <= speed <= 4:
            raise HttpError(
                400,
                openai_error(
                    f"{speed} is out of range - 'speed' (0.25 to 4.0)", param="speed", code="invalid_value"
                ),
            )
        if fmt == "wav":
            audio = media.wav_from_pcm(media.speech_pcm(text, float(speed)), streamed=self.app.streamed_wav)
        else:
            audio = media.encode_speech(text, fmt, float(speed))
        self._send(200, audio, media.AUDIO_TYPES[fmt])

    # ── Replicate ────────────────────────────────────────────────────────────────────────────────
    def _replicate_auth(self) -> None:
        header = self.headers.get("Authorization") or ""
        scheme, _, token = header.partition(" ")
        ok = scheme in ("Bearer", "Token") and token.strip()
        if ok and self.app.replicate_token is not None:
            ok = token.strip() == self.app.replicate_token
        if not ok:
            raise HttpError(401, REPLICATE_401)

    def _replicate(self, method: str, path: str, raw: bytes) -> None:
        self._replicate_auth()
        if method == "POST" and (m := re.fullmatch(r"/v1/models/([^/]+)/([^/]+)/predictions", path)):
            self._create(f"{m.group(1)}/{m.group(2)}", self._body(raw))
        elif method == "POST" and path == "/v1/predictions":
            body = self._body(raw)
            version = body.get("version")
            model = model_for_version(version) if isinstance(version, str) else None
            if model is None:
                raise HttpError(
                    422,
                    {
                        "title": "Invalid version",
                        "status": 422,
                        "detail": "The specified version does not exist (or perhaps you don't have "
                        "permission to use it?)",
                    },
                )
            self._create(model, body)
        elif method == "GET" and path == "/v1/predictions":
            with self.app._lock:
                preds = list(self.app._predictions.values())
            self._json(
                200,
                {
                    "next": None,
                    "previous": None,
                    "results": [self._prediction_json(p) for p in reversed(preds)],
                },
            )
        elif method == "GET" and (m := re.fullmatch(r"/v1/predictions/([^/]+)", path)):
            self._json(200, self._prediction_json(self._find(m.group(1))))
        elif method == "POST" and (m := re.fullmatch(r"/v1/predictions/([^/]+)/cancel", path)):
            pred = self._find(m.group(1))
            with pred.lock:
                if self._status_of(pred) not in ("succeeded", "failed", "canceled"):
                    pred.canceled_at = _now_iso()
            self._entry.update(op="cancel", prediction_id=pred.id)
            self._json(200, self._prediction_json(pred))
        elif method == "GET" and (m := re.fullmatch(r"/v1/models/([^/]+)/([^/]+)", path)):
            model = f"{m.group(1)}/{m.group(2)}"
            if model not in MODELS:
                raise HttpError(404, {"title": "Not found", "detail": "Not found.", "status": 404})
            self._json(200, _model_json(model, drop=self.app.schema_drop.get(model, ())))
        elif method == "GET" and path == "/v1/account":
            self._json(200, {"type": "user", "username": "loopback", "name": "Loopback", "github_url": None})
        elif method == "POST" and path == "/v1/files":
            self._upload(raw)
        elif (m := re.fullmatch(r"/v1/files/([^/]+)(/download)?", path)) and method in ("GET", "DELETE"):
            self._file(method, m.group(1), bool(m.group(2)))
        else:
            raise HttpError(404, {"title": "Not found", "detail": "Not found.", "status": 404})

    def _body(self, raw: bytes) -> dict[str, Any]:
        try:
            body = json.loads(raw or b"")
        except ValueError:
            raise HttpError(
                400, {"title": "Bad request", "detail": "The request body is not valid JSON.", "status": 400}
            ) from None
        if not isinstance(body, dict):
            raise HttpError(
                400, {"title": "Bad request", "detail": "The request body must be an object.", "status": 400}
            )
        return body

    def _find(self, pid: str) -> Prediction:
        with self.app._lock:
            pred = self.app._predictions.get(pid)
        if pred is None:
            raise HttpError(404, {"title": "Not found", "detail": "Not found.", "status": 404})
        return pred

    def _create(self, model: str, body: dict[str, Any]) -> None:
        spec = MODELS.get(model)
        self._entry.update(op="create", model=model, kind=spec.kind if spec else None)
        if spec is None:
            raise HttpError(
                404,
                {
                    "title": "Not found",
                    "detail": "The requested model does not exist (or you don't have permission to use it).",
                    "status": 404,
                },
            )
        if "input" not in body:
            raise HttpError(
                422,
                validation_body(
                    [{"type": "required", "field": "(root)", "description": "input is required"}]
                ),
            )
        if problems := input_problems(model, body["input"]):
            raise HttpError(422, validation_body(problems))
        app = self.app
        with app._lock:
            fail = None
            if app.fail_next_predictions > 0 and (app.fail_model is None or model.startswith(app.fail_model)):
                app.fail_next_predictions -= 1
                fail = app.fail_error
            delay = (app.video_seconds if spec.kind == "video" else app.image_seconds) + app.call_latency_s
            pred = Prediction(
                id=app._new_id(),
                model=model,
                kind=spec.kind,
                input=body["input"],
                created=time.monotonic(),
                created_at=_now_iso(),
                delay_s=delay,
                fail_with=fail,
            )
            app._predictions[pred.id] = pred
        self._entry["prediction_id"] = pred.id
        wait = _prefer_wait(self.headers.get("Prefer"))
        if wait:
            end = time.monotonic() + wait
            while time.monotonic() < end and self._status_of(pred) not in ("succeeded", "failed", "canceled"):
                time.sleep(0.05)
        self._json(201, self._prediction_json(pred))

    def _status_of(self, pred: Prediction) -> str:
        if pred.canceled_at:
            return "canceled"
        elapsed = time.monotonic() - pred.created
        if elapsed < min(0.25 * pred.delay_s, 0.5):
            return "starting"
        if elapsed < pred.delay_s:
            return "processing"
        return "failed" if pred.fail_with else "succeeded"

    def _prediction_json(self, pred: Prediction) -> dict[str, Any]:
        base = f"{self.app.url}/v1/predictions/{pred.id}"
        with pred.lock:
            status = self._status_of(pred)
            elapsed = time.monotonic() - pred.created
            out: dict[str, Any] = {
                "id": pred.id, "model": pred.model, "version": "hidden" if pred.model.startswith("google/")
                else version_id(pred.model), "input": pred.input, "logs": "", "output": None,
                "data_removed": False, "error": None, "status": status, "created_at": pred.created_at,
                "urls": {"cancel": f"{base}/cancel", "get": base, "web": f"https://replicate.com/p/{pred.id}"},
            }  # fmt: skip
            if status != "starting":
                out["started_at"] = pred.created_at
                fraction = min(elapsed / max(pred.delay_s, 1e-6), 1.0)
                out["logs"] = _tqdm_logs(pred.input.get("seed"), fraction if status != "succeeded" else 1.0)
            if status == "succeeded" and pred.output is None:
                try:
                    pred.output = self._make_output(pred)
                except Exception as exc:
                    log.warning("loopback: no output for %s: %s", pred.id, exc)
                    pred.fail_with = f"Prediction failed: {exc}"
                    status = out["status"] = "failed"
            if status == "succeeded":
                out.update(
                    output=pred.output,
                    completed_at=_now_iso(),
                    metrics={"predict_time": round(pred.delay_s, 3), "total_time": round(pred.delay_s, 3)},
                )
                out["logs"] += "\nDone"
            elif status == "failed":
                out.update(
                    error=pred.fail_with, completed_at=_now_iso(), metrics={"predict_time": pred.delay_s}
                )
                out["logs"] += "\nTraceback (most recent call last):\nRuntimeError: worker crashed"
            elif status == "canceled":
                out.update(completed_at=pred.canceled_at)
        return out

    def _make_output(self, pred: Prediction) -> Any:
        inputs = pred.input
        app = self.app
        if pred.kind == "audio":
            return self._speech_output(pred)
        if pred.kind == "video":
            start_name = next((n for n in ("image", "start_image", "first_frame_image") if n in inputs), None)
            start = app._resolve_input(inputs.get(start_name)) if start_name else None
            if "num_frames" in inputs:
                fps = int(inputs.get("frames_per_second") or 16)
                seconds = int(inputs["num_frames"]) / fps
            else:
                fps, seconds = 24, float(inputs.get("duration") or 5)
            ratio = inputs.get("aspect_ratio")
            if not ratio:
                im = media.open_picture(start)
                ratio = (
                    "16:9"
                    if im and im.width > im.height * 1.2
                    else "1:1"
                    if im and im.width >= im.height
                    else "9:16"
                )
            w, h = media.size_for(ratio, app.short_side)
            data = media.make_mp4(w, h, seconds, fps=fps, start=start, cache=app._tmp / "cache")
            return app._store_file(f"{pred.id}/output.mp4", data, "video/mp4")
        fmt = str(inputs.get("output_format") or "webp")
        ext = {"jpeg": "jpg"}.get(fmt, fmt)
        source = app._resolve_input(inputs.get("image"))
        if source is not None:  # inpainting: the picture with the mask's white part repainted
            picture = media.open_picture(source)
            mask = media.open_picture(app._resolve_input(inputs.get("mask")))
            if picture is None:
                raise ValueError("cannot identify image file")
            data = media.encode_picture(media.fill_mask(picture, mask, str(inputs.get("prompt", ""))), ext)
        else:
            ratio = inputs.get("aspect_ratio") or "1:1"
            if ratio == "match_input_image":
                first = media.open_picture(app._resolve_input((inputs.get("image_input") or [None])[0]))
                ratio = "9:16" if first is None or first.height > first.width else "16:9"
            w, h = media.size_for(ratio, app.short_side)
            data = media.make_picture(str(inputs.get("prompt", "")), w, h, ext)
        spec = MODELS[pred.model]
        count = int(inputs.get("num_outputs") or 1) if spec.list_output else 1
        urls = [
            app._store_file(f"{pred.id}/out-{i}.{ext}", data, media.picture_mime(data)) for i in range(count)
        ]
        return urls if spec.list_output else urls[0]

    def _speech_output(self, pred: Prediction) -> str:
        """The spoken text as an audio file (mp3 unless `audio_format` asks for another), by URL."""
        inputs = pred.input
        fmt = str(inputs.get("audio_format") or "mp3")
        speed = float(inputs.get("speed") or 1.0)
        text = str(inputs.get("text", ""))
        data = (
            media.wav_from_pcm(media.speech_pcm(text, speed), streamed=False)
            if fmt == "wav"
            else media.encode_speech(text, fmt, speed)
        )
        return self.app._store_file(f"{pred.id}/output.{fmt}", data, media.AUDIO_TYPES[fmt])

    def _upload(self, raw: bytes) -> None:
        parts = _multipart(self.headers.get("Content-Type") or "", raw)
        content = next((p for p in parts if p[0] == "content"), None)
        if content is None:
            raise HttpError(
                400, {"title": "Bad request", "detail": "The 'content' field is required.", "status": 400}
            )
        _name, filename, ctype, data = content
        metadata: dict[str, Any] = {}
        for name, _fn, _ct, value in parts:
            if name == "metadata":
                with contextlib.suppress(ValueError):
                    metadata = json.loads(value)
        fid = self.app._new_id()
        obj = {
            "id": fid, "name": filename or "file", "content_type": ctype or "application/octet-stream",
            "size": len(data), "etag": hashlib.md5(data).hexdigest(),
            "checksums": {"sha256": hashlib.sha256(data).hexdigest(), "md5": hashlib.md5(data).hexdigest()},
            "metadata": metadata, "created_at": _now_iso(), "expires_at": None,
            "urls": {"get": f"{self.app.url}/v1/files/{fid}"},
        }  # fmt: skip
        with self.app._lock:
            self.app._uploads[fid] = {**obj, "content": data}
        self._entry.update(op="upload", file_id=fid)
        self._json(201, obj)

    def _file(self, method: str, fid: str, download: bool) -> None:
        with self.app._lock:
            upload = self.app._uploads.get(fid)
            if upload is not None and method == "DELETE":
                del self.app._uploads[fid]
        if upload is None:
            raise HttpError(404, {"title": "Not found", "detail": "Not found.", "status": 404})
        if method == "DELETE":
            self._send(204, b"", "application/json")
        elif download:
            self._send(200, upload["content"], upload["content_type"])
        else:
            self._json(200, {k: v for k, v in upload.items() if k != "content"})

    def _download(self, path: str) -> None:
        got = self.app._files.get(path[len("/files/") :])
        if got is None:
            raise HttpError(404, {"title": "Not found", "detail": "Not found.", "status": 404})
        self._send(200, got[0], got[1])


# ── helpers ──────────────────────────────────────────────────────────────────────────────────────


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"
        )
    return ""


def _embedded_schema(text: str) -> dict[str, Any] | None:
    """The JSON schema a JSON-mode prompt carries ("...follows this JSON schema...: {...}"), if any."""
    idx = text.find("JSON schema")
    start = text.find("{", idx if idx >= 0 else 0)
    if idx < 0 or start < 0:
        return None
    with contextlib.suppress(ValueError):
        obj, _end = json.JSONDecoder().raw_decode(text[start:])
        if isinstance(obj, dict) and ("properties" in obj or "type" in obj):
            return obj
    return None


def _completion(
    model: str, content: str, prompt: str, *, finish: str = "stop", logprobs: int = -1
) -> dict[str, Any]:
    prompt_tokens = max(1, len(prompt) // 4)
    completion_tokens = max(1, len(content) // 4)
    choice: dict[str, Any] = {
        "index": 0,
        "message": {"role": "assistant", "content": content, "refusal": None, "annotations": []},
        "logprobs": None, "finish_reason": finish,
    }  # fmt: skip
    if logprobs >= 0:
        top = [("Yes", -0.105), ("No", -2.303), ("yes", -7.3), ("YES", -8.9), ("The", -9.6)][
            : max(logprobs, 0)
        ]
        choice["logprobs"] = {"content": [{
            "token": "Yes", "logprob": -0.105, "bytes": list(b"Yes"),
            "top_logprobs": [{"token": t, "logprob": lp, "bytes": list(t.encode())} for t, lp in top],
        }], "refusal": None}  # fmt: skip
        choice["finish_reason"] = "length"
        completion_tokens = 1
    return {
        "id": f"chatcmpl-{secrets.token_hex(12)}", "object": "chat.completion", "created": int(time.time()),
        "model": model, "choices": [choice],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens,
                  "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                  "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                                "accepted_prediction_tokens": 0,
                                                "rejected_prediction_tokens": 0}},
        "service_tier": "default", "system_fingerprint": "fp_loopback",
    }  # fmt: skip


def _tqdm_logs(seed: Any, fraction: float, total: int = 10) -> str:
    lines = [f"Using seed: {seed}" if seed is not None else "Using a random seed", "Generating..."]
    done = math.floor(fraction * total + 1e-9)
    for step in range(0, done + 1):
        pct = int(100 * step / total)
        bar = ("█" * step).ljust(total)
        lines.append(f"{pct:3d}%|{bar}| {step}/{total} [00:{step:02d}<00:{total - step:02d},  1.00s/it]")
    return "\n".join(lines)


def _prefer_wait(header: str | None) -> float:
    if not header or not header.strip().startswith("wait"):
        return 0.0
    m = re.fullmatch(r"\s*wait\s*(?:=\s*(\d+))?\s*", header)
    if not m:
        return 0.0
    return float(min(int(m.group(1)) if m.group(1) else 60, 60))


def _multipart(content_type: str, raw: bytes) -> list[tuple[str, str | None, str | None, bytes]]:
    """(field name, filename, content type, bytes) for each part of a multipart/form-data body."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    parts = []
    for part in msg.iter_parts() if msg.is_multipart() else []:
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        parts.append(
            (
                str(name),
                filename,
                part.get_content_type() if part.get("Content-Type") else None,
                part.get_payload(decode=True) or b"",
            )
        )
    return parts


def _model_json(model: str, drop: Any = ()) -> dict[str, Any]:
    """The model endpoint's answer; `drop`: inputs its live schema no longer has (a changed model)."""
    owner, name = model.split("/", 1)
    schema = openapi_schema(model)
    inputs = schema["components"]["schemas"]["Input"]
    for name_ in drop:
        inputs["properties"].pop(name_, None)
        inputs["required"] = [r for r in inputs.get("required", []) if r != name_]
    return {
        "url": f"https://replicate.com/{model}", "owner": owner, "name": name,
        "description": f"{model} (loopback)",
        "visibility": "public", "github_url": None, "paper_url": None, "license_url": None, "run_count": 0,
        "cover_image_url": None, "default_example": None,
        "latest_version": {"id": version_id(model), "created_at": "2025-09-01T00:00:00Z",
                           "cog_version": "0.14.0", "openapi_schema": schema},
    }  # fmt: skip


def read_records(path: Path | str) -> list[dict[str, Any]]:
    """The records a server started with `--record FILE` wrote (one JSON object a line)."""
    p = Path(path)
    if not p.is_file():
        return []
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError):
            out.append(json.loads(line))
    return out


# ── the cross-process entry ──────────────────────────────────────────────────────────────────────


def _fault_arg(text: str) -> dict[str, Any]:
    """PREFIX:STATUS[:COUNT[:RETRY_AFTER]], e.g. /v1/models:429:2:1"""
    parts = text.split(":")
    if len(parts) < 2:
        raise argparse.ArgumentTypeError("a fault is PREFIX:STATUS[:COUNT[:RETRY_AFTER]]")
    return {
        "prefix": parts[0],
        "status": int(parts[1]),
        "count": int(parts[2]) if len(parts) > 2 else 1,
        "retry_after": parts[3] if len(parts) > 3 else "1",
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.loopback.server", description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0: a free port (printed)")
    p.add_argument("--openai-key", default=None, help="the only OpenAI key accepted (default: any)")
    p.add_argument("--replicate-token", default=None, help="the only Replicate token accepted (default: any)")
    p.add_argument("--record", type=Path, help="append every request as a JSON line to this file")
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    p.add_argument(
        "--call-latency", type=float, default=0.0,
        help="seconds added once per provider call (an OpenAI answer, a prediction's run)",
    )  # fmt: skip
    p.add_argument("--today", default=None, help="the server's day for shutdowns, e.g. 2027-01-20")
    p.add_argument("--strict-models", action="store_true", help="refuse models the catalogue does not list")
    p.add_argument("--image-seconds", type=float, default=0.3, help="how long an image prediction runs")
    p.add_argument("--video-seconds", type=float, default=0.6, help="how long a video prediction runs")
    p.add_argument(
        "--fault",
        type=_fault_arg,
        action="append",
        default=[],
        help="PREFIX:STATUS[:COUNT[:RETRY_AFTER]]: the next COUNT requests under PREFIX get STATUS",
    )
    p.add_argument("--fail-next-predictions", type=int, default=0, help="that many predictions end 'failed'")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, stream=sys.stderr)
    server = LoopbackServer(
        openai_key=args.openai_key, replicate_token=args.replicate_token, host=args.host, port=args.port,
        record=args.record, latency_s=args.latency, call_latency_s=args.call_latency,
        today=args.today, strict_models=args.strict_models,
        image_seconds=args.image_seconds,
        video_seconds=args.video_seconds, faults=args.fault, fail_next_predictions=args.fail_next_predictions,
    )  # fmt: skip
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    server.start()
    print(server.url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
