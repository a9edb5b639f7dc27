"""References stage: three images that fix the ad's look, and the consistency context drawn from them.

Every brand image counts: the first three uploads, taken in the order product photos, character photos,
logo, become references (each remembers the upload it came from); the remaining slots are painted by the
image model (environment first: every scene needs a backdrop). The three are then ordered product,
character, logo/environment. Each reference is analysed by
the vision model, and the analyses become the five-section consistency context.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from studio.errors import BadInput, StudioError
from studio.imaging.cutout import prepare_brand_asset
from studio.imaging.palette import palette_from_brief
from studio.models import Brief, ConsistencyContext, ImagePrompt, ReferenceImage, RefKind, Story
from studio.pipeline.context import write_consistency_context
from studio.providers.limits import DEFAULT_LIMIT, calls_at_once
from studio.providers.ports import ImagePromptRequest, ImageRequest, MediaStore, VisionRequest
from studio.providers.registry import Providers
from studio.run import Run
from studio.seeds import derive

log = logging.getLogger(__name__)
REFERENCE_COUNT = 3
_FILL_ORDER: tuple[RefKind, ...] = ("environment", "product", "character")
_SLOT_ORDER: dict[str, int] = {"product": 0, "character": 1, "logo": 2, "environment": 3}


def brief_palette(brief: Brief, media: MediaStore, seed: int) -> list[str]:
    """The palette the painted references use: the brief's colour words and the logo's pixels."""
    logo = media.local_path(brief.assets.logo) if brief.assets.logo else None
    return palette_from_brief(brief.prompt, logo, seed)


def brand_slots(brief: Brief) -> list[tuple[RefKind, str]]:
    """The uploads that become references: the first three of products, characters, logo, in that order."""
    a = brief.assets
    slots: list[tuple[RefKind, str]] = [("product", loc) for loc in a.product_images]
    slots += [("character", loc) for loc in a.character_images]
    if a.logo:
        slots.append(("logo", a.logo))
    return slots[:REFERENCE_COUNT]


def reference_plan(brief: Brief) -> list[tuple[RefKind, str | None]]:
    """The three references to make, in order: (kind, upload location), or (kind, None) to paint."""
    slots: list[tuple[RefKind, str | None]] = list(brand_slots(brief))
    taken = {kind for kind, _ in slots}
    missing = [k for k in _FILL_ORDER if k not in taken][: REFERENCE_COUNT - len(slots)]
    slots += [(kind, None) for kind in missing]
    return sorted(slots, key=lambda s: _SLOT_ORDER[s[0]])


def _key(gen_id: str, index: int, kind: str) -> str:
    return f"generations/{gen_id}/references/{index + 1}_{kind}.png"


def paint_reference(
    gen_id: str,
    index: int,
    kind: RefKind,
    brief: Brief,
    story: Story | None,
    context: ConsistencyContext | None,
    providers: Providers,
    palette: list[str],
    seed: int,
    run: Run,
    feedback: str | None = None,
) -> ReferenceImage:
    """Ask the text model for an image prompt and the image model for the picture; store it."""
    prompt = providers.text.generate(
        ImagePromptRequest(brief=brief, story=story, role=kind, context=context, feedback=feedback),
        ImagePrompt,
        run,
    ).prompt
    width, height = brief.size
    image = providers.image.generate(
        ImageRequest(
            prompt=prompt,
            width=width,
            height=height,
            aspect_ratio=brief.aspect_ratio,
            seed=derive(seed, index=index),
            role=kind,
            palette=palette,
            title=story.product_name if story else "",
        ),
        run,
    )
    location = providers.media.put_bytes(_key(gen_id, index, kind), image.png, "image/png")
    return ReferenceImage(location=location, kind=kind, source="generated", prompt=prompt)


def _brand_reference(
    gen_id: str, index: int, kind: RefKind, location: str, media: MediaStore, upload: str | None = None
) -> ReferenceImage:
    try:
        prepared: Path = prepare_brand_asset(media.local_path(location), kind)
    except (OSError, ValueError) as exc:
        raise BadInput(
            f"The uploaded {kind} image could not be used ({exc}). Upload a JPG, PNG or WebP."
        ) from None
    stored = media.put_file(_key(gen_id, index, kind), prepared)
    return ReferenceImage(
        location=stored, kind=kind, source="brand", upload=upload or location.rsplit("/", 1)[-1]
    )


def make_references(
    gen_id: str,
    brief: Brief,
    story: Story | None,
    providers: Providers,
    seed: int,
    run: Run,
    *,
    limit: int = DEFAULT_LIMIT,
) -> list[ReferenceImage]:
    """Three references: brand uploads first (up to three), the rest painted, all requested at once.

    The paintings go out at once up to `limit` (settings.max_concurrent); each reference is analysed as
    soon as it exists, the analyses at once too (the pixel analyst offline: one per core), so an upload's
    analysis does not wait for the paintings.
    """
    # 1. Brand uploads, each remembering its file name
    plan = reference_plan(brief)
    refs: dict[int, ReferenceImage] = {
        i: _brand_reference(gen_id, i, kind, loc, providers.media, brief.assets.name_of(loc))
        for i, (kind, loc) in enumerate(plan)
        if loc is not None
    }
    # 2. Paint what is missing and analyse every reference, all at once
    missing = [(i, kind) for i, (kind, loc) in enumerate(plan) if loc is None]
    palette = brief_palette(brief, providers.media, seed)
    hint = story.product_name if story else ""
    run.progress(0.1, f"Painting {len(missing)} reference image(s)")
    painting_at_once = min(calls_at_once(providers.text, limit), calls_at_once(providers.image, limit))
    analysing_at_once = calls_at_once(providers.vision, limit)
    # The run goes to each thread as an argument: its calls are charged to this generation.
    with (
        ThreadPoolExecutor(max(1, min(len(missing), painting_at_once)), "reference") as painters,
        ThreadPoolExecutor(min(len(plan), analysing_at_once), "analysis") as analysts,
    ):
        analyses = {analysts.submit(_analysed, ref, providers, hint, run): i for i, ref in refs.items()}
        paintings = {
            painters.submit(
                paint_reference, gen_id, i, kind, brief, story, None, providers, palette, seed, run
            ): i
            for i, kind in missing
        }
        for future in as_completed(paintings):
            analyses[analysts.submit(_analysed, future.result(), providers, hint, run)] = paintings[future]
        run.progress(0.7, "Analysing the references")
        made = {analyses[future]: future.result() for future in as_completed(analyses)}
    run.progress(1.0, "References ready")
    return [made[i] for i in sorted(made)]


def _analysed(ref: ReferenceImage, providers: Providers, hint: str, run: Run) -> ReferenceImage:
    """The reference with its analysis from the vision model (None, logged, when the model fails)."""
    if ref.analysis is not None:
        return ref
    try:
        request = VisionRequest(image_path=providers.media.local_path(ref.location), kind=ref.kind, hint=hint)
        analysis = providers.vision.analyze(request, run)
    except StudioError as exc:
        log.warning("vision analysis of %s failed: %s", ref.location, exc)
        analysis = None
    return ref.model_copy(update={"analysis": analysis})


def analyze_references(
    refs: list[ReferenceImage],
    providers: Providers,
    story: Story | None,
    run: Run,
    *,
    limit: int = DEFAULT_LIMIT,
) -> list[ReferenceImage]:
    """Fill each reference's analysis from the vision model (the pixel analyst offline), all at once."""
    hint = story.product_name if story else ""
    unanalysed = sum(r.analysis is None for r in refs)
    at_once = max(1, min(unanalysed, calls_at_once(providers.vision, limit)))
    with ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="analysis") as pool:
        return list(pool.map(lambda r: _analysed(r, providers, hint, run), refs))


