"""The consistency context: five sections from the analyses, one merged palette."""

from __future__ import annotations

import io
import re

from PIL import Image

from studio.models import ReferenceAnalysis, ReferenceImage
from studio.offline.words.brief_reader import read_brief
from studio.offline.words.visuals import character_for, setting_for
from studio.pipeline.context import write_consistency_context
from studio.providers.offline import PixelAnalyst, ProceduralPainter
from studio.providers.ports import ImageRequest, VisionRequest

SERUM = "Glow, a vitamin C face serum that fades dark spots in 4 weeks. For busy moms. Free shipping."


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
            analysis=analyst.analyze(VisionRequest(image_path=tmp_path / "p.png", kind="product")),
        ),
        ReferenceImage(
            location="e.png",
            kind="environment",
            source="generated",
            analysis=analyst.analyze(VisionRequest(image_path=tmp_path / "e.png", kind="environment")),
        ),
    ]
    ctx = write_consistency_context(refs)
    assert ctx.color_palette == ["#ff0000", "#0000ff"]
    assert "red" in ctx.product_features


def painted_set(tmp_path, prompt: str = SERUM) -> list[ReferenceImage]:
    """A product, character and environment painted offline, then analysed as the pipeline does."""
    refs = []
    for kind in ("product", "character", "environment"):
        png = (
            ProceduralPainter()
            .generate(ImageRequest(prompt=prompt, width=180, height=320, seed=11, role=kind, title="Glow"))
            .png
        )
        path = tmp_path / f"{kind}.png"
        Image.open(io.BytesIO(png)).save(path)
        analysis = PixelAnalyst().analyze(VisionRequest(image_path=path, kind=kind, hint="Glow"))
        refs.append(ReferenceImage(location=path.name, kind=kind, source="generated", analysis=analysis))
    return refs


def test_painted_set_context_reads_as_words_with_one_style(tmp_path):
    ctx = write_consistency_context(painted_set(tmp_path), hint="Glow")
    prose = [line for line in ctx.as_text().splitlines() if not line.startswith("COLOR PALETTE")]
    for line in prose:
        assert "#" not in line and "%" not in line, line
        assert not re.search(r"per tall|shades|undetermined|pixels|\d\.\d", line), line
    assert all(c.startswith("#") for c in ctx.color_palette)
    # One verdict for the ad: never "photographic ... flat illustration ..." side by side.
    verdicts = re.findall(r"photographic|illustration", ctx.visual_style)
    assert len(verdicts) == 1, ctx.visual_style
    assert ctx.visual_style.count("lighting") == 1
    # The product's name names the product, not the character.
    assert not ctx.character_appearance.lower().startswith("glow")
    assert ctx.character_appearance.startswith("a stylised figure")
    assert ctx.product_features.startswith("Glow: a tall bottle-like product")
    assert ctx.environmental_context.startswith("an indoor studio set")


def test_style_verdict_follows_the_backdrop_when_references_split_evenly():
    refs = [
        _ref("product", style="photographic look with natural texture and saturated colour"),
        _ref(
            "environment", style="flat illustration / motion-graphics look with smooth fills and muted colour"
        ),
    ]
    assert write_consistency_context(refs).visual_style.startswith("flat illustration")


def test_scene_words_from_a_painted_context_name_a_place_and_a_person(tmp_path):
    ctx = write_consistency_context(painted_set(tmp_path), hint="Glow")
    facts = read_brief(SERUM)
    place = setting_for(facts, ctx, SERUM)
    assert place == "an indoor studio set with a plain backdrop meeting the floor"
    who = character_for(facts, ctx)
    assert who.startswith("a stylised figure") and "#" not in who
    # When the backdrop says nothing a scene can use, the brief's own place is used.
    vague = ctx.model_copy(
        update={"environmental_context": "setting not determined; balanced, even lighting, moderate contrast"}
    )
    assert setting_for(facts, vague, SERUM) == "a calm marble bathroom"
