"""A finished lab run for a reader: read back from its trace, summarised, zipped; the model choices."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace

import pytest

from studio.errors import BadInput
from studio.imagelab import run_image_lab
from studio.imagelab.report import (
    image_model_choices,
    load_lab_result,
    metadata_path,
    run_folder_zip,
    why_first_won_text,
)
from studio.providers.image_models import load_image_models
from studio.providers.offline import OfflineWriter, PixelAnalyst, ProceduralPainter

PROMPT = "A blue water bottle on a pebble beach"


def _run(tmp_path, n: int, seed: int = 7):
    prov = SimpleNamespace(image=ProceduralPainter(), text=OfflineWriter(), vision=PixelAnalyst())
    return run_image_lab(
        PROMPT, providers=prov, num_variations=n, seed=seed, output_dir=tmp_path, learned=None
    )


def test_a_run_read_back_from_its_trace_says_the_same(tmp_path):
    made = _run(tmp_path, 3)
    back = load_lab_result(made.trace_path)
    assert (back.prompt, back.enhanced_prompt, back.seeds) == (PROMPT, None, [7, 8, 9])
    assert [c.path for c in back.candidates] == [c.path for c in made.candidates]
    assert [c.score for c in back.candidates] == [c.score for c in made.candidates]
    assert back.best_path == made.best_path and back.total_cost_usd == made.total_cost_usd
    assert why_first_won_text(back) == why_first_won_text(made)
    assert metadata_path(back.candidates[1]).name == "image_002_metadata.json"


def test_why_first_won_lists_the_winners_figures_against_the_mean_of_the_others(tmp_path):
    made = _run(tmp_path, 3)
    lines = why_first_won_text(made).splitlines()
    assert lines[0] == f"Why #1 (seed {made.candidates[0].seed}) won, against the mean of the others:"
    first = made.candidates[0].score.metrics["imaging_quality"].value
    rest = [c.score.metrics["imaging_quality"].value for c in made.candidates[1:]]
    mean = round(sum(rest) / 2, 2)
    assert f"  {'imaging_quality':16} {first:6.1f} vs {mean:6.1f}  {first - mean:+.1f}" in lines
    assert why_first_won_text(_run(tmp_path, 1)) == ""  # one image: nothing to compare, nothing said


def test_the_zip_holds_every_file_of_the_run(tmp_path):
    made = _run(tmp_path, 2)
    with zipfile.ZipFile(io.BytesIO(run_folder_zip(made.output_dir))) as archive:
        name = made.output_dir.name
        assert sorted(archive.namelist()) == sorted(
            f"{name}/{f}"
            for f in ("image_001.png", "image_002.png", "image_001_metadata.json", "image_002_metadata.json",
                      "best_candidate.png", "generation_trace.json")
        )  # fmt: skip
        assert archive.read(f"{name}/image_002.png") == made.candidates[1].path.read_bytes()


def test_an_unreadable_trace_is_a_named_error(tmp_path):
    (tmp_path / "generation_trace.json").write_text("{not json")
    with pytest.raises(BadInput, match="cannot be read back"):
        load_lab_result(tmp_path / "generation_trace.json")


def test_model_choices_are_the_registry_chain_with_the_configured_model_first():
    registry = load_image_models()
    replicate = SimpleNamespace(runner=object(), registry=registry, models=["google/nano-banana"])
    assert image_model_choices(replicate) == [
        "google/nano-banana",
        "google/nano-banana-pro",
        "black-forest-labs/flux-schnell",
    ]
    assert image_model_choices(ProceduralPainter()) == []  # the offline painter: nothing to choose
