"""The brief's facts in its own words: brand, product, audience, numbers, offers, CTA and its address.

Where `brief_reader` reads a brief for the copy (rephrasing is fine there), this reads what must survive
verbatim: '15% off your first box', 'code SPRING', 'Order at brewco.example', '18 hours'. It reads labelled
lines ('Offer: ...', 'CTA: ...'), bullets, pasted landing-page copy and briefs in other Latin-script
languages, and returns a `BriefFactSheet`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from studio.models import BriefFactSheet
from studio.offline.words import lexicon as lex
from studio.offline.words.fact_numbers import BREAKS, PHONE, is_phone, proof_points
from studio.offline.words.scripts import normalise_numbers
from studio.offline.words.text import strip_symbols

if TYPE_CHECKING:
    from studio.offline.words.brief_reader import BriefFacts


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LABEL = re.compile(
    r"^(?P<k>brand|marca|marque|marke|business|company|organi[sz]ation|app|product|produkt|producto|"
    r"service|event|audience|for|target|offer|deal|promo|sale|price|cta|call to action|tone|when|goal)"
    r"\s*[:=]\s*(?P<v>.+)$",
    re.I,
)
URL = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}(?:/[\w/-]+)?\b",
    re.I,
)
HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?")
STORES = re.compile(r"\b(?:in[- ]stores?|(?<=on )the App Store|App Store|Google Play)\b", re.I)
_OFFER = re.compile(
    r"(?:-\d{1,2}\s?%|\b\d{1,3}(?:[.,]\d+)?\s?%\s?(?:off|discount|de descuento|de réduction|rabatt|di sconto|"
    r"de desconto)|\d+(?:[.,]\d{1,2})?\s?[€£]|[$€£]\s?\d+(?:[.,]\d{1,2})?|(?<!-)\bfree\b|\bgratis\b|"
    r"\bgratuit[ae]?\b|\bofferts?e?s?\b|\bkostenlos\b|\bfrei\b|\bhalf[- ]price\b|"
    r"\bbuy (?:one|\d+)\b[^.;\n]{0,20}\bget (?:one|\d+)"
    r"\b[^.;,\n]*|\b\d+x\d+\b|\bno credit card\b|\bno (?:joining|sign-?up|setup|booking) fees?\b|"
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
_STOP_LEAD = _words(
    "a an the our ad get learn try new meet introducing don el la le les der die das un une una il o "
    "finally tired stop ready why what how make need looking ever imagine this your we i you it"
)


def read_fact_sheet(prompt: str) -> BriefFactSheet:
    """The facts a brief states, each in the brief's words (empty where it states none)."""
    text = "\n".join(strip_symbols(line) for line in normalise_numbers(prompt)[:5000].splitlines())
    lines = [re.sub(r"^\s*[-•*·]\s*", "", ln).strip() for ln in text.splitlines() if ln.strip()]
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
    must_say, must_not = _must_lines(" ".join(lines))
    address = _address(labels.get("cta") or labels.get("call to action") or "", flat)
    cta = _cta(labels, body, address)
    brand = _brand(labels, body, address)
    offers = _offers(labels, body, cta, brand)
    product = _product(labels, flat, brand, body)
    return BriefFactSheet(
        brand=brand,
        product=product,
        audience=_audience(labels, flat),
        proof_points=proof_points(flat, offers, f"{address} {brand}"),
        offers=offers,
        call_to_action=cta,
        address=address,
        must_say=must_say,
        must_not_say=must_not,
    )


def says_what_to_say(line: str) -> bool:
    """True for a line that tells the writer what (not) to say ('Don't say \"cheap\"')."""
    return bool(re.search(r"(?i)\b(?:must (?:not )?say|don'?t say|do not say|never (?:say|mention))\b", line))


