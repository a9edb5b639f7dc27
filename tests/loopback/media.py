"""Real media for the loopback server: PNG/JPEG/WebP pictures, H.264 MP4 clips, speech audio.

Everything is small so the server answers fast: pictures and clips default to a 360-pixel short side,
clips are encoded with x264 `ultrafast` by the ffmpeg binary that imageio-ffmpeg ships.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import math
import re
import shutil
import struct
import subprocess
import tempfile
import wave
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

RATIOS = {
    "1:1": (1, 1), "2:3": (2, 3), "3:2": (3, 2), "3:4": (3, 4), "4:3": (4, 3), "4:5": (4, 5),
    "5:4": (5, 4), "9:16": (9, 16), "16:9": (16, 9), "21:9": (21, 9), "9:21": (9, 21),
}  # fmt: skip


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def size_for(aspect_ratio: str | None, short_side: int = 360) -> tuple[int, int]:
    """(width, height), both even, for an aspect ratio like "9:16" (9:16 when unknown)."""
    rw, rh = RATIOS.get(str(aspect_ratio), (9, 16))
    if rw <= rh:
        w, h = short_side, short_side * rh / rw
    else:
        w, h = short_side * rw / rh, short_side
    return int(round(w / 2) * 2), int(round(h / 2) * 2)


def _palette(seed_text: str) -> list[tuple[int, int, int]]:
    digest = hashlib.sha256(seed_text.encode()).digest()
    return [(digest[i] // 2 + 60, digest[i + 1] // 2 + 40, digest[i + 2] // 2 + 50) for i in (0, 3, 6, 9)]


def make_picture(prompt: str, width: int, height: int, fmt: str = "png") -> bytes:
    """A picture with a subject on a gradient, colours from the prompt (same prompt, same picture)."""
    c1, c2, c3, c4 = _palette(prompt)
    grad = Image.linear_gradient("L").resize((width, height))
    im = Image.composite(Image.new("RGB", (width, height), c1), Image.new("RGB", (width, height), c2), grad)
    draw = ImageDraw.Draw(im)
    cx, cy, r = width // 2, int(height * 0.45), min(width, height) // 4
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=c3)
    draw.rectangle((cx - r // 2, cy + r + 10, cx + r // 2, cy + r + 10 + r // 3), fill=c4)
    return encode_picture(im, fmt)


def encode_picture(im: Image.Image, fmt: str = "png") -> bytes:
    fmt = {"jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}.get(fmt.lower(), "PNG")
    buf = io.BytesIO()
    im.convert("RGB").save(buf, fmt, **({"quality": 90} if fmt in ("JPEG", "WEBP") else {}))
    return buf.getvalue()


def picture_mime(data: bytes) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


_DATA_URL = re.compile(
    r"data:(?P<mime>[\w.+/-]+)?(?P<params>(;[\w-]+=[\w.-]+)*)(?P<b64>;base64)?,(?P<data>.*)", re.S
)


def decode_data_url(url: str) -> bytes | None:
    """The bytes of a data URL, or None when it is not one (or is broken)."""
    m = _DATA_URL.fullmatch(url.strip()) if isinstance(url, str) else None
    if not m:
        return None
    try:
        if m.group("b64"):
            return base64.b64decode(m.group("data"), validate=False)
        from urllib.parse import unquote_to_bytes

        return unquote_to_bytes(m.group("data"))
    except ValueError:
        return None


def open_picture(data: bytes | None) -> Image.Image | None:
    if not data:
        return None
    try:
        im = Image.open(io.BytesIO(data))
        im.load()
        return im.convert("RGB")
    except Exception:
        return None


def dominant_colors(im: Image.Image, n: int = 4) -> list[str]:
    """The n most common colours of a picture as #rrggbb, most common first."""
    small = im.convert("RGB").resize((64, 64))
    quant = small.quantize(colors=n, method=Image.Quantize.MEDIANCUT)
    palette = quant.getpalette() or []
    counts = sorted(quant.getcolors() or [], reverse=True)
    out = []
    for _count, index in counts:
        r, g, b = palette[index * 3 : index * 3 + 3]
        out.append(f"#{r:02x}{g:02x}{b:02x}")
    return out[:n] or ["#808080"]


def fill_mask(image: Image.Image, mask: Image.Image | None, prompt: str) -> Image.Image:
    """Inpainting: the white part of the mask repainted in a colour from the prompt."""
    out = image.copy()
    fill = Image.new("RGB", out.size, _palette(prompt)[2])
    if mask is None:
        return out
    m = mask.convert("L").resize(out.size)
    return Image.composite(fill, out, m)


