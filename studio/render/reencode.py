"""Provider clips (any size, any frame rate) fitted to the frame, captioned and joined in one encode."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from studio.models import END_CARD_S, OnProgress
from studio.render import layers as L
from studio.render.assembly import AdAssembly, AssemblyClip, end_card_inputs
from studio.render.captions import CAPTION_FADE_S, VOICE_LEAD_S, layout_caption, plate_colour, time_cues
from studio.render.endcard import EndCard
from studio.render.ffmpeg import FrameWriter, read_frames
from studio.render.transitions import transition_in


def fit_filter(width: int, height: int, pad_hex: str) -> str:
    """ffmpeg filters that scale a clip to fit inside width x height (no stretch) and pad the rest."""
    return (
        f"scale={width}:{height}:force_original_aspect_ratio=decrease:flags=bicubic,"
        f"pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:color=0x{pad_hex.lstrip('#')},setsar=1"
    )


def _captions(clip: AssemblyClip, request: AdAssembly) -> list[tuple[float, float, L.Sprite, int, int]]:
    scene = clip.scene
    if not scene.voiceover.strip():
        return []
    span = clip.voice_duration_s or (clip.duration_s - VOICE_LEAD_S - 0.3)
    span = max(0.5, min(span, clip.duration_s - VOICE_LEAD_S))
    out = []
    for cue in time_cues(scene.voiceover, span, VOICE_LEAD_S):
        cap = layout_caption(cue.text, request.width, request.height, request.aspect_ratio, request.palette)
        out.append((cue.start_s, cue.end_s, cap.sprite, cap.box.x, cap.box.y))
    return out


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
                for start, end, sprite, x, y in caps:
                    if start <= t < end:
                        L.blend(frame, sprite, x, y, opacity=min(1.0, (t - start) / CAPTION_FADE_S))
                        break
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
