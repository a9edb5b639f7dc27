"""A full disk during render and a missing ffmpeg: a clear message, a failed (not lost) generation that a
later `resume` finishes once the cause is gone."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.service import Studio
from studio.store.repo import Store
from tests.trust.helpers import assert_consistent, brief, cli_env, fresh_database, run_cli

pytestmark = pytest.mark.slow


def _ready_for_clips(settings: Settings) -> str:
    """A generation with its story, references, scenes and storyboard done and approved: only clips remain."""
    ctx = open_context(settings)
    try:
        studio = Studio(ctx)
        gen = studio.run(studio.create(brief(mode="interactive", duration_s=6, seed=9)).id)
        for stop in ("references", "scenes", "storyboard"):
            gen = studio.approve(gen.id).result()
            assert (gen.status, gen.stage) == ("awaiting_approval", stop), gen.error
        ctx.store.update(gen.id, lambda g: setattr(g, "storyboard_approved", True))
        return gen.id
    finally:
        ctx.runner.shutdown()


FSIZE_LIMIT = 16 * 1024


def _small_files_only() -> None:
    # RLIMIT_FSIZE: no file of this process or its children (ffmpeg, espeak-ng) may grow past 16 KB,
    # as on a disk with 16 KB left. Python ignores SIGXFSZ and sees EFBIG; ffmpeg is stopped by it.
    resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE_LIMIT, FSIZE_LIMIT))


@pytest.mark.postgres
def test_a_full_disk_during_render_fails_clearly_and_stays_resumable(
    postgres_url: str, tmp_path: Path
) -> None:
    # The database lives in Postgres (another process, no limit), so only the render hits the full disk.
    url = fresh_database(postgres_url, "trust_full_disk")
    data = tmp_path / "data"
    gen_id = _ready_for_clips(Settings(data_dir=data, database_url=url))
    env = cli_env(data, DATABASE_URL=url)

    full = run_cli(["resume", gen_id], env, preexec_fn=_small_files_only)
    assert full.returncode == 1, full.stderr[-2000:]
    store = Store.open(url)
    gen = store.get(gen_id)
    assert (gen.status, gen.stage) == ("failed", "clips")
    # whichever file meets the limit first (the encoder's video, a voice being saved), the person is told
    # what happened and what to do
    said = gen.error.lower()
    assert "the disk is full" in said and "free some space" in said and "then resume" in said, gen.error
    assert "the disk is full" in full.stdout  # the CLI's summary says it too
    failed = [c for c in gen.clips if c.status == "failed"]
    assert failed and all("the disk is full" in (c.error or "") for c in failed)
    kept = {c.scene_id: c.location for c in gen.clips if c.status == "complete"}

    # Space again: resume finishes, keeping what was finished.
    done = run_cli(["resume", gen_id], env)
    assert done.returncode == 0, done.stderr[-2000:]
    media = open_context(Settings(data_dir=data, database_url=url), with_runner=False).providers.media
    gen = assert_consistent(store, gen_id, media)
    for clip in gen.clips:
        if clip.scene_id in kept:
            assert clip.location == kept[clip.scene_id] and clip.attempts == 1
    store.engine.dispose()


def test_ffmpeg_missing_is_named_and_nothing_is_lost(tmp_path: Path) -> None:
    data = tmp_path / "data"
    gen_id = _ready_for_clips(Settings(data_dir=data))
    env = cli_env(data)

    broken = run_cli(["resume", gen_id], {**env, "IMAGEIO_FFMPEG_EXE": str(tmp_path / "no-ffmpeg")})
    assert broken.returncode in (1, 2), broken.stderr[-2000:]
    out = broken.stdout + broken.stderr
    says = f"ffmpeg was not found at {tmp_path / 'no-ffmpeg'}: point IMAGEIO_FFMPEG_EXE at"
    assert says in out, out[-2000:]
    assert "Traceback" not in out
    store = Store.open(f"sqlite:///{data / 'studio.db'}")
    gen = store.get(gen_id)
    assert gen.status == "failed" and gen.story is not None and len(gen.scenes) == 3  # nothing lost

    done = run_cli(["resume", gen_id], env)
    assert done.returncode == 0, done.stderr[-2000:]
    media = open_context(Settings(data_dir=data), with_runner=False).providers.media
    assert_consistent(store, gen_id, media)
    store.engine.dispose()
