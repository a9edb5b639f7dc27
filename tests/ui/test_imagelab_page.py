"""The image lab page in Streamlit's AppTest: the form at the command line's level (model, enhancement),
the ranked result, the same "why #1 won" text the CLI prints, and the bytes of every download."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from studio.cli.quality import print_ranked
from studio.imagelab import ImageLabResult, LabJob
from studio.imagelab.report import why_first_won_text
from studio.offline.writer import cinematographer, engineer
from studio.service import Studio
from studio.ui.imagelab import ENHANCE_KEY, JOB_KEY, MODEL_KEY
from studio.ui.text import plain

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "2_Image_Lab.py")
PROMPT = "A green tea can on a sunny beach"


@pytest.fixture
def offline_env(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr("studio.imagelab.lab.load_learned_metrics", lambda: None)
    return tmp_path


@pytest.fixture
def deferred(monkeypatch) -> dict[str, Callable[[], Any]]:
    """Each download's data callable by file name, as the page hands it to Streamlit (read when clicked)."""
    found: dict[str, Callable[[], Any]] = {}
    real = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kw):  # type: ignore[no-untyped-def]
        found[file_name] = data_callable
        return real(self, data_callable, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    return found


def _generate(at: AppTest, num: int, seed: str, *, enhance: bool = False, aspect: str = "1:1") -> LabJob:
    at.text_area[0].set_value(PROMPT)
    at.number_input[0].set_value(num)
    at.selectbox[0].set_value(aspect)
    at.text_input[0].set_value(seed)
    at.toggle(key=ENHANCE_KEY).set_value(enhance)
    at.button[0].click().run()
    assert not at.exception and not at.error
    job: LabJob = at.session_state[JOB_KEY]  # the run works on the job runner; the page follows it
    assert job.wait(90), "the image lab run did not finish"
    at.run()
    assert not at.exception and not at.error
    return job


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_generate_shows_a_ranked_gallery_with_downloads(offline_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not at.exception
    assert at.title[0].value == "Image lab"
    job = _generate(at, 3, "11", aspect="9:16")
    result = job.result
    assert result is not None
    assert len(at.get("download_button")) == 3 + 4  # one per image, and best / metadata / trace / ZIP
    assert len(at.image) == 3
    assert "3 images, best first" in at.subheader[0].value
    folders = list((offline_env / "data" / "image_generations").iterdir())
    assert len(folders) == 1
    assert (folders[0] / "best_candidate.png").is_file()
    captions = " ".join(c.value for c in at.caption)
    assert "Seeds 11–13" in captions and "imaging_quality" in captions and "stand-in" in captions
    assert "Model: offline painter" in captions
    # The ranking table: best first, the seeds and totals of the run, a column per figure that exists.
    table = at.dataframe[0].value
    assert list(table["rank"]) == [1, 2, 3]
    assert list(table["seed"]) == [c.seed for c in result.candidates]
    assert list(table["total"]) == [c.total for c in result.candidates]
    quality = [c.score.metrics["imaging_quality"].value for c in result.candidates]
    assert list(table["imaging_quality"]) == quality
    assert "pick_score" not in table.columns  # unavailable for every image: no column, as in the CLI


def test_enhancement_off_uses_the_prompt_as_written(offline_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    job = _generate(at, 1, "3", enhance=False)
    assert job.result is not None and job.result.enhanced_prompt is None
    text = _markdown(at)
    assert f"**Prompt:** {plain(PROMPT)} (used as written: enhancement was off)" in text
    assert "Enhanced prompt" not in text
    assert not at.code  # one image: no "why #1 won" to show, as the CLI prints none


def test_enhancement_on_shows_the_enhanced_prompt_the_images_were_made_from(offline_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert "offline writer" in " ".join(c.value for c in at.caption)  # who enhances is said up front
    job = _generate(at, 2, "3", enhance=True)
    expected = engineer(cinematographer(PROMPT))  # the offline writer's two passes, known answer
    assert job.result is not None and job.result.enhanced_prompt == expected
    text = _markdown(at)
    assert f"**Your prompt:** {plain(PROMPT)}" in text
    assert f"**Enhanced prompt (the images were made from this):** {plain(expected)}" in text
    trace = json.loads(job.result.trace_path.read_text())
    assert trace["prompt_used"] == expected and trace["settings"]["enhance"] is True


@pytest.mark.parametrize(
    ("forced_offline", "reason"),
    [
        ("1", "The studio runs offline (STUDIO_OFFLINE), so images come from the offline painter."),
        ("0", "No Replicate token is set, so images come from the offline painter."),
    ],
)
def test_model_choice_is_closed_offline_and_says_why(offline_env, monkeypatch, forced_offline, reason):
    monkeypatch.setenv("STUDIO_OFFLINE", forced_offline)
    monkeypatch.delenv("REPLICATE_API_TOKEN", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not at.exception
    box = at.selectbox(key=MODEL_KEY)
    assert box.disabled and box.options == ["offline painter"] and box.value == "offline painter"
    assert box.help.startswith(reason)
    assert any(c.value.startswith(reason) for c in at.caption)


CHAIN = ["google/nano-banana-pro", "google/nano-banana", "black-forest-labs/flux-schnell"]


@pytest.fixture
def token_env(offline_env, monkeypatch):
    """A Replicate token set (a made-up one, and a dead loopback address: nothing can leave the machine)."""
    monkeypatch.setenv("STUDIO_OFFLINE", "0")
    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_not_a_real_token")
    monkeypatch.setenv("REPLICATE_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("REPLICATE_IMAGE_MODEL", CHAIN[0])
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return offline_env


def test_with_a_token_the_chosen_model_goes_to_the_run(token_env, monkeypatch):
    asked: list[str | None] = []

    def start(
        self, owner, prompt, *, num_variations=8, aspect_ratio="1:1", seed=None, enhance=False, model=None
    ):  # type: ignore[no-untyped-def]
        asked.append(model)
        job = LabJob(owner)
        job.fail("Recorded, not run.")
        return job

    monkeypatch.setattr(Studio, "start_image_lab", start)
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    assert not at.exception
    box = at.selectbox(key=MODEL_KEY)
    assert not box.disabled and box.options == CHAIN and box.value == CHAIN[0]
    at.text_area[0].set_value(PROMPT)
    at.selectbox(key=MODEL_KEY).set_value(CHAIN[2])
    at.button[0].click().run()
    at.selectbox(key=MODEL_KEY).set_value(CHAIN[0])
    at.button[0].click().run()
    assert asked == [CHAIN[2], None]  # the configured model needs no naming: the run uses it anyway


def test_why_first_won_is_the_clis_text_and_every_download_has_the_runs_bytes(offline_env, deferred, capsys):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    job = _generate(at, 3, "21")
    result: ImageLabResult | None = job.result
    assert result is not None
    best = result.candidates[0]

    # The summary: the text the CLI's function gives for this run, and what `studio images` prints.
    summary = why_first_won_text(result)
    assert summary.startswith(f"Why #1 (seed {best.seed}) won") and "imaging_quality" in summary
    assert at.code[0].value == summary
    print_ranked(result)
    assert summary in capsys.readouterr().out

    # The best image: a PNG that decodes, the very bytes of the winner's file.
    png = deferred["best_candidate.png"]()
    assert png == best.path.read_bytes()
    with Image.open(io.BytesIO(png)) as img:
        assert img.format == "PNG" and img.size == (720, 720)

    # Its metadata: JSON naming the winner.
    meta = json.loads(deferred["image_001_metadata.json"]())
    assert (meta["rank"], meta["seed"], meta["file"]) == (1, best.seed, "image_001.png")
    assert meta["total"] == best.total

    # The trace: the run's JSON, winner first.
    trace = json.loads(deferred["generation_trace.json"]())
    assert trace["seeds"] == [21, 22, 23] and trace["images"][0]["seed"] == best.seed

    # The ZIP: every file the run wrote, byte for byte.
    folder = result.output_dir
    with zipfile.ZipFile(io.BytesIO(deferred[f"{folder.name}.zip"]())) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"{folder.name}/{p.name}" for p in folder.iterdir())
        assert len(names) == 3 + 3 + 2  # images, their metadata, best_candidate.png, the trace
        assert archive.read(f"{folder.name}/best_candidate.png") == png

    # A rerun reads the same run back from its trace: the same summary, the same downloads.
    at.run()
    assert not at.exception and at.code[0].value == summary
    assert deferred["best_candidate.png"]() == png


def test_a_bad_seed_is_explained_not_run(offline_env):
    at = AppTest.from_file(PAGE, default_timeout=90).run()
    at.text_area[0].set_value("A lamp")
    at.text_input[0].set_value("abc")
    at.button[0].click().run()
    assert at.error and "whole number" in at.error[0].value
    assert not (offline_env / "data" / "image_generations").exists()
