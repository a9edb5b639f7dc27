"""Dense English briefs read in full: a product with its model number and noun, streets and the brand's own
places, proof phrases of several words, a verb after the brand never read as the product."""

from __future__ import annotations

import pytest

from studio.brief import read_fact_sheet
from studio.brief.clauses import asks_for_the_ad, stating_clauses, wider_clause
from studio.brief.clean import unwrap


@pytest.mark.parametrize(
    ("brief", "product"),
    [
        (
            "Trailhead Outfitters launches the Ridgeline 45L backpack at our Denver flagship.",
            "Ridgeline 45L backpack",
        ),
        ("AeroPods Pro 2 earbuds with 30 hours of battery. Shop aeropods.example", "AeroPods Pro 2 earbuds"),
        ("Meet the Trail X 3 running shoe, built for mud. Shop peak.example", "Trail X 3 running shoe"),
        # what the model does is no part of its name
        ("The Galaxy S24 takes stunning photos. Shop at phones.example", "Galaxy S24"),
        ("The Galaxy S24 comes in three colours. Shop at phones.example", "Galaxy S24"),
        ("The Galaxy S24 lasts for 2 days. Shop at phones.example", "Galaxy S24"),
    ],
)
def test_a_model_name_keeps_the_noun_it_names(brief, product):
    assert read_fact_sheet(brief).product == product


@pytest.mark.parametrize(
    ("brief", "not_product"),
    [
        ("Riverside Motors in Tacoma has the 2024 Outback Wilderness in stock. Call (253) 555-0147.", "has"),
        ("Pulse Cycle Studio opens on East 6th Street in Austin on March 3. Join at pulse.example", "opens"),
        ("Vaultline blocks 99.9% of phishing emails. Book a demo at vaultline.example", "blocks"),
        ("Dashly — groceries in 15 minutes\nOrder from 2,000 local shops. Get it at dash.example", "Order"),
        ("Quietly\nGuided sleep stories. Download Quietly today at quietly.example", "today"),
    ],
)
def test_a_verb_after_the_brand_or_a_sentence_under_a_heading_is_no_product(brief, not_product):
    assert read_fact_sheet(brief).product != not_product


def test_a_noun_phrase_ends_before_its_verb():
    oat = read_fact_sheet("Oatfield oat milk is barista-grade. Shop at oatfield.example")
    assert oat.product == "oat milk"
    assert read_fact_sheet("Velvet Ink liquid lipstick lasts 16 hours. Shop velvet.example").product == (
        "liquid lipstick"
    )


@pytest.mark.parametrize(
    ("brief", "places"),
    [
        (
            "Trailhead Outfitters opens at our Denver flagship on Larimer Street this Saturday. Shop "
            "trailhead.example",
            ["Denver", "Larimer Street"],
        ),
        (
            "Open house at 220 Main Street, homes in downtown Boise. Call 208-555-0199.",
            ["220 Main Street", "Boise"],
        ),
        (
            "Brunch on West 67th Street and the Palace Pier. Book at brunch.example",
            ["West 67th Street", "Palace Pier"],
        ),
    ],
)
def test_streets_piers_and_the_brands_own_places_are_places(brief, places):
    sheet = read_fact_sheet(brief)
    assert set(sheet.places) == set(places)
    assert "67th" not in sheet.dates  # the street's number, not a day


def test_a_name_that_goes_on_past_its_beach_is_no_beach():
    sheet = read_fact_sheet("Volunteer for the Brighton Beach Clean-Up on Sunday. Sign up at trust.example")
    assert "Brighton Beach" not in sheet.places


@pytest.mark.parametrize(
    ("brief", "proof"),
    [
        ("Fair Trade certified. Order at roast.example", "Fair Trade certified"),
        ("SOC 2 certified. Start free at ledger.example", "SOC 2 certified"),
        ("Certified pre-owned, with a 7-year powertrain warranty. Call 555-0147", "Certified pre-owned"),
        ("Every bag is B-Corp certified. Shop pawsome.example", "B-Corp certified"),
    ],
)
def test_certifications_of_several_words_are_proof(brief, proof):
    proofs = read_fact_sheet(brief).proof_points
    assert proof in proofs
    assert "2 certified" not in proofs  # the number inside 'SOC 2 certified' is the claim's


def test_a_count_never_ends_on_the_word_that_joins_it_to_what_follows():
    sheet = read_fact_sheet("Tested on 500 miles of the Colorado Trail. 12g of protein. Shop x.example")
    proofs = sheet.proof_points
    assert "500 miles" in proofs and "500 miles of" not in proofs
    assert "12g of protein" in proofs


def test_names_with_an_article_or_des_inside_are_read_whole():
    bistro = read_fact_sheet("Café des Artistes, the French bistro on West 67th Street. Book: cafe.example")
    assert bistro.brand == "Café des Artistes"
    assert "Artistes" not in bistro.places
    linden = read_fact_sheet("The Linden, new condos at Maple Grove. Call 208-555-0199.")
    assert linden.brand == "The Linden"


def test_offers_that_waive_a_card_or_lower_a_rate_are_offers():
    trial = read_fact_sheet("30-day free trial, no card needed. Start at ledger.example")
    assert "no card needed" in trial.offers
    assert read_fact_sheet("0.9% APR financing through June 30. Call 555-0147.").offers == [
        "0.9% APR financing through June 30"
    ]
    assert read_fact_sheet("Subscribe and save 20% at roast.example").offers


def test_a_request_to_the_public_is_copy_and_a_request_for_the_ad_is_not():
    assert not asks_for_the_ad("We need volunteers for the Brighton Beach Clean-Up on Sunday 14 September.")
    assert asks_for_the_ad("We need a 15 second spot for Acme.")
    assert asks_for_the_ad("Hi team, can you make a short video for the Shoreline Trust?")


def test_a_heading_with_a_bar_or_dash_stays_a_line():
    lines = ["Ledgerly Books 5 — accounting software for small firms", "Trusted by 40,000 accountants."]
    assert unwrap(lines) == lines
    wrapped = ["Our new oat milk is barista-grade, made with oats grown in", "Somerset and rated 4.8 stars."]
    assert len(unwrap(wrapped)) == 1


def test_a_name_said_alone_gets_the_words_of_its_clause():
    brief = "Harbor Roast | Small-batch coffee, Portland\nRoasted every Monday on Division Street."
    assert stating_clauses(brief, ["Portland"]) == [("Portland.", ["Portland"])]
    assert wider_clause(brief, "Portland") == "Small-batch coffee, Portland."
    assert wider_clause("Where: Sacramento and Fresno", "Sacramento and Fresno") == ""  # never the label
