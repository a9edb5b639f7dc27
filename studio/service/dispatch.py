"""One dispatcher for what a person says in the chat: intent in, one action out.

`respond` checks the message, refuses while the ad is at work (`busy`), reads the intent (the rules
first; the text model, on the job runner, only when the rules do not know) and `choose` maps it to
exactly one action of `ACTIONS`, on the generation as it stood when the message came. An action that
needs no model is done in the caller's thread; the others run on the job runner. On a finished ad a
change that would discard approved work is only planned until the person says yes (`confirm_change`).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from studio.errors import BadInput
from studio.models import SOUND_ACTIONS, Generation, Intent, Message, SceneEdit, Stage
from studio.pipeline.intent import parse_intent, resolve_intent
from studio.run import Run
from studio.service.actions import pictures, story, versions
from studio.service.actions.approve import approve
from studio.service.actions.base import ActionContext, busy, done, say
from studio.service.actions.job import act

PICTURE_STOPS: tuple[Stage, ...] = ("references", "storyboard")
"""At these stops the chat is about the pictures (anything but an approval repaints or redraws)."""
FINISHED = "The ad is finished. Ask for a change and I will make a new version."


@dataclass(frozen=True)
class Said:
    """A chat message with what it asks for, and the generation as it stood when the message came."""

    gen_id: str
    stage: Stage
    finished: bool
    intent: Intent
    message: str


@dataclass(frozen=True)
class Step:
    """One action a message leads to. `on_runner`: it calls a model, so it runs on the job runner with
    the generation's Run; otherwise it is done at once (and `do` is given no Run)."""

    do: Callable[[ActionContext, Said, Run | None], None]
    on_runner: bool = False


def choose(gen: Generation, intent: Intent, confirm: bool = False) -> str:
    """The one action (a key of `ACTIONS`) for `intent` on `gen` as it stood when the message came."""
    if versions.needs_yes(gen, intent) and not confirm:
        return "ask_first"  # nothing approved is discarded without a yes
    if intent.action in SOUND_ACTIONS:
        return "change_assembly"
    if intent.action == "approve":
        return "say_finished" if versions.is_finished(gen) else "approve"
    if gen.stage in PICTURE_STOPS:
        return "chat_about_pictures"
    if intent.action in ("edit_scene", "regenerate_scene") and intent.scene_id is not None:
        return intent.action
    if intent.action == "regenerate":
        return "regenerate"
    return "refine"


def _new_version(cx: ActionContext, s: Said, *, render: bool) -> None:
    """After a change said yes to on a finished ad: name the version; a scene change renders its clip."""
    if s.finished:
        versions.describe_new_version(cx, s.gen_id, s.message)
        if render:
            approve(cx, s.gen_id)


def _ask_first(cx: ActionContext, s: Said, run: Run | None) -> None:
    versions.ask_first(cx, s.gen_id, s.intent, s.message)


def _say_finished(cx: ActionContext, s: Said, run: Run | None) -> None:
    say(cx, s.gen_id, "ad", FINISHED)


def _approve(cx: ActionContext, s: Said, run: Run | None) -> None:
    approve(cx, s.gen_id)


def _edit_scene(cx: ActionContext, s: Said, run: Run | None) -> None:
    assert s.intent.scene_id is not None
    story.change_scene(cx, s.gen_id, s.intent.scene_id, SceneEdit(description=s.intent.text))
    _new_version(cx, s, render=True)


def _regenerate_scene(cx: ActionContext, s: Said, run: Run | None) -> None:
    assert s.intent.scene_id is not None and run is not None
    story.rewrite_scene(cx, s.gen_id, s.intent.scene_id, s.intent.text or None, run)
    _new_version(cx, s, render=True)


def _regenerate(cx: ActionContext, s: Said, run: Run | None) -> None:
    assert run is not None
    story.write_afresh(cx, s.gen_id, run)
    _new_version(cx, s, render=False)


def _refine(cx: ActionContext, s: Said, run: Run | None) -> None:
    assert run is not None
    story.rewrite(cx, s.gen_id, s.intent.text or s.message, run)
    _new_version(cx, s, render=False)


def _chat_about_pictures(cx: ActionContext, s: Said, run: Run | None) -> None:
    assert run is not None
    pictures.chat_about_pictures(cx, s.gen_id, s.stage, s.intent, s.message, run)


def _change_assembly(cx: ActionContext, s: Said, run: Run | None) -> None:
    assert run is not None
    versions.apply_assembly(cx, s.gen_id, s.intent, run)


ACTIONS: dict[str, Step] = {
    "ask_first": Step(_ask_first),
    "say_finished": Step(_say_finished),
    "approve": Step(_approve),
    "edit_scene": Step(_edit_scene),
    "regenerate_scene": Step(_regenerate_scene, on_runner=True),
    "regenerate": Step(_regenerate, on_runner=True),
    "refine": Step(_refine, on_runner=True),
    "chat_about_pictures": Step(_chat_about_pictures, on_runner=True),
    "change_assembly": Step(_change_assembly, on_runner=True),
}


def respond(
    cx: ActionContext,
    gen_id: str,
    message: str,
    confirm: bool = False,
    *,
    intent: Intent | None = None,
    record: bool = True,
) -> Future:
    """Act on a chat message at the current stop: approve, refine, regenerate, edit a scene, or change
    the sound or end card (a new version of a finished ad, from the clips already rendered).

    The future gives the intent that was acted on. On a finished ad, a change that would discard
    approved work is only planned (`pending_change`, said in the chat) unless `confirm` is True;
    `confirm_change` then applies it. `intent` skips reading the message.
    """
    message = message.strip()
    if not message:
        raise BadInput("Type a message: approve, ask for a change, or edit a scene.")
    if len(message) > 5000:
        raise BadInput("That message is too long (over 5,000 characters); shorten it.")
    gen = busy(cx, gen_id)
    if record:
        cx.store.add_message(gen_id, Message(role="user", stage=gen.stage, text=message))
    known = intent or parse_intent(message, gen.stage)

    def said(read: Intent) -> Said:
        return Said(gen_id, gen.stage, versions.is_finished(gen), read, message)

    step = ACTIONS[choose(gen, known, confirm)] if known is not None else None
    if known is not None and step is not None and not step.on_runner:
        step.do(cx, said(known), None)  # no model to ask: done at once
        return done(known)
    acted: list[Intent] = []

    def read_and_act(run: Run) -> None:
        read = known or resolve_intent(message, gen.stage, cx.providers.text, run)
        acted.append(read)
        ACTIONS[choose(gen, read, confirm)].do(cx, said(read), run)

    future = act(cx, gen_id, gen.stage, "Reading your message", read_and_act)
    result: Future = Future()
    future.add_done_callback(
        lambda f: (
            result.set_exception(f.exception())
            if f.exception()
            else result.set_result(acted[0] if acted else Intent(action="refine", text=message))
        )
    )
    return result


def confirm_change(cx: ActionContext, gen_id: str) -> Future:
    """The person said yes: carry out the change waiting on the finished ad."""
    gen = cx.store.get(gen_id)
    if gen.pending_change is None:
        raise BadInput("There is no change waiting for a yes on this ad.")
    busy(cx, gen_id, gen)
    plan = gen.pending_change
    versions.clear_pending(cx, gen_id)
    return respond(cx, gen_id, plan.message, confirm=True, intent=plan.intent, record=False)
