"""The storyboard against Replicate's wire format on loopback: no video prediction before the storyboard is
approved (interactive mode), and each video prediction carries its scene's approved keyframe as its start
image (the bytes the server received are the stored keyframe's), under each model's own input name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief, SceneEdit
from studio.providers.video_models import load_video_models
from studio.service import Studio

PROMPT = "Harbor Roast cold brew for busy commuters: bold, smooth, ready in the fridge. 20% off this week."


def _studio(tmp_path: Path, loopback, model: str) -> Studio:
    settings = Settings(
        data_dir=tmp_path / "data",
        max_concurrent=2,
        replicate_api_token=SecretStr(loopback.replicate_token),
        replicate_base_url=loopback.url,
        replicate_video_model=model,
    )
    return Studio(open_context(settings))


def _brief(mode: str) -> Brief:
    return Brief(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=4242, mode=mode)


def _start_images(studio: Studio, loopback, gen_id: str, input_name: str) -> dict[int, bytes]:
    """scene id → the bytes the server received as that scene's start image."""
    gen = studio.store.get(gen_id)
    by_prediction = {p["id"]: p for p in loopback.predictions_received("video")}
    out = {}
    for clip in gen.clips:
        sent = by_prediction[clip.prediction_id]["input"]
        out[clip.scene_id] = loopback.input_bytes(sent[input_name])
    return out


def test_interactive_no_video_before_the_storyboard_then_each_clip_starts_from_its_keyframe(
    tmp_path: Path, loopback
) -> None:
    studio = _studio(tmp_path, loopback, "google/veo-3-fast")
    media = studio.ctx.providers.media
    try:
        gen = studio.run(studio.create(_brief("interactive")).id)
        stops = []
        while gen.stage != "storyboard":
            assert gen.status == "awaiting_approval", (gen.status, gen.stage, gen.error)
            stops.append(gen.stage)
            if gen.stage == "scenes":  # scene 3 continues scene 2; scene 2 is a fresh shot
                studio.edit_scene(gen.id, 2, SceneEdit(continuous_with_previous=False))
                studio.edit_scene(gen.id, 3, SceneEdit(continuous_with_previous=True))
            studio.approve(gen.id).result(timeout=120)
            gen = studio.store.get(gen.id)
        assert stops == ["story", "references", "scenes"]
        assert gen.status == "awaiting_approval"
        assert loopback.predictions_received("video") == []  # nothing paid for before the storyboard

        # The keyframes came from the image model, with the three references as its image inputs.
        frames = {k.scene_id: k for k in gen.keyframes}
        assert sorted(frames) == [1, 2, 3] and {k.source for k in frames.values()} == {"generated"}
        refs = [media.local_path(r.location).read_bytes() for r in gen.references]
        keyframe_calls = [
            p
            for p in loopback.predictions_received("image")
            if "a still for the storyboard" in str(p["input"].get("prompt"))
        ]
        assert len(keyframe_calls) == 3
        for call in keyframe_calls:
            assert [loopback.input_bytes(v) for v in call["input"]["image_input"]] == refs

        studio.approve(gen.id).result(timeout=300)
        done = studio.store.get(gen.id)
        assert done.status == "completed", done.error
        assert len(loopback.predictions_received("video")) == 3
        started = _start_images(studio, loopback, gen.id, "image")
        assert started[1] == media.local_path(frames[1].location).read_bytes()
        assert started[2] == media.local_path(frames[2].location).read_bytes()
        # The continuous scene starts from the clip before it, not from its own frame.
        assert started[3] == media.local_path(done.clips[1].last_frame).read_bytes()
        assert started[3] != media.local_path(frames[3].location).read_bytes()
    finally:
        studio.ctx.runner.shutdown()


@pytest.mark.parametrize(
    "model", ["kwaivgi/kling-v2.1", "minimax/hailuo-02-fast", "wan-video/wan-2.2-i2v-fast"]
)
def test_every_model_gets_the_keyframe_under_its_own_start_image_input(
    tmp_path: Path, loopback, model
) -> None:
    spec = load_video_models()[model]
    assert spec.start_image, f"{model} has no start_image input name in config/video_models.yaml"
    studio = _studio(tmp_path, loopback, model)
    media = studio.ctx.providers.media
    try:
        gen = studio.create(_brief("automated"))
        studio.run(gen.id)
        studio.edit_scene(gen.id, 2, SceneEdit(continuous_with_previous=False))  # only scene 2 again
        studio.edit_scene(gen.id, 3, SceneEdit(continuous_with_previous=False))
        done = studio.approve(gen.id).result(timeout=300)
        done = studio.store.get(gen.id)
        assert done.status == "completed", done.error
        started = _start_images(studio, loopback, gen.id, spec.start_image)
        for frame in done.keyframes:
            assert started[frame.scene_id] == media.local_path(frame.location).read_bytes(), frame.scene_id
    finally:
        studio.ctx.runner.shutdown()
