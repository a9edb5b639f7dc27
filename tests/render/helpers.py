"""Small reference inputs and requests for the render tests (drawn here, no other module needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from studio.models import ReferenceImage, Scene
from studio.providers.ports import ClipRequest
from studio.render.ffmpeg import read_frames

PALETTE = ["#e4572e", "#17bebb", "#ffc914"]


def draw_references(folder: Path) -> dict[str, Path]:
    """A product PNG with alpha, an environment JPEG and a logo PNG."""
    folder.mkdir(parents=True, exist_ok=True)
    product = Image.new("RGBA", (200, 300), (0, 0, 0, 0))
    d = ImageDraw.Draw(product)
    d.rounded_rectangle((50, 40, 150, 280), 20, fill=(30, 200, 40, 255))
    d.ellipse((75, 10, 125, 60), fill=(240, 240, 240, 255))
    product.save(folder / "product.png")
    x = np.linspace(0, 1, 400, dtype=np.float32)
    env = np.zeros((300, 400, 3), np.uint8)
    env[..., 0] = (40 + 180 * x).astype(np.uint8)
    env[..., 1] = 90
    env[..., 2] = (200 - 120 * x).astype(np.uint8)
    Image.fromarray(env).save(folder / "environment.jpg", quality=90)
    logo = Image.new("RGBA", (160, 80), (0, 0, 0, 0))
    ImageDraw.Draw(logo).rectangle((10, 10, 150, 70), fill=(255, 255, 255, 255))
    logo.save(folder / "logo.png")
    return {
        "product": folder / "product.png",
        "environment": folder / "environment.jpg",
        "logo": folder / "logo.png",
    }


def scene(sid: int = 1, **kw: object) -> Scene:
    values: dict[str, object] = {
        "id": sid,
        "description": "the juice bottle on a sunny counter",
        "on_screen_text": "Fresh juice daily",
        "voiceover": "Start your day bright with cold pressed juice.",
        "duration_s": 1.0,
        "camera_move": "push_in",
        "transition_in": "cut",
    }
    values.update(kw)
    return Scene(**values)  # type: ignore[arg-type]


def clip_request(
    refs: dict[str, Path],
    sc: Scene,
    *,
    seed: int | None = 7,
    width: int = 180,
    height: int = 320,
    aspect_ratio: str = "9:16",
    start_frame: Path | None = None,
    kinds: tuple[str, ...] = ("product", "environment"),
) -> ClipRequest:
    """A ClipRequest over the drawn references."""
    return ClipRequest(
        generation_id="g1",
        scene=sc,
        scene_index=sc.id - 1,
        scene_count=3,
        prompt="SCENE: test",
        references=[ReferenceImage(location=k, kind=k, source="brand") for k in kinds],  # type: ignore[arg-type]
        reference_paths=[refs[k] for k in kinds],
        logo_path=refs.get("logo"),
        start_frame=start_frame,
        seed=seed,
        width=width,
        height=height,
        aspect_ratio=aspect_ratio,  # type: ignore[arg-type]
        palette=PALETTE,
        product_name="Sunny Juice",
        tone="energetic",
    )


def decode(path: Path, width: int, height: int) -> np.ndarray:
    """All frames of a (small) video as one array."""
    return np.stack(list(read_frames(path, width, height)))
