"""Scores stage: every clip and the whole ad, scored in the background; a failure stores NULL.

studio/pipeline/tasks.py sends these to a thread pool or a Dask worker. Scoring calls no provider: it charges
nothing, so it needs the context but no Run.

Where a clip's score comes from depends on who rendered it:
- a provider's clip is scored from its own file as soon as it is in (`score_clip`), while the provider
  works on the others and the CPU is idle;
- a clip the offline renderer made (`finished_frames`) is joined into the ad by stream copy, so its
  frames in the ad are its own frames: `score_ad` scores it as its slice of the decoded ad. Scoring it
  from its file during the clip stage decoded every frame twice and took the CPU the encoders need.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Hashable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from studio.bootstrap import StudioContext
from studio.models import AdVersion, Clip, Generation, MetricValue, QualityReport, Scene
from studio.pipeline.assemble import seconds_in_ad
from studio.quality.ad_checks import ReadBack, ScenePlanned, Still, plan_stills
from studio.quality.checklist import AdWords
from studio.render.safe_zones import Box
from studio.runtime.memory import release_free_memory

if TYPE_CHECKING:
    from studio.quality.stream import SpanWanted

log = logging.getLogger(__name__)
DECODE_PARTS = 2
"""The ad is decoded in two spans at once (`frames.stream_frames`): one ffmpeg's scale filter held it to one
core."""


def _learned():  # type: ignore[no-untyped-def]
    """Learned metrics when their weights are on the machine, else None (load_learned_metrics caches)."""
    from studio.quality import load_learned_metrics

    try:
        return load_learned_metrics()
    except Exception as exc:  # a broken model install must not stop the pixel metrics
        log.warning("learned metrics unavailable: %s", exc)
        return None


def score_clip(ctx: StudioContext, gen_id: str, scene_id: int) -> float | None:
    """Score one clip against its scene's text and store the report (NULL on failure)."""
    from studio.quality import score_video

    try:
        gen = ctx.store.get(gen_id)
        clip = ctx.store.clip(gen_id, scene_id)
        scene = next(s for s in gen.scenes if s.id == scene_id)
        path = ctx.providers.media.local_path(clip.location or "")
        report = score_video(path, scene.description, clip_index=scene_id, learned=_learned())
    except Exception as exc:
        log.warning("scoring clip %s of %s failed: %s", scene_id, gen_id, exc)
        ctx.store.save_quality(gen_id, None, scene_id, error=f"{type(exc).__name__}: {exc}")
        return None
    ctx.store.save_quality(gen_id, report, scene_id)
    _set_scene_score(ctx, gen_id, scene_id, report.overall)
    return report.overall


def _set_scene_score(ctx, gen_id: str, scene_id: int, overall: float | None) -> None:  # type: ignore[no-untyped-def]
    """Copy the clip's overall onto its scene (Scene.quality_score)."""

    def change(gen) -> None:  # type: ignore[no-untyped-def]
        gen.scenes = [
            s.model_copy(update={"quality_score": overall}) if s.id == scene_id else s for s in gen.scenes
        ]

    ctx.store.update(gen_id, change)


def clip_slices(gen: Generation, fps: float, frames: int) -> list[tuple[Scene, Clip, tuple[int, int]]]:
    """Each scene with its clip and where the clip lies in the ad's frames: [start, end), in ad order."""
    clips = {c.scene_id: c for c in gen.clips}
    out, at = [], 0.0
    for scene in gen.scenes:
        clip = clips.get(scene.id)
        if clip is None:
            continue
        start, at = at, at + seconds_in_ad(scene, clip)
        out.append((scene, clip, (min(frames, round(start * fps)), min(frames, round(at * fps)))))
    return out


def clip_spans(gen: Generation, fps: float, frames: int) -> list[tuple[int, int]]:
    """Where each scene's clip lies in the ad's frames: [start, end) in the order they were joined."""
    return [span for _scene, _clip, span in clip_slices(gen, fps, frames)]


def scored_from_the_ad(clip: Clip) -> bool:
    """True when the clip is scored as its slice of the ad (its frames are the ad's), not from its file."""
    return clip.finished_frames


AD = "ad"
"""The whole ad's span among the streamed spans (the clips' are their scene ids)."""


