"""Reading a brief into its `BriefFactSheet`: what must survive verbatim, each fact in the brief's words.

Labelled lines ('Offer: ...', 'CTA: ...'), bullets, pasted landing-page copy, client emails and briefs in
English, Spanish, French, German, Portuguese and Italian. Facts are found by their shape (`shapes`), the
brand and the places by evidence (`roles`), the numbers with what they count (`numbers`).
"""

from __future__ import annotations

import re

from studio.brief.clean import (
    BULLET,
    PLACE_LABELS,
    clauses_of,
    label_of,
    letter_body,
    plain_text,
    signed_company,
    unwrap,
)
from studio.brief.language import detect_language
from studio.brief.naming import STOP_LEAD, titled
from studio.brief.numbers import BREAKS, proof_points
from studio.brief.offers import read_offers
from studio.brief.places import place_names
from studio.brief.roles import (
    PRESENTS,
    SIGN_OFF_NOUNS,
    clause_subject,
    first_name,
    from_brand,
    names_something,
    possessive_name,
    single_name,
    strong_brand,
)
from studio.brief.say_rules import directive, must_lines
from studio.brief.shapes import HANDLE, PARTICLE, URL, Found, find_all, model_names, names
from studio.brief.spelling import address_name
from studio.brief.whole_name import whole_name
from studio.models import BriefFactSheet


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def read_fact_sheet(prompt: str) -> BriefFactSheet:
    """The facts a brief states, each in the brief's words (empty where it states none)."""
    text = plain_text(prompt[:5000])
    raw_lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    body = letter_body(raw_lines)
    lines = [BULLET.sub("", ln).strip() for ln in unwrap(body)]
    labels: dict[str, str] = {}
    body: list[str] = []
    for line in lines:
        label = label_of(line)
        if label and label[0] not in labels:
            labels[label[0]] = label[1].strip().strip("\"“”'")
        if not directive(line):
            body.append(line)
    # a line without an end mark (a bullet, a landing-page heading) ends where the line does
    flat = " ".join(b if b[-1:] in ".!?:" else f"{b}." for b in body)
    language = detect_language(flat)
    found = find_all(flat, language if language != "other" else "en")
    must_say, must_not = must_lines(" ".join(lines))
    cta_label = labels.get("cta") or labels.get("call to action") or ""
    address = _address(cta_label, flat, language)
    cta = _cta(labels, body, address)
    dated = [
        f for f in found if f.kind in ("date", "url", "email", "handle", "phone", "price", "code", "title")
    ]
    brand = _brand(labels, body, flat, address, dated, signed_company(raw_lines))
    offers = read_offers(labels, body, cta, brand, found)
    # the product is named in the body, not in the call to action ('Download Quietly today')
    product = _product(labels, flat.replace(cta, " ") if cta else flat, brand, found, language)
    places = [p for p in place_names(flat, dated, brand) if not brand or p.lower() not in brand.lower()]
    labelled = [labels[k] for k in PLACE_LABELS if k in labels and labels[k].lower() not in brand.lower()]
    places = list(dict.fromkeys([*labelled, *places]))
    kinds = {
        k: [f.text for f in found if f.kind == k]
        for k in ("date", "code", "title", "model", "hashtag", "proof")
    }
    proofs = proof_points(flat, offers, f"{address} {brand} {product}", found)
    return BriefFactSheet(
        brand=brand,
        product=product,
        audience=_audience(labels, flat),
        proof_points=list(dict.fromkeys([*proofs, *kinds["proof"]]))[:6],
        offers=offers,
        call_to_action=cta,
        address=address,
        must_say=must_say,
        must_not_say=must_not,
        language=language,
        places=places[:4],
        # a date inside an offer or a place ('West 67th Street') is the offer's or the place's
        dates=_unsaid([d for d in kinds["date"] if re.search(r"\d|\w{4}", d)], [*offers, *places])[:4],
        names=_unsaid([*kinds["title"], *kinds["model"]], [brand, product, *must_say, *must_not])[:4],
        codes=_unsaid(kinds["code"], [*offers, product])[:4],
        tags=_unsaid(kinds["hashtag"] + [f.text for f in found if f.kind == "handle"], [address])[:4],
    )


def _unsaid(values: list[str], carriers: list[str]) -> list[str]:
    """The values no other fact of the sheet already carries (a date inside an offer is the offer's)."""
    low = [c.lower() for c in carriers if c]
    return [v for v in dict.fromkeys(values) if not any(v.lower() in c for c in low)]


