"""The image lab end to end with the offline painter: seeds, ranking, weights, files, trace, enhancement."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from studio.errors import BadInput
from studio.imagelab import resolve_output_root, run_image_lab
from studio.models import ImagePrompt, MetricValue
from studio.providers.offline import PixelAnalyst, ProceduralPainter
from studio.quality.image_scores import STAND_IN, WEIGHTS, combine
from studio.run import MemoryMeter, Run

PROMPT = "A red running shoe on a mountain trail at dawn"


class RecordingWriter:
    """A TextModel double that answers the two enhancement tasks and meters them like a real adapter."""

    name = "recording writer"

    def __init__(self) -> None:
        self.tasks: list[tuple[str, str]] = []

    def generate(self, request, output_type, run):
        with run.metered("test", "writer-1", request.task) as call:
            call.cost_usd = 0.001
            self.tasks.append((request.task, request.prompt))
            suffix = {"prompt_cinematographer": ", golden hour, 35mm", "prompt_engineer": ", sharp focus"}[
                request.task
            ]
            return ImagePrompt(prompt=request.prompt + suffix)


class YesJudge(PixelAnalyst):
    """A vision model that also reports P("yes"): higher for images painted from an even seed."""

    def yes_probability(self, image_path: Path, question: str, run: Run) -> float | None:
        return 0.9 if int(image_path.stem.split("_")[-1]) % 2 == 0 else 0.2


def providers(vision=None):
    return SimpleNamespace(image=ProceduralPainter(), text=RecordingWriter(), vision=vision or PixelAnalyst())


def test_same_seed_gives_byte_identical_images_and_seeds_run_consecutively(tmp_path):
    a = run_image_lab(
        PROMPT, providers=providers(), num_variations=3, seed=40, output_dir=tmp_path, learned=None
    )
    b = run_image_lab(
        PROMPT, providers=providers(), num_variations=3, seed=40, output_dir=tmp_path, learned=None
    )
    assert a.output_dir != b.output_dir
    assert a.seeds == [40, 41, 42]
    by_seed_a = {c.seed: c.path.read_bytes() for c in a.candidates}
    by_seed_b = {c.seed: c.path.read_bytes() for c in b.candidates}
    assert by_seed_a == by_seed_b
    assert len(set(by_seed_a.values())) == 3  # the variations differ from each other


def test_offline_ranking_uses_the_labelled_imaging_stand_in_and_writes_everything(tmp_path):
    res = run_image_lab(
        PROMPT,
        providers=providers(),
        num_variations=4,
        aspect_ratio="16:9",
        seed=7,
        output_dir=tmp_path / "lab",
        learned=None,
    )
    totals = [c.total for c in res.candidates]
    assert totals == sorted(totals, reverse=True)
    best = res.candidates[0]
    assert best.score.basis == STAND_IN
    assert best.total == best.score.metrics["imaging_quality"].value
    assert best.score.metrics["pick_score"].value is None
    assert best.score.metrics["vqa_alignment"].note.startswith("unavailable")
    folder = res.output_dir
    assert folder.parent == (tmp_path / "lab").resolve()
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        ["best_candidate.png", "generation_trace.json"]
        + [f"image_{i:03d}.png" for i in range(1, 5)]
        + [f"image_{i:03d}_metadata.json" for i in range(1, 5)]
    )
    assert (folder / "best_candidate.png").read_bytes() == (folder / "image_001.png").read_bytes()
    from PIL import Image

    with Image.open(folder / "image_003.png") as im:
        assert im.size == (1280, 720)
    meta = json.loads((folder / "image_002_metadata.json").read_text())
    assert meta["rank"] == 2 and meta["seed"] == res.candidates[1].seed and meta["prompt"] == PROMPT
    assert meta["scores"]["imaging_quality"]["value"] == res.candidates[1].total
    trace = json.loads(res.trace_path.read_text())
    assert trace["seeds"] == [7, 8, 9, 10]
    assert [i["rank"] for i in trace["images"]] == [1, 2, 3, 4]
    assert trace["settings"]["weights"] == WEIGHTS and trace["enhanced_prompt"] is None
    rows = res.why_first_won()
    assert rows[0][0] == "imaging_quality"
    assert rows[0][2] == pytest.approx(sum(c.total for c in res.candidates[1:]) / 3, abs=0.01)


def test_enhance_runs_two_passes_and_keeps_both_prompts_and_the_calls(tmp_path):
    prov, meter = providers(), MemoryMeter()
    res = run_image_lab(
        PROMPT, providers=prov, num_variations=1, seed=1, output_dir=tmp_path, enhance=True, learned=None,
        run=Run.detached(meter),
    )
    assert [c.purpose for c in meter.calls] == ["prompt_cinematographer", "prompt_engineer"]
    assert all(c.generation_id is None for c in meter.calls)  # the lab belongs to no generation
    assert [t for t, _ in prov.text.tasks] == ["prompt_cinematographer", "prompt_engineer"]
    assert prov.text.tasks[1][1] == PROMPT + ", golden hour, 35mm"
    trace = json.loads(res.trace_path.read_text())
    assert trace["original_prompt"] == PROMPT
    assert trace["cinematographer_prompt"] == PROMPT + ", golden hour, 35mm"
    assert trace["enhanced_prompt"] == PROMPT + ", golden hour, 35mm, sharp focus"
    assert [c["purpose"] for c in trace["api_calls"]] == ["prompt_cinematographer", "prompt_engineer"]
    assert trace["api_calls"][0]["cost_usd"] == 0.001


class RowsMeter:
    """A Meter like the store's: it writes each call away and keeps no list to read back."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float]] = []

    def record(self, call) -> None:
        self.rows.append((call.purpose, call.cost_usd))


