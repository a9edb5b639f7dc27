"""The references stop and the storyboard, offline: the stops in order, one frame per scene, each clip
starting from its approved frame, chat about the pictures, and the whole scene plan editable."""

from __future__ import annotations

import hashlib
import io
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.bootstrap import open_context
from studio.config import Settings
from studio.media.uploads import store_upload
from studio.models import BrandAssets, Brief, SceneEdit
from studio.pipeline import references as ref_stage
from studio.pipeline import storyboard as storyboard_stage
from studio.providers.offline import MotionRenderer
from studio.service import Studio

PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."


def _brief(**kw) -> Brief:
    base = dict(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=1234, mode="interactive")
    return Brief(**(base | kw))


@pytest.fixture
def studio(settings: Settings):
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _to_stop(studio: Studio, gen_id: str, stop: str) -> None:
    """Approve every stop before `stop` and run until the generation waits there."""
    gen = studio.run(gen_id)
    while gen.stage != stop:
        assert gen.status == "awaiting_approval", (gen.status, gen.stage, gen.error)
        studio.approve(gen_id).result(timeout=300)
        gen = studio.store.get(gen_id)
    assert (gen.status, gen.stage) == ("awaiting_approval", stop)


class RecordingVideo:
    """The offline renderer, remembering the start image each clip request carried (bytes, per scene)."""

    def __init__(self) -> None:
        self.inner = MotionRenderer()
        self.name = self.inner.name
        self.started: dict[int, str | None] = {}

    def render_clip(self, request, out_dir, run):
        start = request.start_frame
        self.started[request.scene.id] = _sha(start) if start else None
        return self.inner.render_clip(request, out_dir, run)


