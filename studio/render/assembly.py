"""What the assembler takes: the clips of an ad and how to finish it (shared by the two video paths).

`render/assemble.py` joins finished clips by stream copy; `render/reencode.py` re-encodes provider clips.
Both read these types and draw the same end card, so they live here rather than in either.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from studio.models import END_CARD_S, AspectRatio, Scene, WordTiming
from studio.render.endcard import EndCardInputs


class AssemblyClip(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: Path
    scene: Scene
    duration_s: float = Field(gt=0)
    finished_frames: bool = False
    voice_path: Path | None = None
    voice_duration_s: float | None = None
    word_timings: list[WordTiming] = Field(default_factory=list)
    """When each voiceover word is spoken (from the voice's start), for word-timed captions."""
    last_frame: Path | None = None
    """The clip's last frame, when the renderer kept it (saves decoding the clip for the end card)."""


class AdAssembly(BaseModel):
    """Everything the assembler needs; paths are local files."""

    model_config = ConfigDict(extra="forbid")

    clips: list[AssemblyClip] = Field(min_length=1)
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    fps: int = 30
    aspect_ratio: AspectRatio
    palette: list[str] = Field(default_factory=list)
    product_name: str = ""
    call_to_action: str = ""
    brand: str = ""
    address: str = ""
    """Where the CTA sends people (URL, handle, phone, 'in stores'), from the brief's facts."""
    logo_path: Path | None = None
    tone: str = "confident"
    seed: int | None = None
    voice: bool = True
    music: bool = True
    music_gain_db: float = 0.0
    """The music bed against the voice, from its house level (see `audio.build_mix`)."""
    end_card: bool = True
    caption_style: str = "plain"
    """'plain', 'highlight' or 'pop-in' (see `render.captions.CaptionTrack`)."""


def end_card_inputs(request: AdAssembly, start_frame: np.ndarray | None) -> EndCardInputs:
    """The end card for this ad, drawn over the last frame of its last clip."""
    return EndCardInputs(
        width=request.width,
        height=request.height,
        aspect_ratio=request.aspect_ratio,
        product_name=request.product_name,
        call_to_action=request.call_to_action,
        brand=request.brand,
        address=request.address,
        palette=list(request.palette),
        logo=request.logo_path,
        duration_s=END_CARD_S,
        fps=request.fps,
        seed=request.seed,
        start_frame=start_frame,
    )
