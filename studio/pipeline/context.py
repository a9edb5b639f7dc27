"""The consistency context: what every scene is rendered against, written from the references' analyses.

Five sections (CHARACTER APPEARANCE, PRODUCT FEATURES, COLOR PALETTE, VISUAL STYLE, ENVIRONMENTAL
CONTEXT), each from the references that speak to it; the palette merged across all of them.
"""

from __future__ import annotations

from studio.models import ConsistencyContext, ReferenceAnalysis, ReferenceImage
from studio.providers.offline.palette import merge_palettes

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

    style_parts = [a.style for a in (r.analysis for r in ordered) if a and a.style]
    lighting = [a.lighting for a in (r.analysis for r in ordered) if a and a.lighting]
    style = _join(style_parts[:2] + lighting[:1]) or "Not analysed."

    environment = _join([a.environment for a in environments if a.environment])
    environment = environment or "No environment reference: setting undetermined."
    return ConsistencyContext(
        character_appearance=character,
        product_features=product,
        color_palette=palette,
        visual_style=style,
        environmental_context=environment,
    )
