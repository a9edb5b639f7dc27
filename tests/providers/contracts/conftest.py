"""Every contract test fails when the text adapter fell back to plain JSON mode while it ran."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studio.providers import openai_text


@pytest.fixture(autouse=True)
def no_json_mode_fallback() -> Iterator[None]:
    before = sum(openai_text.json_mode_fallbacks.values())
    yield
    after = sum(openai_text.json_mode_fallbacks.values())
    assert after == before, (
        f"A server refused our JSON schema and the text adapter fell back to JSON mode: "
        f"{dict(openai_text.json_mode_fallbacks)}"
    )
