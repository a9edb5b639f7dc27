"""Caption styles on rendered pixels: plain as before, the spoken word lit, words popping in as spoken."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from studio.models import WordTiming
from studio.render import layers as L
from studio.render.captions import (
    HIGHLIGHT_FALLBACK,
    VOICE_LEAD_S,
    CaptionTrack,
    highlight_colour,
    layout_caption,
    readable_cues,
    time_cues,
    word_cues,
)
from tests.render.helpers import PALETTE

TEXT = "Fresh coffee, roasted every morning. Try it today!"
WORDS = [WordTiming(word=w, start_s=0.5 * i, end_s=0.5 * i + 0.4) for i, w in enumerate(TEXT.split())]
W, H = 720, 1280


def _frame(track: CaptionTrack, t: float) -> np.ndarray:
    frame = np.full((H, W, 4), 128, np.uint8)
    track.draw(frame, t)
    return frame


def _pixels_near(frame: np.ndarray, box, colour: tuple[int, int, int], tol: int = 40) -> int:
    region = frame[box.y : box.y + box.h, box.x : box.x + box.w, :3].astype(int)
    return int((np.abs(region - np.array(colour)).max(axis=2) <= tol).sum())


def _ink(frame: np.ndarray, box) -> int:
    """Bright (text) pixels in a box: the plate is dark, the words are white or lit."""
    region = frame[box.y : box.y + box.h, box.x : box.x + box.w, :3].astype(int)
    return int((region.max(axis=2) > 150).sum())


def test_plain_draws_exactly_what_it_drew_before() -> None:
    track = CaptionTrack(TEXT, W, H, "9:16", PALETTE, 3.0, "plain", WORDS)
    assert track.cues == time_cues(TEXT, 3.0)  # word timings do not move plain captions
    t = track.cues[0].start_s + 0.5
    before = np.full((H, W, 4), 128, np.uint8)
    cap = layout_caption(track.cues[0].text, W, H, "9:16", PALETTE)
    L.blend(before, cap.sprite, cap.box.x, cap.box.y)
    assert np.array_equal(_frame(track, t), before)


def test_cues_follow_the_word_timings() -> None:
    cues = word_cues(TEXT, WORDS)
    assert cues is not None and [c.text for c in cues] == [
        "Fresh coffee, roasted every morning.",
        "Try it today!",
    ]
    assert cues[0].start_s == pytest.approx(VOICE_LEAD_S)
    assert cues[1].start_s == pytest.approx(VOICE_LEAD_S + 2.5)  # "Try" is the 6th word, at 2.5 s
    assert cues[1].end_s == pytest.approx(VOICE_LEAD_S + 3.9 + 0.4)
    assert word_cues(TEXT, WORDS[:-1]) is None  # timings for another text are not used


def test_highlight_lights_the_word_being_spoken_and_not_before() -> None:
    track = CaptionTrack(TEXT, W, H, "9:16", PALETTE, 3.0, "highlight", WORDS)
    lit = highlight_colour(PALETTE, track.layouts[0].plate_bgr)
    assert lit != (255, 255, 255)
    roasted = track.word_boxes[0][2]
    t_roasted = VOICE_LEAD_S + 1.0
    during = _frame(track, t_roasted + 0.2)
    before = _frame(track, t_roasted - 0.2)
    assert track.spoken_word_box(t_roasted + 0.2) == roasted
    assert _pixels_near(during, roasted, lit) > 100
    assert _pixels_near(before, roasted, lit) == 0
    # while "roasted" is lit, "coffee," is white again
    coffee = track.word_boxes[0][1]
    assert _pixels_near(during, coffee, lit) == 0 and _ink(during, coffee) > 100
    assert _pixels_near(before, coffee, lit) > 100


def test_pop_in_shows_only_the_words_spoken_so_far() -> None:
    track = CaptionTrack(TEXT, W, H, "9:16", PALETTE, 3.0, "pop-in", WORDS)
    boxes = track.word_boxes[0]
    frame = _frame(track, VOICE_LEAD_S + 1.2)  # "roasted" (1.0 s) said, "every" (1.5 s) not yet
    shown = [_ink(frame, b) > 50 for b in boxes]
    assert shown == [True, True, True, False, False]
    later = _frame(track, VOICE_LEAD_S + 2.2)
    assert [_ink(later, b) > 50 for b in boxes] == [True] * 5
    # the plate itself does not move or grow as words appear
    assert track.box_at(VOICE_LEAD_S + 0.1) == track.box_at(VOICE_LEAD_S + 2.2)


def test_styles_without_timings_spread_words_over_each_phrase() -> None:
    track = CaptionTrack(TEXT, W, H, "9:16", PALETTE, 3.0, "highlight", None)
    assert track.cues == time_cues(TEXT, 3.0)
    starts = track.word_starts[0]
    assert starts[0] == pytest.approx(track.cues[0].start_s)
    assert all(b > a for a, b in itertools.pairwise(starts))
    assert starts[-1] < track.cues[0].end_s


def test_highlight_colour_reads_on_the_plate() -> None:
    assert highlight_colour(["#ffc914", "#101010"], (10, 10, 10)) == L.hex_to_bgr("#ffc914")
    # greys and dark colours are no highlight: the fallback yellow is used
    assert highlight_colour(["#202020", "#cccccc"], (10, 10, 10)) == HIGHLIGHT_FALLBACK


def test_readback_times_are_when_each_phrase_shows_in_full() -> None:
    plain = readable_cues(TEXT, 3.0, "plain", WORDS)
    assert plain == time_cues(TEXT, 3.0)
    pop = readable_cues(TEXT, 3.0, "pop-in", WORDS)
    track = CaptionTrack(TEXT, W, H, "9:16", PALETTE, 3.0, "pop-in", WORDS)
    # "morning." (5th word, 2.0 s) is the last to appear in the first phrase: from then on it is whole
    assert pop[0].start_s == pytest.approx(VOICE_LEAD_S + 2.0)
    assert [c.end_s for c in pop] == [c.end_s for c in track.cues]
    for cue in pop:
        t = (cue.start_s + cue.end_s) / 2
        frame = _frame(track, t)
        c = track.cues.index(next(x for x in track.cues if x.text == cue.text))
        assert all(_ink(frame, b) > 50 for b in track.word_boxes[c])
    untimed = readable_cues(TEXT, 3.0, "pop-in", None)
    bare = CaptionTrack(TEXT, W, H, "9:16", PALETTE, 3.0, "pop-in", None)
    assert [c.start_s for c in untimed] == pytest.approx([s[-1] for s in bare.word_starts])
