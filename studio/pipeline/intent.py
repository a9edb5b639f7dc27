"""What a chat message asks for: approve, regenerate, refine, edit scene N, regenerate scene N, or a change
to how the ad is put together (music louder/softer/off/on, voice off/on, end-card CTA or headline).

Rules first (fast, offline, predictable); a text model for what the rules cannot place; refine otherwise.
"""

from __future__ import annotations

import logging
import re

from studio.models import Intent, Stage
from studio.providers.ports import IntentRequest, TextModel
from studio.run import Run

log = logging.getLogger(__name__)

_APPROVE = (
    "looks good",
    "look good",
    "looks great",
    "looks fine",
    "looks perfect",
    "looks amazing",
    "all good",
    "sounds good",
    "sounds great",
    "good to go",
    "go ahead",
    "go on",
    "ship it",
    "lets go",
    "let s go",
    "love it",
    "i love it",
    "i like it",
    "like it",
    "approve",
    "approved",
    "i approve",
    "approve all",
    "continue",
    "proceed",
    "next",
    "carry on",
    "keep going",
    "yes",
    "yeah",
    "yep",
    "yup",
    "yes please",
    "ok",
    "okay",
    "k",
    "kk",
    "sure",
    "fine",
    "good",
    "great",
    "perfect",
    "lgtm",
    "accept",
    "accepted",
    "confirm",
    "confirmed",
    "done",
    "y",
    "👍",
    "✅",
    "agreed",
    "nice",
    "excellent",
    "awesome",
    "cool",
)
_REGENERATE = (
    "regenerate",
    "re generate",
    "try again",
    "redo",
    "re do",
    "again",
    "start over",
    "another one",
    "another version",
    "new version",
    "give me another",
    "one more time",
    "do it again",
    "reroll",
    "rewrite",
    "write it again",
    "from scratch",
    "new one",
    "something else",
    "different one",
)
_FILLER = (
    "please",
    "pls",
    "thanks",
    "thank you",
    "thx",
    "it",
    "that",
    "this",
    "all",
    "the story",
    "the scenes",
    "story",
    "scenes",
    "everything",
    "so",
    "very",
    "really",
    "just",
    "now",
    "then",
    "and",
    "to me",
    "oh",
    "well",
    "hey",
    "great",
    "ok",
    "okay",
)
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
}
_N = r"(\d+|one|two|three|four|five|six|seven|eight)"
_EDIT = re.compile(
    rf"^(?:please\s+)?(?:edit|change|set|update)\s+scene\s+{_N}\s*(?:[:\-–—,]|to\b|text\b)\s*(.+)$",
    re.I | re.S,
)
_REGEN_SCENE = re.compile(
    r"^(?:please\s+)?(?:regenerate|re-?generate|redo|re-do|remake|rewrite|retry|try again(?: with)?|"
    r"reroll)\s+"
    rf"(?:the\s+)?scene\s+{_N}\b\s*(?:(?:with|using|but|and|[:\-–—,])\s*)?(.*)$",
    re.I | re.S,
)
_MAKE_SCENE = re.compile(
    rf"^(?:please\s+|can you\s+|could you\s+)*(?:make|give|turn)\s+(?:the\s+)?scene\s+{_N}\s+(.+)$",
    re.I | re.S,
)
_SCENE_MORE = re.compile(
    rf"^(?:the\s+)?scene\s+{_N}\s*[:,]?\s*((?:more|less|should|needs?|make)\b.+)$", re.I | re.S
)


_MUSIC = re.compile(r"\b(music|soundtrack|song|background track|backing track|bgm|beat)\b", re.I)
_VOICE = re.compile(r"\b(voice ?over|voice|narration|narrator|vo|speaker|speech)\b", re.I)
_OFF = re.compile(r"\b(no|off|remove|mute|muted|without|drop|kill|lose|silence|cut|get rid of)\b", re.I)
_ON = re.compile(r"\b(on|add|back|bring|put|restore|unmute|with)\b", re.I)
_LOUDER = re.compile(r"\b(louder|up|raise|boost|more|increase|higher|stronger|bigger|pump)\b", re.I)
_SOFTER = re.compile(
    r"\b(softer|quieter|down|lower|less|reduce|decrease|lighter|subtler|gentler|quiet)\b", re.I
)
_SAYS = r"(?:to say|to read|should say|should read|says|say|reads?|to|as|:|=|-)\s*"
_QUOTED = r"[\"“”'‘’]?(.+?)[\"“”'‘’]?[.!]?$"
_CTA = re.compile(
    r"^(?:please\s+)?(?:(?:change|set|make|update|replace)\s+)?(?:the\s+)?(?:end[- ]?card\s+)?"
    r"(?:cta|call[- ]to[- ]action|button)(?:\s+on the end[- ]?card)?\s*(?:text\s*)?" + _SAYS + _QUOTED,
    re.I | re.S,
)
_TITLE = re.compile(
    r"^(?:please\s+)?(?:(?:change|set|make|update|replace)\s+)?(?:the\s+)?end[- ]?card(?:'s)?\s*"
    r"(?:text|title|headline|line)?\s*" + _SAYS + _QUOTED,
    re.I | re.S,
)
MAX_SOUND_WORDS = 14
"""Longer messages that mention music carry more than a sound change: the text model reads them."""


