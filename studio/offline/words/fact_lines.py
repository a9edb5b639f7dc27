"""Lines that carry the brief's facts into the copy, verbatim where a marketer needs them verbatim.

The director and the reviser run every story through `keep_facts`: each fact of the brief's sheet that the
copy does not yet say (the product's full name, the brand, the audience, a number, an offer with its terms,
a must-say line, the address) is added as one short sentence on the beat where it belongs, and a line
with a must-not-say word is dropped. The call to action is the brief's own, with its address.

In English the product, the proof, the details and the names and numbers the sheet did not place
(`unread_values`: 'our Denver flagship on Larimer Street') are said in the brief's own shortest clause
('Lifetime warranty, tested on 500 miles of the Colorado Trail.'), never as a cut fragment. In every
language a trim or a scene cut keeps the line that carries each fact and each unread name or number
(`fact_carriers`).
"""

from __future__ import annotations

import re
from typing import Any

from studio.brief import HANDLE, URL, contains, is_phone_number, normalise, says_what_to_say
from studio.brief.clauses import (
    asks_for_the_ad,
    names_the_ad,
    pieces,
    sentences,
    stating_clauses,
    wider_clause,
)
from studio.brief.clean import LABELLED
from studio.brief.shapes import EMAIL, names
from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.lines import audience_named
from studio.offline.words.phrasebook import phrases_for
from studio.offline.words.text import capitalise, end_with_mark, looks_like_injection

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
        return unbanned(facts, said.format(address=address).rstrip("."), address)
    if URL.fullmatch(address):
        said = f"Visit {address}"
    elif HANDLE.fullmatch(address):
        said = f"Follow {address}"
    elif phone:
        said = f"Call {address}"
    elif EMAIL.fullmatch(address):
        said = f"Email us at {address}"
    elif "store" in address.lower() and "app" in address.lower():
        said = f"Download {facts.product} on the App Store"
    else:
        said = f"Find {facts.product} {address}"
    return unbanned(facts, said, address)


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
        # a whole word or name: 'Sevilla' inside '#BernardaEnSevilla', 'Oatfield' inside 'oatfield.example'
        # is not said
        return bool(value) and not re.search(rf"(?<![\w@#./]){re.escape(normalise(value))}(?!\w|\.\w)", text)

    book = phrases_for(facts.language)
    clauses = _clause_lines(facts, missing) if not tight and book is None else []
    if clauses:
        # English: the product, the proof, the details and the names the sheet did not place, each in the
        # brief's own clause; the product's clause stands in for the name line
        out += [c for c in clauses if c[0] == "name"]
    name = (not tight and missing(sheet.product)) or missing(sheet.brand)
    if name and _name_line(facts):
        product_said = not missing(sheet.product) and sheet.product
        named = f"Meet {sheet.brand}." if product_said else _name_line(facts)
        # 'Meet Thermique mugs.' with 'meet' forbidden: 'Thermique mugs.'; 'Descubre Café Sol.': 'Café Sol.'
        called = (product_said and sheet.brand) or sheet.product or sheet.brand
        bare = end_with_mark(called) if book else named
        line = unbanned(facts, named, capitalise(re.sub(r"^(?:Meet|This is)\s+", "", bare)))
        if line:
            out.append(("name", line))
    if not tight and sheet.audience and not audience_named(sheet.audience, heard):
        made_for = book.made_for if book else "Made for {audience}."
        line = unbanned(facts, made_for.format(audience=sheet.audience))
        if line:
            out.append(("open", line))
    for line in sheet.must_say:
        if missing(line):
            out.append(("middle", end_with_mark(capitalise(line))))
    out += [c for c in clauses if c[0] != "name"]
    if not tight and book is not None:
        for proof in sheet.proof_points:
            if missing(proof):
                phrase = facts.proof_phrases.get(proof, proof)
                out.append(("middle", end_with_mark(capitalise(phrase))))
        out += _detail_lines(facts, missing)
    for offer in sheet.offers:
        if missing(offer):
            out.append(("close", end_with_mark(capitalise(offer))))
    if missing(sheet.address):
        said = f"{address_cta(facts)}." if book else f"Find us at {sheet.address}."
        out.append(("close", unbanned(facts, said, f"{sheet.address}.")))
    # a fact line that says a forbidden word is not said: the brief's rule wins over its own copy
    return [(where, line) for where, line in out if line and not banned(facts, line)]


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
            # the values without the brief's clause; a value that is itself forbidden is not said
            sentence = " ".join(end_with_mark(v) for v in values if not banned(facts, v))
            if not sentence:
                continue
        closing = all(v in sheet.codes or v in sheet.tags for v in values)
        out.append(("close" if closing else "middle", sentence))
    return out


