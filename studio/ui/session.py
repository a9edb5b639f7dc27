"""Per-process and per-visitor state of the pages: the studio service, the person, the id on screen.

One `StudioContext` and one `Studio` per process (and per settings, so tests with their own data folder
get their own), built through `st.cache_resource`. The generation on screen lives in the URL (`?g=<id>`);
`st.session_state` holds only UI state.
"""

from __future__ import annotations

import logging

import streamlit as st

from studio.bootstrap import open_context
from studio.config import Settings, load_settings
from studio.logs import configure_logging
from studio.runtime.jobs import exit_promptly_at_shutdown
from studio.runtime.recovery import orphaned, recover
from studio.service import Studio
from studio.ui.people import current_person, sign_in_mode

log = logging.getLogger(__name__)
QUERY_KEY = "g"
NOTES_KEY = "_studio_notes"
SEEN_KEY = "_studio_seen"
# Generations this process picked up again at start-up (their pages say "Resuming…" once).
resumed_at_start: set[str] = set()


def current_owner() -> str:
    """Who is using the page (see studio/ui/people.py): their generations are theirs."""
    return current_person().id


def is_signed_in() -> bool:
    """True on a shared studio (team password or OIDC): the hourly limit binds its people even with no
    key in use (studio/allowance.py); the open page is one person's, like the command line."""
    return sign_in_mode() != "open"


def is_admin() -> bool:
    """Admins (listed in the secrets) may see everyone's generations."""
    return sign_in_mode() != "open" and current_person().admin


@st.cache_resource(show_spinner=False)
def _studio_for(fingerprint: str, _settings: Settings) -> Studio:
    # Keyed on the fingerprint (covers secret values, stores none); the settings object itself is
    # handed over untouched: a JSON round trip would turn every key into asterisks.
    settings = _settings
    configure_logging(settings)
    studio = Studio(open_context(settings))
    # A deploy's SIGTERM: stop within seconds, leave running work to the next start (studio/runtime/jobs.py).
    exit_promptly_at_shutdown()
    # First page run of this process: carry on generations whose process died.
    resumed = recover(studio)
    resumed_at_start.update(resumed)
    if resumed:
        log.info("resumed %d generation(s) at start-up", len(resumed))
    return studio


def get_studio() -> Studio:
    """The process's studio for the current settings (read fresh each run; built once per settings)."""
    settings = load_settings()
    return _studio_for(settings.fingerprint(), settings)


def generation_on_screen() -> str | None:
    """The id in `?g=`, if any."""
    value = st.query_params.get(QUERY_KEY)
    return value or None


def show_generation(gen_id: str | None) -> None:
    """Put a generation in the URL, or clear it (a new ad)."""
    if gen_id:
        st.query_params[QUERY_KEY] = gen_id
    elif QUERY_KEY in st.query_params:
        del st.query_params[QUERY_KEY]


def needs_resume(studio: Studio, gen_id: str) -> bool:
    """True when the generation is unfinished and nobody (here or elsewhere) is driving it."""
    runner = studio.ctx.runner
    if runner is not None and runner.is_driving(gen_id):
        return False
    return gen_id in orphaned(studio.store)


def resume_if_orphaned(studio: Studio, gen_id: str) -> bool:
    """Carry on a running generation nobody drives; True when this page should say "Resuming…".

    Said once per visitor and generation: when the page resumes it now, or the process did at start-up.
    """
    seen: set[str] = st.session_state.setdefault(SEEN_KEY, set())
    first_look = gen_id not in seen
    seen.add(gen_id)
    if needs_resume(studio, gen_id):
        studio.resume(gen_id)
        return True
    return first_look and gen_id in resumed_at_start


def add_note(gen_id: str | None, text: str) -> None:
    """A message for the chat that is not part of the stored conversation (errors, hints)."""
    st.session_state.setdefault(NOTES_KEY, []).append((gen_id, text))


def notes(gen_id: str | None) -> list[str]:
    """Notes for the generation on screen."""
    return [text for gid, text in st.session_state.get(NOTES_KEY, []) if gid == gen_id]


def clear_notes() -> None:
    st.session_state[NOTES_KEY] = []
