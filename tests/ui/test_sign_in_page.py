"""The sign-in page with a team password: wrong passwords back off, nothing of them is logged, and a
signed-in person is held to the hourly limit even with no key (the command line is not:
tests/test_allowance.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief, Generation

ROOT = Path(__file__).resolve().parents[2]
TEAM_PASSWORD = "open sesame 7431"
WRONG = "hunter2-not-it"
NOT_RIGHT = "That password is not right. Ask the person who set up the studio."


@pytest.fixture
def data_dir(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STUDIO_RATE_LIMIT_PER_HOUR", "1")
    return data_dir


def _app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["studio"] = {"password": TEAM_PASSWORD}
    return at


def _sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_wrong_passwords_back_off_refuse_the_right_one_meanwhile_and_log_no_password(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    at = _app().run()
    with caplog.at_level(logging.INFO):
        for _ in range(2):
            _sign_in(at, "ana@example.com", WRONG)
            assert [e.value for e in at.error] == [NOT_RIGHT]
        _sign_in(at, "ana@example.com", WRONG)  # the third: from now on each attempt waits
        assert "Too many wrong passwords for this name. Wait, then try again in 8 s" in at.error[0].value
        _sign_in(at, "ana@example.com", TEAM_PASSWORD)  # right, but too soon: refused unread
        assert at.error[0].value.startswith("Too many wrong passwords for this name.")
        assert not at.chat_input
    failures = [r.getMessage() for r in caplog.records if r.getMessage().startswith("sign-in failed")]
    assert len(failures) == 3 and all("'ana@example.com' from localhost" in f for f in failures)
    assert any(r.getMessage().startswith("sign-in refused") for r in caplog.records)
    assert WRONG not in caplog.text and TEAM_PASSWORD not in caplog.text
    # A reload is a new session: the count is in the store, so the wait holds there too.
    again = _sign_in(_app().run(), "ANA@example.com ", TEAM_PASSWORD)
    assert again.error and again.error[0].value.startswith("Too many wrong passwords for this name.")


def test_a_signed_in_person_is_held_to_the_hourly_limit_with_no_key(data_dir: Path) -> None:
    store = open_context(Settings(data_dir=data_dir), with_runner=False).store
    store.create(Generation(id="ana0000000000001", owner="ana@example.com", brief=Brief(prompt="Earlier ad"),
                                 status="completed"))  # fmt: skip
    at = _app()
    at.session_state["_studio_person"] = "ana@example.com"
    at.run()
    at.chat_input(key="chat").set_value("A ginger kombucha for gym-goers").run()
    assert not at.exception
    said = " ".join(m.markdown[0].value for m in at.chat_message if m.markdown)
    assert "You have started 1 ads in the last hour (the limit is 1)" in said
    assert "g" not in at.query_params  # nothing was created
