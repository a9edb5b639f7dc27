"""The brand among the other names a brief holds (issue 19, round 5): a programme's, a stockist's or a
person's possessive, a prize's place, founders named before their business and a title before a person
are never the brand; and the brand's whole name is kept (`whole_name`). One test for each rule."""

from __future__ import annotations

import pytest

from studio.brief import read_fact_sheet
from studio.brief.naming import leads, without_team
from studio.brief.people import business_of_people, is_person
from studio.brief.roles import first_name
from studio.brief.whole_name import whole_name

# ── who is not the brand ─────────────────────────────────────────────────────────────────────────────


def test_the_subject_after_a_describing_clause_is_the_brand_not_the_programme():
    sheet = read_fact_sheet(
        "As seen on Kanal Zorvik's Kitchen Wars, Belmon Co. bakes brownies in small batches. Six for £15. "
        "Call 0161 496 0718."
    )
    assert sheet.brand == "Belmon Co."


def test_names_joined_to_a_place_by_and_are_places_too():
    sheet = read_fact_sheet(
        "Now in Zorvik and Traqui's chillers: oat bites from Belmon Fen, baked with no refined sugar. "
        "3 packs for £5. Call 020 7946 0384."
    )
    assert sheet.brand == "Belmon Fen"
    assert {"Zorvik", "Traqui"} <= set(sheet.places)


def test_where_a_prize_trip_goes_is_a_place():
    sheet = read_fact_sheet("Win a trip to Zorvikia with Belmon! Every jacket 20% off. Call 020 7946 0512.")
    assert sheet.brand == "Belmon"
    assert "Zorvikia" in sheet.places


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Grandma Rosa", True),
        ("Owner Jake Miller", True),
        ("Chef Tomasz Wilk", True),
        ("Oma Ilse", True),
        ("Nonna Rosa's Kitchen", False),
        ("Mr Kipling", False),  # an honorific names a business as often as a person
        ("Nonna", False),
        ("Harbor Roast", False),
    ],
)
def test_a_title_or_a_family_word_before_a_name_names_a_person(name, person):
    assert is_person(name) is person


def test_a_persons_possessive_is_not_the_brand():
    sheet = read_fact_sheet(
        "Grandma Zora's recipe, now at Zora's Cantina: slow-cooked mole. Free churros on Tuesdays. "
        "Call 0113 496 0277."
    )
    assert sheet.brand == "Zora's Cantina"


def test_a_title_and_a_person_opening_the_brief_are_not_the_brand():
    sheet = read_fact_sheet(
        'Owner Dorfen Miller: "We fix any bike in 48 hours." Pedal Zorvik is your local repair shop. '
        "Free safety check this month. Call 0121 496 0458."
    )
    assert sheet.brand == "Pedal Zorvik"


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        (
            "Mia and Theo Belmon opened Forno Belmon in 2015 to bake pizza by the slice. Two slices for £8. "
            "Call 0117 496 0319.",
            "Forno Belmon",
        ),
        (
            "Lucía y Martín Zorvik abrieron Horno Zorvik en 1998. Tres barras por 2 € los martes. Llama al "
            "976 12 34 56.",
            "Horno Zorvik",
        ),
        (
            "Ana e Rui Costa fundaram a Quinta do Vale Zorvik em 2005. Caixa de 6 garrafas com 20% de "
            "desconto. Ligue 253 123 456.",
            "Quinta do Vale Zorvik",
        ),
        (
            "Hi, Dana Whitlock here, owner of Copper Zorvik. Boiler service for £65. Call 0113 496 0144.",
            "Copper Zorvik",
        ),
    ],
)
def test_the_business_people_opened_founded_or_own_is_the_brand_not_them(brief, brand):
    assert read_fact_sheet(brief).brand == brand


def test_a_headings_capitalised_verb_opens_no_business():
    assert business_of_people("Get Started Free. Zorvik Belmon keeps your books.") is None
    assert business_of_people("Owner of Zorvik Belmon since 2010.") == "Zorvik Belmon"


def test_a_persons_name_after_di_is_neither_the_maker_nor_a_place():
    sheet = read_fact_sheet(
        "Le lasagne di Nonna Lucia, ora all'Osteria Fumo di Brace, a Bologna. Menù pranzo a 14 €. "
        "Prenota allo 051 123 4567."
    )
    assert sheet.brand == "Osteria Fumo di Brace"
    assert "Nonna Lucia" not in sheet.places and "Bologna" in sheet.places


def test_da_names_the_maker_only_after_a_participle():
    # 'Casa da Zorvik' is a name ('of the'); 'tostato da Belmon' names the roaster
    assert read_fact_sheet("Casa da Zorvik makes candles that burn for 40 hours. 15% off.").brand == (
        "Casa da Zorvik"
    )
    assert read_fact_sheet("Caffè da Zorvikia, tostato da Belmon. Solo 5,00 €.").brand == "Belmon"
    assert read_fact_sheet("Un vino scelto da Enoteca Zorvik. Solo 9 €.").brand == "Enoteca Zorvik"


