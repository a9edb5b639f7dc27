"""A web address, a mailbox or a handle written in the same sentence or line as a rule ('Don't say cheap,
just send people to zorvik.example') is where to send people, never a word of the rule: the reader keeps
it although the rule's words are kept out of the copy (round 8 had dropped such addresses with their rule).
Known answers first, then hypothesis tests over invented names in the six languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests import invented


@pytest.mark.parametrize(
    ("brief", "address", "forbidden"),
    [
        ("Zorvik Fen makes quiet lamps. Don't say cheap, just send people to zorvikfen.example.",
         "zorvikfen.example", "cheap"),
        ("Zorvik Fen lamps - order at zorvikfen.example (don't mention the price).", "zorvikfen.example", ""),
        ("Zorvik Fen makes quiet lamps.\nDo not mention discounts; the link is zorvikfen.example",
         "zorvikfen.example", "discounts"),
        ("Never say cheap - shop Zorvik Fen lamps at zorvikfen.example.", "zorvikfen.example", "cheap"),
        ("Quiet lamps by Zorvik Fen. Não digam 'barato', enviem para zorvikfen.example.", "zorvikfen.example",
         "barato"),
        ("Zorvik Fen - Lampen. Bitte nicht 'billig' sagen, Link: zorvikfen.example", "zorvikfen.example",
         "billig"),
        ("Zorvik Fen makes quiet lamps. Never say cheap, write to hello@zorvikfen.example.",
         "hello@zorvikfen.example", "cheap"),
    ],
)  # fmt: skip
def test_an_address_in_a_rule_sentence_is_kept(brief, address, forbidden):
    sheet = read_fact_sheet(brief)
    assert sheet.address == address, (brief, sheet.address)
    assert sheet.brand == "Zorvik Fen", (brief, sheet.brand)
    if forbidden:
        assert forbidden in sheet.must_not_say, (brief, sheet.must_not_say)
    assert not any(address in w for w in sheet.must_not_say)


def test_a_forbidden_address_stays_forbidden():
    """An address the brief forbids ('never mention oldsite.example') is a rule's word, not where to go."""
    sheet = read_fact_sheet(
        "Zorvik Fen makes quiet lamps. Order at zorvikfen.example. Never mention zorvik-old.example."
    )
    assert sheet.address == "zorvikfen.example"
    assert "zorvik-old.example" in sheet.must_not_say
    assert not any("zorvik-old" in t for t in sheet.tags)  # never said as a second address


RULE_THEN_ADDRESS = {
    "en": "{brand} makes quiet lamps. Don't say {word}, just send people to {url}.",
    "fr": "{brand} fabrique des lampes silencieuses. Ne dites pas « {word} », envoyez les gens sur {url}.",
    "de": "{brand} baut leise Lampen. Bitte nicht „{word}“ sagen, Link: {url}",
    "es": "{brand} fabrica lámparas silenciosas. No digáis «{word}», enviad a la gente a {url}.",
    "it": "{brand} produce lampade silenziose. Non dite «{word}», mandate la gente su {url}.",
    "pt": "A {brand} fabrica candeeiros silenciosos. Não digam «{word}», enviem as pessoas para {url}.",
}
WORDS = {"en": "cheap", "fr": "bradé", "de": "billig", "es": "barato", "it": "economico", "pt": "barato"}


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(RULE_THEN_ADDRESS)), invented.brand(1, 2), st.sampled_from([".com", ".example"])
)
def test_the_address_after_a_rule_is_kept_in_six_languages(lang, brand, tld):
    url = brand.lower().replace(" ", "") + tld
    brief = RULE_THEN_ADDRESS[lang].format(brand=brand, word=WORDS[lang], url=url)
    sheet = read_fact_sheet(brief)
    assert sheet.address == url, (brief, sheet.address)
    assert WORDS[lang] in sheet.must_not_say, (brief, sheet.must_not_say)
    assert not any(url in w for w in sheet.must_not_say), (brief, sheet.must_not_say)
