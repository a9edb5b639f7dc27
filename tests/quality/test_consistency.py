"""Known answers for subject / background consistency with camera motion compensated (issue 12).

Before: a continuous pan scored lower subject consistency (18) than a hard cut between unrelated shots (24).
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from studio.quality import score_video
from studio.quality import video as vm
from studio.quality.consistency import _Frame, compensated_consistency, global_motion
from studio.quality.frames import write_video

from .conftest import H, W, pan, textured_world


def _subject(report) -> float:
    return report.dimensions["subject_consistency"].value


def test_still_beats_pan_and_pan_far_beats_a_cut(tmp_path, world):
    other = textured_world(99, W * 4, H, warm=False)
    still = np.stack([world[:H, :W]] * 40)
    moving = pan(world, 0, 160, 40)  # 4 px a frame: a full frame's width over the clip
    cut = np.concatenate([pan(world, 0, 40, 20), pan(other, 0, 40, 20)])
    s = score_video(write_video(tmp_path / "still.mp4", still))
    p = score_video(write_video(tmp_path / "pan.mp4", moving))
    c = score_video(write_video(tmp_path / "cut.mp4", cut))
    assert _subject(s) >= 99
    assert 95 <= _subject(p) <= _subject(s)
    assert _subject(c) < _subject(p) - 25  # half the clip no longer matches its first frame
    assert s.dimensions["background_consistency"].value >= 99
    assert p.dimensions["background_consistency"].value > c.dimensions["background_consistency"].value + 25
    assert "camera motion compensated" in p.dimensions["subject_consistency"].note


def test_a_fast_pan_and_a_push_in_still_read_as_one_shot(world):
    fast = pan(world, 0, 420, 30)  # 14 px a frame, 56 px between the frames compared (a third of the width)
    base = world[:H, : W * 2]

    def push_in(i: int) -> np.ndarray:  # 1% closer each frame
        m = np.float32([[1 + 0.01 * i, 0, 0], [0, 1 + 0.01 * i, 0]])
        return cv2.resize(cv2.warpAffine(base, m, (W * 2, H)), (W, H))

    zoom = np.stack([push_in(i) for i in range(30)])
    for clip in (fast, zoom):
        subject, background = vm.subject_background_consistency(clip, 30)
        assert subject > 0.97 and background > 0.97


def test_global_motion_recovers_a_known_shift(world):
    a = world[20 : 20 + H - 40, 30 : 30 + W]
    b = world[20 - 3 : 20 - 3 + H - 40, 30 + 7 : 30 + 7 + W]  # the camera moved 7 px right, 3 px up
    m = global_motion(_Frame.of(a), _Frame.of(b))
    assert m is not None
    assert m[0, 2] == pytest.approx(-7, abs=0.5) and m[1, 2] == pytest.approx(3, abs=0.5)
    assert m[0, 0] == pytest.approx(1, abs=0.02)


def test_unrelated_pictures_register_as_no_motion_and_compare_low(world):
    a = world[:H, :W]
    b = textured_world(99, W, H, warm=False)
    assert global_motion(_Frame.of(a), _Frame.of(b)) is None
    subject, background = compensated_consistency([a, b])
    assert subject < 0.3 and background < 0.3


def test_a_flickering_clip_scores_below_a_steady_one(tmp_path, world):
    other = textured_world(99, W, H, warm=False)
    # swaps every 4 frames, so the frames the consistency figures sample (every 4th at 30 fps) alternate
    flicker = np.stack([world[:H, :W] if (i // 4) % 2 else other for i in range(32)])
    steady = pan(world, 0, 64, 32)
    f = score_video(write_video(tmp_path / "flicker.mp4", flicker))
    s = score_video(write_video(tmp_path / "steady.mp4", steady))
    assert _subject(f) < _subject(s) - 40
    assert f.dimensions["temporal_flickering"].value < s.dimensions["temporal_flickering"].value - 5
