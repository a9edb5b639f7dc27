"""The story critic: a rubric a creative director would run through, as a 0-10 score with reasons."""

from __future__ import annotations

import re

from studio.models import FRAMEWORK_BEATS, Brief, Story, StoryCritique
from studio.providers.offline.words.brief_reader import read_brief
from studio.providers.offline.words.frameworks import HOOKS
from studio.providers.offline.words.text import split_sentences, word_count
from studio.providers.offline.words.tones import TONES

HOOK_WORDS_MAX = 8
"""A hook is heard within the first 3 seconds: at ~2.5 words a second, 8 words at most."""
_CTA_VERBS = re.compile(
    r"\b(?:shop|buy|order|get|grab|try|visit|sign up|download|book|call|claim|discover|join|start|subscribe|"
    r"learn|find|experience|indulge|snag|treat yourself|pre-?order|own|jump into|hurry|tap|click|swipe)\b",
    re.IGNORECASE,
)
_BENEFIT_WORDS = re.compile(
    r"\b(?:so you|helps?|keeps?|saves?|makes?|gives?|lets you|without|easier|better|faster|less|more of|"
    r"means|fix|never|finally|love)\b",
    re.IGNORECASE,
)
_WEIGHTS = {"hook": 2.0, "beats": 2.0, "product": 1.5, "benefit": 1.5, "cta": 1.5, "length": 1.5}


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
    """Score a story 0-10 on hook, beats, product, benefit, CTA and length, naming what is missing."""
    lost: dict[str, float] = {}
    issues: list[str] = []
    spoken = " ".join(story.voiceover) or " ".join(b.text for b in story.beats)
    sentences = split_sentences(spoken)

    first = sentences[0] if sentences else ""
    product = (story.product_name or read_brief(brief.prompt).product_name).lower()
    first_word = first.split()[0].lower().strip(":,.!?") if first else ""
    hooky = first.endswith(("?", "!")) or first_word in _HOOK_STARTS or (product and product in first.lower())
    if not first or word_count(first) > HOOK_WORDS_MAX or not hooky:
        lost["hook"] = 1.0
        issues.append(
            "No hook in the first 3 seconds: open with a short question or a bold line (≤ 8 words)."
        )

    expected = FRAMEWORK_BEATS[story.framework]
    present = [b.name.strip().lower() for b in story.beats if b.text.strip()]
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

    if not product or product not in spoken.lower():
        lost["product"] = 1.0
        issues.append(f"Product not named: say '{story.product_name or 'the product'}' out loud.")

    facts = read_brief(brief.prompt)
    stated = any(b.lower() in spoken.lower() for b in facts.benefits) or _BENEFIT_WORDS.search(spoken)
    if not stated:
        lost["benefit"] = 1.0
        issues.append("No benefit stated: tell the viewer what it does for them.")

    last = split_sentences(story.voiceover[-1])[-1] if story.voiceover and story.voiceover[-1].strip() else ""
    if not story.call_to_action.strip() or not _CTA_VERBS.search(story.call_to_action):
        lost["cta"] = 1.0
        issues.append("No clear call to action: end with what to do (e.g. 'Shop now').")
    elif story.call_to_action.strip().lower().rstrip(".!") not in last.lower():
        lost["cta"] = 0.5
        issues.append("The call to action is not in the last line: end the voiceover with it.")

    words = word_count(spoken)
    fits = max(6, int((brief.duration_s - 2.5) * 2.5))
    if words > fits * 1.05:
        lost["length"] = min(1.0, (words - fits) / fits + 0.3)
        issues.append(f"Too long: {words} words, but {brief.duration_s:g} s holds about {fits}. Cut it down.")
    elif words < fits * 0.35:
        lost["length"] = 0.5
        issues.append(f"Too short: {words} words leave most of the {brief.duration_s:g} s silent.")

    score = round(sum(w * (1 - lost.get(k, 0.0)) for k, w in _WEIGHTS.items()) * 2) / 2
    verdict = "Ready to go." if not issues else f"{len(issues)} thing(s) to fix."
    return StoryCritique(score=score, critique=f"{score:g}/10. {verdict} " + " ".join(issues), issues=issues)
