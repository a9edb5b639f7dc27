"""The brief's own words around a fact: the shortest clause that states it, for the copy to say verbatim.

A place, a date, a quoted title or a code is said best the way the brief said it ('Saturday 9 May at 8pm in
Brighton', 'Artikel BW-28-GR', 'Teatro Lumbre presenta «La casa de Bernarda Alba»'): in the brief's
language, with its grammar, and never a template seam. The clause is the shortest run of the brief's
comma-separated pieces that holds the fact; a clause that is long, a question or a request to whoever
writes the ad ('Can you make...', 'Please push...') gives way to the fact with the short word that leads it
('in Millbrook Square').
"""

from __future__ import annotations

import re

from studio.brief.checker import contains
from studio.brief.clean import BULLET, LABELLED, SENTENCE_END, letter_body, unwrap
from studio.brief.shapes import EMAIL, URL

MAX_WORDS = 12
"""The longest clause said as it stands; a longer one gives way to the fact and its leading word."""

# Sentences end at ! ? and a full stop, but for a day's ('am 12. März'); a URL's dots have no space after.
_SENTENCES = re.compile(SENTENCE_END.pattern + r"|\s*\n+\s*")
_PIECES = re.compile(r"(,\s+|;\s*|\s+[|—–-]\s+|:\s+)")
# Requests to the writer, in the six languages the studio reads: words about the ad, not for it.
_REQUEST = re.compile(
    r"(?i)^(?:please|pls|can you|could you|would you|we need|we want|bitte|könnt|können sie|"
    r"wir brauchen|merci|pouvez|pourriez|nous voulons|por favor|puedes|podrías|queremos|necesitamos|"
    r"per favore|potete|vogliamo|podem|queremos|precisamos|hi\b|hello|dear|hola|bonjour|hallo|ciao|olá)"
)
_AD_NOUNS = (
    r"ad|ads|advert|spot|video|vídeo|anuncio|anúncio|annonce|publicité|werbung|werbespot|anzeige|annuncio|"
    r"pubblicità"
)
_ABOUT_THE_AD = re.compile(rf"(?i)\b(?:{_AD_NOUNS}|brauchen wir|we need|queremos|vogliamo|nous voulons)\b")
"""A clause about the ad being made ('für das Yogastudio Atemraum brauchen wir einen Spot') is not copy."""
_NAMES_THE_AD = re.compile(rf"(?i)\b(?:{_AD_NOUNS})\b")
_LEAD = re.compile(r"(?:^|\s)((?:[a-zà-ÿ]{1,5}\s+){0,2})$")
_PLACE_AND_TIME = frozenset(
    re.findall(
        r"\S+",
        "in at on near from until by en à au aux dans dès sur em no na nos nas a al el la le il am im um ab "
        "bei vom zum zur nel nella alle dal dalla desde hasta",
    )
)
"""Words that lead a place or a time in the six languages ('in Brighton', 'am 12. März', 'dès 40 €')."""


def sentences(text: str) -> list[str]:
    """The brief's sentences; a long line that runs on without an end mark is joined to the next one (a
    pasted paragraph wrapped by an e-mail client), a bullet or a short heading is a sentence of its own."""
    body = letter_body([ln for ln in text.splitlines() if ln.strip()])
    lines = [BULLET.sub("", ln) for ln in unwrap(body)]
    joined = [ln for ln in lines if ln.strip()]
    return [s.strip() for s in _SENTENCES.split("\n".join(joined)) if s and s.strip()]


def _windows(sentence: str) -> list[str]:
    """Every run of consecutive pieces of the sentence, shortest first."""
    parts = _PIECES.split(sentence)
    pieces, seps = parts[0::2], parts[1::2]
    runs = []
    for i in range(len(pieces)):
        for j in range(i, len(pieces)):
            text = pieces[i] + "".join(seps[k] + pieces[k + 1] for k in range(i, j))
            runs.append(text.strip())
    return sorted(runs, key=lambda r: len(r.split()))


def _as_sentence(text: str) -> str:
    text = text.strip(" ,;:—–-")
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if not (URL.fullmatch(first.rstrip(".")) or EMAIL.fullmatch(first.rstrip("."))):
        # anything but a web address or a mailbox ('oak.example/gift') opens with a capital
        text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?" else f"{text}."


