"""The ad frameworks as sentence templates: hooks, a long and a short line per beat, and extras.

A template names the slots it needs ('pain', 'audience' ...); it is only chosen when the brief gives that
slot for real, so a thin brief never reads 'Tired of None?'.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from studio.models import FRAMEWORK_BEATS
from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.text import pick

Template = tuple[str, frozenset[str]]


def _t(text: str, *needs: str) -> Template:
    return text, frozenset(needs)


@dataclass(frozen=True)
class BeatTemplates:
    """What one beat can say: its long lines, its short lines and its optional extras."""

    long: tuple[Template, ...]
    short: tuple[Template, ...]
    extras: tuple[Template, ...] = ()


HOOKS: dict[str, tuple[Template, ...]] = {
    "AIDA": (
        _t("Stop scrolling: this one's for {audience}.", "audience"),
        _t("{Audience}, listen up.", "audience_short"),
        _t("{audience_q} This one's for you.", "audience"),
        _t("Calling all {audience}!", "audience"),
        _t("Ever wish your {noun} did more?", "noun"),
        _t("Still putting up with {pain}?", "pain"),
        _t("Look closer. Something {adj} just landed."),
        _t("Here's your sign to upgrade."),
        _t("Quick question: does your day need {product}?"),
        _t("What if your {noun} felt {adj}?", "noun"),
    ),
    "PAS": (
        _t("Tired of {pain}?", "pain"),
        _t("{Audience}: tired of {pain}?", "audience_short", "pain"),
        _t("{Audience}, sound familiar?", "audience_short"),
        _t("{audience_q} Then you know {pain} all too well.", "audience", "pain"),
        _t("Let's be honest: {pain} is the worst.", "pain"),
        _t("We've all been there: {pain}.", "pain"),
        _t("Ever feel like your {noun} lets you down?", "noun"),
        _t("Sound familiar? Nothing works the way it should."),
        _t("Still settling for 'good enough'?"),
    ),
    "FAB": (
        _t("Look closer: {feature}.", "feature"),
        _t("Meet {product}, the {adj} {noun}.", "noun"),
        _t("{Audience}, look closer.", "audience_short"),
        _t("{audience_q} Look closer.", "audience"),
        _t("Here's what's inside {product}."),
        _t("Not every {noun} is made equal.", "noun"),
        _t("Ever wondered what makes {product} different?"),
    ),
}

BEATS: dict[str, dict[str, BeatTemplates]] = {
    "AIDA": {
        "Interest": BeatTemplates(
            long=(
                _t("Meet {product}, the {adj} {noun} made for {audience}.", "noun", "audience"),
                _t("Meet {product}: {feature}.", "feature"),
                _t("{This_is} {product}, and {it} {benefit}.", "benefit"),
                _t("Meet {product}: {adj} and ready when you are."),
            ),
            short=(_t("Meet {product}."), _t("This is {product}.")),
            extras=(_t("Made for {audience}.", "audience"), _t("Plus, {feature}.", "feature")),
        ),
        "Desire": BeatTemplates(
            long=(
                _t("{It} {benefit}, so you can get on with your day.", "benefit"),
                _t("With {feature}, {it} {benefit}.", "feature", "benefit"),
                _t("Finally, something that {benefit_s}.", "benefit"),
                _t("Picture your day: {adj}, easy, sorted."),
                _t("Imagine everything you need, done the {adj} way."),
            ),
            short=(_t("{It} {benefit}.", "benefit"), _t("You'll love {it_obj}.")),
            extras=(_t("{It} also {benefit2}.", "benefit2"),),
        ),
        "Action": BeatTemplates(
            long=(_t("Don't wait. {cta}"), _t("Your move: {cta_lower}"), _t("{cta}")),
            short=(_t("{cta}"),),
        ),
    },
    "PAS": {
        "Agitation": BeatTemplates(
            long=(
                _t("And it only gets worse, day after day."),
                _t("It costs you time, money and patience."),
                _t("Every single time, it steals a little more of your day."),
                _t("And another quick fix won't cut it."),
            ),
            short=(_t("It adds up."), _t("It gets old fast.")),
            extras=(_t("You deserve better than {pain}.", "pain"),),
        ),
        "Solution": BeatTemplates(
            long=(
                _t("Enter {product}: {it} {benefit}.", "benefit"),
                _t("Meet {product}, the {adj} fix for {audience}.", "audience"),
                _t("{Product} {benefit}, so {pain} is history.", "benefit", "pain"),
                _t("Meet {product}, the {adj} way out."),
            ),
            short=(_t("Meet {product}."), _t("Enter {product}."), _t("{Product} {benefit}.", "benefit")),
            extras=(
                _t("With {feature}, {it} just {works}.", "feature"),
                _t("{It} also {benefit2}.", "benefit2"),
            ),
        ),
    },
    "FAB": {
        "Features": BeatTemplates(
            long=(
                _t("{Product} comes with {feature}.", "feature"),
                _t("Inside {product}: {feature}.", "feature"),
                _t("{Product} {is} built {adj}, down to the last detail."),
            ),
            short=(_t("Meet {product}."),),
            extras=(_t("And {feature2}.", "feature2"),),
        ),
        "Advantages": BeatTemplates(
            long=(
                _t("That means {it} {benefit}.", "benefit"),
                _t("So {it} {benefit}, better than what you use now.", "benefit"),
                _t("Which puts {it_obj} a step ahead of the rest."),
                _t("So {it} {works} harder than anything you've tried."),
            ),
            short=(_t("That means more."), _t("It's a step ahead."), _t("So {it} {benefit}.", "benefit")),
        ),
        "Benefits": BeatTemplates(
            long=(
                _t("For {audience}, that means less hassle and more of what matters.", "audience"),
                _t("For you, that means less hassle and more of what matters."),
                _t("The result? Your day, made {adj}."),
            ),
            short=(_t("Your day, made {adj}."), _t("More of what matters.")),
            extras=(_t("{It} also {benefit2}.", "benefit2"),),
        ),
    },
}


def first_beat_core(framework: str) -> BeatTemplates:
    """The first beat of a framework: its hooks are its lines."""
    hooks = HOOKS[framework]
    short = tuple(h for h in hooks if len(h[0].split()) <= 5) or hooks[-1:]
    return BeatTemplates(long=hooks, short=short)


def beat_templates(framework: str, beat: str) -> BeatTemplates:
    """Templates for one beat of a framework."""
    if beat == FRAMEWORK_BEATS[framework][0]:
        return first_beat_core(framework)
    return BEATS[framework][beat]


def usable(templates: tuple[Template, ...], have: set[str]) -> list[str]:
    """Template texts whose needed slots the brief gives."""
    return [text for text, needs in templates if needs <= have]


def choose(rng: random.Random, templates: tuple[Template, ...], have: set[str]) -> str | None:
    """One usable template chosen by the seed, or None; lines that use the brief's own words weigh double."""
    options = [text for text, needs in templates if needs <= have for _ in range(2 if needs else 1)]
    return pick(rng, options) if options else None


def choose_short(rng: random.Random, templates: tuple[Template, ...], have: set[str]) -> str | None:
    """The shortest usable template that still uses the brief's words, chosen by the seed among equals."""
    options = [(len(needs), text) for text, needs in templates if needs <= have]
    if not options:
        return None
    most = max(n for n, _ in options)
    return pick(rng, [text for n, text in options if n == most])


def choose_framework(facts: BriefFacts) -> tuple[str, str]:
    """The framework that suits the brief, and why, in words."""
    if facts.pains:
        return "PAS", (
            f"The brief talks about a pain ({facts.pains[0]}), so Problem-Agitation-Solution: name it, "
            "make it felt, then show the fix."
        )
    if facts.spec_heavy:
        shown = ", ".join(facts.features[:2]) or "its specifications"
        return "FAB", (
            f"The brief leads with features ({shown}), so Features-Advantages-Benefits turns each spec "
            "into what it does for the viewer."
        )
    return "AIDA", (
        "The brief introduces a product without a stated pain or spec sheet, so Attention-Interest-"
        "Desire-Action: grab attention, build interest and desire, then ask for the action."
    )
