"""How far a brand's name reaches: the evidence finds a name by its capitalised words, and the words a
name is written with beyond them are its own wherever the brief writes it.

A company's legal form with its dots ('Crumbly Co.', 'Vela S.L.', 'Ossa S.p.A.', 'Nord GmbH'), the
firm's other names joined to it ('Bread and Butter Co.', 'Harlow and Sons'), a number in the name ('Studio
54', 'Number 9 Barbers'), an ordinal that opens it ('7th Street Bakes') and a title with its dot ('Dr. Paws
Clinic', 'St. Ives Bakery'): each is kept when the brief writes the name with it every time, and a number
only when the brief's own address does not spell the name without it ('sonvik.example' and 'the new Sonvik
5': the brand is Sonvik, 5 its model).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from studio.brief.clean import DOTTED_LEGAL_FORMS, fold
from studio.brief.naming import ACTS, GRAMMAR_WORDS, SIGN_OFF_NOUNS, acts_after_number, is_kind, leads
from studio.brief.shapes import PARTICLE, is_day_or_month
from studio.brief.spelling import domain_key

_DOTTED = "|".join(
    re.escape(form[:-1]).replace(r"\.", r"\.\s?")
    for form in sorted(DOTTED_LEGAL_FORMS, key=len, reverse=True)
)
"""The dotted forms clean.py ends no sentence at, here also written with a space ('S. L.'), longest first."""
LEGAL_FORM = (
    rf"(?:{_DOTTED})\.|"
    r"(?:Co|Ltd|Inc|Corp|Bros|Pty|Ltda|Lda|LLC|LLP|PLC|plc|GmbH|AG|KG|OHG|UG|SARL|SAS|SL|SA|SpA|Srl|BV|NV|"
    r"Oy|AB|ApS|Lda)(?!\w|\.\w)"
)
"""The legal forms a company is registered with in the six languages' countries, with the dot an
abbreviation is written with ('Co.', 'S.L.', 'S.p.A.'): part of the name, not the end of a sentence."""

_FIRM = (
    r"(?:Sons|Daughters|Brothers|Sisters|Partners|Co|Hijos|Hijas|Hermanos|Hermanas|Socios|Fils|Filles|Frères|"
    r"Sœurs|Associés|Cie|Söhne|Töchter|Brüder|Schwestern|Partner|Figli|Figlie|Fratelli|Sorelle|Soci|Filhos|"
    r"Filhas|Irmãos|Irmãs|Sócios)(?![\w'’])"
)
"""The partners a firm's name joins with 'and' in the six languages ('Harlow and Sons', 'Zorvik y Hermanos',
'Quellmar & Fils', 'Belmon e Figli', 'Zorvik und Söhne'; 'Bread and Butter Co.' ends on a legal form)."""

_AND = r"(?:and|y|e|et|und|&)"
"""'and' in the six languages: inside a firm's name before its other partners ('Pan y Sal S.L.')."""

_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"


_WORD = r"(?:[A-ZÀ-ÖØ-Þ](?:[\w’&-]|'(?=[A-ZÀ-ÖØ-Þ])|\+(?=\w))*(?:'s(?=\s+[A-ZÀ-ÖØ-Þ]))?|[a-z]+[A-Z][\w-]*)"
"""A name's word: capitalised ('Harbor', 'O'Hara', 'Tide+Co'), an owner's inside a name ('Rosa's' in 'Rosa's
Cantina', not in 'Rosa's recipe') or camel-cased ('eBike')."""


BRAND_NAME = rf"{_WORD}(?:\s+(?:&\s+|{PARTICLE}\s+)?{_WORD}){{0,3}}(?:,?\s+(?:{LEGAL_FORM}))?"
"""The pattern of a name the evidence reads ('by X', a sign-off, a possessive): up to four words, with its
legal form ('Crumbly Co.', 'Vela S.L.', 'Nord GmbH')."""


Placed = Callable[[str], list[str]]
"""The places a text names (`places.place_names`, handed in: places reads a firm's legal form from here)."""