def adopt_sheet(facts: BriefFacts, sheet: BriefFactSheet) -> None:
    """The copy names what the sheet read in the brief's words; the sheet gets the reader's other facts."""
    if sheet.brand and not facts.generic:
        facts.brand = sheet.brand
    elif facts.brand and not sheet.brand:
        sheet.brand = facts.brand
    if sheet.call_to_action:
        facts.cta = sheet.call_to_action
    if sheet.audience and not facts.audience:
        facts.audience = (
            sheet.audience.lower()
            if sheet.audience[:1].isupper() and " " not in sheet.audience
            else sheet.audience
        )
    if not sheet.audience and facts.audience:
        sheet.audience = facts.audience
    if not sheet.product and facts.noun and not (facts.brand and facts.noun.lower() == facts.brand.lower()):
        sheet.product = facts.noun
    sheet.tone = facts.tone or ""
    # a phrase of an offer ('with any large pizza on Tuesdays') is said with the offer, not as a feature
    facts.features = [f for f in facts.features if not any(f.lower() in o.lower() for o in sheet.offers)]
    facts.sheet = sheet


def _directive(line: str) -> bool:
    """A line that tells the writer what (not) to say is not copy about the product."""
    return bool(re.match(r"(?i)\s*(?:must|always|never|don'?t|do not|avoid|tone\b)", line))


def _must_lines(text: str) -> tuple[list[str], list[str]]:
    quote = r"\s*:?\s*[\"“']?(?P<v>[^\"”'\n.]{2,80})"
    say = re.finditer(r"(?i)\b(?:must say|must include|always say|be sure to say)" + quote, text)
    never = re.finditer(
        r"(?i)\b(?:don'?t say|do not say|never say|must not say|never mention|don'?t mention|"
        r"do not mention|avoid the word|avoid saying)" + quote,
        text,
    )
    return [m.group("v").strip() for m in say], [m.group("v").strip() for m in never]


def _address(cta_label: str, text: str) -> str:
    for source in (cta_label, text):
        found = [(m.start(), m.group(0).rstrip(".")) for pat in (URL, HANDLE) for m in pat.finditer(source)]
        found += [(m.start(), m.group(0)) for m in PHONE.finditer(source) if is_phone(m.group(0), source)]
        if found:
            return min(found)[1]
        stores = STORES.search(source)
        if stores:
            return stores.group(0)
    return ""


def _clauses(sentence: str, commas: bool) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\s*[|;]\s*|\s+[—–]\s+" + (r"|,\s+" if commas else ""), sentence)
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


def _offers(labels: dict[str, str], body: list[str], cta: str, brand: str) -> list[str]:
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
            m = _OFFER.search(clause)
            if not m or _LABEL.match(clause):
                continue
            clause = re.split(r"\s+(?:at|on|en|auf|sur|su|em)\s+(?=\S+\.[a-z]{2,}\b)", clause, maxsplit=1)[0]
            if brand and clause.lower().startswith(brand.lower()):
                clause = clause[m.start() :]  # 'Peak trail shoes 20% off': the offer is '20% off'
            if len(clause.split()) <= 12:
                found.append(clause.strip(" ,"))
    return list(dict.fromkeys(f for f in found if f))[:4]


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower().replace("&", "and"))


def _runs(text: str) -> list[tuple[int, str]]:
    """Runs of capitalised words ('Glow Theory', 'Sparkle & Co', 'Nonna's Oven'), with their positions."""
    token = r"(?:[A-ZÀ-Ý][\w'’-]*|&)"
    return [
        (m.start(), m.group(0).strip(" &"))
        for m in re.finditer(rf"{token}(?:\s+{token})*", text)
        if m.group(0).strip(" &")
    ]


def _brand(labels: dict[str, str], body: list[str], address: str) -> str:
    for key in (
        "brand",
        "marca",
        "marque",
        "marke",
        "business",
        "company",
        "organisation",
        "organization",
        "app",
    ):
        if key in labels:
            return _titled(_runs(labels[key])[0][1] if _runs(labels[key]) else labels[key])
    flat = " ".join(body)
    by = re.search(r"\b(?:by|from)\s+([A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,2})", flat)
    if by:
        return by.group(1)
    web = address and (URL.fullmatch(address) or HANDLE.fullmatch(address))
    key = _fold(re.sub(r"^(?:https?://)?(?:www\.)?@?", "", address).split(".")[0]) if web else ""
    if len(key) >= 3:
        for line in body:
            for _, run in _runs(line):
                words = run.split()
                for i in range(len(words)):
                    for j in range(len(words), i, -1):
                        part = _fold(" ".join(words[i:j]))
                        if len(part) >= 3 and (part in key or (key in part and j - i == 1)):
                            return _titled(run if len(words) <= 4 else " ".join(words[i:]))
    for label in ("product", "event", "service"):
        if label in labels and _runs(labels[label]):
            pos, run = _runs(labels[label])[0]
            if pos == 0:
                return _titled(run)
    first = body[0] if body else ""
    lead = re.match(r"\s*((?:[A-ZÀ-Ý][\w'’-]*|&)(?:\s+(?:[A-ZÀ-Ý][\w'’-]*|&|Co))*)", first)
    if lead and _names_something(lead.group(1), first[lead.end() :]):
        return _titled(re.sub(r"\s+\d+$", "", lead.group(1)))
    return ""


