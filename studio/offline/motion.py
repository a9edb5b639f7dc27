"""The offline video model: one scene composed frame by frame and streamed to ffmpeg."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from studio.errors import Cancelled
from studio.models import OnProgress
from studio.render.compositor import SceneComposer, SceneInputs
from studio.render.ffmpeg import FrameWriter

log = logging.getLogger(__name__)


def render_scene(
    inputs: SceneInputs,
    path: Path,
    last_path: Path,
    on_progress: OnProgress,
    cancelled: Callable[[], bool],
) -> tuple[int, Path | None]:
    """Compose the scene frame by frame into an MP4 at `path` and its last frame as a PNG.

    Returns the frame count and the last frame's path (None if it could not be saved). Stops with
    `Cancelled` when `cancelled()` turns true; the writer then drops its half-written file.
    """
    # one OpenCV thread per render: clips already run in parallel, and more threads were slower
    cv2.setNumThreads(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    sid = inputs.scene.id
    on_progress(0.0, f"Scene {sid}: composing")
    # ffmpeg starts first: it loads while the scene's layers are built, and the last frame's PNG is
    # written while it encodes the frames still in its queue
    with FrameWriter(path, inputs.width, inputs.height, fps=inputs.fps, channels=4) as writer:
        composer = SceneComposer(inputs)
        n = composer.n_frames
        frame = np.empty((inputs.height, inputs.width, 4), np.uint8)
        step = max(1, n // 20)
        for i in range(n):
            composer.compose(i, frame)
            writer.write(frame)
            if (i + 1) % step == 0 or i + 1 == n:
                on_progress((i + 1) / n, f"Scene {sid}: frame {i + 1} of {n}")
                if cancelled():
                    raise Cancelled(f"Scene {sid} was stopped at frame {i + 1} of {n}.")
        saved = cv2.imwrite(str(last_path), cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR))
    if not saved:
        log.warning("could not save the last frame of scene %s to %s", sid, last_path)
        return n, None
    return n, last_path
