"""The library of past ads: search, open in the studio, download, delete."""

import streamlit as st

from studio.ui.auth import require_person
from studio.ui.library_view import render_library

st.set_page_config(page_title="Library · Ad Studio", page_icon="🎬", layout="wide")
require_person()
render_library()
