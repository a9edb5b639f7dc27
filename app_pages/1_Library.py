"""The library of past ads: search, open in the studio, download, delete."""

import streamlit as st

from studio.ui.library_view import render_library

# Run by app.py's navigation, after its sign-in.
st.set_page_config(page_title="Library · Ad Studio", page_icon="🎬", layout="wide")
render_library()