def _with_its_words(sentence: str, run: str, limit: int) -> str:
    """A web address or mailbox said with the words the brief puts before it ('Gutscheine:
    quellmar.example/gutschein'), not alone, when that clause is sayable; any other run as it is."""
    bare = run.strip(" .")
    if not (URL.fullmatch(bare) or EMAIL.fullmatch(bare)):
        return run
    wider = (r for r in _windows(sentence) if r != run and contains(r, bare) and r.endswith(run))
    return next((r for r in wider if _sayable(r, limit) and not _NAMES_THE_AD.search(r)), run)


def _sayable(run: str, limit: int) -> bool:
    short = len(run.split()) <= limit
    return short and "?" not in run and not _REQUEST.match(run) and not _ABOUT_THE_AD.search(run)


def stating_clauses(brief: str, values: list[str]) -> list[tuple[str, list[str]]]:
    """(sentence, values it says) for the values, in order: the brief's shortest clause holding each value
    and every other value of the list its sentence states (a clause may say 'Saturday 9 May at 8pm in
    Brighton' at once, up to MAX_WORDS and 4 more words a value), else the value with its leading word."""
    out: list[tuple[str, list[str]]] = []
    said: set[str] = set()
    said_in = sentences(brief)
    for value in values:
        if value in said or not value.strip():
            continue
        sentence = next((s for s in said_in if contains(s, value)), "")
        if not sentence:
            continue
        along = [v for v in values if v not in said and contains(sentence, v)]
        limit = MAX_WORDS + 4 * (len(along) - 1)
        run = next((r for r in _windows(sentence) if all(contains(r, v) for v in along)), "")
        run = _with_its_words(sentence, run, limit)
        if run and _sayable(run, limit):
            out.append((_as_sentence(run), along))
            said.update(along)
            continue
        run = next((r for r in _windows(sentence) if contains(r, value)), "")
        if run and _sayable(run, MAX_WORDS):
            covered = [v for v in along if contains(run, v)]
            out.append((_as_sentence(run), covered))
            said.update(covered)
            continue
        out.append((_as_sentence(_led(run or sentence, value)), [value]))
        said.add(value)
    return out


def wider_clause(brief: str, value: str) -> str:
    """The brief's shortest clause that says `value` with words of its own around it ('Small-batch
    coffee, Portland.' rather than 'Portland.'), as a sentence; '' when no such clause is sayable."""
    sentence = next((s for s in sentences(brief) if contains(s, value)), "")
    for run in _windows(sentence):
        wider = len(run.split()) > len(value.split())
        if wider and contains(run, value) and _sayable(run, MAX_WORDS) and not LABELLED.match(run):
            return _as_sentence(run)
    return ""


def asks_for_the_ad(sentence: str) -> bool:
    """True for a request to whoever makes the ad ('Can you make a 15 second spot for ...?'): words about
    the ad, never words for it."""
    request = _REQUEST.match(sentence.strip())
    # 'We need volunteers for the clean-up' asks the public, 'we need a spot for ...' asks for the ad
    return bool(request and _ABOUT_THE_AD.search(sentence.strip()[request.end() :]))


def names_the_ad(text: str) -> bool:
    """True for words that name the ad being made ('a 15 second spot for ...'): about it, not for it."""
    return bool(_NAMES_THE_AD.search(text))


def pieces(sentence: str) -> list[str]:
    """The sentence's comma-, colon- and dash-separated pieces."""
    return [p.strip() for p in _PIECES.split(sentence)[0::2] if p.strip()]


def stating_clause(brief: str, value: str) -> str:
    """The brief's shortest clause that states `value`, as a sentence; '' when the brief never states it."""
    found = stating_clauses(brief, [value])
    return found[0][0] if found else ""


def _led(run: str, value: str) -> str:
    """The value with the short words that lead it in the run ('in Millbrook Square', 'am 12. März')."""
    start = run.lower().find(value.lower())
    if start < 0:
        return value  # spelled with other quotes or spaces in the run: the value as the sheet keeps it
    lead = _LEAD.search(run[:start])
    words = lead.group(1).split() if lead else []
    while words and words[0].lower() not in _PLACE_AND_TIME:
        words.pop(
            0
        )  # 'push #Tag' -> '#Tag', 'di Montalcino' -> 'Montalcino': only a place's or a time's word
    words = " ".join(words)
    return f"{words} {run[start : start + len(value)]}".strip()


__all__ = [
    "MAX_WORDS",
    "asks_for_the_ad",
    "names_the_ad",
    "pieces",
    "sentences",
    "stating_clause",
    "stating_clauses",
    "wider_clause",
]
