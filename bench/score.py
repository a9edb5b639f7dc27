"""Seconds to score a 6 s 720x1280 clip offline (target ≤ 1.2 s) and to score 8 image-lab images.

Run: .venv/bin/python bench/score.py   (prints the figures; the clip is a textured pan encoded like ours)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.providers.offline import ProceduralPainter
from studio.providers.ports import ImageRequest
from studio.quality import score_video
from studio.quality.frames import write_video
from studio.quality.image_scores import score_images

RUNS = 5


def ad_like_clip(path: Path, seconds: float = 6.0, fps: int = 30) -> Path:
    """A slow push-in and pan over a detailed 720x1280 picture, H.264 CRF 20 (what our renderer writes)."""
    rng = np.random.default_rng(0)
    coarse = rng.random((60, 40, 3)).astype(np.float32)
    world = (cv2.resize(coarse, (1000, 1600), interpolation=cv2.INTER_CUBIC) * 220 + 20).clip(0, 255)
    world = world.astype(np.uint8)
    for _ in range(120):
        x, y = int(rng.integers(0, 1000)), int(rng.integers(0, 1600))
        cv2.circle(
            world, (x, y), int(rng.integers(8, 60)), tuple(int(c) for c in rng.integers(0, 256, 3)), -1
        )
    n = int(seconds * fps)
    frames = np.empty((n, 1280, 720, 3), np.uint8)
    for i in range(n):
        t = i / (n - 1)
        scale = 1.0 + 0.15 * t
        w, h = int(720 / scale * 1.2), int(1280 / scale * 1.2)
        x0, y0 = int(40 + 120 * t), int(40 + 60 * t)
        frames[i] = cv2.resize(world[y0 : y0 + h, x0 : x0 + w], (720, 1280), interpolation=cv2.INTER_LINEAR)
    return write_video(path, frames, fps=fps, crf=20)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        clip = ad_like_clip(tmpdir / "clip.mp4")
        score_video(clip)  # warm-up: imports, OpenCV initialisation
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            report = score_video(clip)
            times.append(time.perf_counter() - t0)
        print(
            f"score_video, 6 s 720x1280 clip offline: median {statistics.median(times):.3f} s, "
            f"best {min(times):.3f} s over {RUNS} runs (target <= 1.2 s); overall {report.overall}"
        )

        painter = ProceduralPainter()
        paths = []
        for seed in range(8):
            img = painter.generate(
                ImageRequest(prompt="A red running shoe on a trail", width=720, height=720, seed=seed)
            )
            paths.append(tmpdir / f"img_{seed}.png")
            paths[-1].write_bytes(img.png)
        score_images(paths, "A red running shoe on a trail")
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            score_images(paths, "A red running shoe on a trail")
            times.append(time.perf_counter() - t0)
        print(
            f"score_images, 8 images 720x720 offline (pixels): median {statistics.median(times):.3f} s, "
            f"best {min(times):.3f} s over {RUNS} runs"
        )


if __name__ == "__main__":
    main()
