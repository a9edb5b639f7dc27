"""English agreement for phrases lifted from a brief: 'shoes that grip wet rock' -> 'it grips wet rock'."""

from __future__ import annotations

import re

# words that can stand before the verb without changing it ("it really grips", "it can grip")
_ADVERBS = {"also", "really", "actually", "always", "even", "just", "truly", "quickly", "gently", "still"}
_MODALS = {"can", "could", "will", "would", "may", "might", "must", "should", "shall"}
_TO_SINGULAR = {
    "have": "has",
    "do": "does",
    "go": "goes",
    "be": "is",
    "are": "is",
    "were": "was",
    "don't": "doesn't",
    "aren't": "isn't",
    "haven't": "hasn't",
}
_TO_PLURAL = {v: k for k, v in _TO_SINGULAR.items() if k not in ("be",)}
_ES_ENDINGS = ("s", "sh", "ch", "x", "z", "o")
# base forms that end in -s but are not a third-person -s ("focus", "pass", "bias")
_BASE_S = re.compile(r"(?:ss|us|is|as)$")


def singular_verb(verb: str) -> str:
    """The third-person singular of a verb, left alone when it already agrees ('grip' -> 'grips')."""
    low = verb.lower()
    if low in _TO_SINGULAR:
        return _keep_case(verb, _TO_SINGULAR[low])
    if low in _TO_PLURAL or low in _MODALS or not low.isalpha() or len(low) < 2:
        return verb
    if low.endswith("s") and not _BASE_S.search(low):
        return verb
    if re.search(r"[^aeiou]y$", low):
        return verb[:-1] + "ies"
    if low.endswith(_ES_ENDINGS):
        return verb + "es"
    return verb + "s"


def plural_verb(verb: str) -> str:
    """The plural (bare) form of a verb, left alone when it already agrees ('grips' -> 'grip')."""
    low = verb.lower()
    if low in _TO_PLURAL:
        return _keep_case(verb, _TO_PLURAL[low])
    if low in _TO_SINGULAR or low in _MODALS or not low.isalpha() or not low.endswith("s"):
        return verb
    if _BASE_S.search(low):
        return verb
    if re.search(r"[^aeiou]ies$", low):
        return verb[:-3] + "y"
    if re.search(r"(?:sses|shes|ches|xes|zes|oes|cuses)$", low):
        return verb[:-2]
    return verb[:-1]


def agree(phrase: str, plural: bool = False) -> str:
    """A verb phrase agreeing with 'it' (or 'they' when plural): its first verb conjugated, the rest kept."""
    words = phrase.split()
    for i, word in enumerate(words):
        low = word.lower()
        if low in _ADVERBS:
            continue
        if low in _MODALS:
            return phrase
        words[i] = plural_verb(word) if plural else singular_verb(word)
        return " ".join(words)
    return phrase


def is_plural_noun(noun: str | None) -> bool:
    """True for a plural product noun ('shoes', 'earbuds'), false for 'glass', 'serum', 'lens'."""
    if not noun:
        return False
    last = noun.split()[-1].lower()
    if last in {"lens", "series", "news", "species"}:
        return False
    return bool(last.endswith("s") and not _BASE_S.search(last)) or last in {"people", "jeans"}


def singular_person(audience: str) -> str:
    """One member of an audience, for a scene: 'weekend runners' -> 'a weekend runner'."""
    m = re.match(r"(?i)(people|anyone|those) who (\S+)(.*)$", audience)
    if m:
        return f"a person who {singular_verb(m.group(2))}{m.group(3)}"
    words = audience.split()
    last = words[-1]
    if last.lower() in ("people", "everyone"):
        words[-1] = "person"
    elif last.lower().endswith("ies") and len(last) > 4:
        words[-1] = last[:-3] + "y"
    elif last.lower().endswith(("men", "women")):
        words[-1] = last[:-3] + "man"
    elif last.lower().endswith("s") and not last.lower().endswith("ss"):
        words[-1] = last[:-1]
    text = " ".join(words)
    return f"{'an' if text[:1].lower() in 'aeiou' else 'a'} {text}"


def _keep_case(original: str, new: str) -> str:
    return new.capitalize() if original[:1].isupper() else new
