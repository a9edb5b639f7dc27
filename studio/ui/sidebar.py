"""The sidebar: the brand kit, the ad's options, the seed, and which provider serves each port."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from studio.errors import StudioError
from studio.media import uploads
from studio.models import ASPECT_RATIOS, CAPTION_STYLES, BrandAssets, Brief
from studio.seeds import new_seed
from studio.service import Studio
from studio.ui.session import current_owner
from studio.ui.text import plain

UPLOADS_KEY = "_studio_uploads"
SEED_KEY = "seed"
_TYPES = ["png", "jpg", "jpeg", "webp"]
SCENE_CHOICES = ["auto", 3, 4, 5, 6, 7, 8]


@dataclass
class BriefOptions:
    """Everything in a brief except the prompt, as chosen in the sidebar."""

    framework: str = "auto"
    aspect_ratio: str = "9:16"
    duration_s: float = 15.0
    scene_count: int | None = None
    resolution: str = "720p"
    mode: str = "interactive"
    seed: int | None = None
    seed_control: bool = True
    caption_style: str = "plain"
    voice: str | None = None
    language: str = ""
    assets: BrandAssets = field(default_factory=BrandAssets)
    upload_problems: list[str] = field(default_factory=list)

    def brief(self, prompt: str) -> Brief:
        """The brief for a new generation with this prompt (pydantic validates it)."""
        return Brief(
            prompt=prompt,
            framework=self.framework,  # type: ignore[arg-type]
            assets=self.assets,
            aspect_ratio=self.aspect_ratio,  # type: ignore[arg-type]
            duration_s=self.duration_s,
            scene_count=self.scene_count,
            resolution=self.resolution,  # type: ignore[arg-type]
            seed=self.seed,
            mode=self.mode,  # type: ignore[arg-type]
            seed_control=self.seed_control,
            caption_style=self.caption_style,  # type: ignore[arg-type]
            voice=self.voice,
            language=self.language,
        )


def store_upload(studio: Studio, name: str, data: bytes, used_bytes: int) -> str:
    """Check one upload by its content, normalise it and put it in the media store; returns its location."""
    media = studio.ctx.providers.media
    return uploads.store_upload(media, name, data, owner=current_owner(), used_bytes=used_bytes)


def _accepted(
    studio: Studio,
    files: list[Any],
    used: list[int],
    problems: list[str],
    names: dict[str, str] | None = None,
) -> list[str]:
    """Locations of the files that pass the checks (their file names into `names`); a reason for the rest."""
    cache: dict[str, tuple[str | None, int, str]] = st.session_state.setdefault(UPLOADS_KEY, {})
    locations = []
    for f in files:
        file_key = f"{f.file_id}:{f.name}:{f.size}"
        if file_key not in cache:
            data = f.getvalue()
            try:
                cache[file_key] = (store_upload(studio, f.name, data, used[0]), len(data), "")
            except StudioError as exc:
                cache[file_key] = (None, 0, f"{f.name}: {exc}")
        location, size, problem = cache[file_key]
        if location:
            locations.append(location)
            used[0] += size
            if names is not None:
                names[location] = f.name
        else:
            problems.append(problem)
    return locations


def _brand_kit(studio: Studio) -> tuple[BrandAssets, list[str]]:
    st.subheader("Brand kit")
    products = st.file_uploader(
        "Product images", type=_TYPES, accept_multiple_files=True, key="up_products", max_upload_size=10
    )
    logo = st.file_uploader("Logo", type=_TYPES, key="up_logo", max_upload_size=10)
    characters = st.file_uploader(
        "Character images", type=_TYPES, accept_multiple_files=True, key="up_characters", max_upload_size=10
    )
    used, problems, names = [0], [], {}
    product_locs = _accepted(studio, list(products or [])[:5], used, problems, names)
    logo_locs = _accepted(studio, [logo] if logo else [], used, problems, names)
    character_locs = _accepted(studio, list(characters or [])[:5], used, problems, names)
    for problem in problems:
        st.error(plain(problem), icon="⚠️")
    if used[0]:
        st.caption(f"{used[0] / 1e6:.1f} MB of 50 MB used by this brand kit.")
    assets = BrandAssets(
        product_images=product_locs,
        logo=logo_locs[0] if logo_locs else None,
        character_images=character_locs,
        upload_names=names,
    )
    if product_locs or logo_locs or character_locs:
        st.caption("The first three images (products, then characters, then the logo) become the references.")
    return assets, problems


def _new_seed() -> None:
    st.session_state[SEED_KEY] = new_seed()


def _options() -> dict[str, Any]:
    st.subheader("The ad")
    framework = st.selectbox("Ad framework", ["auto", "AIDA", "PAS", "FAB"], key="opt_framework")
    aspect = st.selectbox("Aspect ratio", ASPECT_RATIOS, key="opt_aspect")
    duration = st.slider("Duration (seconds)", 6, 60, 15, key="opt_duration")
    scenes = st.selectbox("Scenes", SCENE_CHOICES, key="opt_scenes")
    resolution = st.selectbox("Resolution", ["360p", "540p", "720p", "1080p"], index=2, key="opt_resolution")
    mode = st.radio(
        "Mode",
        ["interactive", "automated"],
        key="opt_mode",
        horizontal=True,
        help="Interactive stops for your approval after the story, the references, the scenes and the "
        "storyboard (before any video is made).",
    )
    if SEED_KEY not in st.session_state:
        st.session_state[SEED_KEY] = new_seed()
    seed_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
    seed = seed_col.number_input("Seed", min_value=0, max_value=2**31 - 1, step=1, key=SEED_KEY)
    button_col.button("New seed", on_click=_new_seed, key="new_seed")
    seed_control = st.toggle(
        "Send the seed to the models", value=True, key="opt_seed_control",
        help="On: the same seed gives the same pictures and clips where a model takes one. "
        "Off: every clip varies freely.",
    )  # fmt: skip
    return {
        "framework": framework,
        "aspect_ratio": aspect,
        "duration_s": float(duration),
        "scene_count": None if scenes == "auto" else int(scenes),
        "resolution": resolution,
        "mode": mode,
        "seed": int(seed),
        "seed_control": bool(seed_control),
    }


def _voice_options(studio: Studio) -> dict[str, Any]:
    """Captions style, the voice (the ones the active speech provider has) and the ad's language."""
    from studio.models import AD_LANGUAGES

    style = st.selectbox(
        "Captions",
        CAPTION_STYLES,
        key="opt_caption_style",
        help="plain: the phrase; highlight: the spoken word lit; pop-in: words as spoken",
    )
    langs = ["", *AD_LANGUAGES]
    language = st.selectbox(
        "Language",
        langs,
        format_func=lambda c: f"{AD_LANGUAGES[c]} ({c})" if c else "The brief's own",
        key="opt_language",
        help="The voice, the captions and the story are in it.",
    )
    voices = [None, *getattr(studio.ctx.providers.speech, "voices", ())]
    voice = st.selectbox("Voice", voices, format_func=lambda v: v or "the language's own", key="opt_voice")
    return {"caption_style": style, "voice": voice, "language": language}


