"""Which model serves each port, from the settings, the catalogue files and the live catalogues.

- A port left unset takes the first of its catalogue's `defaults` with no announced shutdown.
- A configured model that is gone (shut down, or no longer listed) gives way to its successor, with a
  warning that names the variable to set: never a failed ad.
- A configured model that shuts down within `WARN_DAYS` is kept, and a notice says when and what to set.
- A Replicate model whose live input schema lacks an input the studio sends is a `problem`: generations
  are refused before any spend, naming the model and the input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from studio.config import Settings
from studio.providers.catalogue import Lifecycle, speech_catalogue, text_catalogue

if TYPE_CHECKING:
    from studio.providers.live_catalogue import OpenAIModels, ReplicateModels

log = logging.getLogger(__name__)

WARN_DAYS = 30
State = Literal["live", "retiring", "gone", "unknown"]


@dataclass(frozen=True)
class ModelStatus:
    """One configured model, in words for `doctor`, the page and the CLI."""

    port: str
    variable: str
    model: str
    state: State
    shutdown: date | None = None
    successor: str | None = None
    replaces: str | None = None
    """The configured model this one stands in for (it was gone)."""

    def describe(self) -> str:
        words = {"live": "live", "gone": "gone", "unknown": "unknown (not checked live)",
                 "retiring": f"shutting down on {self.shutdown}"}[self.state]
        text = f"{self.model}: {words}"
        if self.successor and self.state in ("retiring", "gone"):
            text += f" (successor: {self.successor})"
        if self.replaces:
            text += f", in place of {self.replaces} (gone)"
        return text


@dataclass
class ModelChoice:
    settings: Settings
    """The settings with the models in use filled in and `models_resolved` set."""
    statuses: list[ModelStatus] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """Warnings for the page, the CLI and `doctor` (gone models replaced, shutdowns within 30 days)."""
    problems: list[str] = field(default_factory=list)
    """What must be fixed before a paid generation may start (a Replicate schema lacks an input)."""
    speech: tuple[str, str] | None = None
    """(provider, model) of the voice, or None for the offline voice."""


def _state(model: str, entry: Lifecycle | None, live: OpenAIModels | None, compatible: bool, today: date
           ) -> tuple[State, date | None]:
    """A model's state; a compatible server's models go by its own list, not OpenAI's dates."""
    shutdown = None if compatible or entry is None else entry.shutdown
    if live is not None:
        if model not in live.models:
            return "gone", shutdown
        shutdown = live.models[model] or shutdown
    if shutdown is not None:
        return ("gone" if today >= shutdown else "retiring"), shutdown
    return ("live" if live is not None else "unknown"), None


def _pick(
    port: str,
    variable: str,
    configured: str | None,
    entries: dict[str, Lifecycle],
    defaults: list[str],
    state_of: Callable[[str], tuple[State, date | None]],
    choice: ModelChoice,
    today: date,
    how_to_use: Callable[[str], str] | None = None,
) -> str:
    """The model to use for one port; records its status and any notice."""

    def usable(name: str) -> bool:
        return state_of(name)[0] in ("live", "unknown") and name in entries

    def default() -> str:
        return next((m for m in defaults if usable(m)), defaults[0])

    model, replaces = configured or default(), None
    state, shutdown = state_of(model)
    if state == "gone":
        successor, seen = entries[model].successor if model in entries else None, {model}
        while successor is not None and state_of(successor)[0] == "gone" and successor not in seen:
            seen.add(successor)
            successor = entries[successor].successor if successor in entries else None
        replacement = successor if successor is not None and state_of(successor)[0] != "gone" else default()
        why = f"was shut down on {shutdown}" if shutdown else "is not in the provider's model list"
        choice.notices.append(
            f"{variable}={model} {why}: using {replacement} instead. Set {variable} to a live model "
            f"(e.g. {replacement}) to stop this warning.")
        model, replaces = replacement, model
        state, shutdown = state_of(model)
    entry = entries.get(model)
    successor = entry.successor if entry else None
    if state == "retiring" and shutdown is not None and (shutdown - today).days <= WARN_DAYS:
        days = (shutdown - today).days
        how = how_to_use or (lambda name: f"set {variable}={name}")
        move = f": {how(successor)}" if successor else f": set {variable} to another model"
        choice.notices.append(f"{variable}={model} shuts down on {shutdown} (in {days} days){move}.")
    choice.statuses.append(ModelStatus(port, variable, model, state, shutdown, successor, replaces))
    return model


