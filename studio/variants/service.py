"""Variants of one brief: plan them, make the shared story and references once, render all in parallel.

`start_variants` checks the request at once, stores the set with variant 1's generation, and hands the
rest to the job runner: write the story, plan the variants, paint the references once (on variant 1),
then create the other generations with their story and a copy of the references (the same files: no
picture is painted twice) and start every variant at once. The runner bounds how many clips render
together. Nothing here touches Streamlit.
"""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Future
from typing import TYPE_CHECKING

from studio.allowance import check_allowance
from studio.errors import BadInput, StudioError
from studio.lifecycle import move
from studio.logs import logging_for
from studio.models import Brief, Generation, Message, Story
from studio.pipeline import references as ref_stage
from studio.pipeline.story import write_story
from studio.runtime.recovery import heartbeat
from studio.seeds import derive
from studio.variants.planner import (
    VariantSpec,
    check_count,
    parse_axes,
    plan_variants,
    variant_assembly,
    variant_brief,
    variant_story,
    with_cta,
)
from studio.variants.records import VariantMember, VariantSet, create_set, get_set, save_set

if TYPE_CHECKING:
    from studio.service import Studio

log = logging.getLogger(__name__)


def start_variants(
    studio: Studio,
    brief: Brief,
    axes: str | list[str],
    n: int,
    owner: str = "local",
    *,
    signed_in: bool = False,
) -> tuple[VariantSet, Future]:
    """Store a variant set for `brief` and start making it on the job runner; bad input fails here.

    The set's `n` ads are checked against the hourly allowance here, before anything is made
    (studio/allowance.py; `signed_in` as for `Studio.create`).
    """
    chosen = parse_axes(axes)
    check_count(n)
    check_allowance(studio.store, studio.ctx.settings, owner, signed_in=signed_in, ads=n)
    brief = brief.model_copy(update={"mode": "automated"})
    first = studio.create(brief, owner, signed_in=signed_in)
    vs = VariantSet(
        id=uuid.uuid4().hex[:16],
        owner=owner,
        brief=brief,
        axes=list(chosen),
        n=n,
        members=[VariantMember(index=0, generation_id=first.id, label="Variant 1")],
    )
    create_set(studio.store, vs)
    studio.store.update(first.id, lambda g: move(g, "story"))  # shown working at once
    future = studio.runner.drive(f"variants:{vs.id}", lambda: _make(studio, vs.id))
    return vs, future


def _make(studio: Studio, set_id: str) -> VariantSet:
    """The set's job: shared story and references, the plan, the other generations, every variant started."""
    vs = get_set(studio.store, set_id)
    first_id = vs.members[0].generation_id
    with logging_for(first_id), heartbeat(studio.store, first_id, studio.runner.worker_id):
        try:
            return _plan_and_start(studio, vs)
        except Exception as exc:
            message = str(exc) if isinstance(exc, StudioError) else f"unexpected error ({type(exc).__name__})"
            if not isinstance(exc, StudioError):
                log.exception("variant set %s failed", set_id)

            def failed(g: Generation) -> None:
                if g.status != "stopped":  # a Stop stays a Stop
                    move(g, "failed", error=f"Planning the variants failed: {message}")

            studio.store.update(first_id, failed)
            return save_set(studio.store, vs.model_copy(update={"status": "failed", "error": message}))


def _plan_and_start(studio: Studio, vs: VariantSet) -> VariantSet:
    store, providers, cfg = studio.store, studio.ctx.providers, studio.ctx.pipeline
    first = store.get(vs.members[0].generation_id)
    seed = derive(first.seed)
    run = studio.orchestrator.run_for(first.id)
    # 1. The shared story, once
    story = write_story(first.brief, providers.text, cfg, seed, run=run.part(0.0, 0.3))
    # 2. The plan: what each variant changes
    specs = plan_variants(first.brief, story, vs.axes, vs.n)  # type: ignore[arg-type]
    # 3. The references, painted once on variant 1 and shared by every variant
    part, limit = run.part(0.3, 0.9), studio.ctx.settings.max_concurrent
    refs = ref_stage.make_references(first.id, first.brief, story, providers, seed, part, limit=limit)
    # 4. Variant 1, then the others with their own story and a copy of the references
    members = [_member(vs.members[0].generation_id, specs[0])]
    _prepare(studio, first.id, story, specs[0], refs)
    for spec in specs[1:]:
        brief = variant_brief(first.brief, spec).model_copy(update={"seed": seed})
        gen = studio.create(brief, vs.owner)
        own = story
        if spec.framework and spec.framework != story.framework:
            own = write_story(brief, providers.text, cfg, seed, run=studio.orchestrator.run_for(gen.id))
            own = with_cta(own, story.call_to_action)  # only the framework differs (the CTA may vary after)
        _prepare(studio, gen.id, own, spec, refs)
        members.append(_member(gen.id, spec))
    vs = save_set(store, vs.model_copy(update={"members": members, "status": "rendering"}))
    # 5. Every variant at once: the runner bounds how many clips render together
    for m in members:
        studio.start(m.generation_id)
    return vs


def _member(gen_id: str, spec: VariantSpec) -> VariantMember:
    return VariantMember(index=spec.index, generation_id=gen_id, differs=spec.differs, label=spec.label)


def _prepare(studio: Studio, gen_id: str, story: Story, spec: VariantSpec, refs: list) -> None:
    """Give a variant its story, the shared references and its sound settings, all approved."""
    story = variant_story(story, spec)
    context = ref_stage.consistency_context(refs, story)

    def change(g: Generation) -> None:
        g.story, g.story_approved = story, True
        g.references, g.context, g.references_approved = list(refs), context, True
        g.assembly = variant_assembly(g.assembly, spec)
        move(g, "pending", "scenes")

    studio.store.update(gen_id, change)
    note = spec.label + (" (the references are shared by every variant)" if spec.index else "")
    studio.store.add_message(gen_id, Message(role="assistant", stage="story", text=note))


def mark_winner(studio: Studio, set_id: str, gen_id: str | None) -> VariantSet:
    """Mark one variant of the set as the winner (None clears the mark)."""
    vs = get_set(studio.store, set_id)
    if gen_id is not None and gen_id not in vs.generation_ids:
        raise BadInput(f"Generation {gen_id} is not a variant of this set: pick one of its variants.")
    return save_set(studio.store, vs.model_copy(update={"winner": gen_id}))
