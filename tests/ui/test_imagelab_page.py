"""The image lab page in Streamlit's AppTest: generate a ranked set, see the gallery, download each."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio.ui.imagelab import JOB_KEY

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "2_Image_Lab.py")


@pytest.fixture
def offline_env(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr("studio.imagelab.load_learned_metrics", lambda: None)
    return tmp_path


def test_generate_shows_a_ranked_gallery_with_downloads(offline_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not at.exception
    assert at.title[0].value == "Image lab"
    at.text_area[0].set_value("A green tea can on a sunny beach")
    at.number_input[0].set_value(3)
    at.selectbox[0].set_value("9:16")
    at.text_input[0].set_value("11")
    at.button[0].click().run()
    assert not at.exception
    job = at.session_state[JOB_KEY]  # the run works on the job runner; the page follows it
    assert job.wait(90), "the image lab run did not finish"
    at.run()
    assert not at.exception
    assert not at.error
    downloads = at.get("download_button")
    assert len(downloads) == 3
    images = at.image
    assert len(images) == 3
    assert "3 images, best first" in at.subheader[0].value
    folders = list((offline_env / "data" / "image_generations").iterdir())
    assert len(folders) == 1
    assert (folders[0] / "best_candidate.png").is_file()
    captions = " ".join(c.value for c in at.caption)
    assert "Seeds 11–13" in captions and "imaging_quality" in captions and "stand-in" in captions


def test_a_bad_seed_is_explained_not_run(offline_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    at.text_area[0].set_value("A lamp")
    at.text_input[0].set_value("abc")
    at.button[0].click().run()
    assert at.error and "whole number" in at.error[0].value
    assert not (offline_env / "data" / "image_generations").exists()
