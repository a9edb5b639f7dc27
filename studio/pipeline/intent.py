"""What a chat message asks for: approve, regenerate, refine, edit scene N, regenerate scene N.

Rules first (fast, offline, predictable); a text model for what the rules cannot place; refine otherwise.
"""

from __future__ import annotations

import logging
import re

from studio.models import Intent
from studio.providers.ports import TextModel
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
    plain = _normalise(text)
    if _made_of(plain, _REGENERATE, _FILLER):
        return Intent(action="regenerate")
    if _made_of(plain, _APPROVE, _FILLER):
        return Intent(action="approve")
    return None


def resolve_intent(message: str, stage: str, text_model: TextModel | None, run: Run) -> Intent:
    """Rules, then the text model's "intent" task, then refine with the message as feedback."""
    ruled = parse_intent(message, stage)
    if ruled is not None:
        return ruled
    if text_model is not None:
        try:
            asked = text_model.generate("intent", {"message": message, "stage": stage}, Intent, run)
        except Exception as exc:  # a model that fails must not lose the person's message
            log.warning(
                "The text model could not read the message's intent (%s); treating it as feedback", exc
            )
        else:
            if asked.action in ("edit_scene", "regenerate_scene") and asked.scene_id is None:
                return Intent(action="refine", text=message)
            if asked.action == "refine" and not asked.text:
                asked = asked.model_copy(update={"text": message})
            return asked
    return Intent(action="refine", text=message)
