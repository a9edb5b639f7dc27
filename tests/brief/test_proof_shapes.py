"""Proof phrases in the six languages (studio/brief/proof.py, numbers.py): claims a marketer must not soften
are read as the brief spells them and said verbatim by the offline ad, never swallowing the brand, an offer
or the address.

Known answers per shape and language first, then what is never a claim, then hypothesis tests over invented
claims in each language's claim shapes inside varied sentence frames."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief.numbers import proof_phrase, proof_points
from studio.brief.reader import read_fact_sheet
from studio.brief.shapes import find_all, proof_phrases
from tests import invented
from tests.briefs.measure import ad_words, occurs


def _claims(text: str) -> list[str]:
    return [f.text for f in proof_phrases(text)]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # warranties, in each language's word order and with its number words
        ("Zapatillas con garantía de dos años.", "garantía de dos años"),
        ("Bicicletas con tres años de garantía.", "tres años de garantía"),
        ("Vélos livrés avec garantie 5 ans.", "garantie 5 ans"),
        ("Vélos livrés avec une garantie de cinq ans.", "garantie de cinq ans"),
        ("Räder mit 5 Jahre Garantie.", "5 Jahre Garantie"),
        ("Räder mit zwei Jahren Garantie.", "zwei Jahren Garantie"),
        ("Räder mit einer Garantie von 5 Jahren.", "Garantie von 5 Jahren"),
        ("Caldaie con garanzia di 3 anni.", "garanzia di 3 anni"),
        ("Pranchas com 2 anos de garantia.", "2 anos de garantia"),
        ("Pranchas com garantia vitalícia.", "garantia vitalícia"),
        ("Boots with a two year warranty.", "two year warranty"),
        # tested, approved, recommended by someone, or in some way
        ("Crema probada por dermatólogos.", "probada por dermatólogos"),
        ("Zapatillas probadas por corredores de montaña, ligeras.", "probadas por corredores de montaña"),
        ("Crème testée dermatologiquement.", "testée dermatologiquement"),
        ("Crème recommandée par les pharmaciens.", "recommandée par les pharmaciens"),
        ("Creme, dermatologisch getestet.", "dermatologisch getestet"),
        ("Futter, von Tierärzten empfohlen.", "von Tierärzten empfohlen"),
        ("Crema clinicamente testata.", "clinicamente testata"),
        ("Crocchette raccomandate dai veterinari.", "raccomandate dai veterinari"),
        ("Protetor aprovado pela ANVISA.", "aprovado pela ANVISA"),
        ("Sérum aprovado pela Agência Norvel e feito à mão.", "aprovado pela Agência Norvel"),
        ("Boots tested by mountain guides and loved by hikers.", "tested by mountain guides"),
        ("A formula designed by the Norvel Institute.", "designed by the Norvel Institute"),
        # a thing left out
        ("Pan sin gluten.", "sin gluten"),
        ("Biscuits sans sucre ajouté, croquants.", "sans sucre ajouté"),
        ("Müsli ohne Zuckerzusatz.", "ohne Zuckerzusatz"),
        ("Gelato senza lattosio.", "senza lattosio"),
        ("Shampoo sem parabenos.", "sem parabenos"),
        ("Galletas sin aceite de palma.", "sin aceite de palma"),
        # certifications
        ("Café con certificado ecológico.", "certificado ecológico"),
        ("Miel certifié bio.", "certifié bio"),
        ("Honig, Bio-zertifiziert.", "Bio-zertifiziert"),
        ("Olio certificato biologico.", "certificato biologico"),
        ("Café certificada pela Federação Brava.", "certificada pela Federação Brava"),
        # awards
        ("Un vino premiado.", "premiado"),
        ("Un miel primé au Concours Varel.", "primé au Concours Varel"),
        ("Ein preisgekrönter Käse.", "preisgekrönter"),
        ("Un olio premiato.", "premiato"),
        ("Gold at the Norvel Coffee Awards.", "Gold at the Norvel Coffee Awards"),
        ("Medalla de oro en el Concurso Varel.", "Medalla de oro en el Concurso Varel"),
        # where it is made
        ("Café hecho en Colombia.", "hecho en Colombia"),
        ("Vélos fabriqués en France.", "fabriqués en France"),
        ("Räder, in Deutschland hergestellt.", "in Deutschland hergestellt"),
        ("Bici fatte in Italia.", "fatte in Italia"),
        ("Bolsas feitas à mão.", "feitas à mão"),
        ("Pranchas feitas no Brasil.", "feitas no Brasil"),
    ],
)
def test_a_claim_is_read_as_the_brief_spells_it(text, claim):
    assert claim in _claims(text), (text, _claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "Compra ahora y paga en 12 meses sin intereses.",
        "Sans frais de livraison jusqu'à dimanche.",
        "Ohne Aufpreis bis Sonntag.",
        "Iscriviti senza impegno.",
        "Três meses sem juros.",
        "Sin embargo, el pan es bueno.",
        "Cocina sin saber qué cenar.",
        "Designed by Zorvik in Porto.",  # a maker's 'by' names the brand
        "Certificado de regalo para el Día de la Madre.",  # a gift card, an offer
        "La prime de bienvenue.",  # a bonus, not 'primé'
        "Primer mes gratis.",
    ],
)
def test_what_is_never_a_claim(text):
    assert _claims(text) == [], _claims(text)


def test_a_count_after_by_stays_the_numbers_own():
    text = "Trusted by 40,000 accountants. Used by 8,000 managers."
    assert _claims(text) == []
    assert proof_points(text, [], "", find_all(text)) == ["40,000 accountants", "8,000 managers"]


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("Café de altura, desde 1952.", "desde 1952"),
        ("Olio di Puglia, dal 1952.", "dal 1952"),
        ("Fundada en 1952 en Oaxaca.", "Fundada en 1952"),
        ("Since 1952. Order today.", "Since 1952"),
        ("Valutato 4,8 su 5 dai clienti.", "4,8 su 5"),
        ("Note de 4,7 sur 5.", "4,7 sur 5"),
        ("Rated 4.8 out of 5.", "4.8 out of 5"),
    ],
)
def test_numbers_that_date_or_rate_a_business(text, point):
    assert point in proof_points(text, [], "", find_all(text)), proof_points(text, [], "", find_all(text))


def test_a_rating_is_read_once():
    text = "Über 2.000 Kunden geben 4,8 von 5 Sternen."
    points = proof_points(text, [], "", find_all(text))
    assert "4,8 von 5 Sternen" in points and "5 Sternen" not in points


def test_a_price_after_desde_is_no_year():
    assert proof_phrase("Desde 1952.", "Desde 1952") == "Desde 1952"
    points = proof_points("Menú desde 19 €.", [], "", [])
    assert not any(p.lower().startswith("desde") for p in points), points


@pytest.mark.parametrize(
    ("brief", "claims"),
    [
        (
            "Zapatillas de trail de Trailfox: agarre en roca mojada, probadas por corredores de montaña, "
            "garantía de dos años. Compra en trailfox.example/es",
            ["probadas por corredores de montaña", "garantía de dos años"],
        ),
        (
            "O novo creme de rosto da Brindle Skin: dermatologicamente testado, sem parabenos, vegano. "
            "Compre em brindleskin.example/pt.",
            ["dermatologicamente testado", "sem parabenos"],
        ),
    ],
)
def test_the_briefs_that_said_none_of_their_claims(brief, claims):
    sheet = read_fact_sheet(brief)
    words = ad_words(brief).everything
    for claim in claims:
        assert claim in sheet.proof_points, sheet.proof_points
        assert occurs(claim, words), (claim, words)


# ── hypothesis: invented claims in each language's shapes, inside varied frames ──────────────────────

_low = st.lists(st.sampled_from(invented.SYLLABLES), min_size=2, max_size=3).map("".join)
"""An invented lower-case word ('zorvik'): an ingredient, a doer, a quality."""

NUMBERS = {
    "en": ["2", "3", "two", "five"],
    "es": ["2", "3", "dos", "cinco"],
    "fr": ["2", "3", "deux", "cinq"],
    "de": ["2", "3", "zwei", "fünf"],
    "it": ["2", "3", "due", "cinque"],
    "pt": ["2", "3", "dois", "cinco"],
}

CLAIMS: dict[str, list[str]] = {
    "en": [
        "{n} year warranty",
        "tested by {w}ers",
        "recommended by {w} experts",
        "free from {w}",
        "made in {P}",
        "Gold at the {P} Awards",
        "clinically tested",
    ],
    "es": [
        "garantía de {n} años",
        "{n} años de garantía",
        "probado por {w}eros",
        "recomendado por los {w}eros",
        "sin {w}",
        "hecho en {P}",
        "certificado {w}ico",
        "dermatológicamente probado",
    ],
    "fr": [
        "garantie {n} ans",
        "{n} ans de garantie",
        "testé par les {w}eurs",
        "sans {w}",
        "fabriqué en {P}",
        "certifié {w}",
        "testé dermatologiquement",
        "primé au Concours {P}",
    ],
    "de": [
        "{n} Jahre Garantie",
        "Garantie von {n} Jahren",
        "von {W}ern empfohlen",
        "ohne {W}",
        "in {P} hergestellt",
        "{W}-zertifiziert",
        "dermatologisch getestet",
    ],
    "it": [
        "garanzia di {n} anni",
        "{n} anni di garanzia",
        "testato dai {w}ori",
        "senza {w}",
        "fatto in {P}",
        "certificato {w}ico",
        "clinicamente testato",
    ],
    "pt": [
        "{n} anos de garantia",
        "garantia de {n} anos",
        "aprovado pela Agência {P}",
        "sem {w}",
        "feito em {P}",
        "certificado pela Federação {P}",
        "dermatologicamente testado",
    ],
}
"""Each language's claim shapes, with an invented word, place or count in each."""

