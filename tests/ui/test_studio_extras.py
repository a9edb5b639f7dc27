"""The studio page's brand kit uploads, its chat notes, and resuming a generation nobody drives."""

from __future__ import annotations

import io
import time
from pathlib import Path

from PIL import Image
from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.models import Brief
from studio.service import Studio
from tests.pages import APP


def _png(size: tuple[int, int] = (64, 48), color: str = "#e67e22") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


def test_brand_kit_uploads_are_checked_by_content_and_go_into_the_brief(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader(key="up_products").set_value([("bottle.png", _png(), "image/png")])
    # A GIF renamed to .png: refused by its bytes, with the reason.
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, format="GIF")
    at.file_uploader(key="up_logo").set_value(("logo.png", gif.getvalue(), "image/png"))
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("logo.png") and "GIF" in errors[0]
    stored = list((data_dir / "media" / "uploads" / "local").iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".png"
    with Image.open(stored[0]) as im:
        assert im.size == (64, 48)

    at.radio(key="opt_mode").set_value("interactive")
    at.chat_input(key="chat").set_value("A ginger kombucha for gym-goers").run()
    gen_id = at.query_params["g"]
    gen_id = gen_id[0] if isinstance(gen_id, list) else gen_id
    gen = open_context(load_settings(), with_runner=False).store.get(gen_id)
    assert gen.brief.assets.product_images == [f"uploads/local/{stored[0].name}"]
    assert gen.brief.assets.logo is None

    # Interactive: the story waits for approval, with the buttons.
    store = open_context(load_settings(), with_runner=False).store
    deadline = time.monotonic() + 120
    while (current := store.get(gen_id)).status != "awaiting_approval":
        assert current.status != "failed", current.error
        assert time.monotonic() < deadline, f"still {current.status}"
        time.sleep(0.3)
    at.run()
    assert any(b.key == "story_approve" for b in at.button)


def test_a_generation_left_running_is_resumed_with_a_notice(data_dir: Path) -> None:
    # A generation whose process went away mid-story: marked running, driven by nobody.
    studio = Studio(open_context(load_settings()))
    brief = Brief(prompt="Noise-cancelling earbuds for open offices", resolution="360p", scene_count=3,
                  duration_s=6, mode="automated")  # fmt: skip
    gen = studio.create(brief)
    studio.store.update(gen.id, lambda g: setattr(g, "status", "story"))

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["g"] = gen.id
    at.run()
    assert not at.exception
    assert any(i.value.startswith("Resuming…") for i in at.info)
    # A message while it renders gets a note, not a half-applied change.
    if studio.store.get(gen.id).is_running:
        at.chat_input(key="chat").set_value("make it bluer").run()
        assert any("still working on" in m.value for m in at.markdown)
    deadline = time.monotonic() + 120
    while (current := studio.store.get(gen.id)).status != "completed":
        assert current.status != "failed", current.error
        assert time.monotonic() < deadline, current.status
        time.sleep(0.5)
    at.run()
    assert not any(i.value.startswith("Resuming…") for i in at.info)  # said once
    assert len(at.get("video")) == 1
