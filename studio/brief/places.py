"""The places a brief names. A place is never the brand: a name that follows a preposition of place ('in
Lyon', 'near Croydon', 'en Madrid', 'à Lyon', 'em Lisboa', 'a Milano', 'at our Denver flagship', 'in
downtown Boise'), a part of a region ('in the hills of Huila', 'nel cuore delle Langhe') or a move there
('coming to Boulder'), a street, a square, a pier or a beach named by its own word ('Larimer Street', '220
Main Street', 'Palace Pier') and the town after it ('14 Canal Street, Manchester'), the owner of a ranking
('Denver's best-loved', 'la tortilla más famosa de Salamanca'), or a name that follows 'from' (and its
translations) when the brand has stronger evidence elsewhere ('beans from Huila'), is a place. A name that
is also a date ('Friday', 'March') is neither.
"""

from __future__ import annotations

import re

from studio.brief.clean import fold
from studio.brief.naming import STOP_LEAD, is_taken, on_a_channel, opened_news
from studio.brief.people import is_person
from studio.brief.proof import AWARD_NAME
from studio.brief.shapes import Found, emails, handles, names, urls
from studio.brief.streets import CAPWORD, GERMAN_STREET, HOUSE, NAME_PARTICLE, NAMED, ROMANCE_STREET, STREET
from studio.brief.whole_name import LEGAL_FORM, without_town

_PLACE_PREPS = (
    # a part of a region ('in the hills of Huila', 'en los valles de Asturias', 'on the slopes of ...') and
    # where a thing moves to ('is coming to Boulder'), tried before the plain prepositions
    r"(?:(?:in|on|across|en|em|dans|sur|nel|im|auf)\s+(?:the|los|las|el|la|les|le|os|as|o|i|gli|den|die|der)|"
    r"au|aux|nel|nella|nello|nei|nelle|no|na|nos|nas|im|am)"
    r"\s+(?-i:[a-zà-ÿœ]+)\s+(?:of|de|do|da|dos|das|des|du|di|del|dei|della|delle|degli|dello|von|vom)|"
    r"(?:coming|comes|came|moving|moves|moved|returning|returns|back|heading|headed|arrives|arriving)\s+to|"
    # where a journey goes ('win a trip to Iceland', 'flights to Lisbon')
    r"(?:trip|trips|holiday|holidays|break|getaway|flight|flights|journey|cruise|tour|voyage)\s+to|"
    r"in|near|across|around|throughout|outside|en|à|au|aux|dans|près de|em|no|na|nos|nas|nel|nella|a|"
    r"bei|nach|im|zu|ad|on the|ao"
)


_ORIGIN_PREPS = (
    r"from|de|des|del|aus|da|di|desde|dos|das|du|dal|dalla|vom|(?-i:Do)(?=\s+[A-Z])|"
    r"grown in|roasted in|made in"
)


RANKING = (
    r"(?i:(?:best|most|top|finest|greatest|biggest|largest|oldest|favou?rite|leading|number one|no\.? ?1)"
    r"(?![\w'’]))"
)
"""Words that rank the owner's thing against others ('Denver's best-loved bagel', 'Lisbon's favourite
pastry'): said of a place or a crowd, never of the brand's own product, so no evidence for the brand."""


_RANKED = re.compile(
    rf"(?P<n>[A-ZÀ-ÖØ-Þ][\w-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w-]*)?)['’]s\s+{RANKING}|"
    r"(?i:\b(?:más|plus|più|mais|meilleure?s?|mejor(?:es)?|migliori?|melhor(?:es)?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:de|di|do|da|du|des|del|della|dos|das))\s+(?P<m>[A-ZÀ-ÖØ-Þ][\w-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w-]*)?)"
)
"""The place a ranking is made in ('Denver's best-loved', 'Ohio's most talked-about', 'la tortilla más
famosa de Salamanca', 'le meilleur croissant de Nantes'): a place, never the brand."""


STORES_NAMED = re.compile(r"(?i)(?:the\s+)?(?:App Store|Google Play|Play Store)$")
"""Where an app is found is no place ('on the App Store')."""


