"""Known-answer tests: each pixel metric on clips whose answer is known, through real ffmpeg files."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from studio.quality import cross_clip_consistency, cross_clip_consistency_in, score_video
from studio.quality import video as vm
from studio.quality.frames import read_frames, write_video
from studio.quality.image import image_figures, imaging_quality
from studio.quality.report import normalise

from .conftest import H, W, pan, textured_world


def test_vbench_flicker_formula_is_exact_on_a_synthetic_pair():
    a = np.zeros((8, 8, 3), np.uint8)
    b = np.full((8, 8, 3), 10, np.uint8)
    assert vm.temporal_flickering(np.stack([a, b])) == pytest.approx((255 - 10) / 255, abs=1e-12)
    rng = np.random.default_rng(1)
    frames = rng.integers(0, 256, (3, 6, 5, 3), dtype=np.uint8)
    maes = [np.abs(frames[i].astype(int) - frames[i + 1].astype(int)).mean() for i in range(2)]
    assert vm.temporal_flickering(frames) == pytest.approx((255 - np.mean(maes)) / 255, abs=1e-12)


def test_vbench_normalisation_uses_the_published_min_max():
    assert normalise("temporal_flickering", 0.6293) == 0.0
    assert normalise("temporal_flickering", 1.0) == 100.0
    assert normalise("motion_smoothness", (0.706 + 0.9975) / 2) == pytest.approx(50.0, abs=0.01)
    assert normalise("subject_consistency", 0.0) == 0.0  # below VBench's min clips to 0


def test_frames_round_trip_through_ffmpeg_at_reduced_size(tmp_path, world):
    path = write_video(tmp_path / "pan.mp4", pan(world, 0, 60, 30), fps=30)
    video = read_frames(path, max_side=128)
    assert video.count == 30
    assert (video.source_width, video.source_height) == (W, H)
    assert video.frames.shape[1:] == (128, 72, 3)
    assert video.fps == 30


def test_still_video_has_dynamic_degree_zero(tmp_path, world):
    still = np.stack([world[:H, :W]] * 30)
    report = score_video(write_video(tmp_path / "still.mp4", still))
    assert report.dimensions["dynamic_degree"].value == 0.0
    assert report.dimensions["temporal_flickering"].value > 95
    assert report.dimensions["subject_consistency"].value > 95


def test_flicker_between_two_frames_scores_far_lower_than_a_smooth_pan(tmp_path, world):
    other = textured_world(99, W, H, warm=False)
    flicker = np.stack([world[:H, :W] if i % 2 else other for i in range(30)])
    flick = score_video(write_video(tmp_path / "flicker.mp4", flicker))
    smooth = score_video(write_video(tmp_path / "pan.mp4", pan(world, 0, 90, 30)))
    assert smooth.dimensions["dynamic_degree"].value > 50  # 3 px a frame is motion for VBench's threshold
    assert smooth.dimensions["temporal_flickering"].value > flick.dimensions["temporal_flickering"].value + 40
    assert smooth.dimensions["motion_smoothness"].value > flick.dimensions["motion_smoothness"].value + 40
    assert flick.dimensions["temporal_flickering"].value < 50


def test_two_cuts_of_one_shot_are_more_consistent_than_unrelated_clips(tmp_path, world):
    shot = pan(world, 0, 300, 40)
    a = write_video(tmp_path / "a.mp4", shot[:20])
    b = write_video(tmp_path / "b.mp4", shot[20:])
    c = write_video(tmp_path / "c.mp4", pan(textured_world(123, W * 2, H, warm=False), 0, 100, 20))
    same = cross_clip_consistency([a, b])
    unrelated = cross_clip_consistency([a, c])
    assert same.value > unrelated.value + 15
    assert "palette" in same.note
    assert cross_clip_consistency([a]).value is None


def test_cross_clip_figure_from_an_ads_frames_matches_the_clips_decoded_apart(tmp_path):
    """Scoring an ad decodes it once and slices its clips out: same figure as decoding each clip."""
    shot = pan(textured_world(7, W * 2, H), 0, 120, 40)
    other = pan(textured_world(123, W * 2, H, warm=False), 0, 100, 20)
    paths = [write_video(tmp_path / "a.mp4", shot[:20]), write_video(tmp_path / "b.mp4", shot[20:])]
    paths.append(write_video(tmp_path / "c.mp4", other))
    ad = read_frames(write_video(tmp_path / "ad.mp4", np.concatenate([shot, other])))
    spans = [(0, 20), (20, 40), (40, 60)]
    joined = cross_clip_consistency_in(ad.frames, spans)
    apart = cross_clip_consistency(paths)
    assert joined.value == pytest.approx(apart.value, abs=1.5)
    # The slices matter: the same frames cut as two halves of one shot score as one look.
    assert cross_clip_consistency_in(ad.frames, [(0, 20), (20, 40)]).value > joined.value + 5
    assert cross_clip_consistency_in(ad.frames, [(0, 60)]).value is None


def test_blurred_copy_scores_lower_on_imaging_quality(tmp_path, world):
    sharp = world[:H, :W]
    blurred = cv2.GaussianBlur(sharp, (0, 0), 3)
    assert imaging_quality(blurred) < imaging_quality(sharp) - 15
    assert image_figures(blurred).laplacian_var < image_figures(sharp).laplacian_var / 5
    clip = pan(world, 0, 30, 15)
    soft = np.stack([cv2.GaussianBlur(f, (0, 0), 3) for f in clip])
    r_sharp = score_video(write_video(tmp_path / "sharp.mp4", clip))
    r_soft = score_video(write_video(tmp_path / "soft.mp4", soft))
    assert r_soft.dimensions["imaging_quality"].value < r_sharp.dimensions["imaging_quality"].value - 15


def test_exposure_and_noise_pull_imaging_quality_down(world):
    img = world[:H, :W]
    dark = (img // 12).astype(np.uint8)
    noisy = np.clip(img.astype(int) + np.random.default_rng(0).normal(0, 25, img.shape), 0, 255).astype(
        np.uint8
    )
    assert image_figures(dark).exposure < 0.5 < image_figures(img).exposure
    assert image_figures(noisy).noise_sigma > image_figures(img).noise_sigma + 3


def test_report_groups_only_available_figures(tmp_path, world):
    report = score_video(
        write_video(tmp_path / "pan.mp4", pan(world, 0, 40, 20)), prompt="a pan", clip_index=2
    )
    dims = report.dimensions
    assert report.clip_index == 2
    assert dims["aesthetic_quality"].value is None and dims["aesthetic_quality"].note.startswith(
        "unavailable"
    )
    assert dims["clip_score"].value is None
    assert not any(m.model_based for m in dims.values())
    assert report.visual_appeal == dims["imaging_quality"].value  # aesthetic unavailable: imaging alone
    motion = np.mean([dims[k].value for k in ("motion_smoothness", "temporal_flickering", "dynamic_degree")])
    assert report.motion == pytest.approx(motion, abs=0.01)
    # composition has no figure of its own without weights: unavailable, not a copy of visual appeal
    assert report.composition is None and report.group_notes["composition"].startswith("unavailable")
    assert report.overall_covers == ["coherence", "motion", "visual_appeal"]
    groups = [report.coherence, report.motion, report.visual_appeal]
    assert report.overall == pytest.approx(np.mean(groups), abs=0.02)
    assert 0 < report.scoring_seconds < 10
