"""Ad Studio: make a short video ad by chatting (run with `streamlit run app.py`)."""

import streamlit as st

from studio.ui.auth import require_person
from studio.ui.studio_page import render_studio_page

st.set_page_config(page_title="Ad Studio", page_icon="🎬", layout="wide")
require_person()
render_studio_page()
