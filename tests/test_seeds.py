"""Every seed of an ad is derived in one function: the same as the stages' own formulas, always in range."""

from __future__ import annotations

from itertools import product
from types import SimpleNamespace

import pytest

from studio.models import SEED_MAX, Brief, ImagePrompt
from studio.pipeline.references import paint_reference
from studio.providers.ports import GeneratedImage, ImageRequest
from studio.run import Run
from studio.seeds import derive, new_seed


def test_the_ads_own_seed_is_itself_and_none_is_zero() -> None:
    assert derive(1234) == 1234 and derive(None) == derive(0) == 0
    assert derive(SEED_MAX) == SEED_MAX


@pytest.mark.parametrize("seed", [0, 1234, 987_654_321])
def test_each_stage_gets_the_seed_its_formula_gave_before(seed: int) -> None:
    """Frames stay bit-identical: the strides are the ones the stages used before they met here."""
    for i in range(3):  # the references (seed + index) and the image lab's set (seed, seed+1, …)
        assert derive(seed, index=i) == seed + i
    for n, i in product(range(1, 4), range(3)):  # a repainted reference: seed + 1000 * n, then + index
        assert derive(derive(seed, repaint=n), index=i) == seed + 1000 * n + i
    for scene, variation in product(range(1, 6), range(3)):  # a keyframe
        assert derive(seed, scene=scene, attempt=variation) == seed + 101 * scene + 7919 * variation
    for n in range(1, 4):  # the story or the scenes asked for again
        assert derive(seed, attempt=n) == seed + 7919 * n


def test_derived_seeds_are_deterministic() -> None:
    every_axis = [derive(77, index=2, scene=3, repaint=1, attempt=4) for _ in range(3)]
    assert every_axis == [77 + 2 + 3 * 101 + 1000 + 4 * 7919] * 3


def test_distinct_steps_of_one_stage_give_distinct_seeds() -> None:
    references = {derive(5, repaint=r, index=i) for r, i in product(range(10), range(16))}
    keyframes = {derive(5, scene=s, attempt=a) for s, a in product(range(1, 40), range(20))}
    rewrites = {derive(5, scene=s) for s in range(1, 40)} | {derive(5, attempt=a) for a in range(1, 40)}
    assert (len(references), len(keyframes), len(rewrites)) == (10 * 16, 39 * 20, 39 + 39)


@pytest.mark.parametrize("seed", [0, SEED_MAX - 1, SEED_MAX, None])
def test_every_derived_seed_is_in_the_models_range_even_from_the_top(seed: int | None) -> None:
    """Before, an ad seeded near 2**31-1 sent its keyframes seeds past it, which a model refuses."""
    steps = product(range(16), range(0, 60, 7), range(0, 6), range(0, 12))
    for index, scene, repaint, attempt in steps:
        got = derive(seed, index=index, scene=scene, repaint=repaint, attempt=attempt)
        assert 0 <= got <= SEED_MAX
    assert derive(SEED_MAX, index=1) == 0 and derive(SEED_MAX, scene=1) == 100  # wrapped, not refused


def test_a_new_seed_leaves_room_for_its_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("studio.seeds.secrets.randbelow", lambda n: n - 1)  # the highest draw possible
    assert new_seed() == SEED_MAX
    first = new_seed(room=16)
    assert derive(first, index=15) == first + 15 <= SEED_MAX  # the whole set fits without wrapping


def test_the_references_stage_sends_the_derived_seed_in_range(tmp_path) -> None:
    """A reference of an ad seeded at the top of the range asks the model for a seed it accepts."""
    sent: list[ImageRequest] = []

    def generate(request: ImageRequest, run: Run) -> GeneratedImage:
        sent.append(request)
        return GeneratedImage(png=b"png", model="recording")

    providers = SimpleNamespace(
        text=SimpleNamespace(generate=lambda request, schema, run: ImagePrompt(prompt="a shoe")),
        image=SimpleNamespace(generate=generate),
        media=SimpleNamespace(put_bytes=lambda key, data, content_type: key),
    )
    brief = Brief(prompt="Trail shoes from Peak", resolution="360p", seed=SEED_MAX)
    for index in range(3):
        paint_reference("g1", index, "product", brief, None, None, providers, [], SEED_MAX, Run.detached())
    assert [r.seed for r in sent] == [SEED_MAX, 0, 1]


def test_seed_control_needs_the_person_and_the_pipeline() -> None:
    from studio.models import Brief, Generation
    from studio.seeds import model_seed

    def gen(person: bool, pipeline: bool | None) -> Generation:
        config = {} if pipeline is None else {"seed_control": pipeline}
        return Generation(id="g", brief=Brief(prompt="p", seed_control=person), seed=42, config=config)

    assert model_seed(gen(True, None)) == 42 and model_seed(gen(True, True), 7) == 7
    assert model_seed(gen(False, True)) is None
    assert model_seed(gen(True, False), 7) is None  # before, keyframes ignored the pipeline's switch


def test_a_keyframe_from_an_image_model_follows_the_pipelines_seed_switch(tmp_path) -> None:
    from dataclasses import replace

    from studio.config import Settings
    from studio.models import Brief, Generation, Scene
    from studio.pipeline.storyboard import make_keyframe
    from studio.providers.ports import GeneratedImage
    from studio.providers.registry import build_providers
    from studio.run import Run

    sent = []

    class Recording:
        name = "recording"

        def generate(self, request, run):  # type: ignore[no-untyped-def]
            sent.append(request.seed)
            return GeneratedImage(png=b"png", model="recording", seed=request.seed)

    providers = replace(build_providers(Settings(data_dir=tmp_path)), image=Recording())
    scene = Scene(id=2, description="the shoe on wet rock", duration_s=3)
    for switch in (True, False):
        config = {"seed_control": switch}
        g = Generation(id="g", brief=Brief(prompt="p"), seed=42, config=config, scenes=[scene])
        make_keyframe(g, scene, providers, Run(None), feedback="brighter")
    assert sent[0] is not None and sent[1] is None
