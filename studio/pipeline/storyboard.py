"""Storyboard stage: one keyframe per scene, seen and approved before any video is paid for.

Each keyframe is made from the scene, the references and the consistency context. With a real image
model it is a picture from the image port with the references as its image inputs; with the offline
motion renderer it is the scene's own composed opening frame (the same compositor that renders the
clip), so what the person approves is what the clip starts from. An approved keyframe is the start image
of its scene's clip (studio/pipeline/clips.py); a continuous scene still starts from the clip before it.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import cv2
import numpy as np

from studio.errors import BadInput, Cancelled
from studio.lifecycle import STOP_MESSAGE
from studio.models import Generation, Keyframe, Scene
from studio.pipeline.clips import scene_prompt
from studio.providers.limits import DEFAULT_LIMIT, calls_at_once, cores
from studio.providers.ports import ImageRequest
from studio.providers.registry import Providers
from studio.run import Run
from studio.seeds import derive, model_seed

log = logging.getLogger(__name__)
SETTLED_S = 1.0
"""Offline, the frame is taken this far into the scene (or at its middle if shorter): the words are in."""


def uses_composed_frames(providers: Providers) -> bool:
    """True when clips come from the offline motion renderer: the keyframe is then its composed frame."""
    from studio.providers.offline import MotionRenderer

    return isinstance(providers.video, MotionRenderer)


def _key(gen_id: str, scene_id: int, data: bytes, ext: str = "png") -> str:
    # Named by content: a new frame gets a new name, so nothing (a browser, a CDN) shows the old one.
    return f"generations/{gen_id}/keyframes/scene_{scene_id}_{hashlib.sha1(data).hexdigest()[:10]}.{ext}"


def keyframe_prompt(gen: Generation, scene: Scene, feedback: str | None = None) -> str:
    """The image model's prompt: the consistency context, the scene, and the person's feedback."""
    text = scene_prompt(gen, scene)
    if scene.on_screen_text:
        text += f"\nON-SCREEN TEXT (leave room for it): {scene.on_screen_text}"
    text += "\nFRAME: the opening frame of this scene, as a still for the storyboard."
    if feedback:
        text += f"\nCHANGE: {feedback}"
    return text


def _composed_frame(gen: Generation, scene: Scene, providers: Providers) -> bytes:
    """The offline renderer's frame of the scene once it has settled, as PNG bytes (no captions).

    The compositor's inputs come from the motion renderer's own `scene_inputs`, built from the clip
    request the clip stage would send: the same hero, and for a scene about a person with no character
    image the same painted person (its seed is the generation's), so the keyframe and the clip agree.
    """
    from studio.providers.offline import scene_inputs
    from studio.providers.ports import ClipRequest
    from studio.render.compositor import SceneComposer

    media = providers.media
    refs = [r for r in gen.references if r.kind != "logo"]
    logo = next((r for r in gen.references if r.kind == "logo"), None)
    width, height = gen.brief.size
    request = ClipRequest(
        generation_id=gen.id,
        scene=scene.model_copy(update={"transition_in": "cut", "continuous_with_previous": False}),
        scene_index=next((i for i, s in enumerate(gen.scenes) if s.id == scene.id), 0),
        scene_count=max(1, len(gen.scenes)),
        prompt=scene_prompt(gen, scene),
        references=refs,
        reference_paths=[media.local_path(r.location) for r in refs],
        logo_path=media.local_path(logo.location) if logo else None,
        seed=model_seed(gen),
        width=width,
        height=height,
        aspect_ratio=gen.brief.aspect_ratio,
        palette=list(gen.context.color_palette) if gen.context else [],
        product_name=gen.story.product_name if gen.story else "",
    )
    with tempfile.TemporaryDirectory(prefix="storyboard-") as work:
        inputs = scene_inputs(request, Path(work))
        inputs.captions = False
        composer = SceneComposer(inputs)
        index = min(composer.n_frames - 1, round(min(SETTLED_S, scene.duration_s / 2) * composer.fps))
        frame = composer.compose(index, np.empty((height, width, 4), np.uint8))
    ok, png = cv2.imencode(".png", cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR))
    if not ok:
        raise BadInput(f"The storyboard frame of scene {scene.id} could not be encoded.")
    return png.tobytes()


def make_keyframe(
    gen: Generation,
    scene: Scene,
    providers: Providers,
    run: Run,
    feedback: str | None = None,
    variation: int = 0,
) -> Keyframe:
    """One scene's keyframe, stored in the media store (feedback and variation: a regenerated frame)."""
    if uses_composed_frames(providers) and not feedback:
        png = _composed_frame(gen, scene, providers)
        location = providers.media.put_bytes(_key(gen.id, scene.id, png), png, "image/png")
        return Keyframe(scene_id=scene.id, location=location, source="composed", model="offline compositor")
    prompt = keyframe_prompt(gen, scene, feedback)
    width, height = gen.brief.size
    seed = model_seed(gen, derive(gen.seed, scene=scene.id, attempt=variation))
    image = providers.image.generate(
        ImageRequest(
            prompt=prompt,
            width=width,
            height=height,
            aspect_ratio=gen.brief.aspect_ratio,
            seed=seed,
            role=scene.focus,
            palette=list(gen.context.color_palette) if gen.context else [],
            title=gen.story.product_name if gen.story else "",
            input_images=[providers.media.local_path(r.location) for r in gen.references],
        ),
        run,
    )
    location = providers.media.put_bytes(_key(gen.id, scene.id, image.png), image.png, "image/png")
    return Keyframe(
        scene_id=scene.id, location=location, source="generated", prompt=prompt, model=image.model
    )


def frames_at_once(providers: Providers, limit: int = DEFAULT_LIMIT) -> int:
    """Keyframes drawn at the same time: every one up to the image provider's limit; composed frames
    (OpenCV work on this machine) one per core."""
    if uses_composed_frames(providers):
        return min(limit, cores())
    return calls_at_once(providers.image, limit)


def make_storyboard(
    gen: Generation, providers: Providers, run: Run, *, limit: int = DEFAULT_LIMIT
) -> list[Keyframe]:
    """A keyframe for every scene that has none yet (kept ones stay), in scene order.

    The frames are drawn at once, up to `limit` (settings.max_concurrent) for an image model, whose calls
    wait on the network, and up to the cores for the offline compositor (`frames_at_once`).
    """
    if not gen.scenes:
        raise BadInput("There are no scenes yet to draw a storyboard from.")
    kept = {k.scene_id: k for k in gen.keyframes if k.scene_id in {s.id for s in gen.scenes}}
    undrawn = [s for s in gen.scenes if s.id not in kept]

    def draw(scene: Scene) -> Keyframe:
        if run.cancelled():
            raise Cancelled(STOP_MESSAGE)
        return make_keyframe(gen, scene, providers, run)

    run.progress(0.0, "Drawing the storyboard")
    at_once = min(frames_at_once(providers, limit), max(1, len(undrawn)))
    pool = ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="keyframe")
    try:
        futures = {pool.submit(draw, scene): scene for scene in undrawn}
        for done, future in enumerate(as_completed(futures), start=1):
            scene = futures[future]
            kept[scene.id] = future.result()
            run.progress(done / len(undrawn), f"Drew the storyboard frame of scene {scene.id}")
    finally:  # a failure or a Stop: the frames not yet started are not drawn
        pool.shutdown(wait=True, cancel_futures=True)
    run.progress(1.0, "Storyboard ready")
    return [kept[s.id] for s in gen.scenes]


