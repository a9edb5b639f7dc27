"""A delivery pack for 4 placements, validated file by file: names, checksums, sizes, durations, captions
inside each safe zone in every frame, SRT/WebVTT that parse and follow the voice within 100 ms."""

from __future__ import annotations

import hashlib
import json
import re
import wave
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio.delivery import build_pack
from studio.delivery.naming import safe_part
from studio.models import frame_size
from studio.pipeline.assemble import seconds_in_ad
from studio.render.captions import VOICE_LEAD_S
from studio.render.ffmpeg import read_frames
from studio.render.safe_zones import safe_box
from tests.delivery.checks import ParsedCue, ffprobe, magenta_box, parse_srt, parse_vtt, voiced_frames
from tests.delivery.conftest import PLACEMENTS, Pack

KINDS = {"video": ".mp4", "poster": "_poster.jpg", "captions_srt": ".srt", "captions_webvtt": ".vtt",
         "preview": "_preview.png"}  # fmt: skip
CHROMA_BLEED_PX = 2
"""yuv420p stores colour at half resolution: a plate's colour may spread this far past its edge."""


def _videos(pack: Pack) -> dict[str, dict]:
    return {p["placement"]: p for p in pack.manifest["placements"]}


def test_the_pack_holds_each_placements_files_named_by_the_pattern(pack: Pack) -> None:
    brand = safe_part(pack.gen.story.product_name)
    assert brand and brand != "x"
    names = re.compile(
        rf"^{re.escape(brand)}_Spring-Sale_A-1_({'|'.join(PLACEMENTS)})_\d{{8}}"
        r"(\.mp4|_poster\.jpg|\.srt|\.vtt|_preview\.png)$"
    )
    with zipfile.ZipFile(pack.zip_path) as z:
        listed = sorted(z.namelist())
    files = pack.manifest["files"]
    assert listed == sorted(["manifest.json", *(f["file"] for f in files)])
    assert len(files) == 5 * len(PLACEMENTS)
    for f in files:
        assert names.match(f["file"]), f["file"]
        assert f["file"].split("_")[3] == f["placement"]
        assert f["file"].endswith(KINDS[f["kind"]])
    assert [p["placement"] for p in pack.manifest["placements"]] == PLACEMENTS
    assert pack.manifest["names"]["campaign"] == "Spring Sale!"  # as typed; only file names are made safe


