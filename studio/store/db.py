"""Engines and migrations: SQLite (WAL) by default, Postgres through DATABASE_URL."""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from studio.errors import ConfigError

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_migrate_lock = threading.Lock()
_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=\n]*)?=(.*)$", re.MULTILINE)


def _redact(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"


def create_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and a folder that exists."""
    try:
        parsed = sa.engine.make_url(url)
    except Exception:
        raise ConfigError(
            "DATABASE_URL is not a database URL (e.g. postgresql+psycopg://user@host/db)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(
                    f"Cannot create the data folder for {parsed.database}: {exc.strerror}"
                ) from None
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)


def head_revision() -> str | None:
    """The newest migration's id, read from the version files' text rather than through Alembic.

    Importing Alembic and running an upgrade that has nothing to do costs every process start about
    half a second; this lets an up-to-date database skip both. None when the files do not name exactly
    one head (a merge to make, a file we cannot read): Alembic then decides, as before.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """True only for one version row equal to the head: a fresh, older or branched database migrates."""
    head = head_revision()
    if head is None:
        return False
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return False
        found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    return found == [head]


def _upgrade(engine: Engine) -> None:
    """Alembic's upgrade to the head, in one transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # One process migrates at a time when several studios share a database.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(42424242)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (safe to call at every start).

    A database already at the newest revision is only read, without importing Alembic.
    """
    with _migrate_lock:
        try:
            if not _at_head(engine):
                _upgrade(engine)
        except sa.exc.OperationalError as exc:
            raise ConfigError(
                f"Cannot reach the database at {_redact(str(engine.url))}: {exc.orig}. "
                "Check DATABASE_URL, or unset it to use the local SQLite file."
            ) from None
