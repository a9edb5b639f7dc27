"""Settings (environment and `.streamlit/secrets.toml`) and the pipeline YAML, validated once.

Read at start into a `Settings` and a `PipelineConfig`, then passed down: nothing deeper looks up the
environment. Keys are `SecretStr`, so they never print.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from studio.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"
PROMPTS_DIR = ROOT / "prompts"
DEFAULT_PIPELINE = CONFIG_DIR / "pipeline.yaml"


# ── Settings ─────────────────────────────────────────────────────────────────────────────────────


class Settings(BaseModel):
    """Where things live and which services to use. Every field has an environment variable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Path("data")
    database_url: str = ""
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_text_model: str | None = None
    """Unset: the first of config/text_models.yaml's defaults that the live catalogue lists with no
    shutdown date (studio/providers/model_choice.py fills it in at start-up)."""
    openai_vision_model: str | None = None
    openai_tts_model: str | None = None
    """Unset: the voice is picked from config/speech_models.yaml by the keys set and the shutdown dates."""
    openai_tts_voice: str = "alloy"
    replicate_api_token: SecretStr | None = None
    replicate_base_url: str | None = None
    replicate_video_model: str = "google/veo-3-fast"
    replicate_image_model: str = "google/nano-banana-pro"
    replicate_speech_model: str | None = None
    comfyui_url: str | None = None
    """A ComfyUI server (http://127.0.0.1:8188): when set, its workflows in config/comfyui/ make the
    pictures and clips (studio/providers/comfyui.py)."""
    local_image_model: str | None = None
    """An image entry of config/local_models.yaml (e.g. sdxl-turbo): references, keyframes and the image
    editor (its inpaint entry) run on this machine's GPU instead of Replicate or the offline painter."""
    local_video_model: str | None = None
    """A video entry of config/local_models.yaml (e.g. ltx-video): clips on this machine's GPU."""
    storage: Literal["local", "s3"] = "local"
    s3_bucket: str | None = None
    s3_prefix: str = "studio"
    s3_endpoint_url: str | None = None
    executor: str = "threads"
    """`threads`, or a Dask scheduler address such as tcp://host:8786."""
    max_concurrent: int = Field(default=5, ge=1, le=64)
    offline: bool = False
    """Force the offline providers even when keys are set."""
    pipeline_path: Path = DEFAULT_PIPELINE
    rate_limit_per_hour: int = Field(default=10, ge=1)
    log_level: str = "INFO"
    models_resolved: bool = False
    """Set once the model names above were checked against the catalogues (no environment variable)."""
    providers_tag: str = ""
    """Set by `bootstrap.open_context` when providers are handed in (tests, an embedding app): worker tasks
    in this process then find that context and its providers, never another one built from the same
    settings (no environment variable)."""

    @field_validator("comfyui_url")
    @classmethod
    def _comfyui_form(cls, v: str | None) -> str | None:
        if v and not v.strip().lower().startswith(("http://", "https://")):
            raise ValueError("STUDIO_COMFYUI_URL is an http(s) address like http://127.0.0.1:8188")
        return v.strip() if v else None

    @field_validator("executor")
    @classmethod
    def _executor_form(cls, v: str) -> str:
        if v != "threads" and "://" not in v:
            raise ValueError("STUDIO_EXECUTOR is `threads` or a Dask scheduler address like tcp://host:8786")
        return v

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'studio.db').resolve()}"

    @property
    def use_openai(self) -> bool:
        return not self.offline and self.openai_api_key is not None

    @property
    def use_replicate(self) -> bool:
        return not self.offline and self.replicate_api_token is not None

    @property
    def use_comfyui(self) -> bool:
        return not self.offline and bool(self.comfyui_url)

    def fingerprint(self) -> str:
        """A cache key that changes with every value, secrets included, and stores none of them.

        Never key a cache on `model_dump_json()`: it writes each `SecretStr` as `**********`, so two
        different keys would share a context, and rebuilding from it sends asterisks to the provider.
        """
        values = {
            name: value.get_secret_value() if isinstance(value, SecretStr) else str(value)
            for name, value in self
        }
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:32]


# Environment variable → settings field.
ENV_VARS: dict[str, str] = {
    "STUDIO_DATA_DIR": "data_dir",
    "DATABASE_URL": "database_url",
    "OPENAI_API_KEY": "openai_api_key",
    "OPENAI_BASE_URL": "openai_base_url",
    "OPENAI_TEXT_MODEL": "openai_text_model",
    "OPENAI_VISION_MODEL": "openai_vision_model",
    "OPENAI_TTS_MODEL": "openai_tts_model",
    "OPENAI_TTS_VOICE": "openai_tts_voice",
    "REPLICATE_API_TOKEN": "replicate_api_token",
    "REPLICATE_BASE_URL": "replicate_base_url",
    "REPLICATE_VIDEO_MODEL": "replicate_video_model",
    "REPLICATE_IMAGE_MODEL": "replicate_image_model",
    "REPLICATE_SPEECH_MODEL": "replicate_speech_model",
    "STUDIO_COMFYUI_URL": "comfyui_url",
    "STUDIO_LOCAL_IMAGE_MODEL": "local_image_model",
    "STUDIO_LOCAL_VIDEO_MODEL": "local_video_model",
    "STUDIO_STORAGE": "storage",
    "S3_BUCKET": "s3_bucket",
    "S3_PREFIX": "s3_prefix",
    "S3_ENDPOINT_URL": "s3_endpoint_url",
    "STUDIO_EXECUTOR": "executor",
    "STUDIO_MAX_CONCURRENT": "max_concurrent",
    "STUDIO_OFFLINE": "offline",
    "STUDIO_PIPELINE": "pipeline_path",
    "STUDIO_RATE_LIMIT_PER_HOUR": "rate_limit_per_hour",
    "STUDIO_LOG_LEVEL": "log_level",
}
_FIELD_TO_ENV = {v: k for k, v in ENV_VARS.items()}


