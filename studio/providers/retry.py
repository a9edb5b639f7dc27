"""Retries with backoff for calls to outside services, and the mapping of failures to named errors.

Transient failures (429, 5xx, timeouts, dropped connections) are retried with exponential backoff,
honouring Retry-After, for `RetryPolicy.attempts` tries; then the caller moves to the next model of its
fallback chain. A 4xx fails at once with a message a person can act on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TypeVar

from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt
from tenacity.wait import wait_base, wait_exponential

from studio.errors import ContentRefused, ProviderAuthError, ProviderError

log = logging.getLogger(__name__)
R = TypeVar("R")

# Words providers use when a safety filter refuses a prompt or an output.
_SAFETY_WORDS = ("safety", "nsfw", "flagged", "content policy", "sensitive", "moderation", "e005")


class TransientError(Exception):
    """A failure worth retrying; `retry_after` is the wait the provider asked for, in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts per model and the backoff between them (tests shrink the waits)."""

    attempts: int = 3
    initial_wait_s: float = 1.0
    max_wait_s: float = 30.0
    sleep: Callable[[float], None] = field(default=time.sleep)


class _WaitRetryAfterOrExponential(wait_base):
    """The provider's Retry-After when it sent one (capped), exponential backoff otherwise."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._exp = wait_exponential(multiplier=policy.initial_wait_s, max=policy.max_wait_s)

    def __call__(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(exc, TransientError) and exc.retry_after is not None:
            return min(max(exc.retry_after, 0.0), self._policy.max_wait_s)
        return self._exp(retry_state)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return None


def call_with_retries(fn: Callable[[], R], policy: RetryPolicy, what: str) -> R:
    """Run `fn`, retrying `TransientError`; after the last attempt raise a retryable `ProviderError`."""

    def _log(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("%s failed (attempt %d of %d): %s; retrying in %.1f s",
                    what, state.attempt_number, policy.attempts, exc, wait)

    retrying = Retrying(
        stop=stop_after_attempt(policy.attempts),
        wait=_WaitRetryAfterOrExponential(policy),
        retry=retry_if_exception_type(TransientError),
        sleep=policy.sleep,
        before_sleep=_log,
        reraise=True,
    )
    try:
        return retrying(fn)
    except TransientError as exc:
        raise ProviderError(
            f"{what} still failing after {policy.attempts} attempts: {exc}", retryable=True
        ) from None


def with_fallbacks(models: Sequence[str], attempt: Callable[[str], R], what: str) -> R:
    """Try each model in order; move on only when a model failed in a way another might not."""
    if not models:
        raise ProviderError(f"No model is configured for {what}.")
    last: ProviderError | None = None
    for i, model in enumerate(models):
        try:
            return attempt(model)
        except ProviderError as exc:
            if not exc.retryable or isinstance(exc, (ProviderAuthError, ContentRefused)):
                raise
            last = exc
            if i + 1 < len(models):
                log.warning("%s: %s failed (%s); falling back to %s", what, model, exc, models[i + 1])
    assert last is not None
    raise ProviderError(
        f"{what} failed with every model ({', '.join(models)}). Last error: {last}",
        provider=last.provider,
        retryable=True,
    )


def looks_like_safety_refusal(text: str) -> bool:
    """True when a provider's message says a safety filter stopped the request."""
    low = text.lower()
    return any(word in low for word in _SAFETY_WORDS)


def scrub(text: str, secrets: Sequence[str]) -> str:
    """The text with every secret replaced, for messages that echo a request back."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def error_for_status(
    status: int,
    detail: str,
    *,
    provider: str,
    key_var: str,
    credential: str = "key",
    retry_after: float | None = None,
    secrets: Sequence[str] = (),
) -> Exception:
    """The exception for an HTTP failure: `TransientError` to retry, else a named studio error."""
    detail = scrub(detail or "", secrets).strip()[:300]
    if status in (408, 409, 425, 429) or status >= 500:
        said = f": {detail}" if detail else ""
        return TransientError(f"{provider} answered {status}{said}", retry_after)
    if status in (401, 403):
        return ProviderAuthError(
            f"The {provider} {credential} was refused: check {key_var}", provider=provider
        )
    if looks_like_safety_refusal(detail):
        return ContentRefused(
            f"{provider}'s safety filter refused this request ({detail}). "
            "Reword the prompt or the scene and try again.",
            provider=provider,
        )
    if status == 422:
        return ProviderError(f"{provider} rejected the request as invalid: {detail}", provider=provider)
    if status == 404:
        # A model that is gone or not enabled for this account: another model of the chain may work.
        return ProviderError(f"{provider} has no such model or resource: {detail}", provider=provider,
                             retryable=True)
    if status == 402:
        return ProviderError(f"{provider} says the account needs credit: {detail}", provider=provider)
    return ProviderError(f"{provider} refused the request ({status}): {detail}", provider=provider)
