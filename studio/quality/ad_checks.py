"""What an ad should show, where to look for it, and reading it back: OCR, brand presence, loudness.

`plan_stills` picks the frames worth reading from the plan: one per scene while its on-screen text is up
and a caption shows (before 1.8 s for the first scene, so it also answers "a hook in the first 2 s"),
and the end card's last frame. The scorer decodes them at 640 px in the same ffmpeg pass as its small
frames (`read_frames(stills_at=...)`), and `read_back` reads them.
"""

from __future__ import annotations

import logging
import math
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from studio.models import BrandSighting, TextReadback
from studio.quality import ocr
from studio.quality.brand import LOGO_MATCH, ProductMatcher, load_rgba, logo_match
from studio.quality.frames import ffmpeg_exe
from studio.render.safe_zones import Box
from studio.runtime.memory import release_free_memory

log = logging.getLogger(__name__)

FIRST_STILL_MAX_S = 1.8
END_CARD_BACK_S = 0.15
READ_CORES = 2
"""Threads at work in a read-back: the brand search, when there is a product photo or logo, takes one and
the text readers the rest. Reading the two batches at once took a 30 s ad's read-back from 0.39 to 0.22 s
on two cores with no brand search, and holds both batches' inference tensors (the largest process went
from ~265 to ~330 MB PSS at 720p, the same for a 120 s ad); beside the brand search it saved nothing."""
READ_BATCHES = 2
"""The stills are read in two batches, every other still in each. The recognizer pads the lines of a batch
to the widest, so the batches, not the threads, decide what is read ('MEET NORTHWIND' or 'MEETNORTHWIND')."""
RATE = 48000
"""Sample rate the ad's sound is measured at."""
MONO_SIDE_SHARE = 0.01
"""Side energy below 1% of the mid's (-20 dB): the two channels carry one signal (error < 0.05 LU)."""
CAPTION_READ = 70.0
"""Fidelity at or above which a caption counts as read."""


@dataclass(frozen=True)
class ScenePlanned:
    """One scene as the plan places it in the ad: its words and its span in seconds."""

    scene_id: int
    start_s: float
    end_s: float
    on_screen_text: str
    captions: tuple[str, ...]
    """The caption cues of its voiceover, in order (`render.captions.split_cues`)."""
    cue_times: tuple[tuple[float, float], ...] = ()
    """When each cue shows, in seconds from the scene's start (empty: unknown)."""
    text_in_s: float = 0.0
    """When the on-screen text is fully in, from the scene's start."""


@dataclass(frozen=True)
class Still:
    """A frame to read: when, for which scene (None: the end card), and what it should say."""

    at_s: float
    scene_id: int | None
    on_screen_text: str = ""
    captions: tuple[str, ...] = ()
    end_card: tuple[str, ...] = ()


@dataclass
class ReadBack:
    """What the stills showed: text read, per-piece fidelity, and product / logo sightings."""

    lines: dict[float, list[ocr.TextLine]] = field(default_factory=dict)
    text: list[TextReadback] = field(default_factory=list)
    sightings: list[BrandSighting] = field(default_factory=list)
    still_size: tuple[int, int] = (0, 0)
    """(width, height) of the stills the boxes are in."""
    product_source: str = ""
    errors: list[str] = field(default_factory=list)
    """Why the text could not be read (the text checks then say unavailable)."""
    brand_error: str = ""


def _still_time(s: ScenePlanned, first: bool) -> float:
    """Seconds into the scene: its text in and a caption showing (by 1.8 s in the first scene if it can)."""
    span = s.end_s - s.start_s
    latest = max(0.1, span - 0.3)
    for start, end in s.cue_times:
        at = max(s.text_in_s, (start + end) / 2)
        if first and at > FIRST_STILL_MAX_S:
            at = max(s.text_in_s, start + 0.15)
        if at < min(end - 0.1, latest):
            return at
    at = min(max(0.5 * span, s.text_in_s), latest)
    return min(at, FIRST_STILL_MAX_S) if first else at


