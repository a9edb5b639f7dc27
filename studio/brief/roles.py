"""Who is who in a brief: the brand, and the places it names, decided by evidence in the brief's words.

The brand is the first candidate found by the strongest evidence, in this order (ties within one kind of
evidence go to the name the brief states first):

1. a labelled line ('Brand: Harbor Roast', 'Marca: ...');
2. a name whose letters spell the domain of the brief's web address or its handle
   ('harborroast.com' -> 'Harbor Roast');
3. a sign-off ('— The Harbor Roast team', 'Team Harbor Roast') or a presenter ('Harbor Roast presents',
   'présente', 'presenta', 'präsentiert', 'apresenta');
4. a possessive ('Harbor Roast's new blend');
5. 'by X' (and 'por', 'par', 'von', 'di', 'da');
6. 'from X', unless X is used as a place (see below);
7. the name the brief opens with, when it names something ('Nonna's Oven, a pizzeria ...').

A place is never the brand: a name that follows a preposition of place ('in Lyon', 'near Croydon',
'en Madrid', 'à Lyon', 'em Lisboa', 'a Milano', 'at our Denver flagship', 'in downtown Boise'), a street, a
square, a pier or a beach named by its own word ('Larimer Street', '220 Main Street', 'Palace Pier'), or a
name that follows 'from' (and its translations) when the brand has stronger evidence elsewhere ('beans
from Huila'), is a place. A name that is also a date
('Friday', 'March') is neither.
"""

from __future__ import annotations

import re

from studio.brief.clean import fold
from studio.brief.shapes import PARTICLE, Found, names

_PLACE_PREPS = (
    r"in|near|across|around|throughout|outside|en|à|au|aux|dans|près de|em|no|na|nos|nas|nel|nella|a|"
    r"bei|nach|im|zu|ad|on the"
)
_ORIGIN_PREPS = r"from|de|des|del|aus|da|di|desde|grown in|roasted in|made in"
_BY = r"by|por|par|von|di|da"
PRESENTS = r"presents|présente|presenta|präsentiert|apresenta|presentano|presentan"
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
        "thanks",
        "merci",
        "gracias",
        "danke",
        "grazie",
        "obrigado",
    ]
)
"""Words that open a sentence without naming anything ('Meet ...', 'Tired of ...', 'Why ...')."""
_DESCRIBING = re.compile(r"(?i)(?:ing|ed|ful|less|ous|ive|able|ible|al|ic|proof|est|er)$")
"""Endings of describing words that open a brief ('Running shoes', 'Wireless earbuds', 'Organic tea')."""


def _inside(at: int, taken: list[Found]) -> bool:
    return any(f.start <= at < f.end for f in taken)


STORES_NAMED = re.compile(r"(?i)(?:the\s+)?(?:App Store|Google Play|Play Store)$")
"""Where an app is found is no place ('on the App Store')."""


_OUR_PLACE = r"(?:at|in|from)\s+our|(?:in|near|across|around)\s+(?:downtown|central|uptown)"
"""'at our Denver flagship', 'in downtown Boise': a place behind the brand's own word or a part of town."""
_STREET = re.compile(
    r"(?:\b\d{1,5}\s+(?:[A-Z][\w'’-]*\s+){0,2}|\b(?:North|South|East|West)\s+\d{1,3}(?:st|nd|rd|th)\s+|"
    r"\b[A-Z][\w'’-]*\s+(?:[A-Z][\w'’-]*\s+)?)"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Square|Pier|Quay|Wharf|Beach)\b(?![-’']|\s+[A-Z])"
)
"""A street, a square, a pier or a beach by its own word ('Larimer Street', '220 Main Street', 'West 67th
Street', 'Palace Pier'): a place wherever it stands, unless the name goes on ('Brighton Beach Clean-Up')."""


def place_names(text: str, taken: list[Found], brand_evidence: str) -> list[str]:
    """The brief's places: after a preposition of place always, after 'from' when it is not the brand, a
    street or a pier by its shape."""
    strict: list[str] = []
    for m in re.finditer(rf"(?<![\w'])(?i:{_OUR_PLACE}|{_PLACE_PREPS})\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if first and first.start == 0 and not _inside(m.end(), taken) and not STORES_NAMED.match(first.text):
            strict.append(first.text)
    for m in _STREET.finditer(text):
        if not _inside(m.start(), taken):
            strict.append(re.sub(r"^(?:The|At|On|In)\s+", "", m.group(0)))
    origin: list[str] = []
    for m in re.finditer(rf"(?i:(?<![\w'])(?:{_ORIGIN_PREPS}))\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if not first or first.start != 0 or _inside(m.end(), taken):
            continue
        if brand_evidence and fold(first.text) != fold(brand_evidence):
            origin.append(first.text)
    out = [
        p for p in dict.fromkeys([*strict, *origin]) if not brand_evidence or fold(p) != fold(brand_evidence)
    ]
    return out


def strong_brand(text: str, labels: dict[str, str], address: str, taken: list[Found]) -> str:
    """The brand from evidence 1-5 (label, address, sign-off, presenter, possessive, 'by'), or ''."""
    for key in (
        "brand",
        "marca",
        "marque",
        "marke",
        "business",
        "company",
        "organisation",
        "organization",
        "app",
    ):
        if key in labels:
            run = names(labels[key])
            return titled(run[0].text if run else labels[key])
    spelled = _spelled_by_address(text, address)
    if spelled:
        return spelled
    for pattern in (
        rf"(?:^|\n|[—–-]\s*)(?:the\s+)?(?P<n>{_NAME})\s+(?i:team|crew|family)\b",
        rf"(?i:\bteam)\s+(?P<n>{_NAME})",
        rf"(?P<n>{_NAME})\s+(?i:{PRESENTS})\b",
        rf"(?P<n>{_NAME})['’]s?\s+(?=[a-z])",
        rf"(?<![\w'])(?i:{_BY})\s+(?P<n>{_NAME})",
    ):
        for m in re.finditer(pattern, text):
            name = _clean(m.group("n"))
            if name and not _inside(m.start("n"), taken) and name.split()[0].lower() not in STOP_LEAD:
                return titled(name)
            if name and name.split()[0].lower() in STOP_LEAD and len(name.split()) > 1:
                return titled(" ".join(name.split()[1:]))
    return ""


_NAME = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w’&-]*|[a-z]+[A-Z][\w-]*)"
    rf"(?:\s+(?:&\s+|{PARTICLE}\s+)?(?:[A-ZÀ-ÖØ-Þ][\w’&-]*|[a-z]+[A-Z][\w-]*)){{0,3}}"
)


