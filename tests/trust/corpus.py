"""The bad-input corpus: files and arguments a person might really hand the studio, made on the fly."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A tiny PNG whose header claims width x height (one deflated row of zeros inside)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1 + 3 * width), 9)
    chunks = png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def jpeg(size: tuple[int, int] = (240, 160)) -> bytes:
    rng = np.random.default_rng(3)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def noise_png(side: int, seed: int = 0) -> bytes:
    """An uncompressible PNG of about 3·side² bytes (random pixels, stored without compression)."""
    rng = np.random.default_rng(seed)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 255, (side, side, 3), dtype=np.uint8)).save(buf, "PNG", compress_level=0)
    return buf.getvalue()


def gif() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 40)).save(buf, "GIF")
    return buf.getvalue()


SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">' \
      b'<rect width="64" height="64" fill="red"/></svg>\n'  # fmt: skip


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# Pipeline YAML files with one thing wrong each, and what the error must say (file, line, allowed).
BAD_YAML = {
    "wrong type": (
        "stages:\n  voice: true\nclips:\n  in_flight: many\n  max_attempts: 2\n",
        ["line 4", "clips.in_flight", "valid integer"],
    ),
    "unknown key": (
        "stages:\n  voice: true\n  story_critc: false\n",
        ["line 3", "stages.story_critc", "allowed: story_critic, scene_critic"],
    ),
    "broken indentation": (
        "stages:\n  voice: true\n   music: false\nclips:\n  in_flight: 2\n",
        ["line 3", "not valid YAML"],
    ),
}
