"""The image lab on the job runner: Generate returns at once, one run per person, metered, lazy downloads."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.errors import BadInput, Busy
from studio.imagelab import LabJob
from studio.models import Brief
from studio.providers.offline import ProceduralPainter
from studio.providers.ports import GeneratedImage, ImageRequest
from studio.providers.registry import build_providers
from studio.run import Run
from studio.service import Studio
from studio.store.tables import ApiCallRow
from studio.ui.imagelab import JOB_KEY

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "2_Image_Lab.py")
PROMPT = "A green tea can on a sunny beach"


class GatedPainter(ProceduralPainter):
    """The offline painter, held at a gate the test opens: the run is surely still working meanwhile."""

    def __init__(self, gate: threading.Event) -> None:
        self.gate = gate

    def generate(self, request: ImageRequest, run: Run | None = None) -> GeneratedImage:
        assert self.gate.wait(60), "the test never opened the gate"
        return super().generate(request, run)


class MeteredPainter(ProceduralPainter):
    """The offline painter metered like a real adapter: one call per image, a fifth of a cent each."""

    name = "metered painter"

    def generate(self, request: ImageRequest, run: Run | None = None) -> GeneratedImage:
        assert run is not None, "the lab must hand its Run to the adapter"
        with run.metered("test", "painter-1", "image") as call:
            call.cost_usd = 0.002
            return super().generate(request, run)


@pytest.fixture(autouse=True)
def no_learned_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("studio.imagelab.lab.load_learned_metrics", lambda: None)


@contextlib.contextmanager
def studio_with(settings: Settings, image: ProceduralPainter) -> Iterator[Studio]:
    ctx = open_context(settings, providers=replace(build_providers(settings), image=image))
    studio = Studio(ctx)
    try:
        yield studio
    finally:
        assert ctx.runner is not None
        ctx.runner.shutdown(wait=True)


@pytest.fixture
def gate() -> threading.Event:
    return threading.Event()


@pytest.fixture
def gated_studio(settings: Settings, gate: threading.Event) -> Iterator[Studio]:
    with studio_with(settings, GatedPainter(gate)) as studio:
        try:
            yield studio
        finally:
            gate.set()  # let a held run end before the runner shuts down


def test_start_returns_at_once_and_the_job_finishes_on_the_runner(gated_studio: Studio, gate, settings):
    job = gated_studio.start_image_lab("ana", PROMPT, num_variations=2, aspect_ratio="1:1", seed=5)
    assert isinstance(job, LabJob)
    assert not job.wait(0.3)  # held at the gate: start did not wait for the images
    assert job.result is None and job.error is None
    assert gated_studio.image_lab_job("ana") is job
    gate.set()
    assert job.wait(60)
    assert job.error is None and job.result is not None
    assert job.progress[0] == 1.0 and job.progress[1].startswith("Done: 2 images ranked")
    assert sorted(c.seed for c in job.result.candidates) == [5, 6]
    assert all(c.path.is_file() for c in job.result.candidates)
    assert job.result.output_dir.parent == (settings.data_dir / "image_generations").resolve()


def test_a_second_start_while_running_is_refused_and_not_run(gated_studio: Studio, gate, settings):
    first = gated_studio.start_image_lab("ana", PROMPT, num_variations=1, seed=1)
    with pytest.raises(Busy, match="still being made"):
        gated_studio.start_image_lab("ana", PROMPT, num_variations=1, seed=2)
    assert gated_studio.image_lab_job("ana") is first
    other = gated_studio.start_image_lab("ben", PROMPT, num_variations=1, seed=3)  # someone else may
    gate.set()
    assert first.wait(60) and other.wait(60)
    folders = sorted((settings.data_dir / "image_generations").iterdir())
    assert len(folders) == 2  # ana's refused second run made nothing
    assert sorted(first.result.seeds + other.result.seeds) == [1, 3]
    again = gated_studio.start_image_lab("ana", PROMPT, num_variations=1, seed=4)  # once it has ended
    assert again.wait(60) and again.result is not None and again.result.seeds == [4]


def test_a_run_cancelled_before_it_starts_ends_and_frees_the_person(gated_studio: Studio, monkeypatch):
    from concurrent.futures import Future

    def cancelled_at_exit(_key, _fn):  # type: ignore[no-untyped-def]
        future: Future = Future()
        future.cancel()  # what an exiting runner does to work still queued
        return future

    with monkeypatch.context() as patched:
        patched.setattr(gated_studio.runner, "drive", cancelled_at_exit)
        job = gated_studio.start_image_lab("ana", PROMPT, num_variations=1, seed=1)
    assert job.done and job.result is None and job.error == "The image lab was stopped."
    again = gated_studio.start_image_lab("ana", PROMPT, num_variations=1, seed=1)  # not refused as busy
    assert again is not job and not again.done


def test_bad_input_is_refused_before_anything_runs(gated_studio: Studio, settings):
    with pytest.raises(BadInput, match="prompt is empty"):
        gated_studio.start_image_lab("ana", "   ", num_variations=1)
    assert gated_studio.image_lab_job("ana") is None
    assert not (settings.data_dir / "image_generations").exists()


def _api_call_rows(studio: Studio) -> list[sa.Row]:
    with studio.store.engine.connect() as conn:
        return list(conn.execute(sa.select(ApiCallRow).order_by(ApiCallRow.id)).all())


def test_calls_are_recorded_in_the_store_charged_to_no_ad_and_listed_in_the_trace(settings):
    with studio_with(settings, MeteredPainter()) as studio:
        ad = studio.create(Brief(prompt="Sparkling lemon water for summer picnics"), owner="ana")
        job = studio.start_image_lab("ana", PROMPT, num_variations=3, seed=9)
        assert job.wait(60) and job.result is not None, job.error
        rows = _api_call_rows(studio)
        assert [(r.provider, r.model, r.purpose, r.cost_usd) for r in rows] == [
            ("test", "painter-1", "image", 0.002)
        ] * 3
        assert all(r.generation_id is None and r.status == "ok" for r in rows)
        assert studio.store.get(ad.id).cost_usd == 0.0 and studio.store.api_calls(ad.id) == []
        trace = json.loads(job.result.trace_path.read_text())
        assert [c["purpose"] for c in trace["api_calls"]] == ["image"] * 3
        assert [c["cost_usd"] for c in trace["api_calls"]] == [0.002] * 3
        assert all(c["generation_id"] is None for c in trace["api_calls"])


def test_offline_lab_records_nothing_yet_writes_its_trace(settings):
    with studio_with(settings, ProceduralPainter()) as studio:
        ad = studio.create(Brief(prompt="Sparkling lemon water for summer picnics"), owner="ana")
        job = studio.start_image_lab("ana", PROMPT, num_variations=2, seed=1)
        assert job.wait(60) and job.result is not None, job.error
        assert _api_call_rows(studio) == []  # the offline painter is free and meters nothing
        assert studio.store.get(ad.id).cost_usd == 0.0
        trace = json.loads(job.result.trace_path.read_text())
        assert trace["api_calls"] == [] and trace["total_cost_usd"] == 0.0
        assert [i["seed"] for i in trace["images"]] in ([1, 2], [2, 1])


# ── the page, in AppTest (fragments do not tick here: each full run reads the job) ──────────────────


@pytest.fixture
def page_env(tmp_path, monkeypatch, gate):
    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    real = ProceduralPainter.generate

    def gated(self, request, run=None):  # type: ignore[no-untyped-def]
        assert gate.wait(60), "the test never opened the gate"
        return real(self, request, run)

    monkeypatch.setattr(ProceduralPainter, "generate", gated)
    yield tmp_path
    gate.set()


def _fill(at: AppTest, num: int, aspect: str, seed: str) -> None:
    at.text_area[0].set_value(PROMPT)
    at.number_input[0].set_value(num)
    at.selectbox[0].set_value(aspect)
    at.text_input[0].set_value(seed)


def test_generate_returns_at_once_shows_progress_then_the_gallery(page_env, gate, monkeypatch):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    _fill(at, 3, "9:16", "11")
    at.button[0].click().run()  # returns although no image can be painted yet
    assert not at.exception and not at.error
    job: LabJob = at.session_state[JOB_KEY]
    assert not job.done
    bars = at.get("progress")
    assert len(bars) == 1 and bars[0].proto.value == 0
    assert not at.image and not at.get("download_button")

    at.run()  # a rerun neither restarts it nor forgets it
    assert at.session_state[JOB_KEY] is job and len(at.get("progress")) == 1

    at.button[0].click().run()  # a second Generate while it works
    assert at.error and "still being made" in at.error[0].value
    assert at.session_state[JOB_KEY] is job

    gate.set()
    assert job.wait(60) and job.error is None
    reads: list[str] = []
    real_read = Path.read_bytes

    def counting_read(self: Path) -> bytes:
        reads.append(self.name)
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    at.run()
    assert not at.exception and not at.error
    assert not at.get("progress")
    assert "3 images, best first" in at.subheader[0].value
    assert len(at.image) == 3
    downloads = at.get("download_button")
    assert len(downloads) == 3 + 4  # one per image; best, its metadata, trace, ZIP
    assert all(d.proto.url == "" and d.proto.ignore_rerun for d in downloads)  # deferred: no eager file
    assert not [name for name in reads if name.endswith(".png")]  # no image read for its download
    folders = list((page_env / "data" / "image_generations").iterdir())
    assert len(folders) == 1 and (folders[0] / "best_candidate.png").is_file()
    captions = " ".join(c.value for c in at.caption)
    assert "Seeds 11–13" in captions and "imaging_quality" in captions and "stand-in" in captions


def test_an_error_in_the_run_is_shown_escaped(page_env, gate, monkeypatch):
    from studio.errors import ProviderError

    def refuse(self, request, run=None):  # type: ignore[no-untyped-def]
        raise ProviderError("The painter refused **[this](http://evil.example)** prompt")

    monkeypatch.setattr(ProceduralPainter, "generate", refuse)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    _fill(at, 1, "1:1", "")
    at.button[0].click().run()
    job: LabJob = at.session_state[JOB_KEY]
    assert job.wait(60)
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    shown = at.error[0].value
    assert "The painter refused" in shown and "\\*\\*\\[this\\]" in shown
    assert not at.image


def test_runs_started_in_the_same_second_get_folders_of_their_own(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from studio.imagelab import dated_folder

    with ThreadPoolExecutor(8) as pool:
        folders = list(pool.map(lambda _i: dated_folder(tmp_path / "lab"), range(8)))
    assert len(set(folders)) == 8 and all(f.is_dir() for f in folders)
