"""Lines that carry the brief's facts into the copy, verbatim where a marketer needs them verbatim.

The director and the reviser run every story through `keep_facts`: each fact of the brief's sheet that the
copy does not yet say (the product's full name, the brand, the audience, a number, an offer with its terms,
a must-say line, the address) is added as one short sentence on the beat where it belongs, and a line
with a must-not-say word is dropped. The call to action is the brief's own, with its address.
"""

from __future__ import annotations

import re
from typing import Any

from studio.brief import HANDLE, URL, contains, is_phone_number, normalise
from studio.brief.clauses import stating_clauses
from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.lines import audience_named
from studio.offline.words.phrasebook import phrases_for
from studio.offline.words.text import capitalise, end_with_mark

TIGHT_KINDS = ("brand", "offer", "cta", "address", "must_say")
"""What a 6-8 s ad must still say when it has no room for the rest."""


def address_cta(facts: BriefFacts) -> str:
    """A call to action built on the brief's address when the brief gives none ('Visit brewco.example'),
    in the brief's language ('Más información en brewco.example')."""
    address = facts.sheet.address
    if not address:
        return ""
    book = phrases_for(facts.language)
    phone = is_phone_number(address, facts.sheet.language or "en")
    if book is not None:
        said = book.call if phone else book.follow if HANDLE.fullmatch(address) else book.visit
        return said.format(address=address).rstrip(".")
    if URL.fullmatch(address):
        return f"Visit {address}"
    if HANDLE.fullmatch(address):
        return f"Follow {address}"
    if phone:
        return f"Call {address}"
    if "store" in address.lower() and "app" in address.lower():
        return f"Download {facts.product} on the App Store"
    return f"Find {facts.product} {address}"


def offer_lines(facts: BriefFacts, cta: str) -> list[str]:
    """Each offer of the brief, as written, that the call to action does not already carry."""
    return [end_with_mark(capitalise(o)) for o in facts.sheet.offers if not contains(cta, o)]


def _name_line(facts: BriefFacts) -> str:
    sheet = facts.sheet
    brand, product = sheet.brand, sheet.product
    book = phrases_for(facts.language)
    if book is not None:
        if product and brand and not contains(product, brand):
            return book.product_by.format(product=capitalise(product), brand=brand)
        return book.meet.format(name=product or brand) if product or brand else ""
    if product and brand and not contains(product, brand):
        # 'Morning Ritual cold brew by Brewco'; 'Meet Crunchbite granola bars'
        named = any(w[:1].isupper() for w in product.split())
        return f"{capitalise(product)} by {brand}." if named else f"Meet {brand} {product}."
    if product:
        return f"Meet {product}."
    return f"Meet {brand}." if brand else ""


def fact_lines(facts: BriefFacts, said: str, cta: str, tight: bool = False) -> list[tuple[str, str]]:
    """(where, sentence) for each fact the copy does not say yet; where is 'open', 'middle' or 'close'."""
    sheet = facts.sheet
    heard = f"{said} {cta}"
    out: list[tuple[str, str]] = []

    def missing(value: str) -> bool:
        text = normalise(heard + " " + " ".join(s for _, s in out))
        # a whole word or name: 'Sevilla' inside '#BernardaEnSevilla' is not said
        return bool(value) and not re.search(rf"(?<![\w@#]){re.escape(normalise(value))}(?!\w)", text)

    name = (not tight and missing(sheet.product)) or missing(sheet.brand)
    if name and _name_line(facts):
        out.append(("name", _name_line(facts)))
    book = phrases_for(facts.language)
    if not tight and sheet.audience and not audience_named(sheet.audience, heard):
        made_for = book.made_for if book else "Made for {audience}."
        out.append(("open", made_for.format(audience=sheet.audience)))
    for line in sheet.must_say:
        if missing(line):
            out.append(("middle", end_with_mark(capitalise(line))))
    if not tight:
        for proof in sheet.proof_points:
            if missing(proof):
                phrase = facts.proof_phrases.get(proof, proof)
                out.append(("middle", end_with_mark(capitalise(phrase))))
    if not tight:
        out += _detail_lines(facts, missing)
    for offer in sheet.offers:
        if missing(offer):
            out.append(("close", end_with_mark(capitalise(offer))))
    if missing(sheet.address):
        out.append(("close", f"{address_cta(facts)}." if book else f"Find us at {sheet.address}."))
    return out


def detail_values(facts: BriefFacts) -> list[str]:
    """The sheet's names, dates, places, codes and tags: said in the brief's own words."""
    sheet = facts.sheet
    return [*sheet.names, *sheet.dates, *sheet.places, *sheet.codes, *sheet.tags]


def _detail_lines(facts: BriefFacts, missing: Any) -> list[tuple[str, str]]:
    """A title, a date, a place, a code or a tag the copy does not say, in the brief's own clause
    ('Saturday 9 May at 8pm in Brighton.'): the body says what and when, the close the codes and tags."""
    sheet = facts.sheet
    wanted = [v for v in detail_values(facts) if missing(v)]
    out: list[tuple[str, str]] = []
    for sentence, values in stating_clauses(facts.prompt, wanted):
        if banned(facts, sentence):
            sentence = " ".join(end_with_mark(v) for v in values)
        closing = all(v in sheet.codes or v in sheet.tags for v in values)
        out.append(("close" if closing else "middle", sentence))
    return out


