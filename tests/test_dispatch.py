"""The dispatcher: one place says "busy", and every intent maps to exactly one action.

`choose` is checked against a table of (intent, where the ad stands) -> action; `respond` is checked to
do that one action and nothing else (at once, or on the job runner when it needs a model).
"""

from __future__ import annotations

import ast
import functools
import threading
import traceback
from pathlib import Path
from typing import get_args

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.errors import Busy
from studio.models import Ad, Brief, Generation, Intent, IntentAction, Scene, Story
from studio.runtime.jobs import JobRunner
from studio.service import Studio, dispatch
from studio.service.actions.base import BUSY
from studio.service.dispatch import ACTIONS, Step, choose

ROOT = Path(__file__).resolve().parents[1]


# ── one place for "busy" ──────────────────────────────────────────────────────────────────────────


def test_the_busy_message_is_written_once_and_every_refusal_uses_it() -> None:
    sentence = "Still working on this ad"
    found = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "studio").rglob("*.py"))
        for line in path.read_text().splitlines()
        if sentence in line
    ]
    assert found == ["studio/service/actions/base.py"]
    assert BUSY.startswith(sentence)
    # In the service layer, a refusal of a generation at work is Busy(BUSY); the image lab has its own.
    others = []
    for path in sorted((ROOT / "studio" / "service").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Busy":
                arg = node.args[0] if node.args else None
                if not (isinstance(arg, ast.Name) and arg.id == "BUSY") and path.name != "imagelab.py":
                    others.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert others == []


# ── intent in, one action out ────────────────────────────────────────────────────────────────────


def _gen(stage: str, *, finished: bool = False) -> Generation:
    g = Generation(id="g", brief=Brief(prompt="Peak trail shoes"), seed=1, stage=stage)
    g.story = Story(title="Grip", text="Grip wet rock.", framework="AIDA", beats=[], voiceover=["Grip."],
                    call_to_action="Buy")  # fmt: skip
    g.scenes = [Scene(id=i, description="the shoe", voiceover="Grip.", on_screen_text="", duration_s=3)
                for i in (1, 2)]  # fmt: skip
    g.status = "awaiting_approval"
    if finished:
        g.ad = Ad(location="ad.mp4", poster="ad.jpg", duration_s=6, width=360, height=640,
                  aspect_ratio="9:16")  # fmt: skip
        g.status = "completed"
    return g


SOUND = ("music_louder", "music_softer", "music_off", "music_on", "voice_off", "voice_on", "end_card_cta",
         "end_card_title")  # fmt: skip
# where the ad stands -> {intent action: the one action}; sound changes are the same everywhere
TABLE: dict[str, dict[str, str]] = {
    "story": {"approve": "approve", "regenerate": "regenerate", "refine": "refine",
              "edit_scene": "edit_scene", "regenerate_scene": "regenerate_scene"},
    "scenes": {"approve": "approve", "regenerate": "regenerate", "refine": "refine",
               "edit_scene": "edit_scene", "regenerate_scene": "regenerate_scene"},
    "references": {"approve": "approve", "regenerate": "chat_about_pictures", "refine": "chat_about_pictures",
                   "edit_scene": "chat_about_pictures", "regenerate_scene": "chat_about_pictures"},
    "storyboard": {"approve": "approve", "regenerate": "chat_about_pictures", "refine": "chat_about_pictures",
                   "edit_scene": "chat_about_pictures", "regenerate_scene": "chat_about_pictures"},
    "finished": {"approve": "say_finished", "regenerate": "ask_first", "refine": "ask_first",
                 "edit_scene": "ask_first", "regenerate_scene": "ask_first"},
    "finished, said yes": {"approve": "say_finished", "regenerate": "regenerate", "refine": "refine",
                           "edit_scene": "edit_scene", "regenerate_scene": "regenerate_scene"},
}  # fmt: skip
AT_ONCE = {"ask_first", "say_finished", "approve", "edit_scene"}
"""The actions that call no model: done in the caller's thread, not on the job runner."""


def _where(name: str) -> tuple[Generation, bool]:
    if name.startswith("finished"):
        return _gen("ad", finished=True), name.endswith("said yes")
    return _gen(name), False


@pytest.mark.parametrize("where", list(TABLE))
@pytest.mark.parametrize("action", get_args(IntentAction))
def test_each_intent_maps_to_exactly_one_action(where: str, action: str) -> None:
    gen, confirm = _where(where)
    intent = Intent(action=action, scene_id=2 if "scene" in action else None, text="warmer")  # type: ignore[arg-type]
    expected = "change_assembly" if action in SOUND else TABLE[where][action]
    assert choose(gen, intent, confirm) == expected
    assert ACTIONS[expected].on_runner is (expected not in AT_ONCE)


def test_every_intent_is_in_the_table_and_every_action_is_reached() -> None:
    assert set(get_args(IntentAction)) == set(TABLE["story"]) | set(SOUND)
    reached = set()
    for where in TABLE:
        gen, confirm = _where(where)
        reached |= {choose(gen, Intent(action=a, scene_id=1), confirm) for a in get_args(IntentAction)}
    assert reached == set(ACTIONS)


def test_a_scene_intent_without_a_scene_refines() -> None:
    for action in ("edit_scene", "regenerate_scene"):
        assert choose(_gen("scenes"), Intent(action=action, text="warmer")) == "refine"  # type: ignore[arg-type]


# ── respond does that one action ─────────────────────────────────────────────────────────────────


@pytest.fixture
def studio(settings: Settings):
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


@pytest.fixture
def done(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each action the dispatcher does, as (name, in the caller's thread), in place of doing it."""
    seen: list[tuple[str, bool]] = []
    caller = threading.current_thread()

    def recording(name: str, step: Step) -> Step:
        def record(cx, s, run) -> None:  # type: ignore[no-untyped-def]
            seen.append((name, threading.current_thread() is caller))

        return Step(record, step.on_runner)

    monkeypatch.setattr(dispatch, "ACTIONS", {name: recording(name, s) for name, s in ACTIONS.items()})
    return seen


@pytest.mark.parametrize("where", list(TABLE))
def test_respond_does_the_one_action_the_table_says(
    studio: Studio, done: list[tuple[str, bool]], where: str
) -> None:
    gen = studio.create(Brief(prompt="Peak trail shoes that grip wet rock."))
    made, confirm = _where(where)

    def stand(g: Generation) -> None:
        g.stage, g.story, g.scenes, g.ad, g.status = made.stage, made.story, made.scenes, made.ad, made.status

    for action in get_args(IntentAction):
        studio.store.update(gen.id, stand)
        intent = Intent(action=action, scene_id=2 if "scene" in action else None, text="warmer")
        said = studio.respond(gen.id, "warmer", confirm, intent=intent).result(timeout=60)
        assert said == intent
        expected = "change_assembly" if action in SOUND else TABLE[where][action]
        assert done[-1] == (expected, expected in AT_ONCE), action
    assert len(done) == len(get_args(IntentAction))


def test_a_message_the_rules_do_not_know_is_read_on_the_job_runner_then_acted_on_once(
    studio: Studio, done: list[tuple[str, bool]]
) -> None:
    gen = studio.create(Brief(prompt="Peak trail shoes that grip wet rock."))
    studio.store.update(gen.id, lambda g: setattr(g, "status", "awaiting_approval"))
    said = studio.respond(gen.id, "make it funnier and mention free shipping").result(timeout=60)
    assert said.action == "refine"
    assert done == [("refine", False)]
    assert studio.respond(gen.id, "looks good").result(timeout=60).action == "approve"  # the rules know it
    assert done[-1] == ("approve", True)


def test_respond_refuses_while_the_ad_is_at_work_and_records_nothing(
    studio: Studio, done: list[tuple[str, bool]]
) -> None:
    gen = studio.create(Brief(prompt="Peak trail shoes that grip wet rock."))
    studio.store.update(gen.id, lambda g: setattr(g, "status", "story"))  # a stage at work
    before = len(studio.store.messages(gen.id))
    with pytest.raises(Busy, match="Still working on this ad"):
        studio.respond(gen.id, "approve")
    assert done == [] and len(studio.store.messages(gen.id)) == before


def test_an_approval_goes_down_from_studio_to_the_orchestrator_entering_each_module_once(
    studio: Studio, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = Brief(prompt="Peak trail shoes that grip wet rock.", mode="interactive")
    gen = studio.run(studio.create(brief).id)
    assert (gen.status, gen.stage) == ("awaiting_approval", "story")
    started: list[tuple[list[str], object]] = []
    real = JobRunner._start

    def recording(self: JobRunner, gen_id: str, fn):  # type: ignore[no-untyped-def]
        here = [f.filename.split("/studio/", 1)[1] for f in traceback.extract_stack()[:-1]
                if "/studio/" in f.filename and "/tests/" not in f.filename]  # fmt: skip
        started.append(([m for i, m in enumerate(here) if i == 0 or here[i - 1] != m], fn))
        return real(self, gen_id, fn)

    monkeypatch.setattr(JobRunner, "_start", recording)
    studio.respond(gen.id, "approve").result(timeout=60)
    studio.start(gen.id).result(timeout=120)
    path, fn = started[0]
    assert path == ["service/studio.py", "service/dispatch.py", "service/actions/approve.py",
                    "service/actions/control.py", "runtime/jobs.py"]  # fmt: skip
    # On the job runner the generation's first stop is the orchestrator, not back in the service layer.
    assert isinstance(fn, functools.partial) and fn.func.__self__.__class__.__name__ == "Orchestrator"
