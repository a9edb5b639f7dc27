"""Ways a brief forbids a word, in the six languages: each is read as forbidden (and the sentence is no
copy), and the offline ad never says the word, even where the brief uses it elsewhere (its description, its
product line).

Known answers for the shapes the reader once missed ('Please avoid 'cheap'', 'No 'luxury' please', 'Legal
says we can't say 'cure'', 'Don't call it a diet', 'Keep away from the word 'bargain'', 'Bitte auf das
Wort „Diät“ verzichten', 'Wir sagen nie „billig“', 'Niente parola 'economico'', ''Cure' is off-limits',
'Say 'blend', not 'mix'', a labelled list of rules), sentences that look like rules and are copy, and a
hypothesis test: invented words in varied forbidding frames of each language."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet, says_what_to_say
from studio.brief.clean import fold
from studio.brief.say_rules import must_lines
from tests import invented
from tests.briefs.measure import ad_words, occurs


def _forbids(word: str, forbidden: list[str]) -> bool:
    return fold(word) in {fold(f) for f in forbidden}


@pytest.mark.parametrize(
    ("brief", "words"),
    [
        ("Zorvik Outdoor makes waterproof jackets in Leeds. Please avoid 'cheap'. zorvik.example",
         ["cheap"]),
        ("Nutrivo shakes: protein shakes for busy mornings. Don't call it a diet. nutrivo.example", ["diet"]),
        ("Nutrivo shakes: protein shakes. Never call it a diet or a detox. nutrivo.example",
         ["diet", "detox"]),
        ("Brindle & Oak makes oak furniture in York. No 'luxury' please. brindleoak.example", ["luxury"]),
        ("Calmora balm soothes dry skin. Legal says we can't say 'cure'. calmora.example", ["cure"]),
        ("Calmora balm soothes dry skin. 'Cure' and 'heal' are off-limits. calm.example", ["Cure", "heal"]),
        ("Kestrel Socks: merino socks. Keep away from the word 'bargain'. kestrelsocks.example", ["bargain"]),
        ("Kestrel Socks: merino socks. Stay away from words like cheap or basic. kestrel.example",
         ["cheap", "basic"]),
        ("Nährwerk Shakes aus Köln. Bitte auf das Wort „Diät“ verzichten. naehrwerk.de", ["Diät"]),
        ("Nährwerk Shakes aus Köln: Proteinshakes. Bitte nicht Diät nennen. naehrwerk.de", ["Diät"]),
        ("Waldkorn Bäckerei aus Kassel: Sauerteigbrot. Wir sagen nie „billig“. waldkorn.de", ["billig"]),
        ("Waldkorn Bäckerei aus Kassel: Sauerteigbrot. „Billig“ ist tabu. waldkorn.de", ["Billig"]),
        ("Waldkorn Bäckerei aus Kassel. Sag „handgemacht“ statt „hausgemacht“. waldkorn.de", ["hausgemacht"]),
        ("Pasta Ferrandi a Bologna: pasta fresca. Niente parola 'economico'. ferrandi.it", ["economico"]),
        ("Caffè Morvani torrefazione a Napoli. La parola «sconto» è vietata. morvani.it", ["sconto"]),
        ("Maison Vellard, bougies à Bordeaux. Ne l'appelez pas « bon marché ». maisonvellard.fr",
         ["bon marché"]),
        ("Nutrisol, batidos de proteína en Madrid. No lo llames dieta. nutrisol.es", ["dieta"]),
        ("Larkspur Tea Co. blends tea in Edinburgh. Say 'blend', not 'mix'. larkspurtea.example", ["mix"]),
        ("Brand: Corvale Coffee\nProduct: cold brew cans\nDon'ts:\n- \"sugary\"\n- \"energy drink\"\n"
         "Website: corvale.example", ["sugary", "energy drink"]),
        ("Marke: Sockenwerk Halde\nProdukt: Merinosocken\nTabu-Wörter: kratzig, billig\nWeb: sockenwerk.de",
         ["kratzig", "billig"]),
        ("Marque : Savonnerie Brume\nProduit : savon\nÀ éviter : chimique, industriel\nSite : brume.fr",
         ["chimique", "industriel"]),
        ("Larkspur Tea Co. blends cheap and cheerful tea in Edinburgh. Please avoid 'cheap'. lark.example",
         ["cheap"]),
    ],
)  # fmt: skip
def test_a_forbidding_shape_is_read_and_the_word_never_said(brief, words):
    sheet = read_fact_sheet(brief)
    assert [fold(w) for w in words] == [fold(f) for f in sheet.must_not_say]
    ad = ad_words(brief).everything
    assert not any(occurs(w, ad) for w in words), ad


@pytest.mark.parametrize(
    ("text", "forbidden", "asked"),
    [
        ("No digas «barato», di «asequible».", ["barato"], "asequible"),
        ("Don't say cheap, say affordable.", ["cheap"], "affordable"),
        ("Das Wort „billig“ bitte nicht verwenden, lieber „preiswert“.", ["billig"], "preiswert"),
        ('Use "included" rather than "free".', ["free"], "included"),
    ],
)
def test_the_word_asked_for_instead_is_not_forbidden(text, forbidden, asked):
    _, words = must_lines(text)
    assert words == forbidden
    assert asked not in words


def test_a_rule_label_ends_where_the_next_label_opens():
    brief = (
        'Client: Tunebox (music lessons app)\nMandatory: say "first lesson free"\nDo not say: easy, instant\n'
        "URL: tunebox.example"
    )
    sheet = read_fact_sheet(brief)
    assert sheet.must_not_say == ["easy", "instant"]
    assert "first lesson free" not in sheet.must_not_say


@pytest.mark.parametrize(
    "sentence",
    [
        "Lumo lamps: avoid the 'winter blues' with daylight at your desk.",
        "You can't say no to the 'Midnight Brownie'.",
        "Don't miss the 'Midnight Run' and use code RUN10.",
    ],
)
def test_copy_that_looks_like_a_rule_is_copy(sentence):
    assert not says_what_to_say(sentence)
    assert must_lines(sentence)[1] == []


# ── generated rules ──────────────────────────────────────────────────────────────────────────────────

FRAMES = {
    "en": [
        "Please avoid '{w}'.", "No '{w}' please.", "Legal says we can't say '{w}'.",
        "Keep away from the word '{w}'.", "We never use the word \"{w}\".", "Don't call it {w}.",
        "'{w}' is off-limits.", "Say 'crafted', not '{w}'.", "Avoid: {w}, {w2}.", "Don't say {w} or {w2}.",
        "Never say \"{w}\" in the ad.",
    ],
    "de": [
        "Bitte auf das Wort „{w}“ verzichten.", "Wir sagen nie „{w}“.", "Bitte nicht „{w}“ sagen.",
        "„{w}“ ist tabu.", "Das Wort „{w}“ bitte vermeiden.", "Sag „echt“ statt „{w}“.",
    ],
    "fr": [
        "Sans le mot « {w} », merci.", "Évitez « {w} ».", "Ne dites pas « {w} ».", "« {w} » est interdit.",
        "Mots interdits : {w}, {w2}.",
    ],
    "es": [
        "Evitad la palabra «{w}».", "No digas «{w}».", "Nunca uses «{w}».", "«{w}» está prohibido.",
        "No lo llames {w}.",
    ],
    "it": [
        "Niente parola '{w}'.", "Non usate la parola «{w}».", "Evitate «{w}», per favore.",
        "La parola «{w}» è vietata.",
    ],
    "pt": ["Nunca use '{w}'.", "Não use a palavra \"{w}\".", "Evitem a palavra “{w}”.", "'{w}' é proibido."],
}
"""Frames that forbid `{w}` (and `{w2}` in a list), in the six languages."""
USES = {
    "en": "{brand} makes {w} candles by hand in Leeds.",
    "de": "{brand} aus Kassel macht {w} Kerzen von Hand.",
    "fr": "{brand} fabrique des bougies {w} à Nantes.",
    "es": "{brand} hace velas {w} en Sevilla.",
    "it": "{brand} produce candele {w} a Torino.",
    "pt": "{brand} faz velas {w} em Braga.",
}
"""A description that uses the forbidden word itself: where the writer would say it."""
OFFERS = {
    "en": "20% off until Sunday.", "de": "20 % Rabatt bis Sonntag.", "fr": "-20 % jusqu'à dimanche.",
    "es": "20% de descuento hasta el domingo.", "it": "20% di sconto fino a domenica.",
    "pt": "20% de desconto até domingo.",
}  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(FRAMES)),
    st.data(),
    invented.brand(1, 2),
    invented.word.map(str.lower),
    invented.word.map(str.lower),
    st.booleans(),
)
def test_a_generated_forbidden_word_is_read_and_never_said(lang, data, brand, word, other, used):
    frame = data.draw(st.sampled_from(FRAMES[lang]), label="frame")
    other = other if other != word else other + "o"
    assume(not any(fold(w) in fold(brand) or fold(brand) in fold(w) for w in (word, other)))  # no brand
    rule = frame.format(w=word, w2=other)
    rule = rule[0].upper() + rule[1:] if rule[0].isalpha() else rule
    description = USES[lang].format(brand=brand, w=word) if used else f"{brand}."
    url = f"{fold(brand).replace(' ', '')}.example"
    brief = f"{description} {OFFERS[lang]} {rule} {url}"
    sheet = read_fact_sheet(brief)
    assert _forbids(word, sheet.must_not_say), (brief, sheet.must_not_say)
    if "{w2}" in frame:
        assert _forbids(other, sheet.must_not_say), (brief, sheet.must_not_say)
    assert says_what_to_say(rule)
    ad = ad_words(brief).everything
    assert not occurs(word, ad), (brief, ad)
    assert occurs(OFFERS[lang].rstrip("."), ad), (brief, ad)
