"""A new generation (nothing runs until it is started), or an ad re-exported at another aspect ratio."""

from __future__ import annotations

import uuid

from studio.allowance import check_allowance
from studio.errors import BadInput, ConfigError
from studio.models import ASPECT_RATIOS, Brief, Generation, Message, utcnow
from studio.seeds import new_seed
from studio.service.actions.base import ActionContext, say


def check_rate_limit(cx: ActionContext, owner: str, *, signed_in: bool = False) -> None:
    """Refuse a new generation past the hourly limit where it applies (studio/allowance.py)."""
    check_allowance(cx.store, cx.settings, owner, signed_in=signed_in)


def check_models_ready(cx: ActionContext) -> None:
    """Refuse, before any spend, what could not serve the whole generation: a paid model whose live schema
    lacks an input the studio sends, or a local model that does not fit this machine's GPU or has no
    weights (`Providers.problems`)."""
    problems = cx.providers.problems()
    if problems:
        raise ConfigError(" ".join(problems))


def create(
    cx: ActionContext,
    brief: Brief,
    owner: str = "local",
    *,
    gen_id: str | None = None,
    signed_in: bool = False,
) -> Generation:
    """Store a new generation for `brief` (nothing runs until it is started); `gen_id`: an id claimed ahead.

    `signed_in`: the caller is a person signed in to a shared studio (the page with a password or
    OIDC), so the hourly limit binds them even with no key in use; the command line passes False.
    """
    check_models_ready(cx)
    check_rate_limit(cx, owner, signed_in=signed_in)
    gen = Generation(
        id=gen_id or uuid.uuid4().hex[:16],
        owner=owner,
        brief=brief,
        seed=brief.seed if brief.seed is not None else new_seed(),
        config=cx.pipeline.model_dump(mode="json"),
    )
    cx.store.create(gen)
    cx.store.add_message(gen.id, Message(role="user", stage="story", text=brief.prompt))
    return gen


def reexport(cx: ActionContext, gen_id: str, aspect_ratio: str, owner: str | None = None) -> Generation:
    """The same ad at another aspect ratio: story, references and scenes reused, clips laid out anew."""
    source = cx.store.get(gen_id)
    if source.story is None or not source.scenes or not source.references:
        raise BadInput("Only an ad with a story, references and scenes can be re-exported.")
    if aspect_ratio == source.brief.aspect_ratio:
        raise BadInput(f"This ad is already {aspect_ratio}; pick another aspect ratio.")
    try:
        brief = Brief.model_validate({**source.brief.model_dump(), "aspect_ratio": aspect_ratio})
    except ValueError:
        raise BadInput(f"{aspect_ratio!r} is not one of {', '.join(ASPECT_RATIOS)}.") from None
    gen = source.model_copy(
        update={
            "id": uuid.uuid4().hex[:16],
            "owner": owner or source.owner,
            "status": "pending",
            "stage": "clips",
            "brief": brief,
            "scenes": [sc.model_copy(update={"quality_score": None}) for sc in source.scenes],
            "story_approved": True,
            "scenes_approved": True,
            "references_approved": True,
            # The approved frames the person paid for or chose stay; free composed ones are redrawn.
            "keyframes": [k for k in source.keyframes if k.source != "composed"],
            "storyboard_approved": True,
            "clips": [],
            "ad": None,
            "versions": [],  # a new ad of its own (the sound and end-card settings carry over)
            "pending_change": None,
            "overall_score": None,
            "scoring_failed": False,
            "cost_usd": 0.0,
            "error": None,
            "created_at": utcnow(),
            "updated_at": utcnow(),
            "completed_at": None,
            "version": 1,
        }
    )
    cx.store.create(gen)
    note = f"Re-exporting ad {source.id} at {aspect_ratio}: same story, references and scenes."
    say(cx, gen.id, "ad", note)
    return gen
