"""The story critic: a rubric a creative director would run through, as a 0-10 score with reasons."""

from __future__ import annotations

import re

from studio.brief import (
    FACT_CAP,
    HARD_KINDS,
    TIGHT_FACT_KINDS,
    TIGHT_WORDS,
    FactReport,
    check_facts,
    word_budget,
)
from studio.models import FRAMEWORK_BEATS, Brief, Story, StoryCritique
from studio.offline.words.brief_reader import read_brief
from studio.offline.words.frameworks import HOOKS
from studio.offline.words.lines import audience_named, offer_parts, offer_said
from studio.offline.words.text import split_sentences, word_count
from studio.offline.words.tight import benefit_head
from studio.offline.words.tones import TONES

HOOK_WORDS_MAX = 8
"""A hook is heard within the first 3 seconds: at ~2.5 words a second, 8 words at most."""
_CTA_VERBS = re.compile(
    r"\b(?:shop|buy|order|get|grab|try|visit|sign up|download|book|call|claim|discover|join|start|subscribe|"
    r"learn|find|experience|indulge|snag|treat yourself|pre-?order|own|jump into|hurry|tap|click|swipe|"
    r"enjoy|save|reserve|see|meet|come)\b",
    re.IGNORECASE,
)
_BENEFIT_WORDS = re.compile(
    r"\b(?:so you|helps?|keeps?|saves?|makes?|gives?|lets you|without|easier|better|faster|less|more of|"
    r"means|fix|never|finally|love)\b",
    re.IGNORECASE,
)
_WEIGHTS = {
    "hook": 1.5,
    "beats": 1.5,
    "product": 1.0,
    "benefit": 1.5,
    "offer": 1.0,
    "audience": 1.0,
    "cta": 1.5,
    "length": 1.0,
}
"""Criteria that do not apply (no offer or audience in the brief) are left out and the rest scaled to 10."""
_CAPS = {
    "offer": 7.0,
    "audience": 7.0,
    "product": 6.0,
    "cta": 6.5,
    "hook": 7.0,
    "benefit": 7.0,
    "length": 7.0,
}
"""A draft that misses one of these outright cannot pass the 7.5 bar, whatever else it does well (a story
more than 20% over its word budget counts as missing its length: the voice would rush or be cut)."""
_OVER_BUDGET = 1.2


def fact_failures(report: FactReport, tight: bool) -> list[str]:
    """The report's misses that fail a story, as critic issues (fewer kinds for a 6-8 s ad)."""
    kinds = TIGHT_FACT_KINDS if tight else HARD_KINDS
    return [f"Brief fact missed ({c.kind}): {c.reason}" for c in report.missed if c.kind in kinds]


def _hook_starts() -> set[str]:
    starts = {
        "stop",
        "meet",
        "imagine",
        "ever",
        "tired",
        "what",
        "still",
        "introducing",
        "finally",
        "look",
        "listen",
        "wait",
        "new",
        "here's",
        "quick",
        "picture",
        "sound",
        "let's",
        "we've",
        "don't",
    }
    lines = [t for hooks in HOOKS.values() for t, _ in hooks]
    lines += [o for tone in TONES.values() for o in tone.openers]
    return starts | {line.split()[0].lower().strip(":,.") for line in lines}


_HOOK_STARTS = _hook_starts()


def critique_story(brief: Brief, story: Story) -> StoryCritique:
    """Score a story 0-10 on hook, beats, product, benefit, offer, audience, CTA and length, naming misses."""
    facts = read_brief(brief.prompt)
    lost: dict[str, float] = {}
    issues: list[str] = []
    spoken = " ".join(story.voiceover) or " ".join(b.text for b in story.beats)
    heard = f"{spoken} {story.call_to_action}".lower()
    sentences = split_sentences(spoken)
    product = (story.product_name or facts.product_name).lower()

    _hook(sentences, product, facts.audience, lost, issues)
    _beats(story, lost, issues)

    if not product or product not in spoken.lower():
        lost["product"] = 1.0
        issues.append(f"Product not named: say '{story.product_name or 'the product'}' out loud.")

    if facts.benefits:
        # the brief's own benefit, in any verb form ("grip wet rock" / "grips wet rock")
        cores = [" ".join(b.lower().split()[1:]) or b.lower() for b in facts.benefits]
        # a short ad may say only the verb and its object ("fades dark spots", not "... in 4 weeks")
        cores += [" ".join(h.split()[1:]) for h in map(benefit_head, facts.benefits) if len(h.split()) >= 3]
        if not any(core in heard for core in cores):
            lost["benefit"] = 1.0
            issues.append(f"The brief's benefit is not stated: say that it {facts.benefits[0]}.")
    elif not _BENEFIT_WORDS.search(spoken):
        lost["benefit"] = 1.0
        issues.append("No benefit stated: tell the viewer what it does for them.")
    else:
        lost["benefit"] = 0.3  # only a generic promise: the brief gave nothing concrete to say

    applies = dict.fromkeys(_WEIGHTS, True)
    applies["offer"] = bool(offer_parts(facts))
    verbatim = facts.sheet.offers and all(o.lower() in heard for o in facts.sheet.offers)
    if applies["offer"] and not offer_said(facts, heard) and not verbatim:
        lost["offer"] = 1.0
        issues.append(
            f"The offer is missing: say '{offer_parts(facts)[0]}' in the close or the call to action."
        )
    applies["audience"] = bool(facts.audience)
    if facts.audience:
        early = " ".join(story.voiceover[:2]) if story.framework == "AIDA" else " ".join(story.voiceover[:1])
        if not audience_named(facts.audience, spoken):
            # a 6 s ad may have no room to name a long audience: a lost point, not a failed draft
            lost["audience"] = 0.6 if word_budget(brief.duration_s) < TIGHT_WORDS else 1.0
            issues.append(
                f"The audience is not addressed: speak to {facts.audience} in the hook or next line."
            )
        elif not audience_named(facts.audience, early):
            lost["audience"] = 0.5
            issues.append(f"The audience comes late: name {facts.audience} in the first lines.")

    _cta(story, lost, issues)
    _length(brief, story, spoken, lost, issues)
    sheet = story.facts if not story.facts.is_empty() else facts.sheet
    failed = fact_failures(check_facts(sheet, story), word_budget(brief.duration_s) < TIGHT_WORDS)
    issues += failed

    weights = {k: w for k, w in _WEIGHTS.items() if applies[k]}
    raw = sum(w * (1 - lost.get(k, 0.0)) for k, w in weights.items()) * 10 / sum(weights.values())
    for name, cap in _CAPS.items():
        if lost.get(name, 0.0) >= 1.0:
            raw = min(raw, cap)
    if failed:
        raw = min(raw, FACT_CAP)
    score = round(raw * 2) / 2
    verdict = "Ready to go." if not issues else f"{len(issues)} thing(s) to fix."
    return StoryCritique(score=score, critique=f"{score:g}/10. {verdict} " + " ".join(issues), issues=issues)


