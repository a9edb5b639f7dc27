"""Round 9, offers and streets: every offer is read as the brief spells it, and a street whose name holds a
number or a date is a street.

Known answers for the shapes the reader once cut or missed: a price in the words of its currency ('a 4
reais', '89 pesos', '19 dollars'), a purchase's count and what it gives ('na compra de 10 ganhe 2'), a
multi-buy in a list of offers, a spaced range ('10 – 50 % Rabatt'), an offer after the brand and its colon
('Farmacia Celvira: segunda unidad al 50%'), the noun a word for 'free' follows ('frete grátis acima de R$
199'), the words that lead a price ('desde 59 euros', 'dès 25 CHF', 'da 49 a 129 euro'), 'sparen 15 %',
'costa la metà'; streets named by a date ('Rua 25 de Março 40', 'place du 14 Juillet'). Hypothesis tests
generate the brands, amounts, counts and names."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from studio.brief.clean import fold
from studio.brief.shapes import dates, prices
from studio.brief.streets import street_spans
from tests import invented
from tests.briefs.measure import ad_words, occurs


def _read(offer: str, offers: list[str]) -> bool:
    """The offer is on the sheet whole: one read offer holds all of it."""
    return any(occurs(offer, o) for o in offers)


@pytest.mark.parametrize(
    ("brief", "offer"),
    [
        ("Padaria Quintalva: pão de queijo a 4 reais a unidade. Na compra de 10 ganhe 2. quintalva.example",
         "pão de queijo a 4 reais a unidade"),
        ("Padaria Quintalva: pão de queijo a 4 reais a unidade. Na compra de 10 ganhe 2. quintalva.example",
         "Na compra de 10 ganhe 2"),
        ("Quiosque Brisamar: água de coco a 4 reais, na compra de 10 ganhe 2, leve 3 pague 2 nas tapiocas.",
         "na compra de 10 ganhe 2"),
        ("Quiosque Brisamar: água de coco a 4 reais, na compra de 10 ganhe 2, leve 3 pague 2 nas tapiocas.",
         "leve 3 pague 2 nas tapiocas"),
        ("Sommerschlussverkauf bei Ferndahl: 10 – 50 % Rabatt auf alle Jacken. ferndahl.example",
         "10 – 50 % Rabatt auf alle Jacken"),
        ("Save 10 – 40 % on every Velloway sofa this month. velloway.example", "Save 10 – 40 %"),
        ("Farmacia Celvira: segunda unidad al 50% en toda la cosmética solar. celvira.example",
         "segunda unidad al 50%"),
        ("Ateliê Marandu tem frete grátis acima de R$ 199. Saiba mais em marandu.example",
         "frete grátis acima de R$ 199"),
        ("Palestra Vigoria: primo mese gratis, poi 35 € al mese. vigoria.example", "primo mese gratis"),
        ("Frutta Velmaro: ciliegie a € 3,50/kg solo questa settimana. velmaro.example",
         "ciliegie a € 3,50/kg"),
        ("La Fromagerie Belcourt à Genève propose la raclette dès 25 CHF par personne. belcourt.example",
         "la raclette dès 25 CHF par personne"),
        ("Tacos Zumbadero: orden de tres tacos por 89 pesos. zumbadero.example",
         "orden de tres tacos por 89 pesos"),
        ("Pizzeria Calvetto : 2 pizzas achetées, la 3e offerte, tous les mardis. calvetto.example",
         "2 pizzas achetées, la 3e offerte"),
        ("Gafas Olvena desde 59 euros, con la segunda al 50 %. olvena.example", "desde 59 euros"),
        ("Occhiali Sferon da 49 a 129 euro, montatura in omaggio. sferon.example", "da 49 a 129 euro"),
        ("Die Ferienwohnungen von Seeblick Morlen gibt es ab 89 € pro Nacht. Frühbucher sparen 15 %.",
         "Frühbucher sparen 15 %"),
        ("Calzoleria Ferrimo: il secondo paio costa la metà. ferrimo.example",
         "il secondo paio costa la metà"),
        ("Le logiciel Cartavia coûte 19 dollars par mois, ou 190 dollars par an. cartavia.example",
         "19 dollars par mois"),
        ("Buy one, get one free on every pizza, every Monday in March. Slice Zorvik, 14 Quellmar Road.",
         "Buy one, get one free on every pizza, every Monday in March"),
    ],
)  # fmt: skip
def test_an_offer_is_read_whole_and_said(brief, offer):
    sheet = read_fact_sheet(brief)
    assert _read(offer, sheet.offers), sheet.offers
    assert occurs(offer, ad_words(brief).everything)


@pytest.mark.parametrize(
    ("brief", "wrong"),
    [
        ("Sommerschlussverkauf bei Ferndahl: 10 – 50 % Rabatt auf alle Jacken.", "Sommerschlussverkauf"),
        ("Tarnby Kitchens is clearing its showroom, and every display kitchen is only £2,999.", "and every"),
        ("Boulangerie Pralinet, 8 place du 14 Juillet, Nantes : la baguette à 1 €.", "Juillet"),
        ("Panadería Hornalia\n- código HORNO10: 10 % en tu primer pedido\nhornalia.example",
         "hornalia.example"),
    ],
)
def test_what_only_leads_to_an_offer_is_not_the_offer(brief, wrong):
    """A lead-in that names the brand or its street, an 'and', the next line's web address: not the
    offer's."""
    offers = read_fact_sheet(brief).offers
    assert offers and not any(wrong in o for o in offers), offers


