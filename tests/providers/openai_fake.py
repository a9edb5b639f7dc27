"""A fake OpenAI API for tests: an httpx2 MockTransport answering with recorded response shapes."""

from __future__ import annotations

import copy
import io
import json
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import openai

RECORDED = Path(__file__).parent / "recorded"
FAKE_KEY = "sk-fake-OPENAIkey0123456789SECRET"


def completion(content: str | dict[str, Any]) -> dict[str, Any]:
    shape = json.loads((RECORDED / "openai_chat_completion.json").read_text(encoding="utf-8"))
    shape = copy.deepcopy(shape)
    shape["choices"][0]["message"]["content"] = content if isinstance(content, str) else json.dumps(content)
    return shape


def completion_with_logprobs(top: list[tuple[str, float]] | None = None, *,
                             logprobs: bool = True) -> dict[str, Any]:
    """The recorded one-token answer with its log-probabilities; `top` replaces the alternatives."""
    shape = json.loads((RECORDED / "openai_chat_completion_logprobs.json").read_text(encoding="utf-8"))
    choice = shape["choices"][0]
    if not logprobs:  # what many OpenAI-compatible servers send back
        choice["logprobs"] = None
    elif top is not None:
        first = choice["logprobs"]["content"][0]
        first["token"], first["logprob"] = top[0]
        first["top_logprobs"] = [{"token": t, "logprob": lp, "bytes": list(t.encode())} for t, lp in top]
        choice["message"]["content"] = top[0][0]
    return shape


def recorded_error(name: str) -> bytes:
    return (RECORDED / f"openai_error_{name}.json").read_bytes()


def wav_bytes(seconds: float = 0.5, rate: int = 24000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * int(seconds * rate))
    return buf.getvalue()


Reply = tuple[int, bytes | dict[str, Any], dict[str, str]]


@dataclass
class FakeOpenAI:
    """Answers each request with the next scripted reply; records the request bodies."""

    replies: list[Reply | Callable[[dict[str, Any]], Reply]]
    requests: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content or b"{}")
        self.requests.append(body)
        self.paths.append(request.url.path)
        reply = self.replies.pop(0)
        status, content, headers = reply(body) if callable(reply) else reply
        if isinstance(content, dict):
            return httpx2.Response(status, json=content, headers=headers)
        kind = "audio/wav" if content[:4] == b"RIFF" else "application/json"
        return httpx2.Response(status, content=content, headers={"content-type": kind, **headers})

    def client(self, base_url: str | None = None) -> openai.OpenAI:
        return openai.OpenAI(api_key=FAKE_KEY, base_url=base_url, max_retries=0,
                             http_client=httpx2.Client(transport=httpx2.MockTransport(self.handle)))