def whole_name(brand: str, text: str, address: str = "", placed: Placed | None = None) -> str:
    """The brand with the words the brief always writes it with ('Crumbly Co' -> 'Crumbly Co.', 'Studio' ->
    'Studio 54', 'Street Bakes' -> '7th Street Bakes', 'Butter Co' -> 'Bread and Butter Co.'), less a town
    its last words name (`without_town`, with the brief's places read by `placed`) and less the signer's
    first name a closing puts before it (`without_signer`)."""
    brand = without_signer(brand, text)
    return _grown(without_town(brand, text, address, placed) if brand else brand, text, address)


_CLOSING = (
    r"thanks|thank\s+you|many\s+thanks|cheers|best|best\s+wishes|regards|kind\s+regards|love|"
    r"gracias|saludos|un\s+saludo|abrazos|un\s+abrazo|merci|cordialement|bien\s+à\s+vous|bises|amitiés|"
    r"danke|vielen\s+dank|grüße|viele\s+grüße|liebe\s+grüße|lg|gruß|grazie|saluti|un\s+saluto|a\s+presto|"
    r"obrigad[oa]|abraços|um\s+abraço|beijos|atenciosamente|cumprimentos"
)
"""The closings a letter or a chat signs off with in the six languages ('Thanks,', 'Cheers', 'Viele
Grüße', 'Obrigada,'): a closed class."""


def without_signer(brand: str, text: str) -> str:
    """'Ana Zorvik Fen' -> 'Zorvik Fen' where the brief writes 'Thanks, Ana' over 'Zorvik Fen' run into one
    line: the one word a closing puts before a name of three words or more is the signer's first name, the
    words after it the business she signs for; kept where the brief writes the name anywhere else."""
    words = brand.split()
    if len(words) < 3:
        return brand
    spots = [m.start() for m in re.finditer(rf"(?<![\w'’.-]){re.escape(brand)}(?![\w'’])", text)]
    # the closing's comma: 'the best Zorvik Fen Studio' is no sign-off
    closed = [re.search(rf"(?i:(?<![\w'’])(?:{_CLOSING}))[,!]\s+$", text[:at]) for at in spots]
    return " ".join(words[1:]) if spots and all(closed) else brand


def _grown(brand: str, text: str, address: str) -> str:
    if not brand:
        return brand
    spots = [m.start() for m in re.finditer(rf"(?<![\w'’.-]){re.escape(brand)}", text)]
    if not spots:
        return brand
    for grow in (_legal_form, _joined_firm, _kind_partners, _number, _ordinal, _title):
        longer = _everywhere(grow, brand, text, spots, address)
        if longer and len(longer) > len(brand):
            return _grown(longer, text, address)
    # 'Café de la Quellmar ... Café offert': a kind of business alone is a common noun, where it is written
    # with no name after it
    named = {_kind_of(brand, text, at, address) for at in spots} - {""}
    return _grown(named.pop(), text, address) if len(named) == 1 else brand


_TOWN_JOIN = r"(?:di|de|da|do|del|in)"
"""The Romance words that put a town after a business's name ('Pizzeria Quellmar di Torino'); English 'of' is
the name's own ('Bank of Zorvik')."""


def without_town(brand: str, text: str, address: str = "", placed: Placed | None = None) -> str:
    """The brand without the town its last word or two name ('Brindle & Oak Milano' -> 'Brindle & Oak',
    'Pizzeria Quellmar di Torino' -> 'Pizzeria Quellmar'): the town is a place when the brief's own address
    spells the name without it, or when the brief names it as a place elsewhere ('... qui a Milano', 'la
    pizza più buona di Torino'). A name the address spells whole keeps its town ('Bank of Zorvik' and
    bankofzorvik.example), and so does one with no such evidence ('Osteria Fumo di Brace'). `placed` reads the
    places of the brief's other words (none read when None)."""
    words = brand.split()
    key = domain_key(address)
    if len(words) < 2 or _spells(brand, key):
        return brand
    for size in (2, 1):
        head, town = words[:-size], words[-size:]
        joined = bool(head) and re.fullmatch(_TOWN_JOIN, head[-1]) is not None
        head = head[:-1] if joined else head
        capitalised = all(re.fullmatch(r"[A-ZÀ-ÖØ-Þ][\w'’-]+", w) for w in town)
        firm = re.fullmatch(rf"(?:{LEGAL_FORM}|{_FIRM})", town[-1]) is not None
        # 'Bank of Zorvik': a small word left before the town is the name's own
        if not head or not capitalised or firm or not re.match(r"[A-ZÀ-ÖØ-Þ\d]", head[-1]) or leads(head[0]):
            continue
        if len(head) == 1 and is_kind(head[0]):
            continue  # 'Panadería Zorvik ... En Zorvik': a kind of business alone is no name
        name, place = " ".join(head), " ".join(town)
        # the address alone tells a town from the kind of business an English name ends on ('Larkspur Candles'
        # and larkspur.example) only where the town is joined by its word ('di Torino') or follows a firm's
        # partners, a whole name ('Brindle & Oak Milano')
        partners = re.search(r"\s[&+]\s", name) is not None
        if (_spells(name, key) and (joined or partners)) or _placed_elsewhere(place, brand, text, placed):
            return name
    return brand