def _read_secrets(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def load_settings(environ: Mapping[str, str] | None = None, secrets_path: Path | None = None) -> Settings:
    """Settings from the environment, then `.streamlit/secrets.toml` for what the environment lacks.

    Without `secrets_path`, the secrets file is looked for where Streamlit looks for it: in the working
    directory's `.streamlit/` first, then in the repository's (a value in the first wins).
    """
    environ = os.environ if environ is None else environ
    if secrets_path is not None:
        secrets = _read_secrets(secrets_path)
    else:
        secrets = {}
        try:
            places = [Path.cwd() / ".streamlit" / "secrets.toml"]
        except OSError:  # the working directory was removed under us
            places = []
        for path in [*places, ROOT / ".streamlit" / "secrets.toml"]:
            for name, value in _read_secrets(path).items():
                secrets.setdefault(name, value)
    values: dict[str, Any] = {}
    for env_name, field in ENV_VARS.items():
        raw = environ.get(env_name)
        if raw is None and isinstance(secrets.get(env_name), (str, int, float, bool)):
            raw = str(secrets[env_name])
        if raw is None or raw == "":
            continue
        values[field] = raw.strip().lower() in ("1", "true", "yes", "on") if field == "offline" else raw
    try:
        return Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(
            f"{_FIELD_TO_ENV.get(str(e['loc'][0]), e['loc'][0])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"Invalid settings: {problems}") from None


# ── The pipeline YAML ────────────────────────────────────────────────────────────────────────────


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StageSwitches(_Strict):
    story_critic: bool = True
    scene_critic: bool = True
    scene_cohesor: bool = True
    voice: bool = True
    music: bool = True
    end_card: bool = True
    scoring: bool = True


class Iterations(_Strict):
    story: int = Field(default=3, ge=1, le=10)
    scenes: int = Field(default=2, ge=1, le=10)


class Timeouts(_Strict):
    story: float = Field(default=120, gt=0)
    scenes: float = Field(default=180, gt=0)
    clips: float = Field(default=600, gt=0)


class QualityThresholds(_Strict):
    good: float = Field(default=80, ge=0, le=100)
    acceptable: float = Field(default=60, ge=0, le=100)
    story_bar: float = Field(default=7.5, ge=0, le=10)
    """The director revises while the critic scores below this (0-10)."""
    scene_bar: float = Field(default=7.0, ge=0, le=10)


class ClipSettings(_Strict):
    in_flight: int = Field(default=5, ge=1, le=32)
    max_attempts: int = Field(default=2, ge=1, le=5)


class PipelineConfig(_Strict):
    stages: StageSwitches = Field(default_factory=StageSwitches)
    iterations: Iterations = Field(default_factory=Iterations)
    timeouts_s: Timeouts = Field(default_factory=Timeouts)
    quality: QualityThresholds = Field(default_factory=QualityThresholds)
    clips: ClipSettings = Field(default_factory=ClipSettings)
    seed_control: bool = True


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the YAML node at `loc` (or of its nearest parent that exists)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if k.value == str(key):
                node, line = v, k.start_mark.line + 1
                break
        else:
            break
    return line


def load_pipeline_config(path: Path = DEFAULT_PIPELINE) -> PipelineConfig:
    """Load and validate the pipeline YAML; a bad file stops with its name, the line and what is allowed."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"Cannot read the pipeline file {path}: {exc.strerror}") from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({exc.problem})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings at the top, got {type(data).__name__}")
    try:
        return PipelineConfig.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = _line_of(node, loc)
            field = ".".join(str(p) for p in loc)
            allowed = _allowed(loc)
            problems.append(
                f"{path} line {line}: {field}: {err['msg']}" + (f" (allowed: {allowed})" if allowed else "")
            )
        raise ConfigError("Invalid pipeline file:\n  " + "\n  ".join(problems)) from None


def _allowed(loc: tuple[Any, ...]) -> str:
    """The keys allowed at the parent of `loc`, for an unknown-key message."""
    model: type[BaseModel] = PipelineConfig
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        ann = field.annotation if field else None
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return ""
        model = ann
    field = model.model_fields.get(str(loc[-1]))
    if field is None:
        return ", ".join(model.model_fields)
    return ""


# ── Prompts ──────────────────────────────────────────────────────────────────────────────────────


class PromptTemplate(_Strict):
    """One LLM prompt from `prompts/<name>.yaml`: system and user text with `${variable}` slots."""

    name: str
    description: str = ""
    variables: list[str]
    system: str
    user: str
    temperature: float = Field(default=0.7, ge=0, le=2)

    def render(self, **values: str) -> tuple[str, str]:
        from string import Template

        missing = [v for v in self.variables if v not in values]
        if missing:
            raise ConfigError(f"prompt {self.name}: missing variables {', '.join(missing)}")
        return Template(self.system).safe_substitute(values), Template(self.user).safe_substitute(values)


def load_prompt(name: str, prompts_dir: Path = PROMPTS_DIR) -> PromptTemplate:
    path = prompts_dir / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise ConfigError(f"No prompt file {path}") from None
    except yaml.MarkedYAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.problem})") from None
    try:
        return PromptTemplate.model_validate({"name": name, **(data or {})})
    except ValidationError as exc:
        raise ConfigError(f"{path}: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}") from None
