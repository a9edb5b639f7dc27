"""Showing stored images without letting a missing or damaged file break the page."""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st
from PIL import Image, UnidentifiedImageError

from studio.providers.ports import MediaStore

log = logging.getLogger(__name__)


def show_image(
    media: MediaStore, location: str | None, missing: str = "image unavailable", **kwargs: Any
) -> bool:
    """Draw a stored image; a gray note instead when the file is missing or not an image."""
    if location:
        try:
            path = media.local_path(location)
            if path.is_file():
                with Image.open(path) as im:
                    im.load()
                    picture = im.copy()
                st.image(picture, **kwargs)
                return True
        except (OSError, UnidentifiedImageError, ValueError) as exc:
            log.warning("could not show %s: %s", location, exc)
    st.markdown(f":gray[{missing}]")
    return False
