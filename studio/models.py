"""The domain types the stages pass along: a brief goes in, a scored ad comes out.

Every stage takes and returns these pydantic models; the store persists them as JSON. They carry no
behaviour beyond validation and a few derived values (frame size, the consistency context's text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

Framework = Literal["AIDA", "PAS", "FAB"]
FrameworkChoice = Literal["auto", "AIDA", "PAS", "FAB"]
AspectRatio = Literal["9:16", "1:1", "4:5", "16:9"]
ASPECT_RATIOS: tuple[AspectRatio, ...] = get_args(AspectRatio)
"""The aspect ratios an ad can be made in, in the order the CLI and the sidebar offer them."""
Resolution = Literal["360p", "540p", "720p", "1080p"]
Mode = Literal["interactive", "automated"]
CaptionStyle = Literal["plain", "highlight", "pop-in"]
CAPTION_STYLES: tuple[CaptionStyle, ...] = get_args(CaptionStyle)
RefKind = Literal["character", "product", "environment", "logo"]
CameraMove = Literal["push_in", "pull_out", "pan_left", "pan_right", "parallax", "static"]
Transition = Literal["cut", "crossfade", "slide"]
ClipStatus = Literal["queued", "processing", "rendering", "complete", "failed"]
GenerationStatus = Literal[
    "pending",
    "story",
    "references",
    "scenes",
    "storyboard",
    "clips",
    "assembling",
    "scoring",
    "completed",
    "failed",
    "stopped",
    "awaiting_approval",
]
RUNNING: frozenset[str] = frozenset(
    {"pending", "story", "references", "scenes", "storyboard", "clips", "assembling", "scoring"}
)
"""The statuses in which a driver is (or should be) working on a generation; studio/lifecycle.py says more."""
Stage = Literal["story", "references", "scenes", "storyboard", "clips", "ad", "scores"]
STAGES: tuple[Stage, ...] = ("story", "references", "scenes", "storyboard", "clips", "ad", "scores")

SEED_MAX = 2**31 - 1
END_CARD_S = 2.5
"""The end card's length: the scenes fill the rest of the ad's duration."""
FRAMEWORK_BEATS: dict[str, tuple[str, ...]] = {
    "AIDA": ("Attention", "Interest", "Desire", "Action"),
    "PAS": ("Problem", "Agitation", "Solution"),
    "FAB": ("Features", "Advantages", "Benefits"),
}
_SHORT_SIDE = {"360p": 360, "540p": 540, "720p": 720, "1080p": 1080}
_RATIO = {"9:16": (9, 16), "1:1": (1, 1), "4:5": (4, 5), "16:9": (16, 9), "4:3": (4, 3)}

OnProgress = Callable[[float, str], None]
"""A progress callback: fraction done in [0, 1] and a short human message."""


def _hex(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"{value!r} is not a colour like #1a2b3c")
    return value.lower()


HexColor = Annotated[str, AfterValidator(_hex)]


def frame_size(aspect_ratio: str, resolution: str) -> tuple[int, int]:
    """Width and height in pixels, both even, with the short side set by the resolution."""
    short = _SHORT_SIDE[resolution]
    rw, rh = _RATIO[aspect_ratio]
    if rw <= rh:
        w, h = short, short * rh / rw
    else:
        w, h = short * rw / rh, short
    return int(round(w / 2) * 2), int(round(h / 2) * 2)


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ── Brief ────────────────────────────────────────────────────────────────────────────────────────


class BrandAssets(_Model):
    """Media-store locations of what the person uploaded."""

    product_images: list[str] = Field(default_factory=list, max_length=5)
    logo: str | None = None
    character_images: list[str] = Field(default_factory=list, max_length=5)
    upload_names: dict[str, str] = Field(default_factory=dict)
    """Location → the file name it was uploaded as (to say which upload became which reference)."""

    def name_of(self, location: str) -> str:
        """The name the person knows an upload by: its original file name, else the stored name."""
        return self.upload_names.get(location) or location.rsplit("/", 1)[-1]


AD_LANGUAGES: dict[str, str] = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "tr": "Turkish", "hi": "Hindi", "ja": "Japanese",
    "zh": "Chinese",
}  # fmt: skip
"""Languages offered for an ad (espeak-ng speaks each; any other BCP-47 code works from the CLI)."""


class Brief(_Model):
    """What the ad is about and how it should be made."""

    prompt: str = Field(min_length=1, max_length=5000)
    framework: FrameworkChoice = "auto"
    assets: BrandAssets = Field(default_factory=BrandAssets)
    aspect_ratio: AspectRatio = "9:16"
    duration_s: float = Field(default=15.0, ge=6, le=120)
    scene_count: int | None = Field(default=None, ge=3, le=8)
    resolution: Resolution = "720p"
    seed: int | None = Field(default=None, ge=0, le=SEED_MAX)
    mode: Mode = "automated"
    seed_control: bool = True
    """Send the ad's seed to every model that takes one (off: each clip varies freely)."""
    caption_style: CaptionStyle = "plain"
    """plain: the phrase; highlight: the spoken word lit in the phrase; pop-in: words appear as spoken."""
    voice: str | None = Field(default=None, max_length=60)
    """The voice to speak in (an OpenAI voice, or an espeak-ng voice offline); None: the provider's own."""
    language: str = Field(default="", pattern=r"^(?:[a-z]{2,3}(-[A-Za-z0-9]{2,8})?)?$")
    """The ad's language as a short BCP-47 code ('en', 'es', 'pt-br'): voice, captions and story; '' (the
    default): the brief's own language (`studio.brief.ad_language`)."""

    @field_validator("prompt")
    @classmethod
    def _prompt_has_words(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("the prompt is empty: say what the ad is about")
        return v

    @property
    def size(self) -> tuple[int, int]:
        return frame_size(self.aspect_ratio, self.resolution)

    def scene_seconds(self, end_card: bool = True) -> float:
        """How long the scenes together last: the ad's duration less the end card."""
        return self.duration_s - (END_CARD_S if end_card else 0.0)

    def planned_scene_count(self) -> int:
        """The scene count asked for, or one scene per ~5 s of ad (3 to 8)."""
        if self.scene_count:
            return self.scene_count
        return max(3, min(8, round(self.duration_s / 5)))


# ── Story ────────────────────────────────────────────────────────────────────────────────────────


class Beat(_Model):
    name: str
    text: str


class BriefFactSheet(_Model):
    """The facts a brief states, in its own words, that the ad must keep (studio/brief/ reads, checks)."""

    brand: str = ""
    product: str = ""
    """The product's full name as the brief writes it ('Morning Ritual cold brew')."""
    audience: str = ""
    benefits: list[str] = Field(default_factory=list)
    proof_points: list[str] = Field(default_factory=list)
    """Numbers the brief states ('18 hours', '4.9 stars'): said as written."""
    offers: list[str] = Field(default_factory=list)
    """Each offer with its terms and limits verbatim ('15% off your first box', 'code SPRING')."""
    call_to_action: str = ""
    address: str = ""
    """Where the CTA sends people: a URL, a handle, a phone number or 'in stores'."""
    tone: str = ""
    must_say: list[str] = Field(default_factory=list)
    must_not_say: list[str] = Field(default_factory=list)
    language: str = ""
    """The brief's language ('en', 'es', 'fr', 'de', 'pt', 'it'; 'other'), as studio/brief/ detected it."""
    places: list[str] = Field(default_factory=list)
    """Names the brief uses as places ('Leeds', 'Huila'): never the brand."""
    dates: list[str] = Field(default_factory=list)
    """Dates and times as written ('8pm', 'le 12 mars à 20h' kept as '12 mars à 20h')."""
    names: list[str] = Field(default_factory=list)
    """Quoted titles, campaign names and product names with a model number ('Trail X 3')."""
    codes: list[str] = Field(default_factory=list)
    """Codes as written ('SKU-4471-B', 'SPRING20')."""
    tags: list[str] = Field(default_factory=list)
    """Hashtags, handles, web addresses and mailboxes other than the address ('#RunWild',
    'oak.example/gift')."""

    def is_empty(self) -> bool:
        """True when the sheet holds no fact (a story written before facts travelled with it)."""
        return not any(v for k, v in self.model_dump().items() if k != "language")


class Story(_Model):
    """The ad's story on a framework, with the critic's verdict once it has one."""

    title: str
    product_name: str = ""
    text: str
    framework: Framework
    framework_reason: str = ""
    beats: list[Beat]
    voiceover: list[str]
    call_to_action: str
    tone: str = "confident"
    assumptions: list[str] = Field(default_factory=list)
    critic_score: float | None = Field(default=None, ge=0, le=10)
    critique: str = ""
    revision: int = 0
    facts: BriefFactSheet = Field(default_factory=BriefFactSheet)
    """The brief's facts this story must keep; they travel with it to the scenes and the end card."""
    fact_notes: list[str] = Field(default_factory=list)
    """How the facts were read: where a language model's reading and the rules' disagreed, and the model's
    values left out because the brief does not hold them (empty with the offline writer)."""


class StoryCritique(_Model):
    score: float = Field(ge=0, le=10)
    critique: str
    issues: list[str] = Field(default_factory=list)


# ── References ───────────────────────────────────────────────────────────────────────────────────


class ReferenceAnalysis(_Model):
    character_description: str = ""
    product_features: str = ""
    colors: list[HexColor] = Field(default_factory=list)
    style: str = ""
    environment: str = ""
    lighting: str = ""
    measured: dict[str, float] = Field(default_factory=dict)
    """Pixel figures behind the words (brightness, contrast, edge density ...), when measured."""


class ReferenceImage(_Model):
    location: str
    kind: RefKind
    source: Literal["brand", "generated"]
    prompt: str = ""
    analysis: ReferenceAnalysis | None = None
    upload: str | None = None
    """The original file name of the brand upload this reference was made from (None: painted)."""
    history: list[str] = Field(default_factory=list)
    """Earlier versions of this picture from the image editor, oldest first (`location` is the current)."""
    draft: str | None = None
    """An edit made in the image editor and not yet kept or undone."""


class ConsistencyContext(_Model):
    """The brief every scene is rendered against, so the clips look like one ad."""

    character_appearance: str
    product_features: str
    color_palette: list[HexColor]
    visual_style: str
    environmental_context: str

    def as_text(self) -> str:
        return (
            f"CHARACTER APPEARANCE: {self.character_appearance}\n"
            f"PRODUCT FEATURES: {self.product_features}\n"
            f"COLOR PALETTE: {', '.join(self.color_palette)}\n"
            f"VISUAL STYLE: {self.visual_style}\n"
            f"ENVIRONMENTAL CONTEXT: {self.environmental_context}"
        )


# ── Scenes ───────────────────────────────────────────────────────────────────────────────────────


class Scene(_Model):
    id: int = Field(ge=1)
    description: str
    on_screen_text: str = Field(default="", max_length=80)
    voiceover: str = ""
    duration_s: float = Field(ge=1, le=60)
    camera_move: CameraMove = "push_in"
    transition_in: Transition = "cut"
    continuous_with_previous: bool = False
    beat: str = ""
    focus: Literal["product", "character", "environment"] = "product"
    quality_score: float | None = None


class ScenePlan(_Model):
    scenes: list[Scene] = Field(min_length=1, max_length=8)


class SceneCritique(_Model):
    score: float = Field(ge=0, le=10)
    critique: str
    issues: list[str] = Field(default_factory=list)


class SceneEdit(_Model):
    """A person's change to one scene; fields left None stay as they are."""

    description: str | None = None
    on_screen_text: str | None = Field(default=None, max_length=80)
    voiceover: str | None = None
    duration_s: float | None = Field(default=None, ge=1, le=60)
    camera_move: CameraMove | None = None
    transition_in: Transition | None = None
    continuous_with_previous: bool | None = None


class Keyframe(_Model):
    """One scene's picture on the storyboard: the start image of its clip once approved."""

    scene_id: int = Field(ge=1)
    location: str
    source: Literal["composed", "generated", "upload"]
    """composed: the offline renderer's opening frame; generated: the image model; upload: the person's."""
    prompt: str = ""
    model: str = ""
    upload: str | None = None
    """The uploaded file's name, when the person replaced the frame."""
    history: list[str] = Field(default_factory=list)
    """Earlier versions of this frame from the image editor, oldest first (`location` is the current)."""
    draft: str | None = None
    """An edit made in the image editor and not yet kept or undone."""


# ── Clips and the ad ─────────────────────────────────────────────────────────────────────────────


class WordTiming(_Model):
    """One spoken word and when it is said, in seconds from the start of its voice file."""

    word: str
    start_s: float = Field(ge=0)
    end_s: float = Field(ge=0)


class Clip(_Model):
    scene_id: int
    status: ClipStatus = "queued"
    progress: float = Field(default=0, ge=0, le=100)
    location: str | None = None
    thumbnail: str | None = None
    last_frame: str | None = None
    duration_s: float | None = None
    error: str | None = None
    attempts: int = 0
    seed: int | None = None
    seed_applied: bool = False
    model: str = ""
    prediction_id: str | None = None
    finished_frames: bool = False
    """True when the clip already carries its captions and transition (the offline renderer does):
    the ad is then joined without re-encoding."""
    voice_location: str | None = None
    voice_duration_s: float | None = None
    word_timings: list[WordTiming] = Field(default_factory=list)
    """When each word of the voiceover is spoken, from the voice file's start."""
    word_timing_source: str = ""
    """How the timings were made: espeak-ng's word events, or estimated from the audio's energy."""
    voice_note: str | None = None
    """Why the clip has no voice when its scene has words to say (the voice failed: captions only)."""
    cost_usd: float = 0.0


class Ad(_Model):
    location: str
    poster: str
    duration_s: float
    width: int
    height: int
    aspect_ratio: AspectRatio
    fps: int = 30
    has_voice: bool = False
    has_music: bool = False
    end_card: bool = True


SOUND_ACTIONS: tuple[str, ...] = (
    "music_louder", "music_softer", "music_off", "music_on", "voice_off", "voice_on", "end_card_cta",
    "end_card_title",
)  # fmt: skip
"""Chat intents that change only how the ad is put together: re-assembled from the clips already made."""
IntentAction = Literal[
    "approve", "regenerate", "refine", "edit_scene", "regenerate_scene",
    "music_louder", "music_softer", "music_off", "music_on", "voice_off", "voice_on", "end_card_cta",
    "end_card_title",
]  # fmt: skip


class AssemblySettings(_Model):
    """How the ad is put together from its clips: what a sound or end-card change touches."""

    music_gain_db: float = Field(default=0.0, ge=-24, le=12)
    """The music bed under the voice, relative to the house level (voice 9 LU above the music)."""
    music: bool = True
    voice: bool = True
    end_card_title: str | None = Field(default=None, max_length=60)
    """The end card's headline in place of the product name, when the person set one."""
    call_to_action: str | None = Field(default=None, max_length=80)
    """The end card's call to action in place of the story's, when the person set one."""


# ── Quality ──────────────────────────────────────────────────────────────────────────────────────


class MetricValue(_Model):
    value: float | None = Field(default=None, ge=0, le=100)
    """0-100, or None when it could not be computed here (the note says why)."""
    raw: float | None = None
    model_based: bool = False
    note: str = ""


class TextReadback(_Model):
    """One piece of approved on-screen text, read back from the ad's frames by OCR."""

    scene_id: int | None = None
    """None for the end card."""
    kind: Literal["on_screen_text", "caption", "end_card"]
    expected: str
    read: str = ""
    at_s: float = 0.0
    fidelity: float | None = Field(default=None, ge=0, le=100)
    """Normalised edit-distance similarity, case and punctuation ignored; None when not measured."""


class BrandSighting(_Model):
    """Whether a clip shows the uploaded product and the logo where the plan puts it."""

    scene_id: int
    product: bool | None = None
    """None when no product photo was uploaded."""
    product_inliers: int = 0
    logo: bool | None = None
    """None when no logo was uploaded."""
    logo_match: float | None = None


class ChecklistItem(_Model):
    """One item of the ad checklist (in the spirit of YouTube's ABCD), with the evidence measured."""

    key: str
    label: str
    status: Literal["pass", "fail", "unavailable"]
    evidence: str = ""


class QualityReport(_Model):
    clip_index: int | None = None
    """None for the whole ad; else the scene id of the clip."""
    dimensions: dict[str, MetricValue] = Field(default_factory=dict)
    composition: float | None = None
    coherence: float | None = None
    motion: float | None = None
    visual_appeal: float | None = None
    overall: float | None = None
    group_notes: dict[str, str] = Field(default_factory=dict)
    """Why a group is None ("unavailable: ..."), by group name."""
    overall_covers: list[str] = Field(default_factory=list)
    """The groups the overall is the mean of (those with a measured dimension)."""
    text_readback: list[TextReadback] = Field(default_factory=list)
    brand_sightings: list[BrandSighting] = Field(default_factory=list)
    checklist: list[ChecklistItem] = Field(default_factory=list)
    scoring_seconds: float = 0.0
    scored_at: datetime = Field(default_factory=utcnow)


# ── Conversation ─────────────────────────────────────────────────────────────────────────────────


class Intent(_Model):
    """What a chat message asks for."""

    action: IntentAction
    scene_id: int | None = None
    text: str = ""


class PendingChange(_Model):
    """A change to a finished ad that would discard approved work, waiting for the person's yes."""

    intent: Intent
    message: str
    redo: str
    """What will be made again, in the person's words."""
    cost_usd: float | None = None
    """The estimated cost at list prices; None when it cannot be estimated."""


class AdVersion(_Model):
    """One version of the finished ad: the file, how it was put together, its scores, what changed."""

    number: int = Field(ge=1)
    ad: Ad | None = None
    """None while this version is being made."""
    settings: AssemblySettings = Field(default_factory=lambda: AssemblySettings())
    change: str = ""
    overall_score: float | None = None
    scores: QualityReport | None = None
    scoring_failed: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class ImagePrompt(_Model):
    prompt: str


class Message(_Model):
    role: Literal["user", "assistant", "system"]
    stage: str
    text: str
    created_at: datetime = Field(default_factory=utcnow)


# ── The generation as a whole ────────────────────────────────────────────────────────────────────


class Generation(_Model):
    """One ad being made: everything the store knows about it."""

    id: str
    owner: str = "local"
    status: GenerationStatus = "pending"
    stage: Stage = "story"
    brief: Brief
    seed: int | None = None
    story: Story | None = None
    story_history: list[Story] = Field(default_factory=list)
    story_approved: bool = False
    references: list[ReferenceImage] = Field(default_factory=list)
    context: ConsistencyContext | None = None
    scenes: list[Scene] = Field(default_factory=list)
    scenes_approved: bool = False
    references_approved: bool = False
    scenes_outdated: bool = False
    """The references changed after the scenes were written: the scenes may describe the old look."""
    keyframes: list[Keyframe] = Field(default_factory=list)
    storyboard_approved: bool = False
    clips: list[Clip] = Field(default_factory=list)
    ad: Ad | None = None
    """The current version's ad (None while a new version is being made; `versions` keeps the rest)."""
    assembly: AssemblySettings = Field(default_factory=AssemblySettings)
    versions: list[AdVersion] = Field(default_factory=list)
    pending_change: PendingChange | None = None
    overall_score: float | None = None
    scoring_failed: bool = False
    cost_usd: float = 0.0
    error: str | None = None
    progress: float | None = None
    """How far the running stage is, 0..1 (written by the stage through its Run; not versioned)."""
    progress_note: str = ""
    config: dict = Field(default_factory=dict)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    completed_at: datetime | None = None
    version: int = 1

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def finished_ad(self) -> Ad | None:
        """The ad to show and download: the current one, else the newest finished version."""
        if self.ad is not None:
            return self.ad
        return next((v.ad for v in reversed(self.versions) if v.ad is not None), None)
