"""The numbers a brief states ('18 hours', '4.9 stars', 'since 2009'), and the words the copy says them with.

A number inside an offer, the address or the brand is theirs, not a proof point; dates, times and the
ad's own length ('a 15 second ad') are not claims.
"""

from __future__ import annotations

import re

from studio.brief.clean import plain_text
from studio.brief.shapes import Found

_BREAK_WORDS = (
    "and with for to in at on or but the by from und et y en auf sur su em within across am vom bis"
)
BREAKS = frozenset([*_BREAK_WORDS.split(), "bis", "that", "which"])
"""Words where the thing a number counts ends ('18 hours for busy parents')."""


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
    found: list[str] = []
    number = (
        r"(?:(?:since|over|under|up to|depuis|seit)\s+)?[-+$€£]?\d[\d.,/]*(?:\+|%|°C|h\b|g\b|x\b)?"
        r"(?:-[a-z]+)?"
    )
    for m in re.finditer(rf"(?<![\w$€£.,/–-]){number}", text):
        token = m.group(0).rstrip(".,")
        if not re.search(r"\d", token) or _has_number(taken, token):
            continue
        if any(a <= m.start() < b for a, b in spans):
            continue
        after = text[m.start() + len(token) :]
        before = text[max(0, m.start() - 12) : m.start()]
        if re.match(r"(?i)\.?\s*(?:am\b|pm\b|second (?:ad|video|spot))", after):
            continue
        if re.search(r"(?i)\bcode\s*$", before) or (
            re.fullmatch(r"\d{4}", token)
            and not (re.search(r"(?i)(?:since|depuis|seit|founded)\s*$", before))
        ):
            continue
        words = [token]
        for w in re.findall(r"[^\s,.;:!?()]+", re.split(r"[,.;:!?()\n]|\s[—–-]\s", after, maxsplit=1)[0])[:3]:
            if w.lower() in BREAKS:
                break
            words.append(w)
        while len(words) > 1 and words[-1].lower() in _DANGLING:
            words.pop()  # '500 miles of the Colorado Trail' counts '500 miles', not '500 miles of'
        phrase = " ".join(words)
        if len(words) == 1 and token.isdigit() and not re.search(r"(?i)since|depuis|seit", before):
            continue
        if phrase not in found:
            found.append(phrase)
    return found[:4]


_DANGLING = frozenset(["of", "de", "des", "du", "di", "da", "do", "del", "von"])
"""Words that join a count to what follows it: a proof point never ends on one."""


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
    if re.match(r"(?i)since|depuis|seit|over|under|up to", proof):
        kept = []
    return " ".join([*kept, proof])


def _has_number(text: str, token: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(token)}(?![\d.,%])", text) is not None


__all__ = ["BREAKS", "proof_phrase", "proof_points"]
