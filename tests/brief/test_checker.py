"""The fact checker fails a story whose brand, product, place or date differs from the brief's sheet."""

from __future__ import annotations

from studio.brief import HARD_KINDS, TIGHT_FACT_KINDS, check_facts
from studio.models import Beat, BriefFactSheet, Scene, Story

SHEET = BriefFactSheet(
    brand="Finca Azul",
    product="Huila Reserve coffee",
    offers=["20% off your first bag"],
    address="fincaazul.example",
    places=["Leeds"],
    dates=["12 March"],
)
KEPT = [
    "Finca Azul brings Huila Reserve coffee to Leeds.",
    "Launch day is 12 March.",
    "20% off your first bag at fincaazul.example.",
]


def _story(lines: list[str], product_name: str = "Finca Azul") -> Story:
    return Story(
        title="Finca Azul",
        product_name=product_name,
        text=" ".join(lines),
        framework="AIDA",
        beats=[Beat(name=f"Beat {i}", text=t) for i, t in enumerate(lines, 1)],
        voiceover=lines,
        call_to_action="Shop at fincaazul.example",
        facts=SHEET,
    )


def _misses(story: Story, scenes: list[Scene] | None = None) -> dict[str, str]:
    return {c.kind: c.reason for c in check_facts(SHEET, story, scenes).hard_misses}


def test_a_story_that_keeps_every_fact_passes():
    assert check_facts(SHEET, _story(KEPT)).passed
    # the product's name in the title and on the end card is fine too: it is the brief's own
    assert check_facts(SHEET, _story(KEPT, product_name="Huila Reserve coffee")).passed


def test_the_brand_is_the_sheets_and_a_story_that_names_it_otherwise_fails():
    misses = _misses(_story(KEPT, product_name="Huila"))
    assert misses == {"brand": "The ad names it 'Huila'; the brief's brand is 'Finca Azul'."}
    # the story's own product name never stands in for the brand: unsaid, it fails
    unsaid = [line.replace("Finca Azul", "Huila Reserve") for line in KEPT]
    assert _misses(_story(unsaid, product_name="Finca Azul")) == {
        "brand": "'Finca Azul' is never said in the voiceover."
    }


def test_a_changed_place_or_date_fails_with_the_reason():
    moved = [KEPT[0].replace("Leeds", "York"), KEPT[1].replace("12 March", "14 March"), KEPT[2]]
    misses = _misses(_story(moved))
    assert misses == {
        "place": "The brief's place 'Leeds' is never said or shown.",
        "date": "The brief's date '12 March' is never said or shown.",
    }
    assert {"place", "date"} <= set(HARD_KINDS) and not {"place", "date"} & set(TIGHT_FACT_KINDS)


def test_an_offer_or_address_lost_in_the_scenes_fails():
    scenes = [
        Scene(id=1, duration_s=5, description="Beans", voiceover=KEPT[0], on_screen_text="Leeds, 12 March"),
        Scene(id=2, duration_s=5, description="Bag", voiceover="Launch day.", on_screen_text="Finca Azul"),
    ]
    misses = _misses(_story(KEPT), scenes)
    assert misses["offer"] == "The offer '20% off your first bag' is lost in the scenes."
    assert "address" not in misses  # the call to action carries it into the scenes
