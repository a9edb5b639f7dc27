"""The ComfyUI adapters against a loopback ComfyUI (tests/loopback/comfyui_server.py): what the server
received (workflow values, the uploaded start frame), progress, Stop, refusals, failures, retries and the
templates."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from PIL import Image

from studio.errors import Cancelled, ConfigError, ProviderError
from studio.providers.comfyui import (
    TEMPLATES_PATH,
    ComfyAddress,
    ComfyClient,
    ComfyImage,
    ComfyVideo,
    fit_size,
    frame_count,
    load_workflow,
)
from studio.providers.ports import ImageRequest
from studio.providers.retry import RetryPolicy
from studio.render.ffmpeg import probe
from studio.run import MemoryMeter, Run
from tests.conftest import free_port
from tests.loopback.comfyui_server import ComfyServer
from tests.providers.replicate_helpers import clip_request, make_png

FAST = RetryPolicy(attempts=2, initial_wait_s=0.01, max_wait_s=0.01, sleep=lambda _s: None)


@pytest.fixture
def server() -> Iterator[ComfyServer]:
    with ComfyServer(steps=4, step_s=0.02) as srv:
        yield srv


def _client(url: str, **kw) -> ComfyClient:
    return ComfyClient(url, poll_interval_s=0.02, policy=FAST, **kw)


def _keyframe(tmp_path: Path) -> Path:
    """A start frame whose bytes the server must receive unchanged."""
    return make_png(tmp_path / "keyframe.png", (200, 40, 90))


class Recorder:
    """A Run that keeps its progress, prediction ids and calls; `stop_when` raises its Stop."""

    def __init__(self, stop_when=None) -> None:
        self.progress: list[tuple[float, str]] = []
        self.predictions: list[str] = []
        self.meter = MemoryMeter()
        self.stopped = threading.Event()
        self._stop_when = stop_when

    def on_progress(self, fraction: float, message: str) -> None:
        self.progress.append((fraction, message))
        if self._stop_when is not None and self._stop_when(fraction, message):
            self.stopped.set()

    @property
    def run(self) -> Run:
        return Run("g1", meter=self.meter, cancelled=self.stopped.is_set,
                   on_prediction=self.predictions.append, on_progress=self.on_progress)


# ── what the server received ─────────────────────────────────────────────────────────────────────


def test_a_picture_sends_prompt_seed_and_size_and_reports_each_step(server: ComfyServer) -> None:
    rec = Recorder()
    image = ComfyImage(_client(server.url))
    result = image.generate(ImageRequest(prompt="A red trail shoe on wet rock", width=360, height=640,
                                         seed=42, role="product"), rec.run)

    [sent] = server.prompts()
    graph = sent["prompt"]
    assert graph["6"]["inputs"]["text"] == "A red trail shoe on wet rock"
    assert graph["3"]["inputs"]["seed"] == 42
    assert (graph["5"]["inputs"]["width"], graph["5"]["inputs"]["height"]) == (352, 640)  # multiples of 16
    assert graph["7"]["inputs"]["text"] == load_workflow("image").spec.negative_prompt
    assert graph["4"]["inputs"]["ckpt_name"] == "flux1-schnell-fp8.safetensors"  # the template's own value
    assert sent["client_id"] in server.ws_clients()  # progress came on the socket of the prompt's client
    assert Image.open(io.BytesIO(result.png)).size == (352, 640)
    assert (result.seed, result.model, result.cost_usd) == (42, "FLUX.1-schnell", 0.0)
    steps = [m for _f, m in rec.progress if "step" in m]  # the last may cross the end on the wire
    assert steps[:3] == [f"The picture: step {i}/4 at ComfyUI" for i in (1, 2, 3)] and len(steps) <= 4
    assert rec.progress[-1] == (1.0, "The picture is ready")
    assert rec.predictions == [sent["prompt_id"]]
    [call] = rec.meter.calls
    assert (call.provider, call.model, call.purpose, call.status, call.cost_usd) == (
        "comfyui", "FLUX.1-schnell", "image product", "ok", 0.0)


def test_a_clip_uploads_its_keyframe_and_sends_seed_frames_size_and_fps(
    server: ComfyServer, tmp_path: Path
) -> None:
    keyframe = _keyframe(tmp_path)
    rec = Recorder()
    video = ComfyVideo(_client(server.url))
    request = clip_request(tmp_path, seed=4242, duration_s=3.0, start_frame=keyframe)
    result = video.render_clip(request, tmp_path / "out", rec.run)

    [sent] = server.prompts()
    graph = sent["prompt"]
    uploaded = graph["78"]["inputs"]["image"]
    assert uploaded.startswith("studio/")
    assert server.uploads[uploaded] == keyframe.read_bytes()  # the keyframe, byte for byte
    assert [r["path"] for r in server.records(method="POST")][:2] == ["/upload/image", "/prompt"]
    assert graph["72"]["inputs"]["noise_seed"] == 4242
    assert graph["77"]["inputs"]["length"] == 73  # 3 s at 24 fps, as 8k+1 frames
    assert (graph["77"]["inputs"]["width"], graph["77"]["inputs"]["height"]) == (352, 640)
    assert graph["69"]["inputs"]["frame_rate"] == 24 and graph["79"]["inputs"]["fps"] == 24
    assert graph["6"]["inputs"]["text"] == request.prompt
    assert "watermark" in graph["7"]["inputs"]["text"]

    assert result.path == tmp_path / "out" / "scene_1.mp4"
    info = probe(result.path)
    assert (info.video_codec, info.pix_fmt, info.width, info.height) == ("h264", "yuv420p", 352, 640)
    assert result.duration_s == pytest.approx(73 / 24, abs=0.15)
    assert result.last_frame is not None and result.last_frame.stat().st_size > 0
    assert (result.seed_applied, result.model, result.prediction_id) == (True, "LTX-Video 2B 0.9.5",
                                                                         sent["prompt_id"])
    assert rec.predictions == [sent["prompt_id"]]
    assert [f for f, m in rec.progress if "step" in m][:3] == [0.25, 0.5, 0.75]
    assert rec.progress[-1] == (1.0, "Scene 1 ready")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["scene_1.mp4", "scene_1_last.png"]


def test_a_clip_without_a_start_frame_starts_from_the_reference_of_its_focus(
    server: ComfyServer, tmp_path: Path
) -> None:
    request = clip_request(tmp_path)  # no start frame: the product reference (the scene's focus)
    ComfyVideo(_client(server.url)).render_clip(request, tmp_path / "out", Run.detached())
    [sent] = server.prompts()
    assert server.uploads[sent["prompt"]["78"]["inputs"]["image"]] == request.reference_paths[0].read_bytes()


def test_a_clip_in_another_codec_is_reencoded_to_h264(server: ComfyServer, tmp_path: Path) -> None:
    server.control(video_codec="mpeg4")
    video = ComfyVideo(_client(server.url))
    result = video.render_clip(clip_request(tmp_path, start_frame=_keyframe(tmp_path)), tmp_path / "out",
                               Run.detached())
    [sent] = server.prompts()
    ref = server.history_entry(sent["prompt_id"])["outputs"]["80"]["images"][0]
    assert probe(server.output_dir / ref["subfolder"] / ref["filename"]).video_codec == "mpeg4"
    info = probe(result.path)
    assert (info.video_codec, info.pix_fmt) == ("h264", "yuv420p")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["scene_1.mp4", "scene_1_last.png"]


def test_without_the_websocket_progress_comes_from_the_queue(tmp_path: Path) -> None:
    with ComfyServer(steps=5, step_s=0.05, websocket=False) as srv:
        rec = Recorder()
        ComfyVideo(_client(srv.url)).render_clip(clip_request(tmp_path, start_frame=_keyframe(tmp_path)),
                                                 tmp_path / "out", rec.run)
        assert [r["status"] for r in srv.records("/ws")] == [404]
        assert srv.records("/queue", method="GET")
    assert any("rendering at ComfyUI" in m for _f, m in rec.progress)
    assert rec.progress[-1] == (1.0, "Scene 1 ready")


# ── Stop, timeouts, failures ─────────────────────────────────────────────────────────────────────


def test_stop_interrupts_the_running_prompt_and_leaves_no_file(tmp_path: Path) -> None:
    with ComfyServer(steps=40, step_s=0.05) as srv:
        rec = Recorder(stop_when=lambda _f, m: "step 2/" in m)
        video = ComfyVideo(_client(srv.url))
        with pytest.raises(Cancelled, match="stopped at ComfyUI"):
            video.render_clip(clip_request(tmp_path, start_frame=_keyframe(tmp_path)), tmp_path / "out",
                              rec.run)
        [sent] = srv.prompts()
        pid = sent["prompt_id"]
        [interrupt] = srv.records("/interrupt")
        assert interrupt["json"] == {"prompt_id": pid} and interrupt["interrupted"] is True
        assert srv.records("/queue", method="POST")[0]["json"] == {"delete": [pid]}
        deadline = time.monotonic() + 5
        while srv.history_entry(pid) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        status = srv.history_entry(pid)["status"]
        assert status["status_str"] == "error"
        assert [m[0] for m in status["messages"]][-1] == "execution_interrupted"
        assert not srv.records("/view")  # nothing fetched
    assert list((tmp_path / "out").iterdir()) == []  # no clip, no part file, no last frame
    assert rec.meter.calls[0].status == "error"


def test_stop_while_queued_drops_only_that_prompt(tmp_path: Path) -> None:
    """ComfyUI runs one prompt at a time: a Stop of the waiting one must not interrupt the one running."""
    with ComfyServer(steps=40, step_s=0.05) as srv:
        first_done: dict[str, object] = {}

        def first() -> None:
            first_done["image"] = ComfyImage(_client(srv.url)).generate(
                ImageRequest(prompt="first", width=256, height=256, seed=1), Run.detached())

        worker = threading.Thread(target=first)
        worker.start()
        while not srv.prompts():
            time.sleep(0.01)
        started = time.monotonic()
        second = Run("g2", cancelled=lambda: time.monotonic() - started > 0.15)
        with pytest.raises(Cancelled):
            ComfyImage(_client(srv.url)).generate(
                ImageRequest(prompt="second", width=256, height=256, seed=2), second)
        worker.join(timeout=10)
        first_id, second_id = (p["prompt_id"] for p in srv.prompts())
        assert srv.records("/queue", method="POST")[0]["json"] == {"delete": [second_id]}
        [interrupt] = srv.records("/interrupt")
        assert interrupt["json"] == {"prompt_id": second_id} and interrupt["interrupted"] is False
        assert "image" in first_done  # the running prompt finished
        assert srv.history_entry(first_id)["status"]["status_str"] == "success"
        time.sleep(0.1)
        assert srv.history_entry(second_id) is None  # never ran


def test_a_prompt_dropped_at_comfyui_ends_with_a_message_not_a_wait(tmp_path: Path) -> None:
    with ComfyServer(steps=60, step_s=0.05) as srv:
        busy = threading.Thread(target=lambda: ComfyImage(_client(srv.url)).generate(
            ImageRequest(prompt="busy", width=256, height=256, seed=1), Run.detached()))
        busy.start()
        while not srv.prompts():
            time.sleep(0.01)

        def drop_the_second() -> None:
            while len(srv.prompts()) < 2:
                time.sleep(0.01)
            srv.delete_from_queue([srv.prompts()[1]["prompt_id"]])  # someone cleared it in ComfyUI's page

        threading.Thread(target=drop_the_second).start()
        with pytest.raises(ProviderError, match="ComfyUI no longer has the prompt") as err:
            ComfyImage(_client(srv.url, queue_check_s=0.05)).generate(
                ImageRequest(prompt="second", width=256, height=256, seed=2), Run.detached())
        assert err.value.retryable is True
        busy.join(timeout=10)


def test_a_prompt_past_its_timeout_is_stopped_with_a_message(tmp_path: Path) -> None:
    with ComfyServer(steps=100, step_s=0.05) as srv:
        video = ComfyVideo(_client(srv.url))
        spec = video.workflow.spec.model_copy(update={"timeout_s": 0.3})
        video.workflow = dataclasses.replace(video.workflow, spec=spec)
        with pytest.raises(ProviderError, match=r"did not finish in 0 s.*timeout_s") as err:
            video.render_clip(clip_request(tmp_path, start_frame=_keyframe(tmp_path)), tmp_path / "out",
                              Run.detached())
        assert err.value.retryable is True
        [sent] = srv.prompts()
        assert srv.records("/interrupt")[0]["json"] == {"prompt_id": sent["prompt_id"]}


def test_a_refused_workflow_names_the_node_the_input_and_what_to_fix(tmp_path: Path) -> None:
    with ComfyServer(checkpoints=["flux1-schnell-fp8.safetensors"]) as srv:  # no LTX-Video checkpoint
        video = ComfyVideo(_client(srv.url))
        with pytest.raises(ProviderError) as err:
            video.render_clip(clip_request(tmp_path, start_frame=_keyframe(tmp_path)), tmp_path / "out",
                              Run.detached())
        message = str(err.value)
        assert "ComfyUI refused the workflow image_to_video.json" in message
        assert "node 44 (CheckpointLoaderSimple) Value not in list: ckpt_name: " \
               "'ltx-video-2b-v0.9.5.safetensors'" in message
        assert "Install what it names in ComfyUI" in message
        assert "config/comfyui/image_to_video.json" in message
        assert err.value.retryable is False and err.value.provider == "ComfyUI"
        assert [r["status"] for r in srv.records("/prompt")] == [400]  # refused once, not retried
        assert srv.prompts() == []
    assert list((tmp_path / "out").iterdir()) == []


def test_an_execution_error_names_the_node_and_the_exception(server: ComfyServer, tmp_path: Path) -> None:
    server.control(fail_next=["execution_error"])
    with pytest.raises(ProviderError) as err:
        ComfyVideo(_client(server.url)).render_clip(clip_request(tmp_path, start_frame=_keyframe(tmp_path)),
                                                    tmp_path / "out", Run.detached())
    assert "ComfyUI failed at node 72 (SamplerCustom): Allocation on device: out of memory" in str(err.value)
    assert err.value.retryable is True
    assert list((tmp_path / "out").iterdir()) == []


def test_a_500_on_submit_is_retried(server: ComfyServer) -> None:
    server.control(fail_next=["500"])
    result = ComfyImage(_client(server.url)).generate(ImageRequest(prompt="p", width=256, height=256, seed=3),
                                                       Run.detached())
    assert result.png.startswith(b"\x89PNG")
    assert [r["status"] for r in server.records("/prompt")] == [500, 200]


def test_an_unreachable_server_says_to_check_the_url() -> None:
    client = _client(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ProviderError, match=r"could not be reached.*Check STUDIO_COMFYUI_URL") as err:
        ComfyImage(client).generate(ImageRequest(prompt="p", width=256, height=256), Run.detached())
    assert err.value.retryable is True and "2 attempts" in str(err.value)


def test_a_prompt_queued_before_a_crash_is_picked_up_not_sent_twice(
    server: ComfyServer, tmp_path: Path
) -> None:
    video = ComfyVideo(_client(server.url))
    first = video.render_clip(clip_request(tmp_path, start_frame=_keyframe(tmp_path)), tmp_path / "a",
                              Run.detached())
    request = clip_request(tmp_path, start_frame=_keyframe(tmp_path)).model_copy(
        update={"resume_prediction_id": first.prediction_id})
    again = video.render_clip(request, tmp_path / "b", Run.detached())
    assert len(server.prompts()) == 1 and again.prediction_id == first.prediction_id
    assert again.path.read_bytes() == first.path.read_bytes()
    gone = request.model_copy(update={"resume_prediction_id": "not-a-prompt"})
    video.render_clip(gone, tmp_path / "c", Run.detached())
    assert len(server.prompts()) == 2  # unknown there: a new prompt


# ── the address ──────────────────────────────────────────────────────────────────────────────────


def test_a_login_or_token_in_the_url_is_used_but_never_shown(server: ComfyServer) -> None:
    url = server.url.replace("http://", "http://studio:pa55word@") + "/?token=tok-SECRET-1"
    client = _client(url)
    assert client.shown == f"http://studio:***@127.0.0.1:{server.port}?token=***"
    image = ComfyImage(client)
    assert "pa55word" not in image.name and "SECRET" not in image.name
    image.generate(ImageRequest(prompt="p", width=256, height=256, seed=1), Run.detached())
    for record in server.records():
        assert record["auth"] == "Basic c3R1ZGlvOnBhNTV3b3Jk"  # studio:pa55word, on the socket too
        assert record["query"]["token"] == "tok-SECRET-1"
    assert ComfyAddress.parse(url).secrets == ["studio", "pa55word", "tok-SECRET-1"]


# ── the templates ────────────────────────────────────────────────────────────────────────────────


def test_the_shipped_templates_load_and_map_every_value() -> None:
    image, video = load_workflow("image"), load_workflow("video")
    assert image.targets("seed") == [("3", "seed")]
    assert video.targets("fps") == [("69", "frame_rate"), ("79", "fps")]
    graph = video.fill({"seed": 7, "start_image": "studio/x.png", "frames": 49})
    assert (graph["72"]["inputs"]["noise_seed"], graph["78"]["inputs"]["image"]) == (7, "studio/x.png")
    assert graph["77"]["inputs"]["length"] == 49 and video.graph["77"]["inputs"]["length"] == 97  # a copy


def _templates(tmp_path: Path, change) -> Path:
    """A copy of config/comfyui with templates.yaml changed by `change(data)`."""
    folder = tmp_path / "comfyui"
    shutil.copytree(TEMPLATES_PATH.parent, folder)
    data = yaml.safe_load((folder / "templates.yaml").read_text())
    change(data)
    (folder / "templates.yaml").write_text(yaml.safe_dump(data))
    return folder / "templates.yaml"


@pytest.mark.parametrize(
    "change, said",
    [
        (lambda d: d["video"]["inputs"].update(seed="99.noise_seed"),
         "inputs.seed points at node 99, which image_to_video.json does not have"),
        (lambda d: d["video"]["inputs"].update(frames="77.lenght"),
         "inputs.frames points at input 'lenght' of node 77 (LTXVImgToVideo), which has none"),
        (lambda d: d["video"]["inputs"].pop("start_image"), "no node is mapped for start_image"),
        (lambda d: d["video"]["inputs"].update(width="77.vae"), "is linked to another node"),
        (lambda d: d["video"].update(output="81"), "output is node 81"),
        (lambda d: d["video"].update(workflow="missing.json"), "cannot read the workflow"),
    ],
)
def test_a_template_that_lacks_a_mapped_node_is_refused(tmp_path: Path, change, said: str) -> None:
    with pytest.raises(ConfigError, match=r"templates\.yaml") as err:
        load_workflow("video", _templates(tmp_path, change))
    assert said in str(err.value)


def test_a_workflow_in_the_ui_format_is_refused(tmp_path: Path) -> None:
    path = _templates(tmp_path, lambda d: None)
    (path.parent / "image_to_video.json").write_text(json.dumps({"nodes": [], "links": []}))
    with pytest.raises(ConfigError, match=r"not a ComfyUI workflow in API format.*Export \(API\)"):
        load_workflow("video", path)


def test_frames_and_sizes_fit_the_model() -> None:
    spec = load_workflow("video").spec
    assert frame_count(3.0, 24, spec) == 73
    assert frame_count(0.1, 24, spec) == 9  # the model's least
    assert frame_count(60.0, 24, spec) == 257  # the template's most
    assert all((frame_count(s, 24, spec) - 1) % 8 == 0 for s in (1.3, 2.7, 4.4, 5.0))
    assert fit_size(1080, 1920, 32, 1280) == (704, 1280)
    assert fit_size(720, 1280, 32, 1280) == (704, 1280)
    assert fit_size(1080, 1080, 16, None) == (1088, 1088)
