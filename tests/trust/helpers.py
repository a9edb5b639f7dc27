"""Shared pieces of the trust tests: small briefs, CLI subprocesses, polling the store, file fingerprints."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from studio.models import Brief, Generation
from studio.store.repo import Store

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "Trail running shoes from Peak that grip wet rock. For weekend runners. 20% off this week."
SMALL = ["--resolution", "360p", "--duration", "8", "--scenes", "3"]


def brief(**kw: Any) -> Brief:
    """A small, fast brief: 3 scenes, 8 s, 360p."""
    base: dict[str, Any] = dict(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=4242)
    return Brief(**(base | kw))


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a studio subprocess: offline, its own data folder, nothing from the shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STUDIO_", "S3_", "AWS_"))}
    for var in ("OPENAI_API_KEY", "REPLICATE_API_TOKEN", "DATABASE_URL", "IMAGEIO_FFMPEG_EXE"):
        env.pop(var, None)
    env.update(STUDIO_DATA_DIR=str(data_dir), STUDIO_OFFLINE="1", HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def start_cli(args: list[str], env: dict[str, str], **popen: Any) -> subprocess.Popen[str]:
    """`python -m studio ARGS` in its own process group (so a kill takes its ffmpeg children too)."""
    return subprocess.Popen(
        [sys.executable, "-m", "studio", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **popen,
    )


def run_cli(
    args: list[str], env: dict[str, str], timeout: float = 120, **popen: Any
) -> subprocess.CompletedProcess:
    """Run `python -m studio ARGS` to its end."""
    return subprocess.run(
        [sys.executable, "-m", "studio", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout, **popen,
    )  # fmt: skip


def kill_hard(proc: subprocess.Popen[str]) -> None:
    """kill -9 the process and the group it leads (ours: started with start_new_session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)
    if proc.stdout:
        proc.stdout.close()
    if proc.stderr:
        proc.stderr.close()


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'studio.db').resolve()}"


def wait_for(
    probe: Callable[[], Any], timeout: float, what: str, proc: subprocess.Popen | None = None
) -> Any:
    """Poll `probe` until it returns something truthy; fail with `what` after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            found = probe()
        except (sa.exc.OperationalError, sa.exc.ProgrammingError):  # no database or tables yet
            found = None
        if found:
            return found
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read()[-3000:] if proc.stderr else ""
            raise AssertionError(f"the process ended (exit {proc.returncode}) before {what}: {err}")
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Poller:
    """Reads generation and clip rows straight from the database, without migrating anything."""

    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url)

    def generation(self) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.text("SELECT id, status, stage FROM generations")).mappings().first()
            return dict(row) if row else None

    def complete_clips(self, gen_id: str) -> list[int]:
        q = sa.text("SELECT scene_id FROM clips WHERE generation_id = :g AND status = 'complete'")
        with self.engine.connect() as conn:
            return sorted(conn.execute(q, {"g": gen_id}).scalars())

    def close(self) -> None:
        self.engine.dispose()


def fingerprint(path: Path) -> tuple[int, str]:
    """(mtime in ns, sha256) of a file: a finished clip that is reused keeps both."""
    return path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def tree_fingerprint(root: Path) -> dict[str, tuple[int, str]]:
    """Every file under `root` (by relative path) with its fingerprint."""
    return {str(p.relative_to(root)): fingerprint(p) for p in sorted(root.rglob("*")) if p.is_file()}


def stored_locations(gen: Generation) -> list[str]:
    """Every media location the generation row points to."""
    locs = [r.location for r in gen.references]
    for c in gen.clips:
        locs += [c.location, c.last_frame, c.thumbnail, c.voice_location]
    if gen.ad is not None:
        locs += [gen.ad.location, gen.ad.poster]
    return [loc for loc in locs if loc]


def assert_consistent(store: Store, gen_id: str, media: Any) -> Generation:
    """Completed, every clip complete and present, no temporary file referenced anywhere."""
    gen = store.get(gen_id)
    assert gen.status == "completed", gen.error
    assert gen.error is None
    assert len(gen.clips) == len(gen.scenes) >= 1
    assert all(c.status == "complete" and c.progress == 100 for c in gen.clips), gen.clips
    assert gen.ad is not None
    for loc in stored_locations(gen):
        name = loc.rsplit("/", 1)[-1]
        assert not name.startswith(".") and ".part" not in name, f"temporary file referenced: {loc}"
        assert media.exists(loc), f"missing: {loc}"
    return gen


def fresh_database(postgres_url: str, name: str) -> str:
    """A new, empty database on the test server; returns its URL."""
    admin = sa.create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return postgres_url.rsplit("/", 1)[0] + f"/{name}"
