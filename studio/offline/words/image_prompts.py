"""Image prompts for the reference images, and the two-step enhancement (cinematographer, engineer)."""

from __future__ import annotations

import re

from studio.models import Brief, ConsistencyContext, Story
from studio.offline.words.brief_reader import read_brief
from studio.offline.words.text import clip_words, looks_like_injection, strip_symbols
from studio.offline.words.tones import tone
from studio.offline.words.visuals import setting_for

ART_DIRECTION = "clean motion-graphics style: smooth gradients, simple shapes, soft light, bold typography"
_CAMERA = {
    "product": "85mm product shot, eye level, subject centred with generous negative space",
    "character": "50mm portrait, chest-up framing, subject on the left third, looking toward the light",
    "environment": "24mm wide establishing shot, horizon on the lower third, deep perspective",
    "logo": "flat front-on view, logo centred with wide margins",
}
_LIGHT = {
    "product": "soft key light from the upper left, gentle rim light, soft contact shadow",
    "character": "warm key light, soft fill, subtle hair light",
    "environment": "natural directional light, soft atmospheric haze",
    "logo": "even, shadowless light",
}
_KEYWORDS = ("high detail", "sharp focus", "clean composition", "cohesive colour palette", "no watermark")


def image_prompt(
    brief: Brief,
    story: Story | None,
    role: str,
    context: ConsistencyContext | None,
    feedback: str | None = None,
) -> str:
    """A prompt for one reference image (product, character or environment) in the ad's art direction."""
    facts = read_brief(brief.prompt)
    name = story.product_name if story else facts.product_name
    mood = tone(story.tone if story else facts.tone).mood[0]
    setting = setting_for(facts, context, brief.prompt)
    features = (context.product_features if context else "") or ", ".join(facts.features[:2])
    if role == "product":
        subject = f"Product-focused hero image of {name}" + (f" ({features[:120]})" if features else "")
        subject += ", floating on a clean gradient backdrop"
    elif role == "character":
        who = (context.character_appearance if context else "") or (
            f"a person from the audience ({facts.audience})"
            if facts.audience
            else "a friendly, relatable person"
        )
        subject = f"Character-focused image of {who[:140]}, enjoying {name}"
    elif role == "logo":
        subject = f"A simple, bold wordmark for {name}"
    else:
        subject = f"Environment-focused image of {setting}, the world of the {name} ad, no people in frame"
    parts = [subject, ART_DIRECTION, f"mood: {mood}"]
    if context and context.color_palette:
        parts.append(f"colour palette: {', '.join(context.color_palette[:5])}")
    if context and context.visual_style:
        parts.append(f"visual style: {context.visual_style[:120]}")
    if feedback and not looks_like_injection(feedback):
        parts.append(f"change: {clip_words(strip_symbols(feedback), 30).rstrip('.')}")
    return "; ".join(parts) + "."


def _role_of(prompt: str) -> str:
    lowered = prompt.lower()
    for role in ("product", "character", "environment", "logo"):
        if lowered.startswith(f"{role}-focused") or f"{role}-focused" in lowered[:80]:
            return role
    if "wordmark" in lowered[:80]:
        return "logo"
    return "product"


def cinematographer(prompt: str) -> str:
    """Step one: add camera, lighting and composition to a prompt (once; a second pass changes nothing)."""
    prompt = strip_symbols(prompt).rstrip(". ")
    if "Camera:" in prompt:
        return prompt + "."
    role = _role_of(prompt)
    return f"{prompt}. Camera: {_CAMERA[role]}. Lighting: {_LIGHT[role]}. Composition: balanced, uncluttered."


def engineer(prompt: str) -> str:
    """Step two: turn a described prompt into comma-separated keywords an image model weighs well."""
    text = strip_symbols(prompt)
    pieces = re.split(r"[.;]\s*|,\s*", text)
    phrases: list[str] = []
    for piece in pieces:
        piece = re.sub(
            r"^(?:camera|lighting|composition|mood|visual style|change|colour palette):\s*",
            "",
            piece.strip(),
            flags=re.I,
        )
        piece = re.sub(r"\s+", " ", piece).strip(" .")
        if piece and piece.lower() not in (p.lower() for p in phrases):
            phrases.append(piece)
    phrases += [k for k in _KEYWORDS if k not in (p.lower() for p in phrases)]
    return ", ".join(phrases)
