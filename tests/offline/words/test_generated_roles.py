"""Generated briefs (hypothesis) for who is who: an invented brand placed after a place, a product name or a
question, in varied sentence shapes and the six languages, is read as the brand (never the place, the
product or the question's words), said in the voiceover and shown on the end card. A client's e-mail signed
for a company names that company; a rule-only sentence ('Bitte nicht „billig“ sagen.') is never said, and
its word appears nowhere in the ad.

The brands, places and products are invented syllables, so no word list of the corpus can carry these.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from studio.brief.clean import fold
from tests import invented
from tests.briefs.measure import ad_words, occurs

_word, _place = invented.word, invented.place
_brand = invented.brand(2, 3)
_model = st.tuples(_word, st.integers(2, 9)).map(lambda t: f"{t[0]} {t[1]}")

# {place}, {product} and {brand} in shapes where the brand comes after them; each language's own offer
_AFTER_A_PLACE = {
    "en": [
        "In the hills of {place}, the beans for {brand} ripen slowly.",
        "{place}'s favourite breakfast is now a jar: {brand} honey, raw and unfiltered.",
        "Down by the old harbour in {place}, {brand} smokes fish over oak for 12 hours.",
    ],
    "es": ["En los valles de {place}, las uvas de {brand} maduran despacio."],
    "fr": ["Au cœur de {place}, la fromagerie {brand} affine ses tommes 6 mois."],
    "de": ["Mitten in {place} röstet {brand} seit 1998 Kaffee."],
    "it": ["Nel cuore di {place}, il pastificio {brand} trafila la pasta al bronzo."],
    "pt": ["Nas serras de {place}, o mel de {brand} é colhido à mão."],
}
_AFTER_A_PRODUCT = {
    "en": [
        "The {product} jacket is the lightest shell {brand} has ever made.",
        "Our {product} kettle, designed by {brand}, boils in 90 seconds.",
    ],
    "es": ["La mochila {product} de {brand} pesa solo 900 gramos."],
    "fr": ["Le sérum {product} de {brand} hydrate pendant 24 heures."],
    "de": ["Der Rucksack {product} von {brand} wiegt nur 900 Gramm."],
    "it": ["Lo zaino {product} di {brand} pesa solo 900 grammi."],
    "pt": ["A mochila {product} da {brand} pesa apenas 900 gramas."],
}
_AFTER_A_QUESTION = {
    "en": [
        "Tired of cold coffee by 10am? {brand} mugs keep it hot for 6 hours.",
        "What if dinner cooked itself? That's the idea behind {brand}, a slow cooker you start from bed.",
    ],
    "es": ["¿Cansado de perder recibos? Con {brand} los guardas con una foto."],
    "fr": ["Une fuite sous l'évier un dimanche soir ? {brand} intervient en moins d'une heure."],
    "de": ["Rücken verspannt vom Homeoffice? {brand} hilft mit 30 Minuten Behandlung."],
    "it": ["Cerchi un gelato fatto come una volta? {brand} manteca ogni mattina con latte di montagna."],
    "pt": ["Cansada de cremes que prometem tudo? {brand} hidrata por 24 horas."],
}
_OFFER = {
    "en": "Buy 2, get 1 free until Sunday.",
    "es": "2x1 hasta el domingo.",
    "fr": "-15 % jusqu'à dimanche.",
    "de": "3 für 2 bis Sonntag.",
    "it": "Sconto del 20% fino a domenica.",
    "pt": "Leve 2, pague 1 até domingo.",
}
_VISIT = {"en": "Order at", "es": "Pide en", "fr": "Commandez sur", "de": "Bestellen auf", "it": "Ordina su",
          "pt": "Peça em"}  # fmt: skip
_CALL = {"en": "Call 0161 496 0732", "es": "Llama al 923 12 34 56", "fr": "Appelez le 05 61 23 45 67",
         "de": "Ruf an: 030 1234567", "it": "Chiama il 02 1234 5678",
         "pt": "Ligue para 212 345 678"}  # fmt: skip
"""A phone to call: an address that spells no name, so the brand is found by the words around it alone."""
_SHAPES = [
    (lang, shape) for table in (_AFTER_A_PLACE, _AFTER_A_PRODUCT, _AFTER_A_QUESTION)
    for lang, shapes in table.items() for shape in shapes
]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SHAPES), _brand, _place, _model, st.booleans())
def test_a_brand_after_a_place_a_product_or_a_question_is_the_brand_said_and_on_the_end_card(
    shaped, brand, place, product, by_phone
):
    lang, shape = shaped
    opening = shape.format(brand=brand, place=place, product=product)
    reach = _CALL[lang] if by_phone else f"{_VISIT[lang]} {fold(brand)}.example"
    brief = f"{opening} {_OFFER[lang]} {reach}"
    ad = ad_words(brief)
    assert occurs(brand, ad.brand_line), (brief, ad.brand_line)
    assert not occurs(place, ad.brand_line) and not occurs(product, ad.brand_line), (brief, ad.brand_line)
    assert occurs(brand, ad.voiceover), (brief, ad.voiceover)
    assert occurs(brand, ad.end_card), (brief, ad.end_card)
    assert occurs(_OFFER[lang], ad.everything), (brief, ad)


_CLOSINGS = ["Best,", "Thanks,", "Cheers,", "Un saludo,", "Cordialement,", "Viele Grüße", "Grazie,",
             "Abraços,"]  # fmt: skip
_SIGNED = ["{person} — {company}", "{person}, {company}", "{person}\nHead of Marketing, {company}"]


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_CLOSINGS), st.sampled_from(_SIGNED), _brand, _word, _place)
def test_an_email_signed_for_a_company_names_that_company_not_the_person(
    closing, signed, company, first, place
):
    person = f"{first} {fold(place).capitalize()}"
    mailbox = f"hello@{fold(company)}.com"
    brief = "\n".join(
        [
            "Hi there,",
            f"We'd love a short spot for our spring tours around {place}. Two hours, all gear included.",
            "Kids under 12 paddle free with a paying adult.",
            closing,
            signed.format(person=person, company=company),
            mailbox,
        ]
    )
    ad = ad_words(brief)
    assert occurs(company, ad.brand_line), (brief, ad.brand_line)
    assert occurs(company, ad.voiceover) and occurs(company, ad.end_card), (brief, ad)
    assert not occurs(person, ad.everything), (brief, ad)
    assert occurs(mailbox, ad.end_card)
    assert occurs("Kids under 12 paddle free with a paying adult", ad.everything)


_RULES = {
    "en": ["Don't mention {word}.", 'Please avoid the word "{word}".', "Never use the word {word}."],
    "es": ['No digas "{word}".', 'Por favor, no uséis la palabra "{word}".'],
    "fr": ["Ne dites pas « {word} ».", "Merci d'éviter le mot « {word} »."],
    "de": ['Bitte nicht „{word}“ sagen.', 'Das Wort "{word}" bitte nicht verwenden.'],
    "it": ['Non usare la parola "{word}".', 'Non dite "{word}".'],
    "pt": ['Não use a palavra "{word}".', 'Não diga "{word}".'],
}
_BODY = {
    "en": "{brand} candles burn clean for 60 hours, hand-poured in {place}.",
    "es": "Las velas de {brand} arden 60 horas, hechas a mano en {place}.",
    "fr": "Les bougies {brand} brûlent 60 heures, coulées à la main à {place}.",
    "de": "Die Kerzen von {brand} brennen 60 Stunden, handgegossen in {place}.",
    "it": "Le candele di {brand} bruciano per 60 ore, colate a mano a {place}.",
    "pt": "As velas da {brand} duram 60 horas, feitas à mão em {place}.",
}
# words the studio's own phrases use in each language: a rule must reach those phrases too
_FORBIDDEN = {
    "en": ["meet", "upgrade", "wait", "today", "easy"],
    "es": ["descubre", "atención", "pierdas"],
    "fr": ["découvrez", "regardez", "manquer"],
    "de": ["entdecke", "verpassen", "mehr"],
    "it": ["scopri", "guarda", "perdere"],
    "pt": ["conheça", "perca", "atenção"],
}
_RULE_CASES = [
    (lang, rule, word) for lang, rules in _RULES.items() for rule in rules for word in _FORBIDDEN[lang]
]  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_RULE_CASES), _brand, _place)
def test_a_rule_only_sentence_is_never_said_and_its_word_appears_nowhere(case, brand, place):
    lang, rule, word = case
    url = f"{fold(brand)}.example"
    brief = f"{_BODY[lang].format(brand=brand, place=place)} {rule.format(word=word)} {url}"
    ad = ad_words(brief)
    assert not occurs(word, ad.everything), (brief, ad)
    assert occurs(brand, ad.voiceover) and occurs(brand, ad.end_card), (brief, ad)
    assert occurs(url, ad.end_card), (brief, ad.end_card)


_INTRODUCTIONS = {
    "en": ["Hi, I'm {person} from {brand} in {place}!", "{person} here, from {brand}.",
           "Hello, this is {person} from the {brand} in {place}."],
    "es": ["Hola, soy {person}, de {brand}, en {place}."],
    "fr": ["Bonjour, je suis {person}, de la {brand} à {place}."],
    "de": ["Hallo, ich bin {person} von der {brand} aus {place}."],
    "it": ["Buongiorno, sono {person} della {brand}, a {place}."],
    "pt": ["Olá! Sou o {person}, da {brand}, em {place}."],
}  # fmt: skip
_INTRO_SHAPES = [(lang, shape) for lang, shapes in _INTRODUCTIONS.items() for shape in shapes]


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_INTRO_SHAPES), _brand, _word, _place)
def test_the_business_a_writer_introduces_themself_from_is_the_brand_not_the_person_or_the_place(
    shaped, brand, person, place
):
    lang, shape = shaped
    assume(not occurs(person, brand) and not occurs(person, place))
    brief = f"{shape.format(person=person, brand=brand, place=place)} {_OFFER[lang]} {_CALL[lang]}"
    ad = ad_words(brief)
    assert occurs(brand, ad.brand_line), (brief, ad.brand_line)
    assert not occurs(person, ad.brand_line) and not occurs(place, ad.brand_line), (brief, ad.brand_line)
    assert occurs(brand, ad.end_card), (brief, ad.end_card)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["Founded by {person} in {place}", "Founded in 1998 by {person}",
                        "Voted {place}'s best bakery by {person}"]), _brand, _brand, _place)  # fmt: skip
def test_a_name_after_by_in_an_opening_clause_gives_way_to_the_business_that_acts_after_it(
    clause, brand, person, place
):
    assume(not occurs(person, brand) and not occurs(brand, person))
    opening = clause.format(person=person, place=place)
    brief = f"{opening}, {brand} bakes sourdough every morning. {_CALL['en']}"
    ad = ad_words(brief)
    assert occurs(brand, ad.brand_line) and not occurs(person, ad.brand_line), (brief, ad.brand_line)
    assert occurs(brand, ad.end_card), (brief, ad.end_card)
