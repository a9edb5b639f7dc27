"""The product a brief names (issue 19, round 6): a name the brief presents as what it sells ('Our new X',
'an ad for our X', 'now serves the X', 'the X mug', "Brand's X", 'la bougie X', 'unser neuer X'), a model's
grade words and size after its number, and no product rather than a clause, a function word, a participle,
the people it is for or a web address. One test for each rule; the names are invented."""

from __future__ import annotations

import pytest

from studio.brief import read_fact_sheet
from studio.brief.shapes import find_all, model_names

# ── a name the brief presents as its product ────────────────────────────────────────────────────────


def test_our_new_names_the_product_over_what_the_business_is():
    sheet = read_fact_sheet(
        "We're Zorvik Roasters, a roastery in Leeds. Our new Belmon Blend is out now! zorvikroasters.example"
    )
    assert sheet.product == "Belmon Blend"


def test_a_request_for_an_ad_for_our_x_names_the_product():
    sheet = read_fact_sheet(
        "Thanks!\nDana\nMarketing lead, Zorvik Cider\nzorvikcider.example\n\n"
        "Can we do a summer ad for our Belmon Perry?"
    )
    assert sheet.product == "Belmon Perry"


def test_what_a_business_now_serves_is_the_product_not_the_adverb():
    sheet = read_fact_sheet("Zorvik Cantina now serves the Belmon Bowl every Friday. zorvikcantina.example")
    assert sheet.product == "Belmon Bowl"


def test_a_capitalised_name_before_its_noun_is_the_product_with_its_noun():
    sheet = read_fact_sheet(
        "Made by Zorvik Studio in Stoke-on-Trent: the Belmon mug, dishwasher safe. zorvikstudio.example"
    )
    assert sheet.product == "Belmon mug"


def test_the_name_after_the_brands_possessive_is_the_product_and_the_owner_the_brand():
    sheet = read_fact_sheet("Try Zorvik's Belmon Fen, the puzzle box for curious kids. zorvik.example")
    assert (sheet.brand, sheet.product) == ("Zorvik", "Belmon Fen")


def test_a_possessive_before_a_model_name_is_the_owner_not_part_of_the_model():
    found = model_names("Try Zorvik's Belmon Bot R2, the coding robot.")
    assert [f.text for f in found] == ["Belmon Bot R2"]


def test_our_new_plain_noun_phrase_is_the_product_in_english():
    sheet = read_fact_sheet("Our new oat flat white is here at Zorvik Cafe. zorvikcafe.example")
    assert sheet.product == "oat flat white"


def test_a_romance_brief_names_its_product_after_its_common_noun():
    french = read_fact_sheet("Nouveau chez Zorvik Lune : la bougie Belmon, 40 heures.")
    portuguese = read_fact_sheet("A nossa nova cerveja Belmon chegou. Cervejaria Zorvik, Porto.")
    assert (french.product, portuguese.product) == ("bougie Belmon", "cerveja Belmon")


def test_a_german_brief_names_its_product_after_unser_neuer_without_its_verb():
    sheet = read_fact_sheet("Unser neuer Rucksack Belmon ist da! Zorvik Outdoor, zorvikoutdoor.de")
    assert sheet.product == "Rucksack Belmon"


def test_the_name_presented_as_the_product_is_not_the_brand():
    sheet = read_fact_sheet("Il nostro nuovo gelato Belmon Reale è arrivato! Gelateria Zorvik, Torino.")
    assert (sheet.brand, sheet.product) == ("Gelateria Zorvik", "gelato Belmon Reale")


def test_a_name_after_a_dash_credits_a_quote_and_is_no_product():
    sheet = read_fact_sheet(
        '"The best brunch in Leith" — The Belmon Times\nZorvik Café, 41 Shore Road\nBottomless coffee with '
        "every brunch plate.\nBook at zorvikcafe.example"
    )
    assert sheet.product != "Belmon Times"


def test_the_brand_without_its_article_is_not_the_product():
    sheet = read_fact_sheet("À deux pas de la gare : La Cave Zorvik, plus de 400 vins. lacavezorvik.fr")
    assert sheet.product != "Cave Zorvik"


# ── a model's whole name ────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("grade", ["Pro", "Max", "Plus", "Mini", "Ultra", "Lite", "Air", "XL"])
def test_a_models_grade_word_after_its_number_is_its_own(grade):
    sheet = read_fact_sheet(f"Introducing the Zorvik K7 {grade} from Belmon Audio: wireless earbuds.")
    assert sheet.product == f"Zorvik K7 {grade}"