@pytest.mark.parametrize(
    ("text", "price"),
    [("a 4 reais a unidade", "4 reais"), ("por 89 pesos", "89 pesos"), ("coûte 19 dollars", "19 dollars"),
     ("für 5 Franken", "5 Franken"), ("da 129 euro", "129 euro"), ("cuesta 10 dólares", "10 dólares")],
)  # fmt: skip
def test_a_price_in_its_currency_s_words_is_a_price(text, price):
    assert [f.text for f in prices(text)] == [price]


def test_real_is_no_currency_word():
    assert prices("100 real customers") == []


@pytest.mark.parametrize(
    ("brief", "street"),
    [
        ("Quiosque Brisamar: água de coco a 4 reais. Estamos na Rua 25 de Março 40.", "Rua 25 de Março 40"),
        ("Librería Ondaval, en la Avenida 5 de Mayo 18, Puebla: 3x2 en novela.", "Avenida 5 de Mayo 18"),
        ("Boulangerie Pralinet, 8 place du 14 Juillet, Nantes : la baguette à 1 €.", "8 place du 14 Juillet"),
        ("Lavandería Espumita: lavado por 65 pesos. Estamos en Calle 16 de Septiembre 210.",
         "Calle 16 de Septiembre 210"),
        ("Späti Nachtfalter in der Straße des 17. Juni 5: jeden Freitag 2 für 1.", "Straße des 17. Juni 5"),
    ],
)  # fmt: skip
def test_a_street_named_by_a_date_is_a_place_not_a_date(brief, street):
    sheet = read_fact_sheet(brief)
    assert street in sheet.places, sheet.places
    assert not any(d in street for d in sheet.dates), sheet.dates
    assert not any(p in street for p in sheet.proof_points), sheet.proof_points


def test_a_span_of_hours_is_no_proof_point():
    sheet = read_fact_sheet("Bar Sbirolo, aperitivo dalle 18 alle 20: spritz a 5 euro. Piazza Garibaldi 3.")
    assert not any(p.startswith("18") for p in sheet.proof_points), sheet.proof_points


# ── generated ────────────────────────────────────────────────────────────────────────────────────────

_CURRENCY = {"pt": "reais", "es": "pesos", "fr": "dollars", "it": "euro", "de": "Franken", "en": "dollars"}
_THING = {"pt": "o pão", "es": "el taco", "fr": "la galette", "it": "il panino", "de": "das Brot",
          "en": "every loaf"}  # fmt: skip
