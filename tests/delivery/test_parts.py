"""The pack's parts on known inputs: placements, file name patterns, voice spans, SRT/VTT text, previews."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from studio.delivery.naming import check_pattern, file_stem
from studio.delivery.placements import PLACEMENTS, check_durations, parse_placements
from studio.delivery.preview import draw_interface
from studio.delivery.subtitles import SceneVoice, ad_cues, read_wav_mono, speech_span, to_srt, to_vtt
from studio.errors import BadInput
from studio.render.captions import VOICE_LEAD_S, Cue
from tests.delivery.checks import parse_srt, parse_vtt


def test_placements_parse_in_order_once_and_unknown_ones_are_named() -> None:
    assert [p.name for p in parse_placements("tiktok, YouTube,tiktok,feed45")] == [
        "tiktok",
        "youtube",
        "feed45",
    ]
    with pytest.raises(BadInput, match=r"Unknown placement 'snapchat', 'x': choose from tiktok, reels"):
        parse_placements("tiktok,snapchat,x")
    with pytest.raises(BadInput, match="at least one placement"):
        parse_placements(" , ")
    assert {p.aspect_ratio for p in PLACEMENTS.values()} == {"9:16", "4:5", "1:1", "16:9"}


def test_an_ad_too_long_for_a_placement_is_refused_with_its_limit() -> None:
    check_durations(parse_placements("shorts,reels"), 60.0)
    with pytest.raises(BadInput, match=r"lasts 75.0 s: YouTube Shorts \(9:16\) takes at most 60 s"):
        check_durations(parse_placements("shorts,reels"), 75.0)


def test_a_pattern_with_an_unknown_field_says_which_fields_exist() -> None:
    with pytest.raises(BadInput, match=r"Unknown field \{market\}.*use \{brand\}, \{campaign\}"):
        check_pattern("{brand}_{market}_{placement}")
    with pytest.raises(BadInput, match="needs \\{placement\\}"):
        check_pattern("{brand}_{date}")
    with pytest.raises(BadInput, match="unmatched brace"):
        check_pattern("{brand_{placement}")
    with pytest.raises(BadInput, match="plainly"):
        check_pattern("{brand!r}_{placement}")


def test_unsafe_characters_in_names_are_replaced() -> None:
    values = {
        "brand": "Café Noir",
        "campaign": "../../etc/passwd",
        "variant": "A/B test",
        "placement": "tiktok",
    }
    stem = file_stem("{brand} {campaign}:{variant}_{placement}", values)
    assert stem == "Cafe-Noir-etc-passwd-A-B-test_tiktok"
    assert file_stem("{placement}", {"placement": "***"}) == "x"


def _wav(path: Path, rate: int, parts: list[tuple[float, float]]) -> Path:
    """A mono 16-bit WAV of (seconds, amplitude) parts: 0 amplitude is silence, else a 220 Hz tone."""
    chunks = []
    for seconds, amp in parts:
        t = np.arange(int(seconds * rate)) / rate
        chunks.append(amp * np.sin(2 * np.pi * 220 * t))
    x = (np.concatenate(chunks) * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(x.tobytes())
    return path


def test_the_spoken_span_of_a_voice_is_read_from_its_energy(tmp_path: Path) -> None:
    wav = _wav(tmp_path / "v.wav", 22050, [(0.4, 0), (0.5, 0.5), (0.2, 0), (0.3, 0.3), (0.6, 0)])
    on, off = speech_span(*read_wav_mono(wav))
    assert on == pytest.approx(0.4, abs=0.011) and off == pytest.approx(1.4, abs=0.011)
    silent = _wav(tmp_path / "s.wav", 16000, [(1.0, 0)])
    assert speech_span(*read_wav_mono(silent)) is None


def test_cues_span_each_voice_from_its_clips_start(tmp_path: Path) -> None:
    voice = _wav(tmp_path / "v.wav", 22050, [(0.1, 0), (1.0, 0.5), (0.5, 0)])
    scenes = [
        SceneVoice(1, "Weekend runners? Peak grips wet rock.", 0.0, 2.0, voice),
        SceneVoice(2, "Get twenty percent off this week.", 2.0, 2.0, None),  # voice off: the burned-in timing
    ]
    cues, voiced = ad_cues(scenes)
    assert not voiced
    first = [c for c in cues if c.start_s < 2.0]
    assert first[0].start_s == pytest.approx(VOICE_LEAD_S + 0.1, abs=0.011)
    assert first[-1].end_s == pytest.approx(VOICE_LEAD_S + 1.1, abs=0.011)
    second = [c for c in cues if c.start_s >= 2.0]
    assert second[0].start_s == pytest.approx(2.0 + VOICE_LEAD_S)
    assert second[-1].end_s == pytest.approx(2.0 + VOICE_LEAD_S + 2.0 - VOICE_LEAD_S - 0.3)


def test_srt_and_vtt_text_on_a_known_cue_list() -> None:
    cues = [Cue("Weekend runners?", 0.25, 1.1), Cue("Peak.", 3661.5, 3662.0055)]
    srt = to_srt(cues)
    assert (
        srt
        == "1\n00:00:00,250 --> 00:00:01,100\nWeekend runners?\n\n2\n01:01:01,500 --> 01:01:02,006\nPeak.\n\n"
    )
    vtt = to_vtt(cues)
    assert vtt.startswith("WEBVTT\n\n00:00:00.250 --> 00:00:01.100\nWeekend runners?\n\n")
    assert parse_srt(srt) == parse_vtt(vtt)
    odd = [Cue("Save 20% & more --> <now>", 0.0, 1.0)]
    assert to_srt(odd).split("\n")[2] == "Save 20% & more -> <now>"
    assert to_vtt(odd).split("\n")[3] == "Save 20% &amp; more -&gt; &lt;now&gt;"


def test_the_preview_draws_the_interface_outside_the_safe_zone_and_leaves_its_middle() -> None:
    frame = np.full((640, 360, 3), 90, np.uint8)
    p = PLACEMENTS["tiktok"]
    out = np.asarray(draw_interface(frame, p, "Peak", 6.0))[..., ::-1]
    zone = p.safe_box(360, 640)
    changed = np.abs(out.astype(int) - frame).sum(axis=2) > 0
    assert changed[: zone.y - 4].mean() > 0.9  # the top bar covers the top margin
    assert changed[zone.bottom + 4 :].mean() > 0.9  # the caption / description / CTA area below
    assert changed[zone.y + 40 : zone.bottom - 40, zone.right + 2 :].any()  # the buttons on the right
    middle = changed[zone.y + 30 : zone.bottom - 30, zone.x + 30 : zone.right - 30]
    assert not middle.any()
