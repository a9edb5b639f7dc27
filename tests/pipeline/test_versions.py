"""Versions of a finished ad: chat never loses one, sound re-assembles in seconds, big changes ask first."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import get_args

import numpy as np
import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief, IntentAction
from studio.pipeline.intent import parse_intent
from studio.render.audio import read_wav
from studio.render.ffmpeg import run_ffmpeg
from studio.service import Studio

PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."
# One message per intent the parser can produce, as a person would type it after the ad is finished.
MESSAGES: dict[str, str] = {
    "approve": "looks good",
    "regenerate": "regenerate",
    "refine": "make it more luxurious",
    "edit_scene": "edit scene 2: the shoe on a wet granite ledge",
    "regenerate_scene": "regenerate scene 2 with more rain",
    "music_louder": "make the music louder please",
    "music_softer": "softer music",
    "music_off": "no music",
    "music_on": "bring the music back",
    "voice_off": "remove the voiceover",
    "voice_on": "put the voice back",
    "end_card_cta": "change the CTA to Shop the trail",
    "end_card_title": "end card text: Peak Grip",
}
FIRST_OFF = {"music_on": "no music", "voice_on": "remove the voiceover"}
ASKS_FIRST = {"regenerate", "refine", "edit_scene", "regenerate_scene"}


def _brief(**kw) -> Brief:
    base = dict(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=1234)
    return Brief(**(base | kw))


def _settle(studio: Studio, gen_id: str, timeout_s: float = 240) -> None:
    """Wait until nothing works on the generation (an approval starts a driver after the action ends)."""
    deadline, quiet = time.monotonic() + timeout_s, 0
    while time.monotonic() < deadline:
        busy = studio.is_busy(gen_id) or studio.store.get(gen_id).is_running
        quiet = 0 if busy else quiet + 1
        if quiet >= 3:
            return
        time.sleep(0.2)
    raise AssertionError(f"generation {gen_id} still busy after {timeout_s} s")


def _copy(studio: Studio, source_id: str) -> str:
    """A second generation with the same finished ad and clips (one per test, one pipeline run in all)."""
    source = studio.store.get(source_id)
    copy = source.model_copy(update={"id": uuid.uuid4().hex[:16], "clips": []}, deep=True)
    studio.store.create(copy)
    for clip in source.clips:
        studio.store.save_clip(copy.id, clip)
    return copy.id


def _assert_first_version_kept(studio: Studio, gen_id: str, first: str) -> None:
    media = studio.ctx.providers.media
    row = next(s for s in studio.store.list_generations(owner=None, limit=500) if s.id == gen_id)
    assert row.final_video is not None and media.local_path(row.final_video).is_file()
    gen = studio.store.get(gen_id)
    assert gen.finished_ad is not None
    listed = [v.ad.location for v in gen.versions if v.ad is not None]
    assert first in listed and media.local_path(first).is_file()


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    ctx = open_context(Settings(data_dir=tmp_path_factory.mktemp("versions") / "data", max_concurrent=2))
    studio = Studio(ctx)
    gen = studio.run(studio.create(_brief()).id)
    assert gen.status == "completed", gen.error
    yield studio, gen
    ctx.runner.shutdown()


def test_every_intent_is_covered():
    assert set(MESSAGES) == set(get_args(IntentAction))
    for action, message in MESSAGES.items():
        ruled = parse_intent(message, "scores")  # None: the text model reads it (offline: refine)
        assert (ruled.action if ruled else "refine") == action, message


@pytest.mark.parametrize("action", list(MESSAGES))
def test_chat_on_a_finished_ad_never_clears_its_video(finished, action) -> None:
    studio, source = finished
    gen_id = _copy(studio, source.id)
    first = source.ad.location
    before = studio.store.get(gen_id)
    if action in FIRST_OFF:  # so that "back" is a change, not "already so"
        studio.respond(gen_id, FIRST_OFF[action]).result(timeout=120)
        _settle(studio, gen_id)
    intent = studio.respond(gen_id, MESSAGES[action]).result(timeout=120)
    assert intent.action == action
    _settle(studio, gen_id)
    _assert_first_version_kept(studio, gen_id, first)
    gen = studio.store.get(gen_id)
    if action in ASKS_FIRST:
        # nothing approved is discarded before the yes: same story, scenes, clips and ad
        assert gen.pending_change is not None and gen.pending_change.intent.action == action
        assert "Version 1 stays playable" in gen.pending_change.redo
        assert (gen.story, gen.scenes, gen.ad) == (before.story, before.scenes, before.ad)
        assert [c.location for c in gen.clips] == [c.location for c in before.clips]
        studio.confirm_change(gen_id).result(timeout=120)
        _settle(studio, gen_id)
        _assert_first_version_kept(studio, gen_id, first)
        gen = studio.store.get(gen_id)
        if gen.status == "awaiting_approval":  # a new story waits for its approval, then makes v2
            assert gen.stage == "story" and gen.ad is None and gen.versions[-1].ad is None
            studio.respond(gen_id, "looks good").result(timeout=120)
            _settle(studio, gen_id)
            _assert_first_version_kept(studio, gen_id, first)
            gen = studio.store.get(gen_id)
        assert gen.status == "completed", gen.error
    if action == "approve":
        assert (gen.ad, len(gen.versions)) == (before.ad, 1)
    else:  # every change made version 2 beside version 1, each with a file of its own
        made = [1, 2, 3] if action in FIRST_OFF else [1, 2]  # e.g. v2 without music, v3 with it
        assert [v.number for v in gen.versions] == made
        assert gen.ad == gen.versions[-1].ad and gen.ad.location != first
        assert studio.ctx.providers.media.local_path(gen.ad.location).is_file()


def test_no_keeps_the_ad_as_it_is(finished) -> None:
    studio, source = finished
    gen_id = _copy(studio, source.id)
    studio.respond(gen_id, "regenerate").result(timeout=120)
    assert studio.store.get(gen_id).pending_change is not None
    gen = studio.cancel_change(gen_id)
    assert gen.pending_change is None and gen.ad == source.ad and gen.story == source.story
    assert studio.store.messages(gen_id)[-1].text == "Kept the ad as it is."


def _music_db(studio: Studio, location: str, tmp: Path, seconds: float = 1.0) -> float:
    """The level of the ad's last `seconds` (the end card: music only, no voice), in dBFS."""
    wav = tmp / f"{Path(location).stem}.wav"
    source = studio.ctx.providers.media.local_path(location)
    run_ffmpeg(["-i", str(source), "-vn", "-ac", "1", "-ar", "48000", "-c:a", "pcm_s16le", str(wav)])
    x, _ = read_wav(wav)
    tail = x[-int(seconds * 48000) :]
    return float(20 * np.log10(np.sqrt(np.mean(tail**2))))


