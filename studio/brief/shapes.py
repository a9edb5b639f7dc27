"""Facts found by their shape, each with the brief's exact spelling and where it stands.

A URL, a handle, a hashtag, a phone number (phonenumbers), a price (price-parser), a date or a time
(dateparser, in the brief's language), a quantity with its unit or a percentage (quantulum3), a code, a
quoted title, a product name with its model number, a proof phrase ('2-year warranty', 'vet-designed'),
and every capitalised name. No word list of products or places: what a fact is comes from how it is
written. The heavy libraries load on the first brief read, never at import.
"""

from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from studio.brief.proof import PROOF_SHAPE
from studio.brief.streets import street_spans

URL = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}(?:/[\w/-]+)?\b",
    re.I,
)
EMAIL = re.compile(r"(?<![\w.])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}\b", re.I)
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
HASHTAG = re.compile(r"(?<![\w&#])#[^\W\d_][\w]{1,60}")
QUOTED = re.compile(
    r"«\s*([^»\n]{2,80}?)\s*»|“([^”\n]{2,80})”|„([^“”\n]{2,80})[“”]|\"([^\"\n]{2,80})\"|‘([^’\n]{2,80})’|"
    r"(?<![\w'’])'(\w[^'\n]{1,78}?)'(?![\w'’])"
)
"""Quoted titles; a single-quoted one opens after no letter and closes before none ('Nonna's' is no quote)."""
_CAP = r"(?:[A-ZÀ-ÖØ-Þ](?:[\w'’&-]|\+(?=\w))*|[a-z]+[A-Z][\w-]*)"
"""A capitalised word ('Tide+Co' with its plus), or a camel-cased one ('iPhone', 'eBay')."""
PARTICLE = r"(?:do|da|dos|das|del|della|delle|dei|di|des|du|von|van|der|of)"
"""Small words inside a name ('Casa do Largo', 'Bank of Leeds', 'Café des Artistes', 'Haus von Eden',
'Osteria Fumo di Brace')."""
NAME = re.compile(rf"{_CAP}(?:\s+(?:&\s+|{PARTICLE}\s+)?{_CAP})*")
_MODEL_TAIL = (
    r"(?:\d{1,2}['’]\d{1,2}(?:[\"”]|'')?|[A-Z]{0,3}\d{1,4}[A-Za-z]{0,2}|[IVX]{1,4}|[A-Z])"
    r"(?![.,]?\d|\s?[$€£%]|\s\d)"
)
MODEL_GRADE = r"(?:Pro|Max|Plus|Mini|Ultra|Lite|Air|XL|XS|SE)(?![\w'’-])"
"""The grade words a model's name goes on with after its number ('Kestrel K7 Pro', 'Galaxy S24 Ultra')."""
MODEL_NAME = re.compile(rf"{_CAP}(?:\s+{_CAP})*(?:\s+{_MODEL_TAIL})+(?:\s+{MODEL_GRADE})*(?!\w)")
"""A name with its model number: 'Trail X 3', 'Galaxy S24', 'Model 3' (not 'Trail 3 km'), a size in feet
and inches ('Onda 7'2"') and its grade words after the number ('Kestrel K7 Pro', 'AeroPods Pro 2 Max')."""
CODE = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,}(?:-[A-Z0-9]+)*(?![\w-])")
CODE_AFTER_WORD = re.compile(
    r"(?i:\b(?:code|c[oó]digo|codice|gutscheincode|coupon)\s*:?\s*)([A-Z0-9][A-Z0-9-]{2,})\b"
)
_CURRENCY_WORD = (
    r"euros?|dollars?|dólar(?:es)?|dollari|pounds?|libras?|sterline|reais|pesos?|francs?|franchi|franken|"
    r"rappen|centimes?|cents?|céntimos?|centavos?|centesimi|kr"
)
"""The currencies' names in the six languages, the closed class a price may be written with ('4 reais', '89
pesos', '12 francs', '5 Franken')."""
_PRICE_CANDIDATE = re.compile(
    r"(?:(?:US|CA|AU|NZ|MX|AR|CL|CO|HK|SG|R|C|A)?[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|BRL|MXN|NOK|SEK|DKK|"
    r"PLN|CZK|ZAR|INR|NZD)\b)\s?\d[\d.,\s]*\d|"
    r"(?:[$€£¥₹])\s?\d|"
    r"\b\d[\d.,]*(?:\s?(?:[$€£¥₹]|\b(?:EUR|USD|GBP|CHF|BRL|MXN|NOK|SEK|DKK|PLN|CZK)\b|"
    rf"(?i:\b(?:{_CURRENCY_WORD})\b)))"
)
_TIME_SHAPE = re.compile(
    r"(?i)(?<!\d)(?:[01]?\d|2[0-4])\s?(?:am|pm|a\.m\.|p\.m\.|h\d{0,2}\b|uhr\b)|\b\d{1,2}[:.]\d{2}\b"
)
_DATE_SHAPE = re.compile(
    r"\b\d{1,4}[/.-]\d{2}(?:[/.-]\d{2,4})?\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\d{1,2}(?:st|nd|rd|th|er|º|ª)\b|\b\d{4}\b"
)
_LEAD_WORDS = frozenset(
    [
        "at",
        "on",
        "in",
        "the",
        "a",
        "an",
        "by",
        "from",
        "le",
        "la",
        "les",
        "l'",
        "du",
        "des",
        "au",
        "aux",
        "à",
        "el",
        "los",
        "las",
        "de",
        "del",
        "en",
        "il",
        "lo",
        "gli",
        "alle",
        "al",
        "em",
        "no",
        "na",
        "às",
        "ao",
        "dos",
        "am",
        "um",
        "im",
        "vom",
        "zum",
        "zur",
        "ab",
        "bis",
    ]
)
"""Prepositions and articles that dateparser keeps at the front of a match; the fact starts after them."""
PHONE_REGIONS = {
    "en": ("US", "GB", "IE", "AU", "CA"),
    "es": ("ES", "MX", "AR"),
    "fr": ("FR", "BE", "CA"),
    "de": ("DE", "AT", "CH"),
    "pt": ("PT", "BR"),
    "it": ("IT", "CH"),
}


