"""Tones of voice: the words that ask for each, and the words each one writes with."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Tone:
    """The vocabulary one tone writes with."""

    name: str
    adjectives: tuple[str, ...]
    openers: tuple[str, ...]
    """Short lines that set the tone at the start of the ad."""
    flourishes: tuple[str, ...]
    """A line in the middle of the ad that sounds like this tone and no other."""
    cta_verbs: tuple[str, ...]
    mark: str
    """How its sentences end: '!' for loud tones, '.' for quiet ones."""
    mood: tuple[str, ...]
    """Picture words for scene descriptions."""
    camera: tuple[str, ...]


TONES: dict[str, Tone] = {
    "confident": Tone(
        "confident",
        ("smart", "simple", "reliable", "well-made"),
        ("Here's the thing.", "Let's be clear.", "Good news."),
        ("It just works, every single day.", "Built to do one thing brilliantly.", "No fuss. Just results."),
        ("Shop", "Get", "Try"),
        ".",
        ("clean light", "steady, assured framing", "crisp contrast"),
        ("push_in", "pan_right", "parallax"),
    ),
    "dramatic": Tone(
        "dramatic",
        ("bold", "fearless", "unforgettable", "powerful"),
        ("Everything changes now.", "The wait is over.", "This is the moment."),
        ("This is where the story turns.", "Nothing will ever feel the same.", "Feel the weight of it."),
        ("Claim", "Own", "Discover"),
        ".",
        ("high-contrast light and deep shadow", "a slow, cinematic reveal", "smoky backlight and a hard rim"),
        ("push_in", "pull_out", "static"),
    ),
    "funny": Tone(
        "funny",
        ("ridiculously handy", "suspiciously good", "delightfully silly", "cheeky"),
        ("Plot twist.", "Okay, hear us out.", "Breaking news, sort of."),
        (
            "Your old routine called. It's jealous.",
            "Yes, your friends will ask. Act casual.",
            "Side effects may include showing off.",
        ),
        ("Go on, grab", "Treat yourself to", "Snag"),
        "!",
        ("bright pops of colour", "a playful bounce", "comic-timing close-ups"),
        ("parallax", "pan_left", "push_in"),
    ),
    "calm": Tone(
        "calm",
        ("gentle", "quiet", "soothing", "effortless"),
        ("Take a breath.", "Slow down for a moment.", "Breathe in."),
        ("Everything in its own gentle time.", "Let the day go quiet.", "Calm, simple, and easy."),
        ("Discover", "Try", "Find"),
        ".",
        ("soft morning light", "a slow, peaceful drift", "airy pastel space"),
        ("pan_left", "pull_out", "static"),
    ),
    "luxurious": Tone(
        "luxurious",
        ("exquisite", "refined", "timeless", "indulgent"),
        ("Crafted for the few.", "Elegance, distilled.", "Some things are simply finer."),
        ("Crafted with exquisite, uncompromising care.", "Indulgence you can feel.", "Timeless by design."),
        ("Discover", "Indulge in", "Experience"),
        ".",
        ("velvet shadows and gold highlights", "a slow, elegant glide", "polished reflections"),
        ("pull_out", "pan_right", "push_in"),
    ),
    "energetic": Tone(
        "energetic",
        ("electric", "unstoppable", "high-energy", "fast"),
        ("Let's go!", "Ready? Go!", "Turn it up!"),
        ("Faster, brighter, louder: let's go!", "Energy on, limits off!", "Every second counts, so move!"),
        ("Grab", "Get", "Jump into"),
        "!",
        ("bold motion and punchy colour", "fast, bouncing type", "bright flashes of light"),
        ("pan_right", "push_in", "pan_left"),
    ),
    "urgent": Tone(
        "urgent",
        ("limited", "last-chance", "now-or-never", "rare"),
        ("Don't wait.", "Time is running out.", "Heads up: this won't last."),
        ("Stock is going fast, so hurry.", "When it's gone, it's gone.", "The clock is ticking right now."),
        ("Hurry and get", "Order", "Claim"),
        "!",
        ("a ticking-clock countdown", "flashing, hurried type", "tight, quick framing"),
        ("push_in", "pan_left", "push_in"),
    ),
}

_ASKS = (
    ("funny", r"funn(?:y|ier)|humou?r\w*|playful|joke\w*|witty|comic\w*|hilarious|silly|lighthearted"),
    ("luxurious", r"luxur\w*|premium|elegan\w*|classy|upscale|high[- ]end|sophisticated|exclusive"),
    ("calm", r"calm\w*|relax\w*|sooth\w*|serene|gentle|peaceful|chill|quiet\w*|mellow"),
    ("energetic", r"energ\w*|exciting|excit\w*|hype\w*|upbeat|punchy|dynamic|lively|pumped|fun-?packed"),
    ("urgent", r"urgen\w*|hurry|scarcity|fomo|last chance|limited time|act now"),
    ("dramatic", r"dramatic\w*|drama|epic|cinematic|intense|emotional|powerful"),
    ("confident", r"confident\w*|professional|serious|straightforward|neutral"),
)


def tone_in(text: str) -> str | None:
    """The tone a piece of text asks for, or None when it names none."""
    lowered = text.lower()
    best: tuple[int, str] | None = None
    for name, pattern in _ASKS:
        m = re.search(rf"\b(?:{pattern})\b", lowered)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def tone(name: str | None) -> Tone:
    """The tone by name, confident when unknown."""
    return TONES.get((name or "").lower(), TONES["confident"])
