"""The brand after a 'New from X' opener, kept as the brief spells it (issue 19, round 6): the opener word
in six languages is not part of the brand, a name the brief only writes in capitals stays in capitals, an
owner's possessive after the word that opens the sentence spells the address, a team's sign-off line names
its company, a title with its dot opens the name ('Dr. Paws Clinic') and German's article 'das' is no
Portuguese 'from'. The names are invented."""

from __future__ import annotations

import pytest

from studio.brief import read_fact_sheet
from studio.brief.naming import without_opener
from studio.brief.spelling import as_written


@pytest.mark.parametrize(
    "brief",
    [
        "Neu von Zorvik Belmon: der Rucksack Traqui 30, wasserdicht.",
        "Neu bei Zorvik Belmon: das Schneidebrett Traqui, geölt.",
        "Novità da Zorvik Belmon: la moka Traqui, sei tazze.",
        "Novidade da Zorvik Belmon: a prancha Traqui, feita à mão.",
        "Nouveau chez Zorvik Belmon : la bougie Traqui, cire de soja.",
        "Lo nuevo de Zorvik Belmon: el pan Traqui, con masa madre.",
        "New from Zorvik Belmon: the Traqui lamp, made from oak.",
    ],
)
def test_the_new_from_opener_is_not_part_of_the_brand(brief):
    assert read_fact_sheet(brief).brand == "Zorvik Belmon"


def test_the_new_from_opener_goes_with_an_address_that_spells_the_brand():
    sheet = read_fact_sheet("Neu von Zorvik: der Rucksack Traqui 30, wasserdicht. zorvik.de")
    assert sheet.brand == "Zorvik"


def test_without_opener_keeps_a_name_that_has_none():
    assert without_opener("Novità da Zorvik") == "Zorvik"
    assert without_opener("Nouveauté Zorvik") == "Nouveauté Zorvik"  # no 'from': the name's own word


def test_a_name_written_only_in_capitals_keeps_its_capitals():
    sheet = read_fact_sheet("THE ZORVIK DEN — yoga in Leeds. First week free. thezorvikden.example")
    assert sheet.brand == "THE ZORVIK DEN"


def test_a_name_written_in_capitals_and_in_mixed_case_keeps_the_mixed_case():
    assert as_written("Zorvik", "ZORVIK\nZorvik lamps last. zorvik.example") == "Zorvik"
    assert as_written("Zorvik", "ZORVIK\nLamps that last. Shop zorvik.example") == "ZORVIK"


def test_the_owner_after_the_sentences_first_word_spells_the_address():
    sheet = read_fact_sheet("Try Zorvik's Belmon Bot R2, the coding robot for kids. zorvik.example")
    assert sheet.brand == "Zorvik"


def test_a_sign_off_line_that_signs_as_a_team_names_the_company():
    sheet = read_fact_sheet(
        "Bonjour,\nNotre nouvelle bougie Traqui arrive en boutique.\n-20% jusqu'à dimanche sur "
        "atelierzorvik.fr\nMerci,\nL'équipe Atelier Zorvik"
    )
    assert sheet.brand == "Atelier Zorvik"


def test_a_title_with_its_dot_that_opens_the_name_every_time_is_the_names_own():
    assert read_fact_sheet("Dr. Zorvik Clinic: your pet's health, 24/7. Call 020 7946 0000.").brand == (
        "Dr. Zorvik Clinic"
    )
    # written once without it: the title is not the name's own
    sheet = read_fact_sheet("Dr. Zorvik Clinic is open late. Visit Zorvik Clinic today. Call 020 7946 0000.")
    assert sheet.brand == "Zorvik Clinic"


def test_germans_article_das_after_a_colon_is_no_origin():
    sheet = read_fact_sheet("Neu bei Zorvik: das Schneidebrett Traqui Massiv, geölt. zorvik.de")
    assert "Schneidebrett Traqui Massiv" not in sheet.places
