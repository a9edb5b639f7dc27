"""Lines built from the brief's facts that the director, the reviser and the scene writer share.

Each says one thing the brief gave (the offer, the audience, a benefit) in a grammatical sentence, so the
copy never reads 'it grip wet rock' and never leaves the offer or the audience unsaid.
"""

from __future__ import annotations

import re

from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.grammar import agree
from studio.offline.words.text import capitalise, word_count
from studio.offline.words.tones import Tone

# the verb that hands over a deal, per tone ("Claim 20% off this week")
_OFFER_VERBS = {
    "confident": "Get",
    "dramatic": "Claim",
    "funny": "Snag",
    "calm": "Enjoy",
    "luxurious": "Enjoy",
    "energetic": "Grab",
    "urgent": "Hurry and get",
}
CTA_WORDS_MAX = 6
"""The CTA is also the last scene's on-screen line, which holds 6 words."""


def pronouns(facts: BriefFacts) -> dict[str, str]:
    """Template words that agree with the product: it/they, is/are, this is/these are."""
    if facts.plural:
        return {
            "it": "they",
            "It": "They",
            "it_obj": "them",
            "is": "are",
            "This_is": "These are",
            "works": "work",
        }
    return {"it": "it", "It": "It", "it_obj": "it", "is": "is", "This_is": "This is", "works": "works"}


def benefit_phrase(facts: BriefFacts, index: int = 0) -> str:
    """A benefit agreeing with the product's pronoun, or '' when the brief has none at that place."""
    if index >= len(facts.benefits):
        return ""
    return agree(facts.benefits[index], facts.plural)


def benefit_line(facts: BriefFacts, index: int = 0) -> str:
    """'It grips wet rock.' ('They grip ...' for a plural product), or the stated default."""
    said = benefit_phrase(facts, index) or agree("makes every day a little easier", facts.plural)
    return f"{pronouns(facts)['It']} {said}."


def audience_question(audience: str) -> str:
    """The audience as a one-line question: 'Weekend runners?', 'Do you work from home?'."""
    m = re.match(r"(?i)(?:people|anyone|those) who (.+)$", audience)
    if m:
        return f"Do you {agree(m.group(1), plural=True)}?"
    return f"{capitalise(audience)}?"


def audience_named(audience: str, text: str) -> bool:
    """True when the text speaks to the audience (its own words, any verb form)."""
    core = re.sub(r"(?i)^(?:people|anyone|those) who\s+", "", audience)
    words = [w for w in re.findall(r"[a-z']+", core.lower()) if len(w) > 2 and w not in ("the", "and", "who")]
    lowered = text.lower()
    return bool(words) and all(re.search(rf"\b{re.escape(w.rstrip('s'))}", lowered) for w in words)


def offer_parts(facts: BriefFacts) -> list[str]:
    """The pieces of the deal, each as the copy says it ('20% off', '$199', 'free shipping')."""
    parts = [p for p in (facts.discount, f"just {facts.price}" if facts.price else None) if p]
    if facts.free_shipping:
        parts.append("free shipping")
    if facts.free_trial:
        parts.append("free trial")
    if facts.returns:
        parts.append(facts.returns)
    return parts


def offer_said(facts: BriefFacts, text: str) -> bool:
    """True when the text carries the brief's offer (at least its lead part)."""
    parts = offer_parts(facts)
    # the price is said whether or not "just" comes before it
    lead = parts[0] if parts else ""
    if facts.price and lead == f"just {facts.price}":
        lead = facts.price
    return bool(lead) and lead.lower() in text.lower()


def offer_cta(facts: BriefFacts, voice: Tone) -> tuple[str, list[str]]:
    """A call to action that carries the deal, and the parts of the deal it could not fit."""
    verb = _OFFER_VERBS.get(voice.name, "Get")
    # never a limit the brief did not set: 'Enjoy 15% off today' is not '15% off your first box'
    when = facts.when or ("" if facts.sheet.offers else "today")
    rest: list[str] = []
    verbatim = next(
        (o for o in facts.sheet.offers if facts.discount and o.lower().startswith(facts.discount)), ""
    )
    if verbatim and word_count(verbatim) <= CTA_WORDS_MAX - 1:
        cta = f"{verb} {verbatim}"
        rest += [p for p in (f"just {facts.price}" if facts.price else "", facts.returns or "") if p]
    elif facts.discount:
        cta = f"{verb} {facts.discount} {when}".strip()
        if facts.free_shipping and word_count(cta) + 3 <= CTA_WORDS_MAX:
            cta = f"{verb} {facts.discount} and free shipping {when}"
        elif facts.free_shipping:
            rest.append("free shipping")
        rest += [p for p in (f"just {facts.price}" if facts.price else "", facts.returns or "") if p]
    elif facts.price:
        cta = f"{verb} {facts.product} for just {facts.price}"
        if word_count(cta) > CTA_WORDS_MAX:
            cta = f"{verb} yours for just {facts.price}"
        rest += [p for p in ("free shipping" if facts.free_shipping else "", facts.returns or "") if p]
    elif facts.free_trial:
        cta = "Start your free trial today"
        rest += ["free shipping"] if facts.free_shipping else []
    elif facts.free_shipping:
        cta = " ".join(f"Order {facts.product} {when} with free shipping".split())
        if word_count(cta) > CTA_WORDS_MAX:
            cta = "Order today with free shipping"
        rest += [facts.returns] if facts.returns else []
    else:
        cta = f"Try {facts.product} with {facts.returns}"
    return cta, rest


def offer_line(parts: list[str], lead: bool) -> str:
    """The deal as one spoken line: 'Just $199, with 30-day returns.' or 'Plus free shipping.'."""
    if not parts:
        return ""
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{capitalise(text)}." if lead else f"Plus {text}."