def test_the_trace_lists_its_own_calls_whatever_the_meter_keeps(tmp_path):
    meter = RowsMeter()
    run_image_lab(PROMPT, providers=providers(), num_variations=1, seed=1, output_dir=tmp_path, enhance=True,
                  learned=None, run=Run.detached(meter))  # fmt: skip
    res = run_image_lab(
        PROMPT, providers=providers(), num_variations=1, seed=2, output_dir=tmp_path, enhance=True,
        learned=None, run=Run.detached(meter),
    )  # fmt: skip
    assert meter.rows == [("prompt_cinematographer", 0.001), ("prompt_engineer", 0.001)] * 2
    trace = json.loads(res.trace_path.read_text())
    # Only the second run's two calls: none of the first's, though they went to the same meter.
    assert [c["purpose"] for c in trace["api_calls"]] == ["prompt_cinematographer", "prompt_engineer"]


def test_vqa_alignment_from_a_yes_probability_drives_the_ranking(tmp_path):
    res = run_image_lab(
        PROMPT, providers=providers(YesJudge()), num_variations=4, seed=10, output_dir=tmp_path, learned=None
    )
    assert [c.seed % 2 for c in res.candidates[:2]] == [0, 0]
    best = res.candidates[0]
    assert best.score.metrics["vqa_alignment"].value == 90.0
    assert best.score.weights == {"vqa_alignment": 1.0}  # the only available weighted figure
    assert best.total == 90.0


def test_weights_renormalise_over_available_figures():
    m = {
        "pick_score": MetricValue(value=20.0),
        "clip_score": MetricValue(value=30.0),
        "vqa_alignment": MetricValue(value=None, note="unavailable: x"),
        "aesthetic": MetricValue(value=60.0),
        "imaging_quality": MetricValue(value=99.0),
    }
    total, basis, weights = combine(m)
    assert weights == pytest.approx(
        {"pick_score": 0.5 / 0.85, "clip_score": 0.25 / 0.85, "aesthetic": 0.1 / 0.85}
    )
    assert total == pytest.approx((0.5 * 20 + 0.25 * 30 + 0.1 * 60) / 0.85, abs=0.01)
    assert basis.startswith("weighted")


