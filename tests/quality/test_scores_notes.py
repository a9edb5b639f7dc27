"""The page's "Unavailable" line names the missing learned model and the command that gets it."""

from __future__ import annotations

from studio.models import MetricValue, QualityReport
from studio.quality.report import unavailable
from studio.quality.weights import learned_availability
from studio.ui.scores_view import unavailable_notes


def report(**dims: MetricValue) -> QualityReport:
    return QualityReport(dimensions={"temporal_flickering": MetricValue(value=97.0), **dims})


def test_missing_weights_name_the_model_its_size_and_the_pull_command(tmp_path, monkeypatch):
    monkeypatch.setattr("studio.quality.weights.ml_installed", lambda: True)
    found = learned_availability(cache_dir=tmp_path / "empty-hub")
    why = "no learned-metric weights on this machine: get them with `python -m studio models pull`"
    notes = unavailable_notes(report(clip_score=unavailable(why), aesthetic_quality=unavailable(why)), found)
    assert notes == [
        "clip_score: needs CLIP ViT-L/14 (openai/clip-vit-large-patch14, about 1.7 GB), which is not on "
        "this machine; get it with `python -m studio models pull clip`",
        "aesthetic_quality: needs LAION aesthetic predictor v2 (trl-lib/ddpo-aesthetic-predictor, about "
        "1.7 GB), which is not on this machine; get it with `python -m studio models pull clip aesthetic`",
    ]


def test_other_reasons_are_shown_as_plain_text(tmp_path):
    found = learned_availability(cache_dir=tmp_path / "empty-hub")
    notes = unavailable_notes(report(imaging_quality=unavailable("see ![x](http://h/x.png)")), found)
    assert notes == ["imaging_quality: unavailable: see !\\[x\\](http:\u2060//h/x.png)"]
