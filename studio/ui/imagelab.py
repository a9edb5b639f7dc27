"""The image lab page's pieces: the form, the run's progress, and the ranked result with its downloads.

Generate hands the run to the studio's job runner and returns at once; the person's `LabJob` (UI state: a
handle, not the truth) is polled by a fragment every second, and a full rerun draws the result when it
ends. The last finished set is remembered by its trace file and read back from it (`load_lab_result`),
so a rerun shows the same result. The "why #1 won" summary and the files come from
`studio.imagelab.report`, the same functions the command line uses.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import streamlit as st

from studio.errors import StudioError
from studio.imagelab import ASPECT_SIZES, MAX_VARIATIONS, ImageCandidate, ImageLabResult, LabJob
from studio.imagelab.report import (
    image_model_choices,
    load_lab_result,
    metadata_path,
    run_folder_zip,
    why_first_won_text,
)
from studio.service import Studio
from studio.ui.session import current_owner, get_studio
from studio.ui.text import plain

log = logging.getLogger(__name__)
TRACE_KEY = "_imagelab_trace"
JOB_KEY = "_imagelab_job"
MODEL_KEY = "imagelab_model"
ENHANCE_KEY = "imagelab_enhance"


def lab_job(studio: Studio, owner: str) -> LabJob | None:
    """The run this visitor follows; one the person started in another tab or before a reload is adopted."""
    mine: LabJob | None = st.session_state.get(JOB_KEY)
    latest = studio.image_lab_job(owner)
    if latest is not None and latest is not mine and (mine is None or not latest.done):
        st.session_state[JOB_KEY] = mine = latest
    return mine


def model_options(studio: Studio) -> tuple[list[str], str | None]:
    """The image models the person may pick, configured one first, and why the choice is closed (or None)."""
    image = studio.ctx.providers.image
    choices = image_model_choices(image)
    settings = studio.ctx.settings
    if not choices:
        if settings.offline:
            why = "The studio runs offline (STUDIO_OFFLINE), so images come from the offline painter."
        elif not settings.use_replicate:
            why = (
                "No Replicate token is set, so images come from the offline painter. "
                "Set REPLICATE_API_TOKEN to choose a Replicate model."
            )
        else:
            why = f"Images come from {image.name}, which offers no other model."
        return [image.name], why
    return choices, None


def render_form(studio: Studio, owner: str) -> None:
    """Prompt, number, aspect, seed, model, enhancement, Generate; a press starts a background run."""
    models, closed_why = model_options(studio)
    with st.form("image_lab"):
        prompt = st.text_area("Prompt", placeholder="A red running shoe on a mountain trail at dawn")
        cols = st.columns(3)
        num = cols[0].number_input("Variations", min_value=1, max_value=MAX_VARIATIONS, value=8, step=1)
        aspect = cols[1].selectbox("Aspect ratio", list(ASPECT_SIZES), index=0)
        seed_text = cols[2].text_input("Seed (optional)", value="")
        cols = st.columns(2)
        model = cols[0].selectbox(
            "Image model", models, index=0, key=MODEL_KEY, disabled=closed_why is not None, help=closed_why
        )
        if closed_why:
            cols[0].caption(closed_why)
        enhance = cols[1].toggle(
            "Enhance the prompt",
            value=False,
            key=ENHANCE_KEY,
            help="Two passes of the text model rewrite the prompt first: a cinematographer's, then a "
            "prompt engineer's. The images are made from the result.",
        )
        cols[1].caption(f"Enhancement by {studio.ctx.providers.text.name}.")
        pressed = st.form_submit_button("Generate", type="primary")
    if not pressed:  # a rerun never starts a run: only the press itself does
        return
    seed: int | None = None
    if seed_text.strip():
        if not seed_text.strip().isdigit():
            st.error("The seed is a whole number (or leave it empty for a random one).")
            return
        seed = int(seed_text.strip())
    options: dict[str, Any] = {
        "num_variations": int(num),
        "aspect_ratio": aspect,
        "seed": seed,
        "enhance": bool(enhance),
    }
    if closed_why is None and model != models[0]:  # the configured model needs no naming
        options["model"] = model
    try:
        job = studio.start_image_lab(owner, prompt, **options)
    except StudioError as exc:  # bad input, or a run of this person's still working
        st.error(plain(exc))
        return
    st.session_state[JOB_KEY] = job


def render_job(job: LabJob | None) -> None:
    """While the run works: its progress, re-read every second. When it ends: its error, or its result."""
    if job is None:
        return
    if job.done:
        result = job.result
        if result is not None:
            st.session_state[TRACE_KEY] = str(result.trace_path)
        else:
            st.error(plain(job.error or "The image lab stopped without a result."))
        return

    @st.fragment(run_every=1.0)
    def progress() -> None:
        if job.done:
            st.rerun()  # the whole page: the result shows, and this polling stops
        fraction, message = job.progress
        st.progress(fraction, text=plain(message))

    progress()


def render_prompts(result: ImageLabResult) -> None:
    """The prompt as written and, when enhancement ran, the enhanced prompt the images were made from."""
    if result.enhanced_prompt:
        st.markdown(f"**Your prompt:** {plain(result.prompt)}")
        st.markdown(f"**Enhanced prompt (the images were made from this):** {plain(result.enhanced_prompt)}")
    else:
        st.markdown(f"**Prompt:** {plain(result.prompt)} (used as written: enhancement was off)")


def render_downloads(result: ImageLabResult) -> None:
    """The best candidate, its metadata, the trace and the whole run folder, each read when clicked."""
    best = result.candidates[0]
    folder = result.output_dir
    files: list[tuple[str, Any, str, str]] = [
        ("Best image (PNG)", result.best_path.read_bytes, result.best_path.name, "image/png"),
        ("Its metadata (JSON)", metadata_path(best).read_bytes, metadata_path(best).name, "application/json"),
        ("Trace (JSON)", result.trace_path.read_bytes, result.trace_path.name, "application/json"),
        ("Everything (ZIP)", lambda: run_folder_zip(folder), f"{folder.name}.zip", "application/zip"),
    ]
    cols = st.columns(len(files))
    for col, (label, data, name, mime) in zip(cols, files, strict=True):
        key = f"dl_run_{name}"
        col.download_button(label, data=data, file_name=name, mime=mime, key=key, on_click="ignore")


def render_ranking(result: ImageLabResult) -> None:
    """The ranking as the command line prints it: one row per image, a column per figure that exists."""
    columns = [
        k
        for k in result.candidates[0].score.metrics
        if any(c.score.metrics[k].value is not None for c in result.candidates)
    ]
    rows = [
        {
            "rank": c.rank,
            "seed": c.seed,
            "total": c.total,
            **{k: c.score.metrics[k].value for k in columns},
            "cost ($)": c.cost_usd,
            "file": c.path.name,
        }
        for c in result.candidates
    ]
    st.dataframe(rows, hide_index=True)


def render_gallery() -> None:
    """The last finished run: prompts, why #1 won, downloads, the ranking and the images, best first."""
    trace_path = st.session_state.get(TRACE_KEY)
    if not trace_path or not Path(trace_path).is_file():
        st.caption("Ranked images appear here.")
        return
    try:
        result = load_lab_result(trace_path)
    except StudioError as exc:
        st.warning(plain(exc))
        return
    images = result.candidates
    st.subheader(f"{len(images)} images, best first")
    render_prompts(result)
    st.caption(
        f"Ranking: {images[0].score.basis}. Seeds {result.seeds[0]}–{result.seeds[-1]}. "
        f"Model: {plain(images[0].model)}. Cost ${result.total_cost_usd:.4f}."
    )
    summary = why_first_won_text(result)
    if summary:
        st.markdown("**Why #1 won**")
        st.code(summary, language=None)
    render_downloads(result)
    render_ranking(result)
    per_row = 4
    for start in range(0, len(images), per_row):
        cols = st.columns(per_row)
        for col, item in zip(cols, images[start : start + per_row], strict=False):
            _render_card(col, item)


def _render_card(col: Any, item: ImageCandidate) -> None:
    metrics = item.score.metrics
    figures = ", ".join(f"{name} {m.value:.1f}" for name, m in metrics.items() if m.value is not None)
    col.image(str(item.path), caption=f"#{item.rank} · {item.total:.1f} · seed {item.seed}")
    col.caption(f"{figures} · ${item.cost_usd:.4f}")
    col.download_button(
        "Download",
        data=item.path.read_bytes,  # read when clicked, not on every page run
        file_name=item.path.name,
        mime="image/png",
        key=f"dl_{item.rank}_{item.seed}",
        on_click="ignore",
    )


def render_image_lab() -> None:
    """The whole page body."""
    st.title("Image lab")
    st.write("Generate variations of one prompt; each is scored and the set is ranked best first.")
    try:
        studio = get_studio()
    except StudioError as exc:
        st.error(f"The studio cannot start: {plain(exc)}")
        st.stop()
    owner = current_owner()
    render_form(studio, owner)
    render_job(lab_job(studio, owner))
    render_gallery()
