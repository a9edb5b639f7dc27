"""Clips stage: one clip per scene, independent scenes at once, continuous chains in order.

`render_chain` renders each scene of a chain (each continuous scene starting from the last frame before
it, every other scene from its approved storyboard keyframe) and writes every step to the store;
studio/pipeline/tasks.py sends it to a thread pool or a Dask worker. A clip that is already complete is never
rendered again.
"""

from __future__ import annotations

import errno
import logging
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from studio.bootstrap import StudioContext
from studio.brief import ad_language
from studio.errors import Cancelled, ProviderError, StudioError
from studio.models import Clip, Generation, Scene
from studio.providers.ports import ClipRequest, SpeechRequest
from studio.render.word_timing import load_timings
from studio.run import Run
from studio.seeds import model_seed

log = logging.getLogger(__name__)
PROGRESS_EVERY_S = 0.5


def plan_chains(scenes: list[Scene]) -> list[list[int]]:
    """Group scene ids so that each continuous scene follows the one before it in the same chain."""
    chains: list[list[int]] = []
    for scene in scenes:
        if scene.continuous_with_previous and chains:
            chains[-1].append(scene.id)
        else:
            chains.append([scene.id])
    return chains


def scene_prompt(gen: Generation, scene: Scene) -> str:
    """The consistency context followed by the scene, as every video model receives it."""
    context = gen.context.as_text() if gen.context else ""
    return f"{context}\n\nSCENE: {scene.description}".strip()


class _ProgressWriter:
    """Writes a clip's progress to the store at most twice a second (parallel workers, one row each)."""

    def __init__(self, ctx: StudioContext, gen_id: str, scene_id: int) -> None:
        self.ctx, self.gen_id, self.scene_id = ctx, gen_id, scene_id
        self._last = 0.0

    def __call__(self, fraction: float, _message: str) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_EVERY_S or fraction >= 1.0:
            self._last = now
            status = "rendering" if fraction > 0 else "processing"
            self.ctx.store.set_clip_progress(self.gen_id, self.scene_id, 100 * fraction, status)


def _thumbnail(last_frame: Path, out: Path) -> Path:
    with Image.open(last_frame) as im:
        im = im.convert("RGB")
        im.thumbnail((320, 320))
        im.save(out, "JPEG", quality=85)
    return out


def _voice(
    ctx: StudioContext, gen: Generation, scene: Scene, work: Path, run: Run
) -> tuple[str | None, float | None, Path | None, str | None]:
    """The scene's voiceover (location, seconds, local file), or why there is none: a failed voice never
    fails the ad, it leaves the captions and says why."""
    speech = ctx.providers.speech
    if not (ctx.pipeline.stages.voice and scene.voiceover.strip()):
        return None, None, None, None
    if not speech.available:
        return None, None, None, f"no voice: {speech.name}; the captions carry the words"
    path = work / f"voice_{scene.id}.wav"
    try:
        tone = gen.story.tone if gen.story else "confident"
        request = SpeechRequest(
            text=scene.voiceover,
            out_path=path,
            tone=tone,
            voice=gen.brief.voice,
            language=ad_language(gen.brief.language, gen.brief.prompt),
        )
        duration = speech.synthesize(request, run)
    except StudioError as exc:
        log.warning("voice for scene %s failed, captions only: %s", scene.id, exc)
        return None, None, None, f"the voice failed ({exc}); the captions carry the words"
    location = ctx.providers.media.put_file(f"generations/{gen.id}/voice/scene_{scene.id}.wav", path)
    return location, duration, path, None


_DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def fault_message(exc: Exception) -> str | None:
    """A person's reading of a network or disk fault (None when the fault is something else)."""
    name = type(exc).__name__
    if isinstance(exc, TimeoutError):
        return f"the video service did not answer in time ({name}: {exc}); retry this clip"
    if isinstance(exc, ConnectionError):
        return f"the connection to the video service dropped ({name}: {exc}); retry this clip"
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        return (
            f"the disk is full ({exc.strerror}) while saving the clip: free some space in the data "
            "folder, then resume or retry this clip"
        )
    return None