@dataclass(frozen=True)
class Found:
    """One fact as the brief writes it: its kind, its exact text, and where it starts and ends."""

    kind: str
    text: str
    start: int
    end: int


def urls(text: str) -> list[Found]:
    """Web addresses ('harborroast.com', 'https://x.example/shop'), without a sentence's last dot."""
    emails = [(m.start(), m.end()) for m in EMAIL.finditer(text)]
    found = []
    for m in URL.finditer(text):
        if any(a <= m.start() < b for a, b in emails) or re.fullmatch(r"[\d.]+", m.group(0)):
            continue
        # '4.9' is not a domain; 'e.g' and 'i.e' are not either
        if re.fullmatch(r"(?i)[a-z]\.[a-z]", m.group(0)):
            continue
        found.append(Found("url", m.group(0).rstrip("."), m.start(), m.start() + len(m.group(0).rstrip("."))))
    return found


def _simple(kind: str, pattern: re.Pattern[str], text: str) -> list[Found]:
    return [Found(kind, m.group(0), m.start(), m.end()) for m in pattern.finditer(text)]


def emails(text: str) -> list[Found]:
    """E-mail addresses."""
    return _simple("email", EMAIL, text)


def handles(text: str) -> list[Found]:
    """Social handles ('@harborroast'), not the middle of an e-mail address."""
    return _simple("handle", HANDLE, text)


def hashtags(text: str) -> list[Found]:
    """Hashtags ('#RunWild'), not '#1' or 'C#'."""
    return _simple("hashtag", HASHTAG, text)


