from __future__ import annotations

import itertools

import numpy as np
import pytest

from studio.render import layers as L
from studio.render.captions import (
    VOICE_LEAD_S,
    contrast_ratio,
    layout_caption,
    safe_box,
    split_cues,
    time_cues,
    worst_case_contrast,
)
from tests.render.helpers import PALETTE

LONG = "Cold pressed every morning and delivered to your door before breakfast, every single day of the week"


@pytest.mark.parametrize(
    ("w", "h", "ar"), [(720, 1280, "9:16"), (720, 720, "1:1"), (720, 900, "4:5"), (1280, 720, "16:9")]
)
def test_caption_box_sits_inside_the_safe_zone(w: int, h: int, ar: str) -> None:
    cap = layout_caption(LONG, w, h, ar, PALETTE)
    safe = safe_box(w, h, ar)
    b = cap.box
    assert b.x >= safe.x and b.x + b.w <= safe.x + safe.w
    assert b.y >= safe.y and b.y + b.h <= safe.y + safe.h
    assert len(cap.lines) <= 2
    if ar == "9:16":
        assert b.y >= 0.10 * h and b.y + b.h <= 0.80 * h


def test_caption_contrast_is_at_least_4_5_even_over_white() -> None:
    cap = layout_caption("Start your day bright", 360, 640, "9:16", PALETTE)
    assert worst_case_contrast(cap) >= 4.5
    # measured on pixels: the caption drawn over a pure white frame
    frame = np.full((640, 360, 4), 255, np.uint8)
    L.blend(frame, cap.sprite, cap.box.x, cap.box.y)
    b = cap.box
    box = frame[b.y : b.y + b.h, b.x : b.x + b.w, :3].reshape(-1, 3).astype(int)
    plate = frame[b.y + 2, b.x + b.w // 2, :3]  # top padding row: plate only
    text = box[box.sum(axis=1).argmax()]
    assert contrast_ratio(text, plate) >= 4.5


def test_contrast_ratio_known_values() -> None:
    assert contrast_ratio((255, 255, 255), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.02)


def test_cues_are_short_and_timed_across_the_voice() -> None:
    text = "Tired of warm juice? We press it cold, every morning, and bring it to your door."
    cues = time_cues(text, 4.0)
    assert " ".join(c.text for c in cues) == text
    assert all(len(c.text.split()) <= 7 for c in cues)
    assert cues[0].start_s == pytest.approx(VOICE_LEAD_S)
    assert cues[-1].end_s == pytest.approx(VOICE_LEAD_S + 4.0)
    assert all(a.end_s == pytest.approx(b.start_s) for a, b in itertools.pairwise(cues))
    assert split_cues("Hi. Fresh juice delivered cold.") == ["Hi. Fresh juice delivered cold."]
