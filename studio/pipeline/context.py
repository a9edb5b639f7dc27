"""The consistency context: what every scene is rendered against, written from the references' analyses.

Five sections (CHARACTER APPEARANCE, PRODUCT FEATURES, COLOR PALETTE, VISUAL STYLE, ENVIRONMENTAL
CONTEXT), each from the references that speak to it; the palette merged across all of them. Hex codes
live in COLOR PALETTE only; VISUAL STYLE gives one verdict for the whole ad, never two that disagree.
"""

from __future__ import annotations

from collections import Counter

from studio.imaging.palette import merge_palettes
from studio.models import ConsistencyContext, ReferenceAnalysis, ReferenceImage

MAX_COLOURS = 6
# Brand colours lead: the logo's, then the product's, then the rest.
_PALETTE_ORDER = {"logo": 0, "product": 1, "character": 2, "environment": 3}


def _join(parts: list[str]) -> str:
    seen: list[str] = []
    for p in parts:
        p = p.strip().rstrip(".")
        if p and p not in seen:
            seen.append(p)
    return ". ".join(seen)


def _analysed(references: list[ReferenceImage], kind: str) -> list[ReferenceAnalysis]:
    return [r.analysis for r in references if r.kind == kind and r.analysis is not None]


def _verdict(style: str) -> str:
    """The kind of look a style names (the analyst writes its verdict first), to count agreement."""
    lowered = style.lower()
    if lowered.startswith(("flat illustration", "illustration", "motion-graphics")):
        return "illustration"
    if lowered.startswith("photo"):
        return "photographic"
    return lowered.split(";")[0].strip()


def _one_style(references: list[ReferenceImage]) -> tuple[str, str]:
    """One style and one lighting for the ad: the majority verdict; when references disagree evenly, the
    backdrop's (the environment is what fills the frame behind every scene)."""
    analysed = [(r.kind, r.analysis) for r in references if r.analysis is not None]
    styled = [(kind, a) for kind, a in analysed if a.style.strip()]
    backdrop = next((a for kind, a in analysed if kind == "environment"), None)
    style = ""
    if styled:
        counts = Counter(_verdict(a.style) for _, a in styled).most_common()
        tied = len(counts) > 1 and counts[0][1] == counts[1][1]
        if tied and backdrop is not None and backdrop.style.strip():
            style = backdrop.style
        else:
            agreeing = [(kind, a) for kind, a in styled if _verdict(a.style) == counts[0][0]]
            # Among the references that agree, the backdrop's words (its colour strength fills the frame).
            style = next((a.style for kind, a in agreeing if kind == "environment"), agreeing[0][1].style)
    lit = [a for _, a in analysed if a.lighting.strip()]
    lighting = (backdrop.lighting if backdrop and backdrop.lighting.strip() else "") or (
        lit[0].lighting if lit else ""
    )
    return style.strip().rstrip("."), lighting.strip().rstrip(".")


def write_consistency_context(references: list[ReferenceImage], hint: str = "") -> ConsistencyContext:
    """Build the five-section context from the analysed references (hint: the product or brief in brief)."""
    characters = _analysed(references, "character")
    products = _analysed(references, "product") + _analysed(references, "logo")
    environments = _analysed(references, "environment")
    analysed = [r for r in references if r.analysis is not None]

    character = (
        _join([a.character_description for a in characters]) or "No character reference: no recurring person."
    )
    product = _join([a.product_features for a in products])
    if hint.strip() and hint.strip().lower() not in product.lower():
        product = _join([hint.strip(), product])
    product = product or "No product reference was analysed."

    ordered = sorted(analysed, key=lambda r: _PALETTE_ORDER.get(r.kind, 9))
    palette = merge_palettes([r.analysis.colors for r in ordered if r.analysis], limit=MAX_COLOURS)

    look, lighting = _one_style(ordered)
    style = "; ".join(p for p in (look, lighting) if p) or "Not analysed."

    environment = _join([a.environment for a in environments if a.environment])
    environment = environment or "No environment reference: setting not determined."
    return ConsistencyContext(
        character_appearance=character,
        product_features=product,
        color_palette=palette,
        visual_style=style,
        environmental_context=environment,
    )
