"""Score a video while it is decoded, keeping only the frames its metrics sample: memory flat in its length.

A scored video is cut into spans (the whole ad, and each clip as its slice of the ad). Before the decode,
each span's metrics name the frames they read (`report.frames_needed`, `crossclip.frames_needed`: at most
a few dozen whatever the length); the decode (`frames.stream_frames`, two ffmpegs at once for an ad)
hands every frame over, and the collector copies only the named ones and records each consecutive pair's
mean difference (temporal flickering reads every pair). The moment a span has all it reads, it is scored,
on the caller's executor while the decode goes on, and its frames are let go. The figures are the batch
ones (`report.score_frames` runs on the kept frames): only where the frames live changed.

A slow scorer holds the decode back (at most `max_pending` spans wait to be scored), so the frames kept
for spans not yet scored cannot pile up either.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Hashable, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from studio.errors import BadInput
from studio.models import QualityReport
from studio.quality import crossclip
from studio.quality import video as vm
from studio.quality.frames import DEFAULT_MAX_SIDE, FrameSink, VideoInfo, stream_frames, video_info
from studio.quality.learned import LearnedMetrics
from studio.quality.report import frames_needed, score_sampled

log = logging.getLogger(__name__)

MAX_PENDING = 2
"""Spans scored or waiting to be, at most, before the decode waits for one to finish."""


@dataclass(frozen=True)
class SpanWanted:
    """A span of the video to score on its own: frames [start, end) (end None: to the video's end)."""

    start: int
    end: int | None
    prompt: str | None = None
    clip_index: int | None = None
    report: bool = True
    """Score its VBench dimensions (a QualityReport)."""
    descriptors: bool = False
    """Describe its palette and structure for the cross-clip figure."""


@dataclass(frozen=True)
class SpanScores:
    report: QualityReport | None
    descriptors: tuple[np.ndarray, np.ndarray] | None
    error: Exception | None = None
    """Why the report is missing: a clip whose report failed still has its descriptors."""

    def report_or_raise(self) -> QualityReport:
        if self.error is not None:
            raise self.error
        assert self.report is not None, "this span was not asked for a report"
        return self.report


@dataclass(frozen=True)
class Streamed:
    """What a streamed scoring found: the video's figures, its stills, each span's scores (futures)."""

    fps: float
    count: int
    width: int
    height: int
    duration_s: float
    stills: dict[float, np.ndarray]
    scores: dict[Hashable, Future[SpanScores]]
    peak_frames_held: int
    """Most decoded frames the collector held at once (its copies; the decoder's own two buffers a part
    aside): flat in the video's length."""


SpansFor = Callable[[int, float], Mapping[Hashable, SpanWanted]]


def score_streamed(
    path: Path,
    spans: Mapping[Hashable, SpanWanted] | SpansFor,
    *,
    stills_at: Sequence[float] = (),
    parts: int = 1,
    learned: LearnedMetrics | None = None,
    executor: Executor | None = None,
    max_pending: int = MAX_PENDING,
    max_side: int = DEFAULT_MAX_SIDE,
) -> Streamed:
    """Decode the video once and score each span as its frames come (see the module notes).

    `spans` may be a function of the frame count and fps (an ad's clips are placed in its frames). With
    an `executor`, spans are scored on it while the decode goes on; without, in the decoding thread.
    A span's scoring error is in its future."""
    info = video_info(path, max_side)
    slots = threading.BoundedSemaphore(max(1, max_pending))

    def make_sink(n: int) -> _Collector:
        wanted = spans(n, info.fps) if callable(spans) else spans
        return _Collector(n, info, dict(wanted), learned, executor, slots)

    sink, decoded = stream_frames(info, make_sink, stills_at=stills_at, parts=parts)
    assert isinstance(sink, _Collector)
    if decoded.count == 0:
        raise BadInput(f"{info.path} has no frames")
    sink.finish()
    duration = info.duration_s or decoded.count / info.fps
    return Streamed(
        info.fps, decoded.count, info.width, info.height, duration, decoded.stills, sink.results, sink.peak
    )


def score_video(
    path: Path,
    prompt: str | None = None,
    *,
    clip_index: int | None = None,
    learned: LearnedMetrics | None = None,
) -> QualityReport:
    """Score one MP4 on VBench's pixel dimensions (and learned ones when given), grouped to 0-100.

    The video is streamed: only the frames the metrics sample are kept, whatever its length."""
    start = time.perf_counter()
    wanted = SpanWanted(0, None, prompt=prompt, clip_index=clip_index)
    streamed = score_streamed(Path(path), {"video": wanted}, learned=learned)
    report = streamed.scores["video"].result().report_or_raise()
    report.scoring_seconds = round(time.perf_counter() - start, 3)
    log.info("scored %s in %.2f s: overall %s", path, report.scoring_seconds, report.overall)
    return report


@dataclass
class _Span:
    key: Hashable
    wanted: SpanWanted
    start: int
    end: int
    frames_left: int
    pairs_left: int
    kept: dict[int, np.ndarray] = field(default_factory=dict)
    done: bool = False

    @property
    def ready(self) -> bool:
        return not self.done and self.frames_left == 0 and self.pairs_left == 0


class _Collector(FrameSink):
    """A FrameSink for n frames that keeps what each span reads and scores each span once it is whole."""

    def __init__(
        self,
        n: int,
        info: VideoInfo,
        wanted: dict[Hashable, SpanWanted],
        learned: LearnedMetrics | None,
        executor: Executor | None,
        slots: threading.BoundedSemaphore,
    ) -> None:
        self.n, self.fps, self.learned = n, info.fps, learned
        self.size = (info.size[1], info.size[0])
        self.executor, self.slots = executor, slots
        self.pair_mae = np.zeros(max(0, n - 1))
        self.results: dict[Hashable, Future[SpanScores]] = {}
        self.peak = 0
        self._alive = 0
        self._lock = threading.RLock()  # a frame's finalizer may run in a thread that holds it
        self._spans: list[_Span] = []
        self._readers: dict[int, list[_Span]] = {}
        for key, w in wanted.items():
            start = min(max(0, w.start), n)
            end = max(start, min(n if w.end is None else w.end, n))
            needed = self._needed(end - start, w)
            span = _Span(key, w, start, end, len(needed), max(0, end - start - 1))
            self._spans.append(span)
            for i in needed:
                self._readers.setdefault(start + i, []).append(span)

    def _needed(self, count: int, w: SpanWanted) -> set[int]:
        needed: set[int] = set()
        if w.report:
            needed |= frames_needed(count, self.fps, learned=self.learned is not None)
        if w.descriptors:
            needed |= crossclip.frames_needed(count)
        return needed

    def frame(self, index: int, frame: np.ndarray) -> None:
        readers = self._readers.get(index)
        if not readers:
            return
        copy = frame.copy()
        weakref.finalize(copy, self._let_go)  # counts it out when the last span reading it is scored
        with self._lock:
            self._alive += 1
            self.peak = max(self.peak, self._alive)
            for span in readers:
                span.kept[index - span.start] = copy
                span.frames_left -= 1
            ready = self._take_ready(readers)
        for span in ready:
            self._score(span)

    def _let_go(self) -> None:
        with self._lock:
            self._alive -= 1

    def pair(self, index: int, earlier: np.ndarray, later: np.ndarray) -> None:
        if index >= self.n - 1:  # a decode that brings more than its header said: it is done again
            return
        mae = vm.pair_mae(earlier, later)
        with self._lock:
            self.pair_mae[index] = mae
            inside = [s for s in self._spans if s.start <= index < s.end - 1]
            for span in inside:
                span.pairs_left -= 1
            ready = self._take_ready(inside)
        for span in ready:
            self._score(span)

    def _take_ready(self, spans: list[_Span]) -> list[_Span]:
        ready = [s for s in spans if s.ready]
        for s in ready:
            s.done = True
        return ready

    def finish(self) -> None:
        """Score the spans that needed nothing more (an empty one); every span must be scored by now."""
        with self._lock:
            ready = self._take_ready(self._spans)
            missing = [s.key for s in self._spans if not s.done]
        for span in ready:
            self._score(span)
        if missing:
            raise RuntimeError(f"spans {missing} did not get every frame they read: the decode fell short")

    def _score(self, span: _Span) -> None:
        pairs = self.pair_mae[span.start : max(span.start, span.end - 1)]
        sampled = vm.SampledFrames(span.end - span.start, self.size, span.kept, pairs)
        span.kept = {}
        if self.executor is None:
            future: Future[SpanScores] = Future()
            try:
                future.set_result(_score_span(span.wanted, sampled, self.fps, self.learned))
            except Exception as exc:
                future.set_exception(exc)
        else:
            self.slots.acquire()  # a slow scorer holds the decode back here
            future = self.executor.submit(_score_span, span.wanted, sampled, self.fps, self.learned)
            future.add_done_callback(lambda _f: self.slots.release())
        self.results[span.key] = future


def _score_span(
    wanted: SpanWanted, frames: vm.SampledFrames, fps: float, learned: LearnedMetrics | None
) -> SpanScores:
    described = crossclip.descriptors(frames) if wanted.descriptors and len(frames) else None
    if not wanted.report:
        return SpanScores(None, described)
    try:
        report = score_sampled(frames, fps, wanted.prompt, clip_index=wanted.clip_index, learned=learned)
    except Exception as exc:  # the span's own report fails alone: its descriptors still count
        return SpanScores(None, described, exc)
    return SpanScores(report, described)
