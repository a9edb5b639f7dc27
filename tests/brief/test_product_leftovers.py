"""The product in the shapes the earlier rounds left misread (round 7): what one tries from an owner ("Try
Zorvik Fen's Belmon"), a thing with the place it is from ('Handmade soap from Lyon'), a thing made by the
brand in the six languages ('la lampe Belmon par Zorvik Fen', 'Nova Festival, presented by ...'), a thing
by a brand written with its article ('Oat milk by The Oat Co.'), and a brand's verb that is no product
('Brindle & Oak serves wood-fired pizza'). Known answers first, then hypothesis tests over invented names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests import invented


@pytest.mark.parametrize(
    ("brief", "brand", "product"),
    [
        ("Try Zorvik Fen's Belmon, made in small batches. Two for £30.", "Zorvik Fen", "Belmon"),
        ("Handmade soap from Lyon by Belmon Savons. 3 for 10 € this week.", "Belmon Savons", "Handmade soap"),
        ("Belmon Savons: handmade soap from Lyon. 3 for 10 € this week.", "Belmon Savons", "handmade soap"),
        ("Oat milk by The Oat Co. Barista grade, 1 litre for £2.", "The Oat Co.", "Oat milk"),
        ("Oat milk by the Oat Co. Barista grade, 1 litre for £2.", "Oat Co.", "Oat milk"),
        # the Romance noun before the name is the product's, as 'Belmon lamp' is in English (round 8)
        ("La lampe Belmon par Zorvik Fen baisse la nuit. 20 € de remise.", "Zorvik Fen", "lampe Belmon"),
        ("La lámpara Belmon de Zorvik Fen se atenúa sola. 20 € de descuento.", "Zorvik Fen",
         "lámpara Belmon"),
        ("Nova Festival, presented by Lumen Events. Tickets at novafestival.example", "Lumen Events",
         "Nova Festival"),
        ("Das Nova Festival von Lumen Events: drei Tage. Tickets auf novafestival.example", "Lumen Events",
         "Nova Festival"),
        ("Brindle & Oak serves wood-fired pizza every night. Two for £20 on Mondays.", "Brindle & Oak", ""),
        ("Unsere Kerzen sind da. 20 % Rabatt bis Sonntag.\n— Ihr Team von Quellmar", "Quellmar", ""),
    ],
)  # fmt: skip
def test_the_product_of_each_leftover_shape(brief, brand, product):
    sheet = read_fact_sheet(brief)
    assert (sheet.brand, sheet.product) == (brand, product)


def test_made_by_is_how_not_what():
    """'Made by Zorvik Studio': a participle before 'by' names no product, where 'Belmon by Zorvik Studio'
    does."""
    assert read_fact_sheet("Made by Zorvik Studio in Leeds. Free glaze class.").product == ""
    assert read_fact_sheet("Belmon by Zorvik Studio: a lamp. £20 off.").product == "Belmon"


FROM_A_PLACE = {
    "by": "{thing} from {place} by {brand}. 3 for £10 this week.",
    "colon": "{brand}: {thing} from {place}. 3 for £10 this week.",
    "made in": "{thing} made in {place} by {brand}. 3 for £10 this week.",
}
THINGS = ["Handmade soap", "Small-batch candles", "Wool blankets", "Olive oil"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(FROM_A_PLACE)), st.sampled_from(THINGS), invented.place, invented.brand(2, 2))
def test_a_place_in_the_product_phrase_is_a_place_not_the_products(frame, thing, place, brand):
    brief = FROM_A_PLACE[frame].format(thing=thing if frame != "colon" else thing.lower(), place=place,
                                       brand=brand)  # fmt: skip
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand, (brief, sheet.brand)
    assert sheet.product.lower() == thing.lower(), (brief, sheet.product)
    assert place in sheet.places, (brief, sheet.places)


MADE_BY = {
    "en": "{p} by {brand}: a lamp that dims itself at night. £20 off until Sunday.",
    "en, presented": "{p}, presented by {brand}. £20 off until Sunday.",
    "es": "La lámpara {p} de {brand} se atenúa sola por la noche. 20 € de descuento.",
    "fr": "La lampe {p} par {brand} baisse toute seule la nuit. 20 € de remise.",
    "de": "Die Lampe {p} von {brand} dimmt sich nachts selbst. 20 € Rabatt.",
}
"""A thing named before 'by' and its maker, in the languages whose 'by' names no place."""

@settings(max_examples=50, deadline=None)
@given(st.sampled_from(sorted(MADE_BY)), invented.brand(1, 2), invented.brand(2, 2))
def test_the_thing_before_by_is_the_product_and_the_maker_the_brand(frame, product, brand):
    if set(product.split()) & set(brand.split()):
        return
    brief = MADE_BY[frame].format(p=product, brand=brand)
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand, (brief, sheet.brand)
    assert product in sheet.product, (brief, sheet.product)


TRIED = {
    "try": "Try {brand}'s {p}, made in small batches. Two for £30.",
    "taste": "Taste {brand}'s {p} at the market this Saturday. Two for £30.",
    "meet": "Meet {brand}'s {p}: quiet, light and fast. £20 off until Sunday.",
}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(TRIED)), invented.brand(1, 2), invented.brand(2, 2))
def test_what_one_tries_is_the_product_and_its_owner_the_brand(frame, product, brand):
    if set(product.split()) & set(brand.split()):
        return
    brief = TRIED[frame].format(p=product, brand=brand)
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand, (brief, sheet.brand)
    assert product in sheet.product, (brief, sheet.product)