def unread_values(facts: BriefFacts) -> list[str]:
    """Names and numbers the brief's own copy states that no fact of the sheet holds ('our Denver flagship
    on Larimer Street': 'Denver', 'Larimer Street'), in the brief's order.

    A capitalised word that only opens a sentence ('Lifetime warranty') is no name; a sentence to whoever
    writes the ad, or a piece that names the ad ('a 15 second spot'), says nothing the ad must.
    """
    sheet = facts.sheet
    held = [sheet.brand, sheet.product, sheet.address, sheet.call_to_action, sheet.audience, *sheet.offers]
    held += [*sheet.proof_points, *sheet.must_say, *sheet.must_not_say, *detail_values(facts)]
    known = [normalise(h) for h in held if h]
    said = [
        s
        for s in sentences(facts.prompt)
        if not (asks_for_the_ad(s) or says_what_to_say(s) or looks_like_injection(s))
    ]
    out: list[str] = []
    for sentence in said:
        label = LABELLED.match(sentence)
        for piece in pieces(sentence[label.end() :] if label else sentence):
            if names_the_ad(piece):
                continue
            # a word that opens the piece is a name when the brief also writes it capitalised mid-sentence;
            # German writes every noun with a capital, so a capital names nothing there
            found = [
                f.text
                for f in names(piece)
                if facts.language != "de"
                and (
                    f.start > 0
                    or len(f.text.split()) > 1
                    or any(re.search(rf"\w[\s,]+{re.escape(f.text)}\b", x) for x in said)
                )
            ]
            found += [t.rstrip(".!?") for t in re.findall(r"[^\s,;:()]*\d[^\s,;:()]*", piece)]
            for value in found:
                value = re.sub(r"^(?:The|A|An)\s+(?=\S)", "", value)  # 'The Oatfield' is Oatfield
                v = normalise(value)
                if len(v) > 1 and not any(v in k for k in known) and value not in out:
                    out.append(value)
    return out[:8]


def _clause_lines(facts: BriefFacts, missing: Any) -> list[tuple[str, str]]:
    """The product, the proof, the details and the brief's unread names and numbers the copy does not say,
    each in the brief's shortest clause that states it ('Lifetime warranty, tested on 500 miles of the
    Colorado Trail.'): the clause with the product opens the body, codes and tags close."""
    sheet = facts.sheet
    values = [sheet.product, *sheet.proof_points, *detail_values(facts), *unread_values(facts)]
    wanted = [v for v in dict.fromkeys(values) if v and missing(v)]
    # 'Brighton Beach' is said with 'Brighton Beach Clean-Up': the longer name carries it
    wanted = [v for v in wanted if not any(v != w and contains(w, v) for w in wanted)]
    out: list[tuple[str, str]] = []
    for sentence, said in stating_clauses(facts.prompt, wanted):
        sentence = _with_subject(facts.prompt, sentence)
        # '..., and 24-hour emergency care': the clause without the word that joined it to the last
        sentence = capitalise(re.sub(r"(?i)^(?:and|or|but|plus)\s+", "", sentence))
        alone = normalise(sentence) == normalise(" ".join(said))
        if alone and said[0] not in sheet.proof_points:
            # a name said alone ('Portland.') is said with the brief's words around it; a place from a
            # 'Where:' line has none: 'In Hexham.'
            wider = wider_clause(facts.prompt, said[0])
            sentence = wider or (f"In {said[0]}." if said[0] in sheet.places else sentence)
        phrase = facts.proof_phrases.get(said[0], said[0])
        bare = len(said) == 1 and (alone or len(sentence.split()) < len(phrase.split()))
        if banned(facts, sentence) or (bare and said[0] in sheet.proof_points):
            # a proof point alone is said with the brief's words around its number ('steeped 18 hours')
            alone = [v for v in said if not any(v != w and contains(w, v) for w in said)]
            phrases = [facts.proof_phrases.get(v, v) for v in alone]
            # a value that says the forbidden word itself ('zorzor candles', 'zorzor' forbidden) is not said
            sentence = " ".join(end_with_mark(capitalise(p)) for p in phrases if not banned(facts, p))
            if not sentence:
                continue
        if sheet.product in said:
            # the brief's clause names the product when it says more than the name line would: its model
            # and noun ('BrewMaster X2 espresso machine'), or another fact with it
            more = _words(sentence) - _words(f"{sheet.product} {sheet.brand}")
            named = re.search(r"[A-Z\d]", sheet.product) and more
            if named or len(said) > 1:
                out.append(("name", sentence))
        else:
            closing = all(v in sheet.codes or v in sheet.tags for v in said)
            out.append(("close" if closing else "middle", sentence))
    return out