def _address(cta_label: str, text: str, language: str) -> str:
    """Where the CTA sends people: the first URL, handle, e-mail or phone (the CTA's first), or a store."""
    from studio.brief.shapes import emails, handles, phones, urls

    lang = language if language != "other" else "en"
    for source in (cta_label, text):
        found = [*urls(source), *handles(source), *emails(source), *phones(source, lang)]
        if found:
            return min(found, key=lambda f: f.start).text
        stores = STORES.search(source)
        if stores:
            return stores.group(0)
    return ""


def is_phone_number(text: str, language: str = "en") -> bool:
    """True when the whole text is one phone number ('0113 496 0123', '+49 30 1234567')."""
    from studio.brief.shapes import phones

    found = phones(text, language)
    return len(found) == 1 and found[0].text == text.strip()


def _brand(
    labels: dict[str, str], body: list[str], flat: str, address: str, taken: list[Found], signed: str
) -> str:
    """The brand by evidence (see `roles`), as far as the brief always writes it (`whole_name`: 'Crumbly
    Co.', 'Studio 54'); never a place, never a date. With no name for it in the brief, the name its e-mail
    or web address spells ('dev@ledgerpine.io': 'Ledgerpine')."""
    return whole_name(_brand_by_evidence(labels, body, flat, address, taken, signed), flat, address)


def _brand_by_evidence(
    labels: dict[str, str], body: list[str], flat: str, address: str, taken: list[Found], signed: str
) -> str:
    strong = strong_brand(flat, labels, address, taken, signed)
    if strong:
        return strong
    plain = from_brand(flat, taken)
    opening = _opening_name(body)
    places = place_names(flat, taken, "")
    for label in ("product", "event", "service"):
        run = names(labels.get(label, ""))
        if run and run[0].start == 0:
            return titled(run[0].text)
    # 'beans from Huila' with the roaster named first: the opening name wins over an origin; 'The Stormline 2
    # jacket ...' opens on the product's model name, not the brand
    models = model_names(flat)
    core = re.sub(r"^(?:The|Der|Die|Das)\s+", "", opening)
    model = bool(opening) and any(m.text.startswith(f"{core} ") for m in models)
    if opening and opening not in places and not model:
        return opening
    acting = clause_subject(flat)
    if acting and acting not in places:
        return acting  # 'As seen on BBC Two's Dragons' Den, Crumbly Co. bakes ...': the subject, not the show
    owned = possessive_name(flat, taken, places)
    if owned:
        return owned  # "Bellini's Deli in Glasgow imports ... from Puglia": the owner's name, not the origin
    if plain and plain not in places:
        return plain
    # a one-word name is the brand only with no name of two words; never a model's name ('Aero 5')
    alone = single_name(flat, [*taken, *models], places)
    return first_name(flat, taken, places) or address_name(address) or alone


def _opening_name(body: list[str]) -> str:
    """The name the brief opens with; a number between its capitalised words is its own ('Route 66 Diner',
    'Number 9 Barbers')."""
    first = body[0] if body else ""
    # a small word between two capitalised ones is the name's own ('Casa da Ribeira', 'House of Fern')
    word = rf"(?:[A-ZÀ-Ý][\w'’-]*|&|Co|\d{{1,4}}(?=\s+[A-ZÀ-Ý])|{PARTICLE}(?=\s+[A-ZÀ-Ý]))"
    lead = re.match(rf"\s*((?:[A-ZÀ-Ý][\w'’-]*|[a-z]+[A-Z][\w'’-]*|&)(?:\s+{word})*)", first)
    if lead and names_something(lead.group(1), first[lead.end() :]):
        return titled(re.sub(r"\s+\d+$", "", lead.group(1)))
    return ""


