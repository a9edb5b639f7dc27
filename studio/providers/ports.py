"""Ports: one small protocol per outside capability.

Each port has a real adapter (OpenAI, Replicate, S3) and an embedded offline one. Stages depend on
these protocols only, never on an adapter, so tests and the offline default plug in the same way.
Every call that may reach a provider takes the generation's `Run` (studio/run.py): the adapter charges
the call to it, honours its Stop, reports prediction ids and progress through it. Offline adapters
accept it too (and may ignore it: offline work costs nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from studio.models import (
    AspectRatio,
    ReferenceAnalysis,
    ReferenceImage,
    RefKind,
    Scene,
)
from studio.run import Run

T = TypeVar("T", bound=BaseModel)

TextTask = Literal[
    "story_director",
    "story_critic",
    "scene_writer",
    "scene_critic",
    "scene_cohesor",
    "intent",
    "image_prompt",
    "prompt_cinematographer",
    "prompt_engineer",
    "fact_reader",
]
"""Each task has a prompt file `prompts/<task>.yaml` (used by real text models) and a deterministic
implementation in the offline writer."""


@runtime_checkable
class TextModel(Protocol):
    """Writes structured text: stories, critiques, scene plans, intents, image prompts.

    Variables per task (values are the domain models themselves; a real adapter renders them to JSON):
      story_director   brief, seed, feedback (str|None), previous (Story|None), critique (StoryCritique|None)
                       -> Story (critic fields empty)
      story_critic     brief, story -> StoryCritique
      scene_writer     brief, story, context (ConsistencyContext|None), scene_count, seed,
                       feedback (str|None), previous (ScenePlan|None), scene_id (int|None: rewrite only
                       that scene, keep the others) -> ScenePlan
      scene_critic     brief, story, plan -> SceneCritique
      scene_cohesor    brief, story, plan, context -> ScenePlan (continuity flags set, names aligned)
      intent           message, stage -> Intent
      image_prompt     brief, story (Story|None), role (RefKind), context (ConsistencyContext|None),
                       feedback (str|None) -> ImagePrompt
      prompt_cinematographer / prompt_engineer   prompt -> ImagePrompt
      fact_reader      brief_text (str) -> BriefFactSheet (asked only of a model with `reads_briefs = True`;
                       every value is then held to the brief's words: studio/brief/reconcile.py)
    """

    name: str

    def generate(self, task: TextTask, variables: Mapping[str, Any], output_type: type[T], run: Run) -> T: ...


@runtime_checkable
class VisionModel(Protocol):
    """Describes a reference image: palette, style, subject, setting."""

    name: str

    def analyze(self, image_path: Path, kind: RefKind, hint: str, run: Run) -> ReferenceAnalysis: ...


class ImageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: str
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    aspect_ratio: str = "1:1"
    seed: int | None = None
    role: RefKind | None = None
    palette: list[str] = Field(default_factory=list)
    title: str = ""
    """Words the offline painter may set in type (the product name); real models ignore it."""
    input_images: list[Path] = Field(default_factory=list)


class GeneratedImage(BaseModel):
    png: bytes
    model: str
    seed: int | None = None
    cost_usd: float = 0.0


@runtime_checkable
class ImageModel(Protocol):
    name: str

    def generate(self, request: ImageRequest, run: Run) -> GeneratedImage: ...


@runtime_checkable
class InpaintModel(Protocol):
    name: str

    def inpaint(self, image: Path, mask: Path, prompt: str, seed: int | None, run: Run) -> GeneratedImage: ...


class ClipRequest(BaseModel):
    """Everything a video model needs to make one scene's clip."""

    model_config = ConfigDict(extra="forbid")

    generation_id: str
    scene: Scene
    scene_index: int
    scene_count: int
    prompt: str
    """The consistency context followed by "SCENE: ..."."""
    references: list[ReferenceImage]
    reference_paths: list[Path]
    """Local files of `references`, same order."""
    logo_path: Path | None = None
    start_frame: Path | None = None
    """The previous clip's last frame, for a scene continuous with the one before."""
    previous_scene: Scene | None = None
    seed: int | None = None
    width: int
    height: int
    aspect_ratio: AspectRatio
    fps: int = 30
    palette: list[str] = Field(default_factory=list)
    product_name: str = ""
    tone: str = "confident"
    voice_path: Path | None = None
    voice_duration_s: float | None = None
    caption_style: str = "plain"
    """How captions show the words: 'plain', 'highlight' or 'pop-in' (timed from the voice's words)."""
    resume_prediction_id: str | None = None
    """A prediction already started for this clip before the process stopped: poll it rather than
    paying for a new one."""


class ClipResult(BaseModel):
    path: Path
    duration_s: float
    model: str
    seed_applied: bool
    finished_frames: bool = False
    last_frame: Path | None = None
    prediction_id: str | None = None
    cost_usd: float = 0.0


@runtime_checkable
class VideoModel(Protocol):
    name: str

    def render_clip(self, request: ClipRequest, out_dir: Path, run: Run) -> ClipResult:
        """Write the clip (and its last frame as PNG) under out_dir; report progress through the run."""
        ...


@runtime_checkable
class SpeechModel(Protocol):
    name: str

    @property
    def available(self) -> bool: ...

    def synthesize(
        self,
        text: str,
        out_path: Path,
        tone: str,
        run: Run,
        voice: str | None = None,
        language: str | None = None,
    ) -> float:
        """Write a WAV voiceover to out_path and return its duration in seconds.

        Word timings go beside it (`studio.render.word_timing.save_timings`); `voice` is one of the
        provider's `voices` (None: its default), `language` the ad's BCP-47 code.
        """
        ...


@runtime_checkable
class MediaStore(Protocol):
    """Where references, clips, ads and posters live. A location is a key inside the store."""

    name: str

    def put_file(self, key: str, path: Path) -> str: ...

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str: ...

    def local_path(self, location: str) -> Path:
        """A local file with the object's bytes (downloaded to a cache when the store is remote)."""
        ...

    def url(self, location: str, expires_s: int = 86400) -> str:
        """A link a browser or a provider can fetch: presigned for S3, a file path locally."""
        ...

    def exists(self, location: str) -> bool: ...
