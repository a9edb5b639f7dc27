"""A ComfyUI-like HTTP and websocket server on 127.0.0.1, for studio/providers/comfyui.py's adapters.

It speaks the routes the adapters use, as ComfyUI's server.py and execution.py answer them (read
2026-12-07): POST /prompt, GET /history[/{id}], GET /view, POST /upload/image, GET /queue, POST /queue
(delete), POST /interrupt, GET /object_info, GET /system_stats, and GET /ws?clientId= (RFC 6455, text
frames: status, execution_start, executing, progress, executed, execution_success, execution_error,
execution_interrupted).

    with ComfyServer() as server:
        server.url                      # STUDIO_COMFYUI_URL
        server.prompts()                # every workflow queued: prompt_id, client_id, prompt (the graph)
        server.uploads                  # name -> bytes of each uploaded file
        server.records("/interrupt")    # every request: method, path, query, json, status
        server.control(step_s=0.5)      # slower steps; fail_next=["node_errors" | "500" | "execution_error"]

A workflow is checked as ComfyUI checks it: every node has class_type and inputs, its class is in
/object_info, required inputs are there, a link [node_id, slot] points at an existing node's output of
the type the input takes, numbers are within their min/max and list inputs (model files, the uploaded
start frame) hold one of their values. A prompt runs one at a time on a worker thread: `steps` progress
messages `step_s` apart, then a PNG (SaveImage) or an H.264 MP4 (SaveVideo, `video_codec="mpeg4"` for one
the adapter must re-encode) in its output folder; POST /interrupt stops it between steps.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import email.parser
import email.policy
import hashlib
import itertools
import json
import logging
import shutil
import struct
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.loopback import media

log = logging.getLogger("loopback.comfyui")
WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
CHECKPOINTS = [
    "flux1-schnell-fp8.safetensors", "ltx-video-2b-v0.9.5.safetensors", "sd_xl_turbo_1.0_fp16.safetensors"
]
TEXT_ENCODERS = ["t5xxl_fp16.safetensors", "clip_l.safetensors"]
SAMPLERS = ["euler", "euler_ancestral", "dpmpp_2m"]
SCHEDULERS = ["normal", "karras", "simple", "sgm_uniform"]
MAX = 8192
SEED_MAX = 0xFFFFFFFFFFFFFFFF


def _int(default: int, lo: int, hi: int, step: int = 1) -> list[Any]:
    return ["INT", {"default": default, "min": lo, "max": hi, "step": step}]


def _float(default: float, lo: float, hi: float) -> list[Any]:
    return ["FLOAT", {"default": default, "min": lo, "max": hi}]


def object_info(checkpoints: list[str], uploads: list[str]) -> dict[str, Any]:
    """The node classes the templates use, with the input names, types and limits ComfyUI declares."""
    nodes: dict[str, tuple[dict[str, Any], dict[str, Any], list[str], bool]] = {
        "CheckpointLoaderSimple": (
            {"ckpt_name": [list(checkpoints), {}]}, {}, ["MODEL", "CLIP", "VAE"], False
        ),
        "CLIPLoader": (
            {"clip_name": [list(TEXT_ENCODERS), {}],
             "type": [["stable_diffusion", "sd3", "ltxv", "wan", "flux2"], {}]},
            {"device": [["default", "cpu"], {}]}, ["CLIP"], False,
        ),
        "CLIPTextEncode": (
            {"text": ["STRING", {"multiline": True}], "clip": ["CLIP", {}]}, {}, ["CONDITIONING"], False
        ),
        "EmptyLatentImage": ({"width": _int(512, 16, MAX, 8), "height": _int(512, 16, MAX, 8),
                              "batch_size": _int(1, 1, 4096)}, {}, ["LATENT"], False),
        "EmptySD3LatentImage": ({"width": _int(1024, 16, MAX, 16), "height": _int(1024, 16, MAX, 16),
                                 "batch_size": _int(1, 1, 4096)}, {}, ["LATENT"], False),
        "KSampler": (
            {"model": ["MODEL", {}], "seed": _int(0, 0, SEED_MAX), "steps": _int(20, 1, 10000),
             "cfg": _float(8.0, 0.0, 100.0), "sampler_name": [SAMPLERS, {}], "scheduler": [SCHEDULERS, {}],
             "positive": ["CONDITIONING", {}], "negative": ["CONDITIONING", {}],
             "latent_image": ["LATENT", {}], "denoise": _float(1.0, 0.0, 1.0)},
            {}, ["LATENT"], False,
        ),
        "VAEDecode": ({"samples": ["LATENT", {}], "vae": ["VAE", {}]}, {}, ["IMAGE"], False),
        "SaveImage": (
            {"images": ["IMAGE", {}], "filename_prefix": ["STRING", {"default": "ComfyUI"}]}, {}, [], True
        ),
        "LoadImage": ({"image": [sorted(uploads), {"image_upload": True}]}, {}, ["IMAGE", "MASK"], False),
        "LTXVImgToVideo": (
            {"positive": ["CONDITIONING", {}], "negative": ["CONDITIONING", {}], "vae": ["VAE", {}],
             "image": ["IMAGE", {}], "width": _int(768, 64, MAX, 32), "height": _int(512, 64, MAX, 32),
             "length": _int(97, 9, MAX, 8), "batch_size": _int(1, 1, 4096),
             "strength": _float(1.0, 0.0, 1.0)},
            {}, ["CONDITIONING", "CONDITIONING", "LATENT"], False,
        ),
        "LTXVConditioning": ({"positive": ["CONDITIONING", {}], "negative": ["CONDITIONING", {}],
                              "frame_rate": _float(25.0, 0.0, 1000.0)}, {}, ["CONDITIONING", "CONDITIONING"],
                             False),
        "LTXVScheduler": (
            {"steps": _int(20, 1, 10000), "max_shift": _float(2.05, 0.0, 100.0),
             "base_shift": _float(0.95, 0.0, 100.0), "stretch": ["BOOLEAN", {"default": True}],
             "terminal": _float(0.1, 0.0, 0.99)},
            {"latent": ["LATENT", {}]}, ["SIGMAS"], False,
        ),
        "KSamplerSelect": ({"sampler_name": [SAMPLERS, {}]}, {}, ["SAMPLER"], False),
        "SamplerCustom": (
            {"model": ["MODEL", {}], "add_noise": ["BOOLEAN", {"default": True}],
             "noise_seed": _int(0, 0, SEED_MAX), "cfg": _float(8.0, 0.0, 100.0),
             "positive": ["CONDITIONING", {}], "negative": ["CONDITIONING", {}], "sampler": ["SAMPLER", {}],
             "sigmas": ["SIGMAS", {}], "latent_image": ["LATENT", {}]},
            {}, ["LATENT", "LATENT"], False,
        ),
        "CreateVideo": ({"images": ["IMAGE", {}], "fps": _float(30.0, 1.0, 120.0)}, {"audio": ["AUDIO", {}]},
                        ["VIDEO"], False),
        "SaveVideo": (
            {"video": ["VIDEO", {}], "filename_prefix": ["STRING", {"default": "video/ComfyUI"}],
             "format": [["auto", "mp4"], {}], "codec": [["auto", "h264"], {}]},
            {}, [], True,
        ),
    }
    return {
        name: {
            "input": {"required": required, "optional": optional},
            "input_order": {"required": list(required), "optional": list(optional)},
            "output": outputs,
            "output_is_list": [False] * len(outputs),
            "output_name": outputs,
            "name": name,
            "display_name": name,
            "description": "",
            "python_module": "nodes",
            "category": "loopback",
            "output_node": is_output,
        }
        for name, (required, optional, outputs, is_output) in nodes.items()
    }


# ── validation, as ComfyUI's execution.validate_prompt reports it ────────────────────────────────


def _error(kind: str, message: str, details: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "message": message, "details": details, "extra_info": extra}


def validate(prompt: Any, info: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any], list[str]]:
    """(error, node_errors, output node ids): error None when the prompt may run."""
    if not isinstance(prompt, dict) or not prompt:
        return _error("invalid_prompt", "Invalid prompt", "the prompt is not a mapping of nodes"), {}, []
    for node_id, node in prompt.items():
        if not isinstance(node, dict) or "class_type" not in node:
            missing = "Cannot execute because a node is missing the class_type property."
            return _error("invalid_prompt", missing, f"Node ID '#{node_id}'"), {}, []
        if node["class_type"] not in info:
            return _error("missing_node_type", f"Node '{node['class_type']}' not found. The custom node may "
                          "not be installed.", f"Node ID '#{node_id}'"), {}, []
        if not isinstance(node.get("inputs"), dict):
            return _error("invalid_prompt", "Node has no inputs", f"Node ID '#{node_id}'"), {}, []
    outputs = [n for n, node in prompt.items() if info[node["class_type"]]["output_node"]]
    if not outputs:
        return _error("prompt_no_outputs", "Prompt has no outputs", ""), {}, []
    node_errors: dict[str, Any] = {}
    for node_id, node in prompt.items():
        errors = _node_errors(prompt, node, info)
        if errors:
            node_errors[node_id] = {"errors": errors, "dependent_outputs": outputs,
                                    "class_type": node["class_type"]}
    if node_errors:
        lines = "\n".join(f"{e['message']}: {e['details']}"
                          for n in node_errors.values() for e in n["errors"])
        failed = _error("prompt_outputs_failed_validation", "Prompt outputs failed validation", lines)
        return failed, node_errors, []
    return None, {}, outputs


def _node_errors(prompt: dict[str, Any], node: dict[str, Any], info: dict[str, Any]) -> list[dict[str, Any]]:
    declared = info[node["class_type"]]["input"]
    errors = []
    inputs = node["inputs"]
    for name in declared["required"]:
        if name not in inputs:
            errors.append(_error("required_input_missing", "Required input is missing", name,
                                 input_name=name))
    for name, value in inputs.items():
        spec = declared["required"].get(name) or declared["optional"].get(name)
        if spec is None:
            continue  # ComfyUI ignores inputs a node does not declare
        kind, opts = spec[0], spec[1] if len(spec) > 1 else {}
        if isinstance(value, list):
            if len(value) != 2 or str(value[0]) not in prompt or not isinstance(value[1], int):
                errors.append(_error("bad_linked_input", "Bad linked input, must be a length-2 list of "
                                     "[node_id, slot_index]", name, input_name=name, received_value=value))
                continue
            outputs = info[prompt[str(value[0])]["class_type"]]["output"]
            if value[1] >= len(outputs) or outputs[value[1]] != kind:
                got = outputs[value[1]] if value[1] < len(outputs) else "nothing"
                errors.append(_error("return_type_mismatch", "Return type mismatch between linked nodes",
                                     f"{name}, received_type({got}) mismatch input_type({kind})"))
            continue
        if isinstance(kind, list):
            if value not in kind:
                shown = kind if len(kind) <= 20 else f"(list of length {len(kind)})"
                errors.append(_error("value_not_in_list", "Value not in list",
                                     f"{name}: '{value}' not in {shown}", input_name=name,
                                     received_value=value))
            continue
        if kind in ("INT", "FLOAT"):
            try:
                number = int(value) if kind == "INT" else float(value)
            except (TypeError, ValueError):
                errors.append(_error("invalid_input_type",
                                     f"Failed to convert an input value to a {kind} value",
                                     f"{name}, {value}"))
                continue
            if "min" in opts and number < opts["min"]:
                errors.append(_error("value_smaller_than_min",
                                     f"Value {number} smaller than min of {opts['min']}", name,
                                     input_name=name, received_value=value))
            if "max" in opts and number > opts["max"]:
                errors.append(_error("value_bigger_than_max",
                                     f"Value {number} bigger than max of {opts['max']}", name,
                                     input_name=name, received_value=value))
    return errors


# ── the server ───────────────────────────────────────────────────────────────────────────────────


@dataclass
class Job:
    prompt_id: str
    number: int
    prompt: dict[str, Any]
    client_id: str | None
    outputs: list[str]
    queued_at: float = field(default_factory=time.time)


class _Socket:
    """One websocket client: frames are written under a lock (the worker and the handler both write)."""

    def __init__(self, wfile: Any) -> None:
        self.wfile = wfile
        self.lock = threading.Lock()
        self.open = True

    def send(self, opcode: int, payload: bytes) -> None:
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([n])
        elif n < 1 << 16:
            head += bytes([126]) + struct.pack(">H", n)
        else:
            head += bytes([127]) + struct.pack(">Q", n)
        with self.lock:
            if not self.open:
                return
            try:
                self.wfile.write(head + payload)
                self.wfile.flush()
            except OSError:
                self.open = False


class ComfyServer:
    """A ComfyUI stand-in on a loopback port; a context manager (start/stop)."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        steps: int = 4,
        step_s: float = 0.02,
        checkpoints: list[str] | None = None,
        missing_classes: list[str] | None = None,
        video_codec: str = "h264",
        websocket: bool = True,
    ) -> None:
        self.host, self.port = host, port
        self.steps, self.step_s = steps, step_s
        self.checkpoints = list(CHECKPOINTS if checkpoints is None else checkpoints)
        self.missing_classes = set(missing_classes or [])
        self.video_codec = video_codec
        self.websocket = websocket
        """False: GET /ws is refused (a proxy without websockets): the adapter must poll."""
        self.fail_next: list[str] = []
        self.uploads: dict[str, bytes] = {}
        self._lock = threading.RLock()
        self._wake = threading.Condition(self._lock)
        self._records: list[dict[str, Any]] = []
        self._jobs: dict[str, Job] = {}
        self._pending: list[str] = []
        self._running: str | None = None
        self._history: dict[str, dict[str, Any]] = {}
        self._interrupt = threading.Event()
        self._sockets: dict[str, _Socket] = {}
        self._numbers = itertools.count()
        self._counter = itertools.count(1)
        self._stopping = False
        self._tmp = Path(tempfile.mkdtemp(prefix="loopback-comfyui-"))
        self.output_dir = self._tmp / "output"
        self._httpd: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []

    # ── lifecycle ──
    def start(self) -> ComfyServer:
        handler = type("Handler", (_Handler,), {"app": self})
        httpd = ThreadingHTTPServer((self.host, self.port), handler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self.port = httpd.server_address[1]
        for target, name in ((httpd.serve_forever, "http"), (self._worker, "worker")):
            thread = threading.Thread(target=target, name=f"comfyui-{name}-{self.port}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._interrupt.set()
            self._wake.notify_all()
            sockets = list(self._sockets.values())
        for sock in sockets:
            sock.send(0x8, b"")
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        for thread in self._threads:
            thread.join(timeout=5)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> ComfyServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # ── what the server received ──
    def records(self, prefix: str = "", method: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._records
                    if r["path"].startswith(prefix) and (method is None or r["method"] == method)]

    def prompts(self) -> list[dict[str, Any]]:
        """Every prompt queued (validation passed), oldest first: prompt_id, client_id, prompt."""
        with self._lock:
            jobs = sorted(self._jobs.values(), key=lambda j: j.number)
            return [{"prompt_id": j.prompt_id, "client_id": j.client_id, "prompt": copy.deepcopy(j.prompt)}
                    for j in jobs]

    def prompt(self, prompt_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._jobs[prompt_id].prompt)

    def history_entry(self, prompt_id: str) -> dict[str, Any] | None:
        with self._lock:
            return copy.deepcopy(self._history.get(prompt_id))

    def ws_clients(self) -> list[str]:
        """The client ids that opened a websocket (the adapter opens one per prompt)."""
        return [r["query"].get("clientId", "") for r in self.records("/ws")]

    def control(self, **changes: Any) -> None:
        with self._lock:
            for name in ("steps", "step_s", "video_codec", "websocket"):
                if name in changes:
                    setattr(self, name, changes[name])
            if "fail_next" in changes:
                self.fail_next = list(changes["fail_next"])
            if "checkpoints" in changes:
                self.checkpoints = list(changes["checkpoints"])

    def object_info(self) -> dict[str, Any]:
        with self._lock:
            info = object_info(self.checkpoints, list(self.uploads))
        return {k: v for k, v in info.items() if k not in self.missing_classes}

    # ── the queue ──
    def _record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._records.append(entry)

    def _take_failure(self, kinds: tuple[str, ...]) -> str | None:
        with self._lock:
            if self.fail_next and self.fail_next[0] in kinds:
                return self.fail_next.pop(0)
        return None

    def queue_prompt(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self._take_failure(("500",)):
            return 500, {"error": "injected by the loopback server"}
        prompt = body.get("prompt")
        if prompt is None:
            return 400, {"error": {"type": "no_prompt", "message": "No prompt provided", "details": ""},
                         "node_errors": {}}
        error, node_errors, outputs = validate(prompt, self.object_info())
        if error is None and self._take_failure(("node_errors",)):
            first = next(iter(prompt))
            node_errors = {first: {"errors": [_error("value_not_in_list", "Value not in list",
                                                      "injected: 'x' not in []")],
                                   "dependent_outputs": [], "class_type": prompt[first]["class_type"]}}
            error = _error("prompt_outputs_failed_validation", "Prompt outputs failed validation", "injected")
        if error is not None:
            return 400, {"error": error, "node_errors": node_errors}
        with self._lock:
            job = Job(str(uuid.uuid4()), next(self._numbers), prompt, body.get("client_id"), outputs)
            self._jobs[job.prompt_id] = job
            self._pending.append(job.prompt_id)
            self._wake.notify_all()
        self._broadcast_status()
        return 200, {"prompt_id": job.prompt_id, "number": job.number, "node_errors": {}}

    def queue_json(self) -> dict[str, Any]:
        with self._lock:
            def item(pid: str) -> list[Any]:
                job = self._jobs[pid]
                return [job.number, pid, job.prompt, {"client_id": job.client_id}, job.outputs]

            running = [item(self._running)] if self._running else []
            return {"queue_running": running, "queue_pending": [item(p) for p in self._pending]}

    def delete_from_queue(self, ids: list[str]) -> None:
        with self._lock:
            self._pending = [p for p in self._pending if p not in ids]

    def interrupt(self, prompt_id: str | None) -> bool:
        with self._lock:
            if self._running is not None and (prompt_id is None or prompt_id == self._running):
                self._interrupt.set()
                return True
        return False

    def _send(self, client_id: str | None, kind: str, data: dict[str, Any]) -> None:
        with self._lock:
            sock = self._sockets.get(client_id or "")
        if sock is not None:
            sock.send(0x1, json.dumps({"type": kind, "data": data}).encode())

    def _broadcast_status(self) -> None:
        with self._lock:
            remaining = len(self._pending) + (1 if self._running else 0)
            sockets = list(self._sockets.values())
        status = {"status": {"exec_info": {"queue_remaining": remaining}}}
        payload = json.dumps({"type": "status", "data": status})
        for sock in sockets:
            sock.send(0x1, payload.encode())

    def _worker(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._stopping:
                    self._wake.wait(0.2)
                if self._stopping:
                    return
                pid = self._pending.pop(0)
                self._running = pid
                self._interrupt.clear()
                job = self._jobs[pid]
            try:
                self._execute(job)
            except Exception as exc:  # a loopback bug: the prompt ends in error, the server goes on
                log.exception("loopback comfyui: prompt %s failed", pid)
                self._finish(job, {}, "error", [["execution_error", {
                    "prompt_id": pid, "node_id": job.outputs[0], "node_type": "?",
                    "exception_message": f"loopback bug: {exc}", "exception_type": type(exc).__name__}]])
            finally:
                with self._lock:
                    self._running = None
                self._broadcast_status()

    def _execute(self, job: Job) -> None:
        pid, client = job.prompt_id, job.client_id
        stamp = int(time.time() * 1000)
        messages: list[list[Any]] = [["execution_start", {"prompt_id": pid, "timestamp": stamp}]]
        self._send(client, "execution_start", {"prompt_id": pid, "timestamp": stamp})
        sampler = next((n for n, node in job.prompt.items()
                        if node["class_type"] in ("KSampler", "SamplerCustom")), job.outputs[0])
        self._send(client, "executing", {"node": sampler, "display_node": sampler, "prompt_id": pid})
        for step in range(1, self.steps + 1):
            if self._interrupt.wait(self.step_s):
                data = {"prompt_id": pid, "node_id": sampler, "node_type": job.prompt[sampler]["class_type"],
                        "executed": [], "timestamp": int(time.time() * 1000)}
                self._send(client, "execution_interrupted", data)
                self._finish(job, {}, "error", [*messages, ["execution_interrupted", data]])
                return
            self._send(client, "progress",
                       {"value": step, "max": self.steps, "prompt_id": pid, "node": sampler})
        if self._take_failure(("execution_error",)):
            data = {"prompt_id": pid, "node_id": sampler, "node_type": job.prompt[sampler]["class_type"],
                    "executed": [], "exception_message": "Allocation on device: out of memory (injected)",
                    "exception_type": "torch.OutOfMemoryError", "traceback": [], "current_inputs": {},
                    "current_outputs": {}}
            self._send(client, "execution_error", data)
            self._finish(job, {}, "error", [*messages, ["execution_error", data]])
            return
        outputs: dict[str, Any] = {}
        for node_id in job.outputs:
            ui = self._save(job.prompt, job.prompt[node_id])
            outputs[node_id] = ui
            self._send(client, "executed", {"node": node_id, "display_node": node_id, "output": ui,
                                            "prompt_id": pid})
        done = {"prompt_id": pid, "timestamp": int(time.time() * 1000)}
        self._send(client, "execution_success", done)
        self._finish(job, outputs, "success", [*messages, ["execution_success", done]])

    def _finish(self, job: Job, outputs: dict[str, Any], status: str, messages: list[list[Any]]) -> None:
        with self._lock:  # task_done: the history entry, then "executing" with no node
            self._history[job.prompt_id] = {
                "prompt": [job.number, job.prompt_id, job.prompt, {"client_id": job.client_id}, job.outputs],
                "outputs": outputs,
                "status": {"status_str": status, "completed": status == "success", "messages": messages},
                "meta": {},
            }
        self._send(job.client_id, "executing", {"node": None, "prompt_id": job.prompt_id})

    # ── what the nodes make ──
    def _node(self, prompt: dict[str, Any], cls: str) -> dict[str, Any] | None:
        return next((n for n in prompt.values() if n["class_type"] == cls), None)

    def _text(self, prompt: dict[str, Any]) -> str:
        sampler = self._node(prompt, "KSampler") or self._node(prompt, "SamplerCustom") or {}
        link = sampler.get("inputs", {}).get("positive")
        while isinstance(link, list):
            node = prompt[str(link[0])]
            if node["class_type"] == "CLIPTextEncode":
                return str(node["inputs"]["text"])
            link = node["inputs"].get("positive")
        return ""

    def _save(self, prompt: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
        prefix = str(node["inputs"].get("filename_prefix") or "ComfyUI")
        subfolder, _, stem = prefix.rpartition("/")
        folder = self.output_dir / subfolder
        folder.mkdir(parents=True, exist_ok=True)
        if node["class_type"] == "SaveImage":
            size = self._node(prompt, "EmptySD3LatentImage") or self._node(prompt, "EmptyLatentImage")
            inputs = size["inputs"] if size else {"width": 512, "height": 512}
            width, height = int(inputs["width"]), int(inputs["height"])
            name = f"{stem}_{next(self._counter):05}_.png"
            (folder / name).write_bytes(media.make_picture(self._text(prompt), width, height))
            return {"images": [{"filename": name, "subfolder": subfolder, "type": "output"}]}
        video = self._node(prompt, "LTXVImgToVideo") or {"inputs": {}}
        width, height = int(video["inputs"].get("width", 768)), int(video["inputs"].get("height", 512))
        frames = int(video["inputs"].get("length", 25))
        create = self._node(prompt, "CreateVideo") or {"inputs": {}}
        fps = float(create["inputs"].get("fps", 24))
        loader = self._node(prompt, "LoadImage")
        start = self.uploads.get(str(loader["inputs"]["image"])) if loader else None
        data = media.make_mp4(width, height, frames / fps, fps=round(fps), start=start)
        name = f"{stem}_{next(self._counter):05}_.mp4"
        (folder / name).write_bytes(data)
        if self.video_codec != "h264":  # a codec the studio does not keep: the adapter re-encodes it
            h264 = folder / f"h264_{name}"
            (folder / name).replace(h264)
            subprocess.run([media.ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-i", str(h264),
                            "-c:v", self.video_codec, "-q:v", "5", str(folder / name)], check=True,
                           capture_output=True, timeout=60)
            h264.unlink()
        return {"images": [{"filename": name, "subfolder": subfolder, "type": "output"}], "animated": [True]}


class _Handler(BaseHTTPRequestHandler):
    app: ComfyServer
    protocol_version = "HTTP/1.1"
    server_version = "loopback-comfyui/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self._entry["status"] = status

    def _json(self, status: int, obj: Any) -> None:
        self._send(status, json.dumps(obj).encode(), "application/json")

    def _serve(self, method: str) -> None:
        split = urlsplit(self.path)
        path = split.path
        query = {k: v[0] for k, v in parse_qs(split.query).items()}
        raw = b"" if path == "/ws" else self._body()
        entry: dict[str, Any] = {"t": time.time(), "method": method, "path": path, "query": query,
                                 "auth": self.headers.get("Authorization")}
        self._entry = entry
        ctype = self.headers.get("Content-Type") or ""
        if raw and ctype.startswith("application/json"):
            with contextlib.suppress(ValueError):
                entry["json"] = json.loads(raw)
        try:
            self._route(method, path, query, raw, ctype)
        except (BrokenPipeError, ConnectionResetError):
            entry["status"] = 499
        except Exception as exc:
            log.exception("loopback comfyui: %s %s failed", method, path)
            entry["server_error"] = f"{type(exc).__name__}: {exc}"
            with contextlib.suppress(OSError):
                self._json(500, {"error": f"loopback bug: {exc}"})
        finally:
            if not entry.get("recorded"):
                self.app._record(entry)

    def _route(self, method: str, path: str, query: dict[str, str], raw: bytes, ctype: str) -> None:
        app = self.app
        if method == "GET" and path == "/ws":
            self._websocket(query.get("clientId") or uuid.uuid4().hex)
        elif method == "POST" and path == "/prompt":
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                self._json(400, {"error": "not JSON", "node_errors": []})
                return
            status, answer = app.queue_prompt(body)
            self._json(status, answer)
        elif method == "GET" and path.startswith("/history"):
            pid = path[len("/history/"):] if path.startswith("/history/") else None
            with app._lock:
                if pid:
                    history = {pid: app._history[pid]} if pid in app._history else {}
                else:
                    history = dict(app._history)
            self._json(200, history)
        elif method == "GET" and path == "/queue":
            self._json(200, app.queue_json())
        elif method == "POST" and path == "/queue":
            body = json.loads(raw or b"{}")
            app.delete_from_queue([str(x) for x in body.get("delete") or []])
            self._send(200, b"", "text/plain")
        elif method == "POST" and path == "/interrupt":
            body = json.loads(raw) if raw else {}
            self._entry["interrupted"] = app.interrupt(body.get("prompt_id"))
            self._send(200, b"", "text/plain")
        elif method == "POST" and path == "/upload/image":
            self._upload(raw, ctype)
        elif method == "GET" and path == "/view":
            self._view(query)
        elif method == "GET" and path == "/object_info":
            self._json(200, app.object_info())
        elif method == "GET" and path == "/system_stats":
            self._json(200, {
                "system": {"os": "posix", "ram_total": 64 << 30, "ram_free": 48 << 30,
                           "comfyui_version": "0.3.75-loopback", "python_version": "3.12",
                           "pytorch_version": "2.9.0", "embedded_python": False, "argv": ["main.py"]},
                "devices": [{"name": "cuda:0 NVIDIA loopback GPU : cudaMallocAsync", "type": "cuda",
                             "index": 0, "vram_total": 24 << 30, "vram_free": 20 << 30,
                             "torch_vram_total": 0, "torch_vram_free": 0}],
            })
        else:
            self._send(404, b"404: Not Found", "text/plain")

    def _upload(self, raw: bytes, ctype: str) -> None:
        head = f"Content-Type: {ctype}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
        fields: dict[str, str] = {}
        image: tuple[str, bytes] | None = None
        for part in msg.iter_parts() if msg.is_multipart() else []:
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if name == "image" and part.get_filename():
                image = (str(part.get_filename()), payload)
            elif name:
                fields[str(name)] = payload.decode()
        if image is None:
            self._send(400, b"", "text/plain")
            return
        subfolder = fields.get("subfolder", "")
        filename = image[0]
        key = f"{subfolder}/{filename}" if subfolder else filename
        with self.app._lock:
            if key in self.app.uploads and fields.get("overwrite") not in ("true", "1") \
                    and self.app.uploads[key] != image[1]:
                stem, dot, ext = filename.rpartition(".")
                filename = f"{stem} (1).{ext}" if dot else f"{filename} (1)"
                key = f"{subfolder}/{filename}" if subfolder else filename
            self.app.uploads[key] = image[1]
        self._entry["upload"] = {"name": filename, "subfolder": subfolder, "bytes": len(image[1]),
                                 "sha1": hashlib.sha1(image[1]).hexdigest()}
        self._json(200, {"name": filename, "subfolder": subfolder, "type": fields.get("type", "input")})

    def _view(self, query: dict[str, str]) -> None:
        filename = query.get("filename", "")
        if not filename or filename.startswith("/") or ".." in filename:
            self._send(400, b"", "text/plain")
            return
        folder = self.app.output_dir / query.get("subfolder", "")
        path = folder / Path(filename).name
        if query.get("type", "output") != "output" or not path.is_file():
            self._send(404, b"", "text/plain")
            return
        ctype = "video/mp4" if path.suffix == ".mp4" else "image/png"
        self._send(200, path.read_bytes(), ctype)

    # ── RFC 6455, the server side ──
    def _websocket(self, client_id: str) -> None:
        key = self.headers.get("Sec-WebSocket-Key")
        upgrade = "websocket" in (self.headers.get("Upgrade") or "").lower()
        if not self.app.websocket or not upgrade or not key:
            self._send(404 if not self.app.websocket else 400, b"", "text/plain")
            return
        accept = base64.b64encode(hashlib.sha1((key + WS_GUID).encode()).digest()).decode()
        self.send_response(101, "Switching Protocols")
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.wfile.flush()
        self._entry.update(status=101, recorded=True)
        self.app._record(self._entry)  # now, not when the socket closes: a test reads it while it is open
        sock = _Socket(self.wfile)
        with self.app._lock:
            self.app._sockets[client_id] = sock
            remaining = len(self.app._pending) + (1 if self.app._running else 0)
        sock.send(0x1, json.dumps({"type": "status", "data": {
            "status": {"exec_info": {"queue_remaining": remaining}}, "sid": client_id}}).encode())
        try:
            while sock.open:
                frame = self._read_frame()
                if frame is None:
                    break
                opcode, payload = frame
                if opcode == 0x8:  # close: answer it, then the connection ends
                    sock.send(0x8, payload[:2])
                    break
                if opcode == 0x9:
                    sock.send(0xA, payload)
        finally:
            sock.open = False
            with self.app._lock:
                if self.app._sockets.get(client_id) is sock:
                    del self.app._sockets[client_id]
            self.close_connection = True

    def _read_frame(self) -> tuple[int, bytes] | None:
        try:
            head = self.rfile.read(2)
            if len(head) < 2:
                return None
            opcode, length = head[0] & 0x0F, head[1] & 0x7F
            if length == 126:
                length = struct.unpack(">H", self.rfile.read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self.rfile.read(8))[0]
            mask = self.rfile.read(4) if head[1] & 0x80 else b""
            payload = self.rfile.read(length)
        except OSError:
            return None
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return opcode, payload
