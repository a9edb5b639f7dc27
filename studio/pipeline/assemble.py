"""Ad stage: the clips joined into one MP4 with captions, voice, music and an end card, plus a poster."""

from __future__ import annotations

import os
import shutil
import threading

from studio.bootstrap import StudioContext
from studio.errors import StageError
from studio.lifecycle import next_version_number
from studio.models import Ad, AssemblySettings, Clip, Generation, Scene
from studio.render.assemble import assemble_ad
from studio.render.assembly import AdAssembly, AssemblyClip
from studio.run import Run

# Joining and mixing is ffmpeg and numpy work that keeps cores busy and holds the audio mix in memory:
# many generations finishing at once take turns rather than all running together.
_assembling = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) // 2))


def seconds_in_ad(scene: Scene, clip: Clip) -> float:
    """How long a scene's clip lasts in the ad: a provider clip is cut (or held) to its scene, because
    models have minimum lengths (veo: 4 s) and the ad must keep the length the person asked for."""
    return (clip.duration_s or scene.duration_s) if clip.finished_frames else scene.duration_s


def assemble(ctx: StudioContext, gen: Generation, run: Run, settings: AssemblySettings | None = None) -> Ad:
    """Stitch the generation's complete clips into the finished ad and store it as its next version.

    `settings` (the generation's own when None) say how: music level, voice, end-card words. Each
    version has files of its own, so the versions before it stay playable.
    """
    media, stages = ctx.providers.media, ctx.pipeline.stages
    settings = settings or gen.assembly
    number = next_version_number(gen)
    clips = {c.scene_id: c for c in gen.clips}
    missing = [s.id for s in gen.scenes if s.id not in clips or clips[s.id].status != "complete"]
    if missing:
        raise StageError("ad", f"scene(s) {', '.join(map(str, missing))} have no finished clip yet")
    parts = []
    for scene in gen.scenes:
        clip = clips[scene.id]
        parts.append(
            AssemblyClip(
                path=media.local_path(clip.location or ""),
                scene=scene,
                duration_s=seconds_in_ad(scene, clip),
                finished_frames=clip.finished_frames,
                voice_path=media.local_path(clip.voice_location) if clip.voice_location else None,
                voice_duration_s=clip.voice_duration_s,
                word_timings=clip.word_timings,
                last_frame=media.local_path(clip.last_frame) if clip.last_frame else None,
            )
        )
    logo = next((r for r in gen.references if r.kind == "logo"), None)
    if logo is None and gen.brief.assets.logo:
        logo_path = media.local_path(gen.brief.assets.logo)
    else:
        logo_path = media.local_path(logo.location) if logo else None
    width, height = gen.brief.size
    story = gen.story
    request = AdAssembly(
        clips=parts,
        width=width,
        height=height,
        fps=30,
        aspect_ratio=gen.brief.aspect_ratio,
        palette=gen.context.color_palette if gen.context else [],
        product_name=settings.end_card_title or (story.product_name if story else ""),
        call_to_action=settings.call_to_action or (story.call_to_action if story else ""),
        brand=story.facts.brand if story else "",
        address=story.facts.address if story else "",
        logo_path=logo_path,
        tone=story.tone if story else "confident",
        seed=gen.seed,
        voice=stages.voice and settings.voice,
        music=stages.music and settings.music,
        music_gain_db=settings.music_gain_db,
        end_card=stages.end_card,
        caption_style=gen.brief.caption_style,
    )
    work = ctx.work_root / gen.id / f"ad-v{number}"
    work.mkdir(parents=True, exist_ok=True)
    with _assembling:
        result = assemble_ad(request, work / "ad.mp4", work / "poster.jpg", run.on_progress)
    name = "ad" if number == 1 else f"ad-v{number}"  # v1 keeps the name ads had before versions
    ad = Ad(
        location=media.put_file(f"generations/{gen.id}/{name}.mp4", result.path),
        poster=media.put_file(f"generations/{gen.id}/{name.replace('ad', 'poster', 1)}.jpg", result.poster),
        duration_s=result.duration_s,
        width=width,
        height=height,
        aspect_ratio=gen.brief.aspect_ratio,
        has_voice=result.has_voice,
        has_music=result.has_music,
        end_card=result.end_card,
    )
    shutil.rmtree(work, ignore_errors=True)
    return ad
