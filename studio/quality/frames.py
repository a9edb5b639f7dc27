"""Read an MP4's frames as small RGB arrays by piping ffmpeg (the binary imageio-ffmpeg ships).

Scoring works on a reduced copy: every frame is decoded (H.264 cannot skip frames cheaply) but scaled by
ffmpeg to at most `max_side` pixels on the long side before it reaches Python (144x256 for a 720x1280
ad). The frames are streamed (`stream_frames`): each one is handed to a sink as it arrives, with the pair
it makes with the one before, and only what the sink keeps stays in memory. Scoring keeps the few frames
its metrics sample (`quality/stream.py`), so its memory does not grow with the video's length;
`read_frames` keeps them all, in one array (tests, short clips).

A long video can be decoded in `parts` at once, each an ffmpeg of its own over a span of time: the scale
filter runs on one thread per ffmpeg, and it, not the decoder, held a 30 s 720x1280 ad at ~3 s. Each part
seeks to a keyframe before its span and keeps the frames whose time falls in it, so the parts meet
without a gap or a repeat; the pair that straddles two parts is handed over when both have finished.
"""

from __future__ import annotations

import itertools
import logging
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

import numpy as np

from studio.errors import BadInput, RenderError
from studio.render.ffmpeg import ffmpeg_exe
from studio.render.ffmpeg import probe as media_info

log = logging.getLogger(__name__)

STILL_MAX_SIDE = 640
"""Long side of the few larger frames decoded beside the small ones (OCR, product and logo matching)."""
DEFAULT_MAX_SIDE = 256
"""Long side of the decoded frames. VBench's flow threshold scales with min(H, W), so dynamic degree is
comparable across sizes; flicker and consistency are averages that change little with scale."""
MIN_PART_S = 4.0
"""A part shorter than this is not worth its own ffmpeg (each one starts up and seeks)."""


@dataclass(frozen=True)
class VideoFrames:
    """Decoded frames (N, H, W, 3) uint8 RGB at reduced size, with the source's figures."""

    frames: np.ndarray
    fps: float
    source_width: int
    source_height: int
    duration_s: float
    stills: dict[float, np.ndarray] = field(default_factory=dict)
    """Larger frames (RGB, long side STILL_MAX_SIDE) at the times asked for, by that time in seconds."""

    @property
    def count(self) -> int:
        return int(self.frames.shape[0])


class FrameSink(Protocol):
    """What a decode hands its frames to. The arrays are the decoder's own buffers, reused for the frames
    after: a sink copies what it keeps. Parts call from their own threads, each in frame order."""

    def frame(self, index: int, frame: np.ndarray) -> None: ...

    def pair(self, index: int, earlier: np.ndarray, later: np.ndarray) -> None:
        """Frames index and index + 1."""
        ...


@dataclass(frozen=True)
class VideoInfo:
    """A video's figures from its header, and the size it is decoded at."""

    path: Path
    width: int
    height: int
    fps: float
    duration_s: float
    size: tuple[int, int]
    """(width, height) of the decoded frames."""

    @property
    def expected_frames(self) -> int:
        """The frame count its header promises (the decode may bring another: `Decoded.count` says)."""
        return max(1, round(self.duration_s * self.fps))


@dataclass(frozen=True)
class Decoded:
    count: int
    stills: dict[float, np.ndarray]


def probe(path: Path) -> tuple[int, int, float, float]:
    """Width, height, fps and duration of the first video stream (a file to score is the person's input,
    so what ffmpeg cannot read is a BadInput here)."""
    try:
        info = media_info(path)
    except RenderError:
        raise BadInput(f"{path} has no video stream ffmpeg can read: is it an MP4 video?") from None
    return info.width, info.height, info.fps or 30.0, info.duration_s


def video_info(path: Path, max_side: int = DEFAULT_MAX_SIDE) -> VideoInfo:
    """The figures of the video at `path` (BadInput when there is none) and its decode size."""
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"No video at {path}")
    width, height, fps, duration = probe(path)
    return VideoInfo(path, width, height, fps, duration, scaled_size(width, height, max_side))


