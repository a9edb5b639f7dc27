"""One small offline ad (6 s, 3 scenes, 360p, 9:16) and its delivery pack for 4 placements, shared.

The pipeline runs with music and scoring off, so the ad's sound is the voice alone (its timing can be
read back from the delivered files), and every caption is drawn as an opaque magenta plate, so caption
pixels can be found in every decoded frame.
"""

from __future__ import annotations

import dataclasses
import json
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from studio.bootstrap import open_context
from studio.config import DEFAULT_PIPELINE, Settings
from studio.models import Generation
from studio.render import captions
from studio.render.captions import CaptionLayout
from studio.render.layers import sprite_from_rgba
from studio.service import Studio
from tests.trust.helpers import brief

PLACEMENTS = ["tiktok", "reels", "feed45", "youtube"]
PATTERN = "{brand}_{campaign}_{variant}_{placement}_{date}"
MAGENTA_RGBA = (255, 0, 255, 255)


@dataclass(frozen=True)
class Pack:
    studio: Studio
    gen: Generation
    zip_path: Path
    files: Path
    manifest: dict[str, Any]
    seconds: float
    data_dir: Path
    pipeline: Path


def quiet_pipeline(folder: Path) -> Path:
    """The default pipeline YAML with music and scoring switched off."""
    text = DEFAULT_PIPELINE.read_text()
    assert "  music: true" in text and "  scoring: true" in text
    out = folder / "pipeline.yaml"
    out.write_text(
        text.replace("  music: true", "  music: false").replace("  scoring: true", "  scoring: false")
    )
    return out


def magenta_caption(real: Any) -> Any:
    """layout_caption, with the plate and text replaced by one opaque magenta box of the same place."""

    def layout(*args: Any, **kw: Any) -> CaptionLayout:
        lay = real(*args, **kw)
        box = np.zeros((lay.box.h, lay.box.w, 4), np.uint8)
        box[:] = MAGENTA_RGBA
        return dataclasses.replace(lay, sprite=sprite_from_rgba(box))

    return layout


@pytest.fixture(scope="package")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pack]:
    """The ad and its pack for tiktok, reels, feed45 and youtube (renditions at 4:5 and 16:9 made anew)."""
    from studio.delivery import build_pack

    root = tmp_path_factory.mktemp("delivery")
    pipeline = quiet_pipeline(root)
    settings = Settings(data_dir=root / "data", max_concurrent=2, pipeline_path=pipeline)
    ctx = open_context(settings)
    studio = Studio(ctx)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(captions, "layout_caption", magenta_caption(captions.layout_caption))
        gen = studio.run(studio.create(brief(duration_s=6)).id)
        assert gen.status == "completed", gen.error
        started = time.monotonic()
        zip_path = build_pack(studio, gen.id, ",".join(PLACEMENTS), PATTERN, "Spring Sale!", "A/1")
        seconds = time.monotonic() - started
    files = root / "unzipped"
    with zipfile.ZipFile(zip_path) as z:
        z.extractall(files)
    manifest = json.loads((files / "manifest.json").read_text())
    yield Pack(studio, studio.store.get(gen.id), zip_path, files, manifest, seconds, root / "data", pipeline)
    ctx.runner.shutdown(wait=False)
