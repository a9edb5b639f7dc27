"""On-screen text read back from the ad's frames (RapidOCR: PP-OCRv4 detection and recognition in ONNX).

The models ship inside the `rapidocr-onnxruntime` wheel, so reading needs no download. Cost is kept down
three ways: frames come at 640 px on the long side (from the scorer's own decode, `frames.read_frames`
`stills_at`); detection runs at 480 px (RapidOCR's default would upscale to 736 px on the short side);
recognition, on crops of the 640 px frame, reads every line of every frame in one batch at 32 px high
instead of 48 (about a third of the cost, same reading on rendered type).

Text fidelity is a normalised edit-distance similarity, case, spaces and punctuation ignored:
100 · (1 − lev(a, b) / max(|a|, |b|)). A piece of expected text is compared with every run of
consecutive lines read in the frame (a headline wraps over two lines) and keeps the best.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from studio.render.safe_zones import Box

log = logging.getLogger(__name__)

REC_HEIGHT = 32
DETECT_SIDE = 480
"""Long side the text detector looks at: 480 px finds 20 px captions at 720x1280 at 40% of 640's cost."""
MAX_RUN = 4
"""Longest run of consecutive lines compared with one expected text (a two-line headline and more)."""

_engine = None
_engine_lock = threading.Lock()
_readers = 0


@dataclass(frozen=True)
class TextLine:
    """One line of text read in a frame, with its box in that frame's pixels."""

    text: str
    box: Box
    confidence: float


class OcrUnavailable(RuntimeError):
    """rapidocr-onnxruntime is not installed here, so on-screen text cannot be read back."""


def engine():  # type: ignore[no-untyped-def]
    """The RapidOCR engine, built once per process (loading the models takes about a second)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:
                raise OcrUnavailable(
                    "on-screen text cannot be read: install rapidocr-onnxruntime "
                    "(pip install -r requirements.txt)"
                ) from exc
            ocr = RapidOCR(det_limit_type="max", intra_op_num_threads=1, inter_op_num_threads=1)
            ocr.text_rec.rec_image_shape = [3, REC_HEIGHT, 320]
            _engine = ocr
        return _engine


@contextlib.contextmanager
def loaded() -> Iterator[None]:
    """The engine is kept while inside (built on first use); when the last reader leaves it is let go:
    its two sessions hold ~45 MB that an ad's scoring needs only for its few stills."""
    global _engine, _readers
    with _engine_lock:
        _readers += 1
    try:
        yield
    finally:
        with _engine_lock:
            _readers -= 1
            if _readers == 0:
                _engine = None


def _reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Top to bottom, then left to right within a row (lines whose centres are within half a line)."""
    lines = sorted(lines, key=lambda ln: ln.box.y + ln.box.h / 2)
    rows: list[list[TextLine]] = []
    for ln in lines:
        centre = ln.box.y + ln.box.h / 2
        if rows and abs(centre - (rows[-1][0].box.y + rows[-1][0].box.h / 2)) < rows[-1][0].box.h / 2:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda x: x.box.x)]


def detect(frame: np.ndarray, side: int = DETECT_SIDE) -> list[np.ndarray]:
    """Text boxes (4 corner points each, in frame pixels) in an RGB frame, found at `side` px."""
    k = min(1.0, side / max(frame.shape[:2]))
    small = cv2.resize(frame, None, fx=k, fy=k, interpolation=cv2.INTER_AREA) if k < 1 else frame
    boxes, _elapsed = engine().text_det(np.ascontiguousarray(small[..., ::-1]))
    return [] if boxes is None else [np.asarray(q, np.float32) / k for q in boxes]


def read_frames_text(frames: list[np.ndarray], boxes: list[list[np.ndarray]]) -> list[list[TextLine]]:
    """Recognise the detected boxes of several frames in one batch; lines per frame in reading order."""
    ocr = engine()
    crops, owners, rects = [], [], []
    for k, (frame, frame_boxes) in enumerate(zip(frames, boxes, strict=True)):
        if not frame_boxes:
            continue
        bgr = np.ascontiguousarray(frame[..., ::-1])
        for quad, crop in zip(frame_boxes, ocr.get_crop_img_list(bgr, np.array(frame_boxes)), strict=True):
            xs, ys = quad[:, 0], quad[:, 1]
            crops.append(crop)
            owners.append(k)
            x0, y0 = int(xs.min()), int(ys.min())
            rects.append(Box(x0, y0, int(xs.max()) - x0, int(ys.max()) - y0))
    out: list[list[TextLine]] = [[] for _ in frames]
    if crops:
        results, _elapsed = ocr.text_rec(crops)
        for k, rect, (text, score) in zip(owners, rects, results, strict=True):
            if text.strip() and score >= 0.5:
                out[k].append(TextLine(text.strip(), rect, float(score)))
    return [_reading_order(lines) for lines in out]


def read_text(frame: np.ndarray) -> list[TextLine]:
    """Every line of text in one RGB frame, in reading order."""
    return read_frames_text([frame], [detect(frame)])[0]


# ── Fidelity ─────────────────────────────────────────────────────────────────────────────────────


def normalise(text: str) -> str:
    """Lower case letters and digits only (accents folded): what a reader would call the same words."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) between two strings."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similarity(expected: str, read: str) -> float:
    """100 · (1 − edit distance / longer length) of the normalised texts; 0 when either is empty."""
    a, b = normalise(expected), normalise(read)
    if not a or not b:
        return 100.0 if a == b else 0.0
    return round(100.0 * (1.0 - levenshtein(a, b) / max(len(a), len(b))), 2)


def partial_similarity(expected: str, read: str) -> float:
    """How well expected text appears somewhere inside the text read: the best `similarity` against any
    stretch of it as long as the expected text (normalised), 0-100."""
    a, b = normalise(expected), normalise(read)
    if len(b) <= len(a):
        return similarity(expected, read)
    fewest = min(levenshtein(a, b[i : i + len(a)]) for i in range(len(b) - len(a) + 1))
    return round(100.0 * (1.0 - fewest / len(a)), 2)


def best_run(expected: str, lines: list[TextLine]) -> tuple[float, str, tuple[int, int]]:
    """The best fidelity of expected text against any run lines[i:j] of consecutive lines, the run's
    text and (i, j)."""
    best, best_text, where = 0.0, "", (0, 0)
    target = len(normalise(expected))
    for i in range(len(lines)):
        for j in range(i + 1, min(len(lines), i + MAX_RUN) + 1):
            text = " ".join(ln.text for ln in lines[i:j])
            if len(normalise(text)) > 2 * target + 4 and j > i + 1:
                break  # longer runs only move further from the expected text
            score = similarity(expected, text)
            if score > best:
                best, best_text, where = score, text, (i, j)
    return best, best_text, where


def best_match(expected: str, lines: list[TextLine]) -> tuple[float, str]:
    """The best fidelity of expected text against any run of consecutive lines read, and that run."""
    score, text, _where = best_run(expected, lines)
    return score, text
