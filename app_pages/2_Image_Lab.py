"""The image lab: variations of one prompt, scored and ranked, each with a download."""

import streamlit as st

from studio.ui.imagelab import render_image_lab

# Run by app.py's navigation, after its sign-in.
st.set_page_config(page_title="Image lab · Ad Studio", page_icon="🎬", layout="wide")
render_image_lab()
