"""Names in briefs, round 8 (issue 19): the shapes the reader misread before it, known answers first, then
hypothesis tests that place invented names (`tests.invented`: syllables no corpus holds) in each frame.

1. a thing's name, then its maker's after a joining word ('A lâmpada Belmon da Zorvik Fen', 'lo zaino
   Trakan di Quellmar', 'la lampe Belmon de Zorvik Fen'): the product is the noun with its name, the brand
   the maker (`naming.maker_of_thing`);
2. a business whose name holds a number ('Studio 54 ofrece ...', 'Halle 7 zeigt ...', 'en Studio 54'): the
   brand whole, the number no quantity (`naming.acts_after_number`, `roles.hosted_name`);
3. a brief set out under headings ('Zielgruppe', 'Kernbotschaft', 'Público:', on their own lines or before a
   colon): a heading is never the brand (`roles.sectioned_brand`), found by its shape, so the tests write
   invented headings;
4. the host after 'bei', 'chez', 'presso', 'en casa de', 'no', 'na' ('Brunch am Sonntag bei Quellmar'): the
   brand, not a place (`roles.hosted_name`);
5. the brand said only in a sign-off ('Equipe Brindle').
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from studio.brief.roles import headings
from tests import invented


@pytest.mark.parametrize(
    ("brief", "brand", "product"),
    [
        ("A lâmpada Belmon da Zorvik Fen acende-se sozinha ao anoitecer. 20% de desconto até domingo em "
         "zorvikfen.example", "Zorvik Fen", "lâmpada Belmon"),
        ("A mochila Trakan do Quellmar aguenta a chuva toda. Frete grátis esta semana.", "Quellmar",
         "mochila Trakan"),
        ("Lo zaino Trakan di Quellmar resiste alla pioggia. Spedizione gratuita.", "Quellmar",
         "zaino Trakan"),
        ("La lampada Belmon di Zorvik Fen illumina il salotto. Sconto del 20% fino a domenica.", "Zorvik Fen",
         "lampada Belmon"),
        ("La lampe Belmon de Zorvik Fen éclaire le salon. 20 € de remise jusqu'à dimanche.", "Zorvik Fen",
         "lampe Belmon"),
        ("La montre Orvane de Velmora tient dix jours sans recharge. Livraison offerte.", "Velmora",
         "montre Orvane"),
        ("Las zapatillas Trakan de Brindle corren más ligeras. Envío gratis.", "Brindle",
         "zapatillas Trakan"),
    ],
)  # fmt: skip
def test_a_things_name_then_its_makers(brief, brand, product):
    sheet = read_fact_sheet(brief)
    assert (sheet.brand, sheet.product) == (brand, product)


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("Studio 54 ofrece clases de yoga para principiantes cada mañana. Primera clase gratis.",
         "Studio 54"),
        ("Halle 7 zeigt ab Freitag eine neue Ausstellung mit jungen Fotografen. Eintritt frei.", "Halle 7"),
        ("Officina 12 ripara biciclette in giornata. Controllo gratuito fino a sabato.", "Officina 12"),
        ("Oficina 21 conserta bicicletas no mesmo dia. Revisão grátis até sábado.", "Oficina 21"),
        ("Clases de yoga en Studio 54 todas las mañanas. Primera clase gratis.", "Studio 54"),
    ],
)  # fmt: skip
def test_a_business_named_with_a_number(brief, brand):
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand
    assert sheet.product != brand  # 'Studio 54' is no model's name


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("Zielgruppe\nJunge Familien in der Stadt\nKernbotschaft\n"
         "Quellmar backt jeden Morgen frisches Brot.\nTonalität\nwarm und nah", "Quellmar"),
        ("Zielgruppe: junge Familien\nKernbotschaft: Quellmar backt jeden Morgen frisches Brot.\n"
         "Tonalität: warm", "Quellmar"),
        ("Público: famílias jovens\nMensagem: pão fresco todas as manhãs na Padaria Zorvik\nTom: caloroso",
         "Padaria Zorvik"),
        ("Público\nJóvenes deportistas\nMensaje\nLas zapatillas Trakan de Brindle corren más ligeras.",
         "Brindle"),
        ("Cible\nJeunes parents pressés\nMessage clé\n"
         "La poussette Orvane de Velmora se plie d'une main.\nTon\nrassurant", "Velmora"),
        ("Pubblico\nGiovani famiglie\nMessaggio\nIl forno Zorvik sforna pane fresco ogni mattina.", "Zorvik"),
    ],
)  # fmt: skip
def test_a_heading_is_no_brand(brief, brand):
    assert read_fact_sheet(brief).brand == brand


def test_a_brands_own_line_is_no_heading():
    """A name on a line of its own that the brief writes again is a name, not a heading; one label before a
    colon makes no sections ('Tiny Kingdoms: a cozy strategy game')."""
    assert headings("FreshFork. Dinner, sorted. Order at FreshFork. Free delivery.") == []
    assert headings("Tiny Kingdoms: a cozy strategy game. Play free.") == []
    sectioned = headings("Zielgruppe. Junge Familien in Köln. Botschaft: frisches Brot.")
    assert [m.group("h") for m in sectioned] == ["Zielgruppe", "Botschaft"]


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("Brunch am Sonntag bei Quellmar: Eier, Brot und Kaffee satt. 19 € pro Person.", "Quellmar"),
        ("Brunch aos domingos no Quellmar: ovos, pão e café à vontade. 19 € por pessoa.", "Quellmar"),
        ("Brunch aos domingos na Zorvika: ovos, pão e café à vontade. 19 € por pessoa.", "Zorvika"),
    ],
)
def test_the_host_is_the_brand(brief, brand):
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand
    assert brand not in sheet.places


def test_a_sign_off_with_the_portuguese_team_word():
    brief = "Pão fresco todas as manhãs e café da casa. 10% de desconto antes das 8h.\nEquipe Brindle"
    assert read_fact_sheet(brief).brand == "Brindle"


def _distinct(*words: str) -> bool:
    parts = [p for w in words for p in w.split()]
    return len(set(parts)) == len(parts) and not any(a in b for a in parts for b in parts if a != b)


MAKER = {
    "pt da": ("A lâmpada {p} da {b} acende-se sozinha ao anoitecer. 20% de desconto até domingo.", "lâmpada"),
    "pt do": ("O candeeiro {p} do {b} acende-se sozinho ao anoitecer. Portes grátis.", "candeeiro"),
    "it": ("La lampada {p} di {b} si accende da sola al tramonto. Sconto del 20% fino a domenica.",
           "lampada"),
    "fr": ("La lampe {p} de {b} s'allume toute seule le soir. 20 € de remise jusqu'à dimanche.", "lampe"),
    "es": ("La lámpara {p} de {b} se enciende sola al anochecer. 20 € de descuento hasta el domingo.",
           "lámpara"),
    "de": ("Die Lampe {p} von {b} schaltet sich abends selbst ein. 20 € Rabatt bis Sonntag.", "Lampe"),
}  # fmt: skip
"""A thing's noun and name, the joining word, its maker: the product is the noun with the name."""


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(MAKER)), invented.brand(1, 2), invented.brand(1, 2))
def test_the_joining_word_tells_the_thing_from_its_maker(frame, product, brand):
    if not _distinct(product, brand):
        return
    text, noun = MAKER[frame]
    sheet = read_fact_sheet(text.format(p=product, b=brand))
    assert (sheet.brand, sheet.product) == (brand, f"{noun} {product}"), text.format(p=product, b=brand)