def phones(text: str, language: str = "en") -> list[Found]:
    """Phone numbers, as phonenumbers reads them for the regions that speak the brief's language."""
    import phonenumbers

    found: dict[int, Found] = {}
    regions = PHONE_REGIONS.get(language, ()) + tuple(r for rs in PHONE_REGIONS.values() for r in rs)
    # a valid number for some region first; then a number of a possible length and a phone's shape
    # ('555-0142', a local number with no area code), never a thousands figure or a date
    for leniency in (phonenumbers.Leniency.VALID, phonenumbers.Leniency.POSSIBLE):
        for region in dict.fromkeys(regions):
            for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency):
                raw = m.raw_string
                plausible = len(re.sub(r"\D", "", raw)) >= 7 and not re.fullmatch(
                    r"\d{1,3}(?:[.,]\d{3})+", raw
                )
                loose = leniency == phonenumbers.Leniency.POSSIBLE and not _LOCAL_PHONE.fullmatch(raw)
                if m.start not in found and plausible and not loose and not _DATE_LIKE.fullmatch(raw):
                    found[m.start] = Found("phone", raw, m.start, m.end)
            if found:
                return sorted(found.values(), key=lambda f: f.start)
    return []


_LOCAL_PHONE = re.compile(r"\+.*|\(\d+\).*|\d{3}[-.]\d{4}")
"""What a number that no region validates must look like to be a phone: '+...', '(555) ...', '555-0142'."""
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def prices(text: str) -> list[Found]:
    """Prices with their currency ('$29', '49,90 €', 'EUR 1.299,00'), as price-parser reads them."""
    from price_parser import Price

    found = []
    for m in _PRICE_CANDIDATE.finditer(text):
        raw = m.group(0).strip().rstrip(".,")
        price = Price.fromstring(raw)
        named = re.search(rf"(?i)\b(?:{_CURRENCY_WORD})$", raw)  # price-parser knows no '4 reais'
        if price.amount is not None and (price.currency or named):
            start = m.start() + m.group(0).find(raw)
            found.append(Found("price", raw, start, start + len(raw)))
    return found


_DATEPARSER = threading.RLock()
"""dateparser is used by one thread at a time: it imports its modules and builds its language tables on
first use, and two briefs read at once (a batch's stories on the job runner's threads) deadlocked on its
circular imports (`_DeadlockError`, 'cannot import name Settings')."""


@lru_cache(maxsize=1)
def _dateparser_search() -> Any:
    with _DATEPARSER:
        from dateparser.search import search_dates

    return search_dates


def dates(text: str, language: str = "en") -> list[Found]:
    """Dates and times ('8pm', 'Friday 12 March', 'le 12 mars à 20h'), as dateparser finds them.

    dateparser also reads durations ('48 hours', 'in 90 seconds') and bare numbers as dates: a match is kept
    only when it carries a date's shape (a time of day, a day-month number, a year) or a word dateparser
    reads as a date on its own (a month or a weekday: checked by parsing the word alone).
    """
    lang = language if language in PHONE_REGIONS else "en"
    found: list[Found] = []
    spans = []
    for clause_start, clause in _clauses(text):
        # dateparser reads a date best where the clause starts on it ('12 March at 8pm', not 'a night ...')
        digit = re.search(r"\S*\d", clause)
        if digit and digit.start() > 0:
            spans.append((clause_start + digit.start(), clause[digit.start() :]))
        spans.append((clause_start, clause))
    for clause_start, clause in spans:
        if any(f.start <= clause_start < f.end for f in found):
            continue
        if not _may_hold_a_date(clause, lang):
            continue
        # a short brief's language can be misread (Italian for Spanish): a clause with a number that holds
        # no date in the brief's language is read in the others before it is given up
        others = [o for o in PHONE_REGIONS if o != lang] if re.search(r"\d", clause) else []
        for said_in in (lang, *others):
            dated = _dates_in(clause, clause_start, text, said_in)
            if dated:
                for fact in dated:  # of two overlapping readings the longer keeps ('Friday 3 May')
                    rivals = [g for g in found if fact.start < g.end and g.start < fact.end]
                    if all(fact.end - fact.start > g.end - g.start for g in rivals):
                        found = [g for g in found if g not in rivals] + [fact]
                break
    found = [_ranged(f, text) for f in found if not _housed(f, text)]
    found += [t for t in _clock_times(text) if not any(t.start < f.end and f.start < t.end for f in found)]
    return sorted(found, key=lambda f: f.start)


