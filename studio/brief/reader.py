"""Reading a brief into its `BriefFactSheet`: what must survive verbatim, each fact in the brief's words.

Labelled lines ('Offer: ...', 'CTA: ...'), bullets, pasted landing-page copy, client emails and briefs in
English, Spanish, French, German, Portuguese and Italian. Facts are found by their shape (`shapes`), the
brand and the places by evidence (`roles`), the numbers with what they count (`numbers`).
"""

from __future__ import annotations

import re

from studio.brief.clean import SENTENCE_END, letter_body, plain_text, unwrap
from studio.brief.language import detect_language
from studio.brief.numbers import BREAKS, proof_points
from studio.brief.roles import (
    PRESENTS,
    STOP_LEAD,
    first_name,
    from_brand,
    names_something,
    place_names,
    possessive_name,
    strong_brand,
    titled,
)
from studio.brief.shapes import HANDLE, URL, Found, find_all, names
from studio.models import BriefFactSheet


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def read_fact_sheet(prompt: str) -> BriefFactSheet:
    """The facts a brief states, each in the brief's words (empty where it states none)."""
    text = plain_text(prompt[:5000])
    body = letter_body([ln.strip() for ln in text.splitlines() if ln.strip()])
    lines = [re.sub(r"^\s*[-•*·]\s*", "", ln).strip() for ln in unwrap(body)]
    labels: dict[str, str] = {}
    body: list[str] = []
    for line in lines:
        m = _LABEL.match(line)
        if m and m.group("k").lower() not in labels:
            labels[m.group("k").lower()] = m.group("v").strip().strip("\"“”'")
        if not _directive(line):
            body.append(line)
    # a line without an end mark (a bullet, a landing-page heading) ends where the line does
    flat = " ".join(b if b[-1:] in ".!?:" else f"{b}." for b in body)
    language = detect_language(flat)
    found = find_all(flat, language if language != "other" else "en")
    must_say, must_not = _must_lines(" ".join(lines))
    cta_label = labels.get("cta") or labels.get("call to action") or ""
    address = _address(cta_label, flat, language)
    cta = _cta(labels, body, address)
    dated = [
        f for f in found if f.kind in ("date", "url", "email", "handle", "phone", "price", "code", "title")
    ]
    brand = _brand(labels, body, flat, address, dated)
    offers = _offers(labels, body, cta, brand, found)
    # the product is named in the body, not in the call to action ('Download Quietly today')
    product = _product(labels, flat.replace(cta, " ") if cta else flat, brand, found, language)
    places = [p for p in place_names(flat, dated, brand) if not brand or p.lower() not in brand.lower()]
    labelled = [labels[k] for k in _WHERE if k in labels and labels[k].lower() not in brand.lower()]
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


def _brand(labels: dict[str, str], body: list[str], flat: str, address: str, taken: list[Found]) -> str:
    """The brand by evidence (see `roles`); never a place, never a date."""
    strong = strong_brand(flat, labels, address, taken)
    if strong:
        return strong
    plain = from_brand(flat, taken)
    opening = _opening_name(body)
    places = place_names(flat, taken, "")
    for label in ("product", "event", "service"):
        run = names(labels.get(label, ""))
        if run and run[0].start == 0:
            return titled(run[0].text)
    # 'beans from Huila' with the roaster named first: the opening name wins over an origin
    if opening and opening not in places:
        return opening
    owned = possessive_name(flat, taken, places)
    if owned:
        return owned  # "Bellini's Deli in Glasgow imports ... from Puglia": the owner's name, not the origin
    if plain and plain not in places:
        return plain
    return first_name(flat, taken, places)


def _opening_name(body: list[str]) -> str:
    first = body[0] if body else ""
    lead = re.match(r"\s*((?:[A-ZÀ-Ý][\w'’-]*|&)(?:\s+(?:[A-ZÀ-Ý][\w'’-]*|&|Co))*)", first)
    if lead and names_something(lead.group(1), first[lead.end() :]):
        return titled(re.sub(r"\s+\d+$", "", lead.group(1)))
    return ""


