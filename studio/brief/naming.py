"""What the brand readers share (`roles.py`, `places.py`, `spelling.py`): the words that open a sentence
without naming anything, whether a place in the text is already taken by a fact, and a name's casing."""

from __future__ import annotations

import re

from studio.brief.shapes import Found

STOP_LEAD = frozenset(
    [
        "a",
        "an",
        "the",
        "our",
        "ad",
        "get",
        "learn",
        "try",
        "new",
        "meet",
        "introducing",
        "don",
        "el",
        "la",
        "le",
        "les",
        "der",
        "die",
        "das",
        "un",
        "une",
        "una",
        "il",
        "o",
        "finally",
        "tired",
        "stop",
        "ready",
        "why",
        "what",
        "how",
        "make",
        "need",
        "looking",
        "ever",
        "imagine",
        "this",
        "that",
        "there",
        "here",
        "let",
        "who",
        "where",
        "when",
        "your",
        "we",
        "i",
        "you",
        "it",
        "is",
        "are",
        "do",
        "does",
        "can",
        "will",
        "join",
        "come",
        "book",
        "order",
        "buy",
        "shop",
        "visit",
        "call",
        "discover",
        # prepositions and greetings that open a sentence in the six languages ('Pour le cabinet ...')
        "pour",
        "para",
        "per",
        "für",
        "con",
        "avec",
        "mit",
        "sur",
        "dans",
        "chez",
        "bei",
        "en",
        "in",
        "at",
        "on",
        "for",
        "with",
        "to",
        "hi",
        "hello",
        "dear",
        "hola",
        "bonjour",
        "hallo",
        "ciao",
        "olá",
        "from",
        "since",
        "desde",
        "depuis",
        "dès",
        "aus",
        "seit",
        "dal",
        "dalla",
        "thanks",
        "merci",
        "gracias",
        "danke",
        "grazie",
        "obrigado",
    ]
)
"""Words that open a sentence without naming anything ('Meet ...', 'Tired of ...', 'Why ...')."""


def is_taken(at: int, taken: list[Found]) -> bool:
    """Whether the text at `at` is inside a fact already found (a date, an address, a price...)."""
    return any(f.start <= at < f.end for f in taken)


def leads(word: str) -> bool:
    """A word that opens a sentence without naming anything, contracted or not ('The', 'We're', 'I'm')."""
    return word.lower() in STOP_LEAD or re.split(r"['’]", word)[0].lower() in STOP_LEAD


def titled(name: str) -> str:
    """'NORTHLINE' -> 'Northline': a name pasted in capitals reads as a name; 'DevSummit' keeps its case."""
    name = re.sub(r"\s+\d{2,4}$", "", name.strip())
    return name.title() if name.isupper() and len(name) > 3 else name


__all__ = ["STOP_LEAD", "is_taken", "leads", "titled"]
