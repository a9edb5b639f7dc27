"""Approving what waits at a stop (the story, references, scenes or storyboard), then carrying on."""

from __future__ import annotations

from concurrent.futures import Future

from studio.lifecycle import move
from studio.models import Generation
from studio.service.actions.base import ActionContext, say
from studio.service.actions.control import carry_on


def approve(cx: ActionContext, gen_id: str) -> Future:
    """Approve whatever waits at the generation's stop and drive it on (after the job it is called from)."""
    stage = cx.store.get(gen_id).stage

    def approved(g: Generation) -> None:
        if g.stage == "story" and g.story is not None:
            g.story_approved = True
        elif g.stage == "scenes" and g.scenes:
            g.scenes_approved = True
        elif g.stage == "references" and g.references:
            g.references_approved = True
        elif g.stage == "storyboard" and g.keyframes:
            g.storyboard_approved = True
        if g.status == "awaiting_approval":
            # Running from this moment: the page stops offering the approval it just got.
            move(g, "pending")

    cx.store.update(gen_id, approved)
    say(cx, gen_id, stage, "Approved. Carrying on.")
    return carry_on(cx, gen_id)
