"""Sign-in: OIDC through `st.login` when the secrets hold an `[auth]` section; a shared password from
`[studio] password` for small internal demos; otherwise the studio runs open (everyone is "local").

The mode, the person and the admins (`[studio] admins`) are read from the secrets in studio/ui/people.py.
Wrong team passwords are throttled per name and per address, in the store (studio/sign_in.py). With
OIDC the identity provider checks the password and throttles it: a failure there is handled inside
Streamlit's callback route and never reaches this script, so the studio counts nothing for OIDC.
Every page calls `require_person()` first; nothing else is drawn until someone is signed in.
"""

from __future__ import annotations

import hmac

import streamlit as st

from studio.sign_in import SignInThrottle, person_key
from studio.ui.people import PERSON_KEY, Person, current_person, sign_in_mode, sign_in_secrets
from studio.ui.session import get_studio


def _client_address() -> str | None:
    """The visitor's IP as Streamlit sees the connection (None on this machine's loopback).

    Not X-Forwarded-For: anyone can send a new one with each attempt and slip past the address count.
    """
    try:
        address = st.context.ip_address
    except Exception:  # no client connection (a bare script run)
        return None
    return address if isinstance(address, str) else None  # AppTest hands back a stand-in object


def _throttle() -> SignInThrottle:
    return SignInThrottle(get_studio().store.engine)


def _try_password(name: str, password: str) -> None:
    """Check a sign-in against the throttle, then the password; sign in or say why not."""
    if not name:
        st.error("Say who you are: your ads are kept under this name.")
        return
    throttle, address = _throttle(), _client_address()
    refusal = throttle.check(name, address)
    if refusal is not None:  # waiting or locked: the password is not even looked at
        throttle.refused(name, address, refusal)
        st.error(refusal.message(throttle.clock()))
        return
    expected = str(sign_in_secrets()["studio"].get("password", ""))
    if not hmac.compare_digest(password.encode(), expected.encode()):
        refusal = throttle.failed(name, address)
        wrong = "That password is not right. Ask the person who set up the studio."
        st.error(wrong + (f" {refusal.message(throttle.clock())}" if refusal else ""))
        return
    throttle.succeeded(name)
    st.session_state[PERSON_KEY] = person_key(name)
    st.rerun()


def _password_form() -> None:
    st.title("Ad Studio", anchor=False)
    st.caption("This studio is shared by a team. Sign in with the team password.")
    with st.form("sign_in"):
        name = st.text_input("Your name or email", max_chars=200)
        password = st.text_input("Team password", type="password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        _try_password(name.strip(), password)


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
