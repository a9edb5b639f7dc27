"""The offline adapters: each port served by the embedded engine (`studio/offline/`), with no key.

Thin on purpose: they turn a port's request into the engine's arguments and its answer into the port's
result. Offline work costs nothing, so the Run is accepted and only its Stop and progress are used.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from studio.models import ReferenceAnalysis
from studio.offline.analyst import describe
from studio.offline.inpaint import telea_inpaint
from studio.offline.motion import render_scene
from studio.offline.painter import paint
from studio.offline.speech import Espeak, list_voices
from studio.offline.words.visuals import scene_subject
from studio.offline.writer import AdWriter
from studio.providers.ports import (
    ClipRequest,
    ClipResult,
    GeneratedImage,
    ImageRequest,
    InpaintRequest,
    SpeechRequest,
    TextRequest,
    VisionRequest,
)
from studio.render.compositor import SceneInputs
from studio.render.word_timing import load_timings
from studio.run import Run
from studio.seeds import derive

T = TypeVar("T", bound=BaseModel)


class OfflineWriter:
    """TextModel port: the engine's rule-based ad writer."""

    name = "offline writer"

    def __init__(self) -> None:
        self._writer = AdWriter()

    def generate(self, request: TextRequest, output_type: type[T], run: Run | None = None) -> T:
        """Run the request's text task on its variables and return it as `output_type`."""
        result = self._writer.write(request.task, request.variables())
        if isinstance(result, output_type):
            return result
        data = result.model_dump() if isinstance(result, BaseModel) else result
        return output_type.model_validate(data)


class PixelAnalyst:
    """VisionModel port: a reference described from its measured palette, light, style and setting."""

    name = "pixel analyst"
    max_parallel = max(1, os.cpu_count() or 1)
    """Analyses at once: pixel work on this machine's cores (studio/providers/limits.py)."""

    def analyze(self, request: VisionRequest, run: Run | None = None) -> ReferenceAnalysis:
        return describe(request.image_path, request.kind, request.hint)


class ProceduralPainter:
    """ImageModel port: the engine's painter (product, character, environment, hero)."""

    name = "offline painter"
    max_parallel = max(1, os.cpu_count() or 1)
    """Pictures painted at once: numpy work on this machine's cores (studio/providers/limits.py)."""

    def generate(self, request: ImageRequest, run: Run | None = None) -> GeneratedImage:
        """Paint the reference the request describes, deterministically from its seed."""
        png = paint(
            request.role,
            (request.width, request.height),
            request.prompt,
            request.palette,
            request.title,
            request.seed,
        )
        return GeneratedImage(png=png, model=self.name, seed=request.seed)


class OpenCVInpainter:
    """InpaintModel port: fills the white part of the mask from the pixels around it (no prompt used)."""

    name = "opencv inpaint"

    def inpaint(self, request: InpaintRequest, run: Run | None = None) -> GeneratedImage:
        png = telea_inpaint(request.image, request.mask)
        return GeneratedImage(png=png, model=self.name, seed=request.seed)


class EspeakSpeech:
    """SpeechModel port: espeak-ng when it is installed (else the ad has captions only)."""

    name = Espeak.name

    def __init__(self, binary: str = "espeak-ng", voice: str = "en-us", timeout_s: float = 60.0) -> None:
        self._espeak = Espeak(binary, voice, timeout_s)

    @property
    def available(self) -> bool:
        return self._espeak.available

    @property
    def voices(self) -> tuple[str, ...]:
        """The voices a person can pick: espeak-ng's own (`espeak-ng --voices`, read once)."""
        return tuple(v.id for v in list_voices(self._espeak.binary))

    def synthesize(self, request: SpeechRequest, run: Run | None = None) -> float:
        """Write a WAV voiceover (word timings beside it) to out_path and return its duration in s."""
        return self._espeak.speak(
            request.text, request.out_path, request.tone, voice=request.voice, language=request.language
        )


def _first(request: ClipRequest, kind: str) -> Path | None:
    for ref, path in zip(request.references, request.reference_paths, strict=False):
        if ref.kind == kind and Path(path).exists():
            return Path(path)
    return None


PERSON_SIZE = (480, 720)
"""The painted stand-in person's canvas: the figure fills ~78% of its height, then is cut to its outline."""


def painted_person(request: ClipRequest, out_dir: Path) -> Path:
    """A person painted for scenes about people when the brief gave no character image.

    The seed is the generation's, not the scene's, so every scene shows the same person; the file is
    reused when it is already there.
    """
    seed = derive(request.seed)
    path = Path(out_dir) / f"person_{seed}.png"
    if not path.exists():
        # the product's name, not the scene's prompt: the same person whichever scene asks first
        png = paint("character", PERSON_SIZE, request.product_name, list(request.palette), "", seed)
        path.parent.mkdir(parents=True, exist_ok=True)
        # clips render in parallel: each writes its own part file, the last rename wins (same bytes)
        tmp = path.with_name(f".part-{threading.get_ident()}-{path.name}")
        tmp.write_bytes(png)
        tmp.replace(path)
    return path


def scene_inputs(request: ClipRequest, out_dir: Path | None = None) -> SceneInputs:
    """The compositor's inputs for a clip request (first reference of each kind).

    The hero follows the scene's words: a scene described with a person shows a person (painted into
    out_dir when no character image was given), never the product photo in their place.
    """
    logo = (
        request.logo_path
        if request.logo_path and Path(request.logo_path).exists()
        else _first(request, "logo")
    )
    subject = scene_subject(request.scene.description, request.scene.focus, request.product_name)
    character = _first(request, "character")
    if subject == "character" and character is None and out_dir is not None:
        character = painted_person(request, out_dir)
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
        character=character,
        logo=logo,
        start_frame=request.start_frame,
        voice_duration_s=request.voice_duration_s,
        caption_style=request.caption_style,
        word_timings=load_timings(request.voice_path)[0],
        subject=subject,
    )


class MotionRenderer:
    """VideoModel port: camera moves, a floating product with parallax, kinetic type and captions."""

    name = "offline motion renderer"
    max_parallel = max(1, (os.cpu_count() or 2) // 2)
    """Renders at once in this process, across all generations. Each render keeps two cores busy
    (this thread composing, ffmpeg encoding) and holds an ffmpeg of ~140 MB at 720p: on 2 cores one at a
    time measured 96 fps and 350 MB where two at a time gave 72 fps and 500 MB (bench/render.py)."""
    _slots = threading.BoundedSemaphore(max_parallel)

    def render_clip(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Render the scene's clip to out_dir/scene_<id>.mp4 and its last frame to a PNG beside it."""
        out_dir = Path(out_dir)
        sid = request.scene.id
        path = out_dir / f"scene_{sid:02d}.mp4"
        with self._slots:
            n, last = render_scene(
                scene_inputs(request, out_dir),
                path,
                out_dir / f"scene_{sid:02d}_last.png",
                run.progress,
                run.cancelled,
            )
        return ClipResult(
            path=path,
            duration_s=n / request.fps,
            model=self.name,
            seed_applied=True,
            finished_frames=True,
            last_frame=last,
        )


__all__ = [
    "EspeakSpeech",
    "MotionRenderer",
    "OfflineWriter",
    "OpenCVInpainter",
    "PixelAnalyst",
    "ProceduralPainter",
    "scene_inputs",
]
