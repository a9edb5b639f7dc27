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
from studio.brief.naming import STOP_LEAD, is_taken, opened_news
from studio.brief.people import is_person
from studio.brief.shapes import Found, names
from studio.brief.whole_name import LEGAL_FORM

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


_STREET = re.compile(
    r"(?:\b\d{1,5}\s+(?:[A-Z][\w'’-]*\s+){0,2}|\b(?:North|South|East|West)\s+\d{1,3}(?:st|nd|rd|th)\s+|"
    r"\b[A-Z][\w'’-]*\s+(?:[A-Z][\w'’-]*\s+)?)"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Square|Pier|Quay|Wharf|Beach|Row|Way|Drive|"
    r"Terrace|Crescent|Parade|Mews|Plaza)\b(?![-’']|\s+[A-Z])"
)
"""A street, a square, a pier or a beach by its own word ('Larimer Street', '220 Main Street', 'West 67th
Street', 'Palace Pier'): a place wherever it stands, unless the name goes on ('Brighton Beach Clean-Up')."""


_TOWN = r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?"
"""A town's name of one or two capitalised words ('Manchester', 'Hebden Bridge')."""


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
    for m in re.finditer(rf"(?<![\w'])(?i:{_OUR_PLACE}|{_PLACE_PREPS})\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if opened_news(text, m.end()):
            continue  # 'Neu bei Zorvik:' names the seller, not where it is
        if first and first.start == 0 and not is_taken(m.end(), taken) and not STORES_NAMED.match(first.text):
            strict += [first.text, *_joined(text, m.end() + first.end)]
    for m in _RANKED.finditer(text):
        ranked = m.group("n") or m.group("m")
        if ranked.split()[0].lower() not in STOP_LEAD and not is_taken(m.start(), taken):
            strict.append(ranked)
    for m in _STREET.finditer(text):
        if not is_taken(m.start(), taken):
            strict.append(re.sub(r"^(?:The|At|On|In)\s+", "", m.group(0)))
            # '14 Canal Street, Manchester': the town an address names after its street
            town = re.match(rf",\s+({_TOWN})(?![\w'’])", text[m.end() :])
            if town and not is_taken(m.end() + town.start(1), taken):
                strict.append(town.group(1))
    if brand_evidence:
        # 'Marrow & Quill, Hebden Bridge.', 'Mizu Noodle Bar, Deansgate, Manchester:': the brand and where it
        # is, a sentence or a line of their own
        town = re.search(rf"{re.escape(brand_evidence)}((?:,\s+{_TOWN}){{1,2}})(?=[.:\n]|$)", text)
        if town:
            strict += [t.strip() for t in town.group(1).split(",") if t.strip()]
    origin: list[str] = []
    for m in re.finditer(rf"(?i:(?<![\w'])(?:{_ORIGIN_PREPS}))\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if not first or first.start != 0 or is_taken(m.end(), taken) or _article(text, m):
            continue
        if brand_evidence and fold(first.text) != fold(brand_evidence) and not is_person(first.text):
            origin.append(first.text)  # 'le lasagne di Nonna Lucia': her recipe, not where they are from
    out = [
        p
        for p in dict.fromkeys([*strict, *origin])
        if (not brand_evidence or fold(p) != fold(brand_evidence)) and not _firm(p)
    ]
    return out


def _firm(name: str) -> bool:
    """'Brindle & Oak', 'Tide+Co', 'Vela S.L.': a name joined by '&' or '+' or with a legal form is a
    firm's, never a town's ('en Brindle & Oak', 'bei Brindle & Oak' say where the venue is)."""
    return re.search(rf"\s&\s|\w\+\w|\s(?:{LEGAL_FORM})$", name) is not None


def _article(text: str, m: re.Match[str]) -> bool:
    """'Neu bei Holzfreund: das Schneidebrett ...': German's article 'das' opens a phrase after a colon or a
    sentence's end; Portuguese 'das' ('of the') never does, it follows the noun it joins."""
    opens = re.search(r"(?:^|[.!?:]\s*)$", text[: m.start()]) is not None
    return opens and m.group(0).strip().lower() == "das"


__all__ = ["RANKING", "STORES_NAMED", "place_names"]
