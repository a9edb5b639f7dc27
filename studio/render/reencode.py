"""Provider clips (any size, any frame rate) fitted to the frame, captioned and joined in one encode."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from studio.models import END_CARD_S, OnProgress
from studio.render import layers as L
from studio.render.assembly import AdAssembly, AssemblyClip, end_card_inputs
from studio.render.captions import VOICE_LEAD_S, CaptionTrack, plate_colour
from studio.render.endcard import EndCard
from studio.render.ffmpeg import FrameWriter, read_frames
from studio.render.transitions import transition_in
from studio.render.word_timing import align_by_energy


def fit_filter(width: int, height: int, pad_hex: str) -> str:
    """ffmpeg filters that scale a clip to fit inside width x height (no stretch) and pad the rest."""
    return (
        f"scale={width}:{height}:force_original_aspect_ratio=decrease:flags=bicubic,"
        f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:color=0x{pad_hex.lstrip('#')},setsar=1"
    )


def _captions(clip: AssemblyClip, request: AdAssembly) -> CaptionTrack | None:
    scene = clip.scene
    if not scene.voiceover.strip():
        return None
    span = clip.voice_duration_s or (clip.duration_s - VOICE_LEAD_S - 0.3)
    span = max(0.5, min(span, clip.duration_s - VOICE_LEAD_S))
    words = clip.word_timings
    if not words and request.caption_style != "plain" and clip.voice_path and Path(clip.voice_path).exists():
        words = align_by_energy(Path(clip.voice_path), scene.voiceover)  # a voice stored without timings
    return CaptionTrack(scene.voiceover, request.width, request.height, request.aspect_ratio,
                        request.palette, span, request.caption_style, words)  # fmt: skip


def reencode_clips(
    request: AdAssembly, video_path: Path, tmp: Path, on_progress: OnProgress
) -> tuple[Path, list[float], float]:
    """Write every clip (and the end card) through one FrameWriter; return the path, offsets and length."""
    w, h, fps = request.width, request.height, request.fps
    # letterbox bars in the caption plate's near-black brand tone: quieter than the brand colour itself
    pad = "#{:02x}{:02x}{:02x}".format(*plate_colour(request.palette)[::-1])
    plate = np.empty((h, w, 4), np.uint8)
    plate[:] = (*L.hex_to_bgr(pad), 255)
    frame = np.empty((h, w, 4), np.uint8)
    before: np.ndarray | None = None
    offsets, total = [], 0.0
    n_all = sum(round(c.duration_s * fps) for c in request.clips)
    done = 0
    with FrameWriter(video_path, w, h, fps=fps, channels=4) as writer:
        for clip in request.clips:
            offsets.append(total)
            n = max(1, round(clip.duration_s * fps))
            caps = _captions(clip, request)
            source = read_frames(Path(clip.path), w, h, vf=fit_filter(w, h, pad), fps=fps)
            last: np.ndarray | None = None
            for i in range(n):
                src = next(source, None)
                if src is not None:
                    last = src
                if last is None:  # a clip with no frames at all: hold the brand plate
                    np.copyto(frame, plate)
                else:
                    cv2.cvtColor(last, cv2.COLOR_BGR2BGRA, dst=frame)
                t = i / fps
                if caps is not None:
                    caps.draw(frame, t)
                transition_in(frame, before if before is not None else plate, clip.scene.transition_in, t)
                writer.write(frame)
                done += 1
                if done % 15 == 0:
                    on_progress(0.8 * done / max(1, n_all), f"Fitting scene {clip.scene.id}")
            source.close()
            before = frame.copy()
            total += n / fps
        if request.end_card:
            card = EndCard(end_card_inputs(request, before))
            for i in range(card.n_frames):
                writer.write(card.compose(i, frame))
            total += END_CARD_S
    return video_path, offsets, total