_OUR_PLACE = r"(?:at|in|from)\s+our|(?:in|near|across|around)\s+(?:downtown|central|uptown)"
"""'at our Denver flagship', 'in downtown Boise': a place behind the brand's own word or a part of town."""




_TOWN = r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?"
"""A town's name of one or two capitalised words ('Manchester', 'Hebden Bridge')."""
_POSTCODE = r"(?:(?:[A-Z]{1,2}-)?\d{4,5}(?:-\d{3})?\s+)"
"""A postcode before the town ('80336 München', '28013 Madrid', '1100-148 Lisboa', '01310-100 São
Paulo')."""

_TOWN_OF = rf"{_TOWN}(?:\s+{NAME_PARTICLE}\s+{CAPWORD})?"
"""A town's name, with the small word inside it ('Ciudad de México', 'Alcalá de Henares')."""
_DISTRICT = (
    r"bairro|barrio|colonia|distrito|quartiere|rione|zona|quartier|arrondissement|Stadtteil|Viertel|Kiez"
)
"""The words a part of town is named after ('no bairro de Pinheiros', 'en la colonia Roma', 'nel quartiere
Isola', 'im Stadtteil Ehrenfeld'): the name after them is a place."""
_DISTRICT_NAME = re.compile(rf"(?<![\w'’])(?i:{_DISTRICT})\s+(?:(?:de|del|di|do|da)\s+)?({NAMED})")


def _joined(text: str, end: int) -> list[str]:
    """The names 'and' or 'or' joins to a place ('in Waitrose and Sainsbury's', 'in Leeds or York'), with a
    list's commas before it ('en Sevilla, Córdoba y Málaga', 'in Leeds, York, and Hull'): one preposition
    says where for all of them. Commas alone make no list ('in Leeds, Zorvik bakes ...')."""
    out: list[str] = []
    listed, at = [], end
    while comma := re.match(r",\s+(?=[A-ZÀ-ÖØ-Þ])", text[at:]):
        following = next(iter(names(text[at + comma.end() :])), None)
        if not following or following.start != 0:
            break
        listed.append(following.text)
        at += comma.end() + following.end
    if listed and re.match(rf",?\s+{_AND}\s+(?=[A-ZÀ-ÖØ-Þ])", text[at:]):
        out, end = listed, at
    comma = ",?" if out else ""
    while joined := re.match(rf"(?:['’]s)?{comma}\s+{_AND}\s+(?=[A-ZÀ-ÖØ-Þ])", text[end:]):
        following = next(iter(names(text[end + joined.end() :])), None)
        if not following or following.start != 0:
            break
        out.append(following.text)
        end += joined.end() + following.end
        comma = ""
    return out


_AND = r"(?:and|or|&|y|e|et|und|ou|oder|o)"
"""The words that join the last name of a list in the six languages."""


