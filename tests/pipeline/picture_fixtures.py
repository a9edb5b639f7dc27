"""A generation made for the image editor's tests: three plain references, the first with a sticker."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from studio.models import Brief, Generation, ReferenceImage
from studio.pipeline.references import analyze_references
from studio.service import Studio

BLUE, YELLOW = (30, 120, 200), (255, 230, 0)
KINDS = ("product", "character", "environment")


def png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def sticker_picture(size: tuple[int, int], box: tuple[int, int, int, int]) -> Image.Image:
    """A blue picture with a yellow rectangle at `box` (the part an edit removes)."""
    im = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(im).rectangle(box, fill=YELLOW)
    return im


def make_generation(studio: Studio, size: tuple[int, int], sticker: tuple[int, int, int, int]) -> Generation:
    """A generation waiting at its references stop, its references analysed; reference 1 has the sticker."""
    gen = studio.create(Brief(prompt="Peak trail shoes that grip wet rock.", resolution="360p", seed=7))
    media = studio.ctx.providers.media
    pictures = [
        sticker_picture(size, sticker),
        Image.new("RGB", size, "#c04040"),
        Image.new("RGB", size, "#208040"),
    ]
    refs = [
        ReferenceImage(
            location=media.put_bytes(f"generations/{gen.id}/references/{i + 1}_{kind}.png", png(picture)),
            kind=kind,
            source="generated",
        )
        for i, (kind, picture) in enumerate(zip(KINDS, pictures, strict=True))
    ]
    refs = analyze_references(refs, studio.ctx.providers, None, studio.orchestrator.run_for(gen.id))

    def ready(g: Generation) -> None:
        g.references, g.status, g.stage, g.story_approved = refs, "awaiting_approval", "references", True

    return studio.store.update(gen.id, ready)