def choose_models(
    settings: Settings,
    openai_live: OpenAIModels | None = None,
    replicate_live: ReplicateModels | None = None,
    today: date | None = None,
) -> ModelChoice:
    """The models each port uses, with their states; settings come back with those models filled in."""
    today = today or date.today()
    choice = ModelChoice(settings)
    updates: dict[str, object] = {"models_resolved": True}
    compatible = bool(settings.openai_base_url)
    if settings.use_openai:
        texts = text_catalogue()
        entries: dict[str, Lifecycle] = dict(texts.models)
        if compatible and openai_live is not None:  # a compatible server's own models are all usable
            entries.update({m: Lifecycle(schema_source=openai_live.source, schema_checked=today)
                            for m in openai_live.models if m not in entries})

        def text_state(name: str) -> tuple[State, date | None]:
            return _state(name, texts.models.get(name), openai_live, compatible, today)

        defaults = list(texts.defaults)
        if compatible and openai_live is not None and not any(m in openai_live.models for m in defaults):
            defaults = [*sorted(openai_live.models), *defaults]
        for port, var, field_name in (("text", "OPENAI_TEXT_MODEL", "openai_text_model"),
                                      ("vision", "OPENAI_VISION_MODEL", "openai_vision_model")):
            updates[field_name] = _pick(port, var, getattr(settings, field_name), entries, defaults,
                                        text_state, choice, today)
    _choose_speech(settings, openai_live, replicate_live, compatible, today, choice, updates)
    if settings.use_replicate and replicate_live is not None:
        _check_replicate(settings, replicate_live, choice)
    choice.settings = settings.model_copy(update=updates)
    return choice


def _choose_speech(settings: Settings, live: OpenAIModels | None, replicate_live: ReplicateModels | None,
                   compatible: bool, today: date, choice: ModelChoice, updates: dict[str, object]) -> None:
    """The voice: the configured model while it lives, else the catalogue's first live default."""
    voices = speech_catalogue()
    has_key = {"openai": settings.use_openai, "replicate": settings.use_replicate}

    def state_of(name: str) -> tuple[State, date | None]:
        entry = voices.models.get(name)
        if entry is not None and entry.provider == "replicate":
            state, shutdown = _state(name, entry, None, False, today)
            if replicate_live is not None and name in replicate_live.models and state == "unknown":
                state = "live" if replicate_live.models[name] is not None else "gone"
            return state, shutdown
        return _state(name, entry, live, compatible, today)

    def how_to_use(name: str) -> str:
        entry = voices.models.get(name)
        if entry is not None and entry.provider == "replicate":
            return f"set REPLICATE_SPEECH_MODEL={name}" + ("" if has_key["replicate"] else
                                                             " with a REPLICATE_API_TOKEN")
        return f"set OPENAI_TTS_MODEL={name}"

    configured = [(v, m) for v, m in (("OPENAI_TTS_MODEL", settings.openai_tts_model),
                                      ("REPLICATE_SPEECH_MODEL", settings.replicate_speech_model)) if m]
    gone: list[str] = []
    for variable, model in configured:
        provider = "openai" if variable.startswith("OPENAI") else "replicate"
        if not has_key[provider]:
            continue
        if compatible and provider == "openai" and model not in voices.models:
            choice.speech = ("openai", model)  # a compatible server's own voice model
            choice.statuses.append(ModelStatus("speech", variable, model, "unknown"))
            break
        state, shutdown = state_of(model)
        if state == "gone":
            why = f"was shut down on {shutdown}" if shutdown else "is not in the provider's model list"
            gone.append(f"{variable}={model} {why}")
            choice.statuses.append(ModelStatus("speech", variable, model, "gone", shutdown,
                                               getattr(voices.models.get(model), "successor", None)))
            continue
        _pick("speech", variable, model, dict(voices.models), voices.defaults, state_of, choice, today,
              how_to_use)
        choice.speech = (provider, model)
        break
    else:
        candidates = [m for m in voices.defaults if has_key[voices.models[m].provider]]
        lasting = [m for m in candidates if state_of(m)[0] in ("live", "unknown")]
        retiring = [m for m in candidates if state_of(m)[0] == "retiring"]
        if pick := (lasting or retiring)[:1]:
            provider = voices.models[pick[0]].provider
            variable = "OPENAI_TTS_MODEL" if provider == "openai" else "REPLICATE_SPEECH_MODEL"
            if gone:
                choice.notices.append(f"{'; '.join(gone)}: the voice uses {pick[0]} instead. Set {variable} "
                                      "to a live model to stop this warning.")
            _pick("speech", variable, pick[0], dict(voices.models), voices.defaults, state_of, choice, today,
                  how_to_use)
            choice.speech = (provider, pick[0])
        elif candidates or gone:
            dead = gone or [f"{m} shut down on {state_of(m)[1]}" for m in candidates]
            choice.notices.append(f"No voice model your keys reach is live ({'; '.join(dead)}): ads use the "
                                  "offline voice (espeak-ng). Set REPLICATE_API_TOKEN for a Replicate voice.")
    if choice.speech is not None:
        field_name = "openai_tts_model" if choice.speech[0] == "openai" else "replicate_speech_model"
        updates[field_name] = choice.speech[1]