def _spells(name: str, key: str) -> bool:
    """Whether an address's key spells the name, its '&' read as 'and' or left out ('brindleoak')."""
    return bool(key) and key in (fold(name), fold(name.replace("&", " ")))


def _placed_elsewhere(town: str, brand: str, text: str, placed: Placed | None) -> bool:
    """Whether the brief names the town as a place where it writes it without the brand ('Brindle & Oak
    Milano ... qui a Milano')."""
    if placed is None:
        return False
    rest = re.sub(re.escape(brand), lambda m: " " * len(m.group(0)), text)
    if not re.search(rf"(?<![\w'’]){re.escape(town)}(?![\w'’])", rest):
        return False
    return town in placed(rest)


def _everywhere(
    grow: Callable[[str, str, int, str], str], brand: str, text: str, spots: list[int], address: str
) -> str:
    """The longer name one rule reads at every place the brief writes the brand, or '' when they differ."""
    readings = {grow(brand, text, at, address) for at in spots}
    return readings.pop() if len(readings) == 1 else ""


def _legal_form(brand: str, text: str, at: int, address: str) -> str:
    """'Crumbly Co' written 'Crumbly Co.', 'Vela S' written 'Vela S.L.', 'Nord' written 'Nord GmbH'."""
    last = brand.split()[-1]
    head = brand[: len(brand) - len(last)]
    form = re.match(rf"(?:{LEGAL_FORM})", text[at + len(head) :])
    if form and form.group(0).startswith(last) and len(form.group(0)) > len(last):
        return head + form.group(0)  # the form was cut at its dot ('Vela S' of 'Vela S.L.')
    after = re.match(rf",?\s+(?:{LEGAL_FORM})", text[at + len(brand) :])
    return brand + after.group(0) if after else ""


def _joined_firm(brand: str, text: str, at: int, address: str) -> str:
    """'Butter Co.' after 'Bread and ', 'Bread' before ' and Butter Co.', 'Harlow' before ' and Sons': a
    firm's name that joins its partners with 'and' and ends on a legal form or on its partners' word."""
    ends = rf"(?:\s+(?:{LEGAL_FORM})|(?<=\s){_FIRM})"
    before = re.search(rf"(?:{_CAPITALISED}\s+)+{_AND}\s+$", text[:at])
    if before and re.search(rf"(?:{LEGAL_FORM}|{_FIRM})$", brand):
        partners = text[before.start() : at].split(" ")
        while partners and leads(partners[0]):
            partners.pop(0)  # '— The Zorvik and Belmon Co. team': the sign-off's article, not the firm's
        return " ".join(partners) + brand
    partners = rf"\s+{_AND}\s+(?:{_CAPITALISED}\s+)*?(?:{_CAPITALISED}{ends}|{_FIRM})"
    after = re.match(partners, text[at + len(brand) :])
    return brand + after.group(0) if after else ""


def _kind_partners(brand: str, text: str, at: int, address: str) -> str:
    """'Cantina Zorvik' written 'Cantina Zorvik y Belmon', 'Atelier Quellmar' written 'Atelier Quellmar et
    Belmon': a name that opens on a kind of business names one business, so a capitalised name joined to it
    by 'and' is its partner's, the name's own (a list would name a second business with its own kind)."""
    if len(brand.split()) < 2 or not is_kind(brand.split()[0]):
        return ""
    after = re.match(rf"\s+{_AND}\s+{_CAPITALISED}(?!\s+[A-ZÀ-ÖØ-Þ])", text[at + len(brand) :])
    if after is None or is_kind(after.group(0).split()[-1]):
        return ""
    return brand + after.group(0)