FRAMES: dict[str, list[str]] = {
    "en": [
        "{brand}'s new boots: {c1}, {c2}. {offer}. Shop at {url}",
        "Meet the new boots from {brand}. They are {c1} and {c2}. {offer} at {url}",
        "- {c1}\n- {c2}\n- {offer}\n{url}\n{brand}",
    ],
    "es": [
        "Las zapatillas de {brand}: {c1}, {c2}. {offer}. Compra en {url}",
        "Las nuevas botas de {brand} son ligeras, {c1} y {c2}. {offer} en {url}",
        "- {c1}\n- {c2}\n- {offer}\n{url}\n{brand}",
    ],
    "fr": [
        "Les chaussures de {brand} : {c1}, {c2}. {offer}. Sur {url}",
        "Les nouvelles bottes de {brand} sont légères, {c1} et {c2}. {offer} sur {url}",
        "- {c1}\n- {c2}\n- {offer}\n{url}\n{brand}",
    ],
    "de": [
        "Die Schuhe von {brand}: {c1}, {c2}. {offer}. Auf {url}",
        "Die neuen Stiefel von {brand} sind leicht, {c1} und {c2}. {offer} auf {url}",
        "- {c1}\n- {c2}\n- {offer}\n{url}\n{brand}",
    ],
    "it": [
        "Le scarpe di {brand}: {c1}, {c2}. {offer}. Su {url}",
        "I nuovi scarponi di {brand} sono leggeri, {c1} e {c2}. {offer} su {url}",
        "- {c1}\n- {c2}\n- {offer}\n{url}\n{brand}",
    ],
    "pt": [
        "Os ténis da {brand}: {c1}, {c2}. {offer}. Compre em {url}",
        "As novas botas da {brand} são leves, {c1} e {c2}. {offer} em {url}",
        "- {c1}\n- {c2}\n- {offer}\n{url}\n{brand}",
    ],
}
OFFERS = {
    "en": "20% off until Sunday",
    "es": "20% de descuento hasta el domingo",
    "fr": "20 % de remise jusqu'à dimanche",
    "de": "20 % Rabatt bis Sonntag",
    "it": "20% di sconto fino a domenica",
    "pt": "20% de desconto até domingo",
}


