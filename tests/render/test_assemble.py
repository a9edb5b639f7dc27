from __future__ import annotations

import wave
from pathlib import Path

import cv2
import numpy as np
import pytest

from studio.models import END_CARD_S
from studio.providers.offline import MotionRenderer
from studio.render.assemble import assemble_ad
from studio.render.assembly import AdAssembly, AssemblyClip
from studio.render.audio import read_wav
from studio.render.ffmpeg import extract_frame, probe, run_ffmpeg
from studio.render.loudness import integrated_loudness
from studio.run import Run
from tests.render.helpers import PALETTE, clip_request, decode, draw_references, scene


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[AssemblyClip]:
    """Two offline clips (1 s each) with a voice-like WAV for the first."""
    folder = tmp_path_factory.mktemp("clips")
    refs = draw_references(folder / "refs")
    clips = []
    last = None
    for sid, transition in ((1, "cut"), (2, "crossfade")):
        sc = scene(sid, transition_in=transition)
        result = MotionRenderer().render_clip(
            clip_request(refs, sc, start_frame=last), folder, Run(None)
        )
        last = result.last_frame
        clips.append(
            AssemblyClip(path=result.path, scene=sc, duration_s=result.duration_s, finished_frames=True)
        )
    voice = folder / "voice.wav"
    t = np.arange(22050) / 22050
    with wave.open(str(voice), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes((0.3 * np.sign(np.sin(2 * np.pi * 150 * t)) * 32767).astype("<i2").tobytes())
    clips[0] = clips[0].model_copy(update={"voice_path": voice, "voice_duration_s": 0.7})
    return clips


def _request(clips: list[AssemblyClip], refs_logo: Path | None = None) -> AdAssembly:
    return AdAssembly(
        clips=clips, width=180, height=320, aspect_ratio="9:16", palette=PALETTE, product_name="Sunny Juice",
        call_to_action="Order today", logo_path=refs_logo, tone="energetic", seed=5,
        voice=True, music=True, end_card=True,
    )  # fmt: skip


def _loudness_of(path: Path, tmp: Path) -> float:
    wav = tmp / "decoded.wav"
    run_ffmpeg(["-i", str(path), "-vn", "-c:a", "pcm_s16le", "-ar", "48000", str(wav)])
    x, rate = read_wav(wav, mono=False)
    return integrated_loudness(x, rate)


def test_finished_clips_join_with_end_card_and_aac(rendered: list[AssemblyClip], tmp_path: Path) -> None:
    ad = assemble_ad(_request(rendered), tmp_path / "ad.mp4", tmp_path / "poster.jpg", lambda f, m: None)
    info = probe(ad.path)
    assert (info.video_codec, info.pix_fmt, info.fps, info.audio_codec) == ("h264", "yuv420p", 30.0, "aac")
    expected = sum(c.duration_s for c in rendered) + END_CARD_S
    assert ad.duration_s == pytest.approx(expected, rel=0.1)
    assert len(decode(ad.path, 180, 320)) == round(expected * 30)
    assert ad.has_voice and ad.has_music and ad.end_card
    assert cv2.imread(str(ad.poster)).shape == (320, 180, 3)
    assert _loudness_of(ad.path, tmp_path) == pytest.approx(-14.0, abs=1.0)
    # the moov atom comes first (faststart): a browser can start playing at once
    head = ad.path.read_bytes()[:4096]
    assert head.find(b"moov") != -1 and (head.find(b"mdat") == -1 or head.find(b"moov") < head.find(b"mdat"))


def test_provider_clips_are_fitted_and_joined(rendered: list[AssemblyClip], tmp_path: Path) -> None:
    # a provider clip at another size and frame rate, with its own sound
    other = tmp_path / "provider.mp4"
    run_ffmpeg([
        "-f", "lavfi", "-i", "testsrc=size=320x240:rate=24:duration=1.5",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=1.5",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(other),
    ])  # fmt: skip
    clips = [
        AssemblyClip(path=other, scene=scene(1, transition_in="cut"), duration_s=1.5, finished_frames=False),
        rendered[1].model_copy(update={"finished_frames": False}),
    ]
    request = _request(clips).model_copy(update={"voice": False})
    ad = assemble_ad(request, tmp_path / "ad.mp4", tmp_path / "poster.jpg", lambda f, m: None)
    info = probe(ad.path)
    assert (info.width, info.height, info.fps, info.audio_codec) == (180, 320, 30.0, "aac")
    assert ad.duration_s == pytest.approx(1.5 + 1.0 + END_CARD_S, rel=0.1)
    frame = decode(ad.path, 180, 320)[10].astype(int)
    # fitted, not stretched: 320x240 at width 180 is 135 high, so bars above and below
    assert np.abs(frame[:80] - frame[0, 0]).max() < 12 and np.abs(frame[120:200] - frame[0, 0]).max() > 60
    assert not ad.has_voice
    assert _loudness_of(ad.path, tmp_path) == pytest.approx(-14.0, abs=1.0)


def test_the_poster_of_joined_clips_is_the_ads_frame(rendered: list[AssemblyClip], tmp_path: Path) -> None:
    # taken from the first clip while the end card renders: the ad carries that clip's frames as they are,
    # so the poster is what the ad itself shows at that moment, byte for byte
    ad = assemble_ad(_request(rendered), tmp_path / "ad.mp4", tmp_path / "poster.jpg", lambda f, m: None)
    from_ad = extract_frame(ad.path, tmp_path / "from_ad.jpg", at_s=rendered[0].duration_s * 0.7)
    assert ad.poster.read_bytes() == from_ad.read_bytes()
