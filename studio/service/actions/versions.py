"""Chat with a finished ad: every change makes a new version, none is lost.

- a change to the sound or the end card (music louder/softer/off/on, voice off/on, end-card words)
  re-assembles the ad from the clips already rendered, in seconds, as a new version, re-scored in the
  background;
- a change to a scene (its clip is rendered again) or to the story (a new story, scenes and clips) would
  discard approved work, so it is planned first: the plan (what will be redone, what it costs) waits on
  the generation as `pending_change` until the person says yes (`dispatch.confirm_change`) or no
  (`cancel_change`). A caller that already has the yes passes `confirm=True` to `dispatch.respond`.
The finished versions stay in `Generation.versions`, each playable and downloadable.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future

from studio.errors import BadInput
from studio.lifecycle import next_version_number, record_version, score_version
from studio.models import SOUND_ACTIONS, AssemblySettings, Generation, Intent, PendingChange
from studio.pipeline import tasks
from studio.pipeline.assemble import assemble
from studio.run import Run
from studio.service.actions.base import ActionContext, say
from studio.service.actions.job import act
from studio.service.actions.pictures import video_cost_estimate

log = logging.getLogger(__name__)
MUSIC_STEP_DB = 6.0
"""How much "louder" or "softer" moves the music: 6 dB, a change anyone hears."""
DISCARDING = ("regenerate", "refine", "edit_scene", "regenerate_scene")
"""On a finished ad these discard approved work (the story, scenes or clips it was made from)."""


def is_finished(gen: Generation) -> bool:
    """True when the generation has a finished ad on screen (a change to it makes a new version)."""
    return gen.finished_ad is not None and gen.status == "completed"


def needs_yes(gen: Generation, intent: Intent) -> bool:
    """True when acting on `intent` would discard approved work of a finished ad."""
    return is_finished(gen) and intent.action in DISCARDING


def changed_settings(settings: AssemblySettings, intent: Intent) -> tuple[AssemblySettings, str]:
    """The assembly settings after a sound or end-card intent, and the change in a person's words."""
    s = settings
    match intent.action:
        case "music_louder" | "music_softer":
            step = MUSIC_STEP_DB if intent.action == "music_louder" else -MUSIC_STEP_DB
            gain = min(12.0, max(-24.0, s.music_gain_db + step))
            word = "louder" if step > 0 else "softer"
            return s.model_copy(update={"music_gain_db": gain, "music": True}), (
                f"music {word} ({gain:+.0f} dB against the voice)"
            )
        case "music_off" | "music_on":
            on = intent.action == "music_on"
            return s.model_copy(update={"music": on}), "music on" if on else "music off"
        case "voice_off" | "voice_on":
            on = intent.action == "voice_on"
            return s.model_copy(update={"voice": on}), "voiceover on" if on else "voiceover off"
        case "end_card_cta":
            words = intent.text.strip()[:80]
            return s.model_copy(update={"call_to_action": words}), f"end-card call to action “{words}”"
        case "end_card_title":
            words = intent.text.strip()[:60]
            return s.model_copy(update={"end_card_title": words}), f"end-card headline “{words}”"
    raise BadInput(f"{intent.action} does not change how the ad is put together.")


def _money(cost: float | None) -> str:
    return "cost unknown (a model has no price)" if cost is None else f"estimated ${cost:.2f} at list prices"


# ── plan, then apply ─────────────────────────────────────────────────────────────────────────────


def plan_change(cx: ActionContext, gen: Generation, intent: Intent, message: str) -> PendingChange:
    """What acting on `intent` would redo on this finished ad, and what it would cost."""
    number = next_version_number(gen)
    if intent.action in ("edit_scene", "regenerate_scene"):
        scenes = [s for s in gen.scenes if s.id == intent.scene_id]
        if not scenes:
            raise BadInput(f"There is no scene {intent.scene_id}; this ad has {len(gen.scenes)}.")
        cost = video_cost_estimate(cx, gen.model_copy(update={"scenes": scenes}))
        redo = (
            f"Scene {intent.scene_id} is changed and its clip rendered again; the other clips are kept. "
            f"Then the ad is put together as version {number}."
        )
    else:
        cost = video_cost_estimate(cx, gen)
        what = "a new story" if intent.action == "regenerate" else "the story rewritten with your feedback"
        redo = (
            f"This starts version {number}: {what}, new scenes and all {len(gen.scenes)} clips rendered "
            "again (the story waits for your approval first)."
        )
    current = gen.versions[-1].number if gen.versions else 1
    redo += f" Version {current} stays playable and downloadable. {_money(cost).capitalize()}."
    return PendingChange(intent=intent, message=message, redo=redo, cost_usd=cost)


