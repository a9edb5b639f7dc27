"""Invented names for generated briefs: syllables no corpus holds, so no word list tuned on a corpus can
carry a generated brief (tests/brief/test_generated_briefs.py, tests/offline/words/test_generated_roles.py,
tests/briefs/generated.py)."""

from __future__ import annotations

from hypothesis import strategies as st

SYLLABLES = ("zor", "vik", "bel", "tra", "mon", "qui", "sal", "dor", "fen", "lux", "ari", "pel", "kan")

word = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(lambda s: "".join(s).capitalize())
"""A capitalised invented word of two or three syllables ('Zorvik')."""
place = word.map(lambda w: w + "ia")
"""An invented place ('Zorvikia')."""


def brand(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    """An invented brand of `min_words` to `max_words` invented words ('Belmon Traqui')."""
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)
