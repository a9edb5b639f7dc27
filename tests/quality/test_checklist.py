"""Known answers for the ad checklist, on a small ad drawn with known text where the plan puts it."""

from __future__ import annotations

import math
import tracemalloc
import wave

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from studio.quality.ad_checks import ReadBack, ScenePlanned, ad_loudness, plan_stills, read_back
from studio.quality.checklist import AdWords, Measured, build_checklist
from studio.quality.frames import read_frames, write_video
from studio.render.captions import layout_caption
from studio.render.layers import blend
from studio.render.loudness import integrated_loudness
from studio.render.text import font

pytest.importorskip("rapidocr_onnxruntime")

W, H, FPS = 360, 640, 10
WORDS = AdWords(
    brand="Northwind",
    brand_source="the brief's facts",
    call_to_action="Order at",
    address="northwind.example",
    voiceover=("Smooth and bold.", "Northwind cold brew, brewed for twelve hours."),
    has_voice=True,
    first_voice_s=0.25,
    aspect_ratio="9:16",
    captions_planned=True,
)


def _text(img: np.ndarray, text: str, y: int, size: int = 18) -> None:
    pil = Image.fromarray(img)
    draw = ImageDraw.Draw(pil)
    fnt = font(size)
    w = draw.textlength(text, font=fnt)
    draw.text(((W - w) / 2, y), text, font=fnt, fill=(255, 255, 255), stroke_width=2, stroke_fill=(0, 0, 0))
    img[:] = np.asarray(pil)


def _frame(headline: str, caption: str, headline_y: int = 120) -> np.ndarray:
    img = np.full((H, W, 3), (90, 60, 40), np.uint8)
    if headline:
        _text(img, headline, headline_y)
    if caption:
        bgra = cv2.cvtColor(img, cv2.COLOR_RGB2BGRA)
        cap = layout_caption(caption, W, H, "9:16", ["#5a3c28"])
        blend(bgra, cap.sprite, cap.box.x, cap.box.y)
        img = cv2.cvtColor(bgra, cv2.COLOR_BGRA2RGB)
    return img


def _end_card(lines: list[str]) -> np.ndarray:
    img = np.full((H, W, 3), (40, 30, 20), np.uint8)
    for k, line in enumerate(lines):
        _text(img, line, 200 + 50 * k, 15)  # narrow enough to stay clear of the right-hand buttons
    return img


def _scenes() -> list[ScenePlanned]:
    return [
        ScenePlanned(1, 0.0, 2.0, "NORTHWIND COLD BREW", ("Smooth and bold.",), ((0.25, 1.9),), 0.6),
        ScenePlanned(2, 2.0, 4.0, "", ("Brewed for twelve hours.",), ((0.25, 1.9),), 0.0),
    ]


def _ad(tmp_path, *, headline_y: int = 120, end: list[str] | None = None, workers: int | None = None):
    frames = (
        [_frame("NORTHWIND COLD BREW", "Smooth and bold.", headline_y)] * 20
        + [_frame("", "Brewed for twelve hours.")] * 20
        + [_end_card(end if end is not None else ["Northwind", "Order at northwind.example"])] * 10
    )
    video_path = write_video(tmp_path / "ad.mp4", np.stack(frames), fps=FPS)
    stills = plan_stills(_scenes(), 5.0, ("Northwind", "Order at northwind.example"))
    video = read_frames(video_path, stills_at=[s.at_s for s in stills])
    return read_back(stills, video.stills, workers=workers)


def _status(items) -> dict[str, str]:
    return {i.key: i.status for i in items}


def test_plan_puts_the_first_still_before_two_seconds_and_one_on_the_end_card():
    stills = plan_stills(_scenes(), 5.0, ("Northwind", "Order at northwind.example"))
    assert [s.scene_id for s in stills] == [1, 2, None]
    assert 0.6 <= stills[0].at_s <= 1.8
    assert 2.25 < stills[1].at_s < 3.9
    assert stills[2].at_s == pytest.approx(4.85)


def test_a_well_made_ad_passes_what_can_be_measured(tmp_path):
    rb = _ad(tmp_path)
    fid = {(t.scene_id, t.kind): t.fidelity for t in rb.text}
    assert fid[(1, "on_screen_text")] > 90 and fid[(1, "caption")] > 90 and fid[(2, "caption")] > 90
    assert min(t.fidelity for t in rb.text if t.kind == "end_card") > 90
    items = build_checklist(WORDS, Measured(rb, loudness_lufs=-14.3))
    assert _status(items) == {
        "brand_first_3s": "pass",
        "hook_2s": "pass",
        "brand_in_voiceover": "pass",
        "captions_on": "pass",
        "cta_end": "pass",
        "safe_zone": "pass",
        "loudness": "pass",
    }
    assert "-14.3 LUFS" in items[-1].evidence