def _providers(studio: Studio, options: dict[str, Any]) -> None:
    """Which service serves each port, and what the next ad would cost with them, before it runs."""
    from studio.models import Brief
    from studio.providers.costs import estimate_generation_cost

    planned = Brief(prompt="x", duration_s=options["duration_s"]).planned_scene_count()
    scenes = options["scene_count"] or planned
    cost = estimate_generation_cost(studio.ctx.settings, scenes, options["duration_s"])
    st.caption(f"Estimated cost of this ad: ${cost:.2f}" + (" (offline: free)" if cost == 0 else ""))
    models = studio.ctx.providers.models
    for notice in studio.ctx.providers.notices:  # a retired model replaced, a shutdown within 30 days
        st.warning(notice, icon=":material/schedule:")
    for problem in studio.ctx.providers.problems():  # what would refuse the next ad, said before it
        st.error(problem, icon=":material/block:")
    with st.expander("Providers", expanded=False):
        for port, name in studio.ctx.providers.describe().items():
            st.markdown(f"**{port}** · {name}")
        for status in models.statuses if models else ():
            st.caption(f"{status.variable}: {status.describe()}")


def render_sidebar(studio: Studio, has_generation: bool) -> BriefOptions:
    """Draw the sidebar; returns the options a new generation will be made with."""
    with st.sidebar:
        if has_generation:
            st.caption("These settings apply to your next ad (press New ad).")
        assets, problems = _brand_kit(studio)
        options = {**_options(), **_voice_options(studio)}
        _providers(studio, options)
    return BriefOptions(assets=assets, upload_problems=problems, **options)
