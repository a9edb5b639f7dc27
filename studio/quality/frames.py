"""Read an MP4's frames as small RGB arrays by piping ffmpeg (the binary imageio-ffmpeg ships).

Scoring works on a reduced copy: every frame is decoded (H.264 cannot skip frames cheaply) but scaled by
ffmpeg to at most `max_side` pixels on the long side before it reaches Python, so a 6 s 720x1280 clip is
180 frames of 144x256 (~20 MB) instead of 500 MB. Each metric then samples the frames it needs.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
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
) -> VideoFrames:
    """Decode every frame of a video at reduced size (area scaling) into one uint8 array.

    `stills_at` (seconds) asks for a few larger frames from the same decode: ffmpeg splits the stream,
    so reading text or matching a logo on them costs no second pass over the video.
    """
    path = Path(path)
    if not path.is_file():
        raise BadInput(f"No video at {path}")
    width, height, fps, duration = probe(path)
    w, h = scaled_size(width, height, max_side)
    wanted = sorted({max(0, int(t * fps)) for t in stills_at})
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
    n = len(frames)
    if not duration:
        duration = n / fps
    stills: dict[float, np.ndarray] = {}
    got = len(big) // (sw * sh * 3) if wanted else 0
    decoded = np.frombuffer(big, np.uint8, count=got * sw * sh * 3).reshape(got, sh, sw, 3)
    by_index = dict(zip(wanted, decoded, strict=False))
    for t in stills_at:
        frame = by_index.get(max(0, int(t * fps)))
        if frame is not None:
            stills[t] = frame
    log.debug("decoded %d frames of %dx%d and %d stills from %s", n, w, h, len(stills), path)
    return VideoFrames(frames, fps, width, height, duration, stills)


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