def scaled_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The decode size: the long side at most max_side, both sides even, aspect kept."""
    scale = min(1.0, max_side / max(width, height))
    w = max(2, round(width * scale / 2) * 2)
    h = max(2, round(height * scale / 2) * 2)
    return w, h


def stream_frames(
    info: VideoInfo,
    make_sink: Callable[[int], FrameSink],
    *,
    stills_at: Sequence[float] = (),
    still_side: int = STILL_MAX_SIDE,
    parts: int = 1,
    any_count: bool = False,
) -> tuple[FrameSink, Decoded]:
    """Decode every frame of the video into a sink made for its frame count; the sink and what came.

    `make_sink(n)` builds a sink for n frames. It is called with the header's count; when the decode
    brings another (a variable frame rate, a header that rounds) the video is decoded again into a sink
    made for the real count, unless `any_count` says the sink takes any. `stills_at` (seconds) asks for a
    few larger frames from the same decode (ffmpeg splits the stream: reading text or matching a logo on
    them costs no second pass). `parts` > 1 decodes that many spans at once (see the module notes).
    """
    fps, duration = info.fps, info.duration_s
    wanted = sorted({max(0, int(t * fps)) for t in stills_at})
    still_size = scaled_size(info.width, info.height, still_side)
    parts = min(parts, int(duration // MIN_PART_S)) if duration else 1
    n = info.expected_frames
    if parts > 1:
        sink = make_sink(n)
        by_index = _stream_parts(info, sink, still_size, wanted, parts)
        if by_index is not None:
            log.debug("decoded %d frames of %dx%d in %d parts from %s", n, *info.size, parts, info.path)
            return sink, Decoded(n, _stills(stills_at, fps, by_index))
        log.info("decoding %s in parts did not add up (a variable frame rate?): decoding it whole", info.path)
    sink = make_sink(n)
    count, by_index = _stream_whole(info, sink, still_size, wanted)
    if count != n and not any_count:
        log.info("%s brought %d frames where its header said %d: decoding it again", info.path, count, n)
        sink = make_sink(count)
        count, by_index = _stream_whole(info, sink, still_size, wanted)
    log.debug("decoded %d frames of %dx%d and %d stills from %s", count, *info.size, len(by_index), info.path)
    return sink, Decoded(count, _stills(stills_at, fps, by_index))


def _stills(
    stills_at: Sequence[float], fps: float, by_index: dict[int, np.ndarray]
) -> dict[float, np.ndarray]:
    return {t: by_index[i] for t in stills_at if (i := max(0, int(t * fps))) in by_index}


class _AllFrames:
    """A sink that keeps every frame, in one array sized from the header (grown when it says too few)."""

    def __init__(self, n: int, size: tuple[int, int]) -> None:
        w, h = size
        self.frames = np.empty((max(1, n), h, w, 3), np.uint8)
        self.count = 0
        self._lock = threading.Lock()

    def frame(self, index: int, frame: np.ndarray) -> None:
        with self._lock:
            if index >= len(self.frames):  # more frames than the header said: grow by a quarter
                more = max(index + 1 - len(self.frames), len(self.frames) // 4 + 1)
                grown = np.empty((more, *self.frames.shape[1:]), np.uint8)
                self.frames = np.concatenate([self.frames, grown])
            self.frames[index] = frame
            self.count = max(self.count, index + 1)

    def pair(self, index: int, earlier: np.ndarray, later: np.ndarray) -> None:
        pass


def read_frames(
    path: Path,
    *,
    max_side: int = DEFAULT_MAX_SIDE,
    stills_at: Sequence[float] = (),
    still_side: int = STILL_MAX_SIDE,
    parts: int = 1,
) -> VideoFrames:
    """Decode every frame of a video at reduced size (area scaling) into one uint8 array.

    The whole video in memory: scoring streams instead (`quality/stream.py`). `stills_at` and `parts` as
    in `stream_frames`; the frames are the same however many parts.
    """
    info = video_info(path, max_side)
    sink, decoded = stream_frames(
        info, lambda n: _AllFrames(n, info.size), stills_at=stills_at, still_side=still_side, parts=parts,
        any_count=True,
    )  # fmt: skip
    assert isinstance(sink, _AllFrames)
    if decoded.count == 0:
        raise BadInput(f"{info.path} has no frames")
    duration = info.duration_s or decoded.count / info.fps
    frames = sink.frames[: decoded.count]
    return VideoFrames(frames, info.fps, info.width, info.height, duration, decoded.stills)


def _whole_command(
    info: VideoInfo, still_size: tuple[int, int], wanted: list[int], still_file: Path
) -> list[str]:
    """The ffmpeg that decodes every frame (and the stills at frame numbers `wanted` into still_file)."""
    (w, h), (sw, sh) = info.size, still_size
    if wanted:
        pick = "+".join(f"eq(n\\,{i})" for i in wanted)
        graph = (
            f"[0:v]split=2[a][b];[a]scale={w}:{h}:flags=area[small];"
            f"[b]select='{pick}',scale={sw}:{sh}:flags=area[big]"
        )
        outputs = [
            "-filter_complex", graph, "-map", "[small]", "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
            "-map", "[big]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24",
            str(still_file),
        ]  # fmt: skip
    else:
        outputs = ["-vf", f"scale={w}:{h}:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    return [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(info.path), "-an", *outputs]


def _stream_whole(
    info: VideoInfo, sink: FrameSink, still_size: tuple[int, int], wanted: list[int]
) -> tuple[int, dict[int, np.ndarray]]:
    """One ffmpeg over the whole video, in this thread: the frame count and the stills by frame number."""
    with tempfile.TemporaryDirectory(prefix="stills-") as tmp:
        still_file = Path(tmp) / "stills.rgb"
        reader = _PartReader(_whole_command(info, still_size, wanted, still_file), info, sink, 0, None)
        reader.run()
        if reader.error is not None:
            raise reader.error
        return reader.count, _read_stills(still_file, still_size, wanted)


def _read_stills(still_file: Path, still_size: tuple[int, int], wanted: list[int]) -> dict[int, np.ndarray]:
    sw, sh = still_size
    big = still_file.read_bytes() if wanted and still_file.exists() else b""
    got = len(big) // (sw * sh * 3)
    decoded = np.frombuffer(big, np.uint8, count=got * sw * sh * 3).reshape(got, sh, sw, 3)
    return dict(zip(wanted, decoded, strict=False))


def _stream_parts(
    info: VideoInfo, sink: FrameSink, still_size: tuple[int, int], wanted: list[int], parts: int
) -> dict[int, np.ndarray] | None:
    """Stream `parts` ffmpegs at once into the sink; the stills by frame number, or None when the parts do
    not add up (the sink then holds a partial decode and is thrown away).

    Part j hands over the frames with time in [T_j, T_j+1), T_j = (k_j - 0.5) / fps for the part's first
    frame k_j, as frames k_j..; timestamps stay the file's own (-copyts), so a frame is in exactly one part.
    A part that brings more or fewer frames than its span (a variable frame rate) makes the answer None.
    """
    total = info.expected_frames
    firsts = [round(total * j / parts) for j in range(parts)] + [total]
    with tempfile.TemporaryDirectory(prefix="stills-") as tmp:
        jobs = []
        for j in range(parts):
            lo, hi = firsts[j], firsts[j + 1]
            mine = [i for i in wanted if lo <= i < hi or (j == parts - 1 and i >= hi)]
            still_file = Path(tmp) / f"stills_{j}.rgb"
            cmd = _part_command(info, still_size, lo, hi if j < parts - 1 else None, mine, still_file)
            jobs.append((_PartReader(cmd, info, sink, lo, hi - lo), still_file, mine))
        for job, _f, _w in jobs:
            job.start()
        for job, _f, _w in jobs:
            job.join()
        for job, _f, _w in jobs:
            if job.error is not None:
                raise job.error
        if any(not job.exact for job, _f, _w in jobs):
            return None
        for (before, _f, _w), (after, _g, _v) in itertools.pairwise(jobs):
            assert before.last is not None and after.first is not None
            sink.pair(after.start_at - 1, before.last, after.first)
        stills: dict[int, np.ndarray] = {}
        for _job, still_file, mine in jobs:
            stills.update(_read_stills(still_file, still_size, mine))
    return stills


def _part_command(
    info: VideoInfo,
    still_size: tuple[int, int],
    first: int,
    end: int | None,
    wanted: list[int],
    still_file: Path,
) -> list[str]:
    """The ffmpeg that decodes frames [first, end) of the video (to the end when `end` is None)."""
    (w, h), (sw, sh), fps = info.size, still_size, info.fps

    def at(i: int) -> str:  # halfway between frame i-1 and frame i: safe from rounding on either side
        return f"{max(0.0, (i - 0.5) / fps):.6f}"

    keep = f"gte(t\\,{at(first)})" + (f"*lt(t\\,{at(end)})" if end is not None else "")
    # A part that starts at the top stops reading its input after its span (-t on the input); one that
    # seeks stops on its output's absolute time (-to after the input: with -copyts an input -t or -to
    # counts from the seek and cut the part to two frames).
    seek = ["-noaccurate_seek", "-ss", at(first)] if first > 0 else []
    stop_in = ["-t", f"{(end + 1) / fps:.6f}"] if end is not None and first == 0 else []
    stop_out = ["-to", f"{(end + 1) / fps:.6f}"] if end is not None and first > 0 else []
    head = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-copyts", *seek, *stop_in]
    head += ["-i", str(info.path), "-an", *stop_out]
    if not wanted:
        graph = f"select='{keep}',scale={w}:{h}:flags=area"
        return [*head, "-vf", graph, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    pick = "+".join(f"gte(t\\,{at(i)})*lt(t\\,{at(i + 1)})" for i in wanted)
    graph = (
        f"[0:v]select='{keep}',split=2[a][b];[a]scale={w}:{h}:flags=area[small];"
        f"[b]select='{pick}',scale={sw}:{sh}:flags=area[big]"
    )
    return [
        *head, "-filter_complex", graph,
        "-map", "[small]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
        "-map", "[big]", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", str(still_file),
    ]  # fmt: skip


def _read_frame(stream: IO[bytes], view: memoryview) -> bool:
    """Fill `view` from the stream (readinto releases the GIL); False at the end (a partial frame too)."""
    filled = 0
    while filled < len(view):
        got = stream.readinto(view[filled:])  # type: ignore[attr-defined]
        if not got:
            return False
        filled += got
    return True


class _PartReader(threading.Thread):
    """Runs one ffmpeg and hands its frames to the sink as frames start, start + 1, ... (at most `span`
    of them when given; more is a part that does not add up). Two buffers, used in turn: the frame and
    the one before it, for the pair they make. Keeps copies of its first and last frames for the pairs
    that straddle parts."""

    def __init__(
        self, cmd: list[str], info: VideoInfo, sink: FrameSink, start: int, span: int | None
    ) -> None:
        super().__init__(daemon=True)
        self.cmd, self.info, self.sink, self.start_at, self.span = cmd, info, sink, start, span
        self.count = 0
        self.exact = False
        self.first: np.ndarray | None = None
        self.last: np.ndarray | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.exact = self._read()
        except Exception as exc:  # handed to the caller's thread
            self.error = exc

    def _read(self) -> bool:
        w, h = self.info.size
        buffers = [np.empty((h, w, 3), np.uint8) for _ in range(2)]
        views = [memoryview(b.reshape(-1)) for b in buffers]
        previous: np.ndarray | None = None
        overflow = False
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=err)
            assert proc.stdout is not None
            try:
                while True:
                    k = self.count % 2
                    if not _read_frame(proc.stdout, views[k]):
                        break
                    if self.span is not None and self.count >= self.span:
                        overflow = True
                        break
                    frame, index = buffers[k], self.start_at + self.count
                    if previous is None:
                        self.first = frame.copy()
                    else:
                        self.sink.pair(index - 1, previous, frame)
                    self.sink.frame(index, frame)
                    previous = frame
                    self.count += 1
            except BaseException:  # never leave the decoder running behind an error
                proc.kill()
                proc.wait()
                raise
            finally:
                if overflow:
                    proc.kill()
                proc.stdout.close()
            code = proc.wait()
            if code != 0 and not overflow:
                err.seek(0)
                message = err.read().decode(errors="replace")[-300:]
                raise BadInput(f"ffmpeg could not decode {self.info.path}: {message}")
        self.last = previous.copy() if previous is not None else None
        return not overflow and (self.span is None or self.count == self.span)


def write_video(path: Path, frames: np.ndarray, fps: float = 30.0, *, crf: int = 18) -> Path:
    """Encode (N, H, W, 3) uint8 RGB frames to an H.264 MP4 (tests, benches, fixtures)."""
    _n, h, w, _ = frames.shape
    cmd = [
        ffmpeg_exe(), "-y", "-hide_banner", "-loglevel", "error",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", str(fps), "-i", "-",
        "-c:v", "libx264", "-preset", "veryfast", "-crf", str(crf), "-pix_fmt", "yuv420p", str(path),
    ]  # fmt: skip
    proc = subprocess.run(cmd, input=np.ascontiguousarray(frames).tobytes(), capture_output=True, check=False)
    if proc.returncode != 0:
        raise RenderError(f"ffmpeg could not write {path}: {proc.stderr.decode(errors='replace')[-300:]}")
    return Path(path)