def replace_keyframe(
    gen: Generation, scene_id: int, location: str, upload: str | None, providers: Providers
) -> list[Keyframe]:
    """The person's own picture (already checked and stored at `location`) as scene `scene_id`'s frame."""
    if scene_id not in {s.id for s in gen.scenes}:
        raise BadInput(f"There is no scene {scene_id}; there are {len(gen.scenes)}.")
    data = providers.media.local_path(location).read_bytes()
    ext = "png" if data.startswith(b"\x89PNG") else "jpg"
    stored = providers.media.put_bytes(
        _key(gen.id, scene_id, data, ext), data, "image/png" if ext == "png" else "image/jpeg"
    )
    frame = Keyframe(scene_id=scene_id, location=stored, source="upload", upload=upload)
    return with_keyframe(gen, frame)


def regenerate_keyframe(
    gen: Generation, scene_id: int, feedback: str | None, providers: Providers, run: Run
) -> list[Keyframe]:
    """Draw one scene's frame again (with the person's feedback); the other frames stay."""
    scene = next((s for s in gen.scenes if s.id == scene_id), None)
    if scene is None:
        raise BadInput(f"There is no scene {scene_id}; there are {len(gen.scenes)}.")
    feedback = feedback or "a fresh take"
    variation = 1 + int(hashlib.sha1(feedback.encode()).hexdigest()[:6], 16) % 997
    frame = make_keyframe(gen, scene, providers, run, feedback=feedback, variation=variation)
    return with_keyframe(gen, frame)


def with_keyframe(gen: Generation, frame: Keyframe) -> list[Keyframe]:
    """The generation's keyframes with `frame` in its scene's place, in scene order."""
    by_scene = {k.scene_id: k for k in gen.keyframes}
    by_scene[frame.scene_id] = frame
    return [by_scene[s.id] for s in gen.scenes if s.id in by_scene]


def keyframe_for(gen: Generation, scene_id: int) -> Keyframe | None:
    """The scene's keyframe, if the storyboard has one."""
    return next((k for k in gen.keyframes if k.scene_id == scene_id), None)


__all__ = [
    "frames_at_once",
    "keyframe_for",
    "keyframe_prompt",
    "make_keyframe",
    "make_storyboard",
    "regenerate_keyframe",
    "replace_keyframe",
    "uses_composed_frames",
    "with_keyframe",
]
