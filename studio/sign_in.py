"""Throttling the shared-password sign-in: wrong passwords slow down, then lock, a name and an address.

Failed attempts are counted per person (the name or email typed, lower-cased) and per address (the
client's IP as Streamlit sees it). From `free` failures on, each new attempt waits: 8 s, then double
for every further failure (for a person: 2^n seconds after n failures); at `lock_at` failures the name
or address is locked for `lock_for`, and a failure after a lock locks it again. A quiet `forget_after`
clears the count; a successful sign-in clears the person's (not the address's). While a wait or a lock
lasts, every attempt is refused without looking at the password, the right one included.

The counts live in the studio's database (table `sign_in_failures`, migration 0007), not in
`st.session_state`: a reload is a new Streamlit session, and several studio processes may share one
database. Each failure is logged with the name and address, never the password.

OIDC (`st.login`): the password is typed at the identity provider, which throttles it; a refusal or
error it sends back is handled inside Streamlit's own callback route (logged there, the visitor sent
back to the sign-in button), so the studio's script never sees a failure to count. Nothing here
applies to OIDC.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from studio.models import utcnow
from studio.store.tables import SignInFailureRow

log = logging.getLogger(__name__)
F = SignInFailureRow.__table__

LOCAL_ADDRESS = "localhost"
"""The address of a visitor on this machine (Streamlit gives no IP for loopback connections)."""
MAX_KEY = 200


@dataclass(frozen=True)
class ThrottleRule:
    """How many failures pass freely, how the wait grows after them, and when a lock comes."""

    free: int
    lock_at: int
    lock_for: timedelta = timedelta(minutes=15)
    first_wait: timedelta = timedelta(seconds=8)
    forget_after: timedelta = timedelta(hours=1)

    def wait_after(self, failures: int) -> timedelta:
        """How long after the last of `failures` failures the next attempt must wait."""
        if failures < self.free:
            return timedelta(0)
        if failures >= self.lock_at:
            return self.lock_for
        return min(self.first_wait * 2 ** (failures - self.free), self.lock_for)


PERSON_RULE = ThrottleRule(free=3, lock_at=10)
"""One name: after 3 wrong passwords wait 8 s, 16 s, ... 512 s (2^n s); at 10, locked for 15 minutes."""
ADDRESS_RULE = ThrottleRule(free=6, lock_at=20)
"""One address: several people may share it (an office, a VPN), so it gets more room than one name."""


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused now, and until when."""

    kind: str
    """`person` or `address`."""
    failures: int
    until: datetime
    locked: bool

    def message(self, now: datetime) -> str:
        """What the sign-in page says: who is throttled, and when to try again."""
        whom = "for this name" if self.kind == "person" else "from your network"
        seconds = max(1, round((self.until - now).total_seconds()))
        when = f"in {seconds} s" if seconds < 120 else f"in {-(-seconds // 60)} min"
        at = f"{self.until:%H:%M:%S} UTC"
        if self.locked:
            return (
                f"Sign-in is locked {whom} after {self.failures} wrong passwords. Try again {when}, at {at}."
            )
        return f"Too many wrong passwords {whom}. Wait, then try again {when}, at {at}."


@dataclass(frozen=True)
class _Count:
    failures: int
    last: datetime


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value  # SQLite gives naive values


def person_key(name: str) -> str:
    return name.strip().lower()[:MAX_KEY]


def address_key(address: str | None) -> str:
    return (address or LOCAL_ADDRESS).strip()[:MAX_KEY] or LOCAL_ADDRESS


class SignInThrottle:
    """Counts failed sign-ins per person and per address in the studio's database."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = utcnow,
        person_rule: ThrottleRule = PERSON_RULE,
        address_rule: ThrottleRule = ADDRESS_RULE,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.rules = {"person": person_rule, "address": address_rule}

    def _keys(self, person: str, address: str | None) -> dict[str, str]:
        return {"person": person_key(person), "address": address_key(address)}

    def _counts(self, conn: sa.Connection, keys: dict[str, str], now: datetime) -> dict[str, _Count]:
        rows = conn.execute(
            sa.select(F.c.kind, F.c.key, F.c.failures, F.c.last_failure_at).where(
                sa.or_(*(sa.and_(F.c.kind == kind, F.c.key == key) for kind, key in keys.items()))
            )
        ).all()
        counts = {}
        for kind, _key, failures, last in rows:
            last = _utc(last)
            if now - last < self.rules[kind].forget_after:
                counts[kind] = _Count(failures, last)
        return counts

    def check(self, person: str, address: str | None) -> Refusal | None:
        """The refusal that holds now for this name or address (the longer one), or None: try the password."""
        now = self.clock()
        with self.engine.connect() as conn:
            counts = self._counts(conn, self._keys(person, address), now)
        refusals = []
        for kind, count in counts.items():
            rule = self.rules[kind]
            until = count.last + rule.wait_after(count.failures)
            if now < until:
                refusals.append(Refusal(kind, count.failures, until, count.failures >= rule.lock_at))
        return max(refusals, key=lambda r: r.until, default=None)

    def failed(self, person: str, address: str | None) -> Refusal | None:
        """Count a wrong password for the name and the address; the refusal it brings, if any."""
        now = self.clock()
        keys = self._keys(person, address)
        with self.engine.begin() as conn:
            for kind, key in keys.items():
                self._count_one(conn, kind, key, now)
            # Forgotten counts are dropped on the way, so names tried once do not pile up.
            oldest = max(rule.forget_after for rule in self.rules.values())
            conn.execute(sa.delete(F).where(F.c.last_failure_at <= now - oldest))
            counts = self._counts(conn, keys, now)
        log.warning(
            "sign-in failed: wrong password for %r from %s (%d for this name, %d from this address)",
            keys["person"], keys["address"],
            counts["person"].failures if "person" in counts else 1,
            counts["address"].failures if "address" in counts else 1,
        )  # fmt: skip
        return self.check(person, address)

    def _count_one(self, conn: sa.Connection, kind: str, key: str, now: datetime) -> None:
        # One upsert, so two failures at once both count (SQLite and Postgres both have ON CONFLICT).
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        forgotten = F.c.last_failure_at <= now - self.rules[kind].forget_after
        conn.execute(
            insert(F)
            .values(kind=kind, key=key, failures=1, last_failure_at=now)
            .on_conflict_do_update(
                index_elements=[F.c.kind, F.c.key],
                set_={"failures": sa.case((forgotten, 1), else_=F.c.failures + 1), "last_failure_at": now},
            )
        )

    def refused(self, person: str, address: str | None, refusal: Refusal) -> None:
        """Log an attempt refused while a wait or lock lasts (the password was not looked at)."""
        keys = self._keys(person, address)
        log.warning(
            "sign-in refused: %s %s until %s (attempt for %r from %s)",
            refusal.kind, "locked" if refusal.locked else "waiting", f"{refusal.until:%H:%M:%S} UTC",
            keys["person"], keys["address"],
        )  # fmt: skip

    def succeeded(self, person: str) -> None:
        """A right password: the person's count starts again (the address keeps its own)."""
        with self.engine.begin() as conn:
            conn.execute(sa.delete(F).where(F.c.kind == "person", F.c.key == person_key(person)))
