"""What the OpenAI adapters share: a call with retries and failures turned into named studio errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import openai

from studio.errors import ProviderError
from studio.providers.retry import (
    RetryPolicy,
    TransientError,
    call_with_retries,
    error_for_status,
    parse_retry_after,
)

R = TypeVar("R")
PROVIDER = "OpenAI"
KEY_VAR = "OPENAI_API_KEY"


def translate(exc: Exception, secrets: Sequence[str] = ()) -> Exception:
    """The studio exception (or `TransientError`) for an openai client exception."""
    if isinstance(exc, openai.APIStatusError):
        body = exc.body if isinstance(exc.body, dict) else {}
        detail = str(body.get("message") or exc.message)
        return error_for_status(
            exc.status_code, detail, provider=PROVIDER, key_var=KEY_VAR, credential="key",
            retry_after=parse_retry_after(exc.response.headers.get("retry-after")), secrets=secrets,
        )
    if isinstance(exc, openai.APIConnectionError):  # includes timeouts
        return TransientError(f"{PROVIDER} could not be reached ({type(exc).__name__})")
    return exc


def call_openai(fn: Callable[[], R], policy: RetryPolicy, what: str, secrets: Sequence[str] = ()) -> R:
    """Run one OpenAI request with our retries (the client's own are turned off to keep one policy)."""

    def once() -> R:
        try:
            return fn()
        except openai.APIError as exc:
            raise translate(exc, secrets) from None

    try:
        return call_with_retries(once, policy, what)
    except ProviderError as exc:
        exc.provider = exc.provider or PROVIDER
        raise


def server_label(model: str, base_url: str | None) -> str:
    """The adapter's name for the page: the model, and the host when it is not OpenAI itself."""
    if not base_url:
        return f"OpenAI {model}"
    from urllib.parse import urlsplit

    host = urlsplit(base_url).hostname or base_url
    return f"OpenAI-compatible {model} at {host}"
