"""Benchmark the offline video engine against ffmpeg's own encoding speed, and its memory.

    .venv/bin/python bench/render.py [--width 720 --height 1280] [--durations 15,120] [--json]

Renders a 30 s ad the way the job runner does (clips two at a time in a thread pool, then assemble_ad),
then, in the same run, feeds ffmpeg the same number of prepared frames with the same settings (the limit).
Peak memory is the sum of the resident memory of this process and all its children, sampled every 50 ms.
Reference inputs are drawn here, so the bench depends on nothing but the render engine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import psutil
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.models import ReferenceImage, Scene
from studio.providers.offline import EspeakSpeech, MotionRenderer
from studio.providers.ports import ClipRequest, SpeechRequest
from studio.render.assemble import assemble_ad
from studio.render.assembly import AdAssembly, AssemblyClip
from studio.render.compositor import SceneComposer
from studio.render.ffmpeg import FrameWriter, read_frames
from studio.run import Run

PARALLEL = MotionRenderer.max_parallel  # as many clips at once as the orchestrator runs offline
PALETTE = ["#1b4965", "#5fa8d3", "#ffb703"]
MOVES = ["push_in", "pan_left", "parallax", "pull_out", "pan_right", "static", "push_in", "parallax"]
TRANSITIONS = ["cut", "crossfade", "slide", "crossfade", "cut", "slide", "crossfade", "cut"]
HEADLINES = ["Mornings, sorted", "Smooth. Bold.", "Cold brew delivered", "No mess", "First box free",
             "Join us", "Better coffee", "Order now"]  # fmt: skip
LINES = [
    "Mornings are hard enough.",
    "Your coffee should not be.",
    "Brewed cold for twelve hours, smooth and bold.",
    "Delivered to your door every week.",
    "No machines, no mess, just pour.",
    "Order today and get your first box free.",
    "Join thousands of happy sippers.",
    "Wake up to better coffee.",
]


class PeakMemory:
    """Samples the resident memory of this process and its children; keeps the peak of the sum."""

    def __init__(self, interval_s: float = 0.05) -> None:
        self.interval_s = interval_s
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> tuple[int, list[int]]:
        me = psutil.Process()
        parts = [me.memory_info().rss]
        for child in me.children(recursive=True):
            try:
                parts.append(child.memory_info().rss)
            except psutil.Error:
                pass
        return sum(parts), parts

    def _run(self) -> None:
        self.breakdown_mb: list[float] = []
        while not self._stop.is_set():
            total, parts = self._sample()
            if total > self.peak:
                # this process first, then each child (ffmpeg) at the moment of the peak
                self.peak, self.breakdown_mb = total, [round(p / 2**20) for p in parts]
            self._stop.wait(self.interval_s)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


def draw_references(folder: Path) -> dict[str, Path]:
    """A bottle on a transparent background, a gradient environment and a logo."""
    folder.mkdir(parents=True, exist_ok=True)
    p = Image.new("RGBA", (600, 900), (0, 0, 0, 0))
    d = ImageDraw.Draw(p)
    d.rounded_rectangle((170, 200, 430, 860), 60, fill=(40, 30, 25, 255))
    d.rectangle((240, 60, 360, 210), fill=(200, 200, 205, 255))
    d.rounded_rectangle((190, 420, 410, 640), 20, fill=(255, 183, 3, 255))
    d.text((230, 500), "COLD BREW", fill=(30, 30, 30, 255))
    p.save(folder / "product.png")
    h, w = 1000, 800
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    env = np.zeros((h, w, 3), np.float32)
    env[..., 0] = 30 + 120 * xx / w
    env[..., 1] = 70 + 90 * yy / h
    env[..., 2] = 110 + 80 * (1 - yy / h)
    cv2.circle(env, (560, 300), 180, (250, 230, 200), -1)
    env = cv2.GaussianBlur(env, (0, 0), 25)
    Image.fromarray(np.clip(env, 0, 255).astype(np.uint8)).save(folder / "environment.jpg", quality=90)
    logo = Image.new("RGBA", (400, 160), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rounded_rectangle((10, 10, 390, 150), 30, fill=(255, 255, 255, 255))
    logo.save(folder / "logo.png")
    return {
        "product": folder / "product.png",
        "environment": folder / "environment.jpg",
        "logo": folder / "logo.png",
    }


def make_scenes(duration_s: float) -> list[Scene]:
    count = max(3, min(8, round(duration_s / 5)))
    each = duration_s / count
    return [
        Scene(
            id=i + 1,
            description="a bottle of cold brew",
            on_screen_text=HEADLINES[i],
            voiceover=LINES[i],
            duration_s=each,
            camera_move=MOVES[i],  # type: ignore[arg-type]
            transition_in=TRANSITIONS[i],  # type: ignore[arg-type]
        )
        for i in range(count)
    ]  # fmt: skip


def render_ad(duration_s: float, width: int, height: int, work: Path, refs: dict[str, Path]) -> dict:
    """Render one ad the way the job runner does; return timings and the frame count."""
    scenes = make_scenes(duration_s)
    speech = EspeakSpeech()
    out = work / f"ad_{int(duration_s)}s"
    out.mkdir(parents=True, exist_ok=True)
    references = [ReferenceImage(location=k, kind=k, source="brand") for k in ("product", "environment")]  # type: ignore[arg-type]

    def one(sc: Scene) -> AssemblyClip:
        voice, voice_s = None, None
        if speech.available:
            voice = out / f"voice_{sc.id}.wav"
            voice_s = speech.synthesize(SpeechRequest(text=sc.voiceover, out_path=voice), Run.detached())
        request = ClipRequest(
            generation_id="bench", scene=sc, scene_index=sc.id - 1, scene_count=len(scenes), prompt="bench",
            references=references, reference_paths=[refs["product"], refs["environment"]],
            logo_path=refs["logo"],
            seed=42, width=width, height=height, aspect_ratio="9:16" if height > width else "16:9",
            palette=PALETTE, product_name="Northwind Cold Brew", tone="confident", voice_duration_s=voice_s,
        )  # fmt: skip
        r = MotionRenderer().render_clip(request, out, Run.detached())
        return AssemblyClip(path=r.path, scene=sc, duration_s=r.duration_s, finished_frames=True,
                            voice_path=voice, voice_duration_s=voice_s,
                            last_frame=r.last_frame)  # fmt: skip

    with PeakMemory() as mem:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            clips = list(pool.map(one, scenes))
        t_clips = time.perf_counter() - t0
        request = AdAssembly(
            clips=clips, width=width, height=height, aspect_ratio="9:16" if height > width else "16:9",
            palette=PALETTE, product_name="Northwind Cold Brew", call_to_action="Order at northwind.example",
            logo_path=refs["logo"], tone="confident", seed=42, voice=True, music=True, end_card=True,
        )  # fmt: skip
        ad = assemble_ad(request, out / "ad.mp4", out / "poster.jpg", lambda f, m: None)
        seconds = time.perf_counter() - t0
    frames = round(ad.duration_s * 30)
    return {
        "ad_duration_s": ad.duration_s,
        "frames": frames,
        "seconds": seconds,
        "clips_seconds": t_clips,
        "assemble_seconds": seconds - t_clips,
        "fps": frames / seconds,
        "peak_mb": mem.peak_mb,
        "peak_breakdown_mb": mem.breakdown_mb,
        "path": str(ad.path),
        "has_voice": ad.has_voice,
    }


def encode_limit(ad_path: Path, frames: int, width: int, height: int, work: Path) -> dict:
    """ffmpeg alone: as many prepared frames (60 real ones, played back and forth), same settings."""
    source = []
    for i, f in enumerate(read_frames(ad_path, width, height)):
        if i >= 150:
            source.append(cv2.cvtColor(f, cv2.COLOR_BGR2BGRA))
        if len(source) == 60:
            break
    loop = source + source[::-1]
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        with FrameWriter(work / "limit.mp4", width, height, fps=30, channels=4) as w:
            for i in range(frames):
                w.write(loop[i % len(loop)])
        seconds = time.perf_counter() - t0
    return {"frames": frames, "seconds": seconds, "fps": frames / seconds, "peak_mb": mem.peak_mb}


def compose_profile(width: int, height: int, refs: dict[str, Path]) -> dict:
    """Milliseconds per frame spent composing (no encode), for one 5 s scene."""
    from studio.providers.offline import scene_inputs

    sc = make_scenes(30)[2]
    request = ClipRequest(
        generation_id="bench", scene=sc, scene_index=0, scene_count=1, prompt="bench",
        references=[ReferenceImage(location=k, kind=k, source="brand") for k in ("product", "environment")],  # type: ignore[arg-type]
        reference_paths=[refs["product"], refs["environment"]], logo_path=refs["logo"], seed=42,
        width=width, height=height, aspect_ratio="9:16", palette=PALETTE,
    )  # fmt: skip
    cv2.setNumThreads(1)
    t0 = time.perf_counter()
    composer = SceneComposer(scene_inputs(request))
    setup = time.perf_counter() - t0
    frame = np.empty((height, width, 4), np.uint8)
    t0 = time.perf_counter()
    for i in range(composer.n_frames):
        composer.compose(i, frame)
    per = (time.perf_counter() - t0) / composer.n_frames
    return {"compose_ms_per_frame": per * 1000, "scene_setup_ms": setup * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--width", type=int, default=720)
    ap.add_argument("--height", type=int, default=1280)
    ap.add_argument("--durations", default="15,120", help="extra ad lengths for the memory check")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--parallel", type=int, default=MotionRenderer.max_parallel, help="clips at once")
    args = ap.parse_args()
    global PARALLEL
    PARALLEL = args.parallel
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        work = Path(tmp)
        refs = draw_references(work / "refs")
        main_run = render_ad(30, args.width, args.height, work, refs)
        limit = encode_limit(Path(main_run["path"]), main_run["frames"], args.width, args.height, work)
        profile = compose_profile(args.width, args.height, refs)
        others = {}
        for d in [float(x) for x in args.durations.split(",") if x.strip()]:
            r = render_ad(d, args.width, args.height, work, refs)
            others[f"{int(d)}s"] = {k: r[k] for k in ("seconds", "fps", "peak_mb", "peak_breakdown_mb")}
    result = {
        "size": f"{args.width}x{args.height}",
        "ad_30s": {k: v for k, v in main_run.items() if k != "path"},
        "ffmpeg_limit": limit,
        "ratio_to_limit": main_run["fps"] / limit["fps"],
        "compose": profile,
        "memory_by_length_mb": {"30s": main_run["peak_mb"], **{k: v["peak_mb"] for k, v in others.items()}},
        "others": others,
        "cpus": psutil.cpu_count(),
        "load_average": psutil.getloadavg(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    a = main_run
    print(
        f"30 s ad at {args.width}x{args.height}: {a['seconds']:.1f} s ({a['clips_seconds']:.1f} s clips, "
        f"{a['assemble_seconds']:.1f} s assembly), {a['frames']} frames, {a['fps']:.1f} fps"
    )
    print(
        f"ffmpeg alone, same frames and settings: {limit['fps']:.1f} fps"
        f" -> ratio {result['ratio_to_limit']:.0%}"
    )
    print(
        f"compose only: {profile['compose_ms_per_frame']:.2f} ms/frame"
        f" (scene setup {profile['scene_setup_ms']:.0f} ms)"
    )
    print(
        "peak memory, all processes: "
        + ", ".join(f"{k} {v:.0f} MB" for k, v in result["memory_by_length_mb"].items())
    )
    at_peak = [f"30s {a['peak_breakdown_mb']}"] + [f"{k} {v['peak_breakdown_mb']}" for k, v in others.items()]
    print("  at each peak, MB (this process, then each ffmpeg): " + ", ".join(at_peak))
    print(f"machine: {result['cpus']} CPUs, load average {result['load_average'][0]:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
