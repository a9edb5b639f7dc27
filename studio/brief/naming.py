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
    return word.lower() in STOP_LEAD or contracted_head(word) in STOP_LEAD


def contracted_head(word: str) -> str:
    """The word a contraction opens with, lowercased ('We're' -> 'we', 'I’m' -> 'i'); a name with a
    capital after its apostrophe is no contraction ('O'Hara' is a name, not the article 'o')."""
    parts = re.split(r"['’]", word, maxsplit=1)
    if len(parts) == 2 and parts[1][:1].isupper():
        return word.lower()
    return parts[0].lower()


SIGN_OFF_NOUNS = r"team|crew|family"
"""What a sign-off signs as ('— The Harbor Roast team'): the name before it is the brand's, the word is no
product."""


_TEAM = re.compile(
    r"(?i)^[—–-]?\s*(?:(?:the\s+)?team|l['’]équipe(?:\s+de|\s+d['’])?|(?:el\s+)?equipo(?:\s+de)?|"
    r"(?:das\s+)?team(?:\s+von)?|(?:il\s+)?team(?:\s+di)?|(?:lo\s+)?staff(?:\s+di)?|"
    r"(?:a\s+)?equip[ae](?:\s+d[aoe])?)(?:\s+|(?<=['’]))(?=(?-i:[A-ZÀ-ÖØ-Þ]))"
)
"""The team a sign-off signs as, before the name ('Team Zorvik', 'L'équipe Atelier Cerise', 'El equipo de
Horno Ferrer', 'Il team di ...', 'A equipa da ...')."""


def without_team(name: str) -> str:
    """The company a sign-off names, without the team word it signs as ('L'équipe Atelier Cerise SARL' ->
    'Atelier Cerise SARL', 'The Zorvik team' -> 'Zorvik')."""
    name = _TEAM.sub("", name.strip())
    team = re.fullmatch(rf"(?i:the\s+)?(.+?)\s+(?i:{SIGN_OFF_NOUNS})", name)
    return team.group(1) if team else name


def titled(name: str) -> str:
    """'NORTHLINE' -> 'Northline': a name pasted in capitals reads as a name; 'DevSummit' keeps its case."""
    name = re.sub(r"\s+\d{2,4}$", "", name.strip())
    return name.title() if name.isupper() and len(name) > 3 else name


_NEW_FROM = re.compile(
    r"(?i)^(?:new\s+(?:from|at|by)|neu\s+(?:von|bei|vom|im)|nouveau(?:té)?s?\s+(?:chez|de|du|d['’])\s*|"
    r"nouvelle\s+(?:chez|de|d['’])\s*|lo\s+nuevo\s+(?:de|del)|nuev[oa]\s+(?:de|en)|novedad(?:es)?\s+(?:de|en)|"
    r"novità\s+(?:da|di|dal|dalla|del|della)|nuovo\s+(?:da|di)|novidades?\s+(?:da|de|do)|nov[oa]\s+(?:da|de|do))"
    r"(?:\s+|(?<=['’]))(?=(?-i:[A-ZÀ-ÖØ-Þ]))"
)
"""'New from X' in the six languages ('Neu von Bergwerk:', 'Novità da Caffè Dorato:', 'Novidade da Maré
Alta:', 'Nouveau chez', 'Lo nuevo de'): the opener says the news, the name after it is the brand."""


def without_opener(name: str) -> str:
    """The name without a 'New from' opener read with it ('Neu von Bergwerk' -> 'Bergwerk')."""
    return _NEW_FROM.sub("", name, count=1)


def opened_news(text: str, at: int) -> bool:
    """Whether the name at `at` follows a 'New from' opener that opens its sentence ('Neu bei Zorvik:'):
    the opener's 'bei', 'chez' or 'da' names the seller, not where it is."""
    start = max(text.rfind(c, 0, at) for c in ".!?:\n") + 1
    lead = len(text[start:at]) - len(text[start:at].lstrip())
    opener = _NEW_FROM.match(text, start + lead)
    return opener is not None and opener.end() == at


ACTS = frozenset(["is", "has", "was", "will", "can"])
"""Auxiliaries a subject's verb opens with ('Oddfellow Coffee is a roastery', 'has ...')."""


def verb_s(word: str) -> bool:
    """A third-person verb in -s ('roasts', 'serves', 'opens'), not a plural noun's -ss or -us ending."""
    return re.fullmatch(r"[a-z]{2,}[^su]s", word) is not None


def modifies_a_noun(after: str) -> bool:
    """'knitted from Shetland wool': a name with a plain noun right after it says what kind of thing that
    is (where the wool is from), not who makes it; 'cold brew from Brewco is ...' goes on with a verb, and
    'shoes from Peak that grip wet rock' with a clause about the shoes (a grammar word, no noun)."""
    word = re.match(r"\s+([a-zà-ÿ]+)\b", after)
    if word is None:
        return False
    w = word.group(1)
    return w not in ACTS and w not in GRAMMAR_WORDS and not verb_s(w)


GRAMMAR_WORDS = frozenset(
    [
        "that", "which", "who", "whose", "whom", "where", "when", "while", "and", "or", "but", "so",
        "because", "for", "with", "to", "in", "on", "at", "by", "of", "from", "into", "near", "since",
        "until", "as", "than", "are", "were", "be", "been", "had", "would", "could", "should", "may",
        "might", "must", "do", "does", "did", "que", "qui", "dont", "où", "y", "et", "ou", "und", "oder",
        "dass", "weil", "wo", "wenn", "che", "cui", "dove", "quando", "e", "o",
    ]
)  # fmt: skip
"""Words of grammar (relative pronouns, conjunctions, prepositions, auxiliaries) in the six languages: one
right after a name opens a clause or a phrase about something else, so the name describes no noun."""


__all__ = [
    "ACTS",
    "GRAMMAR_WORDS",
    "SIGN_OFF_NOUNS",
    "STOP_LEAD",
    "contracted_head",
    "is_taken",
    "leads",
    "modifies_a_noun",
    "opened_news",
    "titled",
    "verb_s",
    "without_opener",
    "without_team",
]
