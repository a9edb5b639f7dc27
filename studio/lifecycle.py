"""The life of a generation in one place: its statuses, what an edit makes out of date, stop and resume.

    pending ─► story ─► references ─► scenes ─► clips ─► assembling ─► scoring ─► completed
                 │                       │
                 └── awaiting_approval ◄─┘  (interactive mode pauses after the story and the scenes)

    any running status ──Stop──► stopped ──resume──► pending ─► … (finished work is kept)
    any running status ──error─► failed  ──resume──► pending ─► …

A running status names the stage at work. Stop is not a failure: it is its own status, and the stage
that was running when the person stopped never overwrites it (see `Orchestrator._set`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from studio.models import RUNNING, STAGES, Clip, Generation, GenerationStatus, Stage

if TYPE_CHECKING:
    from studio.store.repo import Store

# RUNNING (models.py, beside the statuses): a driver is (or should be) working on the generation; the
# page polls and the buttons that edit wait.
RESUMABLE: frozenset[GenerationStatus] = frozenset({"failed", "stopped"})
STOP_MESSAGE = "Stopped. Finished work is kept; resume to carry on."
WORKING_ON: dict[Stage, GenerationStatus] = {
    "story": "story",
    "references": "references",
    "scenes": "scenes",
    "clips": "clips",
    "ad": "assembling",
    "scores": "scoring",
}
"""The running status that says a stage is being worked on (a service action shows it too)."""


def is_running(status: str) -> bool:
    return status in RUNNING


def _after(stage: Stage) -> tuple[Stage, ...]:
    return STAGES[STAGES.index(stage) + 1 :]


def invalidate_after(
    store: Store,
    gen_id: str,
    stage: Stage,
    change: Callable[[Generation], None],
    *,
    scene_ids: set[int] | None = None,
) -> Generation:
    """Apply an edit to `stage` and discard what was made from it, in one versioned update.

    - story: the scenes, their approval, every clip, the ad and its scores (references keep the brand's
      look and stay);
    - references: every clip (each was rendered from them), the ad and its scores;
    - scenes: the clips of `scene_ids` (all when None), the ad and its scores.
    The generation then waits for the person's approval at the stage that changed (references: at the
    scenes), so nothing more is paid for without a yes. Edits are refused while a driver runs, so this
    never pulls a running generation out from under its stages.
    """
    later = _after(stage)
    new_scenes = stage == "story"  # only a new story means new scenes; new references keep them
    if new_scenes:  # the old clips belong to nothing
        store.delete_clips(gen_id)
    elif "clips" in later:
        for clip in store.clips(gen_id):
            if stage != "scenes" or scene_ids is None or clip.scene_id in scene_ids:
                store.save_clip(gen_id, Clip(scene_id=clip.scene_id, attempts=0))

    def apply(g: Generation) -> None:
        change(g)
        if new_scenes:
            g.scenes, g.scenes_approved = [], False
        if "ad" in later:
            g.ad, g.overall_score, g.scoring_failed, g.completed_at = None, None, False, None
        pause_at: Stage = "story" if stage == "story" else "scenes"
        if g.status != "stopped":  # a Stop pressed while the edit ran stays a Stop (resume then pauses)
            g.status, g.error = "awaiting_approval", None
        g.stage = pause_at
        if pause_at == "story":
            g.story_approved = False
        g.scenes_approved = False

    return store.update(gen_id, apply)


def mark_stopped(store: Store, gen_id: str) -> Generation:
    """Record the person's Stop (only a running generation can be stopped)."""

    def change(g: Generation) -> None:
        if is_running(g.status):
            g.status, g.error = "stopped", None

    return store.update(gen_id, change)


def mark_resumed(store: Store, gen_id: str) -> Generation:
    """A stopped or failed generation runs again from where it stands."""

    def change(g: Generation) -> None:
        if g.status in RESUMABLE:
            g.status, g.error = "pending", None

    return store.update(gen_id, change)


def stop_check(store: Store, gen_id: str, every_s: float = 1.0) -> Callable[[], bool]:
    """A cheap check, at most once per `every_s`, of whether the person stopped the generation."""
    last = {"at": 0.0, "stopped": False}

    def stopped() -> bool:
        now = time.monotonic()
        if now - last["at"] >= every_s:
            last["at"], last["stopped"] = now, store.get(gen_id).status == "stopped"
        return bool(last["stopped"])

    return stopped


__all__ = [
    "RESUMABLE",
    "RUNNING",
    "STOP_MESSAGE",
    "WORKING_ON",
    "invalidate_after",
    "is_running",
    "mark_resumed",
    "mark_stopped",
    "stop_check",
]