def render_scene(
    ctx: StudioContext, gen: Generation, scene: Scene, start_frame: Path | None, run: Run
) -> Clip:
    """Render one scene's clip (with retries), store it, and return the finished clip."""
    store, media = ctx.store, ctx.providers.media
    clip = store.clip(gen.id, scene.id)
    work = ctx.work_root / gen.id / f"scene_{scene.id}"
    work.mkdir(parents=True, exist_ok=True)
    seed = model_seed(gen)
    refs = [r for r in gen.references if r.kind != "logo"]
    logo = next((r for r in gen.references if r.kind == "logo"), None)
    index = next(i for i, s in enumerate(gen.scenes) if s.id == scene.id)
    last_error = ""
    # A prediction started before the process stopped is picked up rather than paid for again.
    resume_id = clip.prediction_id if clip.status != "failed" else None
    # The voice is made once, on the stage's own Run (its prediction is not the clip's). A video model that
    # does not hear it (a remote one) renders meanwhile: one wave of provider latency per clip, not two.
    voicing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="voice")
    voice = voicing.submit(_voice, ctx, gen, scene, work, run)
    voicing.shutdown(wait=False)
    hears_voice = getattr(ctx.providers.video, "needs_voice", True)
    for _attempt in range(ctx.pipeline.clips.max_attempts):
        clip = clip.model_copy(
            update={
                "status": "processing",
                "progress": 0,
                "error": None,
                "attempts": clip.attempts + 1,
                "seed": seed,
            }
        )
        store.save_clip(gen.id, clip)

        def keep_prediction(prediction_id: str, clip: Clip = clip) -> None:
            store.save_clip(gen.id, clip.model_copy(update={"prediction_id": prediction_id}))

        clip_run = run.with_prediction_sink(keep_prediction).with_progress(
            _ProgressWriter(ctx, gen.id, scene.id)
        )
        try:
            voice_loc, voice_s, voice_path, voice_note = voice.result() if hears_voice else (None,) * 4
            request = ClipRequest(
                generation_id=gen.id,
                scene=scene,
                scene_index=index,
                scene_count=len(gen.scenes),
                prompt=scene_prompt(gen, scene),
                references=refs,
                reference_paths=[media.local_path(r.location) for r in refs],
                logo_path=media.local_path(logo.location) if logo else None,
                start_frame=start_frame,
                previous_scene=gen.scenes[index - 1] if index > 0 else None,
                seed=seed,
                width=gen.brief.size[0],
                height=gen.brief.size[1],
                aspect_ratio=gen.brief.aspect_ratio,
                palette=gen.context.color_palette if gen.context else [],
                product_name=gen.story.product_name if gen.story else "",
                tone=gen.story.tone if gen.story else "confident",
                voice_path=voice_path,
                voice_duration_s=voice_s,
                caption_style=gen.brief.caption_style,
                resume_prediction_id=resume_id,
            )
            resume_id = None
            result = ctx.providers.video.render_clip(request, work, clip_run)
            voice_loc, voice_s, voice_path, voice_note = voice.result()
            store.set_clip_progress(gen.id, scene.id, 100, "rendering")
            prefix = f"generations/{gen.id}/clips/scene_{scene.id}"
            last = result.last_frame
            clip = clip.model_copy(
                update={
                    "status": "complete",
                    "progress": 100,
                    "location": media.put_file(f"{prefix}.mp4", result.path),
                    "last_frame": media.put_file(f"{prefix}_last.png", last) if last else None,
                    "thumbnail": media.put_file(f"{prefix}.jpg", _thumbnail(last, work / "thumb.jpg"))
                    if last
                    else None,
                    "duration_s": result.duration_s,
                    "seed_applied": result.seed_applied and seed is not None,
                    "model": result.model,
                    "prediction_id": result.prediction_id,
                    "finished_frames": result.finished_frames,
                    "voice_location": voice_loc,
                    "voice_duration_s": voice_s,
                    "voice_note": voice_note,
                    "word_timings": load_timings(voice_path)[0],
                    "word_timing_source": load_timings(voice_path)[1],
                    "cost_usd": result.cost_usd,
                }
            )
            store.save_clip(gen.id, clip)
            shutil.rmtree(work, ignore_errors=True)
            return clip
        except Cancelled as exc:  # the person pressed Stop: no more attempts
            last_error = str(exc)
            break
        except ProviderError as exc:
            last_error = str(exc)
            if not exc.retryable:
                break
        except StudioError as exc:
            last_error = str(exc)
        except Exception as exc:  # a fault or a bug: record it, keep the others going
            known = fault_message(exc)
            if known is None:
                log.exception("clip for scene %s failed", scene.id)
            else:
                log.warning("clip for scene %s failed: %s", scene.id, known)
            last_error = known or f"unexpected error ({type(exc).__name__}: {exc})"
    clip = clip.model_copy(update={"status": "failed", "error": last_error})
    store.save_clip(gen.id, clip)
    return clip


def render_chain(ctx: StudioContext, gen_id: str, scene_ids: list[int], run: Run) -> list[int]:
    """Render a chain of scenes in order; returns the ids whose clip failed."""
    failed = []
    gen = ctx.store.get(gen_id)
    by_id = {s.id: s for s in gen.scenes}
    keyframes = {k.scene_id: k.location for k in gen.keyframes}
    start_frame: Path | None = None
    for scene_id in scene_ids:
        if run.cancelled():
            break
        scene = by_id[scene_id]
        clip = ctx.store.clip(gen_id, scene_id)
        if not (clip.status == "complete" and clip.location and ctx.providers.media.exists(clip.location)):
            start = start_frame if scene.continuous_with_previous else None
            if start is None and scene_id in keyframes:  # the approved storyboard frame opens the clip
                start = ctx.providers.media.local_path(keyframes[scene_id])
            clip = render_scene(ctx, gen, scene, start, run)
        if clip.status != "complete":
            failed.append(scene_id)
            start_frame = None
            continue
        start_frame = ctx.providers.media.local_path(clip.last_frame) if clip.last_frame else None
    return failed
