"""A model's reading of a brief held to the brief's words (`verify`), merged with the rules' (`reconcile`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.brief.reconcile import MAX_ITEMS, reconcile, verify
from studio.models import BriefFactSheet

BRIEF = (
    "Finca Azul single-origin coffee, grown in Huila by the Ortega family. “Harvest Moon” edition, "
    "20% off your first bag until 12 March with code HUILA20. Shop at fincaazul.example #CafeHuila"
)


# ── verify ────────────────────────────────────────────────────────────────────────────────────────


def test_values_in_the_brief_are_kept_in_its_spelling_and_invented_ones_are_left_out_with_the_reason():
    model = BriefFactSheet(
        brand="finca azul",
        product="Single-Origin Coffee",
        offers=["20% off your first bag until 12 March", "50% off everything"],
        names=['"Harvest Moon"'],
        places=["Huila", "Bogotá"],
        codes=["huila20"],
        call_to_action="Shop at fincaazul.example.",
        tone="playful",
        language="en",
    )
    kept, rejections = verify(model, BRIEF)
    assert kept.brand == "Finca Azul" and kept.product == "single-origin coffee"
    assert kept.offers == ["20% off your first bag until 12 March"]
    assert kept.names == ["Harvest Moon"]  # the quotes around it are not part of the name
    assert kept.places == ["Huila"] and kept.codes == ["HUILA20"]
    assert kept.call_to_action == "Shop at fincaazul.example"
    assert kept.tone == "" and kept.language == "en"
    assert rejections == [
        'tone "playful" does not occur in the brief',
        'offer "50% off everything" does not occur in the brief',
        'place "Bogotá" does not occur in the brief',
    ]


def test_quotes_dashes_spaces_and_digits_are_folded_as_the_checker_folds_them():
    brief = "Kaffee\u00a0Ritual — 20 % Rabatt bis Sonntag: Marta’s Café, ٢٠٪ خصم"
    model = BriefFactSheet(
        brand="Marta's Café", offers=["kaffee ritual - 20 % rabatt", "20% خصم"], places=["Sonntag"]
    )
    kept, rejections = verify(model, brief)
    assert kept.brand == "Marta’s Café"
    assert kept.offers == ["Kaffee Ritual — 20 % Rabatt", "20% خصم"]
    assert kept.places == ["Sonntag"] and rejections == []


def test_a_model_language_that_is_not_a_code_is_dropped_and_empty_values_are_no_facts():
    kept, rejections = verify(BriefFactSheet(language="English", brand=" ", offers=["", "..."]), BRIEF)
    assert kept == BriefFactSheet() and rejections == []


BRIEF_CHARS = "abcdefghijklmABCDEFGHIJKLM0123456789 ,.'’“”-–\u00a0\néÉ%"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=BRIEF_CHARS, min_size=1, max_size=80), st.data())
def test_any_stretch_of_the_brief_is_accepted_in_the_brief_spelling(brief: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(brief) - 1))
    end = data.draw(st.integers(start + 1, len(brief)))
    value = brief[start:end]
    kept, rejections = verify(BriefFactSheet(brand=value, places=[value]), brief)
    assert rejections == []
    if kept.brand:  # a stretch of spaces and end marks holds no fact
        assert kept.places == [kept.brand]
        again, _ = verify(BriefFactSheet(brand=kept.brand), brief)
        assert again.brand == kept.brand  # the brief's own spelling is found again as itself


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=BRIEF_CHARS, max_size=80),
    st.text(alphabet="abcdefghijklm nopqrstuvwxyz0123", max_size=20),
    st.sampled_from("nopqrstuvwxyzNOPQRSTUVWXYZ"),
)
def test_any_value_not_in_the_brief_is_rejected_with_its_reason(brief: str, around: str, odd: str) -> None:
    value = f"{around}{odd}{around}"  # a letter the brief never uses
    kept, rejections = verify(BriefFactSheet(brand=value, offers=[value], dates=["12", value]), brief)
    assert kept.brand == "" and kept.offers == [] and value not in kept.dates
    shown = value.strip()
    assert f'brand "{shown}" does not occur in the brief' in rejections
    assert f'offer "{shown}" does not occur in the brief' in rejections
    assert f'date "{shown}" does not occur in the brief' in rejections


# ── reconcile ─────────────────────────────────────────────────────────────────────────────────────


def test_readings_that_agree_give_the_rules_sheet_and_no_note():
    rules = BriefFactSheet(
        brand="Finca Azul", offers=["20% off your first bag"], places=["Huila"], language="en"
    )
    model = BriefFactSheet(brand="FINCA AZUL", offers=["20% off your first bag"], places=["huila"])
    assert reconcile(rules, model) == (rules, [])


def test_a_rules_brand_the_model_reads_as_a_place_gives_way_to_the_model_brand():
    rules = BriefFactSheet(brand="Huila", places=[])
    model = BriefFactSheet(brand="Finca Azul", places=["Huila"])
    sheet, notes = reconcile(rules, model)
    assert sheet.brand == "Finca Azul" and sheet.places == ["Huila"]
    assert notes == [
        "Brand: the rules read 'Huila', the model read 'Finca Azul'; kept 'Finca Azul', because the model "
        "reads 'Huila' as a place.",
        "Place: the model also read 'Huila'; added.",
    ]


def test_a_place_is_never_the_brand():
    rules = BriefFactSheet(brand="Finca Azul", places=["Huila"])
    sheet, notes = reconcile(rules, BriefFactSheet(brand="Huila"))
    assert sheet.brand == "Finca Azul" and sheet.places == ["Huila"]
    assert notes == [
        "Brand: the model read 'Huila', which the rules read as a place; kept 'Finca Azul', since a place is "
        "never the brand."
    ]
    # and a place the model adds that is the kept brand stays out of the places
    sheet, notes = reconcile(
        BriefFactSheet(brand="Leeds Roasters"), BriefFactSheet(places=["Leeds Roasters"])
    )
    assert sheet.places == [] and notes == []


def test_a_fuller_value_wins_and_otherwise_the_rules_evidence_does():
    rules = BriefFactSheet(brand="Finca Azul", product="coffee", call_to_action="")
    model = BriefFactSheet(brand="Ortega", product="single-origin coffee", call_to_action="Shop now")
    sheet, notes = reconcile(rules, model)
    assert (sheet.brand, sheet.product, sheet.call_to_action) == (
        "Finca Azul",
        "single-origin coffee",
        "Shop now",
    )
    assert notes == [
        "Brand: the rules read 'Finca Azul', the model read 'Ortega'; kept 'Finca Azul', the rules' reading, "
        "found by its evidence in the brief.",
        "Product: the rules read 'coffee', the model read 'single-origin coffee'; kept "
        "'single-origin coffee', the fuller of the two.",
        "Call to action: the rules found none; kept the model's 'Shop now' (it is in the brief).",
    ]


def test_lists_are_the_rules_items_then_the_models_new_ones_up_to_the_cap():
    rules = BriefFactSheet(offers=["20% off your first bag until 12 March"], dates=["12 March"])
    model = BriefFactSheet(
        offers=["20% off your first bag", "free shipping over $40"],  # the first is inside the rules' offer
        dates=[f"{d} April" for d in range(1, 10)],
        language="es",
    )
    sheet, notes = reconcile(rules, model)
    assert sheet.offers == ["20% off your first bag until 12 March", "free shipping over $40"]
    assert sheet.dates == ["12 March", *(f"{d} April" for d in range(1, MAX_ITEMS))]
    assert sheet.language == "es"  # the rules detected none
    assert notes[0] == "Offer: the model also read 'free shipping over $40'; added."
    assert notes[1].startswith("Dates: the model also read '1 April', '2 April'")