NUMBERED = {
    "es": "{n} ofrece clases de yoga para principiantes cada mañana. Primera clase gratis.",
    "fr": "{n} propose des cours de céramique le samedi. Premier cours offert.",
    "de": "{n} zeigt ab Freitag junge Fotografie. Eintritt frei.",
    "it": "{n} ripara biciclette in giornata. Controllo gratuito fino a sabato.",
    "pt": "{n} conserta bicicletas no mesmo dia. Revisão grátis até sábado.",
    "es, venue": "Clases de yoga en {n} todas las mañanas. Primera clase gratis.",
    "it, venue": "Corsi di ceramica nella {n} ogni sabato. Prima lezione gratuita.",
}
"""A business named with its number, opening the brief and acting, or the venue that hosts it. Not yet a
German sentence that opens on an adjective and its noun ('Neue Kurse jeden Morgen in der Halle 7'): German
writes both in capitals, read as a name of two words (`roles.names_something`)."""


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(NUMBERED)), invented.word, st.integers(1, 999))
def test_a_name_with_its_number_is_the_brand_whole(frame, word, number):
    name = f"{word} {number}"
    sheet = read_fact_sheet(NUMBERED[frame].format(n=name))
    assert sheet.brand == name, (NUMBERED[frame].format(n=name), sheet.brand)
    # the number is the name's, never a quantity, an offer or a model's
    assert all(str(number) not in said for said in [*sheet.proof_points, *sheet.offers, sheet.product])


