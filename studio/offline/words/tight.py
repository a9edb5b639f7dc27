"""Copy for very short ads: one short line per beat, sized to the word budget from the start.

A 6 s ad speaks about 8 words and an 8 s ad about 13 (2.5 words a second, less the end card), so the
director cannot grow lines and trim later: each beat says one thing in as few words as it can (the
audience as a question or a hook, '{Product} {benefit}.', the call to action carrying the offer), and
leaner forms replace richer ones, most words saved first, until the copy fits.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.grammar import agree
from studio.offline.words.lines import audience_question, benefit_phrase, offer_parts
from studio.offline.words.text import capitalise, end_with_mark, pick, word_count
from studio.offline.words.tones import Tone

_HOOKS = ("Look closer", "Stop scrolling", "Wait for it", "Listen up", "Picture this")
"""Openers of two or three words that start like a hook (the critic knows their first words)."""
_AGITATION = ("It adds up.", "It gets old fast.", "Enough is enough.")
_PAYOFF = ("More of what matters.", "Less hassle, more life.", "Your day, made easier.")
_OFFER_VERBS = {
    "funny": "Snag",
    "energetic": "Grab",
    "dramatic": "Claim",
    "calm": "Enjoy",
    "luxurious": "Enjoy",
}


@dataclass
class _Line:
    """One sentence of a beat and its leaner forms, richest first ('' means it can go)."""

    forms: list[str]
    at: int = 0
    last_resort: bool = False
    """Lean this line only when no other line can lean any more (the audience in a 6 s ad)."""

    @property
    def text(self) -> str:
        return self.forms[self.at]

    def saving(self) -> int:
        """Words saved by the next leaner form (0 when there is none)."""
        if self.at + 1 >= len(self.forms):
            return 0
        return word_count(self.text) - word_count(self.forms[self.at + 1])


def tight_beats(
    facts: BriefFacts, framework: str, voice: Tone, rng: random.Random, values: dict[str, str], limit: int
) -> list[list[str]]:
    """Each beat's sentences for a short ad, at most `limit` words in all where the brief allows."""
    beats = _draft(facts, framework, voice, rng, values)
    lines = [line for beat in beats for line in beat]
    while sum(word_count(line.text) for line in lines) > limit:
        # among equal savings the later line leans first: the product keeps its "Meet", the benefit its "It"
        ordered = sorted(reversed(lines), key=lambda line: line.last_resort)
        best = max(ordered, key=lambda line: (line.saving() > 0 and not line.last_resort, line.saving()))
        if best.saving() <= 0:
            break
        best.at += 1
    return [[line.text for line in beat if line.text] for beat in beats]


def _draft(
    facts: BriefFacts, framework: str, voice: Tone, rng: random.Random, values: dict[str, str]
) -> list[list[_Line]]:
    cta = _cta(facts, voice, rng, values)
    product = values["product"]
    audience = _audience(facts)
    if framework == "PAS":
        pain = facts.pains[0] if facts.pains else ""
        problem = [f"Tired of {pain}?", f"{capitalise(pain)}?"] if pain else [_hook(facts, voice, rng)]
        fix = [f"{capitalise(product)} {form}" for form in _benefit_forms(facts, bare=True)]
        fix = fix if facts.benefits else [f"{capitalise(product)} {values['works']} where others fail."]
        fix.append(f"Enter {product}.")
        return [[*audience, _Line(problem)], [_Line([pick(rng, _AGITATION), "Enough."])], [_Line(fix), cta]]
    if framework == "FAB":
        feature = facts.features[0] if facts.features else ""
        # "30 hours battery" -> "30-hour battery": the figure and its unit said as one word
        lean = re.sub(r"\b(\d+)\s+([a-z]+?)s?\b(?=\s+\w)", r"\1-\2", " ".join(feature.split()[:3]))
        features = (
            [f"{capitalise(product)}: {feature}.", f"{capitalise(product)}: {lean}."]
            if feature
            else [f"Meet {product}."]
        )
        advantage = [f"{values['It']} {form}" for form in _benefit_forms(facts, bare=True)]
        if not facts.benefits:
            advantage = [f"{values['It']} makes every day easier.", "Less hassle."]
        return [[_Line(features), *audience], [_Line(advantage)], [_Line([pick(rng, _PAYOFF), ""]), cta]]
    interest = [f"Meet {product}."] + ([f"{facts.brand}."] if facts.brand else [])
    if facts.brand and facts.noun and not facts.benefits:
        # nothing to promise: the product's own noun says what it is ("Meet Peak trail shoes.")
        interest.insert(0, f"Meet {facts.brand} {facts.noun}.")
    desire = [f"You'll love {values['it_obj']}."]
    if facts.benefits:
        desire = [f"{values['It']} {_benefit_forms(facts, bare=True)[0]}", *_benefit_forms(facts, bare=False)]
    hook = _Line([_hook(facts, voice, rng)])
    if audience and word_count(audience_question(facts.audience or "")) > 3:
        # a long audience gets its own short question after a two-word hook
        return [[hook], [*audience, _Line(interest)], [_Line(desire)], [cta]]
    return [[hook], [_Line(interest)], [_Line(desire)], [cta]]


