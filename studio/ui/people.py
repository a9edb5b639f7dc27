"""Who is on the page, from the secrets: the sign-in mode, the person and whether they are an admin.

`[auth]` in the secrets means OIDC through `st.login`; `[studio] password` a shared team password;
neither, the studio runs open (everyone is "local"). `[studio] admins = ["ana@example.com", ...]` lists
people who may see everyone's generations. The gate that signs people in is studio/ui/auth.py.
"""

from __future__ import annotations

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


def sign_in_secrets() -> dict[str, Any]:
    """The `[auth]` section (or None) and the `[studio]` section of the secrets."""
    try:
        return {"auth": st.secrets.get("auth"), "studio": dict(st.secrets.get("studio", {}))}
    except Exception:  # no secrets file at all: the studio runs open
        return {"auth": None, "studio": {}}


def sign_in_mode() -> str:
    """`oidc`, `password` or `open`, from the secrets."""
    secrets = sign_in_secrets()
    if secrets["auth"]:
        return "oidc"
    if secrets["studio"].get("password"):
        return "password"
    return "open"


def _admins() -> set[str]:
    return {str(a).strip().lower() for a in sign_in_secrets()["studio"].get("admins", [])}


def current_person() -> Person:
    """Who is using the page (only meaningful after `auth.require_person`)."""
    mode = sign_in_mode()
    if mode == "oidc" and getattr(st.user, "is_logged_in", False):
        ident = str(st.user.get("email") or st.user.get("sub") or "")
        return Person(ident.lower(), str(st.user.get("name") or ident), ident.lower() in _admins())
    if mode == "password" and PERSON_KEY in st.session_state:
        ident = st.session_state[PERSON_KEY]
        return Person(ident, ident, ident in _admins())
    return Person(OPEN_PERSON, "you", mode == "open")
