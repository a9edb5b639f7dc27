"""Structured logs: JSON lines with generation id, stage and duration, scrubbed of anything key-shaped."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime

from studio.config import Settings

logged_generation: ContextVar[str | None] = ContextVar("logged_generation", default=None)
"""Mirrors the Run's generation id into log lines only: nothing else reads it."""


@contextlib.contextmanager
def logging_for(generation_id: str | None) -> Iterator[None]:
    """Log lines written inside carry this generation's id (set wherever a Run starts work)."""
    token = logged_generation.set(generation_id)
    try:
        yield
    finally:
        logged_generation.reset(token)


# Shapes of secrets: OpenAI keys, Replicate tokens, AWS keys, bearer tokens, passwords in URLs.
_SECRET_SHAPES = [
    re.compile(r"sk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"r8_[A-Za-z0-9]{8,}"),
    re.compile(r"(?:AKIA|ASIA)[A-Z0-9]{12,}"),
    re.compile(r"(?i)bearer\s+[A-Za-z0-9._\-]{8,}"),
    re.compile(r"(?i)(token|api[_-]?key|secret|password)([\"']?\s*[:=]\s*[\"']?)[^\s\"',}]{4,}"),
    re.compile(r"(?<=://)[^/\s:@]+:[^/\s@]+(?=@)"),
]


def scrub(text: str, known: tuple[str, ...] = ()) -> str:
    """Replace anything shaped like a key or token (and the known secret values) with ***."""
    for value in known:
        if value:
            text = text.replace(value, "***")
    for shape in _SECRET_SHAPES:
        text = shape.sub(lambda m: (m.group(1) + m.group(2) + "***") if m.re.groups >= 2 else "***", text)
    return text


class RedactSecrets(logging.Filter):
    def __init__(self, known: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.known = known

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage(), self.known)
        record.args = ()
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "generation_id": getattr(record, "generation_id", None) or logged_generation.get(),
        }
        for key in ("stage", "duration_s"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["error"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(settings: Settings, stream=None) -> None:  # type: ignore[no-untyped-def]
    """JSON lines on stderr, every record scrubbed of secrets (the settings' own keys included)."""
    known = tuple(
        s.get_secret_value() for s in (settings.openai_api_key, settings.replicate_api_token) if s is not None
    )
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_studio", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler._studio = True  # type: ignore[attr-defined]
    handler.setFormatter(JsonLines())
    handler.addFilter(RedactSecrets(known))
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for noisy in ("httpx", "httpcore", "botocore", "urllib3", "distributed", "PIL", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