def _audience(facts: BriefFacts) -> list[_Line]:
    """The audience as a question ('Do you work from home?', leaner 'Work from home?'), if there is one."""
    if not facts.audience:
        return []
    question = audience_question(facts.audience)
    who = re.match(r"(?i)(?:people|anyone|those) who (.+)$", facts.audience)
    lean = f"{capitalise(who.group(1))}?" if who else question
    return [_Line(list(dict.fromkeys([question, lean, ""])), last_resort=True)]


def _hook(facts: BriefFacts, voice: Tone, rng: random.Random) -> str:
    """The audience as a question when it is short ('Weekend runners?'), else a two-word hook."""
    if facts.audience:
        question = audience_question(facts.audience)
        if word_count(question) <= 3:
            return question
    return end_with_mark(pick(rng, _HOOKS), "." if voice.name in ("calm", "luxurious") else "!")


def _benefit_forms(facts: BriefFacts, bare: bool) -> list[str]:
    """The benefit after a subject ('grips wet rock.'), or as a fragment ('Grips wet rock.'), leaner last."""
    if not facts.benefits:
        return []
    full = benefit_phrase(facts) if bare else agree(facts.benefits[0])
    # "fades dark spots in 4 weeks" -> "fades dark spots": the verb and its object, before any detail
    head = benefit_head(full)
    forms = [full] + ([head] if head != full and word_count(head) >= 2 else [])
    return [f"{capitalise(f) if not bare else f}." for f in forms]


def benefit_head(benefit: str) -> str:
    """The verb and its object, before any detail: 'fades dark spots in 4 weeks' -> 'fades dark spots'."""
    cut = r"\s+(?:in|for|with|on|at|by|within|without|so|and|while|when|after|over|all)\s+"
    return re.split(cut, benefit.lower(), maxsplit=1)[0]


def _cta(facts: BriefFacts, voice: Tone, rng: random.Random, values: dict[str, str]) -> _Line:
    """The call to action carrying the offer, with leaner forms (the timing goes first, then the rest)."""
    full = values["cta"]
    parts = offer_parts(facts)
    verb = _OFFER_VERBS.get(voice.name, "Get")
    forms = [full]
    offer = facts.sheet.offers[0] if facts.sheet.offers else ""
    if offer and not facts.cta:
        # the offer is said as written even in 6 s: 'Get 20% off this week', never a leaner 'Get 20% off'
        plain = offer[:1].lower() + offer[1:] if offer[1:2].islower() else offer
        lead = f"{verb} {plain}" if re.match(r"[\d$€£-]|free\b", plain) else f"{verb} it: {offer}"
        lead = end_with_mark(lead, voice.mark)
        said = offer.lower() in full.lower()
        forms = [full, lead] if said and word_count(lead) < word_count(full) else [full if said else lead]
        return _Line(forms)
    if facts.cta and parts:
        forms = [f"{capitalise(parts[0])}. {full}"]
    elif facts.discount:
        forms.append(f"{verb} {facts.discount}{voice.mark}")
    elif parts and parts[0].startswith("just "):
        forms += [f"{verb} it for {parts[0]}{voice.mark}", f"{verb} it: {facts.price}{voice.mark}"]
    elif facts.free_shipping:
        forms.append(f"{verb} free shipping{voice.mark}")
    elif not parts and not facts.cta:
        forms.append(f"{pick(rng, voice.cta_verbs)} now{voice.mark}")
    return _Line(list(dict.fromkeys(forms)))
