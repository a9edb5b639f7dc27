"""Scores stage: the ad is decoded once, and its clips are sliced out of it for the cross-clip figure and,
when the offline renderer made them, for their own scores."""

from __future__ import annotations

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief
from studio.pipeline.scoring import clip_spans
from studio.quality import cross_clip_consistency, read_frames, score_video
from studio.service import Studio

PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."


@pytest.fixture
def studio(settings: Settings):
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def test_the_ads_clips_are_found_in_its_frames_and_scored_for_cross_clip_consistency(studio: Studio) -> None:
    brief = Brief(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=7)
    gen = studio.run(studio.create(brief).id)
    assert gen.status == "completed", gen.error
    media = studio.ctx.providers.media
    ad = read_frames(media.local_path(gen.ad.location))

    spans = clip_spans(gen, ad.fps, ad.count)
    # Contiguous from the first frame, one span per scene, and the end card left after the last.
    assert [a for a, _ in spans] == [0, *[b for _, b in spans[:-1]]]
    assert len(spans) == len(gen.scenes) == 3
    clip_frames = [read_frames(media.local_path(c.location)).count for c in gen.clips]
    assert [b - a for a, b in spans] == pytest.approx(clip_frames, abs=1)
    assert ad.count - spans[-1][1] == pytest.approx(2.5 * ad.fps, abs=2)

    report = studio.ctx.store.quality(gen.id)[None]
    figure = report.dimensions["cross_clip_consistency"]
    assert figure.value is not None
    apart = cross_clip_consistency([media.local_path(c.location) for c in gen.clips])
    assert figure.value == pytest.approx(apart.value, abs=2.0)


def test_offline_clips_are_scored_as_their_slices_of_the_ad(studio: Studio, monkeypatch) -> None:
    from studio.pipeline import tasks

    per_clip = []
    monkeypatch.setattr(tasks, "score_clip", lambda *a: per_clip.append(a))  # must not be called
    brief = Brief(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=7)
    gen = studio.run(studio.create(brief).id)
    assert gen.status == "completed", gen.error
    assert per_clip == []  # no clip was decoded on its own during the clip stage
    reports = studio.ctx.store.quality(gen.id)
    media = studio.ctx.providers.media
    for scene, clip in zip(gen.scenes, gen.clips, strict=True):
        from_ad = reports[scene.id]
        assert from_ad is not None and from_ad.clip_index == scene.id
        assert scene.quality_score == from_ad.overall
        # the slice is the clip's own frames: the figures agree with scoring the clip's file
        alone = score_video(media.local_path(clip.location), scene.description, clip_index=scene.id)
        for name in ("temporal_flickering", "subject_consistency", "background_consistency"):
            sliced, whole = from_ad.dimensions[name].value, alone.dimensions[name].value
            assert sliced == pytest.approx(whole, abs=2.0), name
        assert from_ad.motion == pytest.approx(alone.motion, abs=5.0)