def make_mp4(
    width: int,
    height: int,
    seconds: float,
    fps: int = 24,
    start: bytes | None = None,
    cache: Path | None = None,
) -> bytes:
    """A real H.264 MP4 (yuv420p, faststart, no audio): a pan over `start` when given, else a test card."""
    seconds = max(0.5, min(float(seconds), 20.0))
    key = hashlib.sha256(json.dumps([width, height, seconds, fps]).encode() + (start or b""))
    key = key.hexdigest()[:24]
    if cache is not None:
        hit = cache / f"{key}.mp4"
        if hit.is_file():
            return hit.read_bytes()
    with tempfile.TemporaryDirectory(prefix="loopback-mp4-") as tmp:
        out = Path(tmp) / "clip.mp4"
        if start is not None and (im := open_picture(start)) is not None:
            src = Path(tmp) / "start.png"
            im.save(src)
            # Cover a frame 12% larger than the output, then slide the crop window across it.
            big_w, big_h = int(width * 1.12) // 2 * 2, int(height * 1.12) // 2 * 2
            vf = (
                f"scale={big_w}:{big_h}:force_original_aspect_ratio=increase,crop={big_w}:{big_h},"
                f"crop={width}:{height}:x='(in_w-{width})*t/{seconds}':y='(in_h-{height})*t/{seconds}',"
                "format=yuv420p"
            )
            inputs = ["-loop", "1", "-framerate", str(fps), "-i", str(src)]
        else:
            vf = "format=yuv420p"
            inputs = ["-f", "lavfi", "-i", f"testsrc2=size={width}x{height}:rate={fps}"]
        cmd = [
            ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            *inputs,
            "-t",
            f"{seconds:.3f}",
            "-vf",
            vf,
            "-r",
            str(fps),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-crf",
            "30",
            "-pix_fmt",
            "yuv420p",
            "-threads",
            "1",
            "-movflags",
            "+faststart",
            "-an",
            str(out),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)
        data = out.read_bytes()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"{key}.mp4").write_bytes(data)
    return data


# ── speech ───────────────────────────────────────────────────────────────────────────────────────

SPEECH_RATE = 24000


def speech_pcm(text: str, speed: float = 1.0) -> bytes:
    """16-bit mono PCM at 24 kHz: a voiced buzz per word with short pauses, ~2.5 words a second."""
    import numpy as np

    words = max(1, len(text.split()))
    per_word = 0.4 / max(speed, 0.25)
    samples: list[Any] = []
    t_word = np.arange(int(per_word * 0.75 * SPEECH_RATE)) / SPEECH_RATE
    pause = np.zeros(int(per_word * 0.25 * SPEECH_RATE))
    for i in range(words):
        f0 = 110 + 25 * math.sin(i)
        env = np.sin(np.pi * t_word / t_word[-1]) if len(t_word) > 1 else t_word
        tone = sum(np.sin(2 * np.pi * f0 * k * t_word) / k for k in (1, 2, 3)) * env
        samples += [tone, pause]
    wave_ = np.concatenate(samples) * 0.25
    return (np.clip(wave_, -1, 1) * 32767).astype("<i2").tobytes()


def wav_from_pcm(pcm: bytes, streamed: bool = True) -> bytes:
    """A WAV file; `streamed` leaves the RIFF and data sizes at 0xFFFFFFFF, as a streamed answer does."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SPEECH_RATE)
        w.writeframes(pcm)
    data = bytearray(buf.getvalue())
    if streamed:
        struct.pack_into("<I", data, 4, 0xFFFFFFFF)
        struct.pack_into("<I", data, 40, 0xFFFFFFFF)
    return bytes(data)


_ENCODE = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"],
    "opus": ["-c:a", "libopus", "-b:a", "32k", "-f", "ogg"],
    "aac": ["-c:a", "aac", "-b:a", "64k", "-f", "adts"],
    "flac": ["-c:a", "flac", "-f", "flac"],
}
AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}


def encode_speech(text: str, fmt: str, speed: float = 1.0) -> bytes:
    """The speech in one of OpenAI's formats: wav, pcm, mp3, opus, aac, flac."""
    pcm = speech_pcm(text, speed)
    if fmt == "pcm":
        return pcm
    if fmt == "wav":
        return wav_from_pcm(pcm)
    cmd = [
        ffmpeg_exe(),
        "-hide_banner",
        "-loglevel",
        "error",
        "-f",
        "s16le",
        "-ar",
        str(SPEECH_RATE),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        *_ENCODE[fmt],
        "pipe:1",
    ]
    return subprocess.run(cmd, input=pcm, capture_output=True, check=True, timeout=60).stdout


# ── probing (for tests) ──────────────────────────────────────────────────────────────────────────


def probe_video(path: Path) -> dict[str, Any]:
    """codec, width, height, duration_s of a video: ffprobe when installed, else the ffmpeg banner."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe:
        run = subprocess.run(
            [ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries",
             "stream=codec_name,width,height:format=duration", "-of", "json", str(path)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        info = json.loads(run.stdout or "{}")
        stream = (info.get("streams") or [{}])[0]
        return {
            "codec": stream.get("codec_name"),
            "width": stream.get("width"),
            "height": stream.get("height"),
            "duration_s": float(info.get("format", {}).get("duration", 0)),
        }
    run = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True, timeout=30
    )
    dur = re.search(r"Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)", run.stderr)
    video = re.search(r"Video:\s*(\w+).*?,\s*(\d{2,5})x(\d{2,5})", run.stderr)
    return {
        "codec": video.group(1) if video else None,
        "width": int(video.group(2)) if video else None,
        "height": int(video.group(3)) if video else None,
        "duration_s": (int(dur.group(1)) * 3600 + int(dur.group(2)) * 60 + float(dur.group(3)))
        if dur
        else 0.0,
    }