def test_the_batches_read_at_once_read_exactly_what_one_reader_reads(tmp_path):
    """The read-back's text readers fill the cores the brand search leaves (two here: no photo or logo).
    The batches decide what is read, so two readers at once give what one gives, piece for piece."""
    at_once, alone = _ad(tmp_path), _ad(tmp_path, workers=1)
    assert [t.model_dump() for t in at_once.text] == [t.model_dump() for t in alone.text]
    assert len(alone.text) == 5 and min(t.fidelity or 0 for t in alone.text) > 90


def test_missing_cta_text_outside_the_safe_zone_and_loud_sound_fail(tmp_path):
    rb = _ad(tmp_path, headline_y=20, end=["Northwind"])  # headline in the top 14%: under the app's tabs
    status = _status(build_checklist(WORDS, Measured(rb, loudness_lufs=-9.0)))
    assert status["safe_zone"] == "fail"
    assert status["cta_end"] == "fail"
    assert status["loudness"] == "fail"


def test_what_cannot_be_measured_is_unavailable_never_pass():
    empty = AdWords(aspect_ratio="9:16")
    status = _status(build_checklist(empty, Measured(ReadBack(errors=["text not read: no OCR"]), None)))
    assert status == {
        "brand_first_3s": "unavailable",
        "hook_2s": "unavailable",
        "brand_in_voiceover": "unavailable",
        "captions_on": "unavailable",
        "cta_end": "unavailable",
        "safe_zone": "unavailable",
        "loudness": "unavailable",
    }


def test_brand_missing_from_the_script_fails_with_the_script_as_evidence():
    words = AdWords(brand="Northwind", voiceover=("Meet Cold Brew.",), has_voice=True)
    item = next(i for i in build_checklist(words, Measured(ReadBack())) if i.key == "brand_in_voiceover")
    assert item.status == "fail" and item.evidence.startswith("from the script")


def test_loudness_of_a_sound_track_at_a_known_level(tmp_path):
    rate, amp = 48000, 10 ** (-14 / 20)  # a 997 Hz tone at -14 dBFS on both channels reads -14 LUFS
    t = np.arange(rate * 3) / rate
    tone = (amp * np.sin(2 * math.pi * 997 * t) * 32767).astype("<i2")
    path = tmp_path / "tone.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.repeat(tone[:, None], 2, axis=1).tobytes())
    assert ad_loudness(path) == pytest.approx(-14.0, abs=0.2)
    silent = write_video(tmp_path / "silent.mp4", np.zeros((5, 16, 16, 3), np.uint8))
    assert ad_loudness(silent) is None  # no sound track: the checklist says unavailable


def _stereo_wav(path, seconds: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    """A 997 Hz tone at -14 dBFS on the left and at a third of that on the right; the samples as read."""
    rate = 48000
    t = np.arange(int(rate * seconds)) / rate
    left = (10 ** (-14 / 20) * np.sin(2 * math.pi * 997 * t) * 32767).astype("<i2")
    pcm = np.stack([left, (left // 3).astype("<i2")], axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return pcm.astype(np.float32) / 32768


def test_loudness_of_a_stereo_track_is_the_meters_on_both_channels(tmp_path):
    samples = _stereo_wav(tmp_path / "stereo.wav", 4)
    # measured from its mid and side as it is decoded; the meter reads the two channels held whole
    expected = integrated_loudness(samples, 48000)
    assert ad_loudness(tmp_path / "stereo.wav") == pytest.approx(expected, abs=1e-6)
    assert expected == pytest.approx(-14.0 - 3.01 + 10 * math.log10(1 + 1 / 9), abs=0.05)


def test_loudness_memory_does_not_grow_with_the_track(tmp_path):
    _stereo_wav(tmp_path / "long.wav", 60)
    ad_loudness(tmp_path / "long.wav")  # the filter's spectrum is cached on the first call
    tracemalloc.start()
    try:
        ad_loudness(tmp_path / "long.wav")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # a minute of 48 kHz stereo float is 23 MB; the track held whole with its mid and side was ~60 MB
    assert peak < 16 * 2**20
