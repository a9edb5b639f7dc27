"""Sign-in: a shared password gates every page; owners see only their own ads; admins see all."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief, Generation

ROOT = Path(__file__).resolve().parents[2]


def _app(page: str, **studio_secrets) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    if studio_secrets:
        at.secrets["studio"] = studio_secrets
    return at


def test_without_secrets_the_studio_runs_open(data_dir: Path) -> None:
    at = _app("app.py").run()
    assert not at.exception
    assert any("Tell me what the ad is about" in m.markdown[0].value for m in at.chat_message)
    assert not [t for t in at.text_input if t.label == "Team password"]


def test_a_shared_password_shows_nothing_else_until_signed_in(data_dir: Path) -> None:
    at = _app("app.py", password="open sesame").run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Your name or email", "Team password"]
    assert not at.chat_input  # nothing of the studio is drawn
    at.text_input[0].input("ana@example.com")
    at.text_input[1].input("wrong")
    at.button[0].click().run()
    assert "not right" in at.error[0].value
    at.text_input[1].input("open sesame")
    at.button[0].click().run()
    assert not at.exception and at.chat_input
    assert any("Signed in as ana@example.com" in c.value for c in at.sidebar.caption)


def test_the_library_shows_only_the_person_s_own_ads_but_all_to_an_admin(data_dir: Path) -> None:
    ctx = open_context(Settings(data_dir=data_dir), with_runner=False)
    for owner, prompt in (("ana@example.com", "Ana's coffee ad"), ("bo@example.com", "Bo's tea ad")):
        ctx.store.create(
            Generation(
                id=owner[:3] + "0000000001", owner=owner, brief=Brief(prompt=prompt), status="completed"
            )
        )

    def library_text(person: str, admins: list[str]) -> str:
        at = _app("app_pages/1_Library.py", password="pw", admins=admins)
        at.session_state["_studio_person"] = person
        at.run()
        assert not at.exception
        return " ".join(str(e.value) for e in at.markdown) + " ".join(str(c.value) for c in at.caption)

    ana = library_text("ana@example.com", admins=[])
    assert "Ana's coffee ad" in ana and "Bo's tea ad" not in ana
    admin = library_text("ana@example.com", admins=["ana@example.com"])
    assert "Ana's coffee ad" in admin and "Bo's tea ad" in admin
