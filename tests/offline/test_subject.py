"""A scene described with a person shows a person (painted when no character image was given), not the
product photo; product scenes still show the product."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from studio.offline.words.visuals import scene_subject
from studio.providers.offline import painted_person, scene_inputs
from studio.render.compositor import SceneComposer
from tests.render.helpers import clip_request, draw_references, scene

PEOPLE = (
    "A busy parent pauses, in a cosy family living room. Warm, calm light.",
    "A runner laces up on a city running path at sunrise. Crisp light.",
    "Two friends laugh over coffee, in a bright morning kitchen. Golden light.",
)
PRODUCT_GREEN = np.array([40, 200, 30])  # the drawn product's body, BGR


@pytest.fixture(scope="module")
def refs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return draw_references(tmp_path_factory.mktemp("refs"))


@pytest.mark.parametrize("description", PEOPLE)
@pytest.mark.parametrize("focus", ["product", "environment", "character"])
def test_people_words_choose_the_person(description: str, focus: str) -> None:
    assert scene_subject(description, focus, "Sunny Juice") == "character"


@pytest.mark.parametrize(
    ("description", "focus", "expected"),
    [
        ("Sunny Juice turns slowly into view, in a clean studio set.", "product", "product"),
        ("Sunny Juice hero shot beside the call to action, in a studio.", "product", "product"),
        ("The juice bottle rotates beside a runner, in a studio.", "character", "product"),
        ("Small annoyances pile up in quick beats, in a kitchen.", "environment", "environment"),
        ("The frustration builds around a busy parent, in a kitchen.", "environment", "character"),
    ],
)
def test_subject_known_answers(description: str, focus: str, expected: str) -> None:
    assert scene_subject(description, focus, "Sunny Juice") == expected


def _green_share(frame: np.ndarray, box) -> float:
    crop = frame[box.y : box.bottom, box.x : box.right, :3].astype(int)
    return float((np.abs(crop - PRODUCT_GREEN).sum(axis=2) < 60).mean())


def _frame(refs: dict[str, Path], out_dir: Path, description: str) -> tuple[SceneComposer, np.ndarray]:
    sc = scene(description=description, focus="product", duration_s=1.0, camera_move="static")
    inputs = scene_inputs(clip_request(refs, sc, kinds=("product", "environment")), out_dir)
    c = SceneComposer(inputs)
    out = np.empty((c.h, c.w, 4), np.uint8)
    return c, c.compose(c.n_frames - 1, out)


@pytest.mark.parametrize("description", PEOPLE)
def test_person_scene_shows_a_painted_person_not_the_product(
    refs: dict[str, Path], tmp_path: Path, description: str
) -> None:
    c, person = _frame(refs, tmp_path, description)
    assert c.subject == "character"
    assert c.inputs.character is not None and c.inputs.character.name.startswith("person_")
    assert c.inputs.character != c.inputs.product
    _, product = _frame(refs, tmp_path / "p", "The juice bottle on a sunny counter, in a studio.")
    (box,) = c.boxes_at(c.n_frames - 1)["product"]
    # the hero region differs from the product-only frame, and the product's green is not in it
    diff = np.abs(person[..., :3].astype(int) - product[..., :3].astype(int))
    assert diff[box.y : box.bottom, box.x : box.right].mean() > 12
    assert _green_share(person, box) < 0.01
    # the painted figure is really there: its pixels differ from a frame with no hero at all
    c.hero = None
    empty = c.compose(c.n_frames - 1, np.empty_like(person))
    figure = np.abs(person[..., :3].astype(int) - empty[..., :3].astype(int))
    assert figure[box.y : box.bottom, box.x : box.right].mean() > 12


def test_product_scene_still_shows_the_product(refs: dict[str, Path], tmp_path: Path) -> None:
    c, frame = _frame(refs, tmp_path, "The juice bottle on a sunny counter, in a studio.")
    assert c.subject == "product" and c.inputs.character is None
    (box,) = c.boxes_at(c.n_frames - 1)["product"]
    assert _green_share(frame, box) > 0.3
    assert not list(tmp_path.glob("person_*.png"))


def test_painted_person_is_the_same_in_every_scene_and_follows_the_seed(
    refs: dict[str, Path], tmp_path
) -> None:
    a = painted_person(clip_request(refs, scene(1), seed=5), tmp_path / "a").read_bytes()
    b = painted_person(clip_request(refs, scene(2), seed=5), tmp_path / "b").read_bytes()
    c = painted_person(clip_request(refs, scene(1), seed=6), tmp_path / "c").read_bytes()
    assert a == b and a != c