def registered(text: str, start: int, name: str) -> bool:
    """Whether the name at `start` is written with a company's legal form ('Zorvik Deportes S.L.', 'Nord
    GmbH', the form's first letter read with the name: 'Zorvik Deportes S'): a company, never a place."""
    last = name.split()[-1]
    end = start + len(name)
    cut = re.match(rf"(?:{LEGAL_FORM})", text[end - len(last) :])
    return (cut is not None and len(cut.group(0)) > len(last)) or re.match(
        rf",?\s+(?:{LEGAL_FORM})", text[end:]
    ) is not None


def _number(brand: str, text: str, at: int, address: str) -> str:
    """'Studio' written 'Studio 54', 'Number' written 'Number 9 Barbers': a number of up to three digits (not
    a year, a price or a phone) and the capitalised words after it, where the name ends (a stop, a grammar
    word: 'from Studio 54 that ...', the name's verb: 'Zorvik 42 makes candles') or the address spells it
    with its number ('studio54.example'); not before a noun, a model's ('AeroPods Pro 2 earbuds'), nor when
    the address spells the name without it."""
    number = r"\s+\d{1,3}(?![.,]?\d|\s*[%$€£¥])"  # not '15,99 €', '20%' nor a phone's '020 7946'
    after = re.match(rf"{number}(?:\s+{_CAPITALISED})*(?=[.,;:!?)]|\s+(?!\d)|$)", text[at + len(brand) :])
    if not after:
        return ""
    label = domain_key(address)
    longer = brand + after.group(0)
    if label and label == fold(longer):
        return longer
    word = re.match(r"\s+([a-zà-ÿ]+)", text[at + len(longer) :])
    signs_as = word and re.fullmatch(SIGN_OFF_NOUNS, word.group(1))  # '— The Zorvik 42 team'
    # 'Zorvik 42 makes candles', 'Studio 54 ofrece clases', 'Halle 7 zeigt ...': the name's verb, not a noun
    acts = acts_after_number(text[at + len(longer) :])
    noun = word and word.group(1) not in GRAMMAR_WORDS | ACTS and not signs_as and not acts
    if label == fold(brand) or noun:
        return ""
    return longer


def _ordinal(brand: str, text: str, at: int, address: str) -> str:
    """'Street Bakes' written '7th Street Bakes': an ordinal opens the name (not a date's day, '1st
    March', which is no brand's first word)."""
    before = re.search(r"(?<![\w.,])\d{1,3}(?:st|nd|rd|th)\s+$", text[:at])
    if not before or is_day_or_month(brand.split()[0]):
        return ""
    return text[before.start() : at] + brand


def _title(brand: str, text: str, at: int, address: str) -> str:
    """'Paws Clinic' written 'Dr. Paws Clinic', 'Belmon Bakery' written 'St. Belmon Bakery': a title with its
    dot that opens the name every time the brief writes it is the name's own (a person after a title is
    never read as the brand: `people.py`)."""
    before = re.search(r"(?<![\w.])(?:Dr|St|Ste|Mr|Mrs|Ms|Prof)\.\s+$", text[:at])
    return text[before.start() : at] + brand if before else ""


def _kind_of(brand: str, text: str, at: int, address: str) -> str:
    """'Café' written 'Café de la Quellmar', 'Casa' written 'Casa de Zorvik': a kind of business alone is no
    name, so the joining word and the name after it are its own ('de la', 'de l'', 'de', 'of', ...)."""
    if " " in brand or not is_kind(brand):
        return ""
    joins = (
        r"(?:de\s+la|de\s+los|de\s+las|de\s+l['’]|de|del|della|dello|di|da|do|dos|das|du|des|von|van|of|"
        r"y|e|et|&)"
    )
    name = rf"(?:{_CAPITALISED})(?:\s+{_CAPITALISED})*"
    after = re.match(rf"\s+{joins}(?:\s+|(?<=['’])){name}", text[at + len(brand) :])
    return brand + after.group(0) if after else ""


__all__ = ["BRAND_NAME", "LEGAL_FORM", "registered", "whole_name", "without_signer", "without_town"]
