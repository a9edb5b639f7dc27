from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from studio.providers.offline import MotionRenderer
from studio.providers.ports import VideoModel
from studio.render.ffmpeg import probe
from studio.run import Run
from tests.render.helpers import clip_request, decode, draw_references, scene


@pytest.fixture(scope="module")
def refs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return draw_references(tmp_path_factory.mktemp("refs"))


def _render(refs: dict[str, Path], out: Path, **kw: object):
    sc = kw.pop("sc", scene())
    progress: list[float] = []
    run = Run("g1", on_progress=lambda f, m: progress.append(f))
    result = MotionRenderer().render_clip(clip_request(refs, sc, **kw), out, run)  # type: ignore[arg-type]
    return result, progress


def test_clip_is_h264_yuv420p_30fps_with_last_frame(refs: dict[str, Path], tmp_path: Path) -> None:
    assert isinstance(MotionRenderer(), VideoModel)
    result, progress = _render(refs, tmp_path)
    info = probe(result.path)
    assert (info.video_codec, info.pix_fmt, info.fps, info.width, info.height) == (
        "h264",
        "yuv420p",
        30.0,
        180,
        320,
    )
    assert info.duration_s == pytest.approx(1.0, abs=0.05)
    assert result.finished_frames and result.seed_applied and result.model == "offline motion renderer"
    assert result.last_frame is not None and cv2.imread(str(result.last_frame)).shape == (320, 180, 3)
    assert progress[-1] == 1.0 and progress == sorted(progress)


def test_same_seed_same_frames_other_seed_differs(refs: dict[str, Path], tmp_path: Path) -> None:
    a, _ = _render(refs, tmp_path / "a", seed=11)
    b, _ = _render(refs, tmp_path / "b", seed=11)
    c, _ = _render(refs, tmp_path / "c", seed=12)
    fa, fb, fc = decode(a.path, 180, 320), decode(b.path, 180, 320), decode(c.path, 180, 320)
    assert np.array_equal(fa, fb)
    assert np.abs(fa.astype(int) - fc.astype(int)).mean() > 2.0


def test_camera_moves_the_picture(refs: dict[str, Path], tmp_path: Path) -> None:
    result, _ = _render(refs, tmp_path, sc=scene(camera_move="pan_left", on_screen_text="", voiceover=""))
    frames = decode(result.path, 180, 320).astype(int)
    assert np.abs(frames[0] - frames[-1]).mean() > 1.5


@pytest.mark.parametrize(("w", "h", "ar"), [(320, 180, "16:9"), (240, 240, "1:1"), (192, 240, "4:5")])
def test_layout_reflows_for_other_aspect_ratios(
    refs: dict[str, Path], tmp_path: Path, w: int, h: int, ar: str
) -> None:
    result, _ = _render(refs, tmp_path, width=w, height=h, aspect_ratio=ar)
    assert (probe(result.path).width, probe(result.path).height) == (w, h)
    last = cv2.imread(str(result.last_frame))
    # the green product is fully in frame: green pixels exist and none touch the frame's edge
    green = (last[..., 1] > 140) & (last[..., 2] < 110) & (last[..., 0] < 110)
    assert green.sum() > 50
    assert not green[0].any() and not green[-1].any() and not green[:, 0].any() and not green[:, -1].any()


def test_missing_references_fall_back_to_a_palette_gradient(refs: dict[str, Path], tmp_path: Path) -> None:
    result, _ = _render(refs, tmp_path, kinds=())
    frames = decode(result.path, 180, 320)
    assert len(frames) == 30 and frames[-1].std() > 5


def test_continuous_scene_starts_from_the_frame_before(refs: dict[str, Path], tmp_path: Path) -> None:
    start = np.zeros((320, 180, 3), np.uint8)
    start[:] = (0, 200, 0)
    cv2.imwrite(str(tmp_path / "start.png"), start)
    sc = scene(continuous_with_previous=True)
    result, _ = _render(refs, tmp_path, sc=sc, start_frame=tmp_path / "start.png")
    frames = decode(result.path, 180, 320).astype(int)
    assert np.abs(frames[0] - start).mean() < 6
    assert np.abs(frames[-1] - start).mean() > 30
