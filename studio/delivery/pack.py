"""The delivery pack: a ZIP with, per placement, the ad reframed for it, its poster, SRT and WebVTT
captions timed to the voice, a preview with the platform's interface over it, and a manifest.json that
lists every file with its placement, size, duration and SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import cv2

from studio.delivery.naming import DEFAULT_PATTERN, check_pattern, file_stem
from studio.delivery.placements import Placement, check_durations, parse_placements
from studio.delivery.preview import write_preview
from studio.delivery.renditions import Renditions, current_version, fingerprint
from studio.delivery.subtitles import SceneVoice, ad_cues, to_srt, to_vtt
from studio.errors import BadInput, RenderError
from studio.models import Generation, OnProgress
from studio.pipeline.assemble import seconds_in_ad
from studio.render.ffmpeg import extract_frame, probe

log = logging.getLogger(__name__)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def brand_of(gen: Generation) -> str:
    """The brand name for file names: the end card's title, the story's product, else "ad"."""
    title = getattr(gen.assembly, "end_card_title", "") or ""
    return title or (gen.story.product_name if gen.story and gen.story.product_name else "ad")


def scene_voices(gen: Generation, media: Any) -> list[SceneVoice]:
    """Each scene of a finished ad with its place on the ad's clock and its voice file, when spoken."""
    clips = {c.scene_id: c for c in gen.clips}
    voiced = gen.ad is not None and gen.ad.has_voice
    out, at = [], 0.0
    for scene in gen.scenes:
        clip = clips.get(scene.id)
        seconds = seconds_in_ad(scene, clip) if clip is not None else scene.duration_s
        voice = None
        if voiced and clip is not None and clip.voice_location:
            path = Path(media.local_path(clip.voice_location))
            voice = path if path.exists() else None
        out.append(SceneVoice(scene.id, scene.voiceover, at, seconds, voice))
        at += seconds
    return out


def _entry(path: Path, kind: str, placement: Placement | None, **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"file": path.name, "kind": kind}
    if placement is not None:
        item |= {
            "placement": placement.name,
            "platform": placement.platform,
            "aspect_ratio": placement.aspect_ratio,
        }
    return item | extra | {"bytes": path.stat().st_size, "sha256": _sha256(path)}


def _caption_frame_s(gen: Generation) -> float:
    """A moment in the first scene with a caption on screen (for the preview), else the poster's moment."""
    first = gen.scenes[0]
    return min(first.duration_s * 0.6, max(0.5, first.duration_s - 0.2))


