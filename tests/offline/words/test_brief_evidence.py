"""The evidence the brief reader weighs (issue 19): a ranking possessive names a place, not the brand; an
e-mail's sign-off and its address name the company; a rule-only sentence forbids its word and is no copy;
offers keep their terms in the shapes marketers write them."""

from __future__ import annotations

import pytest

from studio.brief import read_fact_sheet, says_what_to_say
from studio.brief.clean import label_of, letter_body, signed_company
from studio.brief.spelling import address_name


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
    assert address_name("0161 496 0732") == ""  # a phone spells no name


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
        # a multi-buy, a condition and its reward, a priced list: each one offer
        ("Kiln Lane makes mugs by hand. Spend £60 and get free delivery. kilnlane.example",
         ["Spend £60 and get free delivery"]),
        ("Coastline Surf School. Book 3 lessons, get the 4th free. coastlinesurf.example",
         ["Book 3 lessons, get the 4th free"]),
        ("Papeterie Colbert. 3 articles achetés, le 4e offert. papeteriecolbert.example",
         ["3 articles achetés, le 4e offert"]),
        ("- Marke: Kornblume\n- Angebot: 3 kaufen, 2 bezahlen\n- Web: kornblume.example",
         ["3 kaufen, 2 bezahlen"]),
        ("Tamsal X7 da Arimonmon: leve dois, pague um até 12 de março. arimonmon.example",
         ["leve dois, pague um até 12 de março"]),
        ("A Pastelaria Confiança faz pastéis de nata. Na compra de 6, oferecemos mais 2. Ligue 222 123 456.",
         ["Na compra de 6, oferecemos mais 2"]),
        ("Vorremmo uno spot per il menù del pranzo: primo, secondo e caffè a 15 €. Chiama il 0583 123456.",
         ["primo, secondo e caffè a 15 €"]),
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


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("Hi, I'm Dana from Pinewood Bakery in Hebden Bridge! Loaves £1 off before 9am. Call 0161 496 0144.",
         "Pinewood Bakery"),
        ("Marco here, from Keystone Motors. Winter check for £39. Book on 0161 496 0143.", "Keystone Motors"),
        ("Hola, soy Lucía, de Horno San Telmo, en Cádiz. Llévate 6 por 9 €. Pedidos al 956 12 34 56.",
         "Horno San Telmo"),
        ("Hallo, ich bin Jonas von der Schreinerei Holzwerk Eifel aus Prüm. Bank gratis dazu. Ruf an: 06551 "
         "123456.", "Schreinerei Holzwerk Eifel"),
        ("Buongiorno, sono Giulia Ferri della Trattoria Da Nello, a Lucca. Dolce offerto. Chiama il 0583 "
         "123456.", "Trattoria Da Nello"),
    ],
)  # fmt: skip
def test_the_business_a_writer_introduces_themself_from_is_the_brand(brief, brand):
    sheet = read_fact_sheet(brief)
    assert sheet.brand == brand
    assert sheet.brand not in sheet.places


def test_a_capitalised_by_word_inside_a_name_is_part_of_it():
    assert read_fact_sheet("Trattoria Da Nello apre a Lucca. Chiama il 0583 123456.").brand != "Nello"


@pytest.mark.parametrize(
    ("brief", "brand"),
    [
        ("Founded by Tom and Aisha Baptiste in Stroud, Oddfellow Coffee roasts beans every Monday. Call 0117 "
         "496 0312.", "Oddfellow Coffee"),
        ("Voted Bristol's best brunch by Time Out, Cafe Ruba serves eggs all day. Call 0117 496 0222.",
         "Cafe Ruba"),
        # the subject is what is sold ('is our ...'): the brewer named by 'by' stays the brand
        ("Brewed in Leeds by North Star Coffee, Morning Star is our brightest blend. Call 0113 496 0999.",
         "North Star Coffee"),
    ],
)  # fmt: skip
def test_a_by_in_an_opening_clause_names_the_maker_of_the_name_that_acts_after_it(brief, brand):
    assert read_fact_sheet(brief).brand == brand


