"""Known answers for on-screen text read back: the studio's own caption reads back; garbled lettering
does not.

Runs the real RapidOCR models from the rapidocr-onnxruntime wheel (no download).
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from studio.quality import ocr
from studio.render.captions import layout_caption
from studio.render.layers import blend
from studio.render.safe_zones import Box

from .conftest import textured_world

pytest.importorskip("rapidocr_onnxruntime")

CAPTION = "Smooth, bold coffee brewed for twelve hours."


def captioned_frame(text: str) -> np.ndarray:
    """A 720x1280 frame with the studio's caption renderer's plate and text, as the scorer's 640 px still."""
    rgb = textured_world(3, 720, 1280)
    bgra = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGRA)
    cap = layout_caption(text, 720, 1280, "9:16", ["#6b4f3a", "#f0e6dc"])
    blend(bgra, cap.sprite, cap.box.x, cap.box.y)
    return cv2.resize(cv2.cvtColor(bgra, cv2.COLOR_BGRA2RGB), (360, 640), interpolation=cv2.INTER_AREA)


def test_similarity_ignores_case_spaces_and_punctuation():
    assert ocr.similarity("Get Cold Brew today.", "GETCOLD BREW TODAY") == 100.0
    assert ocr.similarity("abcd", "abce") == 75.0
    assert ocr.similarity("Café", "cafe") == 100.0
    assert ocr.similarity("anything", "") == 0.0


def test_a_rendered_caption_reads_back_above_90():
    lines = ocr.read_text(captioned_frame(CAPTION))
    score, read = ocr.best_match(CAPTION, lines)
    assert score > 90, read
    # the boxes are where the renderer put the plate: the bottom of the 9:16 safe zone (65% down)
    assert all(300 < ln.box.y < 420 for ln in lines if ln.text)


def test_garbled_lettering_scores_low():
    rng = np.random.default_rng(4)
    letters = "abcdefghijklmnopqrstuvwxyz"
    garbled = " ".join("".join(rng.choice(list(letters), size=len(w))) for w in CAPTION.split())
    score, _ = ocr.best_match(CAPTION, ocr.read_text(captioned_frame(garbled)))
    assert score < 40


def test_blurred_lettering_scores_low():
    blurred = cv2.GaussianBlur(captioned_frame(CAPTION), (0, 0), 5)
    score, _ = ocr.best_match(CAPTION, ocr.read_text(blurred))
    assert score < 50


def test_a_headline_wrapped_over_two_lines_is_matched_as_one_run():
    lines = [
        ocr.TextLine("HERE'S YOUR SIGN", Box(10, 10, 100, 20), 0.99),
        ocr.TextLine("TO UPGRADE", Box(30, 34, 60, 20), 0.99),
        ocr.TextLine("Something else", Box(10, 300, 100, 20), 0.99),
    ]
    score, text, where = ocr.best_run("Here's your sign to upgrade", lines)
    assert (score, where) == (100.0, (0, 2))
    assert text == "HERE'S YOUR SIGN TO UPGRADE"


def test_partial_similarity_finds_a_name_inside_a_longer_line():
    assert ocr.partial_similarity("Northwind", "NORTHWIND COLD BREW") == 100.0
    assert ocr.partial_similarity("Order", "Drder at") == 80.0
    assert ocr.partial_similarity("Northwind", "Cold Brew") < 50


def test_the_engine_is_kept_while_a_reader_is_inside_and_let_go_after_the_last():
    with ocr.loaded():
        first = ocr.engine()
        with ocr.loaded():
            assert ocr.engine() is first
        assert ocr.engine() is first  # the outer reader still holds it
    with ocr.loaded():
        assert ocr.engine() is not first  # let go when the last reader left: built again
