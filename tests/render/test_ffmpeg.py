from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from studio.errors import RenderError
from studio.render.ffmpeg import FrameWriter, probe, run_ffmpeg
from tests.render.helpers import decode


def _frames(n: int, w: int = 180, h: int = 320) -> list[np.ndarray]:
    out = []
    for i in range(n):
        f = np.zeros((h, w, 3), np.uint8)
        f[:, : (i * 7) % w] = (30, 140, 220)
        out.append(f)
    return out


def test_frame_writer_makes_h264_yuv420p_30fps(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    with FrameWriter(path, 180, 320) as w:
        for f in _frames(45):
            w.write(f)
    info = probe(path)
    assert (info.video_codec, info.pix_fmt, info.fps, info.width, info.height) == (
        "h264",
        "yuv420p",
        30.0,
        180,
        320,
    )
    assert info.duration_s == pytest.approx(1.5, abs=0.05)
    assert info.audio_codec is None
    frames = decode(path, 180, 320)
    assert len(frames) == 45
    # the colour survives the encode (BGR order kept)
    assert np.abs(frames[30][160, 5].astype(int) - (30, 140, 220)).max() < 12
    assert not list(tmp_path.glob(".*part*")), "the temporary file was renamed"


def test_bgra_frames_are_accepted_with_four_channels(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    frame = np.zeros((64, 64, 4), np.uint8)
    frame[..., 2] = 200  # red
    with FrameWriter(path, 64, 64, channels=4) as w:
        for _ in range(10):
            w.write(frame)
    assert decode(path, 64, 64)[5][32, 32, 2] > 180


def test_missing_ffmpeg_is_a_render_error(tmp_path: Path) -> None:
    writer = FrameWriter(tmp_path / "x.mp4", 64, 64, exe=str(tmp_path / "no-ffmpeg"))
    with pytest.raises(RenderError, match="could not be started"):
        writer.open()


def test_failing_ffmpeg_during_write_is_a_render_error(tmp_path: Path) -> None:
    path = tmp_path / "x.mp4"
    big = np.zeros((64, 64, 3), np.uint8)
    with (
        pytest.raises(RenderError, match=r"ffmpeg stopped|could not encode"),
        FrameWriter(path, 64, 64, exe="/bin/false") as w,
    ):
        for _ in range(2000):  # /bin/false exits at once: the pipe breaks
            w.write(big)
    assert not path.exists()
    assert not list(tmp_path.iterdir())


def test_wrong_frame_shape_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="does not match"), FrameWriter(tmp_path / "x.mp4", 64, 64) as w:
        w.write(np.zeros((32, 64, 3), np.uint8))


def test_failing_ffmpeg_command_reports_its_stderr(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="No such file"):
        run_ffmpeg(["-i", str(tmp_path / "missing.mp4"), str(tmp_path / "o.mp4")], what="test")


@pytest.mark.skipif(not shutil.which("ffprobe"), reason="no ffprobe (make test installs Debian's ffmpeg)")
def test_probe_reads_what_ffprobe_reads(tmp_path: Path) -> None:
    """`probe` parses `ffmpeg -i`; ffprobe's JSON is the reference, on a file with video and AAC audio."""
    silent = tmp_path / "silent.mp4"
    with FrameWriter(silent, 240, 426, fps=25) as w:
        for f in _frames(50, 240, 426):
            w.write(f)
    path = tmp_path / "with_audio.mp4"
    run_ffmpeg(["-i", str(silent), "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
                "-c:v", "copy", "-c:a", "aac", "-shortest", str(path)])  # fmt: skip
    ref = json.loads(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
            capture_output=True, check=True, text=True,
        ).stdout
    )  # fmt: skip
    video = next(s for s in ref["streams"] if s["codec_type"] == "video")
    audio = next(s for s in ref["streams"] if s["codec_type"] == "audio")
    num, den = map(int, video["avg_frame_rate"].split("/"))
    info = probe(path)
    assert (info.video_codec, info.pix_fmt, info.width, info.height) == (
        video["codec_name"], video["pix_fmt"], video["width"], video["height"]
    )  # fmt: skip
    assert info.fps == pytest.approx(num / den, abs=0.01)
    assert info.audio_codec == audio["codec_name"]
    assert info.duration_s == pytest.approx(float(ref["format"]["duration"]), abs=0.02)
