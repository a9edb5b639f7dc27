"""Read a person's feedback: tone, length, focus, audience, framework and call to action it asks for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studio.offline.words.brief_reader import BriefFacts, audience_in
from studio.offline.words.text import capitalise, clip_words, looks_like_injection, strip_symbols
from studio.offline.words.tones import tone_in

ASKED = "As asked: "
"""Prefix of the notes a story keeps about feedback it honoured, so later rounds keep honouring it."""

_SHORTER = re.compile(
    r"\b(?:shorter|shorten|short|concise|tighter|tighten|trim|cut (?:it )?down|less wordy|fewer words|"
    r"brief(?:er)?|snappier|quicker)\b",
    re.I,
)
_LONGER = re.compile(
    r"\b(?:longer|lengthen|more detail\w*|expand|elaborate|more words|fuller|richer)\b", re.I
)
_FOCUS = re.compile(
    r"\b(?:focus(?:ing)? (?:more )?on|mention|highlight|emphasi[sz]e|talk about|add|include|stress|"
    r"push|feature|show off|more about|lead with|play up)\s+(?:the |our |its |a |an )?"
    r"(?P<f>[^.,;!?\n]{2,60}?)(?=$|[.,;!?\n]| and | but | please\b)",
    re.I,
)
_KNOWN_FOCUS = (
    ("free shipping", r"free (?:shipping|delivery)|shipping|delivery"),
    ("price", r"price|pricing|cost|cheap|affordable|value"),
    ("offer", r"discount|sale|deal|offer|promo\w*|coupon"),
    ("benefit", r"benefits?"),
    ("features", r"features?|specs?"),
)
_CTA = re.compile(
    r"\b(?:cta|call to action|end with|ending with)\s*(?:to |as |:|=|-)?\s*[\"“']?(?P<c>[^\"”'.!\n]{3,50})",
    re.I,
)


@dataclass
class Ask:
    """What one piece of feedback asks the writer to change."""

    tone: str | None = None
    length: float | None = None
    """A factor on the voiceover's length (below 1: shorter)."""
    focus: list[str] = field(default_factory=list)
    audience: str | None = None
    framework: str | None = None
    cta: str | None = None
    unplaced: bool = False
    """Nothing in the feedback was recognised: the writer rewords instead."""


def read_feedback(text: str | None) -> Ask:
    """The changes a piece of feedback asks for; unrecognised feedback asks for new wording."""
    ask = Ask()
    if not text or not text.strip():
        return ask
    clean = strip_symbols(text)
    if looks_like_injection(clean):
        ask.unplaced = True
        return ask
    ask.tone = tone_in(clean)
    if _SHORTER.search(clean):
        ask.length = 0.65
    elif _LONGER.search(clean):
        ask.length = 1.35
    for m in _FOCUS.finditer(clean):
        phrase = m.group("f")
        # "add more energy" asks for a tone and "add a few words" for length, not for a topic
        if tone_in(phrase) or _SHORTER.search(phrase) or _LONGER.search(phrase) or audience_in(phrase):
            continue
        ask.focus.append(_focus_name(phrase))
    if re.search(r"\bfree (?:shipping|delivery)\b", clean, re.I) and "free shipping" not in ask.focus:
        ask.focus.append("free shipping")
    ask.audience = audience_in(clean)
    framework = re.search(r"\b(aida|pas|fab)\b", clean, re.I)
    ask.framework = framework.group(1).upper() if framework else None
    cta = _CTA.search(clean)
    ask.cta = capitalise(cta.group("c").strip()) if cta else None
    ask.unplaced = not (ask.tone or ask.length or ask.focus or ask.audience or ask.framework or ask.cta)
    return ask


def _focus_name(phrase: str) -> str:
    phrase = phrase.strip().lower()
    for name, pattern in _KNOWN_FOCUS:
        if re.fullmatch(rf"(?:the |our |its )?(?:{pattern})(?: \w+)?", phrase):
            return name
    return clip_words(phrase, 6).rstrip(".")


def focus_line(focus: str, facts: BriefFacts) -> str:
    """A sentence that puts the asked-for focus into the voiceover, with the brief's real figures only."""
    if focus == "free shipping":
        return "Free shipping on every order."
    if focus == "price":
        if facts.price:
            return f"All for just {facts.price}."
        if facts.discount:
            return f"Now {facts.discount}."
        return "Great value, at a price that makes sense."
    if focus == "offer":
        return f"Right now: {facts.offer}." if facts.offer else "There's a deal waiting for you."
    if focus == "benefit":
        return f"It {facts.benefits[0]}." if facts.benefits else "It makes every day a little easier."
    if focus == "features":
        return f"Look at the details: {facts.features[0]}." if facts.features else "Every detail, considered."
    return f"Best of all: {focus}."


def apply_to_facts(ask: Ask, facts: BriefFacts) -> list[str]:
    """Fold the feedback into the facts; return the notes to keep on the story."""
    notes: list[str] = []
    if "free shipping" in ask.focus:
        facts.free_shipping = True
    if ask.audience:
        facts.audience = ask.audience
        notes.append(f"{ASKED}for {ask.audience}")
    if ask.cta:
        facts.cta = ask.cta
        notes.append(f"{ASKED}call to action '{ask.cta}'")
    notes += [f"{ASKED}mention {f}" for f in ask.focus]
    return notes


def earlier_asks(assumptions: list[str]) -> Ask:
    """The feedback a previous story honoured, read back from its notes."""
    ask = Ask()
    for note in assumptions:
        if not note.startswith(ASKED):
            continue
        body = note[len(ASKED) :]
        if body.startswith("mention "):
            ask.focus.append(body[len("mention ") :])
        elif body.startswith("for "):
            ask.audience = body[len("for ") :]
        elif body.startswith("call to action "):
            ask.cta = body[len("call to action ") :].strip("'")
    return ask
