"""Word timings reach the captions on both paths: the offline renderer (from the voice's timings file)
and the re-encode of provider clips (from the clip's stored timings, else aligned from its voice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from studio.offline.speech import Espeak
from studio.providers.offline import scene_inputs
from studio.render.assembly import AdAssembly, AssemblyClip
from studio.render.captions import VOICE_LEAD_S, highlight_colour
from studio.render.compositor import SceneComposer
from studio.render.reencode import _captions
from studio.render.word_timing import load_timings
from tests.render.helpers import PALETTE, clip_request, draw_references, scene

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
VO = "Fresh juice, pressed cold every morning."


@needs_espeak
def test_offline_clip_lights_each_word_when_the_voice_says_it(tmp_path: Path) -> None:
    voice = tmp_path / "voice_1.wav"
    seconds = Espeak().speak(VO, voice)
    words, _ = load_timings(voice)
    sc = scene(voiceover=VO, duration_s=4.0)
    request = clip_request(draw_references(tmp_path / "refs"), sc, width=360, height=640).model_copy(
        update={"voice_path": voice, "voice_duration_s": seconds, "caption_style": "highlight"}
    )
    inputs = scene_inputs(request)
    assert inputs.caption_style == "highlight" and inputs.word_timings == words
    comp = SceneComposer(inputs)
    track = comp.captions
    assert track is not None
    lit = np.array(highlight_colour(PALETTE, track.layouts[0].plate_bgr))
    out = np.empty((640, 360, 4), np.uint8)
    for k in (1, 3):  # "juice," then "cold": lit just after their start, not just before
        t = VOICE_LEAD_S + words[k].start_s
        box = track.spoken_word_box(t + 0.05)
        assert box == track.word_boxes[0][k]
        counts = []
        for when in (t - 0.06, t + 0.05):
            comp.compose(round(when * 30), out)
            region = out[box.y : box.y + box.h, box.x : box.x + box.w, :3].astype(int)
            counts.append(int((np.abs(region - lit).max(axis=2) <= 40).sum()))
        assert counts[0] == 0 and counts[1] > 20, (k, counts)


@needs_espeak
def test_reencode_aligns_a_voice_stored_without_timings(tmp_path: Path) -> None:
    voice = tmp_path / "voice.wav"
    Espeak().speak(VO, voice)
    exact, _ = load_timings(voice)
    clip = AssemblyClip(path=tmp_path / "c.mp4", scene=scene(voiceover=VO, duration_s=4.0), duration_s=4.0,
                        voice_path=voice, voice_duration_s=2.0)  # fmt: skip
    request = AdAssembly(clips=[clip], width=360, height=640, aspect_ratio="9:16", palette=PALETTE,
                         caption_style="pop-in")  # fmt: skip
    track = _captions(clip, request)
    assert track is not None and track.style == "pop-in"
    starts = [s - VOICE_LEAD_S for cue in track.word_starts for s in cue]
    assert len(starts) == len(VO.split())
    assert np.abs(np.array(starts) - [w.start_s for w in exact]).max() < 0.3
    stored = _captions(clip.model_copy(update={"word_timings": exact}), request)
    assert stored is not None
    assert [s - VOICE_LEAD_S for c in stored.word_starts for s in c] == pytest.approx(
        [w.start_s for w in exact]
    )
