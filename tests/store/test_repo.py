"""The store on a real SQLite file and a real Postgres server: round trips, locking, library queries."""

from __future__ import annotations

import subprocess
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from studio.errors import ConfigError, NotFound
from studio.models import Brief, Clip, Generation, Message, MetricValue, QualityReport, Story, utcnow
from studio.run import ApiCall
from studio.store.repo import Store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield Store.open(f"sqlite:///{tmp_path / 'studio.db'}")
        return
    base = request.getfixturevalue("postgres_url")
    name = "t_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    s = Store.open(base.rsplit("/", 1)[0] + "/" + name)
    yield s
    s.engine.dispose()
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def _gen(prompt: str = "A red sneaker for runners", owner: str = "ana") -> Generation:
    return Generation(id=uuid.uuid4().hex[:16], owner=owner, brief=Brief(prompt=prompt), seed=2**31 - 1)


def test_generation_round_trip_keeps_every_field(store: Store) -> None:
    gen = _gen()
    store.create(gen)
    story = Story(title="Run red", text="t", framework="PAS", beats=[], voiceover=["a"], call_to_action="Buy")
    store.update(gen.id, lambda g: setattr(g, "story", story))
    back = store.get(gen.id)
    assert back.story == story
    assert back.seed == 2**31 - 1
    assert back.brief.prompt == "A red sneaker for runners"
    assert back.version == 2
    assert back.created_at.tzinfo is not None


def test_optimistic_lock_never_loses_a_concurrent_change(store: Store) -> None:
    gen = _gen()
    store.create(gen)
    n = 8

    def approve_story(i: int) -> None:
        store.update(
            gen.id,
            lambda g: g.story_history.append(
                Story(title=f"v{i}", text="t", framework="AIDA", beats=[], voiceover=[], call_to_action="Go")
            ),
        )

    threads = [threading.Thread(target=approve_story, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    back = store.get(gen.id)
    assert sorted(s.title for s in back.story_history) == sorted(f"v{i}" for i in range(n))
    assert back.version == 1 + n


def test_clips_have_their_own_rows_and_progress(store: Store) -> None:
    gen = _gen()
    store.create(gen)
    store.save_clip(gen.id, Clip(scene_id=2))
    store.save_clip(gen.id, Clip(scene_id=1, seed=7, seed_applied=True))
    store.set_clip_progress(gen.id, 1, 42.04, "rendering")
    clips = store.get(gen.id).clips
    assert [c.scene_id for c in clips] == [1, 2]
    assert (clips[0].progress, clips[0].status, clips[0].seed) == (42.0, "rendering", 7)
    with pytest.raises(NotFound):
        store.clip(gen.id, 9)


def test_api_calls_add_up_to_the_generation_cost(store: Store) -> None:
    gen = _gen()
    store.create(gen)
    for cost in (0.25, 0.5, 0.125):
        store.record(
            ApiCall(provider="replicate", model="m", purpose="clip", cost_usd=cost, generation_id=gen.id)
        )
    store.update(gen.id, lambda g: setattr(g, "status", "clips"))  # a versioned write must not undo the total
    assert store.get(gen.id).cost_usd == pytest.approx(0.875)
    assert [c.cost_usd for c in store.api_calls(gen.id)] == [0.25, 0.5, 0.125]


def test_quality_rows_store_figures_or_null_on_failure(store: Store) -> None:
    gen = _gen()
    store.create(gen)
    report = QualityReport(
        overall=81.5,
        dimensions={
            "temporal_flickering": MetricValue(value=97.0, raw=0.99),
            "aesthetic_quality": MetricValue(value=None, note="unavailable: no weights"),
        },
    )
    store.save_quality(gen.id, report, None)
    store.save_quality(gen.id, None, 1, error="decoder failed")
    scores = store.quality(gen.id)
    assert scores[None].overall == 81.5
    assert scores[None].dimensions["aesthetic_quality"].value is None
    assert scores[1] is None


def test_library_lists_newest_first_per_owner_with_search(store: Store) -> None:
    older, newer, other = _gen("Coffee beans ad"), _gen("Tea for two"), _gen("Coffee mugs", owner="bo")
    older.created_at = utcnow() - timedelta(hours=1)
    for g in (older, newer, other):
        store.create(g)
    assert [s.id for s in store.list_generations("ana")] == [newer.id, older.id]
    assert [s.id for s in store.list_generations("ana", search="coffee")] == [older.id]
    assert {s.id for s in store.list_generations(None)} == {older.id, newer.id, other.id}
    store.soft_delete(older.id)
    assert [s.id for s in store.list_generations("ana")] == [newer.id]
    with pytest.raises(NotFound):
        store.get(older.id)


def test_messages_keep_their_order(store: Store) -> None:
    gen = _gen()
    store.create(gen)
    for text in ("make it funnier", "looks good"):
        store.add_message(gen.id, Message(role="user", stage="story", text=text))
    assert [m.text for m in store.messages(gen.id)] == ["make it funnier", "looks good"]


def test_unreachable_database_says_what_to_fix() -> None:
    with pytest.raises(ConfigError, match="Cannot reach the database"):
        Store.open("postgresql+psycopg://studio:hunter2@127.0.0.1:1/none")
    try:
        Store.open("postgresql+psycopg://studio:hunter2@127.0.0.1:1/none")
    except ConfigError as exc:
        assert "hunter2" not in str(exc)


def test_migrations_run_twice_without_change(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    Store.open(url)
    Store.open(url)
    out = subprocess.run(
        ["sqlite3", str(tmp_path / "s.db"), "select version_num from alembic_version"],
        capture_output=True,
        text=True,
    )
    if out.returncode == 0:
        newest = max(
            f.name[:4] for f in (Path(__file__).parents[2] / "studio/store/migrations/versions").glob("0*.py")
        )
        assert out.stdout.strip() == newest