def place_names(text: str, taken: list[Found], brand_evidence: str) -> list[str]:
    """The brief's places: after a preposition of place always, after 'from' when it is not the brand, a
    street or a pier by its shape."""
    strict: list[str] = []
    # a street, a town after it, a part of town and a prize's name hold their own words ('Rua dos Remédios
    # 42' names no place 'Remédios', 'Premio Tapa de Oro' no place 'Oro')
    held: list[tuple[int, int]] = [(m.start(), m.end()) for m in AWARD_NAME.finditer(text)]
    streets = _streets(text, taken, held, brand_evidence)
    for m in re.finditer(rf"(?<![\w'])(?i:{_OUR_PLACE}|{_PLACE_PREPS})\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if opened_news(text, m.end()) or any(a <= m.end() < b for a, b in held):
            continue  # 'Neu bei Zorvik:' names the seller, not where it is
        if first and _subject(text, m, first.end):
            continue
        if on_a_channel(text, m.start()):
            continue  # 'Chama no WhatsApp', 'fale conosco no Instagram': where one writes, not a place
        if _article_after_preposition(text, m):
            continue  # 'um anúncio para a Quellmar Doces': Portuguese's article, not Italian's 'a Milano'
        if first and first.start == 0 and not is_taken(m.end(), taken) and not STORES_NAMED.match(first.text):
            whole = _whole_town(text, m.end(), first)
            strict += [whole, *_joined(text, m.end() + len(whole))]
            held.append((m.end(), m.end() + len(whole)))
            if brand_evidence:
                strict += _seat(text, m.end() + len(whole), taken)
    for m in _RANKED.finditer(text):
        ranked = m.group("n") or m.group("m")
        if ranked.split()[0].lower() not in STOP_LEAD and not is_taken(m.start(), taken):
            strict.append(ranked)
    strict += streets
    if brand_evidence:
        # 'Marrow & Quill, Hebden Bridge.', 'Mizu Noodle Bar, Deansgate, Manchester:': the brand and where it
        # is, a sentence or a line of their own
        town = re.search(rf"{re.escape(brand_evidence)}((?:,\s+{_TOWN}){{1,2}})(?=[.:\n]|$)", text)
        if town:
            strict += [t.strip() for t in town.group(1).split(",") if t.strip()]
        strict += _town_after_brand(text, brand_evidence)
    origin: list[str] = []
    for m in re.finditer(rf"(?i:(?<![\w'])(?:{_ORIGIN_PREPS}))\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if not first or first.start != 0 or is_taken(m.end(), taken) or _article(text, m):
            continue
        if any(a <= m.start() < b for a, b in held):
            continue  # 'Rua dos Remédios', 'Ciudad de México': the small word inside a name already read
        if brand_evidence and fold(first.text) != fold(brand_evidence) and not is_person(first.text):
            origin.append(first.text)  # 'le lasagne di Nonna Lucia': her recipe, not where they are from
    out = [
        p
        for p in dict.fromkeys([*strict, *origin])
        if (not brand_evidence or fold(p) != fold(brand_evidence)) and not _firm(p)
    ]
    return out


def _streets(text: str, taken: list[Found], held: list[tuple[int, int]], brand_evidence: str) -> list[str]:
    """The streets by their own word in the English, Romance and German word orders, the town an address
    names after its street, and the parts of town named by their word; their spans join `held`."""
    out: list[str] = []
    streets = [*STREET.finditer(text), *ROMANCE_STREET.finditer(text), *GERMAN_STREET.finditer(text)]
    for m in sorted(streets, key=lambda s: (s.start(), -s.end())):
        if any(a <= m.start() < b for a, b in held) or is_taken(m.start(), taken):
            continue
        street = re.sub(r"^(?:The|At|On|In)\s+", "", m.group(0))
        out.append(street)
        bare = re.sub(rf"{HOUSE}$", "", street)
        if not brand_evidence and bare != street:
            out.append(bare)  # while the brand is sought, 'Rua Augusta' is a place with its number or without
        held.append((m.start(), m.end()))
        # '14 Canal Street, Manchester', 'Schwanthalerstraße 14, 80336 München': the town an address names
        # after its street, past its postcode
        town = re.match(rf",\s+{_POSTCODE}?({_TOWN_OF})(?![\w'’])", text[m.end() :])
        if town and not is_taken(m.end() + town.start(1), taken):
            out.append(town.group(1))
            held.append((m.end() + town.start(1), m.end() + town.end(1)))
    for m in _DISTRICT_NAME.finditer(text):
        if not any(a <= m.start(1) < b for a, b in held) and not is_taken(m.start(1), taken):
            out.append(m.group(1))
            held.append((m.start(1), m.end(1)))
            seat = _seat(text, m.end(1), taken) if brand_evidence else []
            out += seat
            held += [(m.end(1), m.end(1) + len(s) + 2) for s in seat]
    return out


def places_in(text: str) -> list[str]:
    """The places a text names, with no brand known (the evidence `whole_name.without_town` reads)."""
    return place_names(text, [], "")


def _town_after_brand(text: str, brand: str) -> list[str]:
    """'Brindle & Oak Milano: ...' with brindleoak.example, 'Pizzeria Quellmar di Torino' with
    pizzeriaquellmar.example: the town written right after the brand, which the brief's own address spells
    without it (`whole_name.without_town`), is where the brand is."""
    after = rf"(?<![\w'’]){re.escape(brand)}(?P<t>(?:\s+(?:di|de|da|do|del|in))?\s+(?P<n>{_TOWN}))(?![\w'’])"
    addresses = [f.text for f in (*urls(text), *emails(text), *handles(text))]
    for m in re.finditer(after, text):
        whole = brand + m.group("t")
        if any(without_town(whole, text, a, places_in) == brand for a in addresses):
            return [m.group("n")]
    return []


def _whole_town(text: str, at: int, first: Found) -> str:
    """The name after a preposition of place with the small word inside it and the name after that ('en
    Ciudad de México', 'em Vila Nova de Gaia', 'in Frankfurt am Main'): one town, not 'Ciudad' and an origin
    'México'."""
    more = re.match(rf"\s+{NAME_PARTICLE}\s+{CAPWORD}(?:\s+{CAPWORD})?(?![\w'’-])", text[at + first.end :])
    if more and not is_person(first.text):
        return text[at : at + first.end + more.end()]
    return first.text


def _seat(text: str, end: int, taken: list[Found]) -> list[str]:
    """The town a part of town lies in, after its comma ('em Alfama, Lisboa', 'en Malasaña, Madrid', 'in
    Soho, London'): a name of one or two words that ends its clause or its line; read once the brand is known,
    which a name after a place's comma may be ('Bread in Leeds, Quellmar Bakery.')."""
    town = re.match(rf",\s+({_TOWN_OF})(?=\s*(?:[.;!?)\n]|,\s|$))", text[end:])
    if not town or is_taken(end + town.start(1), taken) or is_person(town.group(1)):
        return []
    return [town.group(1)]


def _subject(text: str, m: re.Match[str], end: int) -> bool:
    """'A Brindle Café abre ...', 'Novidade: a Brindle Café abre ...': a sentence that opens on 'a' or 'o', a
    name and its verb opens on Portuguese's article and its subject, not on a place (a place opened by 'a' is
    set off by its comma: 'A Milano, ...')."""
    opens = re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[: m.start()]) is not None
    # its verb right after the name, or after where it is, set off by commas ('A Pastelaria Confiança, no
    # Porto, faz ...')
    said = r"\s+|,\s+(?:no|na|nos|nas|em)\s+[A-ZÀ-ÖØ-Þ][^,.;:!?]*,\s+"
    verb = re.match(rf"(?:{said})(?-i:[a-zà-ÿ])", text[m.end() + end :]) is not None
    return opens and verb and m.group(0).strip().lower() in ("a", "o", "as", "os")


def _article_after_preposition(text: str, m: re.Match[str]) -> bool:
    """'para a Quellmar Doces', 'com o Zorvik', 'pela a': 'a' or 'o' after a Portuguese or Spanish
    preposition is the article of what follows, never the preposition of place 'a' ('a Milano'); so is it
    after a Portuguese verb that presents a thing ('A Nubela apresenta a Nuvem', 'lança o Sol')."""
    if m.group(0).strip() not in ("a", "o", "as", "os"):
        return False
    before = r"(?<![\w'’])(?i:para|pra|com|por|sem|sobre|entre|contra|até"
    before += r"|apresenta[mr]?|apresentou|lança[mr]?|lançou|traz|trazem|conheça[m]?|descubra[m]?)\s+$"
    return re.search(before, text[: m.start()]) is not None


def _firm(name: str) -> bool:
    """'Brindle & Oak', 'Tide+Co', 'Vela S.L.': a name joined by '&' or '+' or with a legal form is a
    firm's, never a town's ('en Brindle & Oak', 'bei Brindle & Oak' say where the venue is)."""
    return re.search(rf"\s&\s|\w\+\w|\s(?:{LEGAL_FORM})$", name) is not None


def _article(text: str, m: re.Match[str]) -> bool:
    """'Neu bei Holzfreund: das Schneidebrett ...': German's article 'das' opens a phrase after a colon or a
    sentence's end; Portuguese 'das' ('of the') never does, it follows the noun it joins. A dash that opens
    a line or a sentence opens one too ('— das Team von Zorvik' signs off, it names no place)."""
    opens = re.search(r"(?:^|[.!?:]\s*)(?:[—–-]\s*)?$", text[: m.start()]) is not None
    return opens and m.group(0).strip().lower() == "das"


__all__ = ["RANKING", "STORES_NAMED", "place_names", "places_in"]
