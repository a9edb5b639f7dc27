"""Labelled parts run together on one line are read label by label (issue 19): 'Brand: zorvik. Voice: playful.
Product: oat milk barista edition.' read the brand 'Voice' and the product 'playful', and 'Marque : Belmon.
Produit : sérum visage.' the product 'marque', because a label's value ran to the end of its line. The names
are invented; the generated cases are nobody's tuning.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests.briefs.measure import ad_words, occurs


@pytest.mark.parametrize(
    ("brief", "brand", "product"),
    [
        (
            "Brand: zorvik. Voice: playful. Product: oat milk barista edition. zorvik.example",
            "zorvik",
            "oat milk barista edition",
        ),
        ("Marque : Belmon. Produit : sérum visage. Offre : -20 % avec le code BELMON20. belmon.example",
         "Belmon", "sérum visage"),
        ("Marca: Quellmar. Producto: crema solar SPF 50. Oferta: 2x1 en julio. quellmar.example", "Quellmar",
         "crema solar SPF 50"),
        ("Brand: Crumbly Co. Product: vegan brownies. Offer: 20% off. Ends Sunday. crumbly.example",
         "Crumbly Co.", "vegan brownies"),
    ],
)  # fmt: skip
def test_each_label_reads_its_own_value(brief, brand, product):
    sheet = read_fact_sheet(brief)
    assert (sheet.brand, sheet.product) == (brand, product)


def test_a_line_with_one_label_keeps_its_sentences():
    sheet = read_fact_sheet("Offer: 20% off everything. Ends Sunday at midnight.\nBrand: Zorvik")
    assert sheet.offers and sheet.offers[0].startswith("20% off everything")
    assert sheet.brand == "Zorvik"


_WORD = st.lists(
    st.sampled_from(("zor", "vik", "bel", "mon", "tra", "qui", "fen", "lo")), min_size=2, max_size=3
)
_LABELS = {
    "en": ("Brand", "Product", "Offer", "{n}% off until Friday"),
    "es": ("Marca", "Producto", "Oferta", "{n}% de descuento hasta el viernes"),
    "fr": ("Marque", "Produit", "Offre", "-{n} % jusqu'à vendredi"),
    "de": ("Marke", "Produkt", "Angebot", "{n} % Rabatt bis Freitag"),
    "pt": ("Marca", "Produto", "Oferta", "{n}% de desconto até sexta"),
    "it": ("Marchio", "Prodotto", "Offerta", "{n}% di sconto fino a venerdì"),
}
_THINGS = ("socks", "lamp", "sunscreen", "backpack", "candle")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_WORD.map(lambda w: "".join(w).capitalize()),
    thing=st.sampled_from(_THINGS),
    lang=st.sampled_from(sorted(_LABELS)),
    n=st.integers(10, 60),
    order=st.permutations((0, 1, 2)),
)
def test_generated_one_line_labels_are_read_and_said(name, thing, lang, n, order):
    brand_label, product_label, offer_label, offer = _LABELS[lang]
    product = f"{name} {thing}"
    parts = [f"{brand_label}: {name}", f"{product_label}: {product}", f"{offer_label}: {offer.format(n=n)}"]
    brief = ". ".join(parts[k] for k in order) + f". {name.lower()}.example"
    sheet = read_fact_sheet(brief)
    assert sheet.brand == name, (brief, sheet.brand)
    assert sheet.product == product, (brief, sheet.product)
    words = ad_words(brief)
    assert occurs(name, words.end_card) and occurs(offer.format(n=n), words.everything), (brief, words)
