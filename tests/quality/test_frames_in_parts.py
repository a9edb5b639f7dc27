"""Decoding a video in parts at once gives the same frames and stills as decoding it whole."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from studio.quality.frames import read_frames, write_video


def _numbered(n: int, h: int = 64, w: int = 96) -> np.ndarray:
    """Frames that each differ from every other: a bar at the frame's own position, a shade of its own."""
    frames = np.zeros((n, h, w, 3), np.uint8)
    for i in range(n):
        frames[i, :, :] = (i * 7) % 200
        x = i % (w - 8)
        frames[i, :, x : x + 8] = (255, 255 - i % 256, 40)
    return frames


@pytest.mark.parametrize("parts", [2, 3])
def test_parts_meet_without_a_gap_or_a_repeat(tmp_path, caplog, parts):
    path = write_video(tmp_path / "numbered.mp4", _numbered(390), fps=30)  # 13 s
    # around the part boundaries (6.5 s; 4.33 s and 8.67 s), the last frame, past the end
    at = [0.2, 4.31, 4.34, 6.48, 6.5, 8.65, 8.68, 12.99, 14.0]
    whole = read_frames(path, stills_at=at)
    with caplog.at_level(logging.DEBUG, logger="studio.quality.frames"):
        split = read_frames(path, stills_at=at, parts=parts)
    assert f"in {parts} parts" in caplog.text and "decoding it whole" not in caplog.text
    assert split.count == whole.count == 390
    assert np.array_equal(split.frames, whole.frames)
    assert sorted(split.stills) == sorted(whole.stills)
    for t, frame in whole.stills.items():
        assert np.array_equal(split.stills[t], frame), t


def test_a_short_video_is_decoded_whole(tmp_path):
    path = write_video(tmp_path / "short.mp4", _numbered(60), fps=30)  # 2 s: too short to split
    assert read_frames(path, parts=4).count == 60