def consistency_context(refs: list[ReferenceImage], story: Story | None) -> ConsistencyContext:
    return write_consistency_context(refs, hint=story.product_name if story else "")


def repaint_reference(
    gen_id: str,
    refs: list[ReferenceImage],
    index: int,
    feedback: str,
    brief: Brief,
    story: Story | None,
    context: ConsistencyContext | None,
    providers: Providers,
    seed: int,
    run: Run,
) -> list[ReferenceImage]:
    """Regenerate one reference with a sentence of feedback (a new seed, so it really changes)."""
    if not 0 <= index < len(refs):
        raise BadInput(f"There is no reference {index + 1}; there are {len(refs)}.")
    kind = refs[index].kind if refs[index].kind != "logo" else "product"
    palette = brief_palette(brief, providers.media, seed)
    repainted = derive(seed, repaint=1 + sum(r.source == "generated" for r in refs))
    painted = paint_reference(
        gen_id, index, kind, brief, story, context, providers, palette, repainted, run, feedback
    )
    updated = [painted if i == index else r for i, r in enumerate(refs)]
    return analyze_references(updated, providers, story, run)


def replace_reference(
    gen_id: str,
    refs: list[ReferenceImage],
    index: int,
    location: str,
    providers: Providers,
    story: Story | None,
    run: Run,
    upload: str | None = None,
) -> list[ReferenceImage]:
    """Use an uploaded image (already checked and stored at `location`) in place of reference `index`."""
    if not 0 <= index < len(refs):
        raise BadInput(f"There is no reference {index + 1}; there are {len(refs)}.")
    kind = refs[index].kind
    ref = _brand_reference(gen_id, index, kind, location, providers.media, upload)
    updated = [ref if i == index else r for i, r in enumerate(refs)]
    return analyze_references(updated, providers, story, run)


__all__ = [
    "analyze_references",
    "brand_slots",
    "brief_palette",
    "consistency_context",
    "make_references",
    "reference_plan",
    "repaint_reference",
    "replace_reference",
]
