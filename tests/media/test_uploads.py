"""Upload checks: each bad file is refused with a message naming the problem; good images pass."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from studio.errors import UploadRejected
from studio.media.uploads import MAX_FILE_BYTES, check_upload, normalise_upload


def _encode(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    return buf.getvalue()


def _photo(w=180, h=320, seed=0) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels but carries almost no data: a bomb's header, made cheaply."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("fmt", "kind", "mode"), [("JPEG", "jpeg", "RGB"), ("PNG", "png", "RGBA"), ("WEBP", "webp", "RGB")]
)
def test_good_images_pass_with_their_measures(fmt, kind, mode):
    data = _encode(_photo().convert(mode), fmt)
    checked = check_upload(f"shot.{kind}", data)
    assert (checked.kind, checked.width, checked.height, checked.size_bytes) == (kind, 180, 320, len(data))
    assert len(checked.sha256) == 64 and checked.data == data


def test_type_comes_from_the_content_not_the_name():
    assert check_upload("photo.png", _encode(_photo(), "JPEG")).kind == "jpeg"


def test_text_file_named_png_is_refused_as_text():
    with pytest.raises(UploadRejected, match=r"logo\.png.*content is text, not a JPEG, PNG or WebP"):
        check_upload("logo.png", b"hello, this is not a picture\n" * 10)


def test_svg_and_gif_are_refused_by_name():
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    with pytest.raises(UploadRejected, match="SVG"):
        check_upload("logo.svg", svg)
    with pytest.raises(UploadRejected, match="GIF"):
        check_upload("logo.png", _encode(Image.new("P", (10, 10)), "GIF"))


def test_truncated_jpeg_is_refused():
    data = _encode(_photo(), "JPEG", quality=90)
    with pytest.raises(UploadRejected, match="truncated or corrupt"):
        check_upload("cut.jpg", data[: len(data) // 2])


def test_corrupt_png_checksum_is_refused():
    data = bytearray(_encode(_photo(40, 40), "PNG"))
    data[60] ^= 0xFF  # inside the image data: its CRC no longer matches
    with pytest.raises(UploadRejected, match="truncated or corrupt"):
        check_upload("broken.png", bytes(data))


def test_pixel_bomb_is_refused_from_its_header_without_decoding():
    bomb = _png_header_only(20_000, 20_000)
    assert len(bomb) < 200
    with pytest.raises(UploadRejected, match="20,000 × 20,000 pixels"):
        check_upload("huge.png", bomb)
    # Under Pillow's own bomb limit but over ours (49 MP), and one side over 12,000 px.
    with pytest.raises(UploadRejected, match="7,000 × 7,000 pixels"):
        check_upload("big.png", _png_header_only(7_000, 7_000))
    with pytest.raises(UploadRejected, match="13,000 × 8 pixels"):
        check_upload("strip.png", _encode(Image.new("1", (13_000, 8)), "PNG"))


def test_eleven_megabyte_upload_is_refused():
    data = b"\xff\xd8\xff" + bytes(11 * 1024 * 1024)
    with pytest.raises(UploadRejected, match=r"11\.0 MB; each image may be at most 10\.0 MB"):
        check_upload("big.jpg", data)


def test_sixty_megabytes_across_uploads_is_refused_at_the_one_that_crosses_fifty():
    # A real ~9.6 MB PNG (noise does not compress), uploaded again and again to one generation.
    data = _encode(_photo(1790, 1790, seed=3), "PNG", compress_level=0)
    assert 9 * 1024 * 1024 < len(data) <= MAX_FILE_BYTES
    used, accepted = 0, 0
    with pytest.raises(UploadRejected, match=r"limit is 50\.0 MB per generation"):
        for i in range(7):  # 7 × 9.6 MB ≈ 67 MB offered
            used += check_upload(f"p{i}.png", data, used_bytes=used).size_bytes
            accepted += 1
    assert accepted == 5 and used <= 50 * 1024 * 1024


def test_empty_file_is_refused():
    with pytest.raises(UploadRejected, match="empty"):
        check_upload("nothing.jpg", b"")


def test_normalise_applies_orientation_strips_exif_and_downscales():
    im = _photo(40, 20)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when shown
    exif[0x010F] = "SecretCam"  # camera make: metadata that must not travel on
    data = _encode(im, "JPEG", exif=exif.tobytes())
    out = Image.open(io.BytesIO(normalise_upload(check_upload("o.jpg", data))))
    assert out.format == "JPEG" and out.size == (20, 40)
    assert len(out.getexif()) == 0 and "exif" not in out.info

    big = _encode(Image.new("RGBA", (3000, 1000), (10, 20, 30, 128)), "PNG")
    small = Image.open(io.BytesIO(normalise_upload(check_upload("b.png", big), max_side=2048)))
    assert small.format == "PNG" and small.size == (2048, 683) and small.mode == "RGBA"


def test_jpeg_claiming_huge_dimensions_is_refused_from_its_frame_header():
    data = bytearray(_encode(_photo(16, 16), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 20_000, 20_000)  # height, width
    with pytest.raises(UploadRejected, match="20,000 × 20,000 pixels"):
        check_upload("bomb.jpg", bytes(data))
