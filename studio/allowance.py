"""The hourly allowance of new ads: it protects spend and a shared studio's people, not a lone offline run.

`STUDIO_RATE_LIMIT_PER_HOUR` counts the ads one owner started in the last hour. It applies when
- a provider with a key is in use (OpenAI or Replicate): every ad may cost money, whoever asks; or
- the caller is a person signed in to a shared studio (the page with a team password or OIDC): the
  machine is shared, so nobody takes all of it.
A command-line run (or the open, single-user page) with no key in use is never refused: its ads cost
nothing and nobody else waits on them. The caller says which it is (`signed_in`); nothing is looked up
from globals.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from studio.config import Settings
from studio.errors import RateLimited
from studio.models import utcnow
from studio.store.repo import Store

HOUR = timedelta(hours=1)


def uses_paid_providers(settings: Settings) -> bool:
    """True when a provider with a key is in use, so an ad may cost money."""
    return settings.use_openai or settings.use_replicate


def limit_applies(settings: Settings, *, signed_in: bool) -> bool:
    """Whether the hourly limit binds this caller: a signed-in person, or anyone while a key is in use."""
    return signed_in or uses_paid_providers(settings)


def check_allowance(
    store: Store,
    settings: Settings,
    owner: str,
    *,
    signed_in: bool,
    ads: int = 1,
    now: datetime | None = None,
) -> None:
    """Refuse `ads` new ads for `owner` past the hourly limit (when it applies), saying when to try again."""
    if not limit_applies(settings, signed_in=signed_in):
        return
    now = now or utcnow()
    limit = settings.rate_limit_per_hour
    count, oldest = store.count_since(owner, now - HOUR)
    if count + ads <= limit:
        return
    if ads > 1:
        raise RateLimited(
            f"{ads} variants are {ads} ads, and you have {max(0, limit - count)} of your {limit} ads an hour "
            "left: ask for fewer variants or try again later."
        )
    next_at = (oldest or now) + HOUR
    minutes = max(1, math.ceil((next_at - now).total_seconds() / 60))
    raise RateLimited(
        f"You have started {count} ads in the last hour (the limit is {limit}). "
        f"The next one is possible in {minutes} min, at {next_at:%H:%M} UTC."
    )
