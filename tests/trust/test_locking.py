"""Optimistic locking: writers in other threads and other processes never lose each other's change."""

from __future__ import annotations

import multiprocessing as mp
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from studio.models import Generation
from studio.store.repo import Store
from tests.trust.helpers import brief, fresh_database, sqlite_url

WRITERS, PROCESSES, EACH = 4, 2, 12


def _append_marks(url: str, gen_id: str, writer: str, count: int) -> None:
    """One writer with its own Store (own engine, own connections), appending `count` marks."""
    store = Store(Store.open(url).engine)
    for i in range(count):
        store.update(gen_id, lambda g, i=i: g.config.setdefault("marks", []).append(f"{writer}-{i}"),
                     attempts=200)  # fmt: skip
    store.engine.dispose()


def _new_generation(url: str) -> tuple[Store, str]:
    store = Store.open(url)
    gen = Generation(id="lock-test", brief=brief())
    store.create(gen)
    return store, gen.id


def _check_all_kept(store: Store, gen_id: str, writers: list[str]) -> None:
    gen = store.get(gen_id)
    marks = gen.config["marks"]
    expected = {f"{w}-{i}" for w in writers for i in range(EACH)}
    assert len(marks) == len(expected) and set(marks) == expected  # none lost, none doubled
    assert gen.version == 1 + len(expected)  # one version per change
    for w in writers:  # each writer's own order is kept
        mine = [m for m in marks if m.startswith(f"{w}-")]
        assert mine == [f"{w}-{i}" for i in range(EACH)]


def _threads(url: str, gen_id: str) -> list[str]:
    names = [f"t{n}" for n in range(WRITERS)]
    threads = [threading.Thread(target=_append_marks, args=(url, gen_id, n, EACH)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return names


def _processes(url: str, gen_id: str) -> list[str]:
    names = [f"p{n}" for n in range(PROCESSES)]
    spawn = mp.get_context("spawn")
    procs = [spawn.Process(target=_append_marks, args=(url, gen_id, n, EACH)) for n in names]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * PROCESSES
    return names


def test_threads_with_their_own_stores_on_one_sqlite_file(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    store, gen_id = _new_generation(url)
    _check_all_kept(store, gen_id, _threads(url, gen_id))


@pytest.mark.slow
def test_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    store, gen_id = _new_generation(url)
    _check_all_kept(store, gen_id, _processes(url, gen_id))


@pytest.mark.postgres
def test_threads_and_processes_on_postgres(postgres_url: str) -> None:
    url = fresh_database(postgres_url, "trust_locking")
    store, gen_id = _new_generation(url)
    # Threads and processes at the same time: 6 writers racing on one row.
    spawn = mp.get_context("spawn")
    procs = [
        spawn.Process(target=_append_marks, args=(url, gen_id, f"p{n}", EACH)) for n in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    names = _threads(url, gen_id)
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * PROCESSES
    _check_all_kept(store, gen_id, names + [f"p{n}" for n in range(PROCESSES)])


def test_a_change_that_keeps_losing_the_race_says_so() -> None:
    """After its attempts, a write that always conflicts raises ConflictError instead of overwriting."""
    from studio.errors import ConflictError

    store = Store.open("sqlite://")
    gen = Generation(id="race", brief=brief())
    store.create(gen)

    def rival_writes_first(g: Generation) -> None:
        with store.engine.begin() as conn:  # another writer bumps the version under us every time
            conn.execute(sa.text("UPDATE generations SET version = version + 1 WHERE id = 'race'"))
        g.error = "mine"

    with pytest.raises(ConflictError, match="kept changing"):
        store.update(gen.id, rival_writes_first, attempts=3)
    assert store.get(gen.id).error is None  # the losing write never landed
