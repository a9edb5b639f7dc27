"""Revise a story against the critic's issues: keep what works, fix what the critique names."""

from __future__ import annotations

from studio.brief import TIGHT_WORDS, ad_language
from studio.models import FRAMEWORK_BEATS, Beat, Brief, Story, StoryCritique
from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.critic import HOOK_WORDS_MAX
from studio.offline.words.director import (
    call_to_action,
    offer_extra,
    said_once,
    slots,
    word_budget,
)
from studio.offline.words.fact_lines import fact_carriers, keep_facts
from studio.offline.words.frameworks import HOOKS, beat_templates, choose
from studio.offline.words.in_language import write_in_language
from studio.offline.words.lines import audience_named, benefit_line, offer_parts
from studio.offline.words.phrasebook import phrases_for
from studio.offline.words.text import (
    beat_text,
    capitalise,
    end_with_mark,
    rng_for,
    split_sentences,
    word_count,
)
from studio.offline.words.tight import tight_beats
from studio.offline.words.tones import tone

_BENEFIT_BEAT = {"AIDA": 2, "PAS": 2, "FAB": 1}
"""Where a missing benefit goes: Desire, Solution, Advantages."""


def revise_story(
    brief: Brief, facts: BriefFacts, previous: Story, critique: StoryCritique, seed: int | None
) -> Story:
    """The previous story with each issue in the critique fixed; untouched beats keep their words."""
    facts.writes_in = ad_language(brief.language, brief.prompt)
    book = phrases_for(facts.language)
    if book is not None:
        # a story in the brief's language is written again whole: its lines are the brief's, not templates
        again = previous.revision + 1
        return write_in_language(
            brief, facts, book, previous.framework, previous.framework_reason, tone(previous.tone), seed,
            again, previous.assumptions,
        )  # fmt: skip
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
            pool = beat_templates(framework, name).long
            written = choose(rng, said_once(pool, values, facts.noun) or pool, have) or "{Product}."
            lines.append(split_sentences(capitalise(written.format(**values))))

    if "hook" in said:
        first = lines[0][0] if lines[0] else ""
        if word_count(first) > HOOK_WORDS_MAX or not first.endswith(("?", "!")):
            short_hooks = tuple(h for h in HOOKS[framework] if len(h[0].split()) <= HOOK_WORDS_MAX)
            short_hooks = said_once(short_hooks, values, facts.noun) or short_hooks
            hook = choose(rng, short_hooks, have) or "Here's your sign to upgrade."
            lines[0].insert(0, capitalise(hook.format(**values)))
    if "product not named" in said or ("product" in said and "named" in said):
        lines[min(1, len(lines) - 1)].insert(0, f"Meet {facts.product}.")
    carrier = _BENEFIT_BEAT[framework]
    keep: set[str] = set()
    line = benefit_line(facts)
    if "benefit" in said and line.split(" ", 1)[-1].rstrip(".").lower() not in _text(lines).lower():
        lines[carrier].append(line)
        keep.add(line)  # a trim for length must not undo the fix
    early = " ".join(lines[0] + (lines[1] if framework == "AIDA" and len(lines) > 1 else []))
    if "audience" in said and facts.audience and not audience_named(facts.audience, early):
        # speak to them in the hook's beat (AIDA: the interest line right after it)
        line = f"Made for {facts.audience}."
        lines[1 if framework == "AIDA" else 0].append(line)
        keep.add(line)

    cta = previous.call_to_action.strip()
    if "offer" in said and offer_parts(facts):
        # the new CTA carries the deal; the old one goes
        old = cta.lower().rstrip(".!")
        lines[-1] = [s for s in lines[-1] if s.lower().rstrip(".!") != old]
        cta = end_with_mark(call_to_action(facts, voice, rng), voice.mark)
        extra = offer_extra(facts, voice)
        if extra:
            (lines[-1] if framework != "AIDA" or facts.cta else lines[carrier]).append(extra)
            keep.add(extra)
        said += " call to action"
    wanted = end_with_mark(call_to_action(facts, voice, rng), voice.mark)
    if "brief fact missed (cta)" in said or "brief fact missed (address)" in said:
        # the brief's own call to action, with its address, replaces whatever the draft ended on
        lines[-1] = [s for s in lines[-1] if s.lower().rstrip(".!") != cta.lower().rstrip(".!")]
        cta = wanted
        said += " call to action"
    if "call to action" in said or not cta:
        if "no clear call to action" in said or not cta:
            cta = end_with_mark(call_to_action(facts, voice, rng), voice.mark)
        cta_key = cta.lower().rstrip(".!")
        lines[-1] = [s for s in lines[-1] if s.lower().rstrip(".!") != cta_key] + [end_with_mark(cta)]

    budget = word_budget(brief.duration_s)
    # every fact of the brief is said, and no trim below may drop a sentence that carries one
    lines, added = keep_facts(lines, cta, facts, budget < TIGHT_WORDS)
    keep |= added | fact_carriers(facts, [x for ls in lines for x in ls])
    total = sum(word_count(x) for ls in lines for x in ls)
    # the fixes above add lines: a revision that would now run long is cut as if the critic had said so
    if total > budget * 1.1:
        said += " too long"
    if "too long" in said and budget < TIGHT_WORDS:
        # a short ad cannot lose whole sentences and keep its beats: rewrite each beat as one short line
        lines = tight_beats(facts, framework, voice, rng, values, budget)
        cta = _last_sentence(lines[-1]) or cta
    elif "too long" in said:
        _trim(lines, round(budget * 0.85), keep | {end_with_mark(cta)} | _essential(lines, facts))
    elif "too short" in said:
        lines[carrier].append(benefit_line(facts, 1 if len(facts.benefits) > 1 else 0))

    lines, _ = keep_facts(lines, cta, facts, budget < TIGHT_WORDS)
    if budget < TIGHT_WORDS and lines[-1]:
        cta = lines[-1][-1]
    names = FRAMEWORK_BEATS[framework]
    beats = [Beat(name=name, text=beat_text(ls)) for name, ls in zip(names, lines, strict=True)]
    return previous.model_copy(
        update={
            "beats": beats,
            "voiceover": [b.text for b in beats],
            "text": "\n\n".join(f"{b.name}. {b.text}" for b in beats),
            "call_to_action": cta,
            "critic_score": None,
            "critique": "",
            "revision": previous.revision + 1,
            "facts": facts.sheet,
            "assumptions": [
                *previous.assumptions,
                f"Revised after the critique ({len(critique.issues)} issues).",
            ][-12:],
        }
    )


