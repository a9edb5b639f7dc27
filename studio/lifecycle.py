"""The life of a generation in one place: its statuses, the moves allowed between them, what comes next,
what an edit makes out of date, stop and resume.

    pending ─► story ─► references ─► scenes ─► storyboard ─► clips ─► assembling ─► scoring ─► completed
                 │          │             │          │
                 └──────────┴── awaiting_approval ◄──┘  (interactive mode pauses after each of these four)

    any running status ──Stop──► stopped ──resume──► pending ─► … (finished work is kept)
    any running status ──error─► failed  ──resume──► pending ─► …
    a resting status ──a person's action (refine, repaint, re-export…)──► the status of the stage at work ─► …

A generation is one (status, stage) pair. Every status change goes through `move`, which holds it to
`TRANSITIONS` (an illegal move raises `IllegalMove`); the orchestrator asks `next_step` what to do next
instead of reading the generation's fields itself. A running status names the stage at work. Stop is not a
failure: it is its own status, and the stage that was running when the person stopped never overwrites it
(see `Orchestrator._set`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from studio.errors import StudioError
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


# ── the moves a generation can make ─────────────────────────────────────────────────────────────

RESTING: frozenset[GenerationStatus] = frozenset({"awaiting_approval", "completed", "failed", "stopped"})
"""Nothing works on the generation: it waits for the person (or for a resume)."""
_FORWARD: tuple[GenerationStatus, ...] = (
    "story", "references", "scenes", "storyboard", "clips", "assembling", "scoring",
)  # fmt: skip
"""The driver's running statuses in the order it reaches them."""


def _transitions() -> dict[GenerationStatus, frozenset[GenerationStatus]]:
    table: dict[GenerationStatus, frozenset[GenerationStatus]] = {
        # a driver starts (or resumes) from wherever the work stands
        "pending": frozenset({"pending", *_FORWARD, *RESTING}),
        # approve: carry on; an action (refine a story, repaint a frame) shows its stage at work
        "awaiting_approval": frozenset({"awaiting_approval", "pending", *_FORWARD}),
        # a finished ad: an action makes a new version (re-export, a new sound); an edit waits for a yes
        "completed": frozenset({"completed", "awaiting_approval", *_FORWARD}),
        # resume, an action on what is kept, or an edit (a Stop stays a Stop through an edit)
        "failed": frozenset({"failed", "pending", "awaiting_approval", *_FORWARD}),
        "stopped": frozenset({"stopped", "pending", *_FORWARD}),
    }
    for i, status in enumerate(_FORWARD):
        # the driver only moves forward; an action at work settles back to a resting status, or hands
        # the generation to the driver (a variant set's plan, once made)
        table[status] = frozenset({*_FORWARD[i:], "pending", *RESTING})
    return table


TRANSITIONS: dict[GenerationStatus, frozenset[GenerationStatus]] = _transitions()
"""status -> the statuses it may move to. Tested move by move in tests/test_lifecycle.py."""


class IllegalMove(StudioError):
    """A status change the lifecycle does not allow (a bug in the caller, never a person's input)."""


def can_move(status: GenerationStatus, to: GenerationStatus) -> bool:
    return to in TRANSITIONS[status]


def move(
    g: Generation, status: GenerationStatus, stage: Stage | None = None, error: str | None = None
) -> None:
    """Set the generation's status (and stage, and error) if the table allows it; raise `IllegalMove` if not.

    Called inside `store.update`'s change function, so an illegal move writes nothing.
    """
    if not can_move(g.status, status):
        raise IllegalMove(f"a generation cannot go from {g.status!r} to {status!r}")
    g.status, g.error = status, error
    if stage is not None:
        g.stage = stage


# ── what comes next ─────────────────────────────────────────────────────────────────────────────

Act = Literal["run", "pause", "finish"]


@dataclass(frozen=True)
class Step:
    """What the driver does next: `run` a stage, `pause` at a stop for the person's yes, or `finish`."""

    act: Act
    stage: Stage


_APPROVAL: dict[Stage, str] = {
    "story": "story_approved",
    "references": "references_approved",
    "scenes": "scenes_approved",
    "storyboard": "storyboard_approved",
}
"""The four stops of interactive mode and the yes each one waits for."""


def stage_done(gen: Generation, stage: Stage, *, scoring: bool = True) -> bool:
    """Whether `stage`'s work exists (and so is reused, never made again)."""
    if stage == "story":
        return gen.story is not None
    if stage == "references":
        return bool(gen.references) and gen.context is not None
    if stage == "scenes":
        return bool(gen.scenes)
    if stage == "storyboard":
        return {k.scene_id for k in gen.keyframes} == {s.id for s in gen.scenes}
    if stage == "clips":
        done = {c.scene_id for c in gen.clips if c.status == "complete"}
        return {s.id for s in gen.scenes} <= done
    if stage == "ad":
        return gen.ad is not None
    return not scoring or gen.overall_score is not None or gen.scoring_failed


def next_step(gen: Generation, *, scoring: bool = True) -> Step:
    """The first stage whose work is missing, or the stop that waits for the person, or the end.

    `scoring`: whether the pipeline scores the ad (its `stages.scoring`). Resuming after a crash, a retry
    and an approval are all this one question.
    """
    for stage in STAGES:
        if not stage_done(gen, stage, scoring=scoring):
            return Step("run", stage)
        flag = _APPROVAL.get(stage)
        if flag and gen.brief.mode == "interactive" and not getattr(gen, flag):
            return Step("pause", stage)
    return Step("finish", "scores" if scoring else "ad")


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
            move(g, "awaiting_approval")
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
            move(g, "stopped")

    return store.update(gen_id, change)


def mark_resumed(store: Store, gen_id: str) -> Generation:
    """A stopped or failed generation runs again from where it stands."""

    def change(g: Generation) -> None:
        if g.status in RESUMABLE:
            move(g, "pending")

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
    "RESTING",
    "RESUMABLE",
    "RUNNING",
    "STOP_MESSAGE",
    "TRANSITIONS",
    "WORKING_ON",
    "IllegalMove",
    "Step",
    "can_move",
    "invalidate_after",
    "is_running",
    "mark_resumed",
    "mark_stopped",
    "move",
    "next_step",
    "next_version_number",
    "open_version",
    "record_version",
    "score_version",
    "stage_done",
    "stop_check",
    "with_version",
]
