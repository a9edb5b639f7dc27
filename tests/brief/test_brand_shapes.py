"""The brand's whole name, as written (hypothesis): invented names of every shape a business is called by
(words joined by 'of', 'du', 'da', '&' or 'and', a legal form with its dots, a number, an ordinal, an
apostrophe, a hyphen, an accent, capitals, camel case) in the sentence frames a brief names its brand in
(its opening, 'by X', 'from X', a sign-off), with and without a web address that spells it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from studio.brief.clean import fold
from tests import invented

SHAPES = {
    "of": "House of {a}",
    "du": "Maison du {a}",
    "da": "Casa da {a}",
    "ampersand": "{a} & {b}",
    "and a legal form": "{a} and {b} Co.",
    "Co.": "{a} Co.",
    "Ltd": "{a} Ltd",
    "GmbH": "{a} GmbH",
    "S.L.": "{a} S.L.",
    "Inc.": "{a} Inc.",
    "S.p.A.": "{a} S.p.A.",
    "SARL": "{a} {b} SARL",
    "number": "{a} {n}",
    "number inside": "Number {n} {a}",
    "ordinal": "7th {a} {b}",
    "apostrophe": "{a}'s {b}",
    "hyphen": "{a}-{b} {b}",
    "accent": "Café {a}",
    "capitals": "{A}",
    "camel": "{a}{b}",
    "small camel": "e{a}",
    "two words": "{a} {b}",
}
"""Shapes of a business's name, filled with invented words ('Zorvik Co.', 'Number 9 Belmon', 'eZorvik')."""

FRAMES = {
    "opening": "{brand} makes small-batch candles that burn for 40 hours. 15% off this week.{url}",
    "opening, described": "{brand}, a candle shop, pours every candle by hand. 15% off this week.{url}",
    "by": "Hand-poured candles by {brand}, made to burn for 40 hours. 15% off this week.{url}",
    "from": "Hand-poured candles from {brand} that burn for 40 hours. 15% off this week.{url}",
    "sign-off": "Hand-poured candles that burn for 40 hours. 15% off this week.{url}\n— The {brand} team",
}

STILL_MISREAD: set[tuple[str, str, bool]] = set()
"""Shapes still misread, named and skipped: none since round 7 ('Zorvik 42 makes candles ...' with no
address read as a model name until a name that opens a sentence and acts was read as the brand,
`roles.acting_opener`)."""


def _name(shape: str, a: str, b: str, n: int) -> str:
    return SHAPES[shape].format(a=a, b=b, A=a.upper(), n=n)


def _brief(frame: str, brand: str, with_url: bool) -> str:
    url = f" Order at {fold(re.sub(r'[^0-9A-Za-zÀ-ÿ]', '', brand))}.example" if with_url else ""
    return FRAMES[frame].format(brand=brand, url=url)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(SHAPES)),
    st.sampled_from(sorted(FRAMES)),
    st.booleans(),
    invented.word,
    invented.word,
    st.integers(2, 99),
)
def test_the_brands_whole_name_is_kept_in_every_frame(shape, frame, with_url, a, b, n):
    if (shape, frame, with_url) in STILL_MISREAD or a == b:
        return
    brand = _name(shape, a, b, n)
    brief = _brief(frame, brand, with_url)
    read = read_fact_sheet(brief).brand
    # a name pasted in capitals is read as a name ('ZORVIK' -> 'Zorvik', `naming.titled`): the same letters
    assert read == brand or (brand.isupper() and read.lower() == brand.lower()), (brief, read)


def test_every_shape_and_frame_is_read_once_for_fixed_names():
    """The same table with one pair of invented names, so a shape that breaks names itself in the failure."""
    misread = []
    for shape in SHAPES:
        for frame in FRAMES:
            for with_url in (False, True):
                if (shape, frame, with_url) in STILL_MISREAD:
                    continue
                brand = _name(shape, "Zorvik", "Belmon", 42)
                read = read_fact_sheet(_brief(frame, brand, with_url)).brand
                if read != brand and not (brand.isupper() and read.lower() == brand.lower()):
                    misread.append((shape, frame, with_url, read))
    assert misread == []