_RANGE = re.compile(
    r"(?i:(?:(?P<from>from|between|dal|dall['’]|del|desde\s+el|de|entre\s+el|entre|du|vom|von|da|do|dos|des)"
    r"\s+)?)(?<![\w.,])\d{1,2}(?:\.|º|°|ª|er|st|nd|rd|th)?"
    r"(?:\s+(?P<to>(?i:to|until|till|through|al|a|au|bis|y|e|et|und|and|to\s+the|ao|à|à\s+la|y\s+el))\s+|"
    r"\s*[–-]\s*)$"
)
"""The first day of a range written before the last one's date ('dal 5 al 30 maggio', 'del 1 al 15 de
julio', 'vom 3. bis 7. Juni', 'du 2 au 9 mai', 'de 2 a 9 de maio', 'from 3 to 7 June', '12. – 15. Juni',
'5-9 May'): the range is one
date, with the word that opens it; 'and' in the six languages joins two days only after 'between'."""


def _ranged(fact: Found, text: str) -> Found:
    """The date with the first day of its range ('30 maggio' in 'dal 5 al 30 maggio'), or the date found."""
    if not re.match(r"\d", fact.text):
        return fact
    m = _RANGE.search(text[: fact.start])
    if m is None:
        return fact
    joined = (m.group("to") or "-").lower().split()[0] in ("y", "e", "et", "und", "and")
    if joined and (m.group("from") or "").lower() not in ("between", "entre", "entre el"):
        return fact
    return Found("date", text[m.start() : fact.end], m.start(), fact.end)


def _housed(fact: Found, text: str) -> bool:
    """A number or a month's name inside a street's name or after it ('na Rua Augusta 1500', 'Calle 1 de
    Mayo 2', 'Rua 25 de Março') is the street's or its house's, never a year or a date."""
    return any(a <= fact.start and fact.end <= b for a, b in street_spans(text))


_CLOCK = re.compile(
    r"(?i:(?<![\w'’])(?:às|as|das|até|à|a|dès|de|vers|jusqu['’]à|alle|dalle|le|ore|ab|um|bis|gegen|a\s+las|"
    r"desde\s+las|hasta\s+las|las|at|from|until)\s+)"
    r"(?P<t>(?:[01]?\d|2[0-3])\s?(?:h(?:[0-5]\d)?|[.:][0-5]\d\s?(?i:uhr|h)|(?i:uhr)))(?![\w'’])"
)
"""A time of day written with 'h' or 'Uhr' after a preposition of time ('às 9h', 'à 9h30', 'dès 9h', 'um 9
Uhr', 'alle 9h'): dateparser leaves a single-digit hour alone unread; without the preposition 'em 24h'
says how fast, not when."""


def _clock_times(text: str) -> list[Found]:
    return [Found("date", m.group("t"), m.start("t"), m.end("t")) for m in _CLOCK.finditer(text)]


def _dates_in(clause: str, clause_start: int, text: str, lang: str) -> list[Found]:
    out: list[Found] = []
    cursor = 0
    for raw in _search_clause(clause, lang):
        start = clause.find(raw, cursor)
        if start < 0:
            continue
        cursor = start + len(raw)
        fact = _date_core(raw, clause_start + start, text, lang)
        if fact and (re.match(r"\s?%", text[fact.end : fact.end + 2]) or "%" in fact.text):
            continue  # '20-30% off': a share, never a day and a month
        if fact and not any(fact.start < f.end and f.start < fact.end for f in out):
            out.append(fact)
    return out


