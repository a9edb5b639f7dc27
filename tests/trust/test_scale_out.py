"""More than one machine: clips rendered on a Dask cluster's worker processes with media in S3, a whole
generation on Postgres, and two studio processes sharing one database and one bucket, the second
finishing what the first began before it was killed."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import boto3
import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from studio.bootstrap import open_context
from studio.config import Settings
from studio.pipeline.clips import plan_chains
from studio.service import Studio
from studio.store.repo import Store
from tests.media import s3_fixture
from tests.media.s3_fixture import BUCKET
from tests.trust.helpers import (
    PROMPT,
    SMALL,
    Poller,
    assert_consistent,
    brief,
    cli_env,
    fresh_database,
    kill_hard,
    run_cli,
    start_cli,
    wait_for,
)

moto_s3 = s3_fixture.moto_s3
s3_settings = s3_fixture.s3_settings
pytestmark = pytest.mark.slow


def _objects(endpoint: str, prefix: str) -> dict[str, str]:
    """Keys under `prefix` in the test bucket, with their ETags."""
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return {o["Key"]: o["ETag"] for page in pages for o in page.get("Contents", [])}


def test_settings_with_keys_pickle_for_the_workers() -> None:
    keyed = Settings(openai_api_key=SecretStr("sk-x" * 8), replicate_api_token=SecretStr("r8_y" * 8))
    back = pickle.loads(pickle.dumps(keyed))
    assert back == keyed and back.openai_api_key.get_secret_value() == "sk-x" * 8
    assert back.model_dump_json() == keyed.model_dump_json()  # the same worker-side context key


def test_clips_render_on_dask_worker_processes_with_media_in_s3(s3_settings: Settings, moto_s3: str) -> None:
    from distributed import Client, LocalCluster, get_task_stream

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        settings = s3_settings.model_copy(update={"executor": cluster.scheduler_address})
        worker_pids = set(client.run(os.getpid).values())
        assert len(worker_pids) == 2 and os.getpid() not in worker_pids
        ctx = open_context(settings)
        assert ctx.runner.distributed and ctx.runner.parallelism == 2
        try:
            studio = Studio(ctx)
            with get_task_stream(client) as tasks:
                gen = studio.run(studio.create(brief(duration_s=6, seed=31)).id)
            gen = assert_consistent(ctx.store, gen.id, ctx.providers.media)
        finally:
            ctx.runner.shutdown()
        ran = [(t["key"], t["worker"]) for t in tasks.data]
        clip_tasks = [w for key, w in ran if "render_chain" in str(key)]
        assert len(clip_tasks) == len(plan_chains(gen.scenes))  # one task per chain, each on a worker
        assert set(clip_tasks) <= set(cluster.workers[n].worker_address for n in cluster.workers)
        assert any("score_ad" in str(key) for key, _ in ran)  # offline clips are scored as slices of it

    # Every result lives in the bucket; the studio's own disk holds no media folder at all.
    stored = _objects(moto_s3, f"studio/generations/{gen.id}/")
    for clip in gen.clips:
        assert f"studio/{clip.location}" in stored and f"studio/{clip.last_frame}" in stored
    assert f"studio/{gen.ad.location}" in stored
    assert not (settings.data_dir / "media").exists()
    leftovers = [p for p in (settings.data_dir / "work").rglob("*") if p.is_file()]
    assert leftovers == []  # the work folder is scratch, emptied after each clip


@pytest.mark.postgres
def test_a_whole_generation_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    url = fresh_database(postgres_url, "trust_e2e")
    ctx = open_context(Settings(data_dir=tmp_path / "data", database_url=url, max_concurrent=2))
    try:
        studio = Studio(ctx)
        gen = studio.run(studio.create(brief(duration_s=6, seed=55)).id)
        gen = assert_consistent(ctx.store, gen.id, ctx.providers.media)
    finally:
        ctx.runner.shutdown()
    assert ctx.store.engine.dialect.name == "postgresql"
    assert not (tmp_path / "data" / "studio.db").exists()
    with sa.create_engine(url).connect() as conn:
        status, version = conn.execute(
            sa.text("SELECT status, version FROM generations WHERE id = :g"), {"g": gen.id}
        ).one()
        scored = conn.execute(
            sa.text("SELECT count(*) FROM quality_metrics WHERE generation_id = :g AND error IS NULL"),
            {"g": gen.id},
        ).scalar()
    assert status == "completed" and version == gen.version
    assert scored == len(gen.clips) + 1  # every clip and the ad


@pytest.mark.postgres
def test_a_second_studio_finishes_what_a_killed_one_began(
    postgres_url: str, s3_settings: Settings, moto_s3: str, tmp_path: Path
) -> None:
    url = fresh_database(postgres_url, "trust_two_studios")
    s3 = {
        "DATABASE_URL": url,
        "STUDIO_STORAGE": "s3",
        "S3_BUCKET": BUCKET,
        "S3_PREFIX": "studio",
        "S3_ENDPOINT_URL": moto_s3,
        "AWS_ACCESS_KEY_ID": s3_fixture.FAKE_ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": s3_fixture.FAKE_SECRET_KEY,
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    # Two machines: each its own data folder (scratch and cache only); the truth is in Postgres and S3.
    env_a = cli_env(tmp_path / "machine_a", STUDIO_MAX_CONCURRENT="1", **s3)
    env_b = cli_env(tmp_path / "machine_b", **s3)
    proc = start_cli(["generate", "--auto", "--prompt", PROMPT, *SMALL, "--seed", "303"], env_a)
    poll = Poller(url)
    try:
        gen_id = wait_for(lambda: (poll.generation() or {}).get("id"), 60, "the generation row", proc)
        wait_for(lambda: poll.complete_clips(gen_id), 90, "a clip finished on machine A", proc)
        kill_hard(proc)
        done_by_a = poll.complete_clips(gen_id)
    finally:
        if proc.poll() is None:
            kill_hard(proc)
        poll.close()
    assert 1 <= len(done_by_a) < 3
    store = Store.open(url)
    before = store.get(gen_id)
    a_clips = {c.scene_id: c.location for c in before.clips if c.scene_id in done_by_a}
    a_objects = _objects(moto_s3, f"studio/generations/{gen_id}/clips/")

    done = run_cli(["resume", gen_id, "--format", "json"], env_b)
    assert done.returncode == 0, done.stderr[-2000:]
    media = open_context(
        Settings(data_dir=tmp_path / "machine_b", database_url=url, storage="s3", s3_bucket=BUCKET,
                 s3_endpoint_url=moto_s3),
        with_runner=False,
    ).providers.media  # fmt: skip
    gen = assert_consistent(store, gen_id, media)
    after = _objects(moto_s3, f"studio/generations/{gen_id}/clips/")
    for sid, location in a_clips.items():
        clip = next(c for c in gen.clips if c.scene_id == sid)
        assert clip.location == location and clip.attempts == 1  # machine A's clip, reused by B
        assert after[f"studio/{location}"] == a_objects[f"studio/{location}"]  # the same object
    assert not (tmp_path / "machine_b" / "media").exists()
    store.engine.dispose()
