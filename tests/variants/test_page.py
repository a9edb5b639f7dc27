"""The Variants page with AppTest: start three variants, see them side by side, mark the winner."""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.variants import get_set, is_settled
from tests.pages import APP

PAGE = "app_pages/4_Variants.py"
PROMPT = (
    "Trail running shoes from Peak that grip wet rock. For weekend runners. "
    "20% off this week at peak.example.com."
)


def _set_id(at: AppTest) -> str:
    value = at.query_params["variants"]
    return value[0] if isinstance(value, list) else value


def test_three_variants_side_by_side_then_a_winner(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    at.text_area(key="variants_prompt").set_value(PROMPT)
    at.multiselect(key="variants_axes").set_value(["hook"])
    at.number_input(key="variants_n").set_value(3)
    at.number_input(key="variants_duration").set_value(6.0)
    at.selectbox(key="variants_resolution").select("360p")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    set_id = _set_id(at)
    store = open_context(load_settings(), with_runner=False).store
    deadline = time.monotonic() + 600
    while not is_settled(store, get_set(store, set_id)):  # fragments don't tick in AppTest: rerun
        assert time.monotonic() < deadline, "the variants did not finish in 10 min"
        time.sleep(1.0)
    at.run()
    assert not at.exception

    vs = get_set(store, set_id)
    assert vs.status == "rendering" and len(vs.members) == 3
    assert [store.get(g).status for g in vs.generation_ids] == ["completed"] * 3
    captions = [c.value for c in at.caption]
    hooks = [c for c in captions if c.startswith("hook: ")]
    assert len(hooks) == 3 and len(set(hooks)) == 3  # three different opening lines, one per column
    assert [m.value for m in at.metric if m.label == "Score"] and all(
        m.value.endswith("/100") for m in at.metric if m.label == "Score"
    )
    assert len([m for m in at.metric if m.label == "Score"]) == 3
    assert len(at.get("video")) == 3  # each variant playable
    assert sum(c.startswith("Checklist ") and "passed" in c for c in captions) == 3
    assert sum(c.startswith("Cost $0.00") for c in captions) == 3
    winner_buttons = [b for b in at.button if b.key and b.key.startswith("winner_")]
    assert [b.key for b in winner_buttons] == [f"winner_{g}" for g in vs.generation_ids]

    at.button(key=f"winner_{vs.generation_ids[2]}").click().run()
    assert not at.exception
    assert get_set(store, set_id).winner == vs.generation_ids[2]
    assert [b.key for b in at.button if b.key and b.key.startswith("winner_")] == [
        f"winner_{g}" for g in vs.generation_ids[:2]
    ]
    assert [s.value for s in at.success] == ["Winner"]
