"""Before a run, the sidebar shows what the ad will cost with the providers in use."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def _cost_caption(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if "Estimated cost" in c.value)


def test_offline_is_free_and_replicate_is_estimated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "offline"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "$0.00 (offline: free)" in _cost_caption(at)

    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "keyed"))
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_FAKEtokenForTheEstimateOnly000")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    caption = _cost_caption(at)
    dollars = float(caption.split("$")[1].split()[0])
    assert dollars > 0.5  # clips of veo-3-fast for a 15 s ad and three reference images
    page_text = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.sidebar.caption])
    assert "r8_FAKE" not in page_text


def test_reexport_from_the_ad_card_opens_the_new_ad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from studio.bootstrap import open_context
    from studio.config import Settings
    from studio.models import Brief
    from studio.service import Studio

    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    ctx = open_context(Settings(data_dir=tmp_path / "data"))
    studio = Studio(ctx)
    gen = studio.run(studio.create(Brief(prompt="Cold brew for commuters", resolution="360p", duration_s=8,
                                         scene_count=3, seed=3)).id)
    ctx.runner.shutdown()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["g"] = gen.id
    at.run()
    at.selectbox(key="reexport_aspect").select("1:1")
    at.button(key="reexport").click().run()
    assert not at.exception
    new_id = at.query_params["g"][0] if isinstance(at.query_params["g"], list) else at.query_params["g"]
    assert new_id != gen.id
    again = ctx.store.get(new_id)
    assert again.brief.aspect_ratio == "1:1" and again.story == gen.story
    assert [s.description for s in again.scenes] == [s.description for s in gen.scenes]
    deadline = time.monotonic() + 120  # let the page's background render finish before the test ends
    while ctx.store.get(new_id).is_running and time.monotonic() < deadline:
        time.sleep(0.5)
    assert ctx.store.get(new_id).status == "completed"