def test_a_name_that_describes_the_noun_after_it_is_no_maker_and_a_day_is_no_brand():
    sheet = read_fact_sheet(
        "Our campaign is for Fernhill Knitwear. Every jumper is knitted from Shetland wool. Orders on 0131 "
        "496 0221."
    )
    assert sheet.brand == "Fernhill Knitwear"
    diner = read_fact_sheet("Route 66 Diner in Swindon does pancakes on Sundays. Call 0117 496 0246.")
    assert diner.brand == "Route 66 Diner"
    # a grammar word after the name opens a clause about the thing ('that grip'): the maker stands
    shoes = read_fact_sheet(
        "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week at "
        "peak.example.com."
    )
    assert shoes.brand == "Peak"
    assert read_fact_sheet("Cold brew from Brewco and a free tote, this week only.").brand == "Brewco"


def test_labels_in_the_six_languages_name_their_part_of_the_brief():
    sheet = read_fact_sheet(
        "- Marchio: Pasticceria Dolce Riva\n- Prodotto: colomba artigianale\n- Offerta: -20% fino a Pasqua\n"
        "- Prenotazioni: 031 123 4567"
    )
    assert (sheet.brand, sheet.product, sheet.offers) == (
        "Pasticceria Dolce Riva", "colomba artigianale", ["-20% fino a Pasqua"]
    )  # fmt: skip
    assert label_of("Angebot: zwei zum Preis von einem") == ("offer", "zwei zum Preis von einem")
    assert label_of("Produit : bougies") == ("product", "bougies")
    assert label_of("Ciao a tutti") is None


def test_a_handle_names_its_owner_when_nothing_else_names_the_brand():
    sheet = read_fact_sheet("New: green smoothies, no added sugar. 2 for £5. Find us on Instagram @greengulp")
    assert sheet.brand == "Greengulp"
    assert address_name("@green_gulp") == "Green Gulp"


def test_a_short_word_inside_an_address_spells_no_brand():
    sheet = read_fact_sheet("Hi! Can we do an ad for our soy candles? 20% off. priya@kindlecandles.com")
    assert sheet.brand != "Can"


def test_a_signature_line_with_a_town_names_the_company_the_letter_names_and_keeps_its_phone():
    lines = ["Hola:", "Un anuncio para Heladería Polar.", "Un abrazo,", "Carmen Ibáñez",
             "Heladería Polar · Alicante", "Tel. 965 12 34 56"]  # fmt: skip
    assert signed_company(lines) == "Heladería Polar"
    assert letter_body(lines)[-1] == "Tel. 965 12 34 56"
    assert read_fact_sheet("\n".join(lines)).address == "965 12 34 56"


def test_a_pasted_emails_header_is_no_copy_and_its_sender_address_stays():
    lines = ["From: Priya Shah <priya@kindlecandles.com>", "Subject: spring ad", "Soy candles, 20% off."]
    assert letter_body(lines) == ["Soy candles, 20% off.", "priya@kindlecandles.com"]
    dated = ["Date: Saturday 12 March", "Harbour Jazz Club opens its doors."]
    assert letter_body(dated) == dated  # a date line alone is no e-mail header


def test_a_heading_keeps_the_article_of_the_name_an_address_spells():
    page = "Accueil · Contact\nLe Potager de Margaux\nDes légumes bio livrés à Nantes.\npotagerdemargaux.fr"
    assert read_fact_sheet(page).brand == "Le Potager de Margaux"
    assert read_fact_sheet("Le Potager de Margaux livre à Nantes. potagerdemargaux.fr").brand == (
        "Potager de Margaux"
    )


def test_a_prefixed_verb_opens_a_call_to_action():
    sheet = read_fact_sheet("Sourdough proved 36 hours. Pre-order at pinewoodbakery.co.uk")
    assert sheet.call_to_action == "Pre-order at pinewoodbakery.co.uk"


def test_a_contraction_or_a_preposition_opening_the_brief_is_no_part_of_the_brand():
    anchor = read_fact_sheet("We're Anchor Studio, a pilates studio in Leith. Book on 0131 496 0555.")
    assert anchor.brand == "Anchor Studio"
    desde = read_fact_sheet("Desde Bilbao, Txoko Gastrobar trae los pintxos. Llama al 944 12 34 56.")
    assert desde.brand == "Txoko Gastrobar" and "Bilbao" in desde.places