def _names_something(run: str, rest: str) -> bool:
    """'Nonna's Oven, a pizzeria', 'Shieldly pet insurance': a name, not 'Running shoes' or 'Ignore'."""
    words = run.split()
    head = words[0].lower()
    if head in _STOP_LEAD or (re.search(r"(?:ing|ed)$", head) and len(words) == 1):
        return False
    if len(words) >= 2 or re.match(r"\s*(?:[,:|—–]|is\b|$)", rest):
        return True
    camel = bool(re.search(r"[a-z][A-Z]", words[0]))
    return camel or any(_thing(w) for w in rest.split()[:3])


def _titled(name: str) -> str:
    """'NORTHLINE' -> 'Northline': a name pasted in capitals reads as a name; 'DevSummit' keeps its case."""
    name = re.sub(r"\s+\d{2,4}$", "", name.strip())
    return name.title() if name.isupper() and len(name) > 3 else name


def _product(labels: dict[str, str], text: str, brand: str, body: list[str]) -> str:
    for key in ("product", "producto", "produkt", "service", "event"):
        if key in labels:
            return re.split(r"\s*[,;(]\s*", labels[key])[0].strip()
    if brand:
        by = re.search(
            r"(?P<p>(?:[A-Z][\w'-]*\s+)*(?:[\w'-]+\s+){0,3}[\w'-]+)\s+(?:by|from)\s+" + re.escape(brand), text
        )
        if by:
            words = by.group("p").split()
            while words and words[0].lower() in _STOP_LEAD:
                words.pop(0)
            return " ".join(words[-6:])
        after = re.search(re.escape(brand) + r"\s+(?P<p>[^,.;:!?|—–\n]+)", text)
        if after:
            words = after.group("p").split()[:6]
            ends = [i for i, w in enumerate(words) if _thing(w)]
            cut = next((i for i, w in enumerate(words) if w.lower() in BREAKS), len(words))
            ends = [i for i in ends if i < cut]
            if ends:
                return " ".join(words[: ends[-1] + 1])
    if brand and _thing(brand.split()[-1]):
        return brand
    for line in body:
        words = re.findall(r"[\w'-]+", line)
        for i, w in enumerate(words):
            if not _thing(w) or (brand and w.lower() in brand.lower().split()):
                continue
            j = i
            while j + 1 < len(words) and _thing(words[j + 1]):
                j += 1
            k = i
            while k > 0 and i - k < 2 and _describing(words[k - 1], brand):
                k -= 1
            return " ".join(words[k : j + 1])
    return ""


_THINGS = _words(
    "serum salon manicures manicure account insurance crm whitening software parka kettlebells kits kit "
    "juice bars lipstick fluid tea brew mattress earbuds shoes lamp mug dashboard app card hosting "
    "pizzeria granola coffee robo-advisor"
)


def _describing(word: str, brand: str) -> bool:
    """A word that can stand before a product noun: 'smart', 'Gel', 'teeth' (not 'offers', not the brand)."""
    w = word.lower()
    plural = w.endswith("s") and not w.endswith(("ss", "less", "ous", "us"))
    return not (w in _STOP_LEAD or w in BREAKS or plural or w in brand.lower().split() or w.isdigit())


def _thing(word: str) -> bool:
    w = word.lower().strip(".,'")
    return w in _THINGS or w in lex.PRODUCT_NOUNS or (w.endswith("s") and w[:-1] in lex.PRODUCT_NOUNS)


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


__all__ = ["HANDLE", "PHONE", "URL", "adopt_sheet", "is_phone", "read_fact_sheet", "says_what_to_say"]
