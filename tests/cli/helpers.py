"""Pieces the CLI tests share: a sideways phone photo with metadata, and an MP4's frame size."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import imageio_ffmpeg
from PIL import Image

CAMERA = "SecretCam"
"""The camera make written into the photo: it must not survive the upload."""


def sideways_photo() -> bytes:
    """A 64 × 32 JPEG whose EXIF says "rotate 90° clockwise to show" (orientation 6), with camera and GPS.

    The left half is red and the right half blue, so shown upright (32 × 64) red is on top, blue below.
    """
    im = Image.new("RGB", (64, 32), (220, 20, 20))
    im.paste((20, 20, 220), (32, 0, 64, 32))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation
    exif[0x010F] = CAMERA  # make
    exif[0x0110] = "Model Z"  # model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 22.0, 7.5), 3: "E", 4: (4.0, 53.0, 1.0)})
    buf = io.BytesIO()
    im.save(buf, format="JPEG", quality=95, exif=exif.tobytes())
    return buf.getvalue()


def assert_upright_and_clean(data: bytes) -> None:
    """The stored photo is the sideways one turned upright, with no EXIF (orientation, camera, GPS) left."""
    im = Image.open(io.BytesIO(data))
    assert im.format == "JPEG"
    assert im.size == (32, 64), im.size
    top, bottom = im.convert("RGB").getpixel((16, 8)), im.convert("RGB").getpixel((16, 56))
    assert top[0] > 180 and top[2] < 80, top  # red on top
    assert bottom[2] > 180 and bottom[0] < 80, bottom  # blue below
    assert len(im.getexif()) == 0 and "exif" not in im.info
    assert b"Exif\x00\x00" not in data and CAMERA.encode() not in data


def video_size(path: Path) -> tuple[int, int]:
    """Width and height of an MP4's video stream, from ffprobe if installed, else imageio-ffmpeg's reader."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe:
        out = subprocess.run(
            [ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height",
             "-of", "json", str(path)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        stream = json.loads(out.stdout)["streams"][0]
        return int(stream["width"]), int(stream["height"])
    frames = imageio_ffmpeg.read_frames(str(path))
    try:
        meta = next(frames)
    finally:
        frames.close()
    width, height = meta["size"]
    return int(width), int(height)