def _product(labels: dict[str, str], text: str, brand: str, found: list[Found], language: str) -> str:
    """The product's name as the brief writes it: a label, a name with a model number, or the words that
    stand with the brand ('Morning Ritual cold brew by Brewco', 'Crunchbite granola bars with ...')."""
    for key in ("product", "producto", "produkt", "service", "event"):
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
        r"(?P<p>(?:[A-Z][\w'-]*\s+)*(?:[\w'-]+\s+){0,3}[\w'-]+)\s+(?:by|from)\s+" + re.escape(brand), text
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
    if re.match(rf"(?i)(?:{PRESENTS})\b", phrase) or phrase.lower() in ("team", "crew", "family"):
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
    joins = nxt in BREAKS or nxt in _PREPOSITIONS
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

_LABEL = re.compile(
    r"^(?P<k>brand|marca|marque|marke|business|company|organi[sz]ation|app|product|produkt|producto|"
    r"service|event|audience|for|target|offer|deal|promo|sale|price|cta|call to action|tone|when|goal|"
    r"where|venue|location|wo|ort|où|lieu|dónde|lugar|dove|luogo|onde|local)"
    r"\s*[:=]\s*(?P<v>.+)$",
    re.I,
)

_WHERE = (
    "where",
    "venue",
    "location",
    "wo",
    "ort",
    "où",
    "lieu",
    "dónde",
    "lugar",
    "dove",
    "luogo",
    "onde",
    "local",
)
"""Labels of a place line ('Where: Hexham', 'Ort: Freiburg', 'Lieu : Nantes')."""
STORES = re.compile(r"\b(?:in[- ]stores?|(?<=on )the App Store|App Store|Google Play)\b", re.I)
_OFFER = re.compile(
    r"(?:-\d{1,2}\s?%|\b\d{1,3}(?:[.,]\d+)?\s?%\s?(?:off|discount|de descuento|de réduction|rabatt|di sconto|"
    r"de desconto)|\d+(?:[.,]\d{1,2})?\s?[€£]|[$€£]\s?\d+(?:[.,]\d{1,2})?|(?<!-)\bfree\b|\bgratis\b|"
    r"\bgratuit[ae]?s?\b|\bgratuit[oa]s?\b|\bgrátis\b|\bomaggio\b|\bofferts?e?s?\b|\bkostenlos\b|"
    r"\bfrei\b|\bhalf[- ]price\b|"
    r"\bbuy (?:one|\d+)\b[^.;\n]{0,20}\bget (?:one|\d+)"
    r"\b[^.;,\n]*|\b\d+\s?x\s?\d+\b|"
    r"\b\w+\s+\w+\s+(?:for the price of|al precio de|pour le prix de|zum preis von|al prezzo di|"
    r"pelo preço de)\s+\w+|"
    r"\bno credit card\b|\bno card (?:needed|required)\b|\d\s?% APR\b|\bsave \d{1,2}\s?%|"
    r"\bno (?:joining|sign-?up|setup|booking) fees?\b|"
    r"\bcode\s+[A-Z0-9]{3,}|\bc[oó]digo\s+[A-Z0-9]{3,}|\bcodice\s+[A-Z0-9]{3,}|\bmatched\b|"
    r"\bsame-day delivery\b|\d+[- ](?:day|night|week|month)s? (?:free )?trial\b|\breturns\b)",
    re.I,
)

_CTA_VERBS = _words(
    "order shop buy visit book call download get start sign join apply register donate give follow try "
    "request see rsvp open message text learn find claim reserve subscribe play discover grab compra pide "
    "descarga descárgala visita reserva prueba llama jetzt mehr hol bestellen entdecke buchen demo "
    "besuche commandez ouvrez appelez prenez découvrez réservez achetez visitez acquista visita scopri "
    "compre visite baixe"
)
_PEOPLE_END = ("ers", "ists", "ians", "ents", "ees", "teams")


