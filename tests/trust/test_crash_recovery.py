"""kill -9 mid-generation, then `python -m studio resume ID`: finished work reused, the row consistent."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.media.storage import LocalStore
from studio.render.ffmpeg import probe
from studio.runtime.recovery import orphaned, recover
from studio.service import Studio
from studio.store.repo import Store
from tests.trust.helpers import (
    PROMPT,
    SMALL,
    Poller,
    assert_consistent,
    cli_env,
    fingerprint,
    kill_hard,
    run_cli,
    sqlite_url,
    start_cli,
    wait_for,
)

pytestmark = pytest.mark.slow


def _generate(data_dir: Path, seed: int) -> tuple:
    # One clip at a time, so a kill lands with some clips finished and others not.
    env = cli_env(data_dir, STUDIO_MAX_CONCURRENT="1")
    proc = start_cli(["generate", "--auto", "--prompt", PROMPT, *SMALL, "--seed", str(seed)], env)
    return proc, env


def _resume(env: dict, gen_id: str) -> dict:
    done = run_cli(["resume", gen_id, "--format", "json"], env)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _kill_mid_clips(data: Path, seed: int) -> tuple[str, dict, list[int]]:
    """Start a generation, kill -9 it once a clip is finished; (id, env, clips finished at the kill)."""
    proc, env = _generate(data, seed)
    poll = Poller(sqlite_url(data))
    try:
        gen_id = wait_for(lambda: (poll.generation() or {}).get("id"), 60, "the generation row", proc)
        wait_for(lambda: poll.complete_clips(gen_id), 90, "a finished clip", proc)
        kill_hard(proc)
        done_at_kill = poll.complete_clips(gen_id)  # the truth after the kill
        assert poll.generation()["status"] == "clips"
    finally:
        if proc.poll() is None:
            kill_hard(proc)
        poll.close()
    assert 1 <= len(done_at_kill) < 3, "the kill should land with some clips finished and some not"
    return gen_id, env, done_at_kill


def test_kill_during_clips_then_resume_reuses_finished_clips(tmp_path: Path) -> None:
    data = tmp_path / "data"
    gen_id, env, _done = _kill_mid_clips(data, seed=101)

    store, media = Store.open(sqlite_url(data)), LocalStore(data / "media")
    before = store.get(gen_id)
    finished = {c.scene_id: c for c in before.clips if c.status == "complete"}
    prints = {sid: fingerprint(media.local_path(c.location)) for sid, c in finished.items()}

    # The dead driver's heartbeat is fresh at first, then goes stale: recovery finds it then, not before.
    assert gen_id not in orphaned(store, stale_after_s=600)
    time.sleep(1.5)
    assert gen_id in orphaned(store, stale_after_s=1)

    summary = _resume(env, gen_id)
    assert summary["status"] == "completed", summary["error"]
    gen = assert_consistent(store, gen_id, media)
    for sid, clip in finished.items():
        after = next(c for c in gen.clips if c.scene_id == sid)
        assert after.location == clip.location
        assert after.attempts == clip.attempts == 1  # reused, never rendered again
        assert fingerprint(media.local_path(after.location)) == prints[sid]
    for clip in gen.clips:
        info = probe(media.local_path(clip.location))
        assert (info.video_codec, info.width, info.height) == ("h264", 360, 640)
    assert gen_id not in orphaned(store, stale_after_s=0.0)  # completed: nothing left to recover
    assert abs(probe(media.local_path(gen.ad.location)).duration_s - 8) <= 0.8


def test_kill_during_story_or_references_then_resume_finishes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc, env = _generate(data, seed=202)
    poll = Poller(sqlite_url(data))
    try:
        row = wait_for(
            lambda: (g := poll.generation()) and g["status"] in ("story", "references") and g,
            60, "the story or references stage", proc,
        )  # fmt: skip
        kill_hard(proc)
        killed_in = poll.generation()["status"]
    finally:
        if proc.poll() is None:
            kill_hard(proc)
        poll.close()
    assert killed_in in ("story", "references"), row

    store, media = Store.open(sqlite_url(data)), LocalStore(data / "media")
    gen_id = row["id"]
    before = store.get(gen_id)
    assert before.ad is None and not before.clips
    time.sleep(1.5)
    assert gen_id in orphaned(store, stale_after_s=1)

    summary = _resume(env, gen_id)
    assert summary["status"] == "completed", summary["error"]
    gen = assert_consistent(store, gen_id, media)
    if before.story is not None:  # a finished stage is reused as it was
        assert gen.story == before.story
    assert gen.seed == 202 and {c.seed for c in gen.clips} == {202}
    # One row for the generation, one clip per scene: the crash left no duplicates behind.
    assert [c.scene_id for c in gen.clips] == [s.id for s in gen.scenes]


def test_the_next_studio_start_finds_and_finishes_a_killed_generation(tmp_path: Path) -> None:
    data = tmp_path / "data"
    gen_id, _env, done_at_kill = _kill_mid_clips(data, seed=404)
    time.sleep(1.5)
    ctx = open_context(Settings(data_dir=data, max_concurrent=2))
    try:
        studio = Studio(ctx)
        assert recover(studio, stale_after_s=1) == [gen_id]  # what the page does on its first run
        gen = studio.start(gen_id).result(timeout=120)  # the driver recover() started
        assert gen.status == "completed", gen.error
        gen = assert_consistent(ctx.store, gen_id, ctx.providers.media)
        assert all(c.attempts == 1 for c in gen.clips if c.scene_id in done_at_kill)
        assert recover(studio, stale_after_s=0.0) == []
    finally:
        ctx.runner.shutdown()
