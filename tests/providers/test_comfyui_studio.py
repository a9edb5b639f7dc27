"""STUDIO_COMFYUI_URL through the studio: settings, the registry, doctor, and a whole ad whose pictures and
clips come from a loopback ComfyUI (tests/loopback/comfyui_server.py)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.bootstrap import open_context
from studio.cli.context import CliContext
from studio.cli.doctor import cmd_doctor
from studio.config import Settings, load_settings
from studio.errors import ConfigError
from studio.models import Brief
from studio.providers.comfyui import ComfyImage, ComfyVideo
from studio.providers.registry import build_providers
from studio.render.ffmpeg import probe
from studio.service import Studio
from tests.conftest import free_port
from tests.loopback.comfyui_server import ComfyServer

PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."


@pytest.fixture
def server() -> Iterator[ComfyServer]:
    with ComfyServer(steps=3, step_s=0.01) as srv:
        yield srv


def test_the_url_setting_puts_comfyui_on_the_image_and_video_ports(
    server: ComfyServer, tmp_path: Path
) -> None:
    settings = load_settings({"STUDIO_COMFYUI_URL": server.url, "STUDIO_DATA_DIR": str(tmp_path)},
                             secrets_path=tmp_path / "none.toml")
    assert settings.comfyui_url == server.url and settings.use_comfyui
    providers = build_providers(settings)
    assert isinstance(providers.image, ComfyImage) and isinstance(providers.video, ComfyVideo)
    described = providers.describe()
    assert described["image"] == f"ComfyUI FLUX.1-schnell at {server.url}"
    assert described["video"] == f"ComfyUI LTX-Video 2B 0.9.5 at {server.url}"
    assert described["inpaint"] == "opencv inpaint"  # ComfyUI serves pictures and clips only
    assert server.records() == []  # building the adapters asks the server nothing: doctor does that
    offline = build_providers(settings.model_copy(update={"offline": True}))
    assert not isinstance(offline.video, ComfyVideo)


def test_a_url_that_is_not_http_is_refused_naming_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="STUDIO_COMFYUI_URL"):
        load_settings({"STUDIO_COMFYUI_URL": "127.0.0.1:8188"}, secrets_path=tmp_path / "none.toml")


def _doctor(settings: Settings, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    cli = CliContext()
    cli._ctx = open_context(settings, with_runner=False)
    code = cmd_doctor(argparse.Namespace(), cli)
    return code, capsys.readouterr().out


def test_doctor_says_the_server_answers_and_has_every_node_and_model(
    server: ComfyServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_COMFYUI_URL", server.url)  # the keys part reads the settings as set
    code, out = _doctor(Settings(data_dir=tmp_path / "data", comfyui_url=server.url), capsys)
    assert f"{server.url} reachable (ComfyUI 0.3.75-loopback; cuda:0 NVIDIA loopback GPU" in out
    assert "image  text_to_image.json (FLUX.1-schnell): every node class and model file is there" in out
    assert "video  image_to_video.json (LTX-Video 2B 0.9.5): every node class and model file is there" in out
    assert "REPLICATE_API_TOKEN  not set (pictures and clips from ComfyUI or offline)" in out
    assert code == 0
    assert [r["path"] for r in server.records()] == ["/system_stats", "/object_info"]


def test_doctor_names_missing_nodes_and_models(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ComfyServer(missing_classes=["LTXVImgToVideo", "LTXVScheduler"],
                     checkpoints=["ltx-video-2b-v0.9.5.safetensors"]) as srv:
        code, out = _doctor(Settings(data_dir=tmp_path / "data", comfyui_url=srv.url), capsys)
    assert code == 1
    assert "ComfyUI has no node LTXVImgToVideo (update ComfyUI or install the custom node" in out
    assert "ComfyUI has no node LTXVScheduler" in out
    missing = "node 4 (CheckpointLoaderSimple) ckpt_name 'flux1-schnell-fp8.safetensors' is not in ComfyUI"
    assert missing in out
    assert "example.png" not in out  # the start image is the studio's to fill in, not a missing file


def test_doctor_says_an_unreachable_server_is_not_reachable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://comfy:hunter22@127.0.0.1:{free_port()}"
    code, out = _doctor(Settings(data_dir=tmp_path / "data", comfyui_url=url), capsys)
    assert code == 1
    assert "not reachable" in out and "Check STUDIO_COMFYUI_URL" in out
    assert "hunter22" not in out and "comfy:***@127.0.0.1" in out


def test_a_whole_ad_with_comfyui_making_every_picture_and_clip(server: ComfyServer, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", max_concurrent=2, comfyui_url=server.url)
    studio = Studio(open_context(settings))
    media = studio.ctx.providers.media
    try:
        gen = studio.run(studio.create(Brief(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3,
                                             seed=1234)).id)
        assert gen.status == "completed", gen.error
        info = probe(media.local_path(gen.ad.location))
        assert (info.video_codec, info.pix_fmt, info.width, info.height) == ("h264", "yuv420p", 360, 640)

        sent = {p["prompt_id"]: p["prompt"] for p in server.prompts()}
        videos = {pid: graph for pid, graph in sent.items() if "77" in graph}
        pictures = [graph for graph in sent.values() if "5" in graph]
        assert len(videos) == 3 and len(pictures) == len(gen.references) + len(gen.keyframes)
        assert {k.model for k in gen.keyframes} == {"FLUX.1-schnell"}
        keyframe_prompts = [g["6"]["inputs"]["text"] for g in pictures
                            if "a still for the storyboard" in g["6"]["inputs"]["text"]]
        assert len(keyframe_prompts) == 3

        frames = {k.scene_id: media.local_path(k.location).read_bytes() for k in gen.keyframes}
        clips = {c.scene_id: c for c in gen.clips}
        for index, scene in enumerate(gen.scenes):
            clip = clips[scene.id]
            assert (clip.status, clip.model, clip.seed_applied) == ("complete", "LTX-Video 2B 0.9.5", True)
            graph = videos[clip.prediction_id]  # the clip came from this prompt at the server
            assert graph["72"]["inputs"]["noise_seed"] == gen.seed == 1234
            started_from = server.uploads[graph["78"]["inputs"]["image"]]
            if scene.continuous_with_previous and index > 0:  # starts where the clip before it ends
                previous = clips[gen.scenes[index - 1].id]
                assert started_from == media.local_path(previous.last_frame).read_bytes()
            else:  # the approved storyboard frame opens the clip
                assert started_from == frames[scene.id]
            assert (graph["77"]["inputs"]["length"] - 1) % 8 == 0
        assert any(not s.continuous_with_previous for s in gen.scenes)
    finally:
        studio.ctx.runner.shutdown()
