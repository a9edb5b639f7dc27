"""Sign-in: OIDC through `st.login` when the secrets hold an `[auth]` section; a shared password from
`[studio] password` for small internal demos; otherwise the studio runs open (everyone is "local").

`[studio] admins = ["ana@example.com", ...]` lists people who may see everyone's generations.
Every page calls `require_person()` first; nothing else is drawn until someone is signed in.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

import streamlit as st

PERSON_KEY = "_studio_person"
OPEN_PERSON = "local"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    admin: bool = False


def _secrets() -> dict[str, Any]:
    try:
        return {"auth": st.secrets.get("auth"), "studio": dict(st.secrets.get("studio", {}))}
    except Exception:  # no secrets file at all: the studio runs open
        return {"auth": None, "studio": {}}


def sign_in_mode() -> str:
    """`oidc`, `password` or `open`, from the secrets."""
    secrets = _secrets()
    if secrets["auth"]:
        return "oidc"
    if secrets["studio"].get("password"):
        return "password"
    return "open"


def _admins() -> set[str]:
    return {str(a).strip().lower() for a in _secrets()["studio"].get("admins", [])}


def current_person() -> Person:
    """Who is using the page (only meaningful after `require_person`)."""
    mode = sign_in_mode()
    if mode == "oidc" and getattr(st.user, "is_logged_in", False):
        ident = str(st.user.get("email") or st.user.get("sub") or "")
        return Person(ident.lower(), str(st.user.get("name") or ident), ident.lower() in _admins())
    if mode == "password" and PERSON_KEY in st.session_state:
        ident = st.session_state[PERSON_KEY]
        return Person(ident, ident, ident in _admins())
    return Person(OPEN_PERSON, "you", mode == "open")


def _password_form() -> None:
    st.title("Ad Studio", anchor=False)
    st.caption("This studio is shared by a team. Sign in with the team password.")
    with st.form("sign_in"):
        name = st.text_input("Your name or email", max_chars=200)
        password = st.text_input("Team password", type="password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        expected = str(_secrets()["studio"].get("password", ""))
        if not name.strip():
            st.error("Say who you are: your ads are kept under this name.")
        elif not hmac.compare_digest(password.encode(), expected.encode()):
            st.error("That password is not right. Ask the person who set up the studio.")
        else:
            st.session_state[PERSON_KEY] = name.strip().lower()
            st.rerun()


def require_person() -> Person:
    """Show the sign-in gate when needed and stop the page until someone is signed in."""
    mode = sign_in_mode()
    if mode == "oidc" and not getattr(st.user, "is_logged_in", False):
        st.title("Ad Studio", anchor=False)
        st.caption("Sign in to make and see your ads.")
        st.button("Sign in", on_click=st.login, type="primary")
        st.stop()
    if mode == "password" and PERSON_KEY not in st.session_state:
        _password_form()
        st.stop()
    person = current_person()
    if mode != "open":
        with st.sidebar:
            st.caption(f"Signed in as {person.name}" + (" (admin)" if person.admin else ""))
            if st.button("Sign out", key="sign_out"):
                if mode == "oidc":
                    st.logout()
                st.session_state.pop(PERSON_KEY, None)
                st.rerun()
    return person