def plan_stills(scenes: list[ScenePlanned], duration_s: float, end_card: tuple[str, ...]) -> list[Still]:
    """One still per scene (text up, a caption showing) and one at the end card's end."""
    stills = []
    for k, s in enumerate(scenes):
        at = s.start_s + _still_time(s, k == 0)
        stills.append(Still(round(at, 3), s.scene_id, s.on_screen_text, s.captions))
    if end_card and duration_s > END_CARD_BACK_S:
        stills.append(Still(round(duration_s - END_CARD_BACK_S, 3), None, end_card=end_card))
    return stills


def _ocr(stills: list[Still], frames: dict[float, np.ndarray]) -> dict[float, list[ocr.TextLine]]:
    """The lines read in each still's frame, by the still's time.

    What each detection freed goes back before the next: its tensors (1-4 MB each) otherwise stay in the
    thread's heap, ~20 MB more at the peak of a read-back of nine stills."""
    images = [frames[s.at_s] for s in stills]
    boxes = []
    for img in images:
        boxes.append(ocr.detect(img))
        release_free_memory()
    lines = ocr.read_frames_text(images, boxes)
    release_free_memory()
    return {s.at_s: found for s, found in zip(stills, lines, strict=True)}


def _ocr_batches(
    batches: list[list[Still]], frames: dict[float, np.ndarray]
) -> dict[float, list[ocr.TextLine]]:
    """`_ocr` of each batch in turn, in one thread."""
    return {at: found for batch in batches for at, found in _ocr(batch, frames).items()}


def _match_text(seen: list[Still], lines: dict[float, list[ocr.TextLine]], out: ReadBack) -> None:
    """Each still's expected text against the lines read in it: one TextReadback per piece."""
    for s in seen:
        found = out.lines[s.at_s] = lines[s.at_s]
        if s.scene_id is None:
            for piece in s.end_card:
                score, read = ocr.best_match(piece, found)
                out.text.append(
                    TextReadback(kind="end_card", expected=piece, read=read, at_s=s.at_s, fidelity=score)
                )
            continue
        rest = found
        if s.on_screen_text.strip():
            score, read, (i, j) = ocr.best_run(s.on_screen_text, found)
            if score >= 50:  # the headline's lines are not the caption's, even when the words are the same
                rest = found[:i] + found[j:]
            out.text.append(
                TextReadback(
                    scene_id=s.scene_id, kind="on_screen_text", expected=s.on_screen_text, read=read,
                    at_s=s.at_s, fidelity=score,
                )
            )  # fmt: skip
        if s.captions:
            # the cue on screen at this instant is the best-read one: timing may drift, the words may not
            best = max(((*ocr.best_match(c, rest), c) for c in s.captions), key=lambda x: x[0])
            out.text.append(
                TextReadback(
                    scene_id=s.scene_id, kind="caption", expected=best[2], read=best[1], at_s=s.at_s,
                    fidelity=best[0],
                )
            )  # fmt: skip


def _sightings(
    stills: list[Still],
    frames: dict[float, np.ndarray],
    product: np.ndarray | None,
    logo: np.ndarray | None,
    logo_box: Box | None,
) -> list[BrandSighting]:
    matcher = ProductMatcher.from_image(product) if product is not None else None
    out = []
    for s in stills:
        if s.scene_id is None or s.at_s not in frames:
            continue
        frame = frames[s.at_s]
        seen, inliers = matcher.visible([frame]) if matcher else (None, 0)
        match = logo_match(frame, logo, logo_box) if logo is not None and logo_box is not None else None
        out.append(
            BrandSighting(
                scene_id=s.scene_id,
                product=seen,
                product_inliers=inliers,
                logo=None if match is None else match >= LOGO_MATCH,
                logo_match=None if match is None else round(match, 3),
            )
        )
    return out