def test_a_date_of_two_capitalised_words_is_not_the_brand():
    # 'bis Ende Mai' says when; the first name of two words that is no date is the brand's
    brief = "Bis Ende Mai: zwei Flaschen für 50 €. Zorvik Belmon, Berlin."
    assert first_name(brief, [], []) == "Zorvik Belmon"


# ── the brand's whole name ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("found", "text", "address", "whole"),
    [
        ("Crumbly Co", "Brownies by Crumbly Co. are baked daily.", "", "Crumbly Co."),
        ("Vela S", "Kayaks by Vela S.L. 15% off.", "", "Vela S.L."),
        ("Ossa", "Pasta di Ossa S.p.A., essiccata per 48 ore.", "", "Ossa S.p.A."),
        ("Nord", "Heat pumps by Nord GmbH. Call now.", "", "Nord GmbH"),
        ("Butter Co.", "Sourdough from Bread and Butter Co. is baked daily.", "", "Bread and Butter Co."),
        ("Harlow", "Suits by Harlow and Sons, cut in Leeds.", "", "Harlow and Sons"),
        ("Studio", "Dance classes from Studio 54. First class free.", "", "Studio 54"),
        ("Number", "Cuts at Number 9 Barbers, walk in.", "", "Number 9 Barbers"),
        ("Street Bakes", "7th Street Bakes makes cinnamon buns.", "", "7th Street Bakes"),
        ("Zorvik", "Zorvik 42 makes candles. Order at zorvik42.example", "zorvik42.example", "Zorvik 42"),
    ],
)
def test_the_name_grows_to_what_the_brief_always_writes_with_it(found, text, address, whole):
    assert whole_name(found, text, address) == whole


@pytest.mark.parametrize(
    ("found", "text", "address"),
    [
        ("AeroPods Pro", "AeroPods Pro 2 earbuds with 30 hours of battery.", ""),  # a model's number
        ("Sonvik", "Meet the new Sonvik 5. Order at sonvik.example", "sonvik.example"),  # the address says
        ("Zorvik", "Zorvik 20% off. Zorvik 15,99 €.", ""),  # a percentage, a price
        ("Zorvik", "Call Zorvik 020 7946 0958.", ""),  # a phone
        ("Zorvik", "Zorvik 42 is here. Zorvik is open late.", ""),  # not every time
        ("Salt", "Salt and Pepper", ""),  # 'and' without a firm's word joins two things
        ("March", "1st March", ""),
    ],
)
def test_the_name_does_not_grow_over_what_is_not_its_own(found, text, address):
    assert whole_name(found, text, address) == found


def test_an_irish_name_is_not_a_contraction():
    assert leads("We're") and not leads("O'Hara")
    brief = "O'Zorvik's Bakery bakes soda bread. A loaf for £3. Call 0161 496 0744."
    assert read_fact_sheet(brief).brand == "O'Zorvik's Bakery"


def test_a_name_with_an_owners_s_inside_is_kept_after_by():
    assert read_fact_sheet("Fresh tacos by Zora's Cantina. 2 for £5.").brand == "Zora's Cantina"


def test_the_sentences_first_word_is_not_part_of_the_name_the_address_spells():
    sheet = read_fact_sheet("Meet House of Zorvik's new candle: 40 hours. Order at houseofzorvik.example")
    assert sheet.brand == "House of Zorvik"


def test_a_camel_cased_or_capitalised_name_that_opens_and_acts_is_the_brand():
    assert read_fact_sheet("eZorvik, the folding bike, fits under a desk. 10% off.").brand == "eZorvik"
    # the sheet keeps the brief's letters: a name it only writes in capitals stays in capitals
    assert read_fact_sheet("ZORVIK makes lamps that last. 20% off.").brand == "ZORVIK"


def test_a_sign_off_names_the_company_without_its_team_word():
    assert without_team("L'équipe Atelier Zorvik SARL") == "Atelier Zorvik SARL"
    assert without_team("El equipo de Horno Zorvik") == "Horno Zorvik"
    assert without_team("The Zorvik team") == "Zorvik"
    assert without_team("Teamwork Ltd") == "Teamwork Ltd" and without_team("The Oat Co.") == "The Oat Co."


def test_a_sign_off_keeps_a_legal_forms_dot_and_a_number_without_its_article():
    brief = "Hand-poured candles, 15% off this week. Order at zorvik.example\n— The Zorvik S.L. team"
    assert read_fact_sheet(brief.replace("zorvik.example", "zorviksl.example")).brand == "Zorvik S.L."
    numbered = read_fact_sheet("Hand-poured candles, 15% off this week.\n— The Zorvik 42 team")
    assert numbered.brand == "Zorvik 42"