def _clean(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip(" &-"))


def first_name(text: str, taken: list[Found], places: list[str]) -> str:
    """With no other evidence, the brief's first name of two words or more that is no place, date or title
    ('Pour le cabinet Dentiste Lumière à Rennes': 'Dentiste Lumière')."""
    for found in names(text):
        words = found.text.split()
        while words and words[0].lower() in STOP_LEAD:
            words.pop(0)
        name = " ".join(words)
        if len(words) >= 2 and not _inside(found.start, taken) and name not in places:
            return titled(name)
    return ""


def possessive_name(text: str, taken: list[Found], places: list[str]) -> str:
    """A name with an owner's 's inside ('Bellini's Deli in Glasgow'): a business's own name."""
    for found in names(text):
        words = found.text.split()
        while words and words[0].lower() in STOP_LEAD:
            words.pop(0)
        name = " ".join(words)
        inner = re.search(r"\w['’]s\s+[A-ZÀ-Þ]", name)
        if inner and not _inside(found.start, taken) and name not in places:
            return titled(name)
    return ""


def from_brand(text: str, taken: list[Found]) -> str:
    """'cold brew from Brewco': the name after 'from' when nothing stronger names the brand."""
    for m in re.finditer(rf"(?<![\w'])(?i:from|de|aus|da|di)\s+(?P<n>{_NAME})", text):
        if not _inside(m.start("n"), taken):
            return titled(_clean(m.group("n")))
    return ""


def _spelled_by_address(text: str, address: str) -> str:
    if not re.search(r"\.[a-z]{2,}|^@", address):
        return ""  # 'App Store' or a phone number spells no brand
    web = re.sub(r"^(?:https?://)?(?:www\.)?@?", "", address)
    key = fold(web.split(".")[0]) if address else ""
    if len(key) < 3:
        return ""
    exact = next((f.text for f in names(text) if fold(f.text) == key), "")
    if exact:
        return titled(exact)  # 'Zorzor' spells zorzor.example; 'Zorzoria' only contains it
    for found in names(text):
        # "Maris Skin's Tide Serum" and mariskin.example: the owner before the possessive, not the run
        words = found.text.split()
        for j, word in enumerate(words):
            owner = " ".join([*words[:j], re.sub(r"['’]s$", "", word)])
            if word != re.sub(r"['’]s$", "", word) and fold(owner) == key:
                return titled(owner)
    for found in names(text):
        words = found.text.split()
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                part = fold(" ".join(words[i:j]))
                if len(part) >= 3 and (part in key or (key in part and j - i == 1)):
                    run = words if len(words) <= 4 else words[i:]
                    while len(run) > 1 and run[0].lower() in ("the", "der", "die", "das"):
                        run = run[1:]  # 'Das Waldhotel Tannenruh', 'The Oatfield': the name, not its article
                    return titled(" ".join(run))
    return ""


def names_something(run: str, rest: str) -> bool:
    """'Nonna's Oven, a pizzeria', 'Shieldly pet insurance': a name, not 'Running shoes' or 'Ignore'."""
    words = run.split()
    head = words[0].lower()
    if head in ("the", "der", "die", "das") and len(words) > 1:
        # 'The Linden, condos at Maple Grove': the name with its article
        return names_something(" ".join(words[1:]), rest)
    if head in STOP_LEAD:
        return False
    if len(words) >= 2 or re.match(r"\s*(?:[,:|—–]|is\b|$)", rest):
        return True
    camel = bool(re.search(r"[a-z][A-Z]", words[0]))
    # a single opening word before lowercase words ('Ignore previous ...', 'Fresh bread') is a name only
    # when the brief says it again later ('Shieldly pet insurance ... Shieldly pays in 48 hours')
    again = re.search(rf"(?<!^){re.escape(words[0])}\b", rest) is not None
    return camel or (again and not _DESCRIBING.search(head))


def titled(name: str) -> str:
    """'NORTHLINE' -> 'Northline': a name pasted in capitals reads as a name; 'DevSummit' keeps its case."""
    name = re.sub(r"\s+\d{2,4}$", "", name.strip())
    return name.title() if name.isupper() and len(name) > 3 else name


__all__ = [
    "PRESENTS",
    "STOP_LEAD",
    "first_name",
    "from_brand",
    "names_something",
    "place_names",
    "possessive_name",
    "strong_brand",
    "titled",
]