_NEVER = (
    r"don'?t say|do not say|never say|must not say|never mention|don'?t mention|do not mention|"
    r"avoid the words?|avoid saying|avoid using|avoid mentioning|"
    r"don'?t use(?: the words?)?|do not use(?: the words?)?|"
    r"never use(?: the words?)?|no mention of|banned words?|forbidden words?|words? to avoid|steer clear of|"
    r"palabras? prohibidas?|mots? interdits?|verbotene[ns]? w(?:ö|o)rt(?:er)?|parole vietate|parola vietata|"
    r"palavras? proibidas?|"
    r"no (?:digas|decir|diga|mencion(?:ar|es|e)|uses|usar|hables de|hablar de)|"
    r"evit(?:a|ar|e) (?:la palabra|decir|mencionar)|"
    r"sin mencionar|ne (?:dites|dis) pas|ne pas (?:dire|mentionner|parler de|utiliser)|"
    r"évite[rz]? (?:le mot|de dire|de parler de|de mentionner)|sans mentionner|"
    r"nicht (?:erwähnen|sagen|verwenden|benutzen|von)|erwähne nicht|sag nicht|kein wort (?:über|von)|"
    r"vermeide[n]? (?:das wort|zu sagen)|"
    r"non (?:dire|dite|dica|menzionare|menzionate|nominare|usare|parlare di|parlate di)|"
    r"evita(?:re)? (?:la parola|di dire|di parlare di)|"
    r"não (?:diga|dizer|mencion(?:ar|e)|use|usar|fale (?:de|em|sobre)|falar (?:de|em|sobre))|"
    r"evite (?:a palavra|dizer|falar (?:de|em|sobre))"
)
"""Ways a brief says a word must not be said, in the six languages ('Ne pas parler de douleur')."""
_ALWAYS = (
    r"must say|must include|always say|be sure to say|di siempre|hay que decir|dites toujours|"
    r"immer sagen|sagt immer|di sempre|dica sempre|diga sempre"
)


def says_what_to_say(line: str) -> bool:
    """True for a line or sentence that tells the writer what (not) to say ('Don't say \"cheap\"',
    'Merci de ne pas parler de douleur')."""
    return bool(re.search(rf"(?i)\b(?:{_ALWAYS}|{_NEVER})\b", line)) or _WORD_NOT.search(line) is not None


def without_say_rules(text: str) -> str:
    """The brief less each sentence that tells the writer what (not) to say; the rest of its line stays."""
    out = []
    for line in text.splitlines():
        parts = re.split(r"(?<=[.!?])\s+", line)
        out.append(" ".join(p for p in parts if not says_what_to_say(p)))
    return "\n".join(ln for ln in out if ln.strip())


def _directive(line: str) -> bool:
    """A line that tells the writer what (not) to say is not copy about the product."""
    return bool(re.match(r"(?i)\s*(?:must|always|never|don'?t|do not|avoid|tone\b)", line))


# 'Bitte „billig“ nicht erwähnen', '"barato" no': the word before the rule
_WORD_NOT = re.compile(
    r"[\"“„'«]\s*(?P<v>[^\"“”'»\n]{2,40}?)\s*[\"“”'»]\s+(?i:nicht (?:erwähnen|sagen|verwenden|benutzen)|"
    r"bitte nicht|no,|jamais|nunca|mai)\b"
)


def _must_lines(text: str) -> tuple[list[str], list[str]]:
    quote = r"\s*:?\s*[\"“„'«]?\s*(?P<v>[^\"”“'».\n]{2,80})"
    say = re.finditer(rf"(?i)\b(?:{_ALWAYS})" + quote, text)
    words: list[str] = []
    for m in re.finditer(rf"(?i)\b(?:{_NEVER})\b", text):
        words += _ruled_out(re.split(r"[.!?;\n]", text[m.end() :], maxsplit=1)[0])
    words += [m.group("v").strip() for m in _WORD_NOT.finditer(text)]
    return [m.group("v").strip() for m in say], list(dict.fromkeys(w for w in words if w))


