"""A fake Replicate API for tests: answers with recorded response shapes through an httpx MockTransport."""

from __future__ import annotations

import copy
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

RECORDED = Path(__file__).parent / "recorded"
DELIVERY = "https://replicate.delivery/xezq/out"


def recorded(name: str) -> dict[str, Any]:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


@dataclass
class CreateReply:
    """One scripted answer to a create: an error status (with headers), or None for a normal prediction."""

    status: int | None = None
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, retry_after: str | None = None) -> CreateReply:
    body = (RECORDED / f"replicate_error_{status}.json").read_text(encoding="utf-8")
    return CreateReply(status, body, {"retry-after": retry_after} if retry_after else {})


@dataclass
class FakeReplicate:
    """Predictions go starting → processing (tqdm logs) → succeeded (or failed) over `polls` GETs."""

    outputs: dict[str, bytes]
    """Download path suffix → bytes, e.g. {"clip.mp4": b"..."}"""
    output_for: dict[str, Any] = field(default_factory=dict)
    """Model → output in the prediction (a URL string or a list); default a URL to clip.mp4."""
    creates: dict[str, list[CreateReply]] = field(default_factory=dict)
    fail_with: dict[str, str] = field(default_factory=dict)
    """Model → error text of a failed prediction."""
    polls: int = 2
    hold_until_in_flight: int = 0
    """Keep predictions processing until this many were in flight at once (proves parallelism)."""
    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    auth_headers: set[str] = field(default_factory=set)
    delivery_auth: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._preds: dict[str, dict[str, Any]] = {}

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def created_inputs(self, model: str | None = None) -> list[dict[str, Any]]:
        return [body["input"] for kind, m, body in self.requests if kind == "create" and m == (model or m)]

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.url.host == "replicate.delivery":
            self.delivery_auth.add(request.headers.get("authorization", ""))
            name = path.rsplit("/", 1)[-1]
            return httpx.Response(200, content=self.outputs[name], headers={"content-type": "video/mp4"})
        self.auth_headers.add(request.headers.get("authorization", ""))
        if m := re.fullmatch(r"/v1/models/([^/]+/[^/]+)/predictions", path):
            return self._create(m.group(1), json.loads(request.content))
        if m := re.fullmatch(r"/v1/predictions/([^/]+)/cancel", path):
            return self._cancel(m.group(1))
        if m := re.fullmatch(r"/v1/predictions/([^/]+)", path):
            return self._get(m.group(1))
        return httpx.Response(404, json={"title": "Not found", "detail": path, "status": 404})

    def _create(self, model: str, body: dict[str, Any]) -> httpx.Response:
        with self._lock:
            self.requests.append(("create", model, body))
            script = self.creates.get(model) or []
            reply = script.pop(0) if script else CreateReply()
            if reply.status is not None:
                return httpx.Response(reply.status, content=reply.body.encode(),
                                      headers={"content-type": "application/json", **reply.headers})
            pid = f"pred{next(self._ids):04d}"
            pred = copy.deepcopy(recorded("replicate_prediction_starting.json"))
            pred.update(id=pid, model=model, input=body["input"])
            self._preds[pid] = {"pred": pred, "polls": 0, "since": time.monotonic()}
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return httpx.Response(201, json=pred)

    def _get(self, pid: str) -> httpx.Response:
        with self._lock:
            if pid not in self._preds:  # the API's answer for an id it does not know
                return httpx.Response(404, json={"title": "Not found", "detail": "Not found.", "status": 404})
            state = self._preds[pid]
            pred = state["pred"]
            if pred["status"] in ("succeeded", "failed", "canceled"):
                return httpx.Response(200, json=pred)
            state["polls"] += 1
            held = (self.max_in_flight < self.hold_until_in_flight
                    and time.monotonic() - state["since"] < 5.0)
            model = pred["model"]
            if state["polls"] < self.polls or held:
                shape = recorded("replicate_prediction_processing.json")
                pred.update(status="processing", logs=shape["logs"])
            elif model in self.fail_with:
                shape = recorded("replicate_prediction_failed.json")
                pred.update(status="failed", logs=shape["logs"], error=self.fail_with[model])
                self.in_flight -= 1
            else:
                shape = recorded("replicate_prediction_succeeded.json")
                pred.update(status="succeeded", logs=shape["logs"], metrics=shape["metrics"],
                            output=self.output_for.get(model, f"{DELIVERY}/clip.mp4"))
                self.in_flight -= 1
            return httpx.Response(200, json=pred)

    def _cancel(self, pid: str) -> httpx.Response:
        with self._lock:
            self.cancelled.append(pid)
            pred = self._preds[pid]["pred"]
            if pred["status"] not in ("succeeded", "failed", "canceled"):
                self.in_flight -= 1
            pred["status"] = "canceled"
            return httpx.Response(200, json=pred)
