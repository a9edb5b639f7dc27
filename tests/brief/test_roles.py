"""Roles by evidence: a place, a question or a product name before the brand never becomes the brand."""

from __future__ import annotations

import pytest

from studio.brief import read_fact_sheet


@pytest.mark.parametrize(
    ("brief", "brand", "place"),
    [
        (
            "Single-origin beans from Huila, roasted by Harbor Roast. Order at harborroast.com",
            "Harbor Roast",
            "Huila",
        ),
        ("From Huila to your cup: Harbor Roast's new blend. 10% off this week.", "Harbor Roast", "Huila"),
        (
            "In Croydon? Kettle & Crumb bakes sourdough daily. Visit kettleandcrumb.example",
            "Kettle & Crumb",
            "Croydon",
        ),
        ("Why do runners in Lyon love it? Trail X 3 trail shoes by Peak. 20% off.", "Peak", "Lyon"),
        (
            "Live in Ohio this June. Fieldhouse Records presents «Night Lines». Tickets $25.",
            "Fieldhouse Records",
            "Ohio",
        ),
        ("Fresh bread in Leeds every morning.\n— The Crumb & Co team", "Crumb & Co", "Leeds"),
    ],
)
def test_the_brand_is_found_and_the_place_is_never_the_brand(brief, brand, place):
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand
    assert place in sheet.places
    assert place not in sheet.brand


def test_the_product_name_with_its_model_number_is_kept_verbatim():
    sheet = read_fact_sheet("Trail X 3 by Peak grips wet rock. 20% off at peak.example")
    assert sheet.product == "Trail X 3" and sheet.brand == "Peak"
    assert sheet.address == "peak.example" and "20% off" in sheet.offers


def test_a_theatre_listing_keeps_title_times_phone_and_prices():
    sheet = read_fact_sheet(
        "Harbour Hall presents «The Glass Sea», 12 March at 8pm. Tickets £12.50 and £18. Call 020 7946 0958."
    )
    assert sheet.brand == "Harbour Hall" and "The Glass Sea" in sheet.names
    assert any("8pm" in d for d in sheet.dates) and sheet.address == "020 7946 0958"
    assert any("£12.50" in o for o in sheet.offers) and any("£18" in o for o in sheet.offers)


def test_a_german_brief_reads_its_language_date_and_price():
    sheet = read_fact_sheet("Bäckerei Sonnenkorn in Freiburg: Brotkurs am 3. Mai um 19 Uhr, nur 29,99 €.")
    assert sheet.language == "de" and sheet.brand == "Bäckerei Sonnenkorn"
    assert "Freiburg" in sheet.places and "3. Mai um 19 Uhr" in sheet.dates
    assert any("29,99 €" in o for o in sheet.offers)