def test_output_dir_escaping_the_working_tree_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BadInput, match="outside the working folder"):
        resolve_output_root(Path("../../etc"))
    assert resolve_output_root(Path("out/x")) == tmp_path.resolve() / "out" / "x"
    assert resolve_output_root(None) == tmp_path.resolve() / "output" / "image_generations"
    assert resolve_output_root(Path("/srv/images")) == Path("/srv/images")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"num_variations": 0}, "1 to 16"),
        ({"num_variations": 17}, "1 to 16"),
        ({"aspect_ratio": "4:5"}, "Aspect ratio"),
        ({"seed": -1}, "seed"),
        ({"model": "some/other-model"}, "not available here"),
    ],
)
def test_bad_input_is_refused_before_any_image_is_made(tmp_path, kwargs, message):
    with pytest.raises(BadInput, match=message):
        run_image_lab(PROMPT, providers=providers(), output_dir=tmp_path, learned=None, **kwargs)
    assert not any(tmp_path.iterdir())


def test_openai_vision_yes_no_check_is_a_model_based_15_percent_figure(tmp_path):
    import math

    from studio.providers.openai_vision import OpenAIVision
    from studio.providers.retry import RetryPolicy
    from studio.quality.learned import LearnedMetrics
    from tests.providers.openai_fake import FakeOpenAI, completion_with_logprobs
    from tests.quality.test_learned import tiny_bundle  # a tiny random CLIP: clip_score is available too

    answers = {10: [("Yes", -0.105), ("No", -2.303)], 11: [("No", -0.223), ("Yes", -1.609)],
               12: [("Yes", -0.511), ("No", -0.916)]}  # P(yes) 0.9, 0.2, 0.6 in the order scored
    fake = FakeOpenAI([(200, completion_with_logprobs(top), {}) for top in answers.values()])
    prov, meter = providers(), MemoryMeter()
    prov.vision = OpenAIVision(fake.client(), "gpt-4.1-mini", PixelAnalyst(),
                               policy=RetryPolicy(attempts=3, initial_wait_s=0.01, sleep=lambda s: None))
    res = run_image_lab(PROMPT, providers=prov, num_variations=3, seed=10, output_dir=tmp_path,
                        learned=LearnedMetrics(tiny_bundle(0)), run=Run.detached(meter))
    assert [c.purpose for c in meter.calls] == ["vision yes/no"] * 3

    assert len(fake.requests) == 3 and all(r["logprobs"] and r["max_tokens"] == 1 for r in fake.requests)
    for c in res.candidates:
        lp = dict(answers[c.seed])
        y, n = lp["Yes"], lp["No"]
        vqa = c.score.metrics["vqa_alignment"]
        assert vqa.value == round(100 * math.exp(y) / (math.exp(y) + math.exp(n)), 2)
        assert vqa.model_based and vqa.note == ""
        # VQA's 15% renormalised with CLIP's 25% (PickScore and aesthetic have no weights here)
        assert c.score.weights == pytest.approx({"clip_score": 0.625, "vqa_alignment": 0.375})
        clip = c.score.metrics["clip_score"].value
        assert c.total == pytest.approx(0.625 * clip + 0.375 * vqa.value, abs=0.01)
        assert c.score.basis.startswith("weighted: clip_score 0.6") and "vqa_alignment 0.3" in c.score.basis
    # The tiny CLIP scores all three alike (about 12), so the yes/no figure decides the order.
    assert [(c.seed, round(c.score.metrics["vqa_alignment"].value)) for c in res.candidates] == [
        (10, 90), (12, 60), (11, 20)]
    trace = json.loads(res.trace_path.read_text())
    assert trace["settings"]["providers"]["vision"] == "OpenAI gpt-4.1-mini"
    assert trace["images"][0]["scores"]["vqa_alignment"]["model_based"] is True
    judged = [c for c in trace["api_calls"] if c["purpose"] == "vision yes/no"]
    assert len(judged) == 3 and judged[0]["cost_usd"] == pytest.approx(872 * 0.0004 / 1000 + 0.0016 / 1000)
