"""Read an MP4's frames as small RGB arrays by piping ffmpeg (the binary imageio-ffmpeg ships).

Scoring works on a reduced copy: every frame is decoded (H.264 cannot skip frames cheaply) but scaled by
ffmpeg to at most `max_side` pixels on the long side before it reaches Python, so a 6 s 720x1280 clip is
180 frames of 144x256 (~20 MB) instead of 500 MB. Each metric then samples the frames it needs.

A long video can be decoded in `parts` at once, each an ffmpeg of its own over a span of time: the scale
filter runs on one thread per ffmpeg, and it, not the decoder, held a 30 s 720x1280 ad at ~3 s. Each part
seeks to a keyframe before its span and keeps the frames whose time falls in it, so the parts meet
without a gap or a repeat; they are read straight into their places in one array.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

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


def probe(path: Path) -> tuple[int, int, float, float]:
    """Width, height, fps and duration of the first video stream (a file to score is the person's input,
    so what ffmpeg cannot read is a BadInput here)."""
    try:
        info = media_info(path)
    except RenderError:
        raise BadInput(f"{path} has no video stream ffmpeg can read: is it an MP4 video?") from None
    return info.width, info.height, info.fps or 30.0, info.duration_s


def scaled_size(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The decode size: the long side at most max_side, both sides even, aspect kept."""
    scale = min(1.0, max_side / max(width, height))
    w = max(2, round(width * scale / 2) * 2)
    h = max(2, round(height * scale / 2) * 2)
    return w, h