def _clauses(text: str) -> list[tuple[int, str]]:
    """The text cut at sentence ends, colons and commas (not '3. Mai', '19:30'): dateparser reads short spans
    best ('Rebajas del 1 al 15 de julio: 30% de descuento' is searched as two)."""
    out, start = [], 0
    for m in re.finditer(r"(?<!\d)[.!?;:](?=\s|$)|,\s|\n|\s[—–|]\s", text):
        out.append((start, text[start : m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(a, c) for a, c in out if c.strip()]


def _search_clause(clause: str, lang: str) -> list[str]:
    # dateparser's search gives up on a clause with trailing words it cannot place ('... às 19h em Lisboa'):
    # a clause that may hold a date is tried again without its last words
    words = clause.split()
    for cut in range(0, min(4, len(words))):
        part = " ".join(words[: len(words) - cut])
        with _DATEPARSER, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = _dateparser_search()(part, languages=[lang], settings={"RETURN_AS_TIMEZONE_AWARE": False})
        if hits:
            return [raw for raw, _ in hits]
        if not re.search(r"\d", part):
            break
    return []


def _date_core(raw: str, start: int, text: str, lang: str) -> Found | None:
    """The date without the prepositions dateparser kept around it, if it is a date at all."""
    words = raw.split()
    while words and words[0].lower() in _LEAD_WORDS:
        words.pop(0)
    joins = [i for i, w in enumerate(words) if w.lower() in _JOINS and i > 0]
    if joins and not _is_date(" ".join(words[joins[0] + 1 :]), lang):
        words = words[: joins[0]]  # 'dès 9h et -10% sur ...': the 'and' joins what follows, not a date
    while words and (words[-1].lower() in _LEAD_WORDS or words[-1].lower() in _JOINS):
        words.pop()  # '9h30 e fecha ...': the 'and' that joins the next clause is not the date's
    core = " ".join(words)
    if not core or not _is_date(core, lang):
        return None
    at = text.find(core, start)
    if at < 0 or _ordinal(core, text[at + len(core) :]):
        return None
    day = re.search(r"(?<![\w.,])\d{1,2}\.?\s$", text[:at])
    if day and not re.match(r"\d", core):  # dateparser can leave the German day ('3.') out of '3. Mai'
        at = day.start()
        core = text[at : at + len(day.group(0)) + len(core)]
    weekday = re.search(r"([^\W\d_]{3,}),?\s+$", text[:at])
    if weekday and _names_a_day_or_month(weekday.group(1).lower(), lang):  # 'Friday 3 May', not '3 May'
        at = weekday.start()
        core = text[at : at + len(weekday.group(0)) + len(core)]
    return Found("date", core, at, at + len(core))


_JOINS = frozenset(["and", "or", "y", "o", "e", "ou", "et", "und", "oder"])
"""The words that join two clauses in the six languages, which dateparser may keep at a date's end."""


def _ordinal(core: str, after: str) -> bool:
    """'a segunda loja', 'a quinta edição': Portuguese names four weekdays by the ordinal of their '-feira'
    ('segunda-feira' is Monday); alone before a noun the word is the ordinal ('second'), not the day, which
    goes on with a preposition, a conjunction, a number or the sentence's end ('segunda a sábado', 'sexta,
    dia 3', 'sexta às 20h')."""
    if " " in core or "-" in core or not _names_a_day_or_month(f"{core.lower()}-feira", "pt"):
        return False
    noun = re.match(r"\s+([a-zà-ÿ]{3,})\b", after)
    return noun is not None and noun.group(1) not in _NOT_A_NOUN and not is_day_or_month(noun.group(1))


_NOT_A_NOUN = frozenset(
    ["das", "dos", "até", "para", "pela", "pelo", "com", "que", "feira", "passada", "passado", "próxima",
     "próximo", "depois", "antes", "cedo", "tarde", "noite", "manhã", "inteira", "sim", "não"]
)  # fmt: skip
"""Portuguese words that go on a weekday's name without being a noun it counts: prepositions, 'que', the
day's own parts and the words that say which ('sexta passada', 'segunda de manhã', 'sexta à noite')."""


def _may_hold_a_date(clause: str, lang: str) -> bool:
    """Whether dateparser could find a date in the clause that `_is_date` keeps: every kept date has a digit
    or names a day or a month, so a clause with neither is not searched ('brewed for twelve hours', 'every
    week'). The same dates are found; a brief without a digit or a day's name never loads dateparser's
    search (0.1 s) or builds its time-zone patterns (0.13 s)."""
    if re.search(r"\d", clause):
        return True
    return any(_names_a_day_or_month(w.lower(), lang) for w in re.findall(r"[^\W\d_]{3,}", clause))


def _is_date(core: str, lang: str) -> bool:
    if _TIME_SHAPE.search(core) or _DATE_SHAPE.search(core):
        # '48 hours' has no date shape; '0113' is a phone's area code, not a year
        return not re.fullmatch(r"0\d{3}", core)
    named = [w for w in re.findall(r"[^\W\d_]{3,}", core)]
    return any(_names_a_day_or_month(w.lower(), lang) for w in named)


@lru_cache(maxsize=512)
def _names_a_day_or_month(word: str, lang: str) -> bool:
    """True when dateparser's own dictionary reads the word as a month or a weekday ('mars', 'Friday')."""
    with _DATEPARSER:
        from dateparser.languages.loader import default_loader

        info = default_loader.get_locale(lang).info
    for key in ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday", "sunday"):  # fmt: skip
        names = [n.lower().rstrip(".") for n in info.get(key, [])]
        if word.rstrip(".") in names or (word.endswith("s") and word[:-1] in names):
            return True
    return False


def is_day_or_month(word: str) -> bool:
    """True for a weekday's or a month's name in any of the six languages ('Sundays', 'mars', 'Mai')."""
    return any(_names_a_day_or_month(word.lower(), lang) for lang in PHONE_REGIONS)


_QUANTULUM = threading.Lock()


@lru_cache(maxsize=1)
def _quantity_parser() -> Any:
    # imported and its unit tables loaded by one thread, as dateparser is (`_DATEPARSER`)
    with _QUANTULUM, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        parser.parse("1 kg")  # loads its unit tables once
    return parser


_QUANTITY = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?\s?(?:%|[a-zA-Zµ°][a-zA-Z]{0,3}\b)")


def quantities(text: str, language: str = "en") -> list[Found]:
    """Quantities with a unit and percentages ('12g', '500 ml', '18 hours', '30%').

    quantulum3 reads English only; in the other languages a number followed by a short unit-like
    token ('5 kg', '30 Stunden' is left to the proof-point reader) is kept by its shape.
    """
    found: list[Found] = []
    if not re.search(r"\d", text):
        # Every quantity kept has a digit in it ('twelve hours' is dropped below), so a text without one
        # has none: quantulum3's unit tables (0.3 s to load) are not needed for it.
        return found
    if language in ("en", ""):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = _quantity_parser().parse(text, lang="en_US")
        for q in parsed:
            if q.unit.name == "dimensionless" or not re.search(r"\d", q.surface):
                continue
            a, b = q.span
            found.append(Found("quantity", text[a:b], a, b))
    else:
        for m in _QUANTITY.finditer(text):
            unit = re.sub(r"^[\d.,]+\s?", "", m.group(0)).lower()
            if unit in _LEAD_WORDS or unit in _JOINS or unit in ("a", "o", "i", "e"):
                continue  # 'dal 5 al 30', 'du 2 au 9', 'via Zamboni 7 a Bologna': a preposition, no unit
            found.append(Found("quantity", m.group(0), m.start(), m.end()))
    return found


def quoted(text: str) -> list[Found]:
    """Titles and campaign names in quotes: «…», “…”, „…“, "…", ‘…’, '…' (the words inside, as written)."""
    found = []
    for m in QUOTED.finditer(text):
        group = next(g for g in range(1, QUOTED.groups + 1) if m.group(g))
        inner = m.group(group).strip()
        start = m.start(group) + m.group(group).find(inner)
        found.append(Found("title", inner, start, start + len(inner)))
    return found


def model_names(text: str) -> list[Found]:
    """Product names with a model number or letter: 'Trail X 3', 'AeroPods Pro 2', 'Galaxy S24'."""
    found = []
    for m in MODEL_NAME.finditer(text):
        name, start = m.group(0), m.start()
        while name.split()[0].lower() in _LEAD_WORDS and len(name.split()) > 2:
            # 'The Summit GTX 2', 'Am Gipfel 28': the name without the word that leads it
            first = name.split()[0]
            start += len(first) + len(name[len(first) :]) - len(name[len(first) :].lstrip())
            name = name[len(first) :].lstrip()
        owner = re.search(r"^(?:\S+\s+)*?\S+['’]s\s+(?=\S+\s+\S)", name)
        if owner:  # "SparkPlay's Robo Buddy R2": the owner's name is the brand's, the model after it
            start, name = start + owner.end(), name[owner.end() :]
        tail = re.sub(rf"(?:\s+{MODEL_GRADE})+$", "", name).split()[-1]
        if len(name.split()) < 2 or not re.search(r"\d|^[IVX]+$|^[A-Z]$", tail):
            continue
        after = text[m.end() : m.end() + 2]
        opening = start == 0 or text[:start].rstrip()[-1:] in ".!?:|"
        if after.startswith("-") or (opening and len(name.split()) == 2 and tail.isdigit()):
            continue  # 'Free 14-day trial', 'Over 2 million meals': a sentence's first word and a number
        if name.split()[0].lower() in _LEAD_WORDS:  # 'Em 10 de outubro', 'Am 3. Mai': a date's preposition
            continue
        if (
            re.fullmatch(r"\d{4}", tail)
            and len(name.split()) == 2
            and re.match(r"(?i)since|seit|depuis", name)
        ):
            continue
        found.append(Found("model", name, start, m.end()))
    streets = street_spans(text) if found else []
    # 'na Rua dos Remédios 42', 'in via Zamboni 7', 'in der Schwanthalerstraße 14': a street and its house
    return [f for f in found if not any(a <= f.start and f.end <= b for a, b in streets)]


def codes(text: str) -> list[Found]:
    """Codes: SKU-like tokens of capitals and digits ('SKU-4471-B', 'SPRING20') and the word after 'code'."""
    found = {m.start(): Found("code", m.group(0), m.start(), m.end()) for m in CODE.finditer(text)}
    for m in CODE_AFTER_WORD.finditer(text):
        found.setdefault(m.start(1), Found("code", m.group(1), m.start(1), m.end(1)))
    # '4K', '5G', 'H2O' are words, not codes: a code is at least four characters or follows 'code'
    return [
        f for f in sorted(found.values(), key=lambda f: f.start)
        if len(f.text) >= 4 or CODE_AFTER_WORD.search(text[max(0, f.start - 20) : f.end])
    ]  # fmt: skip


def proof_phrases(text: str) -> list[Found]:
    """Claims by their shape: 'lifetime warranty', '2-year warranty', 'vet-designed', 'B-Corp-certified'
    (studio/brief/proof.py)."""
    return _simple("proof", PROOF_SHAPE, text)


def names(text: str) -> list[Found]:
    """Every run of capitalised words ('Harbor Roast', 'Nonna's Oven', 'Huila'), possessive 's dropped."""
    found = []
    for m in NAME.finditer(text):
        name = re.sub(r"['’]s$", "", m.group(0).strip(" &-"))
        if name:
            found.append(Found("name", name, m.start(), m.start() + len(name)))
    return found


_PRIORITY = ("url", "email", "handle", "hashtag", "phone", "price", "date", "code", "title", "proof", "model",
             "quantity")  # fmt: skip
"""Where two shapes overlap, the first kind here keeps the words ('£12.50' is a price, not a quantity)."""


def find_all(text: str, language: str = "en") -> list[Found]:
    """Every fact the shapes find, in the order the brief states them; overlaps go to the stronger shape."""
    found = [
        *urls(text),
        *emails(text),
        *handles(text),
        *hashtags(text),
        *phones(text, language),
        *prices(text),
        *dates(text, language),
        *quantities(text, language),
        *quoted(text),
        *model_names(text),
        *codes(text),
        *proof_phrases(text),
    ]
    kept: list[Found] = []
    for fact in sorted(found, key=lambda f: (_PRIORITY.index(f.kind), f.start, -f.end)):
        if not any(fact.start < k.end and k.start < fact.end for k in kept):
            kept.append(fact)
    return sorted(kept, key=lambda f: f.start)


__all__ = [
    "EMAIL",
    "HANDLE",
    "HASHTAG",
    "URL",
    "Found",
    "codes",
    "dates",
    "emails",
    "find_all",
    "handles",
    "hashtags",
    "is_day_or_month",
    "model_names",
    "names",
    "phones",
    "prices",
    "proof_phrases",
    "quantities",
    "quoted",
    "urls",
]