_FRAMES = {
    "pt": ["{brand}: {thing} a {n} {cur}", "{brand}: na compra de {n} ganhe {m}",
           "{brand}: leve {n} pague {m}", "{brand} tem frete grátis acima de R$ {big}"],
    "es": ["{brand}: {thing} por {n} {cur}", "{brand}: compra {n} y llévate {m}",
           "{brand}: segunda unidad al {pct}%", "{brand}: del {pct} – {pct2} % en botas"],
    "fr": ["{brand} : {thing} dès {n} {cur}", "{brand} : -{pct} % sur votre première commande",
           "{brand} : livraison offerte dès {big} €"],
    "it": ["{brand}: {thing} a {n} {cur}", "{brand}: prendi {n} paghi {m}", "{brand}: da {n} a {big} {cur}"],
    "de": ["{brand}: {thing} für {n} {cur}", "{brand}: {pct} – {pct2} % Rabatt auf alle Jacken",
           "{brand}: ab {big} € versandkostenfrei"],
    "en": ["{brand}: {thing} only {n} {cur}", "{brand}: save {pct} – {pct2} % on every sofa",
           "{brand}: first month free, then ${n} a month"],
}  # fmt: skip
"""Frames of an offer after the brand and its colon: `{n}`, `{m}` counts or amounts, `{big}` a threshold,
`{pct}` and `{pct2}` the ends of a range, `{cur}` the language's currency word, `{thing}` what it is on."""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(_FRAMES)),
    st.data(),
    invented.brand(2, 2),
    st.integers(3, 9),
    st.integers(10, 40),
    st.integers(50, 200),
)
def test_a_generated_offer_after_its_brand_is_read_whole(lang, data, brand, n, pct, big):
    frame = data.draw(st.sampled_from(_FRAMES[lang]), label="frame")
    said = frame.format(
        brand=brand, thing=_THING[lang], n=n, m=n - 1, cur=_CURRENCY[lang], big=big, pct=pct, pct2=pct + 20
    )
    offer = said.split(": ", 1)[1] if ": " in said else said.split(" tem ", 1)[1]
    url = f"{fold(brand).replace(' ', '')}.example"
    brief = f"{said}. {url}"
    sheet = read_fact_sheet(brief)
    assert _read(offer, sheet.offers), (brief, sheet.offers)


_STREET = {"pt": "Rua {day} de {name} {house}", "es": "Calle {day} de {name} {house}",
           "fr": "{house} place du {day} {name}", "it": "via {day} {name} {house}"}  # fmt: skip
_MONTHS = {"pt": ["Março", "Maio", "Julho"], "es": ["Mayo", "Septiembre", "Abril"],
           "fr": ["Juillet", "Mai", "Novembre"], "it": ["Settembre", "Novembre", "Aprile"]}  # fmt: skip
"""A street named by a day and its month, as Portuguese, Spanish, French and Italian towns name them."""


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(_STREET)), st.data(), invented.brand(2, 2), st.integers(1, 28), st.integers(2, 400)
)
def test_a_generated_street_named_by_a_day_is_a_street(lang, data, brand, day, house):
    name = data.draw(st.one_of(st.sampled_from(_MONTHS[lang]), invented.word), label="name")
    street = _STREET[lang].format(day=day, name=name, house=house)
    text = f"{brand}, {street}: 20 % sur tout."
    at = text.index(street)
    assert (at, at + len(street)) in street_spans(text)
    assert not [f for f in dates(text, lang) if at <= f.start < at + len(street)]


@pytest.mark.parametrize(
    ("brief", "offer"),
    [("Cantina Torvel sirve tacos en Madrid. Dos por uno los martes. torvel.example",
      "Dos por uno los martes"),
     ("Crêperie Quellmar : deux pour un sur les crêpes. quellmar.example", "deux pour un sur les crêpes")],
)  # fmt: skip
def test_a_multi_buy_in_words_is_an_offer(brief, offer):
    assert _read(offer, read_fact_sheet(brief).offers), read_fact_sheet(brief).offers


def test_one_by_one_is_no_offer():
    brief = "Zorvik: uno per uno, i nostri artigiani cuciono a mano. zorvik.example"
    assert read_fact_sheet(brief).offers == []


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        # a street whose name holds a number and a date is never the brand ('Avenida 9' was read as one)
        ("Loja nova na Avenida 9 de Julho 1200, São Paulo. Tudo com 20% de desconto. Chama no "
         "(11) 98765-4321", ""),
        ("Loja Belmira: nova loja na Avenida 9 de Julho 1200, São Paulo. 20% de desconto. belmira.example",
         "Loja Belmira"),
    ],
)  # fmt: skip
def test_a_dated_street_is_never_the_brand(brief, brand):
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand
    assert "Avenida 9 de Julho 1200" in sheet.places
