"""The hourly limit protects spend and a shared studio's people: never a command-line run with no key."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from pydantic import SecretStr

from studio.allowance import check_allowance, limit_applies
from studio.batch import BatchRecords, BatchRun, open_batch
from studio.bootstrap import open_context
from studio.config import Settings
from studio.errors import RateLimited
from studio.models import Brief
from studio.providers.registry import build_providers
from studio.service import Studio
from studio.variants import start_variants


def _brief() -> Brief:
    return Brief(prompt="Oat milk from Northfield, creamy and barista-ready.", resolution="360p",
                 duration_s=6, scene_count=3, seed=5)  # fmt: skip


def _studio(tmp_path: Path, **settings: object) -> Iterator[Studio]:
    offline = Settings(data_dir=tmp_path / "data", max_concurrent=2)
    chosen = offline.model_copy(update=settings)
    # With a key in the settings the providers stay offline: nothing here may reach a real service.
    ctx = open_context(chosen, providers=build_providers(offline))
    studio = Studio(ctx)
    studio.start = lambda gen_id: None  # type: ignore[method-assign]  # created, never run
    yield studio
    ctx.runner.shutdown()


@pytest.fixture
def offline_studio(tmp_path: Path) -> Iterator[Studio]:
    yield from _studio(tmp_path, rate_limit_per_hour=1)


@pytest.fixture
def keyed_studio(tmp_path: Path) -> Iterator[Studio]:
    yield from _studio(tmp_path, rate_limit_per_hour=2, replicate_api_token=SecretStr("r8_test_token"))


def test_twelve_offline_ads_in_a_row_from_the_command_line_are_all_created(offline_studio: Studio) -> None:
    made = [offline_studio.create(_brief(), "local", signed_in=False) for _ in range(12)]
    assert len({g.id for g in made}) == 12
    assert offline_studio.store.count_since("local", made[0].created_at)[0] == 12


def test_a_signed_in_person_is_refused_past_the_limit_even_offline(offline_studio: Studio) -> None:
    offline_studio.create(_brief(), "ana@example.com", signed_in=True)
    said = r"You have started 1 ads in the last hour \(the limit is 1\)\. The next one is possible in \d+ min"
    with pytest.raises(RateLimited, match=said):
        offline_studio.create(_brief(), "ana@example.com", signed_in=True)
    offline_studio.create(_brief(), "bo@example.com", signed_in=True)  # the limit is per person


def test_with_a_key_in_use_the_command_line_is_refused_too(keyed_studio: Studio) -> None:
    keyed_studio.create(_brief(), "local", signed_in=False)
    keyed_studio.create(_brief(), "local", signed_in=False)
    with pytest.raises(RateLimited, match=r"You have started 2 ads in the last hour \(the limit is 2\)"):
        keyed_studio.create(_brief(), "local", signed_in=False)


@pytest.mark.parametrize(
    ("settings", "signed_in", "applies"),
    [
        ({}, False, False),  # the command line (or the open page) with no key
        ({}, True, True),  # a person signed in to a shared studio
        ({"openai_api_key": SecretStr("sk-test")}, False, True),  # spend
        ({"replicate_api_token": SecretStr("r8_test")}, False, True),
        ({"openai_api_key": SecretStr("sk-test"), "offline": True}, False, False),  # the key is not used
    ],
)
def test_when_the_limit_applies(tmp_path: Path, settings: dict, signed_in: bool, applies: bool) -> None:
    assert limit_applies(Settings(data_dir=tmp_path, **settings), signed_in=signed_in) is applies


def test_a_variant_set_counts_all_its_ads_for_a_signed_in_person(offline_studio: Studio) -> None:
    with pytest.raises(RateLimited, match="3 variants are 3 ads, and you have 1 of your 1 ads an hour left"):
        start_variants(offline_studio, _brief(), "hook", 3, "ana@example.com", signed_in=True)
    assert offline_studio.store.list_generations(owner=None) == []
    # The same set from the command line with no key: nothing to protect, so it is made.
    check_allowance(offline_studio.store, offline_studio.ctx.settings, "local", signed_in=False, ads=3)


def _done(_gen_id: str) -> Future:
    future: Future = Future()
    future.set_result(None)
    return future


@pytest.mark.parametrize(("signed_in", "created"), [(False, 3), (True, 1)])
def test_a_batch_waits_at_the_limit_only_for_a_signed_in_person(
    offline_studio: Studio, signed_in: bool, created: int
) -> None:
    offline_studio.start = _done  # type: ignore[method-assign]
    sheet = b"prompt,duration,resolution,scenes\nAd one,6,360p,3\nAd two,6,360p,3\nAd three,6,360p,3\n"
    records = BatchRecords(offline_studio.store.engine)
    batch_id, _ = open_batch(offline_studio, records, sheet, "ads.csv", owner="ana")
    rows = BatchRun(offline_studio, records, batch_id, owner="ana", signed_in=signed_in).run()
    assert len(offline_studio.store.list_generations(owner="ana")) == created
    waiting = [r for r in rows if r.status == "waiting"]
    assert len(waiting) == 3 - created
    assert all("You have started 1 ads in the last hour" in (r.error or "") for r in waiting)
