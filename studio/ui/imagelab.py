"""The image lab page's pieces: the form, the run, and the ranked gallery with a download for each image.

The last run is remembered by its trace file (UI state only); the gallery is drawn from that file on every
run, so a rerun or a reload of the script shows the same set.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import streamlit as st

from studio.errors import StudioError
from studio.imagelab import ASPECT_SIZES, MAX_VARIATIONS, ImageLabResult, run_image_lab

log = logging.getLogger(__name__)
TRACE_KEY = "_imagelab_trace"


def lab_providers() -> Any:
    """The providers of this process's studio (offline unless keys are set)."""
    from studio.ui.session import get_studio

    return get_studio().ctx.providers


def lab_output_root() -> Path:
    """Image lab runs from the page go under the studio's data folder."""
    from studio.config import load_settings

    return (Path(load_settings().data_dir) / "image_generations").resolve()


def generate(prompt: str, num: int, aspect: str, seed: int | None, on_progress: Any = None) -> ImageLabResult:
    """Run the lab with the page's choices (the one call the page makes into the pipeline)."""
    return run_image_lab(
        prompt,
        providers=lab_providers(),
        num_variations=num,
        aspect_ratio=aspect,
        seed=seed,
        output_dir=lab_output_root(),
        on_progress=on_progress,
    )


def render_form() -> None:
    """Prompt, number, aspect, seed and the Generate button; runs the lab when pressed."""
    with st.form("image_lab"):
        prompt = st.text_area("Prompt", placeholder="A red running shoe on a mountain trail at dawn")
        cols = st.columns(3)
        num = cols[0].number_input("Variations", min_value=1, max_value=MAX_VARIATIONS, value=8, step=1)
        aspect = cols[1].selectbox("Aspect ratio", list(ASPECT_SIZES), index=0)
        seed_text = cols[2].text_input("Seed (optional)", value="")
        pressed = st.form_submit_button("Generate", type="primary")
    if not pressed:
        return
    seed: int | None = None
    if seed_text.strip():
        if not seed_text.strip().isdigit():
            st.error("The seed is a whole number (or leave it empty for a random one).")
            return
        seed = int(seed_text.strip())
    bar = st.progress(0.0, text="Starting")
    try:
        result = generate(prompt, int(num), aspect, seed, on_progress=lambda f, m: bar.progress(f, text=m))
    except StudioError as exc:
        st.error(str(exc))
        return
    st.session_state[TRACE_KEY] = str(result.trace_path)


def render_gallery() -> None:
    """The last run's images, best first, with their scores and a download button each."""
    trace_path = st.session_state.get(TRACE_KEY)
    if not trace_path or not Path(trace_path).is_file():
        st.caption("Ranked images appear here.")
        return
    trace = json.loads(Path(trace_path).read_text(encoding="utf-8"))
    images = trace["images"]
    st.subheader(f"{len(images)} images, best first")
    st.caption(f"Ranking: {images[0]['basis']}. Seeds {trace['seeds'][0]}–{trace['seeds'][-1]}.")
    per_row = 4
    for start in range(0, len(images), per_row):
        cols = st.columns(per_row)
        for col, item in zip(cols, images[start : start + per_row], strict=False):
            _render_card(col, item)


def _render_card(col: Any, item: dict[str, Any]) -> None:
    path = Path(item["path"])
    figures = ", ".join(
        f"{name} {m['value']:.0f}" for name, m in item["scores"].items() if m["value"] is not None
    )
    col.image(str(path), caption=f"#{item['rank']} · {item['total']:.1f} · seed {item['seed']}")
    col.caption(f"{figures} · ${item['cost_usd']:.4f}")
    col.download_button(
        "Download",
        data=path.read_bytes(),
        file_name=path.name,
        mime="image/png",
        key=f"dl_{item['rank']}_{item['seed']}",
    )


def render_image_lab() -> None:
    """The whole page body."""
    st.title("Image lab")
    st.write("Generate variations of one prompt; each is scored and the set is ranked best first.")
    render_form()
    render_gallery()
