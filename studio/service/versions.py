"""Chat with a finished ad (part of the service layer): every change makes a new version, none is lost.

`Studio` (studio.py) takes these actions in as a mixin. After the ad is finished:
- a change to the sound or the end card (music louder/softer/off/on, voice off/on, end-card words)
  re-assembles the ad from the clips already rendered, in seconds, as a new version, re-scored in the
  background;
- a change to a scene (its clip is rendered again) or to the story (a new story, scenes and clips) would
  discard approved work, so it is planned first: the plan (what will be redone, what it costs) waits on
  the generation as `pending_change` until the person says yes (`confirm_change`) or no
  (`cancel_change`). A caller that already has the yes passes `confirm=True` to `Studio.respond`.
The finished versions stay in `Generation.versions`, each playable and downloadable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from studio.errors import BadInput, Busy
from studio.lifecycle import next_version_number, record_version, score_version
from studio.models import SOUND_ACTIONS, AssemblySettings, Generation, Intent, PendingChange, Stage
from studio.pipeline.assemble import assemble
from studio.run import Run
from studio.runtime import tasks
from studio.service.stops import video_cost_estimate

if TYPE_CHECKING:
    from studio.bootstrap import StudioContext
    from studio.runtime.jobs import JobRunner
    from studio.store.repo import Store

log = logging.getLogger(__name__)
BUSY = "Still working on this ad: wait for the current step to finish, or press Stop."
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


class VersionActions:
    """The finished-ad actions of `Studio` (see studio.py)."""

    ctx: StudioContext
    store: Store
    runner: JobRunner
    _act: Callable[[str, Stage, str, Callable[[Run], None]], Future]
    _say: Callable[[str, str, str], None]
    start: Callable[[str], Future]
    respond: Callable[..., Future]

    # ── plan, then apply ─────────────────────────────────────────────────────────────────────────

    def plan_change(self, gen: Generation, intent: Intent, message: str) -> PendingChange:
        """What acting on `intent` would redo on this finished ad, and what it would cost."""
        number = next_version_number(gen)
        if intent.action in ("edit_scene", "regenerate_scene"):
            scenes = [s for s in gen.scenes if s.id == intent.scene_id]
            if not scenes:
                raise BadInput(f"There is no scene {intent.scene_id}; this ad has {len(gen.scenes)}.")
            cost = video_cost_estimate(self.ctx, gen.model_copy(update={"scenes": scenes}))
            redo = (
                f"Scene {intent.scene_id} is changed and its clip rendered again; the other clips are kept. "
                f"Then the ad is put together as version {number}."
            )
        else:
            cost = video_cost_estimate(self.ctx, gen)
            what = (
                "a new story" if intent.action == "regenerate" else "the story rewritten with your feedback"
            )
            redo = (
                f"This starts version {number}: {what}, new scenes and all {len(gen.scenes)} clips rendered "
                "again (the story waits for your approval first)."
            )
        current = gen.versions[-1].number if gen.versions else 1
        redo += f" Version {current} stays playable and downloadable. {_money(cost).capitalize()}."
        return PendingChange(intent=intent, message=message, redo=redo, cost_usd=cost)

    def ask_first(self, gen_id: str, intent: Intent, message: str) -> PendingChange:
        """Store the plan for the person's yes, and say it in the chat (nothing is discarded yet)."""
        plan = self.plan_change(self.store.get(gen_id), intent, message)

        def wait_for_yes(g: Generation) -> None:
            g.pending_change = plan

        self.store.update(gen_id, wait_for_yes)
        self._say(gen_id, "ad", f"Before I do that: {plan.redo} Confirm to go ahead, or cancel.")
        return plan

    def confirm_change(self, gen_id: str) -> Future:
        """The person said yes: carry out the change waiting on the finished ad."""
        gen = self.store.get(gen_id)
        if gen.pending_change is None:
            raise BadInput("There is no change waiting for a yes on this ad.")
        if self.runner.is_driving(gen_id) or gen.is_running:
            raise Busy(BUSY)
        plan = gen.pending_change
        self._clear_pending(gen_id)
        return self.respond(gen_id, plan.message, confirm=True, intent=plan.intent, record=False)

    def cancel_change(self, gen_id: str) -> Generation:
        """The person said no: the waiting change is dropped and the ad stays as it is."""
        gen = self._clear_pending(gen_id)
        self._say(gen_id, "ad", "Kept the ad as it is.")
        return gen

    def describe_new_version(self, gen_id: str, message: str) -> None:
        """Say what the version being made changes, in the person's own words."""

        def describe(g: Generation) -> None:
            if g.versions and g.versions[-1].ad is None:
                g.versions[-1].change = f"“{message[:200]}”"

        self.store.update(gen_id, describe)

    def _clear_pending(self, gen_id: str) -> Generation:
        def clear(g: Generation) -> None:
            g.pending_change = None

        return self.store.update(gen_id, clear)

    # ── sound and the end card: a new version from the clips already rendered ─────────────────────

    def change_assembly(self, gen_id: str, intent: Intent) -> Future:
        """Apply a sound or end-card change: a new version when the ad is finished (on the job runner)."""
        if intent.action not in SOUND_ACTIONS:
            raise BadInput(f"{intent.action} does not change how the ad is put together.")
        gen = self.store.get(gen_id)
        return self._act(gen_id, "ad" if is_finished(gen) else gen.stage, "Changing the sound and end card",
                         lambda run: self._change_assembly(gen_id, intent, run))  # fmt: skip

    def _change_assembly(self, gen_id: str, intent: Intent, run: Run) -> None:
        gen = self.store.get(gen_id)
        settings, change = changed_settings(gen.assembly, intent)
        if settings == gen.assembly:
            self._say(gen_id, gen.stage, f"It is already so ({change}); nothing to change.")
            return
        if gen.ad is None or any(c.status != "complete" for c in gen.clips) or not gen.clips:
            # No finished ad to re-assemble (or a new version is on its way): the next ad uses it.

            def keep(g: Generation) -> None:
                g.assembly = settings

            self.store.update(gen_id, keep)
            self._say(gen_id, gen.stage, f"Noted: {change}. The ad will be put together that way.")
            return
        self._reassemble(gen_id, settings, change, run)

    def _reassemble(self, gen_id: str, settings: AssemblySettings, change: str, run: Run) -> None:
        """Put the ad together again from its rendered clips as a new version; score it in the background."""
        gen = self.store.get(gen_id)
        ad = assemble(self.ctx, gen, run, settings)
        gen = record_version(self.store, gen_id, ad, settings, change)
        number = gen.versions[-1].number
        self._say(gen_id, "ad", f"Version {number} is ready: {change}. Version {number - 1} is kept.")
        if not self.ctx.pipeline.stages.scoring:
            return
        scoring = self.runner.submit(tasks.score_ad, self.ctx.settings, gen_id, ad.location)

        def scored(f: Future) -> None:
            report = None if f.cancelled() or f.exception() else f.result()
            try:
                score_version(self.store, gen_id, ad.location, report)
            except Exception as exc:  # the version stands without its score; say so in the log
                log.warning("the score of version %d of %s was not saved: %s", number, gen_id, exc)

        scoring.add_done_callback(scored)


__all__ = [
    "DISCARDING",
    "MUSIC_STEP_DB",
    "VersionActions",
    "changed_settings",
    "is_finished",
    "needs_yes",
]