def read_frames(
    path: Path,
    *,
    max_side: int = DEFAULT_MAX_SIDE,
    stills_at: Sequence[float] = (),
    still_side: int = STILL_MAX_SIDE,
    parts: int = 1,
) -> VideoFrames:
    """Decode every frame of a video at reduced size (area scaling) into one uint8 array.

    `stills_at` (seconds) asks for a few larger frames from the same decode: ffmpeg splits the stream,
    so reading text or matching a logo on them costs no second pass over the video. `parts` > 1 decodes
    that many spans of the video at once (see the module notes); the frames are the same.
    """
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"No video at {path}")
    width, height, fps, duration = probe(path)
    w, h = scaled_size(width, height, max_side)
    wanted = sorted({max(0, int(t * fps)) for t in stills_at})
    parts = min(parts, int(duration // MIN_PART_S)) if duration else 1
    if parts > 1:
        decoded = _read_in_parts(
            path, (w, h), scaled_size(width, height, still_side), fps, duration, wanted, parts
        )
        if decoded is not None:
            frames, by_index = decoded
            log.debug("decoded %d frames of %dx%d in %d parts from %s", len(frames), w, h, parts, path)
            return _video(frames, fps, width, height, duration, stills_at, by_index)
        log.info("decoding %s in parts did not add up (a variable frame rate?): decoding it whole", path)
    with tempfile.TemporaryDirectory(prefix="stills-") as tmp:
        still_file = Path(tmp) / "stills.rgb"
        sw, sh = scaled_size(width, height, still_side)
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
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-i", str(path), "-an", *outputs]
        frames = _decode_into_array(cmd, path, (h, w), expected=round(duration * fps) + 2)
        big = still_file.read_bytes() if wanted and still_file.exists() else b""
    got = len(big) // (sw * sh * 3) if wanted else 0
    decoded = np.frombuffer(big, np.uint8, count=got * sw * sh * 3).reshape(got, sh, sw, 3)
    log.debug("decoded %d frames of %dx%d and %d stills from %s", len(frames), w, h, got, path)
    return _video(frames, fps, width, height, duration, stills_at, dict(zip(wanted, decoded, strict=False)))


def _video(
    frames: np.ndarray,
    fps: float,
    width: int,
    height: int,
    duration: float,
    stills_at: Sequence[float],
    by_index: dict[int, np.ndarray],
) -> VideoFrames:
    stills = {t: by_index[i] for t in stills_at if (i := max(0, int(t * fps))) in by_index}
    return VideoFrames(frames, fps, width, height, duration or len(frames) / fps, stills)


MIN_PART_S = 4.0
"""A part shorter than this is not worth its own ffmpeg (each one starts up and seeks)."""


def _read_in_parts(
    path: Path,
    size: tuple[int, int],
    still_size: tuple[int, int],
    fps: float,
    duration: float,
    wanted: list[int],
    parts: int,
) -> tuple[np.ndarray, dict[int, np.ndarray]] | None:
    """The frames and the stills of `path` from `parts` ffmpegs at once, or None when they do not add up.

    Part j keeps the frames with time in [T_j, T_j+1), T_j = (k_j - 0.5) / fps for the part's first frame
    k_j, and reads them into rows k_j.. of one array; timestamps stay the file's own (-copyts), so a frame
    is in exactly one part. A part that brings more or fewer frames than its rows (a variable frame rate)
    makes the whole answer None, and the caller decodes the video in one piece.
    """
    (w, h), (sw, sh) = size, still_size
    total = round(duration * fps)
    firsts = [round(total * j / parts) for j in range(parts)] + [total]
    buffer = np.empty((total, h, w, 3), np.uint8)
    with tempfile.TemporaryDirectory(prefix="stills-") as tmp:
        jobs = []
        for j in range(parts):
            lo, hi = firsts[j], firsts[j + 1]
            mine = [i for i in wanted if lo <= i < hi or (j == parts - 1 and i >= hi)]
            still_file = Path(tmp) / f"stills_{j}.rgb"
            cmd = _part_command(
                path, (w, h), (sw, sh), fps, lo, hi if j < parts - 1 else None, mine, still_file
            )
            jobs.append(_PartReader(cmd, path, buffer[lo:hi], still_file, mine))
        for job in jobs:
            job.start()
        for job in jobs:
            job.join()
        for job in jobs:
            if job.error is not None:
                raise job.error
        if any(not job.exact for job in jobs):
            return None
        stills: dict[int, np.ndarray] = {}
        for job in jobs:
            big = job.still_file.read_bytes() if job.wanted and job.still_file.exists() else b""
            got = len(big) // (sw * sh * 3)
            decoded = np.frombuffer(big, np.uint8, count=got * sw * sh * 3).reshape(got, sh, sw, 3)
            stills.update(zip(job.wanted, decoded, strict=False))
    return buffer, stills


def _part_command(
    path: Path,
    size: tuple[int, int],
    still_size: tuple[int, int],
    fps: float,
    first: int,
    end: int | None,
    wanted: list[int],
    still_file: Path,
) -> list[str]:
    """The ffmpeg that decodes frames [first, end) of `path` (to the end when `end` is None)."""
    (w, h), (sw, sh) = size, still_size

    def at(i: int) -> str:  # halfway between frame i-1 and frame i: safe from rounding on either side
        return f"{max(0.0, (i - 0.5) / fps):.6f}"

    keep = f"gte(t\\,{at(first)})" + (f"*lt(t\\,{at(end)})" if end is not None else "")
    # A part that starts at the top stops reading its input after its span (-t on the input); one that
    # seeks stops on its output's absolute time (-to after the input: with -copyts an input -t or -to
    # counts from the seek and cut the part to two frames).
    seek = ["-noaccurate_seek", "-ss", at(first)] if first > 0 else []
    stop_in = ["-t", f"{(end + 1) / fps:.6f}"] if end is not None and first == 0 else []
    stop_out = ["-to", f"{(end + 1) / fps:.6f}"] if end is not None and first > 0 else []
    head = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-copyts", *seek, *stop_in, "-i", str(path)]
    head += ["-an", *stop_out]
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


class _PartReader(threading.Thread):
    """Runs one part's ffmpeg and reads its frames into the rows it owns (readinto releases the GIL)."""

    def __init__(self, cmd: list[str], path: Path, rows: np.ndarray, still_file: Path, wanted: list[int]):
        super().__init__(daemon=True)
        self.cmd, self.path, self.rows = cmd, path, rows
        self.still_file, self.wanted = still_file, wanted
        self.exact = False
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.exact = self._read()
        except Exception as exc:  # handed to the caller's thread
            self.error = exc

    def _read(self) -> bool:
        view = memoryview(self.rows.reshape(-1))
        filled = 0
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, stderr=err)
            assert proc.stdout is not None
            try:
                while filled < len(view):
                    got = proc.stdout.readinto(view[filled:])
                    if not got:
                        break
                    filled += got
                overflow = bool(proc.stdout.read(1)) if filled == len(view) else False
            finally:
                if proc.poll() is None and filled == len(view):
                    proc.stdout.read()  # drain to the end so the stills file is whole
                proc.stdout.close()
            code = proc.wait()
            if code != 0:
                err.seek(0)
                raise BadInput(
                    f"ffmpeg could not decode {self.path}: {err.read().decode(errors='replace')[-300:]}"
                )
        return filled == len(view) and not overflow


def _decode_into_array(cmd: list[str], path: Path, size: tuple[int, int], expected: int) -> np.ndarray:
    """Run the decode and read its raw frames straight into one array (N, H, W, 3).

    Reading ffmpeg's output into a buffer sized from the header, instead of collecting it and joining,
    keeps one copy of the frames in memory rather than two (100 MB each for a 30 s ad)."""
    h, w = size
    frame_bytes = w * h * 3
    buffer = np.empty((max(1, expected), h, w, 3), np.uint8)
    filled = 0
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
        assert proc.stdout is not None
        try:
            while True:
                if filled == buffer.nbytes:  # more frames than the header said: grow by a quarter
                    buffer = np.concatenate([buffer, np.empty((len(buffer) // 4 + 1, h, w, 3), np.uint8)])
                got = proc.stdout.readinto(memoryview(buffer.reshape(-1))[filled:])
                if not got:
                    break
                filled += got
        except BaseException:  # never leave the decoder running behind an error
            proc.kill()
            proc.wait()
            raise
        finally:
            proc.stdout.close()
        code = proc.wait()
        if code != 0:
            err.seek(0)
            message = err.read().decode(errors="replace")[-300:]
            raise BadInput(f"ffmpeg could not decode {path}: {message}")
    n = filled // frame_bytes
    if n == 0:
        raise BadInput(f"{path} has no frames")
    return buffer[:n]


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
