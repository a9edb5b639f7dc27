"""The ffmpeg binary that imageio-ffmpeg ships: a frame writer, a runner, a prober and a frame reader.

Every offline clip goes through `FrameWriter` with the same encoder settings, so clips can later be joined
by stream copy (no second encode). Frames stream through a pipe: nothing holds a list of frames.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import signal
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import cv2
import numpy as np

from studio.errors import RenderError

log = logging.getLogger(__name__)

# x264 sliced threads keep only a couple of frames in flight: ffmpeg stays near 180 MB at 720x1280
# instead of growing with frame threads and lookahead (FACTS.md measured a 612 MB peak without limits).
X264_PARAMS = "threads=2:sliced-threads=1:rc-lookahead=10"
_STDERR_TAIL = 1200


def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary (imageio-ffmpeg's, or IMAGEIO_FFMPEG_EXE); RenderError when missing."""
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as exc:  # imageio-ffmpeg raises RuntimeError when it finds no binary
        raise RenderError(f"ffmpeg was not found ({exc}); reinstall imageio-ffmpeg") from exc
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        # imageio-ffmpeg hands back IMAGEIO_FFMPEG_EXE as given, without looking.
        raise RenderError(
            f"ffmpeg was not found at {exe}: point IMAGEIO_FFMPEG_EXE at an ffmpeg binary (or unset it), "
            "or reinstall imageio-ffmpeg; then resume"
        )
    return exe


def _disk_full(code: int | None, err: str) -> bool:
    """ffmpeg stopped by a full disk: ENOSPC in its log, or killed by SIGXFSZ (a file size limit)."""
    return code == -signal.SIGXFSZ or "No space left" in err or "File too large" in err


def disk_full_error(folder: Path) -> RenderError:
    """The message for a render that ran out of disk."""
    return RenderError(
        f"the disk is full: {folder} has no space left for the video. Free some space, then resume "
        "(finished clips are kept)"
    )


