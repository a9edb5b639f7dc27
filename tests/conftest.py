"""Shared fixtures: offline settings in a temporary data folder, and a real Postgres on loopback."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.config import Settings

# Tests never reach a real service, whatever the developer's shell holds.
for _var in ("OPENAI_API_KEY", "REPLICATE_API_TOKEN", "DATABASE_URL", "STUDIO_EXECUTOR", "STUDIO_STORAGE"):
    os.environ.pop(_var, None)
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder for a page or CLI run in this process, offline (the page's cached studio is
    keyed on these settings). A test module adds its own variables by overriding it."""
    data = tmp_path / "data"
    monkeypatch.setenv("STUDIO_DATA_DIR", str(data))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    monkeypatch.setenv("STUDIO_MAX_CONCURRENT", "2")
    return data


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Offline settings with a fresh data folder and SQLite database."""
    return Settings(data_dir=tmp_path / "data", max_concurrent=2)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway Postgres server on a loopback port (Debian's package; `make test` installs it)."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("Postgres binaries not installed (make test installs the postgresql package)")
    root = Path(tempfile.mkdtemp(prefix="studio-pg-"))
    data = root / "data"
    port = free_port()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres")
        os.chmod(root, 0o700)
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "studio", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    log = root / "server.log"
    subprocess.run(
        [
            *prefix,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-w",
            "-t",
            "30",
            "-o",
            f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off -c max_connections=200",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        for _ in range(50):
            ready = subprocess.run(
                [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)], capture_output=True
            )
            if ready.returncode == 0:
                break
            time.sleep(0.2)
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "studio", "studio"],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://studio@127.0.0.1:{port}/studio"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def loopback() -> Iterator[LoopbackServer]:  # noqa: F821 - imported inside (annotations are lazy)
    """A loopback OpenAI + Replicate server (tests/loopback/server.py) with its own key and token."""
    import secrets

    from tests.loopback.server import LoopbackServer

    key = f"sk-proj-LOOPBACK{secrets.token_hex(12)}"
    token = f"r8_LOOPBACK{secrets.token_hex(12)}"
    with LoopbackServer(openai_key=key, replicate_token=token) as server:
        yield server
