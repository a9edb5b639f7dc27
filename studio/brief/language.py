"""The brief's language, among the six the studio writes in (py3langid, restricted to them)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
"""ISO 639-1 codes of the languages the studio reads and writes ads in."""


_loading = threading.Lock()
_held: list[Any] = []
"""The language model while it is held: loaded by the first brief read, dropped by `let_go`."""


def _identifier() -> Any:
    # py3langid's naive Bayes model narrowed to the six, loaded on the first brief (0.3 s), never at
    # start-up. lingua read short briefs as well only in its accurate mode, which took 1.7 s and ~170 MB
    # beside a render; its quick mode read Spanish as Portuguese and Italian as French on short briefs.
    # An instance of our own, not py3langid's module-wide one, so that letting it go never pulls the model
    # from under a read in another thread (each read keeps the instance it was handed).
    with _loading:
        if not _held:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
            identifier.set_languages(list(LANGUAGES))
            _held.append(identifier)
        return _held[0]


def let_go() -> None:
    """Drop the language model until a brief needs it again: its tables hold ~75 MB, for a read that
    happens once per brief (the languages found stay cached by text, so the brief just read is not read
    again). The pipeline lets go once the story is written; loading again takes 0.3 s."""
    with _loading:
        _held.clear()


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


__all__ = ["LANGUAGES", "ad_language", "detect_language", "let_go"]
