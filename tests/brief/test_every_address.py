"""Every web address and mailbox a brief gives is said, not only the one the call to action sends people to
(issue 19): 'Order online: oak.example/order. Gift cards at oak.example/gift.' had the ad say the first and
drop the second. The others go on the sheet with the tags and are said in the brief's own clause, with the
words the brief puts before them ('Gutscheine: quellmar.example/gutschein'), and keep their letters at the
start of a sentence. The names are invented; the generated cases are reported by nobody's tuning.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests.briefs.measure import ad_words, occurs


def test_a_second_web_address_is_said_in_its_clause():
    brief = (
        "Brindle & Oak bakery, Leeds. Order online: brindleoak.example/order. Gift cards at "
        "brindleoak.example/gift."
    )
    sheet = read_fact_sheet(brief)
    assert sheet.address == "brindleoak.example/order"
    assert sheet.tags == ["brindleoak.example/gift"]
    words = ad_words(brief)
    assert "Gift cards at brindleoak.example/gift." in words.voiceover
    assert occurs("brindleoak.example/order", words.end_card)


def test_a_web_address_keeps_its_letters_and_the_words_before_it():
    brief = (
        "Kaffeehaus Quellmar in Graz. Jetzt bestellen: quellmar.example.at/shop. Gutscheine: "
        "quellmar.example.at/gutschein. Fragen? hallo@quellmar.example"
    )
    voiceover = ad_words(brief).voiceover
    assert "Gutscheine: quellmar.example.at/gutschein." in voiceover
    assert "hallo@quellmar.example" in voiceover
    assert "Quellmar.example" not in voiceover and "Hallo@" not in voiceover


def test_the_address_itself_is_not_said_twice_as_a_tag():
    sheet = read_fact_sheet("Zorvik socks grip wet rock. Shop at zorvik.example/socks or zorvik.example.")
    assert sheet.address in ("zorvik.example/socks", "zorvik.example")
    assert sheet.address not in sheet.tags


_SYLLABLES = ("zor", "vik", "quel", "mar", "bel", "mon", "tra", "qui", "fen", "lo", "ri", "dan")
_NAME = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map("".join)
_PATH = st.sampled_from(("shop", "book", "gift", "menu", "kids", "offers", "cards", "news"))
_FRAMES = {
    "en": ("{Brand} makes bread in Leeds. Order at {a}. Gift cards at {b}.", "en"),
    "es": ("{Brand} hace pan en Valencia. Pide en {a}. Tarjetas regalo en {b}.", "es"),
    "fr": ("{Brand} fait du pain à Lyon. Commandez sur {a}. Cartes cadeaux sur {b}.", "fr"),
    "de": ("{Brand} backt Brot in Graz. Jetzt bestellen: {a}. Gutscheine: {b}.", "de"),
    "pt": ("{Brand} faz pão em Lisboa. Encomende em {a}. Cartões-presente em {b}.", "pt"),
    "it": ("{Brand} fa il pane a Torino. Ordina su {a}. Carte regalo su {b}.", "it"),
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=_NAME,
    first=_PATH,
    second=_PATH,
    lang=st.sampled_from(sorted(_FRAMES)),
    mailbox=st.booleans(),
)
def test_generated_briefs_say_both_addresses_as_written(name, first, second, lang, mailbox):
    frame, _ = _FRAMES[lang]
    a = f"{name}.example/{first}"
    b = f"hallo@{name}.example" if mailbox else f"{name}.example/{second}-{first}"
    brief = frame.format(Brand=name.capitalize(), a=a, b=b)
    words = ad_words(brief)
    for address in (a, b):
        assert occurs(address, words.everything), (brief, words.everything)
        # as written: never capitalised at the start of a sentence
        assert re.search(rf"(?<![\w@.]){re.escape(address)}", words.everything), (brief, words.everything)
    assert occurs(a, words.end_card) or occurs(b, words.end_card)
