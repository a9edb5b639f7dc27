"""Test page: the image editor on one reference of a generation made for it (run with `streamlit run`).

Environment: STUDIO_DATA_DIR (the studio's data folder), EDITOR_MASK_OUT (where the page writes each mask
that reaches Python), EDITOR_GEN_OUT (where it writes the generation's id).
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from studio.bootstrap import open_context
from studio.config import Settings
from studio.pipeline.pictures import PictureRef, picture_at
from studio.service import Studio
from studio.ui.picture_editor import open_editor, picture_editor, received_mask
from tests.pipeline.picture_fixtures import make_generation

SIZE, STICKER = (320, 240), (140, 100, 180, 140)
TARGET = PictureRef(kind="reference", index=0)


@st.cache_resource
def _studio_and_generation() -> tuple[Studio, str]:
    studio = Studio(open_context(Settings(data_dir=Path(os.environ["STUDIO_DATA_DIR"]), max_concurrent=2)))
    gen = make_generation(studio, SIZE, STICKER)
    Path(os.environ["EDITOR_GEN_OUT"]).write_text(gen.id, encoding="utf-8")
    return studio, gen.id


studio, gen_id = _studio_and_generation()
running = studio.store.get(gen_id).is_running


@st.fragment(run_every=1.0 if running else None)
def live() -> None:
    gen = studio.store.get(gen_id)
    open_editor(gen_id, TARGET)
    picture_editor(studio, gen, TARGET)
    mask = received_mask(gen_id, TARGET, picture_at(gen, TARGET).location)
    if mask is not None:
        Path(os.environ["EDITOR_MASK_OUT"]).write_bytes(mask)
    st.caption(f"status: {gen.status}")
    if gen.is_running != running:
        st.rerun()


live()
