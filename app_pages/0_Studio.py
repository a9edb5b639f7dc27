"""The studio: brief, story, references, scenes, clips and the finished ad, in one chat."""

from studio.ui.studio_page import render_studio_page

# Run by app.py's navigation, after its sign-in.
render_studio_page()