def read_back(
    stills: list[Still],
    frames: dict[float, np.ndarray],
    *,
    product_photo: Path | None = None,
    logo: Path | None = None,
    logo_box: Box | None = None,
    workers: int | None = None,
) -> ReadBack:
    """Read the stills' text back and look for the product and the logo (boxes in still pixels).

    The stills are read in READ_BATCHES batches, shared among `workers` threads (by default the READ_CORES
    the brand search leaves), and the brand is looked for in one more thread: onnxruntime and OpenCV
    release the GIL, so they run side by side.
    """
    out = ReadBack()
    if frames:
        first = next(iter(frames.values()))
        out.still_size = (first.shape[1], first.shape[0])
    product_rgba = load_rgba(product_photo) if product_photo else None
    logo_rgba = load_rgba(logo) if logo else None
    searching = product_rgba is not None or logo_rgba is not None
    workers = workers or max(1, READ_CORES - searching)
    seen = [s for s in stills if s.at_s in frames]
    batches = [seen[k::READ_BATCHES] for k in range(READ_BATCHES) if seen[k::READ_BATCHES]]
    shares = [batches[k::workers] for k in range(workers) if batches[k::workers]]
    with ThreadPoolExecutor(max_workers=len(shares) + 1, thread_name_prefix="read-back") as pool:
        brand = None
        if searching:
            brand = pool.submit(_sightings, stills, frames, product_rgba, logo_rgba, logo_box)
        reads = [pool.submit(_ocr_batches, share, frames) for share in shares]
        try:
            lines: dict[float, list[ocr.TextLine]] = {}
            for r in reads:
                lines.update(r.result())
            _match_text(seen, lines, out)
        except Exception as exc:  # OCR missing or broken: the text figures say unavailable, the rest stands
            log.warning("reading the ad's text back failed: %s", exc)
            out.errors.append(f"text not read: {exc}")
        try:
            out.sightings = brand.result() if brand is not None else []
        except Exception as exc:  # a photo OpenCV cannot match: brand presence says unavailable
            log.warning("looking for the product and logo failed: %s", exc)
            out.brand_error = f"product and logo not looked for: {exc}"
    return out


def ad_loudness(path: Path) -> float | None:
    """Integrated loudness (LUFS, BS.1770) of the ad's sound; None when it has no audio track.

    The sound is measured as ffmpeg decodes it, a second at a time: the K-weighted power of its mid and
    side signals per 100 ms (`SegmentPower`), so memory does not grow with the ad's length (a 120 s track
    held whole, with its mid and side, came to ~100 MB). The left and right channels' powers add up to
    twice the mid's and the side's (the filter is linear), so a stereo track needs no third and fourth."""
    from studio.render.loudness import SegmentPower, gated_loudness, k_weighting_sos

    hop, sos = RATE // 10, k_weighting_sos(RATE)
    mid_power, side_power = SegmentPower(sos, RATE, hop), SegmentPower(sos, RATE, hop)
    mid_energy = side_energy = 0.0
    received = False
    cmd = [
        ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(path), "-vn",
        "-ac", "2", "-ar", str(RATE), "-f", "f32le", "-",
    ]  # fmt: skip
    chunk = np.empty((RATE, 2), np.float32)
    raw = memoryview(chunk.reshape(-1).view(np.uint8))
    got = 0
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    try:
        while True:
            n = proc.stdout.readinto(raw[got:])  # type: ignore[attr-defined]
            got += n or 0
            received = received or bool(n)
            if n and got < len(raw):
                continue
            frames = got // 8  # a stereo float32 frame; a partial one waits for its other bytes
            samples = chunk[:frames]
            mid = (samples[:, 0] + samples[:, 1]) * 0.5
            side = (samples[:, 0] - samples[:, 1]) * 0.5
            mid_energy += float(np.dot(mid, mid))
            side_energy += float(np.dot(side, side))
            mid_power.feed(mid)
            side_power.feed(side)
            rest = got - frames * 8
            raw[:rest] = bytes(raw[frames * 8 : got])
            got = rest
            if not n:
                break
    finally:
        proc.stdout.close()
        code = proc.wait()
    mid_p = mid_power.finish()
    if code != 0 or not received:
        return None
    if side_energy <= MONO_SIDE_SHARE * mid_energy:
        # the studio's mix is one signal on both channels: measure it once, +3.01 dB for the two channels
        value = gated_loudness(mid_p, hop) + 10 * math.log10(2)
    else:
        value = gated_loudness(2 * (mid_p + side_power.finish()), hop)
    return value if math.isfinite(value) else float("-inf")