def _hook(
    sentences: list[str], product: str, audience: str | None, lost: dict[str, float], issues: list[str]
) -> None:
    """A hook heard in the first 3 s: a question, a bold line, a number, the audience or the product."""
    first = sentences[0] if sentences else ""
    first_word = first.split()[0].lower().strip(":,.!?") if first else ""
    hooky = (
        first.endswith(("?", "!"))
        or first_word in _HOOK_STARTS
        or bool(re.search(r"\d", first))
        or bool(audience and audience_named(audience, first))
        or bool(product and product in first.lower())
    )
    if not first or word_count(first) > HOOK_WORDS_MAX or not hooky:
        lost["hook"] = 1.0
        issues.append(
            "No hook in the first 3 seconds: open with a short question, a bold claim, a number or the "
            "audience (≤ 8 words)."
        )


def _beats(story: Story, lost: dict[str, float], issues: list[str]) -> None:
    expected = FRAMEWORK_BEATS[story.framework]
    # one word can carry a beat in a 6 s ad ("Peak." as the reveal)
    present = [b.name.strip().lower() for b in story.beats if word_count(b.text) >= 1]
    missing = [name for name in expected if name.lower() not in present]
    in_order = [name for name in present if name in {e.lower() for e in expected}]
    if missing:
        lost["beats"] = len(missing) / len(expected)
        issues += [
            f"Missing beat: {name} ({story.framework} needs {', '.join(expected)})." for name in missing
        ]
    elif in_order != [e.lower() for e in expected]:
        lost["beats"] = 0.5
        issues.append(f"Beats out of order: {story.framework} runs {', '.join(expected)}.")


def _cta(story: Story, lost: dict[str, float], issues: list[str]) -> None:
    last = split_sentences(story.voiceover[-1])[-1] if story.voiceover and story.voiceover[-1].strip() else ""
    own = story.facts.call_to_action.lower()
    # the brief's own CTA is a clear ask in any language ('Compra en cafesol.example', 'Request a demo')
    verb = _CTA_VERBS.search(story.call_to_action) or (own and own in story.call_to_action.lower())
    if not story.call_to_action.strip() or not verb:
        lost["cta"] = 1.0
        issues.append("No clear call to action: end with what to do, starting with a verb (e.g. 'Shop now').")
    elif story.call_to_action.strip().lower().rstrip(".!") not in last.lower():
        lost["cta"] = 0.5
        issues.append("The call to action is not in the last line: end the voiceover with it.")


def fact_allowance(story: Story) -> int:
    """Words a CTA may take beyond a lean one (~3 words) to say the brief's offer or address whole."""
    sheet = story.facts
    musts = [*sheet.offers, sheet.address, sheet.call_to_action]
    if not any(m and m.lower() in story.call_to_action.lower() for m in musts):
        return 0
    return max(0, word_count(story.call_to_action) - 3)


def _length(brief: Brief, story: Story, spoken: str, lost: dict[str, float], issues: list[str]) -> None:
    """About 2.5 words a second over the scenes (the end card is silent)."""
    words = word_count(spoken)
    fits = word_budget(brief.duration_s) + fact_allowance(story)
    if words > fits * _OVER_BUDGET:
        lost["length"] = 1.0
        issues.append(
            f"Too long: {words} words, but {brief.duration_s:g} s holds about {fits}. Cut it to one short "
            "line per beat."
        )
    elif words > fits * 1.05:
        lost["length"] = min(0.9, (words - fits) / fits + 0.3)
        issues.append(f"Too long: {words} words, but {brief.duration_s:g} s holds about {fits}. Cut it down.")
    elif words < fits * 0.5:
        lost["length"] = 0.6
        issues.append(f"Too short: {words} words leave most of the {brief.duration_s:g} s silent.")
    elif words < fits * 0.7:
        lost["length"] = 0.3
        issues.append(f"A little thin: {words} words where {brief.duration_s:g} s holds about {fits}.")
