"""Revise a story against the critic's issues: keep what works, fix what the critique names."""

from __future__ import annotations

from studio.models import FRAMEWORK_BEATS, Beat, Brief, Story, StoryCritique
from studio.providers.offline.words.brief_reader import BriefFacts
from studio.providers.offline.words.critic import HOOK_WORDS_MAX
from studio.providers.offline.words.director import call_to_action, slots, word_budget
from studio.providers.offline.words.frameworks import HOOKS, beat_templates, choose
from studio.providers.offline.words.text import (
    capitalise,
    end_with_mark,
    rng_for,
    split_sentences,
    word_count,
)
from studio.providers.offline.words.tones import tone


def revise_story(
    brief: Brief, facts: BriefFacts, previous: Story, critique: StoryCritique, seed: int | None
) -> Story:
    """The previous story with each issue in the critique fixed; untouched beats keep their words."""
    if previous.product_name and previous.product_name != facts.product_name:
        facts.brand = previous.product_name
    voice = tone(previous.tone)
    rng = rng_for(seed, "revise", previous.revision, critique.critique)
    values, have = slots(facts, voice, rng)
    said = " ".join(critique.issues or [critique.critique]).lower()
    framework = previous.framework
    old = {b.name.strip().lower(): b.text for b in previous.beats if b.text.strip()}
    lines: list[list[str]] = []
    for name in FRAMEWORK_BEATS[framework]:
        if name.lower() in old:
            lines.append(split_sentences(old[name.lower()]))
        else:
            written = choose(rng, beat_templates(framework, name).long, have) or "{Product}."
            lines.append([capitalise(written.format(**values))])

    if "hook" in said:
        first = lines[0][0] if lines[0] else ""
        if word_count(first) > HOOK_WORDS_MAX or not first.endswith(("?", "!")):
            short_hooks = tuple(h for h in HOOKS[framework] if len(h[0].split()) <= HOOK_WORDS_MAX)
            hook = choose(rng, short_hooks, have) or "Here's your sign to upgrade."
            lines[0].insert(0, capitalise(hook.format(**values)))
    if "product not named" in said or ("product" in said and "named" in said):
        lines[min(1, len(lines) - 1)].insert(0, f"Meet {facts.product}.")
    if "benefit" in said:
        benefit = f"It {facts.benefits[0]}." if facts.benefits else "It makes every day a little easier."
        lines[max(0, len(lines) - 2)].append(benefit)

    cta = previous.call_to_action.strip()
    if "call to action" in said or not cta:
        if "no clear call to action" in said or not cta:
            cta = end_with_mark(call_to_action(facts, voice, rng), voice.mark)
        cta_key = cta.lower().rstrip(".!")
        lines[-1] = [s for s in lines[-1] if s.lower().rstrip(".!") != cta_key] + [end_with_mark(cta)]

    budget = word_budget(brief.duration_s)
    if "too long" in said:
        _trim(lines, round(budget * 0.85))
    elif "too short" in said:
        extra = f"It {facts.benefits[0]}." if facts.benefits else "Made to make your day easier."
        lines[max(0, len(lines) - 2)].append(extra)

    beats = [
        Beat(name=name, text=" ".join(ls)) for name, ls in zip(FRAMEWORK_BEATS[framework], lines, strict=True)
    ]
    return previous.model_copy(
        update={
            "beats": beats,
            "voiceover": [b.text for b in beats],
            "text": "\n\n".join(f"{b.name}. {b.text}" for b in beats),
            "call_to_action": cta,
            "critic_score": None,
            "critique": "",
            "revision": previous.revision + 1,
            "assumptions": [
                *previous.assumptions,
                f"Revised after the critique ({len(critique.issues)} issues).",
            ][-12:],
        }
    )


def _trim(lines: list[list[str]], target: int) -> None:
    """Drop sentences from the longest beats (never the hook, never the closing CTA) until it fits."""

    def total() -> int:
        return sum(word_count(s) for ls in lines for s in ls)

    while total() > target:
        candidates = [
            (word_count(s), i, j)
            for i, ls in enumerate(lines)
            for j, s in enumerate(ls)
            if len(ls) > 1 and not (i == 0 and j == 0) and not (i == len(lines) - 1 and j == len(ls) - 1)
        ]
        if not candidates:
            break
        _, i, j = max(candidates)
        del lines[i][j]
