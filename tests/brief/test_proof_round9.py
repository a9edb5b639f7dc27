"""Proof phrases, round 9 (issue 19): how a thing is grown and traded ('Fairtrade and organic.', 'vino rosso
biologico,') as a claim of its own, in the six languages, and a promise for the thing's life ('lifetime
repairs.', 'free repairs for life'). Known answers first (each missed before), then what stays no claim,
then a hypothesis test with invented names (`tests.invented`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests import invented


@pytest.mark.parametrize(
    ("brief", "claims"),
    [
        ("Quellmar Coffee: single-origin beans, roasted weekly. Fairtrade and organic. quellmar.example",
         ["Fairtrade", "organic"]),
        ("Cantina Tramonti: vino rosso biologico, premiato al Vinitaly 2023. tramonti.example",
         ["biologico"]),
        ("Café Dorvel, torrado em Minas. Orgânico e vegano. dorvel.example", ["Orgânico", "vegano"]),
        ("Belmor Tee aus dem Allgäu, ökologisch und vegan. belmor.example", ["ökologisch", "vegan"]),
        ("Cacao Tralux, de comercio justo. Envío gratis. tralux.example", ["comercio justo"]),
        ("Our bags come with lifetime repairs, free of charge. zorvik.example", ["lifetime repairs"]),
        ("Boots with free repairs for life. zorvik.example", ["free repairs for life"]),
        ("Knives guaranteed for life. zorvik.example", ["guaranteed for life"]),
    ],
)  # fmt: skip
def test_claims_of_growing_trading_and_a_lifetime(brief, claims):
    proofs = read_fact_sheet(brief).proof_points
    assert all(c in proofs for c in claims), proofs


@pytest.mark.parametrize(
    "brief",
    [
        "Zorvik Organic Farm opens on Saturday in Leeds. zorvik.example",  # inside a name
        "Our organic granola is back on the shelves. zorvik.example",  # before its noun
        "Questions? Link in bio. zorvik.example",  # 'bio' alone is no claim
        "He worked there for life. zorvik.example",  # no thing promised
    ],
)
def test_no_claim_inside_a_name_before_a_noun_or_unpromised(brief):
    proofs = read_fact_sheet(brief).proof_points
    assert not any(w in p.lower() for p in proofs for w in ("organic", "bio", "for life")), proofs


_CLAIMS = {
    "en": ("{brand} tea from {place}. Fairtrade and organic. Shop at {site}.", ["Fairtrade", "organic"]),
    "es": ("Té {brand} de {place}. Ecológico y de comercio justo. En {site}.",
           ["Ecológico", "comercio justo"]),
    "fr": ("Thé {brand}, cultivé à {place}. Biologique et vegan. Sur {site}.", ["Biologique", "vegan"]),
    "de": ("{brand} Tee aus {place}. Ökologisch und fair trade. Auf {site}.", ["Ökologisch", "fair trade"]),
    "it": ("Tè {brand} da {place}. Biologico e vegano. Su {site}.", ["Biologico", "vegano"]),
    "pt": ("Chá {brand} de {place}. Orgânico e vegano. Em {site}.", ["Orgânico", "vegano"]),
}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(_CLAIMS)), invented.brand(1, 2), invented.place)
def test_generated_claims_of_growing_and_trading(lang, brand, place):
    text, claims = _CLAIMS[lang]
    site = brand.lower().replace(" ", "") + ".example"
    proofs = read_fact_sheet(text.format(brand=brand, place=place, site=site)).proof_points
    assert all(c in proofs for c in claims), (lang, proofs)


@pytest.mark.parametrize(
    ("brief", "kept", "not_kept"),
    [
        # a decade or an age is no count of anything (was '30 s', '40 s')
        ("Jackets for hikers in their 30s and 40s. 6mm padding. zorvik.example", ["6mm padding"],
         ["30", "40"]),
        ("Music from the 1990s and the 80’s. 4K video. zorvik.example", ["4K video"], ["1990", "80"]),
        # a number written with its unit keeps the brief's spelling (was '6 mm thick', '4 K tutorials')
        ("Zentara mats. Non-slip, 6mm thick. 4K tutorials included. zentara.example",
         ["6mm thick", "4K tutorials included"], []),
    ],
)  # fmt: skip
def test_numbers_with_what_they_count_as_the_brief_writes_them(brief, kept, not_kept):
    proofs = read_fact_sheet(brief).proof_points
    assert all(k in proofs for k in kept), proofs
    assert not any(p.startswith(n) for p in proofs for n in not_kept), proofs
    assert all(p in brief for p in proofs), proofs


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 999),
    st.sampled_from(["mm", "cm", "ml", "kg", "K", "GB", "h"]),
    st.sampled_from(["thick", "wide", "of storage", "included", "battery"]),
    invented.brand(1, 2),
)
def test_generated_counts_are_verbatim(number, unit, noun, brand):
    site = brand.lower().replace(" ", "") + ".example"
    text = f"{brand} mats. Non-slip, {number}{unit} {noun}. Free shipping. {site}"
    proofs = read_fact_sheet(text).proof_points
    assert all(p in text for p in proofs), proofs