def sent_video_inputs(model: str) -> dict[str, str]:
    """The inputs the studio sends a video model (input name → what it is), from its catalogue entry."""
    from studio.providers.video_models import load_video_models

    spec = load_video_models().get(model)
    if spec is None:
        return {}
    sent = {spec.prompt: "prompt", spec.duration.name: "duration", **{k: "fixed input" for k in spec.extra}}
    named = {"seed": spec.seed, "start image": spec.start_image, "last image": spec.last_image,
             "reference images": spec.reference_images.name if spec.reference_images else None,
             "aspect ratio": spec.aspect_ratio.name if spec.aspect_ratio else None,
             "frame rate": spec.duration.fps_name,
             "resolution": spec.resolution.name if spec.resolution else None}
    sent.update({name: what for what, name in named.items() if name})
    return sent


def sent_image_inputs(model: str) -> dict[str, str]:
    """The inputs the studio sends an image model, from config/image_models.yaml."""
    from studio.providers.image_models import load_image_models

    spec = load_image_models().models.get(model)
    if spec is None:
        return {}
    named = {"prompt": spec.prompt, "reference images": spec.images, "start image": spec.image,
             "mask": spec.mask, "aspect ratio": spec.aspect_ratio.name if spec.aspect_ratio else None,
             "seed": spec.seed}
    sent = {name: what for what, name in named.items() if name}
    sent.update({k: "fixed input" for k in (*spec.extra, *spec.seed_needs)})
    return sent


def replicate_models_in_use(settings: Settings) -> list[str]:
    """The Replicate models a generation may call: the video and image models, and a Replicate voice."""
    names = [settings.replicate_video_model, settings.replicate_image_model]
    voices = speech_catalogue()
    names += [settings.replicate_speech_model] if settings.replicate_speech_model else [
        m for m in voices.defaults if voices.models[m].provider == "replicate"]
    return names


def sent_speech_inputs(model: str) -> dict[str, str]:
    """The inputs the studio sends a Replicate speech model, from config/speech_models.yaml."""
    entry = speech_catalogue().models.get(model)
    if entry is None:
        return {}
    sent = {name: what for what, name in entry.inputs.items() if name}
    return {**sent, **{k: "fixed input" for k in entry.extra}}


def _check_replicate(settings: Settings, live: ReplicateModels, choice: ModelChoice) -> None:
    checks = [
        ("video", "REPLICATE_VIDEO_MODEL", settings.replicate_video_model,
         sent_video_inputs(settings.replicate_video_model)),
        ("image", "REPLICATE_IMAGE_MODEL", settings.replicate_image_model,
         sent_image_inputs(settings.replicate_image_model)),
    ]
    if choice.speech is not None and choice.speech[0] == "replicate":
        voice = choice.speech[1]
        checks.append(("speech", "REPLICATE_SPEECH_MODEL", voice, sent_speech_inputs(voice)))
    for port, variable, model, sent in checks:
        if model not in live.models:
            choice.statuses.append(ModelStatus(port, variable, model, "unknown"))
            continue
        schema = live.models[model]
        if schema is None and port == "speech":
            choice.notices.append(f"{variable}={model} is not on Replicate any more: ads use the offline "
                                  "voice.")
            choice.speech = None
            continue
        if schema is None:
            choice.problems.append(f"{variable}={model} is not on Replicate any more: set {variable} to "
                                   "another model in its catalogue file.")
            choice.statuses.append(ModelStatus(port, variable, model, "gone"))
            continue
        missing = [f"{name} ({what})" for name, what in sent.items() if name not in schema.inputs]
        if port == "speech" and (missing or schema is None):  # a voice never stops an ad: offline voice
            choice.notices.append(f"{variable}={model}: its live input schema lacks {', '.join(missing)}; "
                                  "ads use the offline voice (espeak-ng) until its catalogue entry is "
                                  "updated.")
            choice.speech = None
            continue
        if missing:
            choice.problems.append(
                f"{variable}={model}: its live input schema (version {schema.version}) has no input "
                f"{', '.join(missing)}, which the studio sends. Update its entry in "
                f"config/{port}_models.yaml from {live.source}/{model}, or set {variable} to another model.")
        if port != "speech":  # the voice's status is recorded where it was chosen
            choice.statuses.append(ModelStatus(port, variable, model, "live"))
