"""Reading a brief into its `BriefFactSheet`: what must survive verbatim, each fact in the brief's words.

Labelled lines ('Offer: ...', 'CTA: ...'), bullets, pasted landing-page copy, client emails and briefs in
English, Spanish, French, German, Portuguese and Italian. Facts are found by their shape (`shapes`), the
brand and the places by evidence (`roles`), the numbers with what they count (`numbers`).
"""

from __future__ import annotations

import re

from studio.brief.checker import normalise
from studio.brief.clean import (
    BULLET,
    DOTTED_LEGAL_FORMS,
    LABELLED,
    PLACE_LABELS,
    SENTENCE_END,
    clauses_of,
    label_of,
    letter_body,
    plain_text,
    signed_company,
    unwrap,
)
from studio.brief.language import detect_language
from studio.brief.naming import titled, without_opener
from studio.brief.numbers import proof_points
from studio.brief.offers import read_offers
from studio.brief.places import place_names, places_in
from studio.brief.product import presented_names, read_product
from studio.brief.roles import (
    clause_subject,
    first_name,
    from_brand,
    names_something,
    possessive_name,
    single_name,
    strong_brand,
)
from studio.brief.say_rules import copy_of, directive, forbids, listed_rules, must_lines
from studio.brief.shapes import (
    EMAIL,
    HANDLE,
    PARTICLE,
    URL,
    Found,
    emails,
    find_all,
    handles,
    model_names,
    names,
    phones,
    urls,
)
from studio.brief.spelling import address_name, as_written
from studio.brief.streets import street_spans
from studio.brief.whole_name import whole_name
from studio.models import BriefFactSheet


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def read_fact_sheet(prompt: str) -> BriefFactSheet:
    """The facts a brief states, each in the brief's words (empty where it states none)."""
    text = plain_text(prompt[:5000])
    raw_lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    body = unwrap(letter_body(raw_lines))
    # 'Don't mention:' over '- cheap', '- free shipping': a word a line, and none of it copy
    listed, ruled = listed_rules(body)
    lines = [
        piece
        for i, ln in enumerate(body)
        if i not in ruled
        for piece in _label_lines(BULLET.sub("", ln).strip())
    ]
    # a rule ends where its line does ('Don't mention: cheap, discount' over a list of copy)
    must_say, must_not = must_lines(" ".join(ln if ln[-1:] in ".!?:;" else f"{ln}." for ln in lines))
    must_not = list(dict.fromkeys([*must_not, *listed]))
    labels: dict[str, str] = {}
    body = []
    for line in lines:
        label = label_of(line)
        if label and label[0] not in labels:
            labels[label[0]] = label[1].strip().strip("\"“”'")
        copy = _copy(line, must_not)
        if copy:
            body.append(copy)
    # a line without an end mark (a bullet, a landing-page heading) ends where the line does
    flat = " ".join(b if b[-1:] in ".!?:" else f"{b}." for b in body)
    # a rule sentence is no copy, yet it is written in the brief's language: it is read with the rest
    spoken = [ln for ln in lines if not directive(ln)]
    language = detect_language(" ".join(b if b[-1:] in ".!?:" else f"{b}." for b in spoken))
    found = find_all(flat, language if language != "other" else "en")
    cta_label = labels.get("cta") or labels.get("call to action") or ""
    address = _address(cta_label, flat, language)
    cta = _cta(labels, body, address)
    dated = [
        f for f in found if f.kind in ("date", "url", "email", "handle", "phone", "price", "code", "title")
    ]
    brand = _brand(labels, body, flat, address, dated, signed_company(raw_lines))
    offers = read_offers(labels, body, cta, brand, found)
    places = [p for p in place_names(flat, dated, brand) if not brand or p.lower() not in brand.lower()]
    # the product is named in the body, not in the call to action ('Download Quietly today')
    product = read_product(labels, flat.replace(cta, " ") if cta else flat, brand, found, language, places)
    labelled = [labels[k] for k in PLACE_LABELS if k in labels and labels[k].lower() not in brand.lower()]
    places = list(dict.fromkeys([*labelled, *places]))
    kinds = {
        k: [f.text for f in found if f.kind == k]
        for k in ("date", "code", "title", "model", "hashtag", "proof")
    }
    # a claim that says a word the brief forbids is no claim to keep ('ohne Fabrik' where 'Fabrik' is
    # forbidden): the rule wins, and neither the writer nor a model is held to say it
    proofs = proof_points(flat, offers, f"{address} {brand} {product}", found)
    proofs = [p for p in [*proofs, *kinds["proof"]] if not _says(p, must_not)]
    return BriefFactSheet(
        brand=brand,
        product=product,
        audience=_audience(labels, flat),
        proof_points=list(dict.fromkeys(proofs))[:6],
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
        # a second web address or mailbox ('Gift cards at oak.example/gift') is said where the brief says it
        tags=_unsaid(
            [*kinds["hashtag"], *(f.text for f in found if f.kind in ("handle", "url", "email"))], [address]
        )[:4],
    )


