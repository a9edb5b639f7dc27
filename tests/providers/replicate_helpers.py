"""Builders shared by the Replicate tests: a tiny real MP4, reference PNGs, a runner on the fake API."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import imageio_ffmpeg
from PIL import Image

from studio.models import ReferenceImage, Scene
from studio.providers.limits import InFlightLimiter
from studio.providers.ports import ClipRequest
from studio.providers.replicate_common import ReplicateRunner, make_replicate_client
from studio.providers.retry import RetryPolicy
from tests.providers.replicate_fake import FakeReplicate

FAKE_TOKEN = "r8_FAKEtoken0123456789abcdefSECRET"


def make_mp4(path: Path, seconds: float = 1.0) -> bytes:
    """A real H.264 clip at 64x112, made by the ffmpeg binary."""
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc=size=64x112:rate=12:duration={seconds}", "-c:v", "libx264", "-pix_fmt", "yuv420p",
         str(path)],
        check=True,
    )
    return path.read_bytes()


def make_png(path: Path, color: tuple[int, int, int] = (200, 40, 40)) -> Path:
    Image.new("RGB", (32, 56), color).save(path)
    return path


class Waits(list):
    """Records the backoff waits instead of sleeping them."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make_runner(fake: FakeReplicate, limit: int = 5, waits: Waits | None = None) -> ReplicateRunner:
    transport = fake.transport()
    return ReplicateRunner(
        client=make_replicate_client(FAKE_TOKEN, transport=transport),
        http=httpx.Client(transport=transport),
        limiter=InFlightLimiter(limit),
        policy=RetryPolicy(attempts=3, initial_wait_s=0.5, max_wait_s=10,
                           sleep=waits if waits is not None else Waits()),
        poll_interval_s=0.0,
        sleep=lambda s: None,
        secrets=(FAKE_TOKEN,),
    )


def clip_request(tmp_path: Path, scene_id: int = 1, seed: int | None = 42, duration_s: float = 3.0,
                 start_frame: Path | None = None) -> ClipRequest:
    product = make_png(tmp_path / f"product_{scene_id}.png")
    env = make_png(tmp_path / f"env_{scene_id}.png", (20, 90, 160))
    scene = Scene(id=scene_id, description="The bottle on a marble counter", duration_s=duration_s)
    return ClipRequest(
        generation_id="g1",
        scene=scene,
        scene_index=scene_id - 1,
        scene_count=3,
        prompt="VISUAL STYLE: clean studio\nSCENE: The bottle on a marble counter",
        references=[
            ReferenceImage(location="refs/product.png", kind="product", source="generated"),
            ReferenceImage(location="refs/env.png", kind="environment", source="generated"),
        ],
        reference_paths=[product, env],
        start_frame=start_frame,
        seed=seed,
        width=360,
        height=640,
        aspect_ratio="9:16",
    )
