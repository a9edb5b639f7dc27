"""The consistency context: five sections from the analyses, one merged palette."""

from __future__ import annotations

from PIL import Image

from studio.models import ReferenceAnalysis, ReferenceImage
from studio.pipeline.context import write_consistency_context
from studio.providers.offline.analyst import PixelAnalyst


def _ref(kind, **analysis) -> ReferenceImage:
    return ReferenceImage(
        location=f"{kind}.png", kind=kind, source="generated", analysis=ReferenceAnalysis(**analysis)
    )


def test_five_sections_and_a_merged_palette():
    refs = [
        _ref("product", product_features="red bottle, tall", colors=["#e0262f", "#f5f5f2"], style="flat"),
        _ref("character", character_description="mascot in red", colors=["#e1272e", "#1a1a1a"], style="flat"),
        _ref(
            "environment",
            environment="outdoor, bright",
            colors=["#1f63e0", "#f6f6f3", "#ffd21f", "#00ff00", "#ff00ff"],
            lighting="bright, high-key lighting",
        ),
    ]
    ctx = write_consistency_context(refs, hint="Zoom sneaker")
    text = ctx.as_text()
    for section in (
        "CHARACTER APPEARANCE",
        "PRODUCT FEATURES",
        "COLOR PALETTE",
        "VISUAL STYLE",
        "ENVIRONMENTAL CONTEXT",
    ):
        assert f"{section}: " in text
    assert ctx.character_appearance == "mascot in red"
    assert ctx.product_features.startswith("Zoom sneaker") and "red bottle" in ctx.product_features
    assert ctx.environmental_context == "outdoor, bright"
    assert "bright, high-key lighting" in ctx.visual_style
    # Leading colours first; #e1272e and #f6f6f3 are near-duplicates of colours already taken.
    assert ctx.color_palette[:3] == ["#e0262f", "#1f63e0", "#f5f5f2"]
    assert "#e1272e" not in ctx.color_palette and "#f6f6f3" not in ctx.color_palette
    assert len(ctx.color_palette) == 6


def test_missing_references_are_said_not_invented():
    ctx = write_consistency_context([_ref("product", product_features="green tin", colors=["#2e9e4f"])])
    assert "No character reference" in ctx.character_appearance
    assert "No environment reference" in ctx.environmental_context
    assert ctx.color_palette == ["#2e9e4f"]


def test_from_real_analyses_of_images(tmp_path):
    Image.new("RGB", (60, 100), (255, 0, 0)).save(tmp_path / "p.png")
    Image.new("RGB", (60, 100), (0, 0, 255)).save(tmp_path / "e.png")
    analyst = PixelAnalyst()
    refs = [
        ReferenceImage(
            location="p.png",
            kind="product",
            source="brand",
            analysis=analyst.analyze(tmp_path / "p.png", "product"),
        ),
        ReferenceImage(
            location="e.png",
            kind="environment",
            source="generated",
            analysis=analyst.analyze(tmp_path / "e.png", "environment"),
        ),
    ]
    ctx = write_consistency_context(refs)
    assert ctx.color_palette == ["#ff0000", "#0000ff"]
    assert "red" in ctx.product_features