def _swallows(claim: str, brand: str, url: str, offer: str) -> bool:
    """True when a claim holds the brand (as a word of its own), the address or the offer."""
    return bool(re.search(rf"(?<![\w-]){re.escape(brand)}(?![\w-])", claim)) or url in claim or offer in claim


@st.composite
def _claimed(draw: st.DrawFn) -> tuple[str, str, list[str], str, str]:
    lang = draw(st.sampled_from(sorted(CLAIMS)))
    shapes = draw(st.lists(st.sampled_from(CLAIMS[lang]), min_size=2, max_size=2, unique=True))
    claims = [
        s.format(
            n=draw(st.sampled_from(NUMBERS[lang])),
            w=draw(_low),
            W=draw(invented.word),
            P=draw(invented.place),
        )
        for s in shapes
    ]
    # a brand is no ingredient of its own claims ('ohne Zorzor' from 'Zorzor' says nothing)
    brand = draw(invented.word.filter(lambda b: all(b.lower() not in c.lower() for c in claims)))
    frame = draw(st.sampled_from(FRAMES[lang]))
    url = f"{brand.lower()}.example"
    c1, c2 = claims
    if frame.startswith("- "):
        c1 = c1[0].upper() + c1[1:]
    brief = frame.format(brand=brand, c1=c1, c2=c2, offer=OFFERS[lang], url=url)
    return lang, brief, [c1, c2], brand, url


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claimed())
def test_invented_claims_are_read_whole_and_swallow_nothing(case):
    lang, brief, claims, brand, url = case
    found = _claims(" ".join(brief.split()))
    for claim in claims:
        assert claim in found, (brief, found)
    for f in found:
        assert not _swallows(f, brand, url, OFFERS[lang]), (brief, f)


@settings(max_examples=36, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claimed())
def test_invented_claims_are_said_by_the_offline_ad(case):
    lang, brief, claims, brand, url = case
    sheet = read_fact_sheet(brief)
    words = ad_words(brief).everything
    for claim in claims:
        assert claim in sheet.proof_points, (brief, sheet.proof_points)
        assert occurs(claim, words), (brief, claim, words)
    for point in sheet.proof_points:
        assert not _swallows(point, brand, url, OFFERS[lang]), (brief, point)
    assert occurs(OFFERS[lang], words), (brief, words)
    assert occurs(url, ad_words(brief).end_card), (brief, ad_words(brief).end_card)
