"""The image lab: variations of one prompt, scored and ranked, each with a download."""

import streamlit as st

from studio.ui.auth import require_person
from studio.ui.imagelab import render_image_lab

st.set_page_config(page_title="Image lab · Ad Studio", layout="wide")
require_person()
render_image_lab()