def cta_assumption(assumptions: list[str], facts: BriefFacts, cta: str) -> list[str]:
    """With no CTA in the brief, the assumption names the one the ad ends on (and where it came from)."""
    if facts.cta:
        return assumptions
    source = " (built on the brief's address)" if facts.sheet.address else ""
    said = f"No call to action given: the ad ends with '{cta.rstrip('.!')}'{source}; add yours to the brief."
    return [said if a.startswith("No call to action given") else a for a in assumptions]


def place_facts(facts: BriefFacts, framework: str, drafts: list[Any], cta: str) -> None:
    """The brief's facts the director's beat drafts do not say yet, placed before the beats grow.

    They count against the word target, so the optional lines that follow make room for them.
    """
    said = " ".join(f"{d.short} {d.long} {' '.join(d.before + d.after + d.closing)}" for d in drafts)
    middle = drafts[min(len(drafts) - 1, max(1, len(drafts) // 2))]
    for where, line in fact_lines(facts, said, cta):
        if where == "open":
            drafts[0].after.append(line)
        elif where == "name":
            drafts[min(1, len(drafts) - 1)].before.insert(0, line)
        elif where == "middle":
            middle.after.append(line)
        elif framework == "AIDA":
            drafts[-1].before.append(line)
        else:
            drafts[-1].after.append(line)


def banned(facts: BriefFacts, sentence: str) -> bool:
    """True when the sentence says a word the brief says never to say."""
    text = normalise(sentence)
    return any(re.search(rf"\b{re.escape(normalise(w))}\b", text) for w in facts.sheet.must_not_say)


def keep_facts(
    lines: list[list[str]], cta: str, facts: BriefFacts, tight: bool = False
) -> tuple[list[list[str]], set[str]]:
    """The beats' sentences with every missing fact added where it belongs, and the sentences added.

    The last beat keeps the call to action as its last sentence; offers and the address go just before it.
    """
    lines = _drop_repeats([[s for s in beat if not banned(facts, s)] for beat in lines], facts)
    said = " ".join(s for beat in lines for s in beat)
    added = fact_lines(facts, said, cta, tight)
    n = len(lines)
    middle = min(n - 1, max(1, n // 2))
    if tight:
        added = _offers_in_the_cta(lines, added)
    for where, sentence in added:
        if where == "open":
            lines[0].append(sentence)
        elif where == "name":
            lines[min(1, n - 1)].insert(0, sentence)
        elif where == "middle":
            lines[middle].append(sentence)
        else:
            # just before the last sentence, which is (or stands in for) the call to action
            last = lines[-1]
            last.insert(max(0, len(last) - 1), sentence)
    name = _name_line(facts)
    everything = " ".join(s for beat in lines for s in beat)
    english = phrases_for(facts.language) is None
    if (
        english
        and facts.sheet.brand
        and name
        and name != f"Meet {facts.sheet.brand}."
        and contains(everything, name)
    ):
        # 'Morning Ritual cold brew by Brewco.' says what a bare 'Meet Brewco.' would
        bare = re.compile(rf"(?i)^(?:meet|introducing|this is)\s+{re.escape(facts.sheet.brand)}[.!]?$")
        lines = [[s for s in beat if not bare.match(s.strip())] or beat for beat in lines]
    return lines, {s for _, s in added}


def _offers_in_the_cta(lines: list[list[str]], added: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A short ad's CTA that says part of an offer ('Get 20% off.') becomes the whole offer."""
    last = lines[-1]
    if not last:
        return added
    kept: list[tuple[str, str]] = []
    for where, sentence in added:
        offer = sentence.rstrip(".!")
        lead = next((w for w in offer.split() if re.search(r"\d|(?i:free)", w)), "")
        if (
            where == "close"
            and lead
            and lead.lower() in last[-1].lower()
            and not lead.lower().startswith("free")
        ):
            last[-1] = f"Get {offer}." if re.match(r"[\d$€£-]", offer) else f"Get it: {offer}."
        else:
            kept.append((where, sentence))
    return kept


def _drop_repeats(lines: list[list[str]], facts: BriefFacts) -> list[list[str]]:
    """A number or offer said a second time ('Dough rested 48 hours' twice) goes, unless the line is the
    CTA, the beat's only line, or the only one naming the brand."""
    values = [*facts.sheet.offers, *facts.sheet.proof_points]
    seen: set[str] = set()
    out: list[list[str]] = []
    for b, beat in enumerate(lines):
        kept: list[str] = []
        for i, sentence in enumerate(beat):
            says = {v for v in values if contains(sentence, v)}
            closing = b == len(lines) - 1 and i == len(beat) - 1
            rest = " ".join(x for ls in lines for x in ls if x is not sentence)
            brand_elsewhere = not facts.sheet.brand or contains(rest, facts.sheet.brand)
            if says and says <= seen and not closing and len(beat) > 1 and brand_elsewhere:
                continue
            seen |= says
            kept.append(sentence)
        out.append(kept)
    return out


def fact_carriers(facts: BriefFacts, sentences: list[str]) -> set[str]:
    """The first sentence that says each verbatim fact: the ones a trim or a scene cut must keep."""
    sheet = facts.sheet
    values = [*sheet.offers, *sheet.proof_points, *sheet.must_say, sheet.address, sheet.product, sheet.brand]
    values += detail_values(facts)
    return {next((x for x in sentences if contains(x, v)), "") for v in values if v} - {""}


__all__ = [
    "TIGHT_KINDS",
    "address_cta",
    "banned",
    "cta_assumption",
    "detail_values",
    "fact_carriers",
    "fact_lines",
    "keep_facts",
    "offer_lines",
    "place_facts",
]
