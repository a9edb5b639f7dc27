"""The lifecycle: the table of moves, what comes next, and each move a person can cause.

The table is checked move by move; `next_step` on generations whose answer is known; the person's
actions (approve, edit, regenerate, stop, resume, a new version) on the offline engine, with every move
they make recorded as it passes through `lifecycle.move`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import studio.lifecycle as lifecycle
from studio.bootstrap import open_context
from studio.config import Settings
from studio.lifecycle import RESTING, TRANSITIONS, IllegalMove, Step, can_move, move, next_step
from studio.models import (
    Ad,
    Brief,
    Clip,
    ConsistencyContext,
    Generation,
    Keyframe,
    ReferenceImage,
    Scene,
    SceneEdit,
    Story,
)
from studio.service import Studio
from studio.store.repo import Store

ROOT = Path(__file__).resolve().parents[1]
FORWARD = ("story", "references", "scenes", "storyboard", "clips", "assembling", "scoring")


# ── the table ─────────────────────────────────────────────────────────────────────────────────────


def test_every_status_has_its_moves_and_every_move_names_a_status() -> None:
    statuses = set(Generation.model_fields["status"].annotation.__args__)  # the Literal's values
    assert set(TRANSITIONS) == statuses
    for status, to in TRANSITIONS.items():
        assert to <= statuses, status
        assert status in to, f"{status} cannot stay {status}"


@pytest.mark.parametrize(("i", "status"), list(enumerate(FORWARD)))
def test_the_driver_only_moves_forward(i: int, status: str) -> None:
    for earlier in FORWARD[:i]:
        assert not can_move(status, earlier), f"{status} -> {earlier}"
    for later in FORWARD[i:]:
        assert can_move(status, later)
    assert {"completed", "failed", "stopped", "awaiting_approval"} <= TRANSITIONS[status]


def test_a_resting_generation_only_moves_when_someone_acts() -> None:
    for status in RESTING:
        # never from one rest to another, except to wait for a yes after an edit
        assert TRANSITIONS[status] & RESTING <= {status, "awaiting_approval"}, status
        assert set(FORWARD) <= TRANSITIONS[status]  # an action shows the stage it works on
    assert not can_move("awaiting_approval", "completed") and not can_move("completed", "failed")
    assert "pending" in TRANSITIONS["awaiting_approval"]  # approve
    assert {"pending"} <= TRANSITIONS["failed"] & TRANSITIONS["stopped"]  # resume
    assert "pending" not in TRANSITIONS["completed"]  # a finished ad changes through an action only


def test_an_illegal_move_raises_and_writes_nothing(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'studio.db'}")
    gen = Generation(id="g1", brief=Brief(prompt="Peak trail shoes"), seed=1, status="clips", stage="clips")
    store.create(gen)
    with pytest.raises(IllegalMove, match="'clips' to 'story'"):
        store.update("g1", lambda g: move(g, "story", "story"))
    assert (store.get("g1").status, store.get("g1").stage) == ("clips", "clips")
    store.update("g1", lambda g: move(g, "failed", "clips", error="scene 2 failed"))
    after = store.get("g1")
    assert (after.status, after.error) == ("failed", "scene 2 failed")


def test_no_module_sets_a_generation_status_around_the_lifecycle() -> None:
    """Every status change goes through `lifecycle.move`: no `g.status = …` (or `setattr(g, "status", …)`)
    anywhere else in studio/."""
    offenders = []
    for path in sorted((ROOT / "studio").rglob("*.py")):
        if path.name == "lifecycle.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in ("status", "stage")
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                for t in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if (
                        isinstance(t, ast.Attribute)
                        and t.attr == "status"
                        and isinstance(t.value, ast.Name)
                        and t.value.id in ("g", "gen", "generation")
                    ):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


# ── what comes next ───────────────────────────────────────────────────────────────────────────────


def _scene(i: int) -> Scene:
    return Scene(id=i, description="the shoe on wet rock", voiceover="Grip.", on_screen_text="", duration_s=3)


def _made_up_to(stage: str, mode: str = "automated", **flags: bool) -> Generation:
    """A generation whose work exists up to and including `stage` (approvals as given)."""
    g = Generation(id="g", brief=Brief(prompt="Peak trail shoes", mode=mode), seed=1)
    order = ("story", "references", "scenes", "storyboard", "clips", "ad", "scores")
    have = order[: order.index(stage) + 1] if stage else ()
    if "story" in have:
        g.story = Story(
            title="Grip", text="Grip wet rock.", framework="AIDA", beats=[], voiceover=["Grip."],
            call_to_action="Buy",
        )  # fmt: skip
    if "references" in have:
        g.references = [ReferenceImage(kind="product", location="p.png", source="generated")]
        g.context = ConsistencyContext(
            character_appearance="", product_features="", color_palette=[], visual_style="",
            environmental_context="",
        )  # fmt: skip
    if "scenes" in have:
        g.scenes = [_scene(1), _scene(2)]
    if "storyboard" in have:
        g.keyframes = [Keyframe(scene_id=s.id, location=f"k{s.id}.png", source="composed") for s in g.scenes]
    if "clips" in have:
        g.clips = [Clip(scene_id=s.id, status="complete") for s in g.scenes]
    if "ad" in have:
        g.ad = Ad(
            location="ad.mp4", poster="ad.jpg", duration_s=6, width=360, height=640, aspect_ratio="9:16"
        )
    if "scores" in have:
        g.overall_score = 71.0
    for name, value in flags.items():
        setattr(g, name, value)
    return g


@pytest.mark.parametrize(
    ("made", "mode", "flags", "expected"),
    [
        ("", "automated", {}, Step("run", "story")),
        ("story", "automated", {}, Step("run", "references")),
        ("story", "interactive", {}, Step("pause", "story")),
        ("story", "interactive", {"story_approved": True}, Step("run", "references")),
        ("references", "interactive", {"story_approved": True}, Step("pause", "references")),
        (
            "scenes",
            "interactive",
            {"story_approved": True, "references_approved": True},
            Step("pause", "scenes"),
        ),
        ("scenes", "automated", {}, Step("run", "storyboard")),
        (
            "storyboard",
            "interactive",
            {"story_approved": True, "references_approved": True, "scenes_approved": True},
            Step("pause", "storyboard"),
        ),
        ("storyboard", "automated", {}, Step("run", "clips")),
        ("clips", "automated", {}, Step("run", "ad")),
        ("ad", "automated", {}, Step("run", "scores")),
        ("ad", "automated", {"scoring_failed": True}, Step("finish", "scores")),
        ("scores", "automated", {}, Step("finish", "scores")),
    ],
)
def test_next_step_asks_for_the_first_missing_work_or_the_stop(made, mode, flags, expected) -> None:
    assert next_step(_made_up_to(made, mode, **flags)) == expected


def test_next_step_sees_a_failed_clip_a_missing_keyframe_and_no_scoring() -> None:
    g = _made_up_to("clips")
    g.clips[1] = Clip(scene_id=2, status="failed", error="timeout")
    assert next_step(g) == Step("run", "clips")
    g = _made_up_to("storyboard")
    g.keyframes = g.keyframes[:1]  # a scene edited since: its frame is drawn again
    assert next_step(g) == Step("run", "storyboard")
    assert next_step(_made_up_to("ad"), scoring=False) == Step("finish", "ad")


# ── the moves a person causes, on the offline engine ─────────────────────────────────────────────


@pytest.fixture
def moves(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every (from, to) that passes through `lifecycle.move`, in order."""
    seen: list[tuple[str, str]] = []
    real = lifecycle.move

    def recording(g, status, stage=None, error=None):  # type: ignore[no-untyped-def]
        before = g.status
        real(g, status, stage, error)
        seen.append((before, status))

    # Every module that took `move` in by name: the lifecycle, the orchestrator, the service's actions.
    users = [m for name, m in list(sys.modules.items()) if name.startswith("studio.")]
    users = [m for m in users if getattr(m, "move", None) is real]
    assert {"studio.lifecycle", "studio.pipeline.orchestrator", "studio.service.actions.job"} <= {
        m.__name__ for m in users
    }
    for module in users:
        monkeypatch.setattr(module, "move", recording)
    return seen


