"""The brief's language, among the six the studio writes in (py3langid, restricted to them)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
"""ISO 639-1 codes of the languages the studio reads and writes ads in."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # py3langid's naive Bayes model narrowed to the six, loaded on the first brief (0.5 s), never at
    # start-up. lingua read short briefs as well only in its accurate mode, which took 1.7 s and ~170 MB
    # beside a render; its quick mode read Spanish as Portuguese and Italian as French on short briefs.
    import py3langid

    py3langid.set_languages(list(LANGUAGES))
    return py3langid


def _read(text: str) -> str:
    return str(_identifier().classify(text)[0])


@lru_cache(maxsize=64)
def detect_language(text: str) -> str:
    """'en', 'es', 'fr', 'de', 'pt' or 'it'; 'other' for a brief mostly in another script; '' for no words.

    A brief of Latin letters in a seventh language reads as the nearest of the six: the detector is
    restricted to them so that short briefs are not taken for Latin or Esperanto.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return ""
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f")
    if latin / len(letters) < 0.7:
        return "other"
    # Names say nothing of the language and mislead it on a short brief ('Luxzor presents a night at
    # Zorzoria' read as French): the words between them decide, when there are enough of them.
    common = " ".join(w for w in re.findall(r"[^\W\d_]+", text) if not w[:1].isupper())
    found = _read(common if len(common.split()) >= 3 else text)
    return found or "en"


def ad_language(language: str, prompt: str) -> str:
    """The language an ad is made in: the one asked for, else the brief's own among the six, else English."""
    if language:
        return language
    if len(set(re.findall(r"[^\W\d_]{2,}", prompt.lower()))) < 3:
        return "en"  # too few words to tell ('AAAA...', a product name alone): the studio's own language
    found = detect_language(prompt)
    return found if found in LANGUAGES else "en"


__all__ = ["LANGUAGES", "ad_language", "detect_language"]
