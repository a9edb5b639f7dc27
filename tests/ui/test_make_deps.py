"""`make run` installs the studio's Debian packages when it can, and says plainly what it skipped when not.

The Makefile's recipes run against stand-ins for `id`, `sudo`, `dpkg` and `apt-get` placed first on PATH:
nothing is installed, and each stand-in logs how it was called.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STUDIO_DEBS = (ROOT / "packages.txt").read_text().split()
DEBS = " ".join(STUDIO_DEBS)  # espeak-ng (the offline voice) and libgl1 (OpenCV on the Cloud)
SKIPPED = (
    f"Skipped installing {DEBS} (needs root or sudo): without espeak-ng the offline ad will have captions "
    f"and music but no voice. Install it with: sudo apt-get install {DEBS}"
)
FAKES = {
    "id": 'echo "$FAKE_UID"',
    # Passwordless sudo when FAKE_SUDO=ok: logs, then runs the command itself.
    "sudo": '[ "$FAKE_SUDO" = ok ] || exit 1\n[ "$1" = -n ] && shift\necho "sudo $*" >>"$FAKE_LOG"\n"$@"',
    "dpkg": '[ "$FAKE_INSTALLED" = yes ]',
    "apt-get": 'echo "apt-get $*" >> "$FAKE_LOG"\nexit "${FAKE_APT_RC:-0}"',
}

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.fixture
def fake_system(tmp_path: Path) -> Path:
    """A folder of stand-in commands; returns it."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in FAKES.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return bin_dir


def _make(bin_dir: Path, *args: str, uid: int = 1000, sudo: str = "no", **env: str) -> tuple[str, list[str]]:
    """Run make with the stand-ins; returns its output and the stand-ins' log lines."""
    log = bin_dir.parent / "calls.log"
    log.unlink(missing_ok=True)
    done = subprocess.run(
        ["make", "-s", "--no-print-directory", "-C", str(ROOT), *args],
        env={
            **os.environ,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "FAKE_UID": str(uid),
            "FAKE_SUDO": sudo,
            "FAKE_LOG": str(log),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, log.read_text().splitlines() if log.exists() else []


def test_without_root_or_sudo_it_says_what_the_ad_will_miss_and_how_to_fix_it(fake_system: Path) -> None:
    out, calls = _make(fake_system, "studio-deps")
    assert out.strip() == SKIPPED
    assert calls == []


def test_as_root_it_installs_the_packages_listed_in_packages_txt(fake_system: Path) -> None:
    out, calls = _make(fake_system, "studio-deps", uid=0)
    assert out.strip() == "Installing Debian packages: " + " ".join(STUDIO_DEBS)
    assert calls == ["apt-get update -qq", "apt-get install -y -qq " + " ".join(STUDIO_DEBS)]


def test_with_passwordless_sudo_it_installs_through_sudo(fake_system: Path) -> None:
    _, calls = _make(fake_system, "studio-deps", sudo="ok")
    assert f"sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {DEBS}" in calls
    assert f"apt-get install -y -qq {DEBS}" in calls


def test_a_failed_install_is_said_and_does_not_stop_the_studio(fake_system: Path) -> None:
    out, _ = _make(fake_system, "studio-deps", uid=0, FAKE_APT_RC="100")
    assert f"Could not install {DEBS} (apt-get failed): without espeak-ng the offline ad" in out


def test_nothing_to_do_when_the_packages_are_there(fake_system: Path) -> None:
    out, calls = _make(fake_system, "system-deps", FAKE_INSTALLED="yes")
    assert out == "" and calls == []


def test_the_tests_packages_come_on_top_with_make_test(fake_system: Path) -> None:
    out, calls = _make(fake_system, "system-deps")
    assert SKIPPED in out
    assert "Skipped installing chromium postgresql ffmpeg (needs root or sudo)" in out
    _, calls = _make(fake_system, "system-deps", uid=0)
    installs = [c for c in calls if " install " in c]
    assert installs == [
        "apt-get install -y -qq " + " ".join(STUDIO_DEBS),
        "apt-get install -y -qq chromium postgresql ffmpeg",
    ]


def test_make_run_starts_the_studio_after_saying_what_it_skipped(fake_system: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for name, body in {"python": "exit 0", "streamlit": 'echo "streamlit $*"'}.items():
        (venv / "bin" / name).write_text(f"#!/bin/sh\n{body}\n")
        (venv / "bin" / name).chmod(0o755)
    stamp = venv / ".studio"  # the studio is installed: newer than requirements.txt
    stamp.touch()
    later = time.time() + 3600
    os.utime(stamp, (later, later))
    out, _ = _make(fake_system, "run", f"VENV={venv}", "PORT=8599")
    assert out.splitlines() == [SKIPPED, "streamlit run app.py --server.port 8599 --server.headless true"]
