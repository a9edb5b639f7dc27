"""Opening the store: a fresh database is migrated; one already at the newest revision skips Alembic.

Every process start (CLI, page, worker) opens the store, so importing Alembic and running an upgrade
with nothing to do is paid each time; these pin that the shortcut stays correct.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from studio.store.db import MIGRATIONS, head_revision
from studio.store.repo import Store
from tests.trust.helpers import fresh_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> Iterator[str]:
    """A new, empty database: a SQLite file, or a database of its own on the test Postgres server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'studio.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    name = "t_" + uuid.uuid4().hex[:10]
    yield fresh_database(base, name)
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


def _version(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())


def _open_in_fresh_process(url: str) -> list[str]:
    """The modules a new process has imported after opening the store at `url`."""
    code = (
        "import sys\n"
        "from studio.store.repo import Store\n"
        f"Store.open({url!r}).engine.dispose()\n"
        "print(' '.join(m for m in ('alembic', 'mako') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    return out.stdout.split()


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    script = ScriptDirectory(str(MIGRATIONS))
    assert head_revision() == script.get_current_head()


def test_a_fresh_database_is_migrated_to_the_head(database_url: str) -> None:
    store = Store.open(database_url)
    assert _version(store) == [head_revision()]
    store.engine.dispose()


def test_a_database_at_the_head_opens_without_alembic(database_url: str) -> None:
    Store.open(database_url).engine.dispose()
    assert _open_in_fresh_process(database_url) == []


def test_a_database_behind_the_head_is_still_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = Store.open(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    assert _version(store) != [head_revision()]
    assert _open_in_fresh_process(url) == ["alembic", "mako"]
    assert _version(store) == [head_revision()]


def test_an_offline_studio_never_imports_the_replicate_client(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "import studio.service\n"
        "from studio.bootstrap import open_context\n"
        "open_context(with_runner=False)\n"
        "print(' '.join(m for m in ('replicate', 'httpx') if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REPLICATE_API_TOKEN")}
    env.update(STUDIO_OFFLINE="1", STUDIO_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert out.stdout.split() == []
