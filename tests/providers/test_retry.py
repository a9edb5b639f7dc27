"""Retries, fallbacks, failure mapping, the in-flight limiter, cancellation and the price table."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from studio.errors import Cancelled, ContentRefused, ProviderAuthError, ProviderError
from studio.providers.costs import estimate
from studio.providers.limits import InFlightLimiter, shared_limiter
from studio.providers.retry import (
    RetryPolicy,
    TransientError,
    call_with_retries,
    error_for_status,
    parse_retry_after,
    with_fallbacks,
)
from studio.run import Run


def test_transient_errors_retried_three_times_with_exponential_backoff() -> None:
    waits: list[float] = []
    calls: list[int] = []

    def flaky() -> str:
        calls.append(1)
        raise TransientError("Replicate answered 503")

    with pytest.raises(ProviderError, match="after 3 attempts") as info:
        call_with_retries(flaky, RetryPolicy(initial_wait_s=1.0, sleep=waits.append), "Starting x")
    assert len(calls) == 3 and waits == [1.0, 2.0] and info.value.retryable


def test_retry_after_is_honoured_and_capped() -> None:
    waits: list[float] = []
    replies = iter([TransientError("429", retry_after=4.0), TransientError("429", retry_after=600.0)])

    def fn() -> str:
        exc = next(replies, None)
        if exc:
            raise exc
        return "ok"

    assert call_with_retries(fn, RetryPolicy(max_wait_s=30, sleep=waits.append), "x") == "ok"
    assert waits == [4.0, 30.0]
    assert parse_retry_after("7") == 7.0 and parse_retry_after(None) is None
    assert 0 <= parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") < 1  # a date in the past: no wait


def test_non_transient_errors_are_not_retried() -> None:
    calls: list[int] = []

    def fn() -> None:
        calls.append(1)
        raise ProviderAuthError("refused")

    with pytest.raises(ProviderAuthError):
        call_with_retries(fn, RetryPolicy(sleep=lambda s: None), "x")
    assert calls == [1]


def test_fallbacks_in_order_and_stop_at_a_non_retryable_error() -> None:
    tried: list[str] = []

    def attempt(model: str) -> str:
        tried.append(model)
        if model != "c":
            raise ProviderError(f"{model} down", retryable=True)
        return model

    assert with_fallbacks(["a", "b", "c"], attempt, "The image") == "c" and tried == ["a", "b", "c"]
    tried.clear()

    def refused(model: str) -> str:
        tried.append(model)
        raise ContentRefused("safety")

    with pytest.raises(ContentRefused):
        with_fallbacks(["a", "b"], refused, "The image")
    assert tried == ["a"]
    with pytest.raises(ProviderError, match=r"every model \(a, b\)"):
        with_fallbacks(["a", "b"], lambda m: attempt("x"), "The image")


@pytest.mark.parametrize("status, detail, kind, words", [
    (401, "Unauthenticated", ProviderAuthError, "The Replicate token was refused: check REPLICATE_API_TOKEN"),
    (403, "", ProviderAuthError, "check REPLICATE_API_TOKEN"),
    (422, "- input.seed: Must be less than 2147483647", ProviderError, "input.seed"),
    (400, "The input was flagged as sensitive (E005)", ContentRefused, "Reword"),
    (429, "throttled", TransientError, "429"),
    (503, "", TransientError, "503"),
])
def test_error_for_status(status: int, detail: str, kind: type, words: str) -> None:
    exc = error_for_status(status, detail, provider="Replicate", key_var="REPLICATE_API_TOKEN",
                           credential="token")
    assert type(exc) is kind and words in str(exc)


def test_error_detail_is_scrubbed_of_secrets() -> None:
    exc = error_for_status(422, "bad input for token r8_SECRET", provider="Replicate", key_var="K",
                           secrets=["r8_SECRET"])
    assert "r8_SECRET" not in str(exc) and "***" in str(exc)


def _hammer(limiter: InFlightLimiter, jobs: int, hold_s: float) -> int:
    """Run `jobs` tasks at once through the limiter; return the most seen in flight."""
    lock, current, seen = threading.Lock(), [0], [0]

    def job() -> None:
        with limiter.slot():
            with lock:
                current[0] += 1
                seen[0] = max(seen[0], current[0])
            time.sleep(hold_s)
            with lock:
                current[0] -= 1

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda _: job(), range(jobs)))
    return seen[0]


def test_limiter_caps_in_flight_and_lets_all_through_below_the_limit() -> None:
    assert _hammer(InFlightLimiter(3), 9, 0.03) == 3
    limiter = InFlightLimiter(8)
    assert _hammer(limiter, 5, 0.05) == 5 and limiter.peak == 5 and limiter.in_flight == 0


def test_shared_limiter_is_one_object_per_process() -> None:
    a = shared_limiter(5)
    assert shared_limiter(5) is a
    assert shared_limiter(7) is a and a.limit == 7
    a.resize(5)


def test_run_cancel_and_waiting_for_a_slot_stops_when_cancelled() -> None:
    stop = threading.Event()
    run = Run("g1", cancelled=stop.is_set)
    assert not run.cancelled()
    stop.set()
    assert run.cancelled()
    limiter = InFlightLimiter(1)
    limiter.acquire()
    with pytest.raises(Cancelled), limiter.slot(run.cancelled):
        pass
    assert limiter.in_flight == 1  # the cancelled waiter never took a slot
    assert not Run("g2").cancelled()  # another generation's run is not stopped


def test_price_table_estimates() -> None:
    assert estimate("google/veo-3-fast", seconds=8, videos=1) == pytest.approx(0.8)
    assert estimate("wan-video/wan-2.2-i2v-fast", seconds=5, videos=1) == pytest.approx(0.11)
    assert estimate("gpt-4.1-mini", input_tokens=1000, output_tokens=1000) == pytest.approx(0.002)
    assert estimate("tts-1", characters=1000) == pytest.approx(0.015)
    assert estimate("some/unknown-model", images=1) is None
