"""Throttling the shared-password sign-in: backoff, lock, per person and per address, reset on success."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from studio.sign_in import ADDRESS_RULE, PERSON_RULE, SignInThrottle, ThrottleRule
from studio.store.repo import Store
from tests.trust.helpers import fresh_database

START = datetime(2026, 12, 7, 14, 0, 0, tzinfo=UTC)


class Clock:
    """An injected clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Iterator[Store]:
    """A new database at the newest migration: a SQLite file, or one of its own on the test Postgres."""
    if request.param == "sqlite":
        s = Store.open(f"sqlite:///{tmp_path / 'studio.db'}")
        yield s
        s.engine.dispose()
        return
    base = request.getfixturevalue("postgres_url")
    name = "t_" + uuid.uuid4().hex[:10]
    s = Store.open(fresh_database(base, name))
    yield s
    s.engine.dispose()
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def throttle(store: Store, clock: Clock) -> SignInThrottle:
    return SignInThrottle(store.engine, clock=clock)


def _fail(throttle: SignInThrottle, clock: Clock, times: int, person: str = "ana", address: str = "10.0.0.1"):
    """`times` wrong passwords, each as soon as the throttle lets it through; the last refusal."""
    refusal = None
    for _ in range(times):
        if (waiting := throttle.check(person, address)) is not None:
            clock.now = waiting.until
        refusal = throttle.failed(person, address)
    return refusal


def test_the_person_rule_waits_two_to_the_n_seconds_after_three_failures_and_locks_at_ten() -> None:
    waits = [PERSON_RULE.wait_after(n).total_seconds() for n in range(12)]
    assert waits == [0, 0, 0, 8, 16, 32, 64, 128, 256, 512, 900, 900]
    assert ADDRESS_RULE.free > PERSON_RULE.free and ADDRESS_RULE.lock_at > PERSON_RULE.lock_at


def test_three_failures_pass_freely_then_each_attempt_waits_longer(throttle, clock) -> None:
    assert _fail(throttle, clock, 2) is None
    assert throttle.check("ana", "10.0.0.1") is None
    refusal = throttle.failed("ana", "10.0.0.1")  # the third
    assert refusal is not None and (refusal.kind, refusal.failures, refusal.locked) == ("person", 3, False)
    assert refusal.until == START + timedelta(seconds=8)
    assert refusal.message(clock()) == (
        "Too many wrong passwords for this name. Wait, then try again in 8 s, at 14:00:08 UTC."
    )
    clock.tick(7)
    assert throttle.check("ana", "10.0.0.1") is not None  # the right password would be refused too
    clock.tick(1)
    assert throttle.check("ana", "10.0.0.1") is None
    refusal = throttle.failed("ana", "10.0.0.1")  # the fourth: 16 s
    assert refusal is not None and refusal.until - clock() == timedelta(seconds=16)


def test_ten_failures_lock_the_name_for_fifteen_minutes_and_one_more_locks_it_again(throttle, clock) -> None:
    refusal = _fail(throttle, clock, 10)
    assert refusal is not None and refusal.locked and refusal.failures == 10
    assert refusal.until - clock() == timedelta(minutes=15)
    locked_at = clock()
    assert refusal.message(clock()) == (
        "Sign-in is locked for this name after 10 wrong passwords. "
        f"Try again in 15 min, at {locked_at + timedelta(minutes=15):%H:%M:%S} UTC."
    )
    clock.tick(14 * 60 + 59)
    assert throttle.check("ana", "10.0.0.2") is not None  # from anywhere: the name is locked
    clock.tick(1)
    assert throttle.check("ana", "10.0.0.2") is None
    again = throttle.failed("ana", "10.0.0.2")
    assert again is not None and again.locked and again.until - clock() == timedelta(minutes=15)


def test_a_quiet_hour_forgets_the_failures(throttle, clock) -> None:
    _fail(throttle, clock, 5)
    clock.tick(3600)
    assert throttle.check("ana", "10.0.0.1") is None
    assert throttle.failed("ana", "10.0.0.1") is None  # counted from one again


def test_the_person_count_is_per_name_and_the_address_count_spans_names(throttle, clock) -> None:
    _fail(throttle, clock, 3, person="ana", address="10.0.0.1")
    assert throttle.check("ana", "10.0.0.1").kind == "person"
    assert throttle.check("bo", "10.0.0.1") is None  # another name from the same address: not yet
    assert throttle.check("Ana ", "10.9.9.9") is not None  # the same name (case and spaces aside) elsewhere
    # Names sprayed from one address: each name stays under its free three, the address does not.
    clock.tick(3600)  # ana's failures (and the address's) are forgotten first
    for name in ["bo", "cy", "di"]:
        assert throttle.failed(name, "10.0.0.1") is None
        throttle.failed(name, "10.0.0.1")
    refusal = throttle.check("ed", "10.0.0.1")
    assert refusal is not None and refusal.kind == "address" and refusal.failures == ADDRESS_RULE.free
    assert "from your network" in refusal.message(clock())
    assert throttle.check("ed", "10.0.0.2") is None  # another address is free


def test_a_successful_sign_in_clears_the_persons_count_but_not_the_addresss(throttle, clock) -> None:
    _fail(throttle, clock, 2)
    throttle.succeeded("ANA")
    assert _fail(throttle, clock, 2) is None  # two more pass freely: the count started again
    small = SignInThrottle(throttle.engine, clock=clock, address_rule=ThrottleRule(free=4, lock_at=9))
    assert small.check("bo", "10.0.0.1") is not None  # the address saw four failures


def test_two_failures_at_once_both_count(throttle, clock) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: throttle.failed("ana", "10.0.0.1"), range(8)))
    refusal = throttle.check("ana", "10.0.0.1")
    assert refusal is not None and refusal.failures == 8


def test_each_failure_and_refusal_is_logged_with_the_name_and_address(
    throttle, clock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        _fail(throttle, clock, 4, person="ana@example.com", address="203.0.113.9")
        refusal = throttle.check("ana@example.com", "203.0.113.9")
        throttle.refused("ana@example.com", "203.0.113.9", refusal)
    failures = [r.getMessage() for r in caplog.records if "sign-in failed" in r.getMessage()]
    assert len(failures) == 4
    assert "'ana@example.com' from 203.0.113.9 (4 for this name, 4 from this address)" in failures[-1]
    assert any("sign-in refused: person waiting" in r.getMessage() for r in caplog.records)
    # That the password typed never reaches the log: tests/ui/test_sign_in_page.py.