def _with_subject(prompt: str, clause: str) -> str:
    """'The French bistro on West 67th Street, now serves ...' cut from 'Café des Artistes, the French
    bistro ...': the clause with the name its apposition describes, as the brief says it."""
    if not re.match(r"(?:The|A|An)\s", clause):
        return clause
    body = clause.rstrip(".!?")
    lead = re.search(rf"([^.!?\n,;:]+),\s+{re.escape(body[:1].lower() + body[1:])}", prompt)
    if not lead or not re.match(r"[A-Z]", lead.group(1).strip()):
        return clause
    return end_with_mark(f"{lead.group(1).strip()}, {body[:1].lower()}{body[1:]}")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w'-]+", text.lower()))


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


def unbanned(facts: BriefFacts, *options: str) -> str:
    """The first of the studio's own wordings that says no word the brief forbids ('Meet Glimmer.', else
    'Glimmer.'), '' when each does: 'Don't say \"meet\"' holds for the studio's phrases too."""
    return next((o for o in options if o and not banned(facts, o)), "")


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
    brand = facts.sheet.brand
    if phrases_for(facts.language) is None and brand:
        # 'Morning Ritual cold brew by Brewco.' (or the brief's own 'ClearWater Trust builds wells in rural
        # Kenya.') says what a bare 'Meet Brewco.' would
        bare = re.compile(rf"(?i)^(?:meet|introducing|this is)\s+{re.escape(brand)}[.!]?$")
        # the brand as a name in a line of the body: not only inside the address or the call to action
        name = re.compile(rf"(?i)(?<![\w@#./]){re.escape(brand)}(?!\w|\.\w)")
        body = [s for beat in lines for s in beat][:-1]
        named = [s for s in body if name.search(s) and not bare.match(s.strip())]
        if named:
            lines = _without_bare(lines, bare, named[0])
    return lines, {s for _, s in added}


def _without_bare(lines: list[list[str]], bare: re.Pattern[str], named: str) -> list[list[str]]:
    """The beats less their bare 'Meet Brewco.'; a beat that says nothing else takes the line that names the
    brand in its place, from a beat that has other lines."""
    out = [list(beat) for beat in lines]
    for i, beat in enumerate(out):
        kept = [s for s in beat if not bare.match(s.strip())]
        home = next((b for b in out if named in b and b is not beat), [])
        if kept:
            out[i] = kept
        elif len(home) > 1:
            home.remove(named)
            out[i] = [named]
    return out


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
    """A number or offer said a second time ('Dough rested 48 hours' twice), or a line another line says
    whole ('Returns to Tromsø.' beside 'The festival returns to Tromsø, 14-18 January.'), goes, unless the
    line is the CTA, the beat's only line, or the only one naming the brand."""
    values = [*facts.sheet.offers, *facts.sheet.proof_points]
    everything = [x for ls in lines for x in ls]

    def echo(sentence: str) -> bool:
        core = normalise(sentence)
        longer = [x for x in everything if len(x) > len(sentence)]
        inside = [x for x in longer if re.search(rf"\b{re.escape(core)}\b", normalise(x))]
        return len(core.split()) >= 2 and bool(inside)

    seen: set[str] = set()
    out: list[list[str]] = []
    for b, beat in enumerate(lines):
        kept: list[str] = []
        for i, sentence in enumerate(beat):
            says = {v for v in values if contains(sentence, v)}
            closing = b == len(lines) - 1 and i == len(beat) - 1
            rest = " ".join(x for ls in lines for x in ls if x is not sentence)
            brand_elsewhere = not facts.sheet.brand or contains(rest, facts.sheet.brand)
            repeated = echo(sentence) or (says and says <= seen)
            if repeated and not closing and len(beat) > 1 and brand_elsewhere:
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
    values += unread_values(facts)
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
    "unbanned",
]
