"""The "Delivery pack" control under a finished ad: a bad pattern is explained; a good one runs on the job
runner and ends in a download button for the ZIP."""

from __future__ import annotations

import zipfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.delivery.jobs import pack_job
from studio.service import Studio
from tests.pages import APP, TIMEOUT
from tests.trust.helpers import brief


def _finished_ad() -> str:
    ctx = open_context(load_settings())
    try:
        studio = Studio(ctx)
        gen = studio.run(studio.create(brief(duration_s=6)).id)
        assert gen.status == "completed", gen.error
        return gen.id
    finally:
        ctx.runner.shutdown()


def test_the_page_makes_a_pack_for_the_ticked_placements_and_offers_the_zip(data_dir: Path) -> None:
    gen_id = _finished_ad()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["g"] = gen_id
    at.run()
    assert not at.exception
    ticked = {c.key.split("_")[1]: c.value for c in at.checkbox if c.key and c.key.startswith("dp_")}
    assert ticked == {"tiktok": True, "reels": True, "shorts": False, "feed45": True, "feed11": False,
                      "youtube": True}  # fmt: skip

    at.text_input(key=f"dp_pattern_{gen_id}").set_value("{brand}_{region}_{placement}")
    at.button(key=f"dp_go_{gen_id}").click().run()
    assert not at.exception
    assert any("Unknown field {region}" in m.value for m in at.markdown), [m.value for m in at.markdown]
    assert pack_job(gen_id) is None

    # only the ad's own shape: nothing to render again, the pack is made from the finished ad
    for name in ("reels", "feed45", "youtube"):
        at.checkbox(key=f"dp_{name}_{gen_id}").uncheck()
    at.text_input(key=f"dp_pattern_{gen_id}").set_value("{campaign}_{placement}")
    at.text_input(key=f"dp_campaign_{gen_id}").set_value("Summer")
    at.button(key=f"dp_go_{gen_id}").click().run()
    assert not at.exception
    job = pack_job(gen_id)
    assert job is not None and job.placements == ["tiktok"]
    assert job.wait(120) and job.error is None, job.error
    at.run()
    assert not at.exception
    downloads = [d for d in at.get("download_button") if d.label.startswith("Download Summer_pack")]
    assert len(downloads) == 1
    with zipfile.ZipFile(job.zip_path) as z:
        assert {"Summer_tiktok.mp4", "Summer_tiktok.srt", "Summer_tiktok.vtt", "manifest.json"} <= set(
            z.namelist()
        )
