"""Running a person's action against the studio: errors become chat notes, never tracebacks."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st
from pydantic import ValidationError

from studio.errors import StudioError
from studio.ui.session import add_note

log = logging.getLogger(__name__)


def explain(exc: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """A pydantic error in a marketer's words: which field (by its label, e.g. a CLI flag), what is wrong."""
    labels = labels or {}
    parts = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]] or ["input"]
        head = labels.get(loc[0], loc[0].replace("_", " "))
        field = " ".join([head, *(p.replace("_", " ") for p in loc[1:])])
        parts.append(f"{field}: {err['msg'].removeprefix('Value error, ')}")
    return "Please check " + "; ".join(parts) + "."


def attempt(gen_id: str | None, fn: Callable[..., Any], *args: Any) -> Any:
    """Call `fn`; on a studio or validation error, leave a note in the chat and return None."""
    try:
        return fn(*args)
    except StudioError as exc:
        add_note(gen_id, str(exc))
    except ValidationError as exc:
        add_note(gen_id, explain(exc))
    return None


def act(gen_id: str | None, fn: Callable[..., Any], *args: Any) -> None:
    """Run an action, then redraw the whole page (so the live part starts or stops polling)."""
    attempt(gen_id, fn, *args)
    st.rerun()