def _picture(colour: tuple[int, int, int], size=(64, 96)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


# ── the stops ────────────────────────────────────────────────────────────────────────────────────


def test_interactive_pauses_at_story_references_scenes_storyboard_then_makes_clips(studio: Studio) -> None:
    gen = studio.create(_brief())
    stops = []
    current = studio.run(gen.id)
    while current.status == "awaiting_approval":
        stops.append(current.stage)
        if current.stage != "storyboard":
            assert current.clips == []  # no clip row, let alone a video, before the storyboard is approved
        assert studio.respond(gen.id, "approve").result(timeout=60).action == "approve"
        current = studio.run(gen.id)
    assert stops == ["story", "references", "scenes", "storyboard"]
    assert current.status == "completed", current.error
    assert [c.status for c in current.clips] == ["complete"] * 3


def test_automated_mode_runs_through_with_a_storyboard(studio: Studio) -> None:
    gen = studio.run(studio.create(_brief(mode="automated")).id)
    assert gen.status == "completed", gen.error
    assert gen.references_approved and gen.storyboard_approved
    assert [k.scene_id for k in gen.keyframes] == [s.id for s in gen.scenes]


# ── the storyboard ───────────────────────────────────────────────────────────────────────────────


def test_storyboard_of_five_scenes_offline_is_composed_frames_and_timed(studio: Studio) -> None:
    gen = studio.create(_brief(duration_s=15, scene_count=5))
    _to_stop(studio, gen.id, "scenes")
    gen = studio.store.get(gen.id)
    assert len(gen.scenes) == 5
    run = studio.orchestrator.run_for(gen.id)
    started = time.perf_counter()
    frames = storyboard_stage.make_storyboard(gen, studio.ctx.providers, run)
    seconds = time.perf_counter() - started
    print(f"\nstoryboard of 5 scenes offline at 360p: {seconds:.2f} s")
    assert [k.scene_id for k in frames] == [1, 2, 3, 4, 5]
    assert {k.source for k in frames} == {"composed"}
    media = studio.ctx.providers.media
    pictures = [np.asarray(Image.open(media.local_path(k.location)).convert("RGB")) for k in frames]
    assert {p.shape for p in pictures} == {(640, 360, 3)}
    assert len({_sha(media.local_path(k.location)) for k in frames}) == 5  # one picture per scene
    assert all(p.std() > 10 for p in pictures)  # a composed picture, not a flat plate
    again = storyboard_stage.make_storyboard(gen, studio.ctx.providers, run)  # same seed, same frames
    assert [_sha(media.local_path(k.location)) for k in again] == [
        _sha(media.local_path(k.location)) for k in frames
    ]
    assert seconds < 30


def test_each_clip_starts_from_its_approved_frame_and_a_continuous_scene_from_the_clip_before(
    settings: Settings,
) -> None:
    ctx = open_context(settings)
    video = RecordingVideo()
    ctx.providers.video = video
    studio = Studio(ctx)
    try:
        gen = studio.create(_brief())
        _to_stop(studio, gen.id, "scenes")
        studio.edit_scene(gen.id, 2, SceneEdit(continuous_with_previous=False))
        studio.edit_scene(gen.id, 3, SceneEdit(continuous_with_previous=True, camera_move="pan_left"))
        _to_stop(studio, gen.id, "storyboard")
        # One frame replaced by the person's picture before approving.
        location = store_upload(ctx.providers.media, "my-frame.png", _picture((200, 40, 40)), owner="local")
        studio.replace_keyframe(gen.id, 2, location, "my-frame.png")
        gen = studio.store.get(gen.id)
        assert (gen.status, gen.stage) == ("awaiting_approval", "storyboard")
        assert gen.keyframes[1].source == "upload" and gen.keyframes[1].upload == "my-frame.png"
        assert video.started == {}  # nothing rendered before the approval
        studio.approve(gen.id).result(timeout=300)
        gen = studio.store.get(gen.id)
        assert gen.status == "completed", gen.error
        media = ctx.providers.media
        frames = {k.scene_id: _sha(media.local_path(k.location)) for k in gen.keyframes}
        last_of_2 = _sha(media.local_path(gen.clips[1].last_frame))
        assert video.started == {1: frames[1], 2: frames[2], 3: last_of_2}
        assert gen.scenes[2].camera_move == "pan_left"
    finally:
        ctx.runner.shutdown()


def test_regenerating_one_frame_changes_it_alone_and_waits_again(studio: Studio) -> None:
    gen = studio.create(_brief())
    _to_stop(studio, gen.id, "storyboard")
    before = studio.store.get(gen.id).keyframes
    studio.regenerate_keyframe(gen.id, 2, "at dusk, warmer light").result(timeout=120)
    after = studio.store.get(gen.id)
    assert (after.status, after.stage) == ("awaiting_approval", "storyboard")
    assert after.keyframes[0] == before[0] and after.keyframes[2] == before[2]
    assert after.keyframes[1].location != before[1].location
    assert "at dusk, warmer light" in after.keyframes[1].prompt
    said = [m.text for m in studio.store.messages(gen.id) if m.role == "assistant"]
    assert said[-1] == "Redrew the frame of scene 2 (at dusk, warmer light)."
    # Chat at the storyboard stop is about the frames.
    studio.respond(gen.id, "frame 3: more contrast").result(timeout=120)
    chatted = studio.store.get(gen.id)
    assert chatted.keyframes[:2] == after.keyframes[:2] and chatted.keyframes[2] != after.keyframes[2]


# ── the references ───────────────────────────────────────────────────────────────────────────────


def test_every_brand_image_counts_first_three_in_order(studio: Studio) -> None:
    media = studio.ctx.providers.media
    locs = [
        store_upload(media, f"shoe-{i}.png", _picture((40 * i, 90, 200 - 30 * i)), owner="local")
        for i in range(1, 4)
    ]
    logo = store_upload(media, "peak-logo.png", _picture((10, 10, 10)), owner="local")
    names = {**{loc: f"shoe-{i}.png" for i, loc in enumerate(locs, 1)}, logo: "peak-logo.png"}
    three = BrandAssets(product_images=locs, logo=logo, upload_names=names)
    assert [k for k, _ in ref_stage.reference_plan(_brief(assets=three))] == ["product"] * 3
    one = BrandAssets(product_images=locs[:1], logo=logo, upload_names=names)
    assert ref_stage.reference_plan(_brief(assets=one)) == [
        ("product", locs[0]), ("logo", logo), ("environment", None)
    ]  # fmt: skip
    assert ref_stage.reference_plan(_brief()) == [
        ("product", None), ("character", None), ("environment", None)
    ]  # fmt: skip
    gen = studio.create(_brief(assets=three))
    _to_stop(studio, gen.id, "references")
    refs = studio.store.get(gen.id).references
    assert [(r.kind, r.source, r.upload) for r in refs] == [
        ("product", "brand", f"shoe-{i}.png") for i in (1, 2, 3)
    ]
    said = [m.text for m in studio.store.messages(gen.id) if m.stage == "references"]
    assert "product from shoe-1.png" in said[-1]


def test_chat_at_the_references_stop_repaints_the_environment_and_says_so(studio: Studio) -> None:
    gen = studio.create(_brief())
    _to_stop(studio, gen.id, "references")
    before = studio.store.get(gen.id)
    assert [r.kind for r in before.references] == ["product", "character", "environment"]
    studio.respond(gen.id, "make the background brighter").result(timeout=120)
    after = studio.store.get(gen.id)
    assert (after.status, after.stage) == ("awaiting_approval", "references")
    assert after.references[:2] == before.references[:2]
    assert after.references[2].location != before.references[2].location or (
        after.references[2].prompt != before.references[2].prompt
    )
    assert after.context is not None
    said = [m.text for m in studio.store.messages(gen.id) if m.role == "assistant"][-1]
    assert said.startswith("Repainted the environment reference (3): make the background brighter.")
    assert after.scenes == [] and not after.scenes_outdated  # nothing written from them yet


def test_a_changed_reference_marks_the_scenes_out_of_date_and_one_click_rewrites_them(studio: Studio) -> None:
    gen = studio.create(_brief())
    _to_stop(studio, gen.id, "storyboard")
    studio.regenerate_reference(gen.id, 0, "on a red background").result(timeout=120)
    changed = studio.store.get(gen.id)
    assert (changed.status, changed.stage) == ("awaiting_approval", "references")
    assert changed.scenes_outdated and changed.keyframes == [] and not changed.storyboard_approved
    studio.approve(gen.id).result(timeout=120)
    at_scenes = studio.store.get(gen.id)
    assert (at_scenes.status, at_scenes.stage) == ("awaiting_approval", "scenes")
    studio.rewrite_outdated_scenes(gen.id).result(timeout=120)
    rewritten = studio.store.get(gen.id)
    assert not rewritten.scenes_outdated and rewritten.stage == "scenes" and len(rewritten.scenes) == 3


# ── the scene plan and the seed ──────────────────────────────────────────────────────────────────


def test_the_whole_scene_plan_is_editable_and_drops_only_that_frame(studio: Studio) -> None:
    gen = studio.create(_brief())
    _to_stop(studio, gen.id, "storyboard")
    frames = studio.store.get(gen.id).keyframes
    edit = SceneEdit(camera_move="static", transition_in="slide", continuous_with_previous=True, duration_s=3)
    studio.edit_scene(gen.id, 2, edit)
    after = studio.store.get(gen.id)
    scene = after.scenes[1]
    assert (scene.camera_move, scene.transition_in, scene.continuous_with_previous, scene.duration_s) == (
        "static", "slide", True, 3.0
    )  # fmt: skip
    assert [k.scene_id for k in after.keyframes] == [1, 3] and after.keyframes[0] == frames[0]
    assert (after.status, after.stage) == ("awaiting_approval", "scenes")


def test_seed_control_off_on_the_brief_sends_no_seed(studio: Studio) -> None:
    gen = studio.run(studio.create(_brief(mode="automated", seed_control=False)).id)
    assert gen.status == "completed", gen.error
    assert {c.seed for c in gen.clips} == {None}
    assert not any(c.seed_applied for c in gen.clips)