def _sound(text: str) -> Intent | None:
    """A change to the music or the voice, when that is all the message asks for."""
    if len(text.split()) > MAX_SOUND_WORDS or re.search(r"\bscene\s+\w+", text, re.I):
        return None
    if _MUSIC.search(text):
        if _OFF.search(text) and not re.search(r"\bturn (?:it )?(?:up|down)\b", text, re.I):
            return Intent(action="music_off")
        if _SOFTER.search(text):
            return Intent(action="music_softer")
        if _LOUDER.search(text):
            return Intent(action="music_louder")
        if _ON.search(text):
            return Intent(action="music_on")
        return None
    if _VOICE.search(text) and not re.search(r"\b(another|different|new|other)\b", text, re.I):
        if _OFF.search(text):
            return Intent(action="voice_off")
        if _ON.search(text):
            return Intent(action="voice_on")
    return None


def _end_card(text: str) -> Intent | None:
    """New words for the end card: its call to action, or its headline."""
    for action, pattern in (("end_card_cta", _CTA), ("end_card_title", _TITLE)):
        m = pattern.match(text.strip())
        if m and m.group(1).strip():
            return Intent(action=action, text=m.group(1).strip()[:80])  # type: ignore[arg-type]
    return None


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token.lower()]


def _normalise(message: str) -> str:
    text = message.lower().replace("’", "'").replace("'", " ")
    text = re.sub(r"[^\w\s👍✅]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _made_of(text: str, phrases: tuple[str, ...], fillers: tuple[str, ...]) -> bool:
    """True when the text is nothing but the given phrases (at least one) and filler words."""
    words = text.split()
    found = False
    ordered = sorted(set(phrases) | set(fillers), key=lambda p: -len(p.split()))
    while words:
        for phrase in ordered:
            size = len(phrase.split())
            if words[:size] == phrase.split():
                found = found or phrase in phrases
                words = words[size:]
                break
        else:
            return False
    return found


def parse_intent(message: str, stage: str) -> Intent | None:
    """The intent the rules can place, or None (then ask the text model, or refine)."""
    text = message.strip()
    if not text:
        return None
    m = _EDIT.match(text)
    if m and m.group(2).strip():
        return Intent(action="edit_scene", scene_id=_number(m.group(1)), text=m.group(2).strip())
    for pattern in (_REGEN_SCENE, _MAKE_SCENE, _SCENE_MORE):
        m = pattern.match(text)
        if m:
            feedback = m.group(2).strip().strip(".!")
            return Intent(action="regenerate_scene", scene_id=_number(m.group(1)), text=feedback)
    changed = _end_card(text) or _sound(text)
    if changed is not None:
        return changed
    plain = _normalise(text)
    if _made_of(plain, _REGENERATE, _FILLER):
        return Intent(action="regenerate")
    if _made_of(plain, _APPROVE, _FILLER):
        return Intent(action="approve")
    return None


def resolve_intent(message: str, stage: Stage, text_model: TextModel | None, run: Run) -> Intent:
    """Rules, then the text model's "intent" task, then refine with the message as feedback."""
    ruled = parse_intent(message, stage)
    if ruled is not None:
        return ruled
    if text_model is not None:
        try:
            asked = text_model.generate(IntentRequest(message=message, stage=stage), Intent, run)
        except Exception as exc:  # a model that fails must not lose the person's message
            log.warning(
                "The text model could not read the message's intent (%s); treating it as feedback", exc
            )
        else:
            if asked.action in ("edit_scene", "regenerate_scene") and asked.scene_id is None:
                return Intent(action="refine", text=message)
            if asked.action in ("end_card_cta", "end_card_title") and not asked.text.strip():
                return Intent(action="refine", text=message)
            if asked.action == "refine" and not asked.text:
                asked = asked.model_copy(update={"text": message})
            return asked
    return Intent(action="refine", text=message)


# ── At the references and storyboard stops: which picture a message is about ────────────────────
# (Added with the references stop and the storyboard; the intents after an ad is finished live above.)

_REFERENCE_WORDS: dict[str, tuple[str, ...]] = {
    "environment": (
        "background", "backdrop", "environment", "setting", "scenery", "room", "place", "location",
        "sky", "landscape", "street", "interior", "outdoors", "surroundings",
    ),
    "product": ("product", "bottle", "package", "packaging", "item", "box", "jar", "cup"),
    "character": (
        "character", "person", "man", "woman", "model", "face", "people", "guy", "girl", "actor",
        "hero", "presenter", "commuter", "customer",
    ),
    "logo": ("logo", "brand mark", "wordmark"),
}  # fmt: skip
_PICTURE_NUMBER = re.compile(rf"\b(?:reference|ref|image|picture|photo|frame|scene)\s+#?{_N}\b", re.I)


def reference_targets(message: str, kinds: list[str]) -> list[int]:
    """The references (indices into `kinds`) a message names, by number or by what they show; [] if none.

    "make the background brighter" names the environment reference, "reference 2 warmer" the second.
    """
    m = _PICTURE_NUMBER.search(message)
    if m and 1 <= _number(m.group(1)) <= len(kinds):
        return [_number(m.group(1)) - 1]
    words = f" {_normalise(message)} "
    named = [kind for kind, names in _REFERENCE_WORDS.items() if any(f" {n} " in words for n in names)]
    return [i for i, kind in enumerate(kinds) if kind in named]


def frame_target(message: str, scene_ids: list[int]) -> int | None:
    """The scene whose storyboard frame a message names ("frame 2 brighter", "scene 3: ..."), if any."""
    m = _PICTURE_NUMBER.search(message)
    if m and _number(m.group(1)) in scene_ids:
        return _number(m.group(1))
    return None