def _says(phrase: str, words: list[str]) -> bool:
    """Whether the phrase says one of the words, whole ('ohne Fabrik' says 'Fabrik'; 'Fabriken' does not)."""
    low = normalise(phrase)
    return any(re.search(rf"(?<!\w){re.escape(normalise(w))}(?!\w)", low) for w in words if normalise(w))


def _copy(line: str, ruled_out: list[str]) -> str:
    """The line less what tells the writer what (not) to say: a line that opens on a rule ('Must say: ...',
    'Tone: warm') keeps the sentences after it that are copy; each sentence that forbids words goes, or its
    rule's clauses do ('Don't mention Paris or our old name Zorvik Classic.': Paris is no place, Zorvik
    Classic no brand). A web address, a mailbox or a handle in what goes stays, unless it is itself a word
    `ruled_out`: it says where to send people ('Don't say cheap, just send people to zorvik.example')."""
    sentences = [s for s in SENTENCE_END.split(line) if s.strip()]
    kept = []
    for k, sentence in enumerate(sentences):
        # the rule a line opens on goes ('Tone: warm'), but for the copy after a forbidding rule's dash
        copy = copy_of(sentence) if k or not directive(line) or forbids(sentence) else ""
        if copy.strip(" .!?:"):
            kept.append(copy)  # kept whole, it keeps its end mark; a rule's cut ends where the line does
        kept += [
            f"{m.group(0)}."
            for shape in (URL, EMAIL, HANDLE)
            for m in shape.finditer(sentence)
            if m.group(0) not in copy and not any(_overlap(m.group(0), w) for w in ruled_out)
        ]
    return " ".join(kept)


def _overlap(a: str, b: str) -> bool:
    """One holds the other, case aside ('zorvik-old.example' and a rule's 'zorvik-old')."""
    a, b = a.lower(), b.lower()
    return bool(a and b) and (a in b or b in a)


_NEXT_LABEL = re.compile(rf"(?<=[.!?;|])\s+(?={LABELLED.pattern})")


def _label_lines(line: str) -> list[str]:
    """A line of labelled parts run together ('Brand: zorvik. Product: oat milk. Offer: 2x1 en julio.', as
    a one-line box or a pasted note holds them) as a line per sentence, so each label reads its own value
    ('zorvik', not the rest of the line); its full stop goes, but for a legal form's ('Crumbly Co.'). A
    line with one label or none stays whole."""
    if not LABELLED.match(line) or not _NEXT_LABEL.search(line):
        return [line]
    pieces = [p.strip() for p in SENTENCE_END.split(line) if p.strip()]
    return [p[:-1] if p.endswith(".") and not p.endswith((*DOTTED_LEGAL_FORMS, "..")) else p for p in pieces]


def _unsaid(values: list[str], carriers: list[str]) -> list[str]:
    """The values no other fact of the sheet already carries (a date inside an offer is the offer's)."""
    low = [c.lower() for c in carriers if c]
    return [v for v in dict.fromkeys(values) if not any(v.lower() in c for c in low)]


def _address(cta_label: str, text: str, language: str) -> str:
    """Where the CTA sends people: the first URL, handle, e-mail or phone (the CTA's first), or a store."""
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
    found = phones(text, language)
    return len(found) == 1 and found[0].text == text.strip()


def _brand(
    labels: dict[str, str], body: list[str], flat: str, address: str, taken: list[Found], signed: str
) -> str:
    """The brand by evidence (see `roles`), as far as the brief always writes it (`whole_name`: 'Crumbly
    Co.', 'Studio 54'); never a place, never a date. With no name for it in the brief, the name its e-mail
    or web address spells ('dev@ledgerpine.io': 'Ledgerpine')."""
    found = without_opener(_brand_by_evidence(labels, body, flat, address, taken, signed))
    if found and _only_in_streets(found, flat):
        found = address_name(address)  # 'na Avenida 9 de Julho 1200': a street, never the brand
    return as_written(whole_name(found, flat, address, places_in), flat)


def _only_in_streets(name: str, text: str) -> bool:
    """Whether the brief writes the name only inside its streets ('Avenida 9' of 'Avenida 9 de Julho')."""
    spans = street_spans(text)
    spots = [m.start() for m in re.finditer(rf"(?<![\w'’]){re.escape(name)}(?![\w'’])", text)]
    return bool(spots) and all(any(a <= at < b for a, b in spans) for at in spots)


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
    # a one-word name is the brand only with no name of two words; never a model's name ('Aero 5'), nor the
    # name the brief presents as its product ('Il nostro nuovo gelato Pistacchio Reale ...')
    sold = [*places, *(core for _, _, core in presented_names(flat, "", places))]
    alone = single_name(flat, [*taken, *models], sold)
    return first_name(flat, taken, sold) or address_name(address) or alone


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
