"""The benches: their arguments, the runs they keep, and what they give MoneyPrinterTurbo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import ad, images, mpt


def _footage() -> mpt.Footage:
    return mpt.Footage(
        clips=["/m/scene_1.mp4", "/m/scene_2.mp4", "/m/end_card.mp4"], voice="/m/voice.wav",
        music=f"/m/{mpt.MUSIC_NAME}", srt="/m/captions.srt", duration_s=30.0, width=1080, height=1920,
        cues=11, end_card=True,
    )  # fmt: skip


def test_mpt_defaults_keep_its_venv_outside_the_repository() -> None:
    args = mpt.parse_args([])
    repo = Path(__file__).resolve().parents[2]
    assert args.venv == mpt.DEFAULT_VENV
    assert not args.venv.is_relative_to(repo)
    assert (args.duration, args.repeat, args.once, args.json, args.keep) == (30.0, 1, False, False, None)
    with pytest.raises(SystemExit):
        mpt.parse_args(["--repeat", "0"])
    assert mpt.parse_args(["--venv", "~/x", "--once", "--json"]).venv == Path("~/x").expanduser()


def test_driver_keeps_every_clip_whole_in_order_with_our_music_and_captions(tmp_path: Path) -> None:
    got = mpt.driver_args(_footage(), tmp_path, longest_clip_s=7.0)
    assert got["clips"] == _footage().clips  # same clips, same order (sequential, not its random default)
    assert got["max_clip_duration"] == 7  # one piece per clip in sequential mode: the whole clip
    assert mpt.driver_args(_footage(), tmp_path, longest_clip_s=4.2)["max_clip_duration"] == 5
    assert got["params"] == {
        "video_subject": "bench", "video_aspect": "9:16", "video_concat_mode": "sequential",
        "bgm_type": "custom", "bgm_file": mpt.MUSIC_NAME, "subtitle_enabled": True, "n_threads": 2,
    }  # fmt: skip
    assert (got["voice"], got["srt"]) == ("/m/voice.wav", "/m/captions.srt")
    assert Path(got["final"]).parent == tmp_path
    compile(mpt.DRIVER, "driver", "exec")  # the script run in its venv at least parses


def test_mpt_env_points_it_at_our_ffmpeg_and_a_private_home(tmp_path: Path) -> None:
    env = mpt.mpt_env(tmp_path / "home")
    assert env["MPT_HOME"] == str(tmp_path / "home")
    assert Path(env["IMAGEIO_FFMPEG_EXE"]).name.startswith("ffmpeg")
    assert "VIRTUAL_ENV" not in env and not any(k.startswith("PYTHON") for k in env)


@pytest.mark.parametrize(
    ("ours_s", "mpt_s", "ours_mb", "mpt_mb", "met"),
    [(20.0, 220.0, 450.0, 1000.0, (True, True)), (43.0, 222.0, 549.0, 990.0, (False, False))],
)
def test_verdicts(ours_s: float, mpt_s: float, ours_mb: float, mpt_mb: float, met: tuple) -> None:
    v = mpt.verdicts(ours_s, mpt_s, ours_mb, mpt_mb)
    assert v["speedup"] == pytest.approx(mpt_s / ours_s)
    assert v["memory_share"] == pytest.approx(ours_mb / mpt_mb)
    assert (v["speedup_met"], v["memory_share_met"]) == met


def test_images_cells_default_to_every_size_at_eight_and_refuse_bad_counts() -> None:
    args = images.parse_args([])
    assert args.aspect_ratio == ["1:1", "4:3", "16:9", "9:16"]
    assert (args.variations, args.repeat) == ([8], 3)
    assert images.parse_args(["--variations", "1", "16", "--aspect-ratio", "9:16"]).variations == [1, 16]
    for bad in (["--variations", "17"], ["--variations", "0"], ["--repeat", "0"]):
        with pytest.raises(SystemExit):
            images.parse_args(bad)


def test_timed_and_sampled_keeps_the_fastest_timed_run_then_samples_once() -> None:
    calls: list[tuple[str, bool]] = []
    walls = iter([5.0, 3.0, 4.0, 9.0, 1.0])

    def run(name: str, sample: bool) -> dict:
        calls.append((name, sample))
        return {"wall_s": next(walls)}

    timed, sampled = mpt.timed_and_sampled(run, once=False, repeat=3)
    assert (timed["name"], timed["wall_s"], timed["all_wall_s"]) == ("timed2", 3.0, [5.0, 3.0, 4.0])
    assert len(timed["load_1min"]) == 2  # the machine's load before and after the run
    assert sampled["wall_s"] == 9.0
    timed, sampled = mpt.timed_and_sampled(run, once=True, repeat=3)  # once: one sampled run for both
    assert sampled is timed and timed["name"] == "timed"
    assert calls == [
        ("timed", False),
        ("timed2", False),
        ("timed3", False),
        ("sampled", True),
        ("timed", True),
    ]


def test_report_prints_both_sides_the_ratios_and_the_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    side = {"peak_mb": 500.0, "peak_largest_mb": 300.0, "at_peak_mb": {"python 1": 300}, "sampled_run_s": 1.0}
    report = {
        "ad": "30.0 s at 1080x1920",
        "material": {"clips": 7, "end_card_included": True, "captions": 11},
        "ours": side
        | {"story_to_scores_s": 40.0, "stages_s": {"clips": 20.0}, "render_stages_s": 22.0, "output": "o"}
        | {"timed_runs_s": [40.0, 41.0]},
        "mpt": side
        | {"render_s": 220.0, "steps_s": {"combine_videos": 95.0}, "music_mixed": True, "output": "m"}
        | {"timed_runs_s": [230.0, 220.0]},
        "targets": mpt.verdicts(40.0, 220.0, 500.0, 1000.0),
        "timed_under_sampler": False,
        "not_matched": mpt.NOT_MATCHED,
        "ffmpeg": "9.0.2",
        "cpus": 2,
        "load_1min": {"ours": (1.0, 1.5), "mpt": (1.5, 2.0)},
    }
    mpt.print_report(report)
    out = capsys.readouterr().out
    assert "5.5x" in out and "NOT met" in out  # 220 / 40 is short of 10x
    assert "of its memory: 50%, met" in out
    assert "rendering (clips + ad): 22.0 s, 10.0x faster" in out
    assert "ours 40.0, 41.0 s; MoneyPrinterTurbo 230.0, 220.0 s" in out


def test_the_ad_bench_keeps_the_median_run_a_real_one() -> None:
    runs = [{"wall_s": 7.4}, {"wall_s": 6.9}, {"wall_s": 9.8}, {"wall_s": 7.1}]
    assert ad.median(runs[:3], "wall_s") == {"wall_s": 7.4}
    assert ad.median(runs, "wall_s") == {"wall_s": 7.1}  # of 4, the lower middle one, not an average
    assert ad.median(runs[:1], "wall_s") == {"wall_s": 7.4}



CHILD = """
import subprocess, sys
held = b"x" * ({mb} * 2**20)  # written, so resident
if {grandchild_mb}:
    subprocess.run([sys.executable, "-c", "held = b'x' * ({grandchild_mb} * 2**20)"], check=True)
