"""Say-rules that span lines, rule words kept out of the facts, and the language of short briefs (issue 19,
round 8).

- A forbidding rule over a list, one word a line ('Don't mention:' over '- cheap', '- free shipping'), in the
  six languages and with '-', '*', '•' and '1.' marks: each line is a forbidden word, never one phrase, and
  none of the list is copy (no offer, no place).
- The words of a rule sentence are rules only: 'Don't mention Paris or our old name Zorvik Classic' makes
  Paris no place and Zorvik Classic no brand or product.
- Short briefs in Spanish, Portuguese and Italian are read in their language ('Perfumería Alba en Murcia. De
  regalo, una vela.' was read as Italian).

Known answers, and hypothesis tests: invented words in random lists under random rule heads of each
language; random short briefs of each language from the frames below, with invented names.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import detect_language, read_fact_sheet
from studio.brief.clean import fold
from studio.brief.say_rules import listed_rules, must_lines, without_say_rules
from tests import invented
from tests.briefs.measure import ad_words, occurs


def _folded(words: list[str]) -> list[str]:
    return [fold(w) for w in words]


# ── forbidden words listed under a rule line ────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("brief", "words"),
    [
        ("Quellmar Tea Co. blends green tea in Whitby. 10% off your first tin at quellmartea.example\n"
         "Don't mention:\n- cheap\n- discount\n- free shipping", ["cheap", "discount", "free shipping"]),
        ("Bäckerei Zorvik in Göttingen backt Roggenbrot.\nNicht erwähnen:\n* billig\n* Fabrik\n"
         "Bestellen auf zorvik.example", ["billig", "Fabrik"]),
        ("Jabonería Quellmar hace jabones en Jaén.\nNo mencionar:\n• químico\n• barato\n"
         "Pide en quellmar.example", ["químico", "barato"]),
        ("Brindle & Oak fabrique des tables à Nantes.\nNe pas dire :\n1. pas cher\n2. industriel\n"
         "Commandez sur brindleoak.example", ["pas cher", "industriel"]),
        ("Padaria Zorvik, em Braga, faz pão.\nNão mencionar:\n- barato\n- dieta\nEncomende em zorvik.example",
         ["barato", "dieta"]),
        ("Oleificio Quellmar produce olio a Lecce.\nNon dire:\n• economico\n• industriale\nquellmar.example",
         ["economico", "industriale"]),
        # a list with no marks, words in small letters, one a line
        ("Quellmar Tea Co. blends green tea in Whitby.\nWords to avoid:\ncheap\nbargain bin\n"
         "quellmar.example", ["cheap", "bargain bin"]),
        # a paragraph's long line above the rule's head does not swallow it
        ("Quellmar Tea Co. blends loose-leaf green tea in Whitby with 10% off your first tin\nDon't say:\n"
         "- cheap\n- discount\nquellmar.example", ["cheap", "discount"]),
    ],
)  # fmt: skip
def test_a_listed_rule_forbids_each_line_and_none_of_it_is_copy(brief, words):
    sheet = read_fact_sheet(brief)
    assert _folded(sheet.must_not_say) == _folded(words)
    said = " ".join([sheet.brand, sheet.product, *sheet.offers, *sheet.places, *sheet.proof_points])
    assert not any(occurs(w, said) for w in words), said
    assert not any(occurs(w, without_say_rules(brief)) for w in words)


def test_a_listed_rule_is_never_said_in_the_ad():
    brief = (
        "Quellmar Tea Co. blends loose-leaf green tea in Whitby. 10% off your first tin at "
        "quellmartea.example\nDon't mention:\n- cheap\n- discount\n- free shipping"
    )
    ad = ad_words(brief).everything
    assert not any(occurs(w, ad) for w in ("cheap", "discount", "free shipping")), ad
    assert occurs("10% off your first tin", ad)


def test_a_rule_that_names_its_words_on_its_line_heads_no_list():
    lines = ["Zorvik Tea from Whitby.", "Don't mention: cheap, discount", "- loose-leaf tea", "- 50 cups"]
    assert listed_rules(lines) == ([], set())
    assert _folded(read_fact_sheet("\n".join(lines)).must_not_say) == ["cheap", "discount"]


_HEADS = {
    "en": ["Don't mention:", "Do not say:", "Words to avoid:", "Never use these words:"],
    "de": ["Nicht erwähnen:", "Bitte nicht sagen:", "Verbotene Wörter:"],
    "es": ["No mencionar:", "No decir:", "Palabras prohibidas:"],
    "fr": ["Ne pas dire :", "Ne pas mentionner :", "Mots interdits :"],
    "pt": ["Não mencionar:", "Não dizer:", "Palavras proibidas:"],
    "it": ["Non dire:", "Non menzionare:", "Parole vietate:"],
}
_OPENINGS = {
    "en": "{b} makes candles in {p}.",
    "de": "{b} macht Kerzen in {p}.",
    "es": "{b} hace velas en {p}.",
    "fr": "{b} fabrique des bougies à {p}.",
    "pt": "{b} faz velas em {p}.",
    "it": "{b} produce candele a {p}.",
}
_small = st.lists(st.sampled_from(("nub", "plo", "wex", "gri", "tam", "sku", "ve", "oth")), min_size=2,
                  max_size=3).map("".join)
"""An invented word in small letters ('nubplo'), of other syllables than the brand's and the place's."""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(_HEADS)),
    st.data(),
    st.lists(st.lists(_small, min_size=1, max_size=2).map(" ".join), min_size=2, max_size=4, unique=True),
    st.sampled_from(["- ", "* ", "• ", "1. "]),
    invented.brand(1, 2),
    invented.place,
)
def test_random_words_listed_under_a_rule_are_each_forbidden(lang, data, words, mark, brand, place):
    head = data.draw(st.sampled_from(_HEADS[lang]))
    items = [f"{i + 1}. {w}" if mark == "1. " else f"{mark}{w}" for i, w in enumerate(words)]
    brief = "\n".join([_OPENINGS[lang].format(b=brand, p=place), head, *items, "zorvik.example"])
    sheet = read_fact_sheet(brief)
    assert _folded(sheet.must_not_say) == _folded(words), brief
    said = " ".join([sheet.brand, sheet.product, *sheet.offers, *sheet.places])
    assert not any(occurs(w, said) for w in words), brief


# ── the words of a rule sentence are rules only ─────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("brief", "forbidden", "brand", "place"),
    [
        ("Don't mention Paris or our old name Zorvik Classic. Quellmar candles are hand-poured in Lyon. "
         "3 for £25 at quellmar.example", ["Paris", "Zorvik Classic"], "Quellmar", "Lyon"),
        ("Quellmar candles are hand-poured in Lyon. Don't mention Paris or our old name Zorvik Classic. "
         "quellmar.example", ["Paris", "Zorvik Classic"], "Quellmar", "Lyon"),
        ("Quellmar candles are hand-poured in Lyon, but never say Paris. quellmar.example", ["Paris"],
         "Quellmar", "Lyon"),
        ("Bäckerei Quellmar in Göttingen. Nicht erwähnen: Kassel oder unseren alten Namen Zorvik Brot. "
         "quellmar.example", ["Kassel", "Zorvik Brot"], "Bäckerei Quellmar", "Göttingen"),
        ("Jabonería Quellmar en Jaén. No menciones Sevilla ni nuestro antiguo nombre Zorvik Clásico. "
         "quellmar.example", ["Sevilla", "Zorvik Clásico"], "Jabonería Quellmar", "Jaén"),
        ("Savonnerie Quellmar à Annecy. Ne dites pas Lyon ni notre ancien nom Zorvik Savon. quellmar.example",
         ["Lyon", "Zorvik Savon"], "Savonnerie Quellmar", "Annecy"),
        ("Padaria Quellmar em Braga. Não mencione Lisboa nem o nosso antigo nome Zorvik Pão. "
         "quellmar.example", ["Lisboa", "Zorvik Pão"], "Padaria Quellmar", "Braga"),
        ("Oleificio Quellmar a Lecce. Non nominare Bari né il nostro vecchio nome Zorvik Oro. "
         "quellmar.example", ["Bari", "Zorvik Oro"], "Oleificio Quellmar", "Lecce"),
    ],
)  # fmt: skip
def test_the_words_of_a_rule_sentence_are_no_place_brand_or_product(brief, forbidden, brand, place):
    sheet = read_fact_sheet(brief)
    assert _folded(sheet.must_not_say) == _folded(forbidden)
    assert sheet.brand == brand
    assert sheet.places == [place]
    facts = " ".join([sheet.brand, sheet.product, *sheet.names, *sheet.offers, *sheet.proof_points])
    assert not any(occurs(w, facts) for w in forbidden), facts


def test_the_copy_after_a_rule_in_the_same_sentence_stays_a_fact():
    sheet = read_fact_sheet("Quellmar candles from Lyon; never say Paris; 3 for £25 at quellmar.example")
    assert sheet.offers == ["3 for £25"] and sheet.places == ["Lyon"] and sheet.must_not_say == ["Paris"]


def test_the_words_a_rule_asks_for_stay_facts_to_say():
    say, never = must_lines("Must say: hand-poured in Lyon. Don't mention Paris.")
    assert say == ["hand-poured in Lyon"] and never == ["Paris"]


# ── the language of short briefs ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Perfumería Alba en Murcia. De regalo, una vela.", "es"),
        ("Perfumería Quellmar en Toledo. De regalo, una vela.", "es"),
        ("Fleca Quellmar en Girona. Envío gratis.", "es"),
        ("Llibreria Vall a Girona. Envío gratis.", "es"),
        ("En Zorvikia, Belmon. Pide ya.", "es"),
        ("Pastelaria Zorvik no Porto. Entrega grátis.", "pt"),
        ("Belkan no Zorbelia. Entrega grátis.", "pt"),
        ("Gelateria Brindle a Lecce. In omaggio, un cono.", "it"),
        ("A Fenkansalia, Ariquivik. Ordina ora.", "it"),
        ("Quikan Belqui in Ariluxia. Free delivery.", "en"),
    ],
)
def test_a_short_brief_is_read_in_its_language(text, lang):
    assert detect_language(text) == lang
    assert read_fact_sheet(text).language == lang


_FRAMES = {
    "es": [
        "{shop} {b} en {p}. De regalo, una vela.",
        "{b} en {p}. Envío gratis.",
        "{shop} {b}, en {p}. Abrimos el sábado.",
        "{b}: pan recién hecho cada día en {p}.",
        "Nuevo en {p}: {b}. Te esperamos.",
        "{b} abre en {p}. Dos por uno el lunes.",
        "{shop} {b}. Hecho a mano en {p}.",
        "En {p}, {b}. Pide ya.",
    ],
    "pt": [
        "{shop} {b} em {p}. De presente, uma vela.",
        "{b} no {p}. Entrega grátis.",
        "{shop} {b}, em {p}. Abrimos no sábado.",
        "{b}: pão fresco todos os dias em {p}.",
        "Novo em {p}: {b}. Esperamos por você.",
        "{b} abre em {p}. Dois por um na segunda.",
        "{shop} {b}. Feito à mão em {p}.",
        "Em {p}, a {b}. Peça já.",
    ],
    "it": [
        "{shop} {b} a {p}. In regalo, una candela.",
        "{b} a {p}. Spedizione gratuita.",
        "{shop} {b}, a {p}. Apriamo sabato.",
        "{b}: pane fresco ogni giorno a {p}.",
        "Nuovo a {p}: {b}. Vi aspettiamo.",
        "{b} apre a {p}. Due al prezzo di uno il lunedì.",
        "{shop} {b}. Fatto a mano a {p}.",
        "Ordina ora da {b}, a {p}.",
    ],
    "fr": [
        "{shop} {b} à {p}. En cadeau, une bougie.",
        "{b} à {p}. Livraison offerte.",
        "Nouveau à {p} : {b}. On vous attend.",
        "{shop} {b}. Fait main à {p}.",
    ],
    "de": [
        "{shop} {b} in {p}. Als Geschenk eine Kerze.",
        "{b} in {p}. Versand kostenlos.",
        "Neu in {p}: {b}. Wir freuen uns auf dich.",
        "{b} öffnet in {p}. Zwei zum Preis von einem.",
    ],
    "en": [
        "{shop} {b} in {p}. A free candle with every order.",
        "{b} in {p}. Free delivery.",
        "New in {p}: {b}. See you there.",
        "{b} opens in {p}. Two for one on Monday.",
    ],
}
"""Short briefs of each language: a shop's name and a place, and a few words of copy."""
_SHOPS = {
    "es": ["Perfumería", "Panadería", "Librería", "Floristería", "Bodega", "Heladería", "Café", "Fleca"],
    "pt": ["Perfumaria", "Padaria", "Livraria", "Floricultura", "Adega", "Sorveteria", "Café"],
    "it": ["Profumeria", "Panificio", "Libreria", "Fioreria", "Cantina", "Gelateria", "Caffè"],
    "fr": ["Parfumerie", "Boulangerie", "Librairie", "Fleuriste", "Cave", "Café"],
    "de": ["Parfümerie", "Bäckerei", "Buchhandlung", "Blumenladen", "Weinkeller", "Café"],
    "en": ["Perfumery", "Bakery", "Bookshop", "Florist", "Wine Cellar", "Café"],
}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(_FRAMES)), st.data(), invented.brand(1, 2), invented.place)
def test_random_short_briefs_are_read_in_their_language(lang, data, brand, place):
    frame = data.draw(st.sampled_from(_FRAMES[lang]))
    text = frame.format(shop=data.draw(st.sampled_from(_SHOPS[lang])), b=brand, p=place)
    assert detect_language(text) == lang, text