_LIST_BREAK = re.compile(r"(?i)\s*,\s*|\s+(?:or|and|nor|o|y|ni|ou|et|oder|und|e|né)\s+")


def _ruled_out(rest: str) -> list[str]:
    """The words a rule forbids, from what follows it: each quoted one ('"cheap" or "bargain"'), else the
    phrase up to the sentence's end, split at commas and 'or' ('discounts, sales or cheap')."""
    quoted = re.findall(r"[\"“„'«‘]\s*([^\"”“'»’\n]{2,40}?)\s*[\"”“'»’]", rest)
    if quoted:
        return [q.strip() for q in quoted]
    phrase = re.sub(r"(?i)^\s*:?\s*(?:the words?|words? like|anything about|the)\s+", "", rest).strip(" :")
    phrase = re.split(r"(?i)\s+(?:anywhere|at all|in the ad|please|in any form)\b", phrase)[0]
    items = [i.strip(" .") for i in _LIST_BREAK.split(phrase) if i and i.strip(" .")]
    return [i for i in items if len(i.split()) <= 4][:4]


def _clauses(sentence: str, commas: bool) -> list[str]:
    # a colon after a lead-in of four words or more ('Launch our campaign for Cyclo bikes: ...') ends a
    # clause; after fewer it is the clause's own ('First visit: 30% off')
    sentence = re.sub(r"^((?:\S+\s+){3,}\S*\w):\s+", r"\1 | ", sentence)
    ends = SENTENCE_END.pattern  # a German day's full stop ('bis zum 15. März') ends no sentence
    parts = re.split(ends + r"|\s*[|;]\s*|\s+[—–]\s+" + (r"|,\s+" if commas else ""), sentence)
    return [p.strip(" .!") for p in parts if p.strip(" .!")]


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
        for clause in _clauses(line, commas=True):
            first = clause.split()[0].lower().strip(":")
            here = not address or address.lower() in clause.lower()
            plain_ask = re.match(r"(?i)(?:shop|buy|order|sign up|book|call|download|join)\b", clause)
            if first in _CTA_VERBS and here and (address or plain_ask):
                return clause if len(clause.split()) <= 12 else ""
    return ""


def _offers(labels: dict[str, str], body: list[str], cta: str, brand: str, stated: list[Found]) -> list[str]:
    """Each offer with its terms: a clause with a discount, a price (price-parser's), 'free ...', a code."""
    prices = [f.text for f in stated if f.kind == "price"]
    found: list[str] = []
    for key in ("offer", "deal", "promo", "price"):
        if key in labels:
            found.append(labels[key].rstrip("."))
    for line in body:
        if _LABEL.match(line) and _LABEL.match(line).group("k").lower() in (
            "offer",
            "deal",
            "promo",
            "price",
        ):
            continue
        for clause in _clauses(line, commas=not re.search(r"(?i)\bbuy (?:one|\d+)\b", line)):
            clause = re.sub(r"(?i)^(?:sale|offer|deal|promo|price|angebot|oferta)\s*:\s*", "", clause)
            m = _OFFER.search(clause) or next(
                (re.search(re.escape(p), clause) for p in prices if p in clause), None
            )
            if not m or _LABEL.match(clause):
                continue
            clause = re.split(r"\s+(?:at|on|en|auf|sur|su|em)\s+(?=\S+\.[a-z]{2,}\b)", clause, maxsplit=1)[0]
            if brand and clause.lower().startswith(brand.lower()):
                clause = clause[m.start() :]  # 'Peak trail shoes 20% off': the offer is '20% off'
            if len(clause.split()) <= 16:
                found.append(clause.strip(" ,"))
    return list(dict.fromkeys(f for f in found if f))[:4]


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


__all__ = ["HANDLE", "URL", "is_phone_number", "read_fact_sheet", "says_what_to_say", "without_say_rules"]