def test_a_size_in_feet_and_inches_is_not_cut_inside():
    sheet = read_fact_sheet("Novidade da Zorvik: a prancha Belmon 7'2\", feita em Peniche. zorvik.pt")
    # no proof point is cut from the size ('7'); where it is made is a claim of its own
    assert sheet.product == "Belmon 7'2\"" and sheet.proof_points == ["feita em Peniche"]


def test_what_a_model_does_is_not_its_noun():
    sheet = read_fact_sheet("Quick one for Zorvik Candles: the new Belmon Cabin scent burns for 50 hours.")
    assert sheet.product == "Belmon Cabin scent"


# ── no product rather than junk ─────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("brief", "junk"),
    [
        ("Zorvik Noodle Bar now has 2 sites in Leeds! Free rolls over £20. zorviknoodle.example", "now"),
        ("At Zorvik Sushi Bar in Miami we serve omakase every night.", "we serve omakase"),
        ("Made by Zorvik Studio in Stoke-on-Trent. Free glaze class. zorvikstudio.example", "Made"),
        ("Zorvik Gym, Leeds. New members get 2 weeks free. zorvikgym.example", "New members get"),
        ("Hi,\nDana\nZorvik Cider\nzorvikcider.example\n\nWe need a summer spot.", "zorvikcider"),
        ("A 15 second spot for Zorvik Outfitters, please. Lifetime warranty. Shop zorvik.example", "please"),
        ("Zorvik, cooks everything over oak embers. Four courses for £55.", "cooks"),
        ("Made in Bristol: Zorvik Soap, vegan and plastic-free. zorviksoap.example", "vegan"),
        ("Made in Belmon by Zorvik: sourdough baked by hand. zorvik.example", "Made"),  # how, not what
        ("Zorvik Bakery bakes soda bread by hand. A dozen for £10. zorvik.example", "bakes"),  # what it does
        ("Zorvik Bakery bakes soda bread. A dozen for £10. zorvik.example", "A dozen"),  # nor the next line
    ],
)
def test_a_clause_a_function_word_or_an_address_is_no_product(brief, junk):
    assert not read_fact_sheet(brief).product.startswith(junk)


def test_a_noun_phrase_ends_before_a_plural_subjects_verb():
    assert read_fact_sheet("Zorvik foam pillows come 2 to a pack. zorvik.example").product == "foam pillows"


def test_a_verb_that_takes_you_ends_the_product():
    assert read_fact_sheet("Zorvik Jar: our new app helps you save. zorvikjar.example").product == "app"


def test_how_a_thing_was_made_is_cut_from_the_phrase_before_by():
    sheet = read_fact_sheet("Seasonal, British-grown stems arranged by Zorvik & Moss. zorvikandmoss.example")
    assert sheet.product == "British-grown stems"


def test_a_brand_set_in_capitals_is_not_its_own_product():
    sheet = read_fact_sheet("ZORVIK YOGA – hot flow and yin in Clifton. First month £35. Call 0117 496 0912")
    assert sheet.product == ""  # not 'ZORVIK YOGA' (an acronym's name, 'PipeWise CRM'), nor 'First month'


# ── German claims ───────────────────────────────────────────────────────────────────────────────────


def test_a_german_free_of_claim_is_a_proof_point_and_free_shipping_is_not():
    brief = "Zorvik Seife, vegan und plastikfrei. Versandkostenfrei ab 30 €."
    found = [f.text for f in find_all(brief, "de")]
    assert "plastikfrei" in found and "Versandkostenfrei" not in found


def test_a_single_plural_noun_after_the_brand_is_still_the_product():
    """A verb in -s after the brand says what the business does; one word in -s before the sentence's own
    verb is a plural noun, the product ('Zorvik socks keep ...')."""
    assert read_fact_sheet("Zorvik socks keep your feet warm. zorvik.example").product == "socks"


def test_a_product_whose_name_begins_a_word_of_the_brand_is_still_the_product():
    """Found by the hypothesis table: 'Zorzor' was taken for part of the brand 'Zorvik Zorzorzor'."""
    brief = "Hi,\nCan we get a short ad for our Zorzor? It ships in May.\nThanks,\nDana\nZorvik Zorzorzor"
    assert read_fact_sheet(brief).product == "Zorzor"