def ask_first(cx: ActionContext, gen_id: str, intent: Intent, message: str) -> PendingChange:
    """Store the plan for the person's yes, and say it in the chat (nothing is discarded yet)."""
    plan = plan_change(cx, cx.store.get(gen_id), intent, message)

    def wait_for_yes(g: Generation) -> None:
        g.pending_change = plan

    cx.store.update(gen_id, wait_for_yes)
    say(cx, gen_id, "ad", f"Before I do that: {plan.redo} Confirm to go ahead, or cancel.")
    return plan


def cancel_change(cx: ActionContext, gen_id: str) -> Generation:
    """The person said no: the waiting change is dropped and the ad stays as it is."""
    gen = clear_pending(cx, gen_id)
    say(cx, gen_id, "ad", "Kept the ad as it is.")
    return gen


def clear_pending(cx: ActionContext, gen_id: str) -> Generation:
    """Drop the change that waits for a yes."""

    def clear(g: Generation) -> None:
        g.pending_change = None

    return cx.store.update(gen_id, clear)


def describe_new_version(cx: ActionContext, gen_id: str, message: str) -> None:
    """Say what the version being made changes, in the person's own words."""

    def describe(g: Generation) -> None:
        if g.versions and g.versions[-1].ad is None:
            g.versions[-1].change = f"“{message[:200]}”"

    cx.store.update(gen_id, describe)


# ── sound and the end card: a new version from the clips already rendered ─────────────────────────


def change_assembly(cx: ActionContext, gen_id: str, intent: Intent) -> Future:
    """Apply a sound or end-card change: a new version when the ad is finished (on the job runner)."""
    if intent.action not in SOUND_ACTIONS:
        raise BadInput(f"{intent.action} does not change how the ad is put together.")
    gen = cx.store.get(gen_id)
    return act(cx, gen_id, "ad" if is_finished(gen) else gen.stage, "Changing the sound and end card",
               lambda run: apply_assembly(cx, gen_id, intent, run))  # fmt: skip


def apply_assembly(cx: ActionContext, gen_id: str, intent: Intent, run: Run) -> None:
    """`change_assembly`'s work, on the job runner: re-assemble a finished ad, else note it for the next."""
    gen = cx.store.get(gen_id)
    settings, change = changed_settings(gen.assembly, intent)
    if settings == gen.assembly:
        say(cx, gen_id, gen.stage, f"It is already so ({change}); nothing to change.")
        return
    if gen.ad is None or any(c.status != "complete" for c in gen.clips) or not gen.clips:
        # No finished ad to re-assemble (or a new version is on its way): the next ad uses it.

        def keep(g: Generation) -> None:
            g.assembly = settings

        cx.store.update(gen_id, keep)
        say(cx, gen_id, gen.stage, f"Noted: {change}. The ad will be put together that way.")
        return
    reassemble(cx, gen_id, settings, change, run)


def reassemble(cx: ActionContext, gen_id: str, settings: AssemblySettings, change: str, run: Run) -> None:
    """Put the ad together again from its rendered clips as a new version; score it in the background."""
    gen = cx.store.get(gen_id)
    ad = assemble(cx.ctx, gen, run, settings)
    gen = record_version(cx.store, gen_id, ad, settings, change)
    number = gen.versions[-1].number
    say(cx, gen_id, "ad", f"Version {number} is ready: {change}. Version {number - 1} is kept.")
    if not cx.pipeline.stages.scoring:
        return
    scoring = cx.runner.submit(tasks.score_ad, cx.settings, gen_id, ad.location)

    def scored(f: Future) -> None:
        report = None if f.cancelled() or f.exception() else f.result()
        try:
            score_version(cx.store, gen_id, ad.location, report)
        except Exception as exc:  # the version stands without its score; say so in the log
            log.warning("the score of version %d of %s was not saved: %s", number, gen_id, exc)

    scoring.add_done_callback(scored)