def ad_spans(gen: Generation, prompt: str, frames: int, fps: float) -> dict[Hashable, SpanWanted]:
    """The spans the ad is scored in as it is decoded: the whole ad, and each clip as its slice (its own
    report when the offline renderer made it, its palette and structure for the cross-clip figure)."""
    from studio.quality.stream import SpanWanted

    slices = clip_slices(gen, fps, frames)
    spans: dict[Hashable, SpanWanted] = {AD: SpanWanted(0, None, prompt=prompt)}
    for scene, clip, (start, end) in slices:
        spans[scene.id] = SpanWanted(
            start, end, prompt=scene.description, clip_index=scene.id,
            report=scored_from_the_ad(clip), descriptors=len(slices) >= 2 and end > start,
        )  # fmt: skip
    return spans


def _store_slice_scores(ctx: StudioContext, gen_id: str, jobs: dict[int, Future]) -> None:
    """Store each clip report made from the ad (NULL with the reason when one failed)."""
    for scene_id, job in jobs.items():
        try:
            report = job.result().report_or_raise()
        except Exception as exc:
            log.warning("scoring clip %s of %s from the ad failed: %s", scene_id, gen_id, exc)
            ctx.store.save_quality(gen_id, None, scene_id, error=f"{type(exc).__name__}: {exc}")
            continue
        log.info("scored scene %s from its slice of the ad in %.2f s", scene_id, report.scoring_seconds)
        ctx.store.save_quality(gen_id, report, scene_id)
        _set_scene_score(ctx, gen_id, scene_id, report.overall)


@dataclass(frozen=True)
class AdLook:
    """Where to look in the ad and what it should show: the stills to read, the words, the brand files."""

    stills: list[Still]
    words: AdWords
    product_photo: Path | None
    product_source: str
    logo: Path | None
    logo_box: Box | None
    """The plan's logo box in still pixels (`render/layout.py`)."""


def ad_look(ctx: StudioContext, gen: Generation, version: AdVersion | None = None) -> AdLook:
    """The stills to read and what they should say, from the generation's scenes, story and uploads, for
    `version` (the current ad, put together with the generation's own settings, when None)."""
    from studio.quality.frames import STILL_MAX_SIDE, scaled_size
    from studio.render.captions import VOICE_LEAD_S, readable_cues
    from studio.render.layout import scene_layout

    ad, settings = (version.ad, version.settings) if version is not None else (gen.ad, gen.assembly)
    assert ad is not None
    media, story, assets = ctx.providers.media, gen.story, gen.brief.assets
    clips = {c.scene_id: c for c in gen.clips}
    planned, at = [], 0.0
    for scene in gen.scenes:
        if scene.id not in clips:
            continue
        clip = clips[scene.id]
        start, at = at, at + seconds_in_ad(scene, clip)
        # caption timing as the compositor sets it (render/compositor.py `_build_captions`)
        span = clip.voice_duration_s or (at - start - VOICE_LEAD_S - 0.3)
        span = max(0.5, min(span, at - start - VOICE_LEAD_S))
        cues = readable_cues(scene.voiceover, span, gen.brief.caption_style, clip.word_timings)
        # headline words land 0.11 s apart from 0.2 s, each in 0.35 s; a continued scene has them already
        words = len(scene.on_screen_text.split())
        text_in = 0.0 if scene.continuous_with_previous else 0.6 + 0.11 * max(0, words - 1)
        planned.append(
            ScenePlanned(
                scene.id, start, at, scene.on_screen_text, tuple(c.text for c in cues),
                tuple((c.start_s, c.end_s) for c in cues), text_in,
            )
        )  # fmt: skip
    title = settings.end_card_title or (story.product_name if story else "")
    cta = settings.call_to_action or (story.call_to_action if story else "")
    card = tuple(t for t in (title, cta) if t.strip()) if ad.end_card else ()
    facts = story.facts if story is not None else None
    brand, source = (facts.brand, "the brief's facts") if facts and facts.brand else ("", "")
    if not brand and story and story.product_name:
        brand, source = story.product_name, "the story's product name (the brief reader found no brand)"
    refs = {r.kind: r for r in gen.references}
    # Only an uploaded photo: a painted product reference is smooth and is redrawn by the renderer, so
    # features matched against it said "absent" for a product that was on screen.
    if assets.product_images:
        product, product_source = media.local_path(assets.product_images[0]), "the uploaded product photo"
    else:
        product, product_source = None, ""
    # the logo the assembler draws: the logo reference, else the upload (pipeline/assemble.py)
    logo_loc = refs["logo"].location if "logo" in refs else assets.logo
    logo = media.local_path(logo_loc) if logo_loc else None
    logo_box = None
    if logo is not None:
        box = scene_layout(ad.width, ad.height, ad.aspect_ratio, np.random.default_rng(0)).logo
        k = scaled_size(ad.width, ad.height, STILL_MAX_SIDE)[0] / ad.width
        logo_box = Box(round(box.x * k), round(box.y * k), max(2, round(box.w * k)), max(2, round(box.h * k)))
    first_voice = planned[0].start_s + VOICE_LEAD_S if planned and planned[0].captions else None
    words = AdWords(
        brand=brand,
        brand_source=source,
        call_to_action=(facts.call_to_action if facts and facts.call_to_action else cta),
        address=facts.address if facts else "",
        voiceover=tuple(s.voiceover for s in gen.scenes if s.voiceover.strip()),
        has_voice=ad.has_voice,
        first_voice_s=first_voice,
        aspect_ratio=ad.aspect_ratio,
        captions_planned=any(p.captions for p in planned),
        product_checked=product is not None,
        logo_checked=logo is not None,
    )
    stills = plan_stills(planned, ad.duration_s, card)
    return AdLook(stills, words, product, product_source, logo, logo_box)


