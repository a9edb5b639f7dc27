"""The music level knob: +6 dB on the bed is heard where no voice plays, and the mix stays at -14 LUFS."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from studio.render.audio import Placed, build_mix, read_wav
from studio.render.loudness import integrated_loudness
from studio.render.music import RATE
from tests.render.test_audio import _voice_wav


def _tail_db(path: Path, seconds: float) -> float:
    x, _ = read_wav(path)
    tail = x[-int(seconds * RATE) :]
    return 20 * np.log10(np.sqrt(np.mean(tail**2)))


@pytest.mark.parametrize(("gain_db", "low", "high"), [(6.0, 4.0, 8.5), (-6.0, -8.5, -4.0)])
def test_music_gain_moves_the_bed_where_no_voice_plays(tmp_path: Path, gain_db, low, high) -> None:
    voice = _voice_wav(tmp_path / "v.wav", seconds=3.0)
    base = build_mix(tmp_path / "a.wav", 6.0, [Placed(voice, 0.25)], True, "confident", 7)
    moved = build_mix(
        tmp_path / "b.wav", 6.0, [Placed(voice, 0.25)], True, "confident", 7, music_gain_db=gain_db
    )
    # the last 1.5 s carry only music (the voice ends at 3.25 s; the duck is released by then)
    shift = _tail_db(moved.path, 1.5) - _tail_db(base.path, 1.5)
    assert low <= shift <= high
    x, rate = read_wav(moved.path, mono=False)
    assert integrated_loudness(x, rate) == pytest.approx(-14.0, abs=1.0)
