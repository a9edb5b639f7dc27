"""E-mails signed under a closing that carries the signer's name ('Thanks, Ana' over 'Zorvik Fen'), or with
the company after 'at' or 'from' ('Joss at Bracken & Hide'): the company is the brand (issue 19). Before,
the line under a named closing was taken for the signer's own name and the brand came from the body or
the address ('Brackenandhide'). Known answers in four languages, then a hypothesis test with invented
names (`tests.invented`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests import invented


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("Hi team,\nWe need a 20 s ad for our candle line. 10% off this week.\nThanks, Ana\nZorvik Fen",
         "Zorvik Fen"),
        ("Olá equipa,\nQueremos um anúncio para as nossas velas. 10% de desconto esta semana.\n"
         "Obrigada, Rita\nQuellmar Velas", "Quellmar Velas"),
        ("Hallo zusammen,\nWir brauchen eine Anzeige für unsere Kerzen. 10 % Rabatt diese Woche.\n"
         "Danke, Jonas\nBelmon Kerzen GmbH", "Belmon Kerzen GmbH"),
        ("Hi team,\nThis autumn we want to promote our Fellwalker Jacket. 15% off until 30 November. Please "
         "send people to brackenandhide.example\nThanks,\nJoss at Bracken & Hide", "Bracken & Hide"),
        ("Hi,\nPlease make an ad for our soup. Free delivery.\nCheers,\nPriya Shah\nSoup Spot", "Soup Spot"),
    ],
)  # fmt: skip
def test_the_company_under_a_named_closing_or_after_at(brief, brand):
    assert read_fact_sheet(brief).brand == brand


_LETTERS = [
    ("Hi team,\nWe need an ad for our new candles. 10% off this week.\n{closing}, {first}\n{company}",
     "Thanks"),
    ("Hola,\nNecesitamos un anuncio para nuestras velas. 10% de descuento esta semana.\n{closing}, {first}\n"
     "{company}", "Gracias"),
    ("Bonjour,\nIl nous faut une pub pour nos bougies. -10 % cette semaine.\n{closing}, {first}\n{company}",
     "Merci"),
    ("Hi team,\nWe need an ad for our new candles. 10% off this week.\n{closing},\n{first} at {company}",
     "Best"),
]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(_LETTERS), invented.word, invented.brand(2, 2))
def test_generated_letters_signed_for_a_company(letter, first, company):
    text, closing = letter
    sheet = read_fact_sheet(text.format(closing=closing, first=first, company=company))
    assert sheet.brand == company