def _tail(text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = text.strip()
    return text[-_STDERR_TAIL:] if text else "(no output)"


def encoder_args(preset: str = "veryfast", crf: int = 20, fps: int = 30) -> list[str]:
    """The video encoder settings every clip shares (so clips join by stream copy)."""
    return [
        "-c:v", "libx264", "-preset", preset, "-crf", str(crf), "-x264-params", X264_PARAMS,
        "-pix_fmt", "yuv420p", "-r", str(fps), "-g", str(fps * 2), "-video_track_timescale", "15360",
    ]  # fmt: skip


def run_ffmpeg(args: Sequence[str], *, exe: str | None = None, what: str = "ffmpeg") -> None:
    """Run ffmpeg with args; RenderError with the tail of its stderr when it fails."""
    binary = exe or ffmpeg_exe()
    cmd = [binary, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise RenderError(f"ffmpeg was not found at {binary}") from exc
    if proc.returncode != 0:
        if _disk_full(proc.returncode, _tail(proc.stderr)):
            raise disk_full_error(Path(args[-1]).parent)
        raise RenderError(f"{what} failed (ffmpeg exit {proc.returncode}): {_tail(proc.stderr)}")


class FrameWriter:
    """Stream BGR frames to an H.264 yuv420p MP4 (video only), written under a temporary name.

    `channels=4` takes BGRA frames instead (alpha ignored): the compositor works in 4 channels because
    OpenCV's 4-channel warps are the fast ones.
    """

    def __init__(
        self,
        path: Path,
        width: int,
        height: int,
        fps: int = 30,
        preset: str = "veryfast",
        crf: int = 20,
        *,
        channels: int = 3,
        exe: str | None = None,
    ) -> None:
        if width % 2 or height % 2:
            raise RenderError(f"frame size {width}x{height} must be even for yuv420p")
        self.path = Path(path)
        self.width, self.height, self.fps = width, height, fps
        self.preset, self.crf = preset, crf
        if channels not in (3, 4):
            raise RenderError(f"frames have 3 (BGR) or 4 (BGRA) channels, not {channels}")
        self.channels = channels
        self._yuv = np.empty((height * 3 // 2, width), np.uint8)
        self.frames_written = 0
        self._exe = exe
        self._tmp = self.path.with_name(f".{self.path.stem}.part{self.path.suffix}")
        self._proc: subprocess.Popen[bytes] | None = None
        self._err_file: object | None = None

    def __enter__(self) -> FrameWriter:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def open(self) -> None:
        """Start ffmpeg reading raw frames from its stdin."""
        binary = self._exe or ffmpeg_exe()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        cmd = [
            binary, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "yuv420p",
            "-s", f"{self.width}x{self.height}", "-r", str(self.fps), "-i", "pipe:0", "-an",
            *encoder_args(self.preset, self.crf, self.fps), "-f", "mp4", str(self._tmp),
        ]  # fmt: skip
        # stderr goes to a file, not a pipe: a pipe nobody reads can fill and stall ffmpeg.
        err_path = self._tmp.with_suffix(".log")
        self._err_path = err_path
        self._err_file = open(err_path, "w+b")  # noqa: SIM115 - closed in _finish
        try:
            self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=self._err_file)
        except (FileNotFoundError, PermissionError, OSError) as exc:
            self._cleanup_log()
            raise RenderError(f"ffmpeg could not be started from {binary}: {exc.strerror or exc}") from exc

    def write(self, frame: np.ndarray) -> None:
        """Send one uint8 HxWx3 BGR frame (HxWx4 BGRA with channels=4) to the encoder."""
        if self._proc is None or self._proc.stdin is None:
            raise RenderError("the frame writer is not open")
        expected = (self.height, self.width, self.channels)
        if frame.shape != expected or frame.dtype != np.uint8:
            raise RenderError(f"frame of shape {frame.shape} {frame.dtype} does not match {expected} uint8")
        # Converted here, not in ffmpeg: a yuv420p frame is 2.7x smaller than BGRA through the pipe and in
        # ffmpeg's queues (ffmpeg peaks near 145 MB instead of 185 MB at 720x1280, and encodes faster).
        code = cv2.COLOR_BGR2YUV_I420 if self.channels == 3 else cv2.COLOR_BGRA2YUV_I420
        cv2.cvtColor(frame, code, dst=self._yuv)
        try:
            self._proc.stdin.write(memoryview(self._yuv).cast("B"))
        except OSError as exc:
            self._fail(exc)
        self.frames_written += 1

    def close(self) -> Path:
        """Finish the encode and move the file to its name; RenderError when ffmpeg failed."""
        proc = self._proc
        if proc is None:
            raise RenderError("the frame writer was never opened")
        try:
            if proc.stdin:
                proc.stdin.close()
        except OSError as exc:
            self._fail(exc)
        code = proc.wait()
        err = self._read_log()
        self._proc = None
        if code != 0:
            self._remove_tmp()
            if _disk_full(code, err):
                raise disk_full_error(self.path.parent)
            raise RenderError(f"ffmpeg could not encode {self.path.name} (exit {code}): {_tail(err)}")
        if self.frames_written == 0:
            self._remove_tmp()
            raise RenderError(f"no frames were written to {self.path.name}")
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        """Stop ffmpeg and remove the partial file."""
        proc = self._proc
        self._proc = None
        if proc is not None:
            try:
                if proc.stdin:
                    proc.stdin.close()
            except OSError:
                pass
            proc.kill()
            proc.wait()
        self._read_log()
        self._remove_tmp()

    def _fail(self, exc: OSError) -> None:
        proc = self._proc
        self._proc = None
        code = None
        if proc is not None:
            code = proc.poll()  # before kill: did ffmpeg die on its own (e.g. SIGXFSZ)?
            proc.kill()
            proc.wait()
        err = self._read_log()
        self._remove_tmp()
        if exc.errno in (errno.ENOSPC, errno.EFBIG) or _disk_full(code, err):
            raise disk_full_error(self.path.parent) from exc
        raise RenderError(f"ffmpeg stopped while encoding {self.path.name}: {_tail(err)}") from exc

    def _read_log(self) -> str:
        text = ""
        if self._err_file is not None:
            f = self._err_file
            f.seek(0)  # type: ignore[attr-defined]
            text = f.read().decode("utf-8", "replace")  # type: ignore[attr-defined]
            f.close()  # type: ignore[attr-defined]
            self._err_file = None
            self._cleanup_log()
        return text

    def _cleanup_log(self) -> None:
        try:
            self._err_path.unlink(missing_ok=True)
        except OSError:
            pass

    def _remove_tmp(self) -> None:
        try:
            self._tmp.unlink(missing_ok=True)
        except OSError:
            pass


@dataclass(frozen=True)
class MediaInfo:
    """What ffmpeg says about a file's first video stream and whether it has audio."""

    duration_s: float
    width: int
    height: int
    fps: float
    video_codec: str
    pix_fmt: str
    audio_codec: str | None


def probe(path: Path, *, exe: str | None = None) -> MediaInfo:
    """Read a media file's streams from `ffmpeg -i` (imageio-ffmpeg ships no ffprobe)."""
    binary = exe or ffmpeg_exe()
    proc = subprocess.run([binary, "-hide_banner", "-i", str(path)], capture_output=True, check=False)
    text = proc.stderr.decode("utf-8", "replace")
    video = re.search(r"Stream #\S+.*?: Video: (\w+)[^,]*, (\w+)[^,]*?(?:\([^)]*\))?, (\d+)x(\d+)", text)
    if not video:
        raise RenderError(f"{Path(path).name} has no readable video stream: {_tail(text)}")
    dur = re.search(r"Duration: (\d+):(\d+):([\d.]+)", text)
    duration = int(dur[1]) * 3600 + int(dur[2]) * 60 + float(dur[3]) if dur else 0.0
    fps_m = re.search(r"([\d.]+) fps", text)
    audio = re.search(r"Stream #\S+.*?: Audio: (\w+)", text)
    return MediaInfo(
        duration_s=duration,
        width=int(video[3]),
        height=int(video[4]),
        fps=float(fps_m[1]) if fps_m else 0.0,
        video_codec=video[1],
        pix_fmt=video[2],
        audio_codec=audio[1] if audio else None,
    )


def read_frames(
    path: Path,
    width: int,
    height: int,
    *,
    vf: str | None = None,
    fps: int | None = None,
    exe: str | None = None,
) -> Iterator[np.ndarray]:
    """Decode a video to BGR frames of width x height, one at a time (vf: filters before the size)."""
    binary = exe or ffmpeg_exe()
    filters = [f for f in (f"fps={fps}" if fps else None, vf) if f]
    cmd = [binary, "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(path), "-an"]
    if filters:
        cmd += ["-vf", ",".join(filters)]
    cmd += ["-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{width}x{height}", "pipe:1"]
    size = width * height * 3
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    read_to_end = False
    try:
        while True:
            buf = proc.stdout.read(size)
            if len(buf) < size:
                read_to_end = True
                break
            yield np.frombuffer(buf, np.uint8).reshape(height, width, 3)
    finally:
        # A caller that stops early (a clip cut to its scene) must not turn ffmpeg's broken pipe into an
        # error: end ffmpeg before closing its output, and judge its exit only when it was read to the end.
        if not read_to_end and proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        err = proc.stderr.read() if proc.stderr else b""
        if proc.stderr:
            proc.stderr.close()
        if read_to_end and proc.returncode not in (0, -9) and err:
            raise RenderError(f"could not decode {Path(path).name}: {_tail(err)}")


def extract_frame(path: Path, out_path: Path, at_s: float | None = None, *, exe: str | None = None) -> Path:
    """Save one frame of a video as an image (JPEG or PNG by suffix): at at_s seconds, or the last one."""
    if at_s is None:
        args = ["-sseof", "-0.5", "-i", str(path), "-update", "1"]
    else:
        args = ["-ss", f"{max(0.0, at_s):.3f}", "-i", str(path), "-frames:v", "1"]
    run_ffmpeg([*args, "-q:v", "3", str(out_path)], exe=exe, what=f"taking a frame of {Path(path).name}")
    if not Path(out_path).exists():
        raise RenderError(f"no frame could be taken from {Path(path).name}")
    return Path(out_path)
