"""The variants planner: N briefs and stories from one, differing on purpose on the axes the person picked.

Variant 1 is the brief as written. Variant i takes the i-th option of every chosen axis (an axis with
fewer options cycles), so each variant differs from the others on the chosen axes and nowhere else:
the story's other beats, the brand kit, the references and the remaining settings stay the same.

Hooks and calls to action are built from the brief's own facts (`Story.facts`): a CTA keeps every stated
offer and the address verbatim and never invents one. Frameworks need a story written on them, which is
the service's job (a text-model call); everything here is a pure function.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from studio.brief import TIGHT_WORDS, word_budget
from studio.errors import BadInput
from studio.models import ASPECT_RATIOS, FRAMEWORK_BEATS, AssemblySettings, Brief, Story

Axis = Literal["hook", "framework", "cta", "voice", "music", "aspect"]
AXES: tuple[Axis, ...] = get_args(Axis)
MIN_VARIANTS, MAX_VARIANTS = 2, 6
HOOK_MAX_WORDS = 8
CTA_MAX_CHARS = 80
"""The end card's call to action holds at most this many characters (`AssemblySettings.call_to_action`)."""

MUSIC_OPTIONS: tuple[tuple[str, AssemblySettings], ...] = (
    ("music at the house level", AssemblySettings()),
    ("music 6 dB softer", AssemblySettings(music_gain_db=-6.0)),
    ("no music", AssemblySettings(music=False)),
    ("music 4 dB louder", AssemblySettings(music_gain_db=4.0)),
)
VOICE_OPTIONS: tuple[tuple[str, bool], ...] = (("voiceover", True), ("no voiceover", False))


class VariantSpec(BaseModel):
    """One planned variant: what differs from variant 1 and the settings that make it so."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0)
    differs: dict[str, str] = Field(default_factory=dict)
    """Axis → this variant's option on it, in words (every chosen axis, variant 1 included)."""
    hook: str | None = None
    cta: str | None = None
    framework: str | None = None
    aspect_ratio: str | None = None
    voice: bool | None = None
    music: AssemblySettings | None = None

    @property
    def label(self) -> str:
        """'Variant 2: hook "Made for weekend runners." · cta "..."' for lists and the page."""
        parts = [f"{axis} {value}" for axis, value in self.differs.items()]
        return f"Variant {self.index + 1}" + (": " + " · ".join(parts) if parts else "")


def parse_axes(text: str | list[str]) -> list[Axis]:
    """'hook,cta' → ['hook', 'cta'] (order kept, repeats dropped); an unknown axis is bad input."""
    words = text.split(",") if isinstance(text, str) else list(text)
    axes: list[Axis] = []
    for word in (w.strip().lower() for w in words):
        if not word:
            continue
        word = {"aspect_ratio": "aspect", "call_to_action": "cta"}.get(word, word)
        if word not in AXES:
            raise BadInput(f"{word!r} is not an axis to vary: use {', '.join(AXES)}.")
        if word not in axes:
            axes.append(word)  # type: ignore[arg-type]
    if not axes:
        raise BadInput(f"Pick at least one axis to vary: {', '.join(AXES)}.")
    return axes


def check_count(n: int) -> None:
    """Refuse a variant count outside 2..6 with the range."""
    if not MIN_VARIANTS <= n <= MAX_VARIANTS:
        raise BadInput(f"Ask for {MIN_VARIANTS} to {MAX_VARIANTS} variants (not {n}).")


# ── options per axis ─────────────────────────────────────────────────────────────────────────────