def _product(labels: dict[str, str], text: str, brand: str, found: list[Found], language: str) -> str:
    """The product's name as the brief writes it: a label, a name with a model number, or the words that
    stand with the brand ('Morning Ritual cold brew by Brewco', 'Trailhead, from Cobble & Pine,',
    'Crunchbite granola bars with ...')."""
    for key in ("product", "service", "event"):
        if key in labels:
            return re.split(r"\s*[,;(]\s*", labels[key])[0].strip()
    model = next((f for f in found if f.kind == "model" and f.text != brand), None)
    if model:
        return model.text + _model_noun(text[model.end :])
    if not brand or language not in ("en", "other"):
        # the words around the brand name the product in English word order only ('Brewco cold brew',
        # 'cold brew by Brewco'); in the other languages the product is its label's or its model name
        return ""
    by = re.search(
        r"(?P<p>(?:[A-Z][\w'-]*\s+)*(?:[\w'-]+\s+){0,3}[\w'-]+)(?:,\s+|\s+)(?:by|from)\s+" + re.escape(brand),
        text,
    )
    if by:
        words = by.group("p").split()
        while words and words[0].lower() in STOP_LEAD:
            words.pop(0)
        return " ".join(words[-6:])
    # 'Crunchbite granola bars', 'PipeWise CRM', 'Penny Pilot is a budgeting app', 'X in Austin offers ...'
    lead = r"(?:['’]s)?,?\s+(?:in\s+[A-Z][\w-]*\s+)?(?:(?:is|offers|makes|sells)\s+)?(?:(?:a|an|the|our)\s+)?"
    after = re.search(re.escape(brand) + lead + r"(?P<p>[^,.;:!?|—–\n]+)", text, re.I)
    phrase = _noun_phrase(after.group("p"), heading=False) if after else ""
    lead_in = after.group(0)[: after.start("p") - after.start()] if after else ""
    verb = re.search(r"(?i)\b(?:is|are|was|were)\s+$", lead_in)
    if verb and re.match(r"[a-z]+(?:ing|ed)\b|made\b|built\b", phrase):
        phrase = ""  # 'Ironbark Gym is opening its second site': what it does, not what it is
    if re.match(rf"(?i)(?:{PRESENTS})\b", phrase) or re.fullmatch(rf"(?i:{SIGN_OFF_NOUNS})", phrase):
        phrase = ""  # 'Teatro Lumbre presenta ...' names a title; '— The Oatfield team' signs off
    if phrase:
        return phrase
    # a landing page's heading names the brand; the line under it names the product
    heading = re.search(re.escape(brand) + r"[^.\n]{0,30}\.\s+(?:The\s+)?(?P<p>[^.;:!?|—–\n]+)", text, re.I)
    phrase = _noun_phrase(heading.group("p"), heading=True) if heading else ""
    # 'PipeWise CRM': a name that ends on an acronym names the product as well
    return phrase or (brand if re.fullmatch(r"\S+(?:\s+\S+)*\s+[A-Z]{2,5}", brand) else "")


def _model_noun(after: str) -> str:
    """' backpack' after 'Ridgeline 45L', ' espresso machine' after 'BrewMaster X2': the thing a model
    name names, when one or two plain words stand right after it and its clause or a joining word follows
    ('earbuds with ...'), never what it does ('takes photos', 'comes in three colours', 'lasts for 2
    days')."""
    tokens = re.findall(r"[\w'’-]+|[^\w\s]", after)
    if not re.match(r"\s+[a-z]", after) or not tokens:
        return ""
    phrase = _noun_phrase(" ".join(tokens[:3]), heading=False).split()[:2]
    rest = [*tokens[len(phrase) :], "", ""]
    nxt = rest[0].lower()
    joins = nxt in BREAKS or nxt in _PREPOSITIONS or nxt in _AUXILIARIES
    if not phrase or not (not nxt or re.match(r"[^\w\s]", nxt) or joins):
        return ""
    does = nxt in ("in", "on", "at", "to", "into") or (nxt == "for" and re.match(r"\d", rest[1]))
    if re.search(r"[^su]s$", phrase[0]) and (len(phrase) > 1 or does):
        return ""
    return " " + " ".join(phrase)


def _noun_phrase(words_after: str, heading: bool) -> str:
    """The short noun phrase a run of words opens with: lowercase words (and acronyms, 'vitamin C'), up to a
    joining word, a number or a verb-like '-ed' word; a heading's line may open with a capitalised name.

    The phrase ends before a word that reads as its verb: one in -s with a number or a determiner after
    it ('lasts 16 hours', 'has the 2024 ...'), or that opens it with a place after ('opens on East 6th
    Street'). A heading's line that opens on one capitalised word, a pronoun or a count ('Order from ...',
    'We have planted ...', 'Two days') is a sentence, not a name.
    """
    run = words_after.split()
    words: list[str] = []
    for i, w in enumerate(run[:5]):
        capital = heading and (i == 0 or words[-1][:1].isupper()) and re.fullmatch(r"[A-ZÀ-Ý][\w'-]*", w)
        shaped = re.fullmatch(r"[a-zà-ÿ][\w'-]*|[A-Z]{1,5}s?", w) or capital
        if (
            w.lower() in BREAKS
            or w.lower() in _PREPOSITIONS
            or w.lower() in _AUXILIARIES
            or not shaped
            or (words and re.search(r"[a-z]ed$", w))
            or _verb_like(w, run[i + 1 : i + 3], not words)
        ):
            break
        words.append(w)
    opener = words and (words[0].lower() in _SENTENCE_OPENERS or (len(words) == 1 and words[0].istitle()))
    if heading and opener:
        return ""
    if len(words) == 4 and (len(run) == 4 or not re.fullmatch(r"[a-zà-ÿ][\w'-]*", run[4])):
        return " ".join(words)  # 'vet-designed fresh dog food' ends where its run does
    # a longer run goes on into what the product does ('vitamin C serum fades ...'): its first three words
    return " ".join(words[:3])


