"""`python -m studio generate` and the hourly limit: offline with no key it never refuses; with a key it does.

Real processes. With STUDIO_RATE_LIMIT_PER_HOUR=1, three tiny offline ads in a row all finish (the rule,
more cheaply than twelve; tests/test_allowance.py creates twelve in-process). With keys set (the loopback
OpenAI and Replicate), an hour that already holds one ad refuses the next with its message, before any
paid call.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.models import Brief, Generation
from studio.store.repo import Store
from tests.journeys.helpers import PROMPT, SMALL, keyed_env, new_keys
from tests.loopback.server import LoopbackServer
from tests.trust.helpers import cli_env, run_cli

pytestmark = pytest.mark.e2e
LIMIT_ONE = {"STUDIO_RATE_LIMIT_PER_HOUR": "1"}


def test_offline_ads_in_a_row_past_the_limit_all_finish(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", **LIMIT_ONE)
    made = []
    for seed in (1, 2, 3):
        proc = run_cli(["generate", "--prompt", PROMPT, "--auto", *SMALL, "--seed", str(seed),
                        "--format", "json"], env, timeout=300)  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "You have started" not in proc.stderr
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        assert result["status"] == "completed", result["error"]
        made.append(result["generation_id"])
    assert len(set(made)) == 3


def test_with_keys_the_limit_still_refuses_before_any_paid_call(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store.open(f"sqlite:///{data / 'studio.db'}")
    earlier = Generation(id="earlier000000001", owner="local", brief=Brief(prompt=PROMPT), status="completed")
    store.create(earlier)
    store.engine.dispose()
    key, token = new_keys()
    with LoopbackServer(openai_key=key, replicate_token=token) as server:
        env = keyed_env(data, server, **LIMIT_ONE)
        proc = run_cli(["generate", "--prompt", PROMPT, "--auto", *SMALL], env)
        paid = server.records(method="POST")
    assert proc.returncode == 2, proc.stderr[-3000:]
    said = "You have started 1 ads in the last hour (the limit is 1). The next one is possible in"
    assert said in proc.stderr
    assert paid == []  # no completion, no prediction: refused before anything costs money