def test_every_checksum_and_size_in_the_manifest_matches_the_file(pack: Pack) -> None:
    for f in pack.manifest["files"]:
        data = (pack.files / f["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"], f["file"]
        assert len(data) == f["bytes"]


def test_each_rendition_has_its_placements_size_and_the_ads_duration(pack: Pack) -> None:
    source = pack.gen
    assert source.ad is not None
    videos = _videos(pack)
    for name, p in videos.items():
        w, h = frame_size(p["aspect_ratio"], "360p")
        probed = ffprobe(pack.files / p["file"])
        print(f"{name}: {probed['width']}x{probed['height']} {probed['duration']:.3f} s")
        assert (probed["width"], probed["height"]) == (w, h) == (p["width"], p["height"])
        assert abs(probed["duration"] - source.ad.duration_s) < 0.1
        assert probed["duration"] <= p["max_duration_s"]
        stem = p["file"].removesuffix(".mp4")
        assert Image.open(pack.files / f"{stem}_poster.jpg").size == (w, h)
        assert Image.open(pack.files / f"{stem}_preview.png").size == (w, h)
    # one rendition per shape: TikTok and Reels share the ad itself, the others were made from its scenes
    assert videos["tiktok"]["generation_id"] == videos["reels"]["generation_id"] == source.id
    others = {videos["feed45"]["generation_id"], videos["youtube"]["generation_id"]}
    assert len(others) == 2 and source.id not in others
    for gen_id in others:
        made = pack.studio.store.get(gen_id)
        assert [s.voiceover for s in made.scenes] == [s.voiceover for s in source.scenes]


def test_captions_stay_inside_each_placements_safe_zone_in_every_frame(pack: Pack) -> None:
    seen: set[str] = set()
    for p in pack.manifest["placements"]:
        if p["generation_id"] in seen:
            continue
        seen.add(p["generation_id"])
        w, h = p["width"], p["height"]
        zone = safe_box(w, h, p["aspect_ratio"])
        assert p["safe_zone"] == {"x": zone.x, "y": zone.y, "width": zone.w, "height": zone.h}
        frames = captioned = 0
        for i, frame in enumerate(read_frames(pack.files / p["file"], w, h)):
            frames += 1
            box = magenta_box(frame)
            if box is None:
                continue
            captioned += 1
            x0, y0, x1, y1 = box
            inside = (
                x0 >= zone.x - CHROMA_BLEED_PX
                and y0 >= zone.y - CHROMA_BLEED_PX
                and x1 <= zone.right + CHROMA_BLEED_PX
                and y1 <= zone.bottom + CHROMA_BLEED_PX
            )
            assert inside, f"{p['placement']} frame {i}: caption {box} outside the safe zone {zone}"
        print(f"{p['aspect_ratio']}: captions in {captioned}/{frames} frames, all inside {zone}")
        assert frames >= 30 * 5
        assert captioned >= frames * 0.3  # the detector does find the captions


def _pair(pack: Pack, placement: str) -> tuple[list[ParsedCue], list[ParsedCue]]:
    stem = _videos(pack)[placement]["file"].removesuffix(".mp4")
    srt = parse_srt((pack.files / f"{stem}.srt").read_text(encoding="utf-8"))
    vtt = parse_vtt((pack.files / f"{stem}.vtt").read_text(encoding="utf-8"))
    return srt, vtt


def test_srt_and_webvtt_parse_agree_and_carry_the_whole_voiceover(pack: Pack) -> None:
    words = " ".join(s.voiceover for s in pack.gen.scenes).split()
    for placement in PLACEMENTS:
        srt, vtt = _pair(pack, placement)
        assert srt == vtt
        assert " ".join(c.text for c in srt).split() == words
        entry = next(
            f for f in pack.manifest["files"] if f["placement"] == placement and f["kind"] == "captions_srt"
        )
        assert entry["cues"] == len(srt) and entry["timing"] == "voice"


def _voice_span(path: Path, db: float = -40.0) -> tuple[float, float]:
    """First and last 10 ms of a voice WAV louder than `db` below its loudest 10 ms (the test's own)."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        x = np.frombuffer(w.readframes(w.getnframes()), np.int16).astype(np.float64) / 32768
        x = x.reshape(-1, w.getnchannels()).mean(axis=1)
        hop = w.getframerate() // 100
    n = len(x) // hop
    rms = np.sqrt((x[: n * hop].reshape(n, hop) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms >= rms.max() * 10 ** (db / 20))
    return loud[0] / 100, (loud[-1] + 1) / 100


def _cue_errors(pack: Pack, placement: str) -> list[float]:
    """Per scene: |first cue start - voice onset| and |last cue end - voice offset| in seconds, the voice
    read from its WAV and placed where the mix puts it (its clip's start + VOICE_LEAD_S). A voice still
    speaking when the next scene's voice starts ends its cue there (cues never overlap)."""
    p = _videos(pack)[placement]
    gen = pack.studio.store.get(p["generation_id"])
    media = pack.studio.ctx.providers.media
    srt, _ = _pair(pack, placement)
    clips = {c.scene_id: c for c in gen.clips}
    spans, at = [], 0.0
    for scene in gen.scenes:
        clip = clips[scene.id]
        assert clip.voice_location, f"scene {scene.id} has no voice"
        on, off = _voice_span(media.local_path(clip.voice_location))
        spans.append((at + VOICE_LEAD_S + on, at + VOICE_LEAD_S + off))
        at += seconds_in_ad(scene, clip)
    errors = []
    for k, (onset, offset) in enumerate(spans):
        end = min(offset, spans[k + 1][0]) if k + 1 < len(spans) else offset
        mine = [c for c in srt if onset - 0.1 <= c.start_s < end]
        assert mine, f"no cue for the voice at {onset:.2f}-{end:.2f} s"
        errors += [abs(mine[0].start_s - onset), abs(mine[-1].end_s - end)]
    return errors


@pytest.mark.parametrize("placement", ["tiktok", "feed45", "youtube"])
def test_cue_times_follow_each_voice_within_100_ms(pack: Pack, placement: str) -> None:
    errors = _cue_errors(pack, placement)
    print(f"{placement}: cue vs voice file errors (ms) {[round(e * 1000) for e in errors]}")
    assert len(errors) == 2 * len(pack.gen.scenes)
    assert max(errors) <= 0.100


@pytest.mark.parametrize("placement", ["tiktok", "feed45", "youtube"])
def test_cues_follow_the_sound_of_the_delivered_file_within_100_ms(pack: Pack, placement: str) -> None:
    """Music is off in these tests, so the MP4's sound is the voice: the first cue starts as it starts,
    the last ends as it ends, and every cue starts within 100 ms of speech."""
    p = _videos(pack)[placement]
    voiced = np.flatnonzero(voiced_frames(pack.files / p["file"])) / 100
    srt, _ = _pair(pack, placement)
    first, last = voiced[0], voiced[-1] + 0.01
    errors = [abs(srt[0].start_s - first), abs(srt[-1].end_s - last)]
    errors += [float(np.abs(voiced - c.start_s).min()) for c in srt]
    print(f"{placement}: cue vs delivered sound errors (ms) {[round(e * 1000) for e in errors]}")
    assert max(errors) <= 0.100


def test_a_second_pack_reuses_the_renditions(pack: Pack, tmp_path: Path) -> None:
    first = {p["placement"]: p["generation_id"] for p in pack.manifest["placements"]}
    again = build_pack(pack.studio, pack.gen.id, ["youtube", "feed45"], "{placement}-{id}", out_dir=tmp_path)
    with zipfile.ZipFile(again) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert sorted(z.namelist()) == sorted(
            [
                "manifest.json",
                *(f"{pl}-{pack.gen.id}{s}" for pl in ("youtube", "feed45") for s in KINDS.values()),
            ]
        )
    assert {p["placement"]: p["generation_id"] for p in manifest["placements"]} == {
        "youtube": first["youtube"],
        "feed45": first["feed45"],
    }
    print(f"first pack {pack.seconds:.1f} s")