def _verb_like(word: str, after: list[str], first: bool) -> bool:
    """'has the', 'blocks 99.9%', 'lasts 16 hours', and as the phrase's first word 'opens on East 6th
    Street' or 'comes in three colours': a word in -s that takes what follows it."""
    if not re.fullmatch(r"[a-z]+[^su]s", word) or not after:
        return False
    nxt = after[0]
    if re.match(r"[\d$€£]", nxt) or nxt.lower() in _DETERMINERS:
        return True
    # 'opens on East 6th Street', 'returns to Tromsø', 'comes in three colours': where or how long it does
    return first and nxt.lower() in ("on", "to", "at", "in", "into", "for")


_AUXILIARIES = _words("is are was were has have had will can")
"""Where a noun phrase ends in a sentence ('oat milk is barista-grade')."""
_DETERMINERS = _words("the a an our its their your his her every each all more up over")
_SENTENCE_OPENERS = _words("we you i it they our your this these that each every one two three four five")
"""Words that open a sentence, never a product's name ('We have planted ...', 'Each cabin sleeps 4')."""


_PREPOSITIONS = _words("near of off into onto over under about around before after between")
"""Where a product's noun phrase ends ('Fjordline Cabins near Bergen' names no product 'near')."""

STORES = re.compile(r"\b(?:in[- ]stores?|(?<=on )the App Store|App Store|Google Play)\b", re.I)
_CTA_VERBS = _words(
    "order shop buy visit book call download get start sign join apply register donate give follow try "
    "request see rsvp open message text learn find claim reserve subscribe play discover grab compra pide "
    "descarga descárgala visita reserva prueba llama jetzt mehr hol bestellen entdecke buchen demo "
    "besuche commandez ouvrez appelez prenez découvrez réservez achetez visitez acquista visita scopri "
    "compre visite baixe"
)
_PEOPLE_END = ("ers", "ists", "ians", "ents", "ees", "teams")


def _cta(labels: dict[str, str], body: list[str], address: str) -> str:
    label = labels.get("cta") or labels.get("call to action")
    if label:
        return label.rstrip(".!")
    said = re.search(
        r"(?i)\b(?:cta|call to action)\s*(?:is|:|=|-)\s*[\"“']?(.{3,80}?)[\"”']?(?:[.!?](?:\s|$)|$)",
        " ".join(body),
    )
    if said:
        return said.group(1).strip()
    for line in body:
        for clause in clauses_of(line, commas=True):
            # a prefixed verb is read by its head ('Pre-order at ...', 'Re-book on ...')
            first = clause.split()[0].lower().strip(":").split("-")[-1]
            here = not address or address.lower() in clause.lower()
            plain_ask = re.match(r"(?i)(?:shop|buy|order|sign up|book|call|download|join)\b", clause)
            if first in _CTA_VERBS and here and (address or plain_ask):
                return clause if len(clause.split()) <= 12 else ""
    return ""


def _audience(labels: dict[str, str], text: str) -> str:
    for key in ("audience", "for", "target"):
        if key in labels:
            return labels[key].rstrip(".")
    pattern = (
        r"\b(?:for|aimed at|targeting|made for|built for|helps)\s+(?P<a>[\w'-]+(?:\s+[\w'-]+){0,4}?)"
        r"(?=\s+(?:who|that|with|to|in|on|at|this|raise|need)\b|[,.;:!?\n]|$)"
    )
    for m in re.finditer(pattern, text, re.I):
        words = m.group("a").split()
        while words and words[0].lower() in ("the", "a", "an", "all", "every"):
            words.pop(0)
        if words and any(
            w.lower().endswith(_PEOPLE_END) or w.lower().strip("'") in _PEOPLE_WORDS for w in words
        ):
            return " ".join(words)
    return ""


_PEOPLE_WORDS = _words(
    "people students families children teens seniors beginners retirees pros women men kids parents moms "
    "mums dads couples athletes nurses doctors"
)


__all__ = ["HANDLE", "URL", "is_phone_number", "read_fact_sheet"]
