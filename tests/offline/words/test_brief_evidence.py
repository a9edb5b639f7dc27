"""The evidence the brief reader weighs (issue 19): a ranking possessive names a place, not the brand; an
e-mail's sign-off and its address name the company; a rule-only sentence forbids its word and is no copy;
offers keep their terms in the shapes marketers write them."""

from __future__ import annotations

import pytest

from studio.brief import read_fact_sheet, says_what_to_say
from studio.brief.clean import letter_body, signed_company
from studio.brief.roles import address_name


def test_a_ranking_possessive_names_a_place_not_the_brand():
    sheet = read_fact_sheet(
        "Denver's best-loved bagel is coming to Boulder. Rosie Kettle Bagels opens on Pearl Street this "
        "Friday. Call 303-555-0147."
    )
    assert sheet.brand == "Rosie Kettle Bagels"
    assert {"Denver", "Boulder", "Pearl Street"} <= set(sheet.places)


def test_the_brands_own_possessive_is_still_evidence():
    sheet = read_fact_sheet("Brewco's new cold brew is steeped 18 hours. Call 0113 496 0123.")
    assert sheet.brand == "Brewco"


def test_an_email_sign_off_names_the_company_and_keeps_the_contact_line():
    lines = [
        "Hi there,",
        "Guided sunset tours on the estuary.",
        "Best,",
        "Maria Okafor — Tidewater Kayaks",
        "hello@tidewaterkayaks.com",
    ]
    assert letter_body(lines) == ["Guided sunset tours on the estuary.", "hello@tidewaterkayaks.com"]
    assert signed_company(lines) == "Tidewater Kayaks"
    assert signed_company(["Stuff.", "Cheers,", "Ana Lima", "Head of Marketing, Casa Anil"]) == "Casa Anil"
    assert signed_company(["Stuff.", "Thanks,", "Dev Raman", "dev@ledgerpine.io"]) == ""
    # a landing page that ends on its address has no sign-off
    page = ["Dinner, sorted.", "Ready in 20 minutes.", "Start at freshfork.example"]
    assert letter_body(page) == page


def test_an_address_spells_the_brand_when_the_brief_names_none():
    lines = ["Hello,", "Could you make a spot for our invoicing tool? Annual plans are 25% off.", "Thanks,"]
    sheet = read_fact_sheet("\n".join([*lines, "Dev Raman", "dev@ledgerpine.io"]))
    assert sheet.brand == "Ledgerpine"
    assert address_name("info@stempeluhr-digital.de") == "Stempeluhr Digital"
    assert address_name("maria.lopez@gmail.com") == ""  # a mailbox provider names nobody
    assert address_name("@ledgerpine") == "" and address_name("0161 496 0732") == ""


def test_a_name_the_address_spells_across_small_words_is_the_brand():
    brief = "O creme Brisa 5 da Flor de Sintra hidrata por 24 horas. Compre em flordesintra.pt"
    sheet = read_fact_sheet(brief)
    assert sheet.brand == "Flor de Sintra"


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("In the hills of Huila, the beans for Ridgeback grow slowly. Call 0161 496 0732.", "Ridgeback"),
        ("Tired of soggy lunches? Lunchloop keeps salads crisp. Call 0161 496 0732.", "Lunchloop"),
        ("The Aero 5 headphones are the quietest pair Sonvik has built. Call 0161 496 0732.", "Sonvik"),
        ("Ever wondered why Norwegian salmon tastes different? We cure it at Fjordbua. Call 0161 496 0732.",
         "Fjordbua"),
    ],
)  # fmt: skip
def test_a_one_word_brand_after_a_place_a_question_or_a_model_is_found(brief, brand):
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand
    assert brand not in sheet.places


def test_a_word_that_opens_an_answer_without_doing_anything_is_no_brand():
    sheet = read_fact_sheet("Ad for our new coffee mug. Tired of cold coffee? Only $29. Shop now.")
    assert sheet.brand != "Only"
    assert "Only $29" in sheet.offers


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Bitte nicht „billig“ sagen.", "billig"),
        ('Por favor, no uséis la palabra "oferta".', "oferta"),
        ("Please avoid the word cheap.", "cheap"),
        ('Non usare la parola "economico".', "economico"),
        ('Não use a palavra "barato".', "barato"),
        ("Don't mention free.", "free"),
    ],
)
def test_a_rule_only_sentence_forbids_its_word_and_is_no_copy(sentence, word):
    sheet = read_fact_sheet(f"Glimmer candles burn 60 hours. {sentence} glimmer.example")
    assert word in sheet.must_not_say
    assert says_what_to_say(sentence)
    assert not any(word in o for o in sheet.offers)


def test_a_slogan_with_a_negation_and_a_word_for_word_is_copy_not_a_rule():
    # 'sin' and 'palabra' three words apart, across a colon and a comma: a slogan that names the brand
    slogan = "Sin azúcar y sin excusas: Dulzura, la palabra que buscabas."
    assert not says_what_to_say(slogan)
    sheet = read_fact_sheet(f"{slogan} Pide en dulzura.es")
    assert sheet.must_not_say == [] and sheet.brand == "Dulzura"


def test_a_title_in_quotes_beside_an_unrelated_verb_is_no_rule():
    sentence = "Don't miss the 'Midnight Run' and use code RUN10."
    assert not says_what_to_say(sentence)
    assert read_fact_sheet(f"Harbour Jazz Club. {sentence} harbourjazz.example").must_not_say == []


@pytest.mark.parametrize(
    ("brief", "offers"),
    [
        ("Tallyho budgets for you.\n-30% on the yearly plan, ends Friday.\ntallyho.app",
         ["-30% on the yearly plan, ends Friday"]),
        ("Forno Caldera fires pies in 90 seconds. Tuesday is 2 for 1 on margheritas. Call (330) 555-0162.",
         ["Tuesday is 2 for 1 on margheritas"]),
        ("Pawtable cooks fresh dog food. Your first month is on us. pawtable.example",
         ["Your first month is on us"]),
        ("Sandálias Jacarandá. Frete grátis acima de R$ 99 e 2 por 1 em toda a linha infantil até domingo. "
         "sandaliasjacaranda.com.br",
         ["Frete grátis acima de R$ 99", "2 por 1 em toda a linha infantil até domingo"]),
        ("A Confeitaria Anil abre no sábado. Leve 2, pague 1 no dia da inauguração. @confeitariaanil",
         ["Leve 2, pague 1 no dia da inauguração"]),
        ("Kestrel Outdoor Co backpacks. Was £140, now £99 until 31 May. kestreloutdoor.example",
         ["Was £140, now £99 until 31 May"]),
    ],
)  # fmt: skip
def test_offers_keep_their_terms_in_the_shapes_marketers_write(brief, offers):
    assert read_fact_sheet(brief).offers == offers


def test_the_name_an_address_spells_is_its_owners_label_not_a_subdomain():
    assert address_name("shop.northwind.com") == "Northwind"
    assert address_name("https://www.book.ilforno.co.uk") == "Ilforno"
    assert address_name("hello@mail.ledgerpine.io") == "Ledgerpine"
    assert address_name("tienda.gob.mx") == "Tienda"
    sheet = read_fact_sheet("The summer sale: everything 30% off until Sunday. Visit shop.northwind.com")
    assert sheet.brand == "Northwind"


def test_a_town_after_a_venue_and_its_comma_is_no_brand():
    sheet = read_fact_sheet("Nothing beats Sunday roast at The Crown, Hexham. Booking: 01434 600123")
    assert sheet.brand != "Hexham"
