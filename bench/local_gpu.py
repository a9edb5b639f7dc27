"""Time a keyframe and a clip on this machine's GPU with the local models, and their peak GPU memory.

    .venv/bin/python bench/local_gpu.py [--image sdxl-turbo] [--video ltx-video] [--width 720 --height 1280]
                                        [--seconds 3] [--keyframes 3] [--json]

Needs a CUDA GPU, a CUDA build of torch (requirements-ml.txt installs the CPU one) and the weights pulled
(`python -m studio models pull NAME`); without any of them it says which and exits with status 2. Every
figure goes through the studio's own adapters (studio/providers/local_image.py, local_video.py), as an ad
does: load time, then seconds per keyframe (the mean of --keyframes, after the first) and per clip, each
with its peak GPU memory (torch.cuda.max_memory_allocated, reset before each). The image model is released
before the video model loads, as between the storyboard and the clips.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studio.errors import ConfigError
from studio.providers.local_models import (
    GPU,
    Device,
    check_fit,
    clip_frames,
    detect_device,
    fit_size,
    load_local_models,
    weights_present,
)
from studio.run import Run

PROMPT = "A red trail running shoe on wet granite at dawn, shallow depth of field, product photo"
SCENE = "The shoe lands on wet rock and grips; water splashes; the camera pushes in slowly."


def _peak_gib() -> float:
    import torch

    return torch.cuda.max_memory_allocated() / 2**30


def _reset_peak() -> None:
    import torch

    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()


def _timed(fn: Any) -> tuple[Any, float, float]:
    """fn's result, its seconds, and the peak GPU memory (GiB) while it ran."""
    import torch

    _reset_peak()
    t0 = time.perf_counter()
    out = fn()
    torch.cuda.synchronize()
    return out, time.perf_counter() - t0, _peak_gib()


def problems(image: str, video: str, device: Device) -> list[str]:
    """Why the bench cannot run here (empty when it can)."""
    if device.kind != "cuda":
        return [f"This bench needs a CUDA GPU and a CUDA build of torch: {device.describe()}."]
    catalogue = load_local_models()
    found = []
    for name, task in ((image, "image"), (video, "video")):
        try:
            spec = catalogue.get(name, task)  # type: ignore[arg-type]
            check_fit(spec, device, catalogue)
        except ConfigError as exc:
            found.append(str(exc))
            continue
        if not weights_present(spec):
            found.append(f"The weights of {name} are not here: python -m studio models pull {name}")
    return found


def bench(image: str, video: str, width: int, height: int, seconds: float, keyframes: int) -> dict[str, Any]:
    import diffusers
    import torch

    from studio.models import Scene
    from studio.providers.local_image import LocalImage
    from studio.providers.local_video import LocalVideo
    from studio.providers.ports import ClipRequest, ImageRequest

    run = Run.detached()
    pictures, clips = LocalImage(image), LocalVideo(video)
    device = pictures.pipelines.device
    result: dict[str, Any] = {
        "device": device.describe(), "torch": torch.__version__, "diffusers": diffusers.__version__,
        "size": [width, height],
    }  # fmt: skip

    def load(adapter: Any) -> None:
        with adapter.pipelines.pipeline(run):
            pass

    _, load_s, load_peak = _timed(lambda: load(pictures))
    requests = [ImageRequest(prompt=PROMPT, width=width, height=height, seed=100 + i, role="product")
                for i in range(keyframes + 1)]
    first, first_s, first_peak = _timed(lambda: pictures.generate(requests[0], run))
    times, peaks = [], []
    for request in requests[1:]:
        _, s, peak = _timed(lambda request=request: pictures.generate(request, run))
        times.append(s)
        peaks.append(peak)
    spec = pictures.spec
    result["image"] = {
        "model": image, "placement": check_fit(spec, device, pictures.pipelines.catalogue),
        "generated_at": list(fit_size(width, height, spec)), "steps": spec.steps, "load_s": round(load_s, 2),
        "load_peak_gib": round(load_peak, 2), "first_keyframe_s": round(first_s, 2),
        "keyframe_s": round(sum(times) / len(times), 2) if times else None,
        "keyframe_peak_gib": round(max([first_peak, *peaks]), 2),
    }  # fmt: skip
    GPU.release()  # as between the storyboard and the clips
    with tempfile.TemporaryDirectory(prefix="bench-local-") as tmp:
        start = Path(tmp) / "keyframe.png"
        start.write_bytes(first.png)
        _, vload_s, vload_peak = _timed(lambda: load(clips))
        scene = Scene(id=1, description=SCENE, duration_s=seconds)
        request = ClipRequest(
            generation_id="bench", scene=scene, scene_index=0, scene_count=1, prompt=f"SCENE: {SCENE}",
            references=[], reference_paths=[], start_frame=start, seed=4242, width=width, height=height,
            aspect_ratio="9:16" if height > width else "16:9" if width > height else "1:1",
        )  # fmt: skip
        clip, clip_s, clip_peak = _timed(lambda: clips.render_clip(request, Path(tmp) / "clip", run))
        vspec = clips.spec
        result["video"] = {
            "model": video, "placement": check_fit(vspec, device, clips.pipelines.catalogue),
            "generated_at": list(fit_size(width, height, vspec)), "frames": clip_frames(seconds, vspec),
            "fps": vspec.fps, "clip_duration_s": round(clip.duration_s, 2), "steps": vspec.steps,
            "load_s": round(vload_s, 2), "load_peak_gib": round(vload_peak, 2), "clip_s": round(clip_s, 2),
            "clip_peak_gib": round(clip_peak, 2),
        }  # fmt: skip
    GPU.release()
    return result


def main(argv: list[str] | None = None, device: Device | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--image", default="sdxl-turbo", help="an image entry of config/local_models.yaml")
    p.add_argument("--video", default="ltx-video", help="a video entry of config/local_models.yaml")
    p.add_argument("--width", type=int, default=720)
    p.add_argument("--height", type=int, default=1280)
    p.add_argument("--seconds", type=float, default=3.0, help="the scene's length (frames up to the model's)")
    p.add_argument("--keyframes", type=int, default=3, help="keyframes timed after the first")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    found = problems(args.image, args.video, device or detect_device())
    if found:
        for line in found:
            print(line, file=sys.stderr)
        return 2
    result = bench(args.image, args.video, args.width, args.height, args.seconds, args.keyframes)
    if args.json:
        print(json.dumps(result))
        return 0
    image, video = result["image"], result["video"]
    print(f"{result['device']}, torch {result['torch']}, diffusers {result['diffusers']}")
    print(f"keyframe  {image['model']} ({image['placement']}) at {image['generated_at'][0]}x"
          f"{image['generated_at'][1]}, {image['steps']} steps: load {image['load_s']} s; first "
          f"{image['first_keyframe_s']} s, then {image['keyframe_s']} s each; "
          f"peak {image['keyframe_peak_gib']} GiB")
    print(f"clip      {video['model']} ({video['placement']}) at {video['generated_at'][0]}x"
          f"{video['generated_at'][1]}, {video['frames']} frames ({video['clip_duration_s']} s), "
          f"{video['steps']} steps: load {video['load_s']} s; clip {video['clip_s']} s; "
          f"peak {video['clip_peak_gib']} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
