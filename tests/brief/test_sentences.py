"""Where a brief's sentences end: a company's legal form keeps its dot inside the sentence that goes on
after it ('Crumbly Co. bakes brownies'), which the reader's clauses and the writer's lines both split by."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studio.brief.clean import DOTTED_LEGAL_FORMS, SENTENCE_END
from studio.brief.reader import read_fact_sheet
from tests import invented
from tests.briefs.measure import ad_words


def sentences(text: str) -> list[str]:
    return re.split(SENTENCE_END, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crumbly Co. bakes brownies. Order now.", ["Crumbly Co. bakes brownies.", "Order now."]),
        ("Ossa S.p.A. vende borracce. Ciao.", ["Ossa S.p.A. vende borracce.", "Ciao."]),
        ("Made by Crumbly Co. Order now.", ["Made by Crumbly Co.", "Order now."]),  # a new sentence
        ("Our taco. bell rings", ["Our taco.", "bell rings"]),  # no legal form, only a word ending in it
        ("bis zum 15. März. Ja.", ["bis zum 15. März.", "Ja."]),  # a German day's stop, as before
    ],
)
def test_a_legal_form_ends_no_sentence_that_goes_on_in_small_letters(text, expected):
    assert sentences(text) == expected


@given(name=invented.brand(1, 2), form=st.sampled_from(DOTTED_LEGAL_FORMS), verb=invented.word)
def test_any_name_with_any_dotted_form_stays_in_its_sentence(name, form, verb):
    text = f"{name} {form} {verb.lower()}s brownies in Leeds. Order at {name.split()[0].lower()}.example"
    assert sentences(text)[0] == f"{name} {form} {verb.lower()}s brownies in Leeds."
    assert sentences(f"Made by {name} {form} {verb} now.")[1:] == [f"{verb} now."]


def test_the_ad_says_the_place_in_the_sentence_that_names_the_brand():
    """The place's clause was 'bakes vegan brownies in Leeds', and the ad said 'Bakes vegan brownies in
    Leeds.' without who bakes them."""
    brief = "Crumbly Co. bakes vegan brownies in Leeds. Order at crumblyco.example"
    sheet = read_fact_sheet(brief)
    assert (sheet.brand, sheet.places) == ("Crumbly Co.", ["Leeds"])
    assert "Crumbly Co. bakes vegan brownies in Leeds." in ad_words(brief).voiceover