print("done")
sys.exit({code})
"""


@pytest.mark.parametrize(
    ("mb", "grandchild_mb", "largest_mb", "code"), [(40, 0, 40, 0), (40, 160, 160, 0), (160, 40, 160, 3)]
)
def test_the_watcher_gives_the_largest_peak_of_the_tree_the_kernel_counted(
    tmp_path: Path, mb: int, grandchild_mb: int, largest_mb: int, code: int
) -> None:
    """The largest process at its peak, exactly: the child's own, or a descendant's it waited for, however
    short (the grandchild lives a moment); never the peak of the process that started the watcher (this
    test's, well over 40 MB with pytest's imports). Output and exit code pass through."""
    held_here = b"y" * (200 * 2**20)  # this process is large when it starts the watcher
    report = tmp_path / "watch.json"
    cmd = [sys.executable, "-c", CHILD.format(mb=mb, grandchild_mb=grandchild_mb, code=code)]
    done = subprocess.run(ad.watched(cmd, report), capture_output=True, text=True, check=False)
    assert (done.stdout, done.returncode) == ("done\n", code)
    wall_s, peak = ad.watch_report(report)
    # the interpreter's own ~10-20 MB sit on top of what was held; nothing near the other sizes
    assert largest_mb <= peak / 2**20 < largest_mb + 40
    assert 0 < wall_s < 30
    del held_here
