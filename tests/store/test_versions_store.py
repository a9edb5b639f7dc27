"""Versions in the store: an ad finished before versions existed becomes v1; the row keeps its video."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from studio.models import Ad, AdVersion, AssemblySettings, Brief, Generation
from studio.store.db import MIGRATIONS, create_engine, migrate
from studio.store.repo import Store

AD = Ad(location="generations/g1/ad.mp4", poster="generations/g1/poster.jpg", duration_s=8.0, width=360,
        height=640, aspect_ratio="9:16")  # fmt: skip


def test_an_ad_made_before_versions_becomes_version_1(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 's.db'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            sa.text(
                "insert into generations (id, owner, status, stage, prompt, title, brief, ad, final_video, "
                "poster, overall_score, scoring_failed, story_approved, scenes_approved, cost_usd, "
                "created_at, updated_at, version) values ('g1', 'local', 'completed', 'scores', 'p', 't', "
                ":brief, :ad, :video, :poster, 81.5, 0, 1, 1, 0, :at, :at, 1)"
            ),
            {"brief": Brief(prompt="p").model_dump_json(), "ad": AD.model_dump_json(), "video": AD.location,
             "poster": AD.poster, "at": "2026-11-20 10:00:00"},
        )  # fmt: skip
    migrate(engine)
    gen = Store(engine).get("g1")
    assert gen.ad == AD and gen.assembly == AssemblySettings()
    assert [(v.number, v.ad, v.change, v.overall_score) for v in gen.versions] == [(1, AD, "first cut", 81.5)]


def test_the_row_keeps_the_last_finished_video_while_a_new_version_is_made(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 's.db'}")
    gen = Generation(id="g2", brief=Brief(prompt="p"), ad=AD, versions=[AdVersion(number=1, ad=AD)])
    store.create(gen)

    def new_story(g: Generation) -> None:  # what invalidate_after does to the ad of a finished generation
        g.versions.append(AdVersion(number=2, change="“make it funnier”"))
        g.ad = None

    store.update("g2", new_story)
    row = next(s for s in store.list_generations() if s.id == "g2")
    assert (row.final_video, row.poster) == (AD.location, AD.poster)
    assert [v["number"] for v in row.versions] == [1, 2]
    again = store.get("g2")
    assert again.ad is None and again.finished_ad == AD and again.versions[1].change == "“make it funnier”"
    assert json.loads(again.model_dump_json())["versions"][0]["ad"]["location"] == AD.location
