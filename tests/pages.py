"""What the AppTest page tests share: the app, their patience, the store the page writes, a wait."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import load_settings
from studio.models import Generation

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 120
"""Seconds an AppTest run may take (the offline engine renders in the page's process)."""


def page_store():  # type: ignore[no-untyped-def]
    """The store the page writes to (the data folder of the `data_dir` fixture)."""
    return open_context(load_settings(), with_runner=False).store


def wait_for(at: AppTest, gen_id: str, done: Callable[[Generation], bool], limit_s: float) -> Generation:
    """Fragments don't tick in AppTest: rerun the page until the store says `done`."""
    store = page_store()
    deadline = time.monotonic() + limit_s
    while True:
        gen = store.get(gen_id)
        if done(gen):
            at.run()
            return gen
        assert gen.status != "failed", f"generation failed: {gen.error}"
        assert time.monotonic() < deadline, f"timed out at {gen.status}/{gen.stage}"
        time.sleep(0.5)
        at.run()
