"""More ways a brief forbids a word, the copy beside a rule, and the language of short briefs (issue 19,
round 9).

- A rule followed by another instruction ('Please avoid 'cheap' and link to zorvik.example'), after a P.S.'s
  mark, with 'in the ad' after its word, in curly apostrophes ('Don’t say “sweat”'), German's »…«, French
  'ne … pas' around its verb ('Ne parlez pas de luxe ou de prestige', 'N'utilisez pas « promo »'), the
  words first in German ('Fabrik und billig bitte nicht erwähnen'), 'keep the word X out of it', 'X is
  off-limits', 'sem falar em', a pronoun for the word ('We're not a bootcamp, so don't say it') and a rule
  in an e-mail's subject line.
- A comma after a rule's word either goes on with its list ('don't say cheap, budget or bargain') or opens a
  clause of its own, told by its shape (a verb of being, a quote where the list quoted none, a web address,
  more than four words): 'Don't say cheap, the line is 'Built to last'' forbids cheap and keeps the line.
- Short briefs with English and German prepositions ('until', 'am') are read in their language.

Known answers, and hypothesis tests: invented words in random rule frames of each language.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import detect_language, read_fact_sheet
from studio.brief.clean import fold, letter_body
from studio.brief.say_rules import copy_of, must_lines, says_what_to_say, without_say_rules
from tests import invented
from tests.briefs.measure import ad_words, occurs


def _folded(words: list[str]) -> list[str]:
    return [fold(w) for w in words]


# ── ways of forbidding ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("brief", "words", "kept"),
    [
        ("Zorvik Lamps sells brass desk lamps made in Leeds. 20% off this weekend. Please avoid 'cheap' and "
         "link to zorvik.example", ["cheap"], "20% off this weekend"),
        ("Zorvik Gym in Bristol: first month £10. Don’t say “sweat” or “pain”. zorvikgym.example",
         ["sweat", "pain"], "first month £10"),
        ("Zorvik Gym in Bristol: first month £10. We're not a bootcamp, so don't say it. zorvikgym.example",
         ["bootcamp"], "first month £10"),
        ("Zorvik Gym in Bristol: first month £10. Keep the word sweat out of it. zorvikgym.example",
         ["sweat"], "first month £10"),
        ("Zorvik Gym in Bristol: first month £10. Sweat is off-limits. zorvikgym.example", ["Sweat"],
         "first month £10"),
        ("Quellmar Lamps, brass lamps, never cheap ones. 20% off at quellmar.example. Please, no 'cheap' in "
         "the ad.", ["cheap"], "20% off"),
        ("Zapatería Quellmar en Burgos. 2x1 hasta el domingo. Evitar «barato» y enlazar a quellmar.example",
         ["barato"], "2x1 hasta el domingo"),
        ("Heladería Zorvik en Cádiz. No uses las palabras dieta ni light. 2x1 los martes en zorvik.example",
         ["dieta", "light"], "2x1 los martes"),
        ("Brindle & Oak fabrique des tables à Nantes. N'utilisez pas « pas cher » ni « promo ». Livraison "
         "offerte dès 300 € sur brindleoak.example", ["pas cher", "promo"], "Livraison offerte dès 300 €"),
        ("Brindle & Oak fabrique des tables à Nantes. Ne parlez pas de luxe ou de prestige. Livraison "
         "offerte dès 300 € sur brindleoak.example", ["luxe", "prestige"], "Livraison offerte dès 300 €"),
        ("Brindle & Oak fabrique des tables à Nantes. Évitez le mot luxe et renvoyez vers "
         "brindleoak.example. Livraison offerte dès 300 €.", ["luxe"], "Livraison offerte dès 300 €"),
        ("Bäckerei Zorvik in Kassel. Fabrik und billig bitte nicht erwähnen. 2 Brote für 7 € auf "
         "zorvik.example", ["Fabrik", "billig"], "2 Brote für 7 €"),
        ("Bäckerei Zorvik in Kassel. Bitte nicht »billig« sagen. 2 Brote für 7 € auf zorvik.example",
         ["billig"], "2 Brote für 7 €"),
        ("Padaria Zorvik em Braga faz pão lento, sem falar em dieta. Leve 3 broas e pague 2 em "
         "zorvik.example", ["dieta"], "Leve 3 broas e pague 2"),
        ("Sapataria Quellmar no Porto. Não fale em barato nem em promoção. 2 pares por 90 € em "
         "quellmar.example", ["barato", "promoção"], "2 pares por 90 €"),
    ],
)  # fmt: skip
def test_a_forbidding_shape_is_read_and_the_copy_kept(brief, words, kept):
    sheet = read_fact_sheet(brief)
    assert _folded(sheet.must_not_say) == _folded(words)
    ad = ad_words(brief).everything
    assert not any(occurs(w, ad) for w in words), ad
    assert occurs(kept, ad), ad


@pytest.mark.parametrize(
    ("sentence", "words", "copy"),
    [
        ("Don't say cheap, the line is 'Built to last'.", ["cheap"], "'Built to last'"),
        ("No digas barato, el lema es «Hecho para durar».", ["barato"], "«Hecho para durar»"),
        ("Ne dites pas luxe, notre devise est « Fait pour durer ».", ["luxe"], "« Fait pour durer »"),
        ("Sag nicht billig oder günstig, unser Spruch ist „Gebacken wie früher“.", ["billig", "günstig"],
         "„Gebacken wie früher“"),
        ("Não diga barato, o nosso lema é «Feito com tempo».", ["barato"], "«Feito com tempo»"),
        ("Non dire economico, il motto è “Spremuto a freddo”.", ["economico"], "“Spremuto a freddo”"),
        ("Pas de « bon marché », notre devise est « Affiné sans hâte ».", ["bon marché"],
         "« Affiné sans hâte »"),
        ("Don't say cheap, we're hand-stitched in Leeds.", ["cheap"], "we're hand-stitched in Leeds"),
    ],
)  # fmt: skip
def test_a_clause_after_the_rules_comma_is_copy(sentence, words, copy):
    assert must_lines(sentence)[1] == words
    assert copy_of(sentence).strip(" .") == copy
    assert copy.strip(" '«»„“”") in without_say_rules(sentence)


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Don't say cheap, budget or bargain.", ["cheap", "budget", "bargain"]),
        ("Don't say cheap, say affordable.", ["cheap"]),
        ("No digas barato, económico ni rebajado.", ["barato", "económico", "rebajado"]),
        ("Never mention zorvik-old.example.", ["zorvik-old.example"]),
    ],
)
def test_a_comma_that_goes_on_with_the_list_forbids_each_word(sentence, words):
    assert must_lines(sentence)[1] == words
    assert copy_of(sentence) == ""


def test_a_rule_in_the_subject_line_is_read_and_the_rest_of_the_subject_is_no_copy():
    brief = (
        "Subject: spring ad - please no 'cheap'\n\nHi team,\nQuellmar Shoes in Leeds, 2 pairs for £60. Shop "
        "at quellmarshoes.example\n\nThanks,\nAnna"
    )
    assert letter_body(brief.splitlines())[0] == "please no 'cheap'."
    sheet = read_fact_sheet(brief)
    assert sheet.must_not_say == ["cheap"]
    ad = ad_words(brief).everything
    assert not occurs("cheap", ad) and not occurs("spring ad", ad) and occurs("2 pairs for £60", ad)


@pytest.mark.parametrize(
    "sentence",
    [
        "Keep the rain out with the Zorvik shell jacket.",
        "Smoking is not allowed in the venue.",
        "Tickets are out now.",
        "We're not a chain, we're family-run.",
        "Pas de frais de livraison dès 50 €.",
        "Sin gluten, sin azúcar.",
        "Our motto is 'Built to last'.",
        "Sweat is good for you.",
    ],
)
def test_copy_that_looks_like_these_rules_is_copy(sentence):
    assert not says_what_to_say(sentence)
    assert must_lines(sentence)[1] == []


# ── generated rules ─────────────────────────────────────────────────────────────────────────────────────

_FRAMES = {
    "en": ["Please avoid '{w}' and link to zorvik.example.", "Don’t say “{w}” or “{v}”.",
           "Don't say {w}, {v} or cheapo.", "Keep the word {w} out of it.", "P.S. Steer clear of '{w}'.",
           "Please, no '{w}' in the ad.", "We're not a {w}, so don't say it."],
    "es": ["Evitar «{w}» y enlazar a zorvik.example.", "No uses las palabras {w} ni {v}.",
           "No digas «{w}» ni «{v}»."],
    "fr": ["N'utilisez pas « {w} » ni « {v} ».", "Ne parlez pas de {w} ou de {v}.", "Pas de « {w} », merci."],
    "de": ["{W} und {v} bitte nicht erwähnen.", "Bitte nicht »{w}« sagen.", "Sag nicht {w} oder {v}."],
    "pt": ["Não fale em {w} nem em {v}.", "Não use “{w}” nem “{v}”.",
           "Evite a palavra «{w}» e mande para x.example."],
    "it": ["Non dire {w} né {v}.", "Evita la parola «{w}» e rimanda a zorvik.example.",
           "Non usate '{w}' o '{v}'."],
}  # fmt: skip
_OPENINGS = {
    "en": "{b} makes candles in {p}. 20% off this week.",
    "es": "{b} hace velas en {p}. 2x1 esta semana.",
    "fr": "{b} fabrique des bougies à {p}. -20 % cette semaine.",
    "de": "{b} macht Kerzen in {p}. 2 für 10 € diese Woche.",
    "pt": "{b} faz velas em {p}. Leve 2 e pague 1 esta semana.",
    "it": "{b} produce candele a {p}. Spedizione gratuita sopra i 50 €.",
}
_small = st.lists(st.sampled_from(("nub", "plo", "wex", "gri", "tam", "sku", "ve", "oth")), min_size=2,
                  max_size=3).map("".join)
"""An invented word in small letters ('nubplo'), of other syllables than the brand's and the place's."""


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(_FRAMES)),
    st.data(),
    st.lists(_small, min_size=2, max_size=2, unique=True),
    invented.brand(1, 2),
    invented.place,
)
def test_random_words_in_round9_frames_are_forbidden_and_the_offer_stays(lang, data, pair, brand, place):
    w, v = pair
    frame = data.draw(st.sampled_from(_FRAMES[lang]))
    rule = frame.format(w=w, v=v, W=w.capitalize())
    words = [w, *([v] if "{v}" in frame else []), *(["cheapo"] if "cheapo" in frame else [])]
    brief = f"{_OPENINGS[lang].format(b=brand, p=place)} {rule}"
    sheet = read_fact_sheet(brief)
    assert _folded(sheet.must_not_say) == _folded(list(dict.fromkeys(words))), brief
    copy = without_say_rules(brief)
    assert not any(occurs(x, copy) for x in words), copy
    assert sheet.offers, brief


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["en", "es", "fr", "de", "pt", "it"]),
    _small,
    st.lists(st.sampled_from(("Built", "to", "last", "Made", "slow", "by", "hand")), min_size=2, max_size=4),
)
def test_random_copy_after_a_rules_comma_is_kept(lang, word, line):
    says = {
        "en": "Don't say {w}, the line is '{c}'.", "es": "No digas {w}, el lema es «{c}».",
        "fr": "Ne dites pas {w}, notre devise est « {c} ».", "de": "Sag nicht {w}, unser Spruch ist „{c}“.",
        "pt": "Não diga {w}, o nosso lema é «{c}».", "it": "Non dire {w}, il motto è “{c}”.",
    }  # fmt: skip
    copy = " ".join(line)
    sentence = says[lang].format(w=word, c=copy)
    assert must_lines(sentence)[1] == [word], sentence
    assert copy in without_say_rules(sentence) and not occurs(word, without_say_rules(sentence)), sentence


# ── the language of short briefs ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Quellmar Store. Open until 8pm.", "en"),
        ("Zorvik. Yoga am Samstag.", "de"),
        ("Quellmar. Termine nach Vereinbarung.", "de"),
        ("Zorvik. Open every day from 9.", "en"),
    ],
)
def test_a_short_brief_with_a_preposition_is_read_in_its_language(text, lang):
    assert detect_language(text) == lang
