"""Every nasty text through `plain()` on each Markdown surface we use (for the browser test).

Run by tests/ui/test_untrusted_text_browser.py with `LEAK_PORT` set and the repository on PYTHONPATH.
"""

import os

import streamlit as st

from studio.ui.text import plain
from tests.ui.nasty_text import NASTY, sample

st.set_page_config(page_title="Nasty text", layout="wide")
port = int(os.environ["LEAK_PORT"])
for i, template in enumerate(NASTY):
    text = sample(template, port)
    with st.container(key=f"nasty_{i}", border=True):
        st.markdown(plain(text))
        st.caption(plain(text))
        st.markdown(f"**Label:** {plain(text)}")
        st.info(plain(text))
        with st.expander(plain(text)):
            st.empty()
        st.button(plain(text), key=f"button_{i}", help=plain(text))
        with st.chat_message("user"):
            st.markdown(plain(text))
st.markdown("All drawn.")
