"""The life of a generation in one place: its statuses, what an edit makes out of date, stop and resume.

    pending ─► story ─► references ─► scenes ─► storyboard ─► clips ─► assembling ─► scoring ─► completed
                 │          │             │          │
                 └──────────┴── awaiting_approval ◄──┘  (interactive mode pauses after each of these four)

    any running status ──Stop──► stopped ──resume──► pending ─► … (finished work is kept)
    any running status ──error─► failed  ──resume──► pending ─► …

A running status names the stage at work. Stop is not a failure: it is its own status, and the stage
that was running when the person stopped never overwrites it (see `Orchestrator._set`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from studio.models import (
    RUNNING,
    STAGES,
    Ad,
    AdVersion,
    AssemblySettings,
    Clip,
    Generation,
    GenerationStatus,
    QualityReport,
    Stage,
    utcnow,
)

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
    "storyboard": "storyboard",
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
    change_note: str = "",
) -> Generation:
    """Apply an edit to `stage` and discard what was made from it, in one versioned update.

    - story: the scenes, their approval, every clip, the ad and its scores (references keep the brand's
      look and stay);
    - references: every clip (each was rendered from them), the ad and its scores;
    - scenes: the keyframes and clips of `scene_ids` (all when None), the ad and its scores;
    - storyboard: the clips of `scene_ids` (all when None), the ad and its scores.
    New references also drop every keyframe and mark the scenes out of date (kept, one click rewrites
    them). The generation then waits for the person's approval at the stage that changed, so nothing
    more is paid for without a yes. Edits are refused while a driver runs, so this
    never pulls a running generation out from under its stages.
    A finished ad is never discarded: it stays in `versions` (playable, downloadable, listed) and the
    ad made next becomes a new version, described by `change_note`.
    """
    later = _after(stage)
    new_scenes = stage == "story"  # only a new story means new scenes; new references keep them
    if new_scenes:  # the old clips belong to nothing
        store.delete_clips(gen_id)
    elif "clips" in later:
        for clip in store.clips(gen_id):
            if stage not in ("scenes", "storyboard") or scene_ids is None or clip.scene_id in scene_ids:
                store.save_clip(gen_id, Clip(scene_id=clip.scene_id, attempts=0))

    def apply(g: Generation) -> None:
        change(g)
        if new_scenes:
            g.scenes, g.scenes_approved = [], False
        if stage in ("story", "references") or (stage == "scenes" and scene_ids is None):
            g.keyframes = []
        elif stage == "scenes":
            g.keyframes = [k for k in g.keyframes if k.scene_id not in scene_ids]
        if stage == "references":
            g.scenes_outdated = bool(g.scenes)
        elif stage == "scenes" and scene_ids is None:
            g.scenes_outdated = False  # every scene written anew, from the references as they are
        if "storyboard" in later or stage == "storyboard":
            g.storyboard_approved = False
        if "ad" in later:
            if g.ad is not None:
                open_version(g, change_note or f"{stage} changed")
            g.ad, g.overall_score, g.scoring_failed, g.completed_at = None, None, False, None
        pause_at: Stage = stage if stage in ("story", "references", "storyboard") else "scenes"
        if g.status != "stopped":  # a Stop pressed while the edit ran stays a Stop (resume then pauses)
            g.status, g.error = "awaiting_approval", None
        g.stage = pause_at
        if pause_at == "story":
            g.story_approved = False
        if pause_at == "references":
            g.references_approved = False
        if pause_at != "storyboard":
            g.scenes_approved = False

    return store.update(gen_id, apply)


# ── versions of the finished ad ──────────────────────────────────────────────────────────────────


def next_version_number(gen: Generation) -> int:
    """The number of the version being made: the open one, else one past the newest."""
    if gen.versions and gen.versions[-1].ad is None:
        return gen.versions[-1].number
    return (gen.versions[-1].number + 1) if gen.versions else 1


def _keep_current(g: Generation) -> None:
    """An ad made before versions existed becomes a listed version before anything replaces it."""
    if g.ad is not None and not any(v.ad == g.ad for v in g.versions):
        number = (g.versions[-1].number + 1) if g.versions else 1
        g.versions.append(
            AdVersion(
                number=number, ad=g.ad, settings=g.assembly, change="first cut", overall_score=g.overall_score
            )
        )


def open_version(g: Generation, change: str) -> None:
    """Start the next version (no ad yet) unless one is already being made; the finished ones stay."""
    _keep_current(g)
    if g.versions and g.versions[-1].ad is None:
        g.versions[-1].change = "; ".join(filter(None, (g.versions[-1].change, change)))
        return
    g.versions.append(AdVersion(number=next_version_number(g), change=change))


def with_version(gen: Generation, ad: Ad, settings: AssemblySettings, change: str = "") -> list[AdVersion]:
    """The versions once `ad` is finished: the open version filled in, or a new one appended."""
    versions = [v.model_copy() for v in gen.versions]
    number = next_version_number(gen)
    if versions and versions[-1].ad is None:
        versions[-1] = versions[-1].model_copy(
            update={
                "ad": ad,
                "settings": settings,
                "created_at": utcnow(),
                "change": "; ".join(filter(None, (versions[-1].change, change))),
            }
        )
    else:
        versions.append(
            AdVersion(
                number=number, ad=ad, settings=settings, change=change or ("first cut" if number == 1 else "")
            )
        )
    return versions


def record_version(store: Store, gen_id: str, ad: Ad, settings: AssemblySettings, change: str) -> Generation:
    """Make `ad` the current version (the one before stays listed) in one versioned update."""

    def apply(g: Generation) -> None:
        _keep_current(g)
        g.versions = with_version(g, ad, settings, change)
        g.ad, g.assembly = ad, settings
        g.overall_score, g.scoring_failed = None, False
        g.pending_change = None

    return store.update(gen_id, apply)


def score_version(store: Store, gen_id: str, location: str, report: QualityReport | None) -> Generation:
    """Store the scores of the version whose ad is at `location` (and the generation's, if current)."""

    def apply(g: Generation) -> None:
        for v in g.versions:
            if v.ad is not None and v.ad.location == location:
                v.scores, v.overall_score, v.scoring_failed = (
                    report,
                    report.overall if report else None,
                    (report is None),
                )
        if g.ad is not None and g.ad.location == location:
            g.overall_score, g.scoring_failed = (report.overall if report else None), report is None

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
    "next_version_number",
    "open_version",
    "record_version",
    "score_version",
    "stop_check",
    "with_version",
]
