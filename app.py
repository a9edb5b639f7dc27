"""Ad Studio: make a short video ad by chatting (run with `streamlit run app.py`).

The entry point names the pages for the sidebar and signs the person in before any page runs. The pages
live in app_pages/, not pages/: a folder named pages/ makes Streamlit treat the app as an old-style multipage
app, which can run a page without this file (and its sign-in) first.
"""

import streamlit as st

from studio.ui.auth import require_person

st.set_page_config(page_title="Ad Studio", page_icon="🎬", layout="wide")
page = st.navigation(
    [
        st.Page("app_pages/0_Studio.py", title="Studio", icon=":material/movie:", default=True),
        st.Page("app_pages/1_Library.py", title="Library", icon=":material/video_library:"),
        st.Page("app_pages/2_Image_Lab.py", title="Image lab", icon=":material/photo_library:"),
        st.Page("app_pages/3_Batch.py", title="Batch", icon=":material/table_view:"),
        st.Page("app_pages/4_Variants.py", title="Variants", icon=":material/view_column:"),
    ]
)
require_person()  # guards every page: none of it runs until someone is signed in
page.run()
