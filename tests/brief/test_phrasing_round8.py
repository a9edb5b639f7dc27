"""Places, awards, diet claims and offers as Portuguese, Spanish, Italian and German briefs phrase them (issue
19, round 8): a street is written with its word first and its house number after ('na Rua dos Remédios
42', 'en la calle Mayor 12', 'in via Tortona 27') or as one German compound ('Schwanthalerstraße 14'); a
part of town is followed by its city ('em Alfama, Lisboa'); a town's name holds a small word ('Ciudad de
México'); an award's year is the award's ('Prémio Design Lusitano 2024', 'Testsieger 2025'); a diet word
standing alone is a claim ('Tudo vegano.'); 'oferecida' offers something.

Known answers first, then hypothesis tests over invented names and random numbers in each language's
frames. Every name is invented."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from studio.brief.numbers import proof_points
from studio.brief.offers import OFFER
from studio.brief.places import place_names
from studio.brief.proof import AWARD_YEAR
from studio.brief.reader import read_fact_sheet
from studio.brief.shapes import find_all, proof_phrases
from tests.briefs.measure import ad_words, occurs


def _places(text: str, brand: str = "Zorvik") -> list[str]:
    return place_names(text, [f for f in find_all(text, "pt") if f.kind in ("date", "phone", "price")], brand)


# ── streets, parts of town, towns ─────────────────────────────────────────────────────────────────


def test_a_romance_street_is_read_with_its_word_and_its_house_number():
    assert "Rua dos Remédios 42" in _places("A Zorvik abre na Rua dos Remédios 42.")
    assert "calle Mayor 12" in _places("Zorvik abre en la calle Mayor 12.")
    assert "calle Mayor, 12" in _places("Zorvik abre en la calle Mayor, 12, Madrid.")
    assert "via Tortona 27" in _places("Zorvik apre in via Tortona 27, a Milano.")
    assert "plaza de la Constitución 3" in _places("Tienda de Zorvik en la plaza de la Constitución 3.")
    assert "12 rue de la Paix" in _places("Zorvik ouvre au 12 rue de la Paix.")


def test_the_small_word_inside_a_street_names_no_place_of_its_own():
    places = _places("A Zorvik abre na Rua dos Remédios 42.")
    assert "Remédios" not in places and "Rua dos Remédios" not in places


def test_a_german_street_is_one_word_with_its_number():
    assert "Schwanthalerstraße 14" in _places("Zorvik öffnet in der Schwanthalerstraße 14.")
    assert "Ottenser Hauptstraße 5a" in _places("Zorvik öffnet in der Ottenser Hauptstraße 5a.")
    assert "Marienplatz 8" in _places("Zorvik am Marienplatz 8.")


def test_the_town_after_a_street_is_read_past_its_postcode():
    places = _places("Zorvik, Schwanthalerstraße 14, 80336 München.")
    assert places[:2] == ["Schwanthalerstraße 14", "München"]


def test_italian_via_and_a_street_word_without_its_number_are_no_street():
    assert _places("Ordina via Quellmar, consegna in 2 giorni.") == []
    assert not any("Plaza" in p for p in _places("Zorvik: the plaza was busy."))


def test_a_house_number_is_never_a_time_or_a_price():
    assert _places("Zorvik na Rua Augusta 15:30.") == ["Rua Augusta"]
    assert _places("Zorvik en la calle Mayor 12 € la hora.") == ["calle Mayor"]


def test_a_part_of_town_and_the_city_after_its_comma():
    assert _places("Fado e petiscos em Alfama, Lisboa.")[:2] == ["Alfama", "Lisboa"]
    assert _places("Noche de vermut en Malasaña, Madrid.", "Bodega Tamsel")[:2] == ["Malasaña", "Madrid"]
    assert "Roma" in _places("Orvane abre en la colonia Roma, Ciudad de México.", "Orvane")
    assert "Ciudad de México" in _places("Orvane abre en la colonia Roma, Ciudad de México.", "Orvane")


def test_the_city_after_a_comma_is_not_read_before_the_brand_is_known():
    # 'Bread in Leeds, Quellmar Bakery.': while the brand is sought, the name after the comma may be it
    assert _places("Bread in Leeds, Quellmar Bakery.", "") == ["Leeds"]
    sheet = read_fact_sheet("Bread in Leeds, Quellmar Bakery. Order at quellmar.example")
    assert sheet.brand == "Quellmar Bakery"


def test_a_town_holds_its_small_word():
    places = _places("Orvane abre en Ciudad de México el sábado.", "Orvane")
    assert "Ciudad de México" in places and "México" not in places


def test_portuguese_a_before_the_subject_is_its_article():
    assert "Brindle Café" not in _places("Novidade: a Brindle Café abre em São Paulo.", "")
    assert "Milano" in _places("Zorvik Gelato. A Milano, in via Tortona 27.", "")
    brief = "A Pastelaria Velmor, no Porto, faz pastéis de nata. Encomendas pelo 222 123 456."
    assert "Pastelaria Velmor" not in _places(brief, "")
    assert read_fact_sheet(brief).brand == "Pastelaria Velmor"


def test_a_prizes_name_names_no_place():
    assert "Oro" not in _places("Bodega Tamsel, Premio Tapa de Oro 2024.", "Bodega Tamsel")


# ── awards and their years ────────────────────────────────────────────────────────────────────────


def test_an_award_keeps_its_year():
    for text, award in [
        ("Sapatos Norvane, Prémio Design Lusitano 2024.", "Prémio Design Lusitano 2024"),
        ("Bodega Tamsel. Premio Tapa de Oro 2024.", "Premio Tapa de Oro 2024"),
        ("Velmor Radwerkstatt: Testsieger 2025.", "Testsieger 2025"),
        ("Café Quellmar, Gewinner der Goldenen Bohne 2024.", "Gewinner der Goldenen Bohne 2024"),
        ("Velmor Aero: Tênis do Ano 2025.", "Tênis do Ano 2025"),
        ("Zorvik: Gold at the Norvel Outdoor Awards 2024.", "Gold at the Norvel Outdoor Awards 2024"),
        ("Zorvik, Deutscher Designpreis 2025.", "Deutscher Designpreis 2025"),
    ]:
        sheet = read_fact_sheet(f"{text} zorvik.example")
        assert award in sheet.proof_points, (text, sheet.proof_points)


def test_a_price_word_is_no_award():
    assert AWARD_YEAR.search("Preis: 49 € bis 2025") is None
    assert [f.text for f in proof_phrases("Prix : 29 €, Preis 49 €.")] == []


# ── diet claims ───────────────────────────────────────────────────────────────────────────────────


def test_a_diet_word_alone_is_a_claim():
    for text, claim in [
        ("Champô sólido de alecrim. Vegano.", "Vegano"),
        ("Tudo vegano.", "Tudo vegano"),
        ("Alles vegan.", "Alles vegan"),
        ("Crema de aloe, vegana y sin parabenos.", "vegana"),
        ("Savon au lait d'avoine, végétalien.", "végétalien"),
        ("Impasto lievitato 48 ore, tutto vegano.", "tutto vegano"),
    ]:
        assert claim in [f.text for f in proof_phrases(text)], text


def test_a_diet_word_before_its_noun_or_inside_a_name_is_no_claim_of_its_own():
    assert proof_phrases("A vegan bakery in Leeds.") == []
    assert proof_phrases("Zorvik Vegan opens in Leeds.") == []
    assert [f.text for f in proof_phrases("Brand: Zorvik Vegan.")] == []


# ── offers, numbers ───────────────────────────────────────────────────────────────────────────────


def test_portuguese_oferecida_offers_something():
    sheet = read_fact_sheet("Tasca Quellmar, em Alfama. Sangria oferecida a mesas de 4. Tel. 218 123 456")
    assert "Sangria oferecida a mesas de 4" in sheet.offers


def test_a_count_ends_before_where_it_is():
    assert proof_points("Gelateria Tamsel, dal 1952 a Bologna.", [], "Gelateria Tamsel", []) == ["dal 1952"]


def test_a_street_in_a_brief_is_said_by_the_ad():
    brief = (
        "Bodega Tamsel\nNoche de vermut en Malasaña, Madrid\nViernes 20 de junio, en la calle Mayor 12.\n"
        "- Vermut de grifo a 3,50 €\nReservas en el 912 345 678"
    )
    sheet = read_fact_sheet(brief)
    assert {"Malasaña", "Madrid", "calle Mayor 12"} <= set(sheet.places)
    said = ad_words(brief).everything
    assert all(occurs(p, said) for p in ("Malasaña", "Madrid", "calle Mayor 12"))


# ── generated: invented names and random numbers in each language's frames ─────────────────────────

_SYL = ("bel", "mar", "zor", "fen", "quil", "tra", "lon", "vik", "dar", "sel", "nor", "ru")
_NAME = st.lists(st.sampled_from(_SYL), min_size=2, max_size=3).map(lambda s: "".join(s).capitalize())
_STREET_FRAMES = {
    "pt": ("Quellmar Café abre na {way} {name} {n}, em {town}.", ("Rua", "Avenida", "Travessa")),
    "es": ("Quellmar Café abre en la {way} {name} {n}, en {town}.", ("calle", "avenida", "plaza")),
    "it": ("Quellmar Café apre in {way} {name} {n}, a {town}.", ("via", "piazza", "corso")),
    "de": ("Quellmar Café öffnet in der {name}{way} {n} in {town}.", ("straße", "gasse", "allee")),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lang=st.sampled_from(sorted(_STREET_FRAMES)),
    name=_NAME,
    town=_NAME,
    n=st.integers(min_value=1, max_value=2999),
    pick=st.integers(min_value=0, max_value=2),
)
def test_generated_streets_are_read_whole_with_their_town(lang, name, town, n, pick):
    assume(town != name and "Quellmar" not in (town, name))
    frame, ways = _STREET_FRAMES[lang]
    brief = frame.format(way=ways[pick], name=name, n=n, town=town) + " quellmar.example"
    street = (f"{name}{ways[pick]} {n}" if lang == "de" else f"{ways[pick]} {name} {n}")
    sheet = read_fact_sheet(brief)
    assert street in sheet.places and town in sheet.places, (brief, sheet.places)
    assert sheet.brand == "Quellmar Café", (brief, sheet.brand)
    assert not any(p in (name, f"{ways[pick]} {name}") for p in sheet.places), (brief, sheet.places)


_AWARD_FRAMES = {
    "pt": "Sapatos {brand}: feitos à mão, Prémio {a} {b} {year}. {brand_l}.example",
    "es": "Zapatos {brand}: hechos a mano, Premio {a} {b} {year}. {brand_l}.example",
    "it": "Scarpe {brand}: fatte a mano, Premio {a} {b} {year}. {brand_l}.example",
    "de": "Schuhe von {brand}: handgemacht, Gewinner der {a} {b} {year}. {brand_l}.example",
    "en": "{brand} boots: handmade, {a} {b} Awards {year}. {brand_l}.example",
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lang=st.sampled_from(sorted(_AWARD_FRAMES)),
    brand=_NAME,
    a=_NAME,
    b=_NAME,
    year=st.integers(min_value=1990, max_value=2030),
)
def test_generated_awards_keep_their_year(lang, brand, a, b, year):
    brief = _AWARD_FRAMES[lang].format(brand=brand, brand_l=brand.lower(), a=a, b=b, year=year)
    sheet = read_fact_sheet(brief)
    ends = (f"{a} {b} {year}", f"{b} Awards {year}")
    assert any(p.endswith(ends) for p in sheet.proof_points), (brief, sheet.proof_points)


_DIET_FRAMES = {
    "pt": ("{brand}: champô sólido de {n} g. {claim}.", ("Vegano", "Tudo vegano", "100% vegano")),
    "es": ("{brand}: crema de {n} ml, sin parabenos. {claim}.", ("Vegana", "Todo vegano", "100% vegana")),
    "it": ("{brand}: gelato da {n} g. {claim}.", ("Vegano", "Tutto vegano", "100% vegano")),
    "de": ("{brand}: Seife, {n} g. {claim}.", ("Vegan", "Alles vegan", "100 % vegan")),
    "fr": ("{brand} : savon de {n} g. {claim}.", ("Végétalien", "Tout végane", "100 % végétalien")),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lang=st.sampled_from(sorted(_DIET_FRAMES)),
    brand=_NAME,
    n=st.integers(min_value=20, max_value=900),
    pick=st.integers(min_value=0, max_value=2),
)
def test_generated_diet_claims_are_read(lang, brand, n, pick):
    frame, claims = _DIET_FRAMES[lang]
    claim = claims[pick]
    text = frame.format(brand=brand, n=n, claim=claim)
    assert claim in [f.text for f in proof_phrases(text)], (text, proof_phrases(text))


_OFFER_FRAMES = (
    "Sangria oferecida a mesas de {n}.",
    "Uma sobremesa oferecida em pedidos acima de {n} €.",
    "Café regalado con cada menú de {n} €.",
)


@settings(max_examples=30, deadline=None)
@given(frame=st.sampled_from(_OFFER_FRAMES), n=st.integers(min_value=2, max_value=99))
def test_generated_offered_things_are_offers(frame, n):
    assert OFFER.search(frame.format(n=n))