def _essential(lines: list[list[str]], facts: BriefFacts) -> set[str]:
    """The first sentence that names the product, and the first that carries each fact of the brief."""
    sentences = [x for ls in lines for x in ls]
    needles = [facts.product.lower()]
    needles += [" ".join(b.lower().split()[1:3]) for b in facts.benefits[:1]]
    needles += [p.lower() for p in offer_parts(facts)[:1]]
    needles += [w for w in (facts.audience or "").lower().split()[-1:]]
    found = [next((x for x in sentences if n and n in x.lower()), "") for n in needles]
    return {x for x in found if x}


def _text(lines: list[list[str]]) -> str:
    return " ".join(x for ls in lines for x in ls)


def _last_sentence(lines: list[str]) -> str:
    sentences = split_sentences(lines[-1]) if lines else []
    return sentences[-1] if sentences else ""


def _trim(lines: list[list[str]], target: int, keep: set[str]) -> None:
    """Drop sentences from the longest beats (never the hook, the CTA or lines in `keep`) until it fits."""

    def total() -> int:
        return sum(word_count(s) for ls in lines for s in ls)

    while total() > target:
        candidates = [
            (word_count(s), i, j)
            for i, ls in enumerate(lines)
            for j, s in enumerate(ls)
            if len(ls) > 1
            and s not in keep
            and not (i == 0 and j == 0)
            and not (i == len(lines) - 1 and j == len(ls) - 1)
        ]
        if not candidates:
            break
        _, i, j = max(candidates)
        del lines[i][j]
