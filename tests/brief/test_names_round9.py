"""Brand names whole, round 9 (issue 19): the end card shows the brand as the brief spells it, so the reader
keeps the whole name, not a part of it, and adds nothing to it. Known answers first, then hypothesis tests
that place invented names (`tests.invented`: syllables no corpus holds) in each frame.

1. a kind of business in small letters before a name ('o restaurante Casa da X'): the business itself, its
   name whole, no maker after a joining word (`naming.KIND`, `naming.maker_of_thing`);
2. a kind of business alone is no name: 'Café' written 'Café de la X', 'Panadería X ... En X' keeps 'X'
   (`whole_name._kind_of`, `whole_name.without_town`); a name with its kind after a preposition of place is
   the venue, not a town ('im Café X', `roles.hosted_name`);
3. German's inflected adjective and noun that open a sentence ('Neue Herbstkollektion bei X') name nothing
   (`roles.described_noun`);
4. a firm's partners in the six languages ('y Hermanos', 'e Figli', 'und Söhne GmbH', 'Cantina X y Y');
5. a capitalised 'Chez' that opens its sentence's subject ('Chez X propose ...');
6. a closing run into the signature ('Thanks, Ana Zorvik Fen'): the first name is the signer's;
7. 'X's serves ...': a name said short is no possessive; 'Wir sind die Bäckerei X'; 'a ouvert l'Atelier X',
   'eröffnete 2015 die Bäckerei X'; a name styled in small letters that the address spells.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from studio.brief.naming import is_kind
from studio.brief.whole_name import without_signer
from tests import invented


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("O restaurante Casa da Zorvela abre às sextas com peixe grelhado. Reservas pelo 912 345 678.",
         "Casa da Zorvela"),
        ("Il ristorante Casa di Trelmo apre a Bologna venerdì. Dolce in omaggio ai primi 50.",
         "Casa di Trelmo"),
        ("El restaurante Casa del Velmar abre en Sevilla el viernes. Postre gratis para los primeros 50.",
         "Casa del Velmar"),
        ("Le restaurant Maison du Quellmar ouvre à Lyon vendredi. Dessert offert aux 50 premiers.",
         "Maison du Quellmar"),
        ("A padaria Forno da Vila Zorvik abre em Braga. Pão grátis no sábado.", "Forno da Vila Zorvik"),
        ("Café de la Brennelle ouvre ses portes à Nantes samedi. Café offert jusqu'à dimanche.",
         "Café de la Brennelle"),
        ("Panadería Quelvira hornea pan de masa madre cada día. En Quelvira, la primera barra es gratis.",
         "Panadería Quelvira"),
        ("Leckere Waffeln jeden Sonntag im Café Trelmar. Kaffee gratis bis 11 Uhr.", "Café Trelmar"),
        ("Neue Herbstkollektion bei Velmora Fen: 20% Rabatt bis Sonntag.", "Velmora Fen"),
        ("Frische Brötchen ab 6 Uhr. Bäckerei Quennwald, Lindenstraße 5, Leipzig.", "Bäckerei Quennwald"),
        ("Neue Ausstellung ab Freitag: Galerie Quellmar zeigt junge Malerei. Eintritt frei.",
         "Galerie Quellmar"),
        ("Frisches Brot gibt es jetzt bei Zorvinka. 10% Rabatt bis Samstag.", "Zorvinka"),
        ("Große Auswahl an Fahrrädern bei Zorvik Velo in Köln. 10% Rabatt bis Samstag.", "Zorvik Velo"),
        ("Cantina Torvel y Hermanos sirve tacos en Madrid. Dos por uno los martes.",
         "Cantina Torvel y Hermanos"),
        ("Trattoria Belmiro e Figli cucina pasta fresca. Dolce gratis la domenica.",
         "Trattoria Belmiro e Figli"),
        ("Kranvik und Söhne GmbH baut Möbel aus Eiche. Lieferung gratis bis Sonntag.",
         "Kranvik und Söhne GmbH"),
        ("Quellmar y Belmon Abogados asesoran a autónomos. Primera consulta gratis.",
         "Quellmar y Belmon Abogados"),
        ("Hola, soy Lucía de la Cantina Mervel y Traquio. Queremos un anuncio: dos por uno los martes.",
         "Cantina Mervel y Traquio"),
        ("Weingut Trelmo von Belsach lädt zur Weinprobe ein. Eintritt frei bis Samstag.",
         "Weingut Trelmo von Belsach"),
        ("Ofertas de verano en Zorvik Deportes S.L.: 20% en todo hasta el domingo.", "Zorvik Deportes S.L."),
        ("Chez Quillane propose un menu du jour à 14 €. Réservez au 01 23 45 67 89.", "Chez Quillane"),
        ("Venez dîner au bistrot Chez Marthe à Lyon. Dessert offert jusqu'à dimanche.", "Chez Marthe"),
        ("Brine 'n' Ember grills burgers over charcoal. Free fries on Mondays.", "Brine 'n' Ember"),
        ("hey! winter menu ad pls. soup + bread £6 all week\nThanks, Ana\nTamrick Fen", "Tamrick Fen"),
        ("Marlo's Diner opens at 6. Marlo's serves pancakes all day. Free coffee until Friday.",
         "Marlo's Diner"),
        ("Wir sind die Bäckerei Quellhof aus Kiel. Brötchen für 30 Cent bis Samstag.", "Bäckerei Quellhof"),
        ("Claire Belmon a ouvert l'Atelier Sorvane à Lyon. Premier cours offert.", "Atelier Sorvane"),
        ("Jonas Belmon eröffnete 2015 die Bäckerei Zorwald in Kiel. Brötchen für 30 Cent bis Samstag.",
         "Bäckerei Zorwald"),
        ("Menu de printemps : deux plats pour 18 € jusqu'au 30 avril.\n— L'équipe du Café de la Quellmar",
         "Café de la Quellmar"),
        ("the quivel collective runs free design workshops in Porto. sign up at quivelcollective.example",
         "quivel collective"),
        ("Nouvelle boutique : Quellvane Paris ouvre rue de Rivoli. À Paris, -20% jusqu'à dimanche.",
         "Quellvane"),
    ],
)  # fmt: skip
def test_the_brand_is_read_whole(brief, brand):
    assert read_fact_sheet(brief).brand == brand


@pytest.mark.parametrize(
    ("brief", "brand", "product"),
    [
        # a thing's noun before a name still reads its maker after the joining word (round 8)
        ("La lampe Belmon de Zorvik Fen éclaire le salon. 20 € de remise jusqu'à dimanche.", "Zorvik Fen",
         "lampe Belmon"),
        ("A mochila Trakan do Quellmar aguenta a chuva toda. Frete grátis esta semana.", "Quellmar",
         "mochila Trakan"),
    ],
)  # fmt: skip
def test_a_things_maker_is_still_read(brief, brand, product):
    sheet = read_fact_sheet(brief)
    assert (sheet.brand, sheet.product) == (brand, product)


def test_a_german_name_of_an_adjective_that_acts_or_is_written_again_stays_a_name():
    assert read_fact_sheet("Alte Mühle backt jeden Morgen Brot. Brötchen für 30 Cent bis Samstag.").brand == (
        "Alte Mühle"
    )


def test_kinds_and_signers():
    assert is_kind("Panadería") and is_kind("bakery") and is_kind("Bäckerei") and not is_kind("Zorvik")
    assert without_signer("Ana Zorvik Fen", "... all week. Thanks, Ana Zorvik Fen") == "Zorvik Fen"
    # the same name written elsewhere without a closing before it is the brand whole
    assert without_signer("Ana Zorvik Fen", "Ana Zorvik Fen makes tea. Thanks, Ana Zorvik Fen") == (
        "Ana Zorvik Fen"
    )


_KIND_FRAMES = [
    ("O restaurante Casa da {w} abre às sextas com peixe grelhado. Sobremesa grátis até domingo.",
     "Casa da {w}"),
    ("El restaurante Casa del {w} abre el viernes. Postre gratis para los primeros 50.", "Casa del {w}"),
    ("Il ristorante Casa di {w} apre venerdì. Dolce in omaggio ai primi 50.", "Casa di {w}"),
    ("Le restaurant Maison du {w} ouvre vendredi. Dessert offert aux 50 premiers.", "Maison du {w}"),
    ("Café de la {w} ouvre ses portes samedi. Café offert jusqu'à dimanche.", "Café de la {w}"),
    ("Leckere Waffeln jeden Sonntag im Café {w}. Kaffee gratis bis 11 Uhr.", "Café {w}"),
]


@settings(max_examples=30, deadline=None)
@given(frame=st.sampled_from(_KIND_FRAMES), w=invented.word)
def test_a_name_with_its_kind_of_business_is_read_whole(frame, w):
    brief, brand = frame
    assert read_fact_sheet(brief.format(w=w)).brand == brand.format(w=w)


_ADJECTIVES = ["Neue", "Frische", "Große", "Leckere", "Heiße", "Neues", "Frisches"]


@settings(max_examples=25, deadline=None)
@given(adjective=st.sampled_from(_ADJECTIVES), noun=invented.word, brand=invented.brand(2, 2))
def test_a_german_adjective_and_noun_opening_a_brief_are_no_brand(adjective, noun, brand):
    sheet = read_fact_sheet(f"{adjective} {noun}kollektion bei {brand}: 20% Rabatt bis Sonntag.")
    assert sheet.brand == brand


_FIRMS = [
    ("{a} y Hermanos sirve tacos cada día. Dos por uno los martes.", "{a} y Hermanos"),
    ("{a} e Figli cucina pasta fresca. Dolce gratis la domenica.", "{a} e Figli"),
    ("{a} und Söhne GmbH baut Möbel aus Eiche. Lieferung gratis bis Sonntag.", "{a} und Söhne GmbH"),
    ("{a} & Fils fabrique des couteaux. Livraison offerte jusqu'à dimanche.", "{a} & Fils"),
    ("{a} e Filhos fazem pão de fermentação lenta. Pão grátis ao sábado.", "{a} e Filhos"),
]


@settings(max_examples=25, deadline=None)
@given(frame=st.sampled_from(_FIRMS), kind=st.sampled_from(["Cantina", "Trattoria", "Atelier", "Padaria"]),
       w=invented.word)  # fmt: skip
def test_a_firms_partners_are_its_names_own(frame, kind, w):
    brief, brand = frame
    a = f"{kind} {w}"
    assert read_fact_sheet(brief.format(a=a)).brand == brand.format(a=a)


_CLOSINGS = ["Thanks", "Cheers", "Merci", "Danke", "Gracias", "Grazie", "Obrigada"]


@settings(max_examples=25, deadline=None)
@given(closing=st.sampled_from(_CLOSINGS), signer=invented.word, brand=invented.brand(2, 2))
def test_a_signers_first_name_before_the_business_is_no_part_of_it(closing, signer, brand):
    brief = f"hey! winter menu ad pls. soup + bread £6 all week\n{closing}, {signer}\n{brand}"
    assert read_fact_sheet(brief).brand == brand


@settings(max_examples=20, deadline=None)
@given(w=invented.word)
def test_chez_that_opens_its_subject_is_the_names_own(w):
    assert read_fact_sheet(f"Chez {w} propose un menu du jour à 14 €. Réservez au 01 23 45 67 89.").brand == (
        f"Chez {w}"
    )


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        # a one-word name before its verb and a bare plural object, no web address to back it: before, a
        # German noun after the verb ('Bienenwachs', 'Brot') or nothing was the brand
        ("Zorzor macht Kerzen aus Bienenwachs. 10 % Rabatt bis Sonntag.", "Zorzor"),
        ("Quellmar backt Brot seit 1952. Jeden Samstag frisch.", "Quellmar"),
        ("Zorzor produce candele di cera d'api. Sconto del 10% fino a domenica.", "Zorzor"),
        ("Zorzor hace velas de cera. 10% de descuento hasta el domingo.", "Zorzor"),
        ("Zorzor faz velas de cera. 10% de desconto até domingo.", "Zorzor"),
        ("Trakan repara bicicletas em Lisboa. Revisão grátis.", "Trakan"),
        # an adjective before a preposition, a word of time: the opening word acts not
        ("Pizza fresca di giornata da Quellmar. Sconto del 10%.", "Quellmar"),
        ("Torta casera todos los días en Pastelería Belmon. 10% de descuento.", "Pastelería Belmon"),
    ],
)  # fmt: skip
def test_a_name_before_its_verb_and_a_bare_object(brief, brand):
    assert read_fact_sheet(brief).brand == brand


_BARE = {
    "de": "{name} macht Kerzen aus Wachs. 10 % Rabatt bis Sonntag.",
    "es": "{name} hace velas de cera. 10% de descuento hasta el domingo.",
    "it": "{name} produce candele di cera. Sconto del 10% fino a domenica.",
    "pt": "{name} faz velas de cera. 10% de desconto até domingo.",
}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(_BARE)), invented.word)
def test_generated_names_before_a_verb_and_a_bare_object(lang, name):
    assert read_fact_sheet(_BARE[lang].format(name=name)).brand == name