SECTIONED = {
    "de, own lines": "{h1}\nJunge Familien in der Stadt\n{h2}\n{b} backt jeden Morgen Brot aus Sauerteig.\n"
    "{h3}\nwarm und nah",
    "de, colons": "{h1}: junge Familien\n{h2}: {b} backt jeden Morgen Brot aus Sauerteig.\n{h3}: warm",
    "pt, colons": "{h1}: famílias jovens\n{h2}: pão fresco todas as manhãs na {b}\n{h3}: caloroso",
    "fr, own lines": "{h1}\nJeunes parents pressés\n{h2}\nLa poussette Orvane de {b} se plie d'une main.\n"
    "{h3}\nrassurant",
    "es, own lines": "{h1}\nJóvenes deportistas\n{h2}\nLas zapatillas Orvane de {b} corren más ligeras.",
    "it, own lines": "{h1}\nGiovani famiglie\n{h2}\nIl forno {b} sforna pane fresco ogni mattina.",
}
"""Briefs set out under headings the tests invent: a heading is found by its shape, not by its word."""


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(SECTIONED)), invented.word, invented.word, invented.word, invented.brand(1, 1))
def test_a_heading_of_any_word_is_never_the_brand(frame, h1, h2, h3, brand):
    if not _distinct(h1, h2, h3, brand, "Orvane"):
        return
    brief = SECTIONED[frame].format(h1=h1, h2=h2, h3=h3, b=brand)
    assert read_fact_sheet(brief).brand == brand, brief


HOSTED = {
    "de": "Brunch am Sonntag bei {b}: Eier, Brot und Kaffee satt. 19 € pro Person.",
    "fr": "Brunch le dimanche chez {b} : œufs, pain et café à volonté. 19 € par personne.",
    "it": "Brunch la domenica presso {b}: uova, pane e caffè a volontà. 19 € a persona.",
    "es": "Brunch los domingos en casa de {b}: huevos, pan y café sin límite. 19 € por persona.",
    "pt no": "Brunch aos domingos no {b}: ovos, pão e café à vontade. 19 € por pessoa.",
    "pt na": "Jantar às sextas na {b}: três pratos e vinho da casa. 25 € por pessoa.",
}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(HOSTED)), invented.brand(1, 2))
def test_the_host_of_any_name_is_the_brand_not_a_place(frame, brand):
    sheet = read_fact_sheet(HOSTED[frame].format(b=brand))
    assert sheet.brand == brand, (HOSTED[frame].format(b=brand), sheet.brand)
    assert brand not in sheet.places


SIGNED = {
    "de": "Frisches Brot jeden Morgen, dazu Kaffee aus der eigenen Rösterei. 10 % Rabatt für Frühaufsteher.\n"
    "— das Team von {b}",
    "pt": "Pão fresco todas as manhãs e café da casa. 10% de desconto antes das 8h.\nEquipe {b}",
    "es": "Pan recién hecho cada mañana y café de la casa. 10% de descuento antes de las 8.\n"
    "Saludos, el equipo de {b}",
    "it": "Pane fresco ogni mattina e caffè della casa. Sconto del 10% prima delle 8.\n"
    "A presto, il team di {b}",
}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(SIGNED)), invented.brand(1, 2))
def test_the_brand_said_only_in_a_sign_off(frame, brand):
    brief = SIGNED[frame].format(b=brand)
    assert read_fact_sheet(brief).brand == brand, brief
