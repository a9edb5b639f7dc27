"""The numbers a brief states ('18 hours', '4.9 stars', 'since 2009'), and the words the copy says them with.

A number inside an offer, the address or the brand is theirs, not a proof point; dates, times and the
ad's own length ('a 15 second ad') are not claims.
"""

from __future__ import annotations

import re

from studio.brief.clean import plain_text
from studio.brief.proof import AWARD_YEAR
from studio.brief.shapes import Found
from studio.brief.streets import street_spans

_BREAK_WORDS = (
    "and with for to in at on or but the by from und et y en auf sur su em within across am vom bis"
)
BREAKS = frozenset([*_BREAK_WORDS.split(), "bis", "that", "which"])
"""Words where the thing a number counts ends ('18 hours for busy parents')."""
_SINCE = (
    r"since|depuis|seit|desde|dal|dall['’]|dès|founded|established|fundad[oa]|fondée?|fondat[oa]|gegründet"
)
"""Words that date a business ('since 1952', 'desde 1952', 'dal 1952', 'fondée en 1952')."""
SINCE_YEAR = (
    r"(?i:(?:(?:sin\s+)?(?:desde|dal|dall['’]|dès)|(?:founded|established|fundad[oa]|fondée?|fondat[oa]|"
    r"gegründet)(?:\s+(?:in|en|em|nel|im\s+jahre?))?)\s+(?=(?:1[89]|20)\d\d\b))"
)
"""The words before a year that make it a claim ('desde 1952', 'dal 1952', 'Fundada en 1952'), with the
year after them (a price 'desde 19 €' is the price's)."""


def proof_points(text: str, offers: list[str], taken: str, stated: list[Found]) -> list[str]:
    """Numbers the brief states with what they count ('18 hours', '4.9 stars'), up to four.

    A number inside an offer is the offer's (said with it, verbatim); one in the address, brand or product
    name is part of that name; one in a phone number, a date, a code, a model name or a proof phrase
    ('SOC 2 certified') (`stated`, found in the same text by `shapes`) is part of that fact.
    """
    spans = [(m.start(), m.end()) for o in offers for m in re.finditer(re.escape(o), text)]
    spans += [
        (f.start, f.end)
        for f in stated
        if f.kind in ("phone", "date", "code", "model", "url", "email", "proof")
    ]
    spans += [
        (m.start(), m.end())
        for m in re.finditer(r"(?i)\b(?:over|under|aged?)\s+\d{2}\b(?!\d|[.,]\d|\s*%)", text)
    ]
    spans += street_spans(text)  # 'Rua 25 de Março 40', '42 Mill Road': the street's name and its house
    found: list[str] = []
    # a year that ends an award's name is the award's ('Prémio Design Lusitano 2024', 'Testsieger 2025'):
    # the shapes give the year to a date, which splits it off; the award is said with it
    for m in AWARD_YEAR.finditer(text):
        if not any(a <= m.start() < b for a, b in spans) and not _has_number(taken, m.group(0)):
            found.append(m.group(0))
            spans.append((m.start(), m.end()))
    number = (
        rf"(?:(?i:since|over|under|up to|depuis|seit)\s+|{SINCE_YEAR})?"
        r"[-+$€£]?\d[\d.,/]*(?:\+|%|°C|h\b|g\b|x\b)?"
        r"(?:-[a-z]+)?"
    )
    covered: list[tuple[int, int]] = []
    for m in re.finditer(rf"(?<![\w$€£.,/–-]){number}", text):
        token = m.group(0).rstrip(".,")
        if not re.search(r"\d", token) or _has_number(taken, token):
            continue
        if any(a <= m.start() < b for a, b in [*spans, *covered]):
            continue
        after = text[m.start() + len(token) :]
        before = text[max(0, m.start() - 12) : m.start()]
        if re.match(r"(?i)\.?\s*(?:am\b|pm\b|second (?:ad|video|spot))", after):
            continue
        if re.fullmatch(r"\d*0", token) and re.match(r"['’]?s\b", after):
            continue  # 'in their 30s and 40s', 'the 1990s': a decade or an age, no count of anything
        if re.search(r"(?i)\bcode\s*$", before) or (
            re.fullmatch(r"\d{4}", token)
            and not (re.search(r"(?i)(?:since|depuis|seit|founded)\s*$", before))
        ):
            continue
        words = [token]
        ends = [m.start() + len(token)]
        # a decimal point or comma ('4,8') ends no clause and splits no word
        segment = re.split(r"(?<!\d)[,.]|[,.](?!\d)|[;:!?()\n]|\s[—–-]\s", after, maxsplit=1)[0]
        tail = list(re.finditer(r"\d+(?:[.,]\d+)*|[^\s,.;:!?()]+", segment))[:3]
        for i, w in enumerate(tail):
            word = w.group(0)
            # a rating's scale goes on after its 'out of' ('4,8 su 5', '4,7 sur 5', '4,8 von 5 Sternen')
            scale = word.lower() in _OUT_OF and i + 1 < len(tail) and tail[i + 1].group(0)[:1].isdigit()
            if word.lower() in BREAKS and not scale:
                break
            if word.lower() in _WHERE and i + 1 < len(tail) and tail[i + 1].group(0)[:1].isupper():
                break  # 'dal 1952 a Bologna', 'desde 1952 no Porto': where it is, not what it counts
            joined = i and tail[i - 1].group(0).lower() in (_OUT_OF | _RANGE)
            if word[:1].isdigit() and not joined:
                break  # another number is another fact ('2.000 Kunden geben 4,8 von 5 Sternen')
            words.append(word)
            ends.append(m.start() + len(token) + w.end())
        while len(words) > 1 and words[-1].lower() in _DANGLING:
            words.pop()  # '500 miles of the Colorado Trail' counts '500 miles', not '500 miles of'
            ends.pop()
        # as the brief writes it: '6mm thick', not '6 mm thick'
        phrase = re.sub(r"\s+", " ", text[m.start() : ends[-1]])
        dated = re.search(rf"(?i)\b(?:{_SINCE})(?:\s+|(?<=['’]))$", before)  # not 'dalle 18'
        if len(words) == 1 and token.isdigit() and not dated:
            continue
        covered.append((m.start(), ends[-1]))
        if phrase not in found:
            found.append(phrase)
    return found[:4]


