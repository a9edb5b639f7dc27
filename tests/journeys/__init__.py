"""Journeys: the studio's real processes (CLI, Streamlit in Chromium) against the loopback providers."""
