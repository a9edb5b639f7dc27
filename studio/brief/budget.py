"""How many words an ad of a given length can speak, and when it is too short to say every fact."""

from __future__ import annotations

from studio.models import END_CARD_S

SPOKEN_WORDS_PER_S = 2.5
"""A voiceover's pace: about 150 words a minute."""
TIGHT_WORDS = 14
"""Below this word budget (ads of about 8 s and shorter) the director writes one short line per beat."""


def word_budget(duration_s: float) -> int:
    """The most voiceover words an ad of this length can speak before its end card."""
    return max(6, int((duration_s - END_CARD_S) * SPOKEN_WORDS_PER_S))


def is_tight(duration_s: float) -> bool:
    """True for an ad too short to say every fact (held to the tight kinds only)."""
    return word_budget(duration_s) < TIGHT_WORDS


__all__ = ["SPOKEN_WORDS_PER_S", "TIGHT_WORDS", "is_tight", "word_budget"]
