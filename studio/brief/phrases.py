"""The noun phrase a run of words opens with: where a product's name ends, in English word order.

A product is a thing's name ('granola bars', 'vet-designed fresh dog food'); a phrase that is a clause
('we serve omakase'), a function word ('now'), a participle ('Made'), the people it is for ('New
members') or part of a web address ('orchardlanecider') names nothing (`names_a_thing`), and no product
is better than one of those: the writer falls back to the brand.
"""

from __future__ import annotations

import re

from studio.brief.numbers import BREAKS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def model_noun(after: str) -> str:
    """' backpack' after 'Ridgeline 45L', ' espresso machine' after 'BrewMaster X2': the thing a model
    name names, when one or two plain words stand right after it and its clause or a joining word follows
    ('earbuds with ...'), never what it does ('takes photos', 'comes in three colours', 'lasts for 2
    days')."""
    tokens = re.findall(r"[\w'’-]+|[^\w\s]", after)
    if not re.match(r"\s+[a-z]", after) or not tokens:
        return ""
    phrase = noun_phrase(" ".join(tokens[:3]), heading=False).split()[:2]
    rest = [*tokens[len(phrase) :], "", ""]
    nxt = rest[0].lower()
    joins = nxt in BREAKS or nxt in _PREPOSITIONS or nxt in _AUXILIARIES
    if not phrase or not (not nxt or re.match(r"[^\w\s]", nxt) or joins):
        return ""
    does = nxt in ("in", "on", "at", "to", "into") or (nxt == "for" and re.match(r"\d", rest[1]))
    if re.search(r"[^su]s$", phrase[0]) and (len(phrase) > 1 or does):
        return ""
    if does and len(phrase) > 1 and re.search(r"[^su]s$", phrase[-1]):
        phrase = phrase[:1]  # 'Winter Cabin scent burns for 50 hours': the scent, not what it does
    return " " + " ".join(phrase)


def noun_phrase(words_after: str, heading: bool) -> str:
    """The short noun phrase a run of words opens with: lowercase words (and acronyms, 'vitamin C'), up to a
    joining word, a number or a verb-like '-ed' word; a heading's line may open with a capitalised name.

    The phrase ends before a word that reads as its verb: one in -s with a number or a determiner after
    it ('lasts 16 hours', 'has the 2024 ...'), or that opens it with a place after ('opens on East 6th
    Street'). A heading's line that opens on one capitalised word, a pronoun or a count ('Order from ...',
    'We have planted ...', 'Two days') is a sentence, not a name.
    """
    run = words_after.split()
    words: list[str] = []
    for i, w in enumerate(run[:5]):
        capital = heading and (i == 0 or words[-1][:1].isupper()) and re.fullmatch(r"[A-ZÀ-Ý][\w'-]*", w)
        shaped = re.fullmatch(r"[a-zà-ÿ][\w'-]*|[A-Z]{1,5}s?", w) or capital
        if (
            w.lower() in BREAKS
            or w.lower() in _PREPOSITIONS
            or w.lower() in _AUXILIARIES
            or not shaped
            or (words and re.search(r"[a-z]ed$", w))
            or verb_like(w, run[i + 1 : i + 3], not words)
            or (words and _plural_subject_verb(words[-1], w, run[i + 1 : i + 2]))
        ):
            break
        words.append(w)
    opener = words and (words[0].lower() in _SENTENCE_OPENERS or (len(words) == 1 and words[0].istitle()))
    if heading and opener:
        return ""
    if len(words) == 4 and (len(run) == 4 or not re.fullmatch(r"[a-zà-ÿ][\w'-]*", run[4])):
        return " ".join(words)  # 'vet-designed fresh dog food' ends where its run does
    # a longer run goes on into what the product does ('vitamin C serum fades ...'): its first three words
    return " ".join(words[:3])


def verb_like(word: str, after: list[str], first: bool) -> bool:
    """'has the', 'blocks 99.9%', 'lasts 16 hours', and as the phrase's first word 'opens on East 6th
    Street' or 'comes in three colours': a word in -s that takes what follows it."""
    if not re.fullmatch(r"[a-z]+[^su]s", word) or not after:
        return False
    nxt = after[0]
    if re.match(r"[\d$€£]", nxt) or nxt.lower() in _DETERMINERS or nxt.lower() in _OBJECTS:
        return True  # 'lasts 16 hours', 'has the', 'helps you save'

    # 'opens on East 6th Street', 'returns to Tromsø', 'comes in three colours': where or how long it does
    return first and nxt.lower() in ("on", "to", "at", "in", "into", "for")


_AUXILIARIES = _words("is are was were has have had will can")
"""Where a noun phrase ends in a sentence ('oat milk is barista-grade')."""
_DETERMINERS = _words("the a an our its their your his her every each all more up over")
_OBJECTS = _words("you us them")
"""A pronoun a verb in -s takes ('helps you save'): the word before it is the verb, not the product's."""
_SENTENCE_OPENERS = _words(
    "we you i it they our your this these that each every one two three four five first"
)
"""Words that open a sentence, never a product's name ('We have planted ...', 'Each cabin sleeps 4', 'First
month £35')."""


_PREPOSITIONS = _words("near of off into onto over under about around before after between")
"""Where a product's noun phrase ends ('Fjordline Cabins near Bergen' names no product 'near')."""


def _plural_subject_verb(before: str, word: str, after: list[str]) -> bool:
    """'members get 2 weeks', 'beds ship the same day': a plain word after a plural noun that takes a
    number or a determiner is the plural subject's verb (English drops its -s there)."""
    plural = re.fullmatch(r"[a-z]{3,}[^su's]s", before) is not None
    if not plural or not re.fullmatch(r"[a-z]+", word) or not after:
        return False
    return re.match(r"[\d$€£]", after[0]) is not None or after[0].lower() in _DETERMINERS


def names_a_thing(phrase: str, addresses: list[str]) -> bool:
    """Whether a phrase read as the product names a thing: not a clause ('we serve omakase'), a function
    word or what is done ('now', 'Made'), the people it is for ('New members') nor part of a web address,
    e-mail or handle ('orchardlanecider')."""
    words = phrase.split()
    if not words:
        return False
    first, last = words[0].lower(), words[-1].lower()
    if any(w.lower() in _PRONOUNS for w in words) or first in _ADVERBS or last in _PEOPLE:
        return False
    if last in _PARTICIPLES or re.fullmatch(r"[a-z]+ed", last) or first in _PARTICIPLES:
        return False  # 'Made by Kiln Studio', 'Lovingly designed by ...', 'Made in Bristol': how it is made
    spelled = rf"(?i)(?<![\w-]){re.escape(phrase)}(?![\w-])"
    return not any(re.search(spelled, a) for a in addresses)  # 'orchardlanecider' of orchardlanecider.com


_PRONOUNS = _words("we you i he she it they us our your their")
"""A phrase with a pronoun is a clause ('we serve omakase every night', 'app helps you'), never a name."""
_ADVERBS = _words(
    "now also just still always already soon today finally proudly officially newly only even again here "
    "there then currently lovingly please"
)
"""Words that stand between a name and its verb ('Rosa's Cantina now serves ...'), never a product."""
_PARTICIPLES = _words("made built sold run grown held kept brought sewn woven written known born worn")
"""Participles not in -ed: a phrase ending on one says how a thing is made, not what it is."""
_PEOPLE = _words(
    "members customers clients guests visitors subscribers users owners readers fans shoppers diners "
    "patients people students families children teens seniors beginners parents kids"
)
"""People a brief addresses: a phrase ending on one names who it is for ('New members get ...')."""