def test_louder_music_makes_v2_from_the_rendered_clips_in_seconds(settings: Settings, tmp_path: Path) -> None:
    ctx = open_context(settings)
    studio = Studio(ctx)
    try:
        gen = studio.run(studio.create(_brief(duration_s=30, scene_count=None)).id)
        assert gen.status == "completed", gen.error
        assert gen.ad.has_voice and gen.ad.has_music  # the louder bed is measured against the voice
        clips_before = {c.scene_id: (c.location, c.attempts) for c in gen.clips}
        started = time.perf_counter()
        intent = studio.respond(gen.id, "make the music louder").result(timeout=120)
        seconds = time.perf_counter() - started
        assert intent.action == "music_louder"
        after = studio.store.get(gen.id)
        v1, v2 = after.versions
        assert (v1.number, v2.number) == (1, 2) and v1.ad == gen.ad and after.ad == v2.ad
        assert v2.settings.music_gain_db == 6.0 and "louder" in v2.change
        # no clip rendered again: the new version is made from the clips already on disk
        assert {c.scene_id: (c.location, c.attempts) for c in after.clips} == clips_before
        media = ctx.providers.media
        assert media.local_path(v1.ad.location).is_file() and media.local_path(v2.ad.location).is_file()
        row = next(s for s in studio.store.list_generations(owner=None) if s.id == gen.id)
        assert row.final_video == v2.ad.location
        louder = _music_db(studio, v2.ad.location, tmp_path) - _music_db(studio, v1.ad.location, tmp_path)
        assert louder >= 3.0, f"the music bed is only {louder:.1f} dB louder"
        assert abs(v2.ad.duration_s - v1.ad.duration_s) < 0.1
        print(f"\n'make the music louder' on a {v1.ad.duration_s:.1f} s ad: v2 in {seconds:.2f} s, "
              f"music {louder:+.1f} dB in the end card")  # fmt: skip
        assert seconds < 60
        _settle(studio, gen.id)
        deadline = time.monotonic() + 120
        while studio.store.get(gen.id).versions[-1].overall_score is None and time.monotonic() < deadline:
            time.sleep(0.5)  # re-scored in the background
        rescored = studio.store.get(gen.id).versions[-1]
        assert rescored.overall_score is not None and rescored.scores is not None
    finally:
        ctx.runner.shutdown()


def test_a_late_score_of_an_older_version_is_filed_under_it_only(finished) -> None:
    """v1's scoring that ends after v2 exists scores v1's file with v1's words, and is not v2's score."""
    from studio.pipeline import scoring

    studio, source = finished
    gen_id = _copy(studio, source.id)
    first = source.ad.location
    studio.respond(gen_id, "change the CTA to Shop the trail").result(timeout=120)
    _settle(studio, gen_id)
    deadline = time.monotonic() + 120
    while studio.store.get(gen_id).versions[-1].overall_score is None and time.monotonic() < deadline:
        time.sleep(0.5)  # v2 is scored in the background
    gen = studio.store.get(gen_id)
    assert gen.ad.location != first and gen.versions[-1].settings.call_to_action == "Shop the trail"
    current = studio.store.quality(gen_id)[None]
    assert current is not None and "Shop the trail" in {t.expected for t in current.text_readback}

    late = scoring.score_ad(studio.ctx, gen_id, first)  # v1's scoring, finishing after v2 was made
    assert late is not None
    words = {t.expected for t in late.text_readback if t.kind == "end_card"}
    assert words and "Shop the trail" not in words  # v1's own end card was read
    after = studio.store.quality(gen_id)[None]
    assert after is not None and after.scored_at == current.scored_at  # v2's score stands
