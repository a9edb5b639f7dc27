"""The offline video model: one scene composed frame by frame and streamed to ffmpeg."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import cv2
import numpy as np

from studio.errors import Cancelled
from studio.providers.ports import ClipRequest, ClipResult
from studio.render.compositor import SceneComposer, SceneInputs
from studio.render.ffmpeg import FrameWriter
from studio.run import Run

log = logging.getLogger(__name__)


def _first(request: ClipRequest, kind: str) -> Path | None:
    for ref, path in zip(request.references, request.reference_paths, strict=False):
        if ref.kind == kind and Path(path).exists():
            return Path(path)
    return None


def scene_inputs(request: ClipRequest) -> SceneInputs:
    """The compositor's inputs for a clip request (first reference of each kind)."""
    logo = (
        request.logo_path
        if request.logo_path and Path(request.logo_path).exists()
        else _first(request, "logo")
    )
    return SceneInputs(
        scene=request.scene,
        width=request.width,
        height=request.height,
        aspect_ratio=request.aspect_ratio,
        fps=request.fps,
        seed=request.seed,
        palette=list(request.palette),
        environment=_first(request, "environment"),
        product=_first(request, "product"),
        character=_first(request, "character"),
        logo=logo,
        start_frame=request.start_frame,
        voice_duration_s=request.voice_duration_s,
    )


class MotionRenderer:
    """Camera moves, a floating product with parallax, kinetic type and captions, with no key at all."""

    name = "offline motion renderer"
    max_parallel = max(1, (os.cpu_count() or 2) // 2)
    """Renders at once in this process, across all generations. Each render keeps two cores busy
    (this thread composing, ffmpeg encoding) and holds an ffmpeg of ~140 MB at 720p: on 2 cores one at a
    time measured 96 fps and 350 MB where two at a time gave 72 fps and 500 MB (bench/render.py)."""
    _slots = threading.BoundedSemaphore(max_parallel)

    def render_clip(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Render the scene's clip to out_dir/scene_<id>.mp4 and its last frame to a PNG beside it."""
        with self._slots:
            return self._render(request, out_dir, run)

    def _render(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        # one OpenCV thread per render: clips already run in parallel, and more threads were slower
        cv2.setNumThreads(1)
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        sid = request.scene.id
        path = out_dir / f"scene_{sid:02d}.mp4"
        last_path = out_dir / f"scene_{sid:02d}_last.png"
        composer = SceneComposer(scene_inputs(request))
        n = composer.n_frames
        frame = np.empty((request.height, request.width, 4), np.uint8)
        step = max(1, n // 20)
        run.progress(0.0, f"Scene {sid}: composing")
        with FrameWriter(path, request.width, request.height, fps=request.fps, channels=4) as writer:
            for i in range(n):
                composer.compose(i, frame)
                writer.write(frame)
                if (i + 1) % step == 0 or i + 1 == n:
                    run.progress((i + 1) / n, f"Scene {sid}: frame {i + 1} of {n}")
                    if run.cancelled():  # Stop: the writer drops its half-written file
                        raise Cancelled(f"Scene {sid} was stopped at frame {i + 1} of {n}.")
        if not cv2.imwrite(str(last_path), cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)):
            log.warning("could not save the last frame of scene %s to %s", sid, last_path)
            last_path = None  # type: ignore[assignment]
        return ClipResult(
            path=path,
            duration_s=n / request.fps,
            model=self.name,
            seed_applied=True,
            finished_frames=True,
            last_frame=last_path,
        )