def build_pack(
    studio: Any,
    gen_id: str,
    placements: str | list[str],
    pattern: str = DEFAULT_PATTERN,
    campaign: str = "campaign",
    variant: str = "",
    out_dir: Path | None = None,
    on_progress: OnProgress | None = None,
) -> Path:
    """Make the delivery pack of a finished ad for these placements; returns the ZIP's path."""
    if not hasattr(studio, "reexport"):  # a StudioContext: the service layer over it
        from studio.service import Studio

        studio = Studio(studio)
    progress = on_progress or (lambda _f, _m: None)
    started = time.monotonic()
    # 1. Check inputs (before anything is rendered)
    chosen = parse_placements(placements)
    pattern = check_pattern(pattern)
    source = studio.store.get(gen_id)
    ad = source.finished_ad
    if ad is None or source.ad is None:
        raise BadInput(f"Ad {gen_id} is not finished yet: make the pack once the ad is ready.")
    check_durations(chosen, ad.duration_s)
    media = studio.ctx.providers.media
    version = current_version(source)
    date = datetime.now(UTC).strftime("%Y%m%d")
    values = {
        "brand": brand_of(source),
        "campaign": campaign or "campaign",
        "variant": variant or f"v{version}",
        "date": date,
        "id": source.id,
    }
    root = Path(out_dir) if out_dir else Path(studio.ctx.settings.data_dir) / "delivery" / source.id
    root.mkdir(parents=True, exist_ok=True)
    # 2. A rendition per aspect ratio (shared by the placements of that shape)
    aspects = list(dict.fromkeys(p.aspect_ratio for p in chosen))
    renditions = Renditions(
        studio, Path(studio.ctx.settings.data_dir) / "delivery" / source.id / "renditions.json"
    )
    made = renditions.make(source, aspects, lambda f, m: progress(0.8 * f, m))
    # 3. Per placement: video, poster, captions, preview
    progress(0.8, "Writing the files")
    files: list[dict[str, Any]] = []
    placements_out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix=".pack-", dir=root) as tmp_name:
        tmp = Path(tmp_name)
        stems: set[str] = set()
        frames: dict[str, Any] = {}
        for p in chosen:
            gen = made[p.aspect_ratio]
            r_ad = gen.ad
            assert r_ad is not None
            stem = file_stem(
                pattern, values | {"placement": p.name, "aspect": p.aspect_ratio.replace(":", "x")}
            )
            if stem in stems:
                raise BadInput(
                    f"The pattern {pattern!r} gives two files the name {stem!r}: add {{placement}}."
                )
            stems.add(stem)
            video = tmp / f"{stem}.mp4"
            shutil.copyfile(media.local_path(r_ad.location), video)
            info = probe(video)
            if (info.width, info.height) != (r_ad.width, r_ad.height):
                raise RenderError(
                    f"The {p.label} file is {info.width}x{info.height}, not {r_ad.width}x{r_ad.height}."
                )
            poster = tmp / f"{stem}_poster.jpg"
            shutil.copyfile(media.local_path(r_ad.poster), poster)
            cues, voiced = ad_cues(scene_voices(gen, media))
            srt, vtt = tmp / f"{stem}.srt", tmp / f"{stem}.vtt"
            srt.write_text(to_srt(cues), encoding="utf-8")
            vtt.write_text(to_vtt(cues), encoding="utf-8")
            if p.aspect_ratio not in frames:
                still = extract_frame(video, tmp / f".frame_{len(frames)}.png", at_s=_caption_frame_s(gen))
                frames[p.aspect_ratio] = cv2.imread(str(still))
                still.unlink()
            preview = write_preview(
                frames[p.aspect_ratio], p, tmp / f"{stem}_preview.png", values["brand"], info.duration_s
            )
            zone = p.safe_box(info.width, info.height)
            size = {"width": info.width, "height": info.height}
            timing = "voice" if voiced else "estimated"
            files += [
                _entry(video, "video", p, **size, duration_s=round(info.duration_s, 3), generation_id=gen.id),
                _entry(poster, "poster", p, **size),
                _entry(srt, "captions_srt", p, cues=len(cues), timing=timing),
                _entry(vtt, "captions_webvtt", p, cues=len(cues), timing=timing),
                _entry(preview, "preview", p, **size),
            ]
            placements_out.append(
                {
                    "placement": p.name,
                    "label": p.label,
                    "platform": p.platform,
                    "aspect_ratio": p.aspect_ratio,
                    **size,
                    "recommended_size": {"width": p.size[0], "height": p.size[1]},
                    "duration_s": round(info.duration_s, 3),
                    "max_duration_s": p.max_duration_s,
                    "safe_zone": {"x": zone.x, "y": zone.y, "width": zone.w, "height": zone.h},
                    "generation_id": gen.id,
                    "file": video.name,
                }
            )
        manifest = {
            "generation_id": source.id,
            "version": version,
            "fingerprint": fingerprint(source),
            "pattern": pattern,
            "names": {k: values[k] for k in ("brand", "campaign", "variant", "date")},
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "placements": placements_out,
            "files": files,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        # 4. The ZIP, under a temporary name until it is whole
        progress(0.95, "Packing the ZIP")
        zip_path = root / f"{file_stem(pattern, values | {'placement': 'pack', 'aspect': 'all'})}.zip"
        part = zip_path.with_name(f".{zip_path.name}.part")
        with zipfile.ZipFile(part, "w") as z:
            z.write(tmp / "manifest.json", "manifest.json", compress_type=zipfile.ZIP_DEFLATED)
            for item in files:
                packed = (
                    zipfile.ZIP_STORED
                    if item["kind"] in ("video", "poster", "preview")
                    else zipfile.ZIP_DEFLATED
                )
                z.write(tmp / item["file"], item["file"], compress_type=packed)
        part.replace(zip_path)
    log.info(
        "delivery pack for %s: %d placements in %.1f s", source.id, len(chosen), time.monotonic() - started
    )
    progress(1.0, "The delivery pack is ready")
    return zip_path
