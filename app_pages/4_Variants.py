"""Variants: one brief, 2 to 6 variants that differ on purpose, compared side by side."""

import streamlit as st

from studio.ui.variants_view import render_variants

# Run by app.py's navigation, after its sign-in.
st.set_page_config(page_title="Variants · Ad Studio", page_icon="🎬", layout="wide")
render_variants()
