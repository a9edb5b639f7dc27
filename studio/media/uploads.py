"""Upload checks: only real JPEG, PNG or WebP images of sane size get into a generation.

The type is read from the bytes, never the file name. Dimensions are read from the header and
checked before any pixel is decoded, so a pixel bomb costs nothing; then the whole image is decoded
once to catch truncated or corrupt files. Every refusal says what was wrong and what to do.
"""

from __future__ import annotations

import hashlib
import io
import logging
import struct
import warnings
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from studio.errors import UploadRejected

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_GENERATION_BYTES = 50 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 12_000

ImageKind = Literal["jpeg", "png", "webp"]
_PIL_FORMAT = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every check, with what was measured."""

    filename: str
    kind: ImageKind
    width: int
    height: int
    size_bytes: int
    sha256: str
    data: bytes = field(repr=False)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def sniff(data: bytes) -> ImageKind | str:
    """'jpeg', 'png' or 'webp' from the magic bytes; else a description of what the bytes are."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "a GIF"
    if head.startswith(b"BM"):
        return "a BMP bitmap"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "a TIFF"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"avif"):
        return "a HEIC/AVIF photo"
    if head.startswith(b"%PDF"):
        return "a PDF"
    text = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        return "an SVG (a vector drawing)"
    if text.startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    try:
        data[:4096].decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "not an image format we recognise"


def header_size(data: bytes, kind: ImageKind) -> tuple[int, int] | None:
    """Width and height read straight from the file header (no decoder involved), or None if unreadable."""
    try:
        if kind == "png":
            return struct.unpack(">II", data[16:24])
        if kind == "webp":
            chunk = data[12:16]
            if chunk == b"VP8X":
                w = int.from_bytes(data[24:27], "little") + 1
                h = int.from_bytes(data[27:30], "little") + 1
                return w, h
            if chunk == b"VP8L":
                bits = int.from_bytes(data[21:25], "little")
                return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            if chunk == b"VP8 ":
                w, h = struct.unpack("<HH", data[26:30])
                return w & 0x3FFF, h & 0x3FFF
            return None
        # JPEG: walk the markers to the first start-of-frame.
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                i += 1 if marker == 0xFF else 2
                continue
            length = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h, w = struct.unpack(">HH", data[i + 5 : i + 9])
                return w, h
            i += 2 + length
    except struct.error:
        return None
    return None


def _refuse(filename: str, reason: str) -> UploadRejected:
    log.info("Upload %r refused: %s", filename, reason)
    return UploadRejected(f"{filename or 'The upload'} was refused: {reason}")


def check_upload(filename: str, data: bytes, *, used_bytes: int = 0) -> CheckedUpload:
    """Accept a JPEG, PNG or WebP judged by content, within size, budget and pixel limits, fully decodable."""
    # 1. Size and the generation's budget, before looking inside.
    size = len(data)
    if size == 0:
        raise _refuse(filename, "the file is empty.")
    if size > MAX_FILE_BYTES:
        raise _refuse(filename, f"it is {_mb(size)}; each image may be at most {_mb(MAX_FILE_BYTES)}.")
    if used_bytes + size > MAX_GENERATION_BYTES:
        raise _refuse(
            filename,
            f"this generation already holds {_mb(used_bytes)} of uploads and this file adds {_mb(size)}; "
            f"the limit is {_mb(MAX_GENERATION_BYTES)} per generation. Remove an image or use smaller ones.",
        )
    # 2. The type, from the bytes.
    kind = sniff(data)
    if kind not in _PIL_FORMAT:
        raise _refuse(
            filename, f"its content is {kind}, not a JPEG, PNG or WebP image. Export it as one of those."
        )
    # 3. Dimensions from the header, then 4. a full decode; warnings about bombs become errors.
    claimed = header_size(data, kind)  # type: ignore[arg-type]
    if claimed is not None:
        _check_dimensions(filename, *claimed)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[kind]]) as im:
                width, height = im.size
                _check_dimensions(filename, width, height)
                # Multi-picture JPEGs (phones) are stills; an APNG or animated WebP is not.
                if kind != "jpeg" and getattr(im, "n_frames", 1) > 1:
                    raise _refuse(filename, "it is animated; upload a still image.")
                im.load()
            if kind == "png":
                # load() stops at the image data; verify() also checks every chunk's checksum.
                with Image.open(io.BytesIO(data), formats=["PNG"]) as im:
                    im.verify()
        except UploadRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise _refuse(
                filename,
                f"it has too many pixels to open safely ({exc}); the limit is {MAX_SIDE:,} pixels a side "
                f"and {MAX_PIXELS / 1e6:.0f} megapixels. Resize it first.",
            ) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
            detail = str(exc) or type(exc).__name__
            raise _refuse(
                filename, f"the {kind.upper()} is truncated or corrupt ({detail}). Export it again."
            ) from exc
    return CheckedUpload(
        filename=filename,
        kind=kind,  # type: ignore[arg-type]
        width=width,
        height=height,
        size_bytes=size,
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def _check_dimensions(filename: str, width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise _refuse(filename, f"its header gives an impossible size of {width} × {height} pixels.")
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise _refuse(
            filename,
            f"it is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels); the limit is "
            f"{MAX_SIDE:,} pixels a side and {MAX_PIXELS / 1e6:.0f} megapixels. Resize it first.",
        )


def _to_8bit(im: Image.Image) -> Image.Image:
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(im).astype(np.float64)
        top = 65535.0 if arr.max() > 255 else 255.0
        return Image.fromarray((arr / top * 255).clip(0, 255).astype(np.uint8))
    if im.mode == "F":
        return Image.fromarray((np.asarray(im).clip(0, 1) * 255).astype(np.uint8))
    return im


def normalise_upload(checked: CheckedUpload, max_side: int = 2048) -> bytes:
    """Re-encode an accepted upload: EXIF orientation applied, metadata stripped, long side ≤ max_side."""
    with Image.open(io.BytesIO(checked.data)) as src:
        src.load()
        icc = src.info.get("icc_profile")
        im = ImageOps.exif_transpose(src)
    im = _to_8bit(im)
    has_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    im = im.convert("RGBA" if has_alpha else "RGB")
    if max(im.size) > max_side:
        im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    # No exif= / pnginfo= given: Pillow writes none of the original metadata (location, camera, owner).
    extra = {"icc_profile": icc} if icc else {}
    if has_alpha or checked.kind == "png":
        im.save(buf, format="PNG", optimize=False, **extra)
    else:
        im.save(buf, format="JPEG", quality=92, **extra)
    return buf.getvalue()


class PutsBytes(Protocol):
    """The one method of a media store an upload needs."""

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str: ...


def upload_key(owner: str, checked: CheckedUpload, clean: bytes) -> str:
    """The media-store key of a normalised upload: owner's folder, hash of the original, stored type."""
    ext = ".png" if clean.startswith(b"\x89PNG") else ".jpg"
    return f"uploads/{owner}/{checked.sha256[:24]}{ext}"


def store_upload(media: PutsBytes, filename: str, data: bytes, *, owner: str, used_bytes: int = 0) -> str:
    """Check an upload by its content, normalise it and put it in the media store; returns its location.

    The page and the CLI both come through here, so the same file is stored as the same bytes under the
    same key whichever way it arrived.
    """
    checked = check_upload(filename, data, used_bytes=used_bytes)
    clean = normalise_upload(checked)
    key = upload_key(owner, checked, clean)
    content_type = "image/png" if key.endswith(".png") else "image/jpeg"
    return media.put_bytes(key, clean, content_type)
