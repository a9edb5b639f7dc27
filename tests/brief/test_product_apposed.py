"""The product a brief presents by its name and what it is (issue 19): known answers first, then hypothesis
tests that put invented names (`tests.invented`) in each frame.

1. a verb that launches a thing, its name, and after a comma what it is ('Zorvik lancia Lumo, la nuova
   lampada', 'Meet Tidewater, the new sparkling water from Quellmar'); the same name opening a sentence or
   a colon's line with 'new' ('Rosée, le nouveau parfum d'Orlane Vey', 'Neu von Kasimir: Morgentau, ein
   Kräutertee'), or with 'our' in brackets ('Zentara Flow (our new yoga mat)');
2. a name that is back ('Cloud Nine is here!', 'Notte Bianca è tornata'), a name a request promotes
   ('Promote Glowdrop, the ...', 'promote our Harbour Jacket'), a name a 'new from' colon or the brand's
   dash heads ('Nuovo da Tavernelli: Pasta Madre.', 'Orlane Vey — Rosée.');
3. a rating inside what the thing is ('une crème solaire SPF 50') is not its name;
4. Portuguese's article after a verb that presents ('apresenta a Nuvem') is no preposition of place.

Each was read wrong before (no product, the common noun, 'SPF 50', 'yoga', or 'Nuvem' as a place).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests import invented


@pytest.mark.parametrize(
    ("brief", "brand", "product"),
    [
        ("Meet Tidewater, the new sparkling water from Quellmar. Zero sugar. Find it at quellmar.example",
         "Quellmar", "Tidewater"),
        ("Zorvik lancia Lumo, la nuova lampada da scrivania. Luce calda, USB-C. zorvik.example", "Zorvik",
         "Lumo"),
        ("Quellmar lanza Brisa, su nuevo ventilador silencioso. Envío gratis. quellmar.example", "Quellmar",
         "Brisa"),
        ("Velmora präsentiert Nachtblau, die neue Gesichtscreme mit Hyaluron. velmora.example", "Velmora",
         "Nachtblau"),
        ("Ostrander lance Soleil Doux, une crème solaire minérale SPF 50. ostrander.example", "Ostrander",
         "Soleil Doux"),
        ("Tavernelli presenta Pasta Madre, il lievito naturale in polvere. Prova gratis per 30 giorni.",
         "Tavernelli", "Pasta Madre"),
        ("Nubela apresenta a Nuvem, a almofada que se adapta a você. Compre em nubela.example", "Nubela",
         "Nuvem"),
        ("Rosée, le nouveau parfum d'Orlane Vey. En boutique dès le 12 mai. orlanevey.example", "Orlane Vey",
         "Rosée"),
        ("Neu von Kasimir: Morgentau, ein Kräutertee aus dem Schwarzwald. kasimir.example", "Kasimir",
         "Morgentau"),
        ("Need a 20 sec spot for Zentara Flow (our new yoga mat). Non-slip, 6mm. Brand: Zentara. Link: "
         "zentara.example", "Zentara", "Zentara Flow"),
        ("Cloud Nine is here! The softest pillow Belmon has ever made. 100-night trial. belmon.example",
         "Belmon", "Cloud Nine"),
        ("Marlowe Coffee Co. — Night Owl Roast is back! Dark, smoky, small-batch. Only at marlowe.example",
         "Marlowe Coffee Co.", "Night Owl Roast"),
        # 'new' in the apposition, whatever verb comes before; German's separable 'stellt ... vor'
        ("Marisol abre Cala Azul, su nuevo chiringuito en la playa. marisol.example", "Marisol", "Cala Azul"),
        ("Saldor stellt Fernweh vor, den neuen Reiseführer für Familien. saldor.example", "Saldor",
         "Fernweh"),
        # a request to promote it; the name a 'new from' colon or the brand's dash heads
        ("Promote Glowdrop, the vitamin C serum by Pellucid, to women 30-45. pellucid.example", "Pellucid",
         "Glowdrop"),
        ("Hi team, we want to promote our Harbour Jacket this autumn. Brindle, Bristol. brindle.example",
         "Brindle", "Harbour Jacket"),
        ("Nuovo da Tavernelli: Pasta Madre. Lievito naturale in polvere. tavernelli.example", "Tavernelli",
         "Pasta Madre"),
        ("Orlane Vey — Rosée. Le parfum de l'été. Disponible en boutique. orlanevey.example", "Orlane Vey",
         "Rosée"),
    ],
)  # fmt: skip
def test_a_name_presented_with_what_it_is(brief, brand, product):
    sheet = read_fact_sheet(brief)
    assert (sheet.brand, sheet.product) == (brand, product)
    assert product not in sheet.places


@pytest.mark.parametrize(
    ("brief", "not_product"),
    [
        # a season that is back is no product
        ("Summer is back at Quellmar! Ice cream from 2 €. quellmar.example", "Summer"),
        ("Natale è tornato da Zorvik: panettone a 12 €. zorvik.example", "Natale"),
        # 'a' after a verb that does not present stays Italian's preposition of place
        ("Zorvik apre a Torino il suo primo negozio. Sconto del 10%. zorvik.example", "Torino"),
    ],
)
def test_no_product_from_a_season_or_a_place(brief, not_product):
    assert read_fact_sheet(brief).product != not_product


def test_torino_after_italian_a_is_still_a_place():
    sheet = read_fact_sheet("Zorvik apre a Torino il suo primo negozio. Sconto del 10%. zorvik.example")
    assert "Torino" in sheet.places


_FRAMES = [
    ("en", "{brand} launches {name}, the new {noun} for every day. Shop at {site}.", "lamp"),
    ("es", "{brand} lanza {name}, la nueva {noun} para cada día. Compra en {site}.", "lámpara"),
    ("fr", "{brand} lance {name}, la nouvelle {noun} de tous les jours. Sur {site}.", "lampe"),
    ("it", "{brand} lancia {name}, la nuova {noun} di tutti i giorni. Su {site}.", "lampada"),
    ("pt", "{brand} lança {name}, a nova {noun} de todos os dias. Em {site}.", "lâmpada"),
    ("de", "{brand} präsentiert {name}, die neue {noun} für jeden Tag. Auf {site}.", "Lampe"),
    ("en", "Meet {name}, the new {noun} from {brand}. Find it at {site}.", "lamp"),
    ("fr", "{name}, la nouvelle {noun} de {brand}. Sur {site}.", "lampe"),
    ("en", "{name} is back! The {noun} everyone asked {brand} for. {site}", "lamp"),
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_FRAMES), invented.brand(1, 2), invented.brand(1, 2))
def test_generated_names_presented_with_what_they_are(frame, brand, name):
    _, text, noun = frame
    if brand in name or name in brand:
        return  # one name inside the other: which is which is a different question
    site = brand.lower().replace(" ", "") + ".example"
    sheet = read_fact_sheet(text.format(brand=brand, name=name, noun=noun, site=site))
    assert sheet.product == name
    assert sheet.brand == brand
