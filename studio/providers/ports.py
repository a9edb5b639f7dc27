"""Ports: one small protocol per outside capability.

Each port has a real adapter (OpenAI, Replicate, S3) and an embedded offline one. Stages depend on
these protocols only, never on an adapter, so tests and the offline default plug in the same way.
Every call that may reach a provider takes the generation's `Run` (studio/run.py): the adapter charges
the call to it, honours its Stop, reports prediction ids and progress through it. Offline adapters
accept it too (and may ignore it: offline work costs nothing).

Every port takes one typed request (a pydantic model, checked when it is made) plus the run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, Protocol, TypeVar, get_args, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from studio.models import (
    AspectRatio,
    Brief,
    ConsistencyContext,
    ReferenceAnalysis,
    ReferenceImage,
    RefKind,
    Scene,
    ScenePlan,
    Stage,
    Story,
    StoryCritique,
)
from studio.run import Run

T = TypeVar("T", bound=BaseModel)


class _Request(BaseModel):
    """A port's request: checked when it is made, so a missing, unknown or mistyped field is refused there."""

    model_config = ConfigDict(extra="forbid")


# ── text ─────────────────────────────────────────────────────────────────────────────────────────


class _TextRequest(_Request):
    """One text task and its variables. Each task has a prompt file `prompts/<task>.yaml` (used by real
    text models) whose `variables` are the request's fields, and a deterministic implementation in the
    offline writer."""

    def variables(self) -> dict[str, Any]:
        """The prompt's variables: every field but `task`, domain models as they are (a real adapter renders
        them to JSON)."""
        return {name: getattr(self, name) for name in type(self).model_fields if name != "task"}


class StoryDirectorRequest(_TextRequest):
    """Write a story -> Story (critic fields empty); with `previous` and `critique`, revise that draft."""

    task: Literal["story_director"] = "story_director"
    brief: Brief
    seed: int | None = None
    feedback: str | None = None
    previous: Story | None = None
    critique: StoryCritique | None = None
    facts: list[str] = Field(default_factory=list)
    """The brief's facts as checklist lines (studio/pipeline/story.py `fact_checklist`)."""


class StoryCriticRequest(_TextRequest):
    """Score a story against the brief and its facts -> StoryCritique."""

    task: Literal["story_critic"] = "story_critic"
    brief: Brief
    story: Story
    facts: list[str] = Field(default_factory=list)


class SceneWriterRequest(_TextRequest):
    """Turn the story into scenes -> ScenePlan; with `scene_id`, rewrite only that scene of `previous`."""

    task: Literal["scene_writer"] = "scene_writer"
    brief: Brief
    story: Story
    context: ConsistencyContext | None = None
    scene_count: int | None = Field(default=None, ge=1)
    seed: int | None = None
    feedback: str | None = None
    previous: ScenePlan | None = None
    scene_id: int | None = Field(default=None, ge=1)


class SceneCriticRequest(_TextRequest):
    """Score a scene plan -> SceneCritique."""

    task: Literal["scene_critic"] = "scene_critic"
    brief: Brief
    story: Story
    plan: ScenePlan


class SceneCohesorRequest(_TextRequest):
    """Align a plan's names with the context and mark its continuity -> ScenePlan."""

    task: Literal["scene_cohesor"] = "scene_cohesor"
    brief: Brief
    story: Story
    plan: ScenePlan
    context: ConsistencyContext | None = None


class IntentRequest(_TextRequest):
    """Read what a chat message sent at a stage asks for -> Intent."""

    task: Literal["intent"] = "intent"
    message: str
    stage: Stage


class ImagePromptRequest(_TextRequest):
    """Write the prompt for one reference image -> ImagePrompt."""

    task: Literal["image_prompt"] = "image_prompt"
    brief: Brief
    story: Story | None = None
    role: RefKind
    context: ConsistencyContext | None = None
    feedback: str | None = None


class PromptCinematographerRequest(_TextRequest):
    """Rewrite an image prompt as a well-shot frame -> ImagePrompt."""

    task: Literal["prompt_cinematographer"] = "prompt_cinematographer"
    prompt: str


class PromptEngineerRequest(_TextRequest):
    """Rewrite an image prompt for a diffusion model -> ImagePrompt."""

    task: Literal["prompt_engineer"] = "prompt_engineer"
    prompt: str


class FactReaderRequest(_TextRequest):
    """Read the brief's fact sheet -> BriefFactSheet. Asked only of a model with `reads_briefs = True`;
    every value is then held to the brief's words (studio/brief/reconcile.py)."""

    task: Literal["fact_reader"] = "fact_reader"
    brief_text: str


TextRequest = Annotated[
    StoryDirectorRequest
    | StoryCriticRequest
    | SceneWriterRequest
    | SceneCriticRequest
    | SceneCohesorRequest
    | IntentRequest
    | ImagePromptRequest
    | PromptCinematographerRequest
    | PromptEngineerRequest
    | FactReaderRequest,
    Field(discriminator="task"),
]
"""Any text task's request, told apart by its `task`."""

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
"""The text tasks, one per request type (kept in step with `TEXT_REQUESTS`: tests/providers)."""

TEXT_REQUESTS: dict[str, type[_TextRequest]] = {
    cls.model_fields["task"].default: cls for cls in get_args(get_args(TextRequest)[0])
}
"""Each task's request type."""


@runtime_checkable
class TextModel(Protocol):
    """Writes structured text: stories, critiques, scene plans, intents, image prompts (see each request)."""

    name: str

    def generate(self, request: TextRequest, output_type: type[T], run: Run) -> T: ...


# ── vision ───────────────────────────────────────────────────────────────────────────────────────


class VisionRequest(_Request):
    """A reference image to describe, what kind of reference it is, and a hint (the product's name)."""

    image_path: Path
    kind: RefKind
    hint: str = ""


@runtime_checkable
class VisionModel(Protocol):
    """Describes a reference image: palette, style, subject, setting."""

    name: str

    def analyze(self, request: VisionRequest, run: Run) -> ReferenceAnalysis: ...


# ── images ───────────────────────────────────────────────────────────────────────────────────────


class ImageRequest(_Request):
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


class InpaintRequest(_Request):
    """Repaint the white part of `mask` over `image` to match `prompt`."""

    image: Path
    mask: Path
    prompt: str
    seed: int | None = None


@runtime_checkable
class InpaintModel(Protocol):
    name: str

    def inpaint(self, request: InpaintRequest, run: Run) -> GeneratedImage: ...


class ClipRequest(_Request):
    """Everything a video model needs to make one scene's clip."""

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


class SpeechRequest(_Request):
    """A voiceover to speak into a WAV file.

    `voice` is one of the provider's `voices` (None: its default), `language` the ad's BCP-47 code.
    """

    text: str
    out_path: Path
    tone: str = "confident"
    voice: str | None = None
    language: str | None = None


@runtime_checkable
class SpeechModel(Protocol):
    name: str

    @property
    def available(self) -> bool: ...

    def synthesize(self, request: SpeechRequest, run: Run) -> float:
        """Write a WAV voiceover to the request's out_path and return its duration in seconds.

        Word timings go beside it (`studio.render.word_timing.save_timings`).
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
