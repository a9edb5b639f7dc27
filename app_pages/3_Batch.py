"""Batches from a sheet: upload a CSV of briefs, fix the rows it names, run the rest, download the results."""

import streamlit as st

from studio.ui.batch_view import render_batch

# Run by app.py's navigation, after its sign-in.
st.set_page_config(page_title="Batch · Ad Studio", page_icon="🎬", layout="wide")
render_batch()
