"""Worker tasks look their context up by settings: each context keeps its own providers."""

from __future__ import annotations

from dataclasses import replace

from studio.bootstrap import context_for, open_context, register_context
from studio.config import Settings
from studio.providers.registry import build_providers


def test_two_contexts_on_the_same_settings_keep_their_own_providers(settings: Settings) -> None:
    base = build_providers(settings)
    one = open_context(settings, providers=replace(base), with_runner=False)
    two = open_context(settings, providers=replace(base), with_runner=False)
    register_context(one)
    register_context(two)  # before: the second replaced the first, and `one`'s tasks used `two`'s providers
    assert one.settings.providers_tag and one.settings.providers_tag != two.settings.providers_tag
    assert context_for(one.settings).providers is one.providers
    assert context_for(two.settings).providers is two.providers
    assert one.settings.fingerprint() != two.settings.fingerprint()


def test_a_context_built_from_settings_alone_is_found_by_the_same_settings(settings: Settings) -> None:
    ctx = context_for(settings)  # a worker with nothing injected builds its own, once
    assert ctx.settings.providers_tag == ""
    assert context_for(settings) is ctx