_WHERE = frozenset(["a", "à", "ad", "al", "ao", "aos", "au", "aux", "no", "na", "nos", "nas", "nel", "nella"])
"""Prepositions of place that are also other words ('a', 'no'): before a capitalised name they say where."""
_DANGLING = frozenset(
    ["of", "de", "des", "du", "di", "da", "do", "del", "von", "dai", "dagli", "dalle", "dalla", "dal",
     "pelos", "pelas", "pelo", "pela", "par", "por", "durch", "alle", "alla", "às", "aux"]
)  # fmt: skip
"""Words that join a count to what follows it: a proof point never ends on one (nor on the 'to' of a span of
hours: 'dalle 18 alle 20')."""
_RANGE = frozenset(
    ["al", "a", "to", "since", "over", "until", "till", "bis", "à", "au", "hasta", "fino", "até"]
)
"""Words that join a number to the next ('5 al 30 maggio', '3,000 volunteers since 2015', '0% over 24
months'): the two are one fact."""
_OUT_OF = frozenset(["su", "sur", "von", "auf", "de", "of", "em", "out", "sobre"])
"""The words of a rating's scale ('4.8 out of 5', '4,8 su 5'): a number after them goes on the rating."""


def proof_phrase(prompt: str, proof: str) -> str:
    """The number with the words before it that say what it does ('steeped 18 hours', 'Ready in 20 min')."""
    text = " ".join(plain_text(prompt).split())
    m = re.search(r"((?:\b[A-Za-zÀ-ÿ][\w'-]*\s+){0,2})" + re.escape(proof), text)
    if not m:
        return proof
    lead = m.group(1).split()
    start = m.start(1)
    at_sentence_start = start == 0 or text[:start].rstrip()[-1:] in ".!?:\n"
    kept: list[str] = []
    for i, w in enumerate(lead):
        kept = [*kept, w] if w.islower() or (i == 0 and at_sentence_start) else []
    joins = (
        "and",
        "or",
        "the",
        "a",
        "an",
        "with",
        "in",
        "to",
        "by",
        "from",
        "à",
        "e",
        "y",
        "et",
        "und",
        "ed",
    )
    while kept and kept[0].lower() in joins:
        kept.pop(0)
    if re.match(rf"(?i){_SINCE}|over|under|up to", proof):
        kept = []
    return " ".join([*kept, proof])


def _has_number(text: str, token: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(token)}(?![\d.,%])", text) is not None


__all__ = ["BREAKS", "proof_phrase", "proof_points"]
