"""A list of places after one preposition is read whole (issue 19): 'en Sevilla, Córdoba y Málaga' read only
'Sevilla', and the ad never said the other two. Commas alone make no list ('In Leeds, Zorvik bakes ...'):
the list must end on 'and', 'y', 'e', 'et', 'und', 'ou' or 'o'. The names are invented; the generated cases
are nobody's tuning.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.brief import read_fact_sheet
from tests.briefs.measure import ad_words, occurs


def test_a_list_of_towns_after_one_preposition_is_every_town():
    brief = "Heladería Quellmar: en Sevilla, Córdoba y Málaga. Helado artesano. quellmar.example"
    sheet = read_fact_sheet(brief)
    assert sheet.places[:3] == ["Sevilla", "Córdoba", "Málaga"]
    assert sheet.brand == "Heladería Quellmar"
    said = ad_words(brief).everything
    assert all(occurs(town, said) for town in ("Sevilla", "Córdoba", "Málaga"))


def test_an_oxford_comma_closes_the_list_too():
    sheet = read_fact_sheet("Zorvik Tours: trips in Leeds, York, and Hull. zorvik.example")
    assert sheet.places[:3] == ["Leeds", "York", "Hull"]


def test_commas_alone_make_no_list():
    sheet = read_fact_sheet("Bread in Leeds, Quellmar Bakery. Order at quellmar.example")
    assert sheet.places == ["Leeds"]
    assert sheet.brand == "Quellmar Bakery"


_TOWN = st.lists(
    st.sampled_from(("bel", "mar", "zor", "fen", "quil", "tra", "lon", "vik", "dar", "sel")),
    min_size=2,
    max_size=3,
).map(lambda s: "".join(s).capitalize()).filter(lambda town: town != "Zorvik")  # no town is the brand's name
_FRAMES = {
    "en": "Zorvik Deli delivers in {a}, {b} and {c}. Order at zorvik.example",
    "es": "Zorvik Deli reparte en {a}, {b} y {c}. Pide en zorvik.example",
    "fr": "Zorvik Deli livre à {a}, {b} et {c}. Commandez sur zorvik.example",
    "de": "Zorvik Deli liefert in {a}, {b} und {c}. Bestellen: zorvik.example",
    "pt": "Zorvik Deli entrega em {a}, {b} e {c}. Encomende em zorvik.example",
    "it": "Zorvik Deli consegna a {a}, {b} e {c}. Ordina su zorvik.example",
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(towns=st.lists(_TOWN, min_size=3, max_size=3, unique=True), lang=st.sampled_from(sorted(_FRAMES)))
def test_generated_lists_of_towns_are_read_and_said(towns, lang):
    a, b, c = towns
    brief = _FRAMES[lang].format(a=a, b=b, c=c)
    sheet = read_fact_sheet(brief)
    assert set(towns) <= set(sheet.places), (brief, sheet.places)
    assert sheet.brand == "Zorvik Deli", (brief, sheet.brand)
    said = ad_words(brief).everything
    assert all(occurs(town, said) for town in towns), (brief, said)
