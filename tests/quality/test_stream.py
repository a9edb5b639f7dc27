"""Scoring streams the decode: the figures are the batch ones, and the frames held do not grow with length."""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from studio.quality import report, score_decoded, score_video, stream
from studio.quality import video as vm
from studio.quality.crossclip import cross_clip_consistency_in, cross_clip_consistency_of
from studio.quality.crossclip import frames_needed as crossclip_needed
from studio.quality.frames import read_frames, write_video
from studio.quality.report import IMAGING_FRAMES, frames_needed
from studio.quality.stream import MAX_PENDING, SpanWanted, score_streamed

from .conftest import H, W, pan, textured_world

TIGHT = 1e-9


def _same_figures(streamed, batch) -> None:  # type: ignore[no-untyped-def]
    assert streamed.dimensions.keys() == batch.dimensions.keys()
    for name, metric in batch.dimensions.items():
        got = streamed.dimensions[name]
        if metric.raw is None:
            assert got.raw is None, name
        else:
            assert got.raw == pytest.approx(metric.raw, abs=TIGHT), name
            assert got.value == metric.value, name
    assert streamed.overall == batch.overall


def _videos(tmp_path):  # type: ignore[no-untyped-def]
    world = textured_world(7, W * 8, H)
    other = textured_world(99, W * 4, H, warm=False)
    return {
        "pan": pan(world, 0, 600, 150),
        "cut": np.concatenate([pan(world, 0, 200, 70), pan(other, 0, 300, 80)]),
        "flicker": np.stack([world[:H, :W] if i % 2 else other[:H, :W] for i in range(45)]),
        "still": np.stack([world[:H, :W]] * 20),
    }


def test_streamed_scores_equal_the_batch_scores_of_the_whole_decode(tmp_path):
    for name, frames in _videos(tmp_path).items():
        path = write_video(tmp_path / f"{name}.mp4", frames)
        batch = score_decoded(read_frames(path), prompt="a pan", clip_index=1)
        streamed = score_video(path, prompt="a pan", clip_index=1)
        _same_figures(streamed, batch)


def test_an_ad_streamed_in_two_parts_scores_each_slice_as_the_batch_did(tmp_path):
    """The ad path: two ffmpegs at once, the ad and its clips as spans scored on an executor while the
    decode goes on, a clip straddling the parts' meeting point; same figures as slicing the whole decode."""
    world = textured_world(7, W * 10, H)
    other = textured_world(123, W * 6, H, warm=False)
    frames = np.concatenate([pan(world, 0, 900, 170), pan(other, 0, 500, 130)])  # 10 s: two parts
    path = write_video(tmp_path / "ad.mp4", frames)
    cuts = [(0, 100), (100, 170), (170, 300)]  # the middle clip spans frame 150, where the parts meet
    spans = {"ad": SpanWanted(0, None, prompt="an ad")}
    spans |= {k: SpanWanted(a, b, clip_index=k, descriptors=True) for k, (a, b) in enumerate(cuts)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        streamed = score_streamed(path, spans, parts=2, executor=pool, stills_at=[1.0, 7.5])
        results = {k: f.result() for k, f in streamed.scores.items()}
    whole = read_frames(path, stills_at=[1.0, 7.5])
    assert streamed.count == whole.count == 300
    _same_figures(results["ad"].report_or_raise(), score_decoded(whole, prompt="an ad"))
    for k, (a, b) in enumerate(cuts):
        piece = whole.frames[a:b]
        batch = score_decoded(type(whole)(piece, whole.fps, W, H, 0.0), clip_index=k)
        _same_figures(results[k].report_or_raise(), batch)
    described = cross_clip_consistency_of([results[k].descriptors for k in range(3)])
    assert described.raw == pytest.approx(cross_clip_consistency_in(whole.frames, cuts).raw, abs=TIGHT)
    assert sorted(streamed.stills) == [1.0, 7.5]
    for t, still in whole.stills.items():
        assert np.array_equal(streamed.stills[t], still)


def _long_pan(tmp_path, seconds: int):  # type: ignore[no-untyped-def]
    world = textured_world(5, W * 12, H)
    n = seconds * 30
    xs = (np.abs(((np.arange(n) * 4) % (2 * W * 10)) - W * 10)).astype(int)  # back and forth
    return write_video(tmp_path / f"long_{seconds}.mp4", np.stack([world[:H, x : x + W] for x in xs]))


def test_frames_held_while_scoring_do_not_grow_with_the_videos_length(tmp_path):
    """Counted through a finalizer on every frame the collector copies: the peak alive at once is bounded
    by what the spans sample, and that bound is the same for a 48 s video as for a 120 s or a 20-minute one.
    """
    fps, clip = 30.0, 90  # a clip every 3 s, as an ad's scenes

    def spans(n: int, fps: float) -> dict:  # type: ignore[type-arg]
        out = {"ad": SpanWanted(0, None)}
        out |= {a: SpanWanted(a, min(n, a + clip), descriptors=True) for a in range(0, n, clip)}
        return out

    path = _long_pan(tmp_path, 48)
    with ThreadPoolExecutor(max_workers=2) as pool:
        streamed = score_streamed(path, spans, parts=2, executor=pool)
        for f in streamed.scores.values():
            f.result().report_or_raise()
    assert streamed.count == 1440

    # the whole ad's samples are capped by the metrics' own caps, however long the video
    cap = vm.MAX_CONSISTENCY_FRAMES + 3 * vm.MAX_TRIPLETS + 2 * vm.MAX_FLOW_PAIRS + IMAGING_FRAMES
    assert all(len(frames_needed(n, fps)) <= cap for n in (1440, 3600, 36000))
    per_clip = len(frames_needed(clip, fps) | crossclip_needed(clip))
    # the ad's samples, and per part a clip collecting, one scored or waiting for a slot, MAX_PENDING scored
    bound = cap + (2 + 2 + MAX_PENDING) * per_clip
    assert streamed.peak_frames_held <= bound < streamed.count / 3


def _imports(module) -> set[str]:  # type: ignore[no-untyped-def]
    """Every studio module a module's source imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(Path(module.__file__).read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def test_the_arrow_between_report_and_stream_runs_one_way():
    # stream decodes a file into the report's figures; the report knows no file and no stream
    assert "studio.quality.report" in _imports(stream)
    assert "studio.quality.stream" not in _imports(report)
