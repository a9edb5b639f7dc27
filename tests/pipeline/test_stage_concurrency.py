"""Every provider call of a stage at once (issue 18): references, keyframes and image-lab variations go
out together up to the provider limit (STUDIO_MAX_CONCURRENT), while an offline adapter's CPU work stays
at the cap it declares. No timings: overlap is read from the loopback server's records (creates and
finishes) or counted by a gate that each call passes through."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from pydantic import SecretStr

from studio.bootstrap import open_context
from studio.config import Settings
from studio.imagelab import run_image_lab
from studio.models import Brief
from studio.pipeline import references as ref_stage
from studio.pipeline import storyboard as storyboard_stage
from studio.providers.limits import calls_at_once
from studio.providers.offline import MotionRenderer, OfflineWriter, PixelAnalyst, ProceduralPainter
from studio.run import Run
from studio.service import Studio

PROMPT = "Harbor Roast cold brew for busy commuters: bold, smooth, ready in the fridge. 20% off this week."
STORYBOARD = "a still for the storyboard"


def _brief(**kw) -> Brief:
    base = dict(prompt=PROMPT, resolution="360p", duration_s=15, scene_count=5, seed=4242, mode="interactive")
    return Brief(**(base | kw))


def _to_stop(studio: Studio, gen_id: str, stop: str):
    """Approve every stop before `stop`; the generation as it waits there."""
    gen = studio.run(gen_id)
    while gen.stage != stop:
        assert gen.status == "awaiting_approval", (gen.status, gen.stage, gen.error)
        studio.approve(gen_id).result(timeout=300)
        gen = studio.store.get(gen_id)
    assert (gen.status, gen.stage) == ("awaiting_approval", stop)
    return gen


def _all_in_flight_together(predictions: list[dict]) -> bool:
    """True when every prediction was created before the first of them finished (server's clock)."""
    return max(p["created"] for p in predictions) < min(p["created"] + p["delay_s"] for p in predictions)


class Gate:
    """Counts the calls passing through at once; each waits (briefly) for `want` callers to be inside."""

    def __init__(self, want: int, wait_s: float) -> None:
        self.want, self.wait_s = want, wait_s
        self.inside = self.peak = self.calls = 0
        self._cond = threading.Condition()

    def __enter__(self) -> Gate:
        with self._cond:
            self.inside += 1
            self.calls += 1
            self.peak = max(self.peak, self.inside)
            self._cond.notify_all()
            self._cond.wait_for(lambda: self.inside >= self.want, timeout=self.wait_s)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self.inside -= 1
            self._cond.notify_all()


class GatedPainter:
    """An image model whose calls pass through a gate; `max_parallel` declared only when given."""

    def __init__(self, gate: Gate, max_parallel: int | None = None) -> None:
        self.inner, self.gate, self.name = ProceduralPainter(), gate, "gated painter"
        if max_parallel is not None:
            self.max_parallel = max_parallel

    def generate(self, request, run):
        with self.gate:
            return self.inner.generate(request, run)


class NotTheMotionRenderer:
    """A video port that is not the offline renderer: keyframes then come from the image port."""

    name = "some video model"


# ── the helper ───────────────────────────────────────────────────────────────────────────────────


def test_calls_at_once_is_the_adapters_own_cap_else_the_provider_limit() -> None:
    remote = SimpleNamespace(name="remote")
    assert calls_at_once(remote, 5) == 5
    assert calls_at_once(remote, 1) == 1
    assert calls_at_once(SimpleNamespace(max_parallel=2), 5) == 2
    assert calls_at_once(SimpleNamespace(max_parallel=8), 3) == 3  # never above the setting
    assert calls_at_once(MotionRenderer(), 64) == MotionRenderer.max_parallel


# ── against Replicate's wire format on loopback ──────────────────────────────────────────────────


def test_remote_references_and_five_keyframes_are_all_in_flight_together(tmp_path: Path, loopback) -> None:
    loopback.control(image_seconds=1.5)  # finishes at the client's first poll, 2 s after the create
    settings = Settings(
        data_dir=tmp_path / "data",
        max_concurrent=5,
        replicate_api_token=SecretStr(loopback.replicate_token),
        replicate_base_url=loopback.url,
    )
    studio = Studio(open_context(settings))
    try:
        gen = _to_stop(studio, studio.create(_brief()).id, "storyboard")
        assert [k.source for k in gen.keyframes] == ["generated"] * 5
        images = loopback.predictions_received("image")
        keyframes = [p for p in images if STORYBOARD in str(p["input"].get("prompt"))]
        references = [p for p in images if STORYBOARD not in str(p["input"].get("prompt"))]
        assert len(keyframes) == 5 and len(references) == 3
        assert _all_in_flight_together(keyframes), "the keyframes went out in more than one wave"
        assert _all_in_flight_together(references), "the references went out in more than one wave"
    finally:
        studio.ctx.runner.shutdown()


# ── the storyboard, counted at the port ──────────────────────────────────────────────────────────


@pytest.fixture
def at_scenes(settings: Settings):
    """An offline studio and a 5-scene generation waiting at the scenes stop."""
    studio = Studio(open_context(settings))
    gen = _to_stop(studio, studio.create(_brief(seed=77)).id, "scenes")
    yield studio, gen
    studio.ctx.runner.shutdown()


def test_a_remote_image_model_draws_every_keyframe_at_once(at_scenes) -> None:
    studio, gen = at_scenes
    gate = Gate(want=5, wait_s=5.0)
    providers = replace(studio.ctx.providers, image=GatedPainter(gate), video=NotTheMotionRenderer())
    frames = storyboard_stage.make_storyboard(gen, providers, studio.orchestrator.run_for(gen.id), limit=5)
    assert [k.scene_id for k in frames] == [1, 2, 3, 4, 5]
    assert (gate.calls, gate.peak) == (5, 5)


def test_the_provider_limit_bounds_a_remote_image_model(at_scenes) -> None:
    studio, gen = at_scenes
    gate = Gate(want=4, wait_s=0.3)
    providers = replace(studio.ctx.providers, image=GatedPainter(gate), video=NotTheMotionRenderer())
    storyboard_stage.make_storyboard(gen, providers, studio.orchestrator.run_for(gen.id), limit=3)
    assert (gate.calls, gate.peak) == (5, 3)


def test_an_offline_painter_stays_at_its_own_cap(at_scenes) -> None:
    studio, gen = at_scenes
    gate = Gate(want=3, wait_s=0.3)
    painter = GatedPainter(gate, max_parallel=2)
    providers = replace(studio.ctx.providers, image=painter, video=NotTheMotionRenderer())
    storyboard_stage.make_storyboard(gen, providers, studio.orchestrator.run_for(gen.id), limit=5)
    assert (gate.calls, gate.peak) == (5, 2)


def test_composed_frames_are_capped_by_the_cores(at_scenes, monkeypatch) -> None:
    studio, gen = at_scenes
    assert isinstance(studio.ctx.providers.video, MotionRenderer)
    gate = Gate(want=3, wait_s=0.3)
    composed = storyboard_stage._composed_frame

    def gated(*args):
        with gate:
            return composed(*args)

    monkeypatch.setattr(storyboard_stage, "_composed_frame", gated)
    monkeypatch.setattr(storyboard_stage, "cores", lambda: 2)
    frames = storyboard_stage.make_storyboard(gen, studio.ctx.providers, studio.orchestrator.run_for(gen.id))
    assert {k.source for k in frames} == {"composed"}
    assert (gate.calls, gate.peak) == (5, 2)


# ── references and the image lab ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("limit", "peak"), [(5, 3), (1, 1)])
def test_the_missing_references_are_painted_at_once_up_to_the_limit(settings, limit, peak) -> None:
    ctx = open_context(settings)
    try:
        gate = Gate(want=3, wait_s=5.0 if peak == 3 else 0.2)
        providers = replace(ctx.providers, image=GatedPainter(gate))
        brief = _brief(mode="automated")
        refs = ref_stage.make_references("g1", brief, None, providers, 7, Run.detached(), limit=limit)
        assert [r.kind for r in refs] == ["product", "character", "environment"]
        assert all(r.analysis is not None for r in refs)
        assert (gate.calls, gate.peak) == (3, peak)
    finally:
        ctx.runner.shutdown()


def _lab(painter, tmp_path: Path, limit: int):
    providers = SimpleNamespace(image=painter, text=OfflineWriter(), vision=PixelAnalyst())
    return run_image_lab(
        "A red running shoe on a mountain trail at dawn", providers=providers, num_variations=6, seed=40,
        output_dir=tmp_path, learned=None, limit=limit,
    )  # fmt: skip


def test_image_lab_variations_go_out_together_up_to_the_limit(tmp_path: Path) -> None:
    gate = Gate(want=4, wait_s=0.3)
    result = _lab(GatedPainter(gate), tmp_path, limit=4)
    assert (gate.calls, gate.peak) == (6, 4)
    assert sorted(c.seed for c in result.candidates) == [40, 41, 42, 43, 44, 45]
    # The same set as the painter alone, one by one: the pictures follow the seeds, not the threads.
    alone = _lab(ProceduralPainter(), tmp_path, limit=1)
    assert {c.seed: c.path.read_bytes() for c in result.candidates} == {
        c.seed: c.path.read_bytes() for c in alone.candidates
    }


def test_image_lab_keeps_an_offline_painter_at_its_cap(tmp_path: Path) -> None:
    gate = Gate(want=3, wait_s=0.3)
    _lab(GatedPainter(gate, max_parallel=2), tmp_path, limit=5)
    assert (gate.calls, gate.peak) == (6, 2)