def _ad_dimensions(rb: ReadBack, look: AdLook) -> dict[str, MetricValue]:
    """text_fidelity (OCR) and brand_presence (product / logo seen) of the ad, 0-100 or unavailable."""
    from studio.quality.checklist import mean_fidelity

    dims: dict[str, MetricValue] = {}
    fidelity = mean_fidelity(rb.text)
    if fidelity is None:
        reason = "; ".join(rb.errors) or "no on-screen text, caption or end card planned"
        dims["text_fidelity"] = MetricValue(value=None, note=f"unavailable: {reason}")
    else:
        kinds = ("on_screen_text", "caption", "end_card")
        by_kind = {k: mean_fidelity([t for t in rb.text if t.kind == k]) for k in kinds}
        parts = ", ".join(f"{k.replace('_', ' ')} {v:.0f}" for k, v in by_kind.items() if v is not None)
        dims["text_fidelity"] = MetricValue(
            value=fidelity, raw=fidelity / 100, note=f"OCR read-back of {len(rb.text)} pieces ({parts})"
        )
    seen = rb.sightings
    shares, notes = [], []
    products = [s for s in seen if s.product is not None]
    if products:
        hits = sum(bool(s.product) for s in products)
        shares.append(hits / len(products))
        notes.append(f"product ({look.product_source}) seen in {hits}/{len(products)} clips")
    logos = [s for s in seen if s.logo is not None]
    if logos:
        hits = sum(bool(s.logo) for s in logos)
        shares.append(hits / len(logos))
        notes.append(f"logo in its place in {hits}/{len(logos)} clips")
    if shares:
        value = round(100.0 * float(np.mean(shares)), 2)
        dims["brand_presence"] = MetricValue(value=value, raw=value / 100, note="; ".join(notes))
    else:
        reason = f"unavailable: {rb.brand_error or 'no product photo or logo to look for'}"
        dims["brand_presence"] = MetricValue(value=None, note=reason)
    return dims


def prepare() -> None:
    """Load the learned metrics found on disk ahead of scoring the ad, in this process; safe to call twice.

    The orchestrator calls it as the ad is assembled, whose sound is made on one core: the loading then no
    longer adds to the scores stage. The OCR models are not among them: `score_ad` loads them as it decodes
    and lets them go once the stills are read (`ocr.loaded`), so the ad stage does not carry them and the
    process does not keep them after.
    """
    _learned()


def _load_ocr() -> None:
    from studio.quality import ocr

    try:
        ocr.engine()
    except Exception as exc:  # reported by read_back, which tries again
        log.info("OCR not ready: %s", exc)


def _version_at(gen: Generation, location: str | None) -> AdVersion | None:
    """The version whose ad is at `location` (None: the current ad); ValueError when there is none."""
    if location is None:
        if gen.ad is None:
            raise ValueError("the ad has not been assembled")
        return None
    for v in gen.versions:
        if v.ad is not None and v.ad.location == location:
            return v
    raise ValueError(f"no version of the ad is at {location}")


