"""The shared drawing helpers: the banded gradient is the whole-frame one, value for value."""

from __future__ import annotations

import numpy as np
import pytest

from studio.render import layers as L


@pytest.mark.parametrize("size", [(1080, 1920), (320, 180), (9, 7)])
@pytest.mark.parametrize("angle", [-0.5, 0.0, 0.41])
def test_shaded_gradient_is_the_vignetted_one_to_the_last_bit(size: tuple[int, int], angle: float) -> None:
    w, h = size
    palette = ["#1b4965", "#0a1a24"]
    whole = L.vignette(L.palette_gradient(w, h, palette, angle), 0.35)
    expected = np.clip(whole, 0, 255).astype(np.uint8)
    shaded = L.shaded_gradient(w, h, palette, angle, 0.35)
    assert shaded.shape == (h, w, 4) and (shaded[..., 3] == 255).all()
    assert np.array_equal(shaded[..., :3], expected)


def test_rows_of_the_gradient_are_those_of_the_whole() -> None:
    whole = L.palette_gradient(90, 160, ["#e4572e"], 0.3)
    assert np.array_equal(L.palette_gradient(90, 160, ["#e4572e"], 0.3, rows=(64, 100)), whole[64:100])


def test_gradient_runs_between_the_two_colours_corner_to_corner() -> None:
    g = L.palette_gradient(50, 80, ["#ff0000", "#0000ff"], angle=0.35)
    # BGR: red at one corner, blue at the opposite one, exactly
    assert np.array_equal(g[0, 0], [0, 0, 255]) and np.array_equal(g[-1, -1], [255, 0, 0])
