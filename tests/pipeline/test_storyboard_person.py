"""Offline, a scene about a person with no character image: its storyboard frame shows the same painted
person as its clip (the motion renderer paints one per generation), not an empty set."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief
from studio.pipeline import storyboard as storyboard_stage
from studio.pipeline.clips import scene_prompt
from studio.providers.offline import MotionRenderer, scene_inputs
from studio.providers.ports import ClipRequest
from studio.render.compositor import SceneComposer
from studio.render.ffmpeg import read_frames
from studio.service import Studio

PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners."


def _request(gen, scene, media) -> ClipRequest:
    """The request the clip stage sends for `scene` with no start frame (as in studio/pipeline/clips.py)."""
    refs = [r for r in gen.references if r.kind != "logo"]
    return ClipRequest(
        generation_id=gen.id,
        scene=scene,
        scene_index=0,
        scene_count=len(gen.scenes),
        prompt=scene_prompt(gen, scene),
        references=refs,
        reference_paths=[media.local_path(r.location) for r in refs],
        seed=gen.seed,
        width=gen.brief.size[0],
        height=gen.brief.size[1],
        aspect_ratio=gen.brief.aspect_ratio,
        palette=gen.context.color_palette if gen.context else [],
        product_name=gen.story.product_name if gen.story else "",
    )


def test_a_people_scene_keyframe_shows_the_clips_painted_person(settings: Settings, tmp_path) -> None:
    ctx = open_context(settings)
    studio = Studio(ctx)
    try:
        gen = studio.create(
            Brief(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=77, mode="interactive")
        )
        current = studio.run(gen.id)
        while current.stage != "scenes":
            studio.approve(gen.id).result(timeout=300)
            current = studio.store.get(gen.id)
        # The brief gave a product and a setting but no character image.
        gen = current.model_copy(
            update={"references": [r for r in current.references if r.kind != "character"]}
        )
        assert {r.kind for r in gen.references} == {"product", "environment"}
        scene = gen.scenes[0].model_copy(
            update={
                "description": "A runner laces up at dawn, on a hillside trail.",
                "focus": "character",
                "transition_in": "cut",
                "continuous_with_previous": False,
            }
        )
        gen = gen.model_copy(update={"scenes": [scene, *gen.scenes[1:]]})
        media = ctx.providers.media
        run = studio.orchestrator.run_for(gen.id)
        frame = storyboard_stage.make_keyframe(gen, scene, ctx.providers, run)
        assert frame.source == "composed"
        key = np.asarray(Image.open(media.local_path(frame.location)).convert("RGB")).astype(np.int16)

        # The clip of the same scene, at the keyframe's moment (1 s in, or mid-scene when shorter).
        request = _request(gen, scene, media)
        clip = MotionRenderer().render_clip(request, tmp_path / "clip", run)
        at = round(min(storyboard_stage.SETTLED_S, scene.duration_s / 2) * request.fps)
        height, width = key.shape[:2]
        frames = read_frames(clip.path, width, height)
        clip_frame = next(f for i, f in enumerate(frames) if i == at)[:, :, ::-1].astype(np.int16)
        frames.close()
        # What the keyframe was before: the same scene with no person painted in (out_dir None).
        empty = scene_inputs(request, None)
        empty.scene, empty.captions = scene, False
        bare = SceneComposer(empty).compose(at, np.empty((*key.shape[:2], 4), np.uint8))
        bare = cv2.cvtColor(bare, cv2.COLOR_BGRA2RGB).astype(np.int16)
    finally:
        ctx.runner.shutdown()

    figure = np.abs(key - bare).max(axis=2) > 40  # where the keyframe's person stands
    to_clip = float(np.abs(key - clip_frame)[figure].mean())
    bare_to_clip = float(np.abs(bare - clip_frame)[figure].mean())
    print(f"\nperson on {figure.mean():.1%}; there |key-clip| {to_clip:.1f}, |bare-clip| {bare_to_clip:.1f}")
    assert figure.mean() > 0.01  # a person covers a real part of the frame
    # Where the keyframe shows the person, the clip shows them too (up to compression); the set is bare.
    assert to_clip < 12, to_clip
    assert bare_to_clip > 4 * to_clip, (bare_to_clip, to_clip)