def score_ad(ctx: StudioContext, gen_id: str, location: str | None = None) -> QualityReport | None:
    """Score the finished ad: its dimensions, cross-clip consistency, text read back, brand, checklist;
    and each clip the offline renderer made, as its slice of the ad (`scored_from_the_ad`).

    `location` names the version to score (the current ad when None). A version made while an older one
    was still being scored must not have that older score filed as its own: the report is of the file
    at `location`, read with that version's own end-card words, and it becomes the generation's score
    only if that version is still the current one."""
    from studio.quality import ocr, with_dimensions
    from studio.quality.ad_checks import ad_loudness, read_back
    from studio.quality.checklist import Measured, build_checklist
    from studio.quality.crossclip import cross_clip_consistency_of
    from studio.quality.stream import score_streamed

    try:
        started = time.perf_counter()
        gen = ctx.store.get(gen_id)
        version = _version_at(gen, location)
        location = location or (gen.ad.location if gen.ad else None)
        prompt = gen.story.text if gen.story else gen.brief.prompt
        path = ctx.providers.media.local_path(location or "")
        look = ad_look(ctx, gen, version)
        # Decoded once, streamed: the ad's own dimensions, each clip as its slice (its report, and its
        # palette and structure for the cross-clip figure) scored the moment its frames are in, and a few
        # 640 px stills to read. Only the frames the metrics sample are kept (`quality/stream.py`), and the
        # sound is measured as it is decoded (`ad_loudness`), so memory does not grow with the ad's length.
        # Loudness and the OCR models' loading overlap the decode. The stills are read once every span is
        # scored, so OCR's inference never sits on top of the spans' frames; its models are let go after.
        with ocr.loaded(), ThreadPoolExecutor(max_workers=3, thread_name_prefix="score-ad") as pool:
            loud = pool.submit(ad_loudness, path)
            pool.submit(_load_ocr)
            learned = _learned()
            streamed = score_streamed(
                path, lambda n, fps: ad_spans(gen, prompt, n, fps), stills_at=[s.at_s for s in look.stills],
                parts=DECODE_PARTS, learned=learned, executor=pool,
            )  # fmt: skip
            slices = clip_slices(gen, streamed.fps, streamed.count)
            clip_jobs = {s.id: streamed.scores[s.id] for s, clip, _span in slices if scored_from_the_ad(clip)}
            report = streamed.scores[AD].result().report_or_raise()
            extra: dict[str, MetricValue] = {}
            if len(slices) >= 2:
                described = [streamed.scores[s.id].result().descriptors for s, _clip, _span in slices]
                extra["cross_clip_consistency"] = cross_clip_consistency_of([d for d in described if d])
            wait(streamed.scores.values())
            release_free_memory()  # the spans' frames and their scoring's scratch
            rb = read_back(
                look.stills, streamed.stills,
                product_photo=look.product_photo, logo=look.logo, logo_box=look.logo_box,
            )  # fmt: skip
            extra_notes = dict[str, str]()
            try:
                lufs = loud.result()
            except Exception as exc:  # an unreadable sound track: that item says unavailable, not the score
                log.warning("measuring the loudness of %s failed: %s", gen_id, exc)
                lufs, extra_notes = None, {"loudness": f"the sound track could not be measured: {exc}"}
            _store_slice_scores(ctx, gen_id, clip_jobs)
        release_free_memory()  # OCR's models and what its inference freed
        rb.product_source = look.product_source
        report = with_dimensions(report, {**extra, **_ad_dimensions(rb, look)})
        report.text_readback, report.brand_sightings = rb.text, rb.sightings
        report.checklist = build_checklist(look.words, Measured(rb, lufs, extra_notes))
        report.scoring_seconds = round(time.perf_counter() - started, 3)
    except Exception as exc:
        log.warning("scoring the ad %s failed: %s", gen_id, exc)
        error = f"{type(exc).__name__}: {exc}"
        if _still_current(ctx, gen_id, location):
            ctx.store.save_quality(gen_id, None, None, error=error)
        for clip in ctx.store.clips(gen_id):  # their scores come from the ad: none without it
            if scored_from_the_ad(clip) and ctx.store.quality(gen_id).get(clip.scene_id) is None:
                ctx.store.save_quality(gen_id, None, clip.scene_id, error=f"the ad was not scored: {error}")
        return None
    if _still_current(ctx, gen_id, location):
        ctx.store.save_quality(gen_id, report, None)
    return report


def _still_current(ctx: StudioContext, gen_id: str, location: str | None) -> bool:
    """True when the ad at `location` is the generation's current one (or no location is known)."""
    current = ctx.store.get(gen_id).ad
    return location is None or current is None or current.location == location
