"""Offers in the shapes marketers write them, in the six languages: each is read whole with its terms (its
deadline before or after it, its code, its threshold) and the offline ad says it as the brief spells it.

Known answers for the shapes the reader once missed ('2-for-1', 'BOGO', '0% finance', 'half off', '25
percent off', '10% on your first order', 'Gutscheincode HALDE24', 'No monthly fees, ever', 'De regalo',
'Hasta el 31 de agosto, 2x1 en tarrinas'), and a hypothesis test: generated amounts, percentages,
currencies, codes and deadlines in varied frames of each language, in a brief with an invented brand."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from studio.brief.clean import fold
from tests import invented
from tests.briefs.measure import ad_words, occurs


def _read(offer: str, offers: list[str]) -> bool:
    """The offer is on the sheet whole: one read offer holds all of it."""
    return any(occurs(offer, o) for o in offers)


@pytest.mark.parametrize(
    ("brief", "offer"),
    [
        ("Pellow Pizza in Bristol: sourdough pizza. 2-for-1 pizzas every Tuesday. pellowpizza.example",
         "2-for-1 pizzas every Tuesday"),
        ("Hollin Books, bookshop in Norwich. 3-for-2 on all paperbacks. hollinbooks.example",
         "3-for-2 on all paperbacks"),
        ("Kestrel Socks: merino socks made in Wales. BOGO on all crew socks this week. kestrelsocks.example",
         "BOGO on all crew socks this week"),
        ("Sprout & Stem, plant shop in Leeds. Buy-one-get-one-free on succulents this weekend. "
         "sproutstem.example", "Buy-one-get-one-free on succulents this weekend"),
        ("Brand: Halvorsen Bikes\nProduct: e-cargo bike\n- 0% finance over 24 months\n- free first service\n"
         "Website: halvorsenbikes.example", "0% finance over 24 months"),
        ("Radwerk Elbe aus Dresden: E-Lastenräder. 0 % Finanzierung über 24 Monate. radwerk-elbe.de",
         "0 % Finanzierung über 24 Monate"),
        ("Quillon Stationery, notebooks made in Bath. Half off all planners through Sunday. quillon.example",
         "Half off all planners through Sunday"),
        ("Veltrano Pasta Co. makes fresh pasta in Boston. Take 25 percent off your order this week. "
         "veltrano.example", "Take 25 percent off your order this week"),
        ("Zorvik Books in Leeds. 10% on your first order. zorvik.example", "10% on your first order"),
        ("Zorvik Livres à Lyon. 15 % sur votre première commande. zorvik.fr",
         "15 % sur votre première commande"),
        ("Livraria Tinteiro no Porto. 10% na primeira compra e 15% a partir da segunda. tinteiro.pt",
         "15% a partir da segunda"),
        ("Sockenwerk Halde aus Leipzig: Merinosocken. Mit dem Gutscheincode HALDE24 sparst du beim ersten "
         "Einkauf. sockenwerk.de", "Mit dem Gutscheincode HALDE24 sparst du beim ersten Einkauf"),
        ("Mar de Lino, ropa de lino en Valencia. Usa el cupón VERANO para tu primer pedido. mardelino.es",
         "Usa el cupón VERANO para tu primer pedido"),
        ("Greenbasket delivers veg boxes in Manchester. Use voucher GREEN5 at checkout. greenbasket.example",
         "Use voucher GREEN5 at checkout"),
        ("Cobalt Bank app. No monthly fees, ever. cobaltbank.example", "No monthly fees, ever"),
        ("Perfumería Alba en Murcia. De regalo, un neceser con tu compra. perfumeriaalba.es",
         "De regalo, un neceser con tu compra"),
        ("Velvet Room spa in Bath. Complimentary glass of prosecco with every massage. velvet.example",
         "Complimentary glass of prosecco with every massage"),
        ("Hola:\nNecesitamos un anuncio para Heladería Brisa (Málaga). Hasta el 31 de agosto, 2x1 en "
         "tarrinas y envío gratis en pedidos de más de 20 €.\nGracias,\nLucía\nheladeriabrisa.es",
         "Hasta el 31 de agosto, 2x1 en tarrinas"),
        ("Ciao,\nci serve uno spot per Ottica Brenzi (Torino): fino al 30 settembre, 40% di sconto sulla "
         "seconda montatura.\nGrazie,\nMarta\notticabrenzi.it", "fino al 30 settembre, 40% di sconto sulla "
         "seconda montatura"),
        ("Kestrel Socks: merino socks made in Wales. This weekend only, 20% off every pair. kestrel.example",
         "This weekend only, 20% off every pair"),
    ],
)  # fmt: skip
def test_an_offer_shape_is_read_whole_and_said(brief, offer):
    assert _read(offer, read_fact_sheet(brief).offers), read_fact_sheet(brief).offers
    assert occurs(offer, ad_words(brief).everything)


@pytest.mark.parametrize(
    "brief",
    [
        "Zorvik Couriers in Leeds: 98% on-time delivery. zorvik.example",
        "Zorvik Books in Leeds. 95% of customers come back. zorvik.example",
        "Zorvik Tees: 100% organic cotton. zorvik.example",
    ],
)
def test_a_percentage_that_is_proof_is_no_offer(brief):
    assert read_fact_sheet(brief).offers == []


# ── generated offers ─────────────────────────────────────────────────────────────────────────────────

_DAYS = {
    "en": ["31 March", "15 June", "Sunday", "30 April"],
    "de": ["30. April", "15. Juni", "Sonntag", "Ende Mai"],
    "fr": ["15 mai", "30 juin", "dimanche", "31 mars"],
    "es": ["31 de agosto", "15 de mayo", "el domingo", "30 de junio"],
    "it": ["30 settembre", "15 maggio", "domenica", "31 marzo"],
    "pt": ["31 de maio", "15 de junho", "domingo", "30 de abril"],
}
_NOUNS = {
    "en": ["jackets", "candles", "planners", "tea blends"],
    "de": ["Jacken", "Kerzen", "Teesorten", "Taschen"],
    "fr": ["bougies", "vestes", "thés", "sacs"],
    "es": ["velas", "chaquetas", "tés", "bolsos"],
    "it": ["candele", "giacche", "tè", "borse"],
    "pt": ["velas", "casacos", "chás", "bolsas"],
}
_DESCRIPTION = {
    "en": "{brand} makes goods by hand in Leeds.",
    "de": "{brand} aus Kassel fertigt alles von Hand.",
    "fr": "{brand}, atelier artisanal à Nantes.",
    "es": "{brand}, taller artesanal en Sevilla.",
    "it": "{brand}, laboratorio artigianale a Torino.",
    "pt": "{brand}, oficina artesanal em Braga.",
}
FRAMES = {
    "en": [
        "{pct} off all {noun} until {day}",
        "Until {day}, {pct} off all {noun}",
        "{money} off your first order",
        "Free shipping on orders over {money}",
        "Use {code} for {pct} off",
        "{n}-for-{m} on {noun} until {day}",
        "Take {n} percent off {noun} through {day}",
        "{pct} on your first order",
    ],
    "de": [
        "Bis {day} {pct} Rabatt auf alle {noun}",
        "Gratis Versand ab {money}",
        "{pct} Rabatt mit dem Code {code}",
        "{n} für {m} auf alle {noun} bis {day}",
        "Mit dem Gutscheincode {code} sparst du {pct}",
        "{n} Prozent Rabatt auf {noun} bis {day}",
    ],
    "fr": [
        "Jusqu'à -{n} % sur les {noun} jusqu'au {day}",
        "{money} de réduction dès {money2} d'achat",
        "-{n} % avec le code {code}",
        "Livraison offerte dès {money}",
        "Jusqu'au {day}, {pct} sur les {noun}",
    ],
    "es": [
        "Hasta el {pct} de descuento en {noun}",
        "Envío gratis a partir de {money}",
        "{pct} de descuento con el código {code}",
        "Hasta el {day}, 2x1 en {noun}",
        "Usa el cupón {code} y ahorra {pct}",
    ],
    "it": [
        "Fino al {pct} di sconto sulle {noun}",
        "Spedizione gratuita sopra i {money}",
        "{pct} di sconto col codice {code}",
        "Fino al {day}, {pct} di sconto sulle {noun}",
    ],
    "pt": [
        "Até {pct} de desconto em {noun}",
        "Frete grátis acima de {money}",
        "{pct} de desconto com o cupom {code}",
        "Até {day}, leve {n} e pague {m}",
        "{pct} na primeira compra",
    ],
}
"""Frames an offer is written in: `{pct}` a percentage, `{money}` an amount in the language's currency and
spelling, `{code}` a code, `{day}` a deadline, `{n}`/`{m}` the counts of a multi-buy."""


def _money(lang: str, amount: int) -> str:
    """An amount as the language writes it: '£40' in English, '40 €' on the continent."""
    return f"£{amount}" if lang == "en" else f"{amount} €"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(FRAMES)),
    st.data(),
    invented.brand(1, 2),
    st.integers(5, 70),
    st.integers(3, 9),
    st.integers(5, 150),
)
def test_a_generated_offer_is_read_and_said(lang, data, brand, percent, count, amount):
    frame = data.draw(st.sampled_from(FRAMES[lang]), label="frame")
    day = data.draw(st.sampled_from(_DAYS[lang]), label="day")
    noun = data.draw(st.sampled_from(_NOUNS[lang]), label="noun")
    code = data.draw(invented.word.map(lambda w: f"{w.upper()}{percent}"), label="code")
    sign = "%" if lang == "en" else " %" if lang in ("de", "fr") else "%"
    offer = frame.format(
        pct=f"{percent}{sign}", n=count, m=count - 1, money=_money(lang, amount),
        money2=_money(lang, amount * 5), code=code, day=day, noun=noun,
    )  # fmt: skip
    url = f"{fold(brand).replace(' ', '')}.example"
    brief = f"{_DESCRIPTION[lang].format(brand=brand)} {offer}. {url}"
    sheet = read_fact_sheet(brief)
    assert _read(offer, sheet.offers), (brief, sheet.offers)
    assert occurs(offer, ad_words(brief).everything), brief