@pytest.fixture
def studio(settings: Settings):
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def _brief(**kw) -> Brief:
    base = dict(prompt="Trail running shoes from Peak that grip wet rock. 20% off this week.", seed=7)
    return Brief(**(base | dict(resolution="360p", duration_s=8, scene_count=3) | kw))


def test_approve_edit_regenerate_stop_and_resume_move_as_the_table_says(
    studio: Studio, moves: list[tuple[str, str]]
) -> None:
    gen = studio.run(studio.create(_brief(mode="interactive")).id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "story")
    assert moves[-1] == ("story", "awaiting_approval")

    moves.clear()  # regenerate the story: the action shows the story at work, then waits again
    studio.regenerate(gen.id).result()
    gen = studio.store.get(gen.id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "story")
    assert moves[0] == ("awaiting_approval", "story") and moves[-1][1] == "awaiting_approval"

    moves.clear()  # approve: pending, then the driver runs the references and waits there
    gen = studio.approve(gen.id).result()
    assert moves[0] == ("awaiting_approval", "pending")
    assert ("pending", "references") in moves
    assert (gen.status, gen.stage) == ("awaiting_approval", "references")

    gen = studio.approve(gen.id).result()
    assert (gen.status, gen.stage) == ("awaiting_approval", "scenes")
    moves.clear()  # edit a scene: no provider call, the scenes wait for a yes again
    gen = studio.edit_scene(gen.id, 1, SceneEdit(description="the shoe on a mossy rock"))
    assert (gen.status, gen.stage) == ("awaiting_approval", "scenes")
    assert gen.scenes[0].description == "the shoe on a mossy rock"

    # stop while the storyboard is drawn is a stop, not a failure; resume carries on from there
    gen = studio.approve(gen.id).result()
    assert (gen.status, gen.stage) == ("awaiting_approval", "storyboard")
    studio.store.update(gen.id, lambda g: move(g, "pending"))  # as approve does, without driving it
    stopped = studio.stop(gen.id)
    assert stopped.status == "stopped"
    with pytest.raises(IllegalMove):
        studio.store.update(gen.id, lambda g: move(g, "completed"))  # a stop is never finished by fiat
    moves.clear()
    gen = studio.resume(gen.id).result()
    assert moves[0] == ("stopped", "pending")
    assert (gen.status, gen.stage) == ("awaiting_approval", "storyboard")


def test_a_new_version_of_a_finished_ad_goes_back_through_the_clips(
    studio: Studio, moves: list[tuple[str, str]]
) -> None:
    gen = studio.run(studio.create(_brief()).id)
    assert gen.status == "completed", gen.error
    assert moves[-1] == ("scoring", "completed")
    moves.clear()
    studio.edit_scene(gen.id, 2, SceneEdit(on_screen_text="20% OFF"))
    gen = studio.approve(gen.id).result()  # the yes: render that clip again and make version 2
    assert gen.status == "completed", gen.error
    assert [v.number for v in gen.versions] == [1, 2]
    assert all(can_move(a, b) for a, b in moves)
    changes = [(a, b) for a, b in moves if a != b]  # a stage storing its results stays where it is
    assert changes == [
        ("completed", "awaiting_approval"),  # the edit waits for a yes
        ("awaiting_approval", "pending"),  # the yes
        ("pending", "storyboard"),  # the edited scene's frame is drawn again; the others are kept
        ("storyboard", "clips"),
        ("clips", "assembling"),
        ("assembling", "scoring"),
        ("scoring", "completed"),
    ]
