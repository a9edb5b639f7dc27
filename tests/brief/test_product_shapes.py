"""The product's whole name, never a clause (hypothesis): invented product names of one to three words,
some with a model number and a grade word, in the frames a brief presents its product in ('Our new X',
'an ad for our X', 'now serves the X', 'the X lamp', "Brand's X", 'la bougie X', 'unser neuer X', 'New
from ...: the X'), with and without a web address that spells the brand."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from studio.brief.clean import fold
from tests import invented

FRAMES = {
    "our new": "Our new {p} is here at {brand}. 20% off this week.{url}",
    "ad for our": "Hi,\nCan we get a short ad for our {p}? It ships in May.\nThanks,\nDana\n{brand}{url}",
    "now serves": "{brand} now serves the {p} every Friday. Free coffee with it until June.{url}",
    "name before its noun": "Made by {brand} in Leeds: the {p} lamp, finished by hand.{url}",
    "possessive": "Try {brand}'s {p}, made in small batches. Two for £30.{url}",
    "introducing": "Introducing the {p} from {brand}: quiet, light and fast. £20 off until Sunday.{url}",
    "fr, new at": "Nouveau chez {brand} : la bougie {p}, cire de soja. Livraison offerte.{url}",
    "it, new from": "Novità da {brand}: la moka {p}, sei tazze. Spedizione gratuita.{url}",
    "de, our new": "Unser neuer Rucksack {p} ist da! {brand}, seit 2009.{url}",
    "pt, our new": "A nossa nova cerveja {p} chegou aos bares. {brand}, desde 2012.{url}",
}
"""Frames a brief presents its product in; `{p}` the product's name, `{brand}` the business."""

STILL_MISREAD: set[tuple[str, bool]] = set()
"""Frames still misread, named and skipped: none since round 7 ('Try Zorvik Fen's Belmon, ...' with no
address read the owner's name whole as the brand until what one tries was read as a thing,
`roles.possessive_name`)."""

_ENGLISH = "we you i they now is are was get gets serves made try our new"
CLAUSE_WORDS = frozenset(f"{_ENGLISH} ist da".split(" "))
"""Words of the frames around the name ('Rucksack Belmon ist da!'): a product read with one of them is a
clause, not a thing."""

model = st.tuples(st.integers(2, 9), st.sampled_from(["", " Pro", " Max", " Mini", " XL"])).map(
    lambda m: f" X{m[0]}{m[1]}"
)
"""A model number, sometimes with its grade word (' X7 Pro')."""


def _url(brand: str, with_url: bool) -> str:
    return f" {fold(re.sub(r'[^0-9A-Za-zÀ-ÿ]', '', brand))}.example" if with_url else ""


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(sorted(FRAMES)),
    invented.brand(1, 3),
    st.one_of(st.just(""), model),
    invented.brand(2, 2),
    st.booleans(),
)
def test_the_product_is_read_whole_and_never_a_clause(frame, name, number, brand, with_url):
    product = f"{name}{number}"
    if set(product.split()) & set(brand.split()) or (frame, with_url) in STILL_MISREAD:
        return  # a product that shares a word with its brand is another question
    brief = FRAMES[frame].format(p=product, brand=brand, url=_url(brand, with_url))
    read = read_fact_sheet(brief).product
    assert re.search(rf"(?<![\w'’]){re.escape(product)}(?![\w'’])", read), (brief, read)
    assert not {w.lower() for w in read.split()} & CLAUSE_WORDS, (brief, read)


def test_every_frame_is_read_once_for_fixed_names():
    """The same table with fixed invented names, so a frame that breaks names itself in the failure."""
    misread = []
    for frame, text in FRAMES.items():
        for product in ("Belmon", "Belmon Traqui", "Belmon X7 Pro"):
            for with_url in (False, True):
                if (frame, with_url) in STILL_MISREAD:
                    continue
                brief = text.format(p=product, brand="Zorvik Fen", url=_url("Zorvik Fen", with_url))
                read = read_fact_sheet(brief).product
                if product not in read or {w.lower() for w in read.split()} & CLAUSE_WORDS:
                    misread.append((frame, product, with_url, read))
    assert misread == []