def _sentence(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _words(text: str) -> int:
    return len(text.split())


def _at(address: str) -> str:
    """'at peak.example.com', but 'in stores' as written."""
    return address if re.match(r"(?i)(in|at|on|from)\b", address) else f"at {address}"


def _to(address: str) -> str:
    """'to peak.example.com', but 'in stores' as written."""
    return address if re.match(r"(?i)(in|at|on|from|to)\b", address) else f"to {address}"


def hook_words(brief: Brief, story: Story) -> int:
    """The longest hook the ad's first scene can say: 8 words, but a short ad's first scene holds ~3."""
    if word_budget(brief.duration_s) >= TIGHT_WORDS:
        return HOOK_MAX_WORDS
    own = _words(story.beats[0].text) if story.beats else 0
    return max(3, own)


def hook_options(story: Story, max_words: int = HOOK_MAX_WORDS) -> list[str]:
    """The story's own hook first, then others built only from the brief's facts (all distinct)."""
    f = story.facts
    who = f.audience.strip()
    name = (f.brand or story.product_name or f.product).strip()
    product = (f.product or story.product_name).strip()
    benefit = f.benefits[0].strip() if f.benefits else ""
    candidates = [
        story.beats[0].text if story.beats else "",
        f"Made for {who}." if who else "",
        f"This is {name}." if name else "",
        f"Hello, {who}." if who else "",
        f"{benefit[:1].upper()}{benefit[1:]}. Really." if benefit else "",
        f"Stop scrolling, {who}." if who else "",
        f"New from {f.brand}: {product}." if f.brand and product and f.brand not in product else "",
        f"Heads up: {f.offers[0]}." if f.offers else "",
        "Look closer.",
        "Wait for it.",
        "You have never seen this.",
        "Ready?",
    ]
    return _distinct(candidates, max_words=max_words)


def cta_options(story: Story) -> list[str]:
    """Calls to action that keep every stated offer and the address verbatim (the story's own first, if
    it already does); at most 80 characters each, all distinct."""
    f = story.facts
    offers = " and ".join(o.strip() for o in f.offers if o.strip())
    address = f.address.strip()
    verb = (f.call_to_action or "Shop").strip().rstrip(".!")
    where = f" {_at(address)}" if address else ""
    name = (f.brand or story.product_name).strip()
    own = story.call_to_action
    keeps = all(o in own for o in f.offers) and address in own
    candidates = [own if keeps else ""]
    if offers:
        candidates += [
            f"{offers}. {verb}{where}.",
            f"{verb}{where}: {offers}.",
            f"Don't miss {offers}{where}.",
            f"Claim {offers}{where} today.",
            f"Head {_to(address)} for {offers}." if address else f"Get {offers} now.",
            f"Find {name}{where}. {offers}." if name else f"Find us{where}. {offers}.",
        ]
    else:
        candidates += [
            f"{verb}{where}.",
            f"{verb}{where} today.",
            f"Find {name}{where}." if name else f"Find us{where}.",
            f"See more{where}.",
            f"Try {name}{where}." if name else f"Try it{where}.",
        ]
    options = _distinct(candidates, max_chars=CTA_MAX_CHARS)
    return [c for c in options if all(o in c for o in f.offers) and address in c]


def _distinct(candidates: list[str], max_words: int = 0, max_chars: int = 0) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for c in (_sentence(c) for c in candidates if c and c.strip()):
        key = re.sub(r"[^a-z0-9%]+", " ", c.lower()).strip()
        if key in seen or (max_words and _words(c) > max_words) or (max_chars and len(c) > max_chars):
            continue
        seen.add(key)
        out.append(c)
    return out


def framework_options(story: Story) -> list[str]:
    """The story's framework first, then the others (AIDA, PAS, FAB)."""
    return [story.framework, *(f for f in FRAMEWORK_BEATS if f != story.framework)]


def aspect_options(brief: Brief) -> list[str]:
    """The brief's aspect ratio first, then the others in the order the studio offers them."""
    return [brief.aspect_ratio, *(a for a in ASPECT_RATIOS if a != brief.aspect_ratio)]


# ── the plan ─────────────────────────────────────────────────────────────────────────────────────


def plan_variants(brief: Brief, story: Story, axes: list[Axis], n: int) -> list[VariantSpec]:
    """N variant specs of one brief and its story on the chosen axes (variant 1: the brief as written)."""
    check_count(n)
    options: dict[str, list] = {
        "hook": hook_options(story, hook_words(brief, story)),
        "cta": cta_options(story),
        "framework": framework_options(story),
        "aspect": aspect_options(brief),
        "voice": list(VOICE_OPTIONS),
        "music": list(MUSIC_OPTIONS),
    }
    for axis in axes:
        if not options[axis]:
            raise BadInput(f"The brief gives nothing to vary the {axis} on: add an offer or an address.")
    picks = [tuple(i % len(options[a]) for a in axes) for i in range(n)]
    if len(set(picks)) < n:
        most = len({tuple(i % len(options[a]) for a in axes) for i in range(MAX_VARIANTS * 12)})
        raise BadInput(
            f"Varying {', '.join(axes)} gives at most {most} different variants: ask for {most} or fewer, "
            "or add another axis."
        )
    specs = []
    for i, pick in enumerate(picks):
        spec = VariantSpec(index=i)
        for axis, k in zip(axes, pick, strict=True):
            value = options[axis][k]
            if axis == "hook":
                spec.hook, spec.differs["hook"] = value, f"“{value}”"
            elif axis == "cta":
                spec.cta, spec.differs["cta"] = value, f"“{value}”"
            elif axis == "framework":
                spec.framework, spec.differs["framework"] = value, value
            elif axis == "aspect":
                spec.aspect_ratio, spec.differs["aspect"] = value, value
            elif axis == "voice":
                spec.differs["voice"], spec.voice = value
            else:
                spec.differs["music"], spec.music = value
        specs.append(spec)
    return specs


def variant_brief(brief: Brief, spec: VariantSpec) -> Brief:
    """The variant's brief: automated, with its aspect ratio and framework when those vary."""
    update: dict[str, object] = {"mode": "automated"}
    if spec.aspect_ratio:
        update["aspect_ratio"] = spec.aspect_ratio
    if spec.framework:
        update["framework"] = spec.framework
    return Brief.model_validate({**brief.model_dump(), **update})


def variant_assembly(base: AssemblySettings, spec: VariantSpec) -> AssemblySettings:
    """How the variant's ad is put together: the voice and music options when those vary."""
    settings = base.model_copy()
    if spec.voice is not None:
        settings.voice = spec.voice
    if spec.music is not None:
        settings.music, settings.music_gain_db = spec.music.music, spec.music.music_gain_db
    return settings


def with_hook(story: Story, hook: str) -> Story:
    """The story with another first line: the first beat and the first voiceover line, nothing else."""
    if not story.beats or story.beats[0].text == hook:
        return story
    old = story.beats[0].text
    beats = [story.beats[0].model_copy(update={"text": hook}), *story.beats[1:]]
    voiceover = list(story.voiceover)
    if voiceover:
        voiceover[0] = voiceover[0].replace(old, hook, 1) if old in voiceover[0] else hook
    return story.model_copy(
        update={"beats": beats, "voiceover": voiceover, "text": story.text.replace(old, hook, 1)}
    )


def with_cta(story: Story, cta: str) -> Story:
    """The story with another call to action, said in its last line and shown on the end card."""
    old = story.call_to_action
    if cta == old:
        return story
    beats, voiceover = list(story.beats), list(story.voiceover)
    if beats:
        last = beats[-1].text
        beats[-1] = beats[-1].model_copy(
            update={"text": last.replace(old, cta) if old and old in last else _join(last, cta)}
        )
    if voiceover:
        last = voiceover[-1]
        voiceover[-1] = last.replace(old, cta) if old and old in last else _join(last, cta)
    text = story.text.replace(old, cta) if old and old in story.text else _join(story.text, cta)
    return story.model_copy(
        update={"call_to_action": cta, "beats": beats, "voiceover": voiceover, "text": text}
    )


def _join(text: str, cta: str) -> str:
    return f"{text.rstrip()} {cta}".strip()


def variant_story(story: Story, spec: VariantSpec) -> Story:
    """Variant 1's story with this variant's hook and call to action (the framework is written anew)."""
    if spec.hook is not None:
        story = with_hook(story, spec.hook)
    if spec.cta is not None:
        story = with_cta(story, spec.cta)
    return story
