"""Streets by their shape, in the six languages' orders: a street's own word with its name and house number
('Larimer Street', 'Rua dos Remédios 42', 'in via Zamboni 7', 'Schwanthalerstraße 14', '12 rue de la Paix').

Below `shapes` and `places`: `shapes` keeps a street's name and number from being read as a model or a year,
`places` reads the street as a place."""

from __future__ import annotations

import re

STREET = re.compile(
    r"(?:\b\d{1,5}\s+(?:(?:[A-Z][\w'’-]*|\d{1,3}(?:st|nd|rd|th))\s+){0,2}|\b(?:North|South|East|West)\s+\d{1,3}(?:st|nd|rd|th)\s+|"
    r"\b[A-Z][\w'’-]*\s+(?:[A-Z][\w'’-]*\s+)?)"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Square|Pier|Quay|Wharf|Beach|Row|Way|Drive|"
    r"Terrace|Crescent|Parade|Mews|Plaza)\b(?![-’']|\s+[A-Z])"
)
"""A street, a square, a pier or a beach by its own word ('Larimer Street', '220 Main Street', 'West 67th
Street', 'Palace Pier'): a place wherever it stands, unless the name goes on ('Brighton Beach Clean-Up')."""

HOUSE = (
    r"(?:,?\s+(?:n\.?\s?[º°o]\.?\s*)?\d{1,5}(?:(?-i:[a-zA-Z]|\s[A-Z])(?![\w'’]))?"
    r"(?![\w/-]|[.,:]\d|\s?[%€$£]))"
)
"""The house number after a street's name ('calle Mayor 12', 'calle Mayor, 12', 'Rua Augusta, nº 1500',
'Hauptstraße 5a', 'Hauptstraße 5 B'), never a time, a price or a decimal ('Rua Augusta 15:30', '12,50'),
nor a small word after a space ('via Marsala 12 a Padova': Italian's 'to')."""

NAME_PARTICLE = (
    r"(?:de\s+(?:la|las|los|l['’])|de|del|do|da|dos|das|di|della|delle|dei|degli|dello|des|du|d['’]|"
    r"von|vom|am|an\s+der|zum|zur)"
)
"""The small words inside a street's or a town's name ('plaza de la Constitución', 'Rua dos Remédios',
'via dei Mille', 'Ciudad de México', 'Frankfurt am Main')."""

CAPWORD = r"(?-i:[A-ZÀ-ÖØ-Þ])[\w'’-]*"

NAMED = rf"(?:{NAME_PARTICLE}\s+)?{CAPWORD}(?:\s+(?:{NAME_PARTICLE}\s+)?{CAPWORD}){{0,3}}"

DATED = rf"(?:{NAME_PARTICLE}\s+)?\d{{1,2}}(?:º|ª|°|er)?\s+(?:{NAME_PARTICLE}\s+)?{CAPWORD}(?:\s+{CAPWORD})?"
"""A street's name that holds a day and the month's name after it ('Rua 25 de Março', 'Avenida 5 de Mayo',
'place du 14 Juillet', 'Rua 1º de Maio'): after the street's own word it is a name, never a date."""

_WAY = (
    r"rua|avenida|av\.|avda\.|praça|praca|travessa|alameda|estrada|calçada|calle|c/|plaza|paseo|carrera|"
    r"glorieta|pasaje|viale|piazza|piazzale|vicolo|lungomare|rue|avenue|boulevard|bd\.|quai|impasse|allée"
)
"""The words a Romance address writes before the street's name, which the number follows ('Rua dos
Remédios 42', 'calle Mayor 12', 'piazza Vittorio 8', 'rue de la Paix')."""

_WAY_NUMBERED = r"via|corso|largo|place|strada|camino|ronda|borgo|cours|chemin"
"""Words that are a street only with a house number after the name: Italian 'via' is also 'by way of'
('via Zorvik'), French 'place' a seat, 'largo' wide, 'camino' a path, 'corso' a course."""

ROMANCE_STREET = re.compile(
    rf"(?<![\w/])(?:\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+)?"
    rf"(?:(?:{_WAY}|{_WAY_NUMBERED})\s+{DATED}{HOUSE}?|"
    rf"(?=(?-i:[a-zà-ÿ]))(?:{_WAY})\s+{NAMED}{HOUSE}?|(?:{_WAY})\s+{NAMED}{HOUSE}|"
    rf"(?=(?-i:[A-ZÀ-Þ]))(?:{_WAY})\s+{NAME_PARTICLE}\s+{NAMED}{HOUSE}?|"
    rf"(?:{_WAY_NUMBERED})\s+{NAMED}{HOUSE})(?![\w'’-])",
    re.I,
)
"""A street in the Romance word order, the street's word first: lower-case before a name ('en la calle
Mayor 12', 'in via Tortona 27'), or capitalised before a name's small word or with a house number ('Rua dos
Remédios 42', 'Plaza de la Constitución'); a capitalised street word alone before a name ('Rua Augusta')
is read after its preposition; a name that holds a date is a street's after any street word ('Rua 25 de Março
40', 'place du 14 Juillet'). French writes the number first ('12 rue de la Paix')."""

GERMAN_STREET = re.compile(
    r"(?<![\w-])(?:[A-ZÄÖÜ][\wäöüß]*(?:er|e|es)\s+)?"
    r"(?:[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|gasse|allee)|(?:[A-ZÄÖÜ][\wäöüß]*(?:er|e|es)\s+)?"
    r"(?:Straße|Strasse|Str\.|Gasse|Allee|Platz|Weg|Ring|Damm|Ufer|Chaussee|Steig|Markt)"
    r"(?:\s+(?:des|der)\s+\d{1,2}\.\s+[A-ZÄÖÜ][\wäöüß]+)?|"
    r"[A-ZÄÖÜ][\wäöüß-]*(?:platz|weg|ring|damm|ufer|chaussee|steig|markt)(?=\s+\d))"
    rf"{HOUSE}?(?![\w'’-])"
)
"""A German street, its kind written into its name ('Schwanthalerstraße 14', 'Ottenser Hauptstraße 5',
'Berliner Straße 12', 'Kölner Str. 5'); a name that ends on '-platz', '-weg', '-ring' or '-markt' is a
street only with its house number ('Marienplatz 8', 'Am Ring' is not read, 'Jahrmarkt' is a fair)."""

def street_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes a street by its own word, with its house number ('Rua dos Remédios 42', 'via
    Zamboni 7', 'Schwanthalerstraße 14', '220 Main Street'): a name and a number there are the street's and
    its house's, never a model's name or a year (`shapes.model_names`, `shapes.dates`)."""
    streets = [*STREET.finditer(text), *ROMANCE_STREET.finditer(text), *GERMAN_STREET.finditer(text)]
    return [(m.start(), m.end()) for m in streets]


__all__ = [
    "CAPWORD",
    "DATED",
    "GERMAN_STREET",
    "HOUSE",
    "NAMED",
    "NAME_PARTICLE",
    "ROMANCE_STREET",
    "STREET",
    "street_spans",
]
