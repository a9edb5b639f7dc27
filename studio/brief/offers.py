"""Offers in a brief, each with its terms: a discount, a price, 'free …', a code, a multi-buy ('Leve 2,
pague 1'), 'on us', half price, and the deadline or new price that follows its comma ('-30% on the yearly
plan, ends Friday'), in the six languages. `read_offers` is the fact sheet's reading of them."""

from __future__ import annotations

import re

from studio.brief.clean import KNOWN_LABEL, SENTENCE_END, clauses_of, label_of
from studio.brief.say_rules import says_what_to_say
from studio.brief.shapes import Found
from studio.brief.streets import street_spans

_COUNT = (
    r"(?:\d+|one|two|three|four|un|une|uno|una|um|uma|ein|eine|einen|dos|deux|zwei|due|dois|duas|tres|"
    r"trois|drei|tre|três|cuatro|quatre|vier|quattro|quatro)"
)
"""A count in figures or in the six languages' words for the small numbers a multi-buy names."""
_BUY = (
    r"(?:\b(?:buy|take|get|leve|compre|compra|prendi|acquista|achetez|prenez|kauf\w*|nimm)[\s-]+|"
    r"\b(?:purchase|compra|achat|acquisto|kauf)\s+(?:of|de|d['’]|di|von)\s*)"
)
"""The verb that buys ('buy', 'leve', 'prendi', 'kauf'), or the purchase of a count ('na compra de 10',
'à l'achat de 2', 'the purchase of 3')."""
_GET = (
    r"(?:get|pay|pague|paga|paghi|payez|zahl\w*|llévate|lleva|llevas|ganhe|ganha|receba|leve|levas|recibe|"
    r"obtén|ricevi|recevez|obtenez|bekommst|erhältst|free|gratis|grátis|more|mais|más|de plus|in più|mehr)"
)
"""The verbs that get or pay in a multi-buy, and the words for the more or free ones it gives."""
_MULTI_BUY = (
    rf"{_BUY}{_COUNT}\b[^.;\n]{{0,30}}?\b{_GET}[\s-]+(?:one|a|an|the|\d+|\w+)|\bBOGO\b|"
    rf"\b{_COUNT}\s+(?:kaufen|nehmen|mitnehmen)\s*,?\s+{_COUNT}\s+(?:be)?zahlen\b"
)
"""'Buy 2 tins, get 1 free', 'Leve 2, pague 1', 'leve dois, pague um', 'Prendi 2 coppette, paghi 1', '3
kaufen, 2 bezahlen' (the German verb after its count), 'Na compra de 6, oferecemos mais 2' (a purchase of
some, more of them with it): one offer across its comma."""
_PERCENT = r"(?:\s?%|\s(?:percent|per cent|prozent|pour cent|por ciento|per cento|por cento)\b)"
"""A percentage's sign or its word ('25 percent', '10 Prozent', '20 pour cent')."""
_NO_INTEREST = (
    r"\b0(?:[.,]0+)?\s?%\s?(?:APR|finance|financing|interest|Finanzierung|Zinsen|Sollzins|financ\w+|"
    r"intér[eê]ts?|interes\w*|juros|TAEG|TAN|TAE)\b|\b(?:interest[- ]free|zinsfrei|sans frais|sin intereses|"
    r"senza interessi|a tasso zero|sem juros)\b"
)
"""A loan that costs nothing: '0% finance over 24 months', '0 % Finanzierung', 'interest-free',
'sem juros'."""
_ON = r"(?:on|for|sur|pour|en|para|auf|für|su|sul|sulla|sui|sugli|per|na|no|nas|nos|em|sobre|a partir d[aeo])"
"""What a percentage is taken off, or who gets it: '10% on your first order', '15 % sur votre première
commande', '20% for students', '10% na primeira compra' (never '98% on-time' nor '95% of customers')."""
_NO_FEES = (
    r"\bno (?:\w+\s+){0,2}fees?\b|\b(?:keine|ohne)\s+(?:\w+\s+)?gebühren\b|\bgebührenfrei\b|"
    r"\bsans (?:\w+\s+)?frais\b|\bsin (?:\w+\s+)?comisi[oó]n(?:es)?\b|\bsenza (?:\w+\s+)?commissioni\b|"
    r"\bsem (?:\w+\s+)?(?:taxas?|anuidade|mensalidade)\b"
)
"""What costs nothing to hold: 'No monthly fees', 'keine Kontoführungsgebühren' as 'ohne Gebühren', 'sans
frais de dossier', 'sin comisiones', 'senza commissioni', 'sem anuidade'."""
_GIFT = (
    r"\bcomplimentary\b|\b(?:de|como|en|di|em|in) (?:regalo|presente|brinde|cadeau)\b|\bgeschenkt\b|"
    r"\bals geschenk\b|\bde brinde\b"
)
"""A thing given with a purchase: 'Complimentary glass of prosecco', 'De regalo, un neceser', 'de brinde'."""
_CODE = (
    r"\b(?:gutschein(?:code)?|rabattcode|aktionscode|cupom|cup[oó]n|coupon|voucher|promo ?code|code promo|"
    r"c[oó]digo promocional|codice sconto)\s+(?-i:[A-Z0-9]{3,})\b"
)
"""A code after its name in the six languages: 'Gutscheincode HALDE24', 'o cupom RIBEIRA', 'voucher
GREEN5'."""
_SAVE = (
    r"(?:save|saves|sparen|spart|sparst|économisez|économise|ahorra|ahorras|ahorre|risparmia|risparmi|poupe|"
    r"economize)"
)
"""The verbs that save a share in the six languages ('Frühbucher sparen 15 %', 'ahorra un 20 %')."""
OFFER = re.compile(
    rf"(?:\b\d{{1,2}}\s?[-–]\s?\d{{1,2}}{_PERCENT}|(?<![\w%])-\d{{1,2}}{_PERCENT}|"
    rf"\b\d{{1,3}}(?:[.,]\d+)?{_PERCENT}\s?(?:off|discount|de descuento|de réduction|"
    r"rabatt|di sconto|de desconto)|\bhalf off\b|"
    rf"\b\d{{1,2}}(?:[.,]\d+)?{_PERCENT}\s+{_ON}\s+(?!(?:average|top|time|record)\b)\w|"
    rf"{_NO_INTEREST}|{_NO_FEES}|{_GIFT}|{_CODE}|"
    r"\d+(?:[.,]\d{1,2})?\s?[€£]|[$€£]\s?\d+(?:[.,]\d{1,2})?|(?<!-)\bfree\b|\bgratis\b|"
    r"\bgratuit[ae]?s?\b|\bgratuit[oa]s?\b|\bgrátis\b|\bomaggio\b|\bofferts?e?s?\b|\bkostenlos\b|"
    r"\bfrei\b|\bhalf[- ]price\b|"
    rf"{_MULTI_BUY}[^.;,\n]*|\b\d+\s?x\s?\d+\b|"
    rf"\b(?P<many>{_COUNT})(?:\s+|\s?-\s?)(?:for|por|pour|für|per)(?:\s+|\s?-\s?)(?!(?P=many)\b){_COUNT}\b"
    r"(?!\s?%)|"
    r"\bon (?:us|the house)\b|\bgeht auf uns\b|\bpor (?:nuestra|nossa) cuenta\b|\bpor nossa conta\b|"
    r"\b(?:offert[oa]|in regalo|oferecid[oa]s?|regalad[oa]s?)\b|"
    r"\b(?:half[- ]price|(?:à )?moitié prix|(?:a )?mitad de precio|(?:zum )?halben preis|(?:a )?metà prezzo|"
    r"(?:a )?metade do preço|meio preço)\b|"
    r"\b(?:al|à|a)\s+\d{1,3}\s?%|"
    r"\b(?:sconto|descuento|desconto|rabatt|réduction|remise|discount|rebaja)\s+(?:del?|von|of)?\s*\d{1,3}\s?%|"
    r"\b(?:get|receive|enjoy)\s+(?:a|an|one|\d+)\b[^.;\n]{0,60}?\bwith (?:every|each|any)\b|"
    r"\b(?:with (?:every|each|any)|con (?:cada|ogni)|avec chaque|(?:bei|zu) jedem|com cada|em cada)\s+\w+|"
    r"\b\w+\s+\w+\s+(?:for the price of|al precio de|pour le prix de|zum preis von|al prezzo di|"
    r"pelo preço de)\s+\w+|"
    r"\bno credit card\b|\bno card (?:needed|required)\b|\d\s?% APR\b|"
    rf"\b{_SAVE}\s+(?:(?:up to|bis zu|jusqu['’]à|hasta|fino al?|até)\s+)?\d{{1,2}}{_PERCENT}|"
    r"\b(?:costs?|cuesta|coûte|kostet|costa|custa)\s+(?:la |die |a )?"
    r"(?:half|mitad|moitié|hälfte|metà|metade)\b|"
    r"\bno (?:joining|sign-?up|setup|booking) fees?\b|"
    r"\bcode\s+[A-Z0-9]{3,}|\bc[oó]digo\s+[A-Z0-9]{3,}|\bcodice\s+[A-Z0-9]{3,}|\bmatched\b|"
    r"\bsame-day delivery\b|\d+[- ](?:day|night|week|month)s? (?:free )?trial\b|\breturns\b)",
    re.I,
)


_OFFER_LABELS = ("offer", "deal", "promo", "price")
"""The labels whose line states an offer ('Offer:', 'Angebot:', 'Promoção:', 'Prix :')."""


def read_offers(
    labels: dict[str, str], body: list[str], cta: str, brand: str, stated: list[Found]
) -> list[str]:
    """Each offer with its terms: a clause with a discount, a price (price-parser's), 'free ...', a code."""
    prices = [f.text for f in stated if f.kind == "price"]
    found: list[str] = []
    for key in _OFFER_LABELS:
        if key in labels:
            found.append(labels[key].rstrip("."))
    for line in body:
        label = label_of(line)
        if label and label[0] in _OFFER_LABELS:
            continue
        for clause in _offer_clauses(line):
            clause = re.sub(r"(?i)^(?:sale|offer|deal|promo|price|angebot|oferta)\s*:\s*", "", clause)
            # the offer's first words: a discount, 'free', a code, or a price the shapes read ('59 euros')
            ms = [OFFER.search(clause), *(re.search(re.escape(p), clause) for p in prices if p in clause)]
            m = min((x for x in ms if x), key=lambda x: x.start(), default=None)
            if not m or KNOWN_LABEL.match(clause):
                continue
            clause = re.split(r"\s+(?:at|on|en|auf|sur|su|em)\s+(?=\S+\.[a-z]{2,}\b)", clause, maxsplit=1)[0]
            if brand and clause.lower().startswith(brand.lower()):
                clause = _after_brand(clause, len(brand), m)
            clause = _offer_alone(clause, brand)
            if len(clause.split()) <= 20:
                found.append(clause.strip(" ,"))
    return list(dict.fromkeys(f for f in found if f))[:4]


_FREE_WORD = re.compile(
    r"(?i)free|gratis|grátis|gratuit[ae]?s?|gratuit[oa]s?|offert[ea]?s?|kostenlos|frei|omaggio|offert[oa]|"
    r"oferecid[oa]s?|regalad[oa]s?"
)
"""The words that say a thing costs nothing, which in the Romance languages (and in 'first month free') follow
the noun they qualify ('frete grátis', 'envío gratis', 'livraison offerte', 'primo mese gratis')."""


_DETERMINER = re.compile(
    r"(?i)the|a|an|every|each|all|any|your|our|el|la|los|las|un|una|cada|todos?|todas?|tus?|le|les|l['’]\w+|"
    r"une|chaque|tous|toutes|votre|vos|nos|notre|der|die|das|den|dem|ein|eine|einen|jede[nrs]?|alle|ihre?|"
    r"unsere?|il|lo|i|gli|uno|ogni|tutti|tutte|o|os|um|uma|seus?|suas?"
)
"""The closed class of articles and quantifiers that open the noun phrase an offer is on ('la raclette dès
25 CHF', 'jedes zweite Stück Kuchen zum halben Preis', 'every display kitchen is only £2,999')."""
_RANGE_FROM = re.compile(
    r"(?i)(?:\b(?:from|da|de|desde|von|du|dal|entre|between)\s+)?(?:[A-Z]{0,2}[$€£]\s?)?\d[\d.,]*"
    r"(?:\s?[$€£%])?\s*(?:a|to|bis|à|al|y|e|and|[-–—])\s*$"
)
"""The first end of a range before its price ('da 49 a 129 euro', 'de R$ 90 a R$ 250', '49–129 €')."""
_PRICE_LEAD = re.compile(
    r"(?i)\b(?:(?:a partir d[aeo]|à partir de|as (?:low|little) as|from|ab|dès|desde|only|just|nur|seulement|"
    r"solo|sólo|apenas|"
    r"por|für|pour|per|at|for|a|à)\s+)+$"
)
"""The words that lead a price: where it starts, what it is for ('desde 59 euros', 'ab 799 €', 'dès 25 CHF',
'por apenas US$ 49')."""


def _after_brand(clause: str, length: int, m: re.Match[str]) -> str:
    """The offer in a clause that opens on the brand: after the brand and its colon ('Farmacia Celvira:
    segunda unidad al 50%'), else from the noun phrase the offer is on, opened by its article ('La Fromagerie
    Belcourt propose la raclette dès 25 CHF'), else from the words that lead its price ('Gafas Olvena desde 59
    euros') or its own words ('Peak trail shoes 20% off' is '20% off'); a word for 'free' keeps the noun it
    follows ('Ateliê Marandu tem frete grátis' is 'frete grátis': the brand's verb is not the offer's)."""
    colon = re.match(r"\s*:\s+", clause[length:])
    if colon:
        return clause[length + colon.end() :]
    start = m.start()
    ranged = _RANGE_FROM.search(clause, length, start)
    start = ranged.start() if ranged else start
    led = _PRICE_LEAD.search(clause, length, start)
    start = led.start() if led else start
    before = clause[length:start].split()
    for i in range(len(before) - 1, max(-1, len(before) - 7), -1):
        if re.search(r"[\d:;,]", before[i]):
            break
        if _DETERMINER.fullmatch(before[i]):
            return " ".join([*before[i:], clause[start:]])
    noun = before[1:] if len(before) >= 2 else before
    free = _FREE_WORD.fullmatch(m.group(0)) and not any(re.search(r"\d", w) or w[:1].isupper() for w in noun)
    return " ".join([*noun, clause[start:]]) if free else clause[start:]


def _offer_alone(clause: str, brand: str) -> str:
    """The offer without what only leads to it: a lead-in before its colon that names the brand or a street
    and no offer ('Sommerschlussverkauf bei Ferndahl: 10 – 50 % Rabatt'), the 'and' that joined it to the
    sentence before ('and every display kitchen is only £2,999'), and a bare web address after it (the next
    line's)."""
    lead = re.match(r"(.+?)\s*:\s+(?=\S)", clause)
    named = lead and ((brand and brand.lower() in lead.group(1).lower()) or street_spans(lead.group(1)))
    if lead and named and not OFFER.search(lead.group(1)):
        clause = clause[lead.end() :]  # '8 place du 14 Juillet, Nantes : la baguette à 1 €': its street too
    # a word that joins it to what came before: 'and', 'or', 'where' ('where every second loaf is half price')
    joins = r"and|y|e|et|und|ed|plus|or|ou|oder|oppure|where|wo|où|donde|dove|onde"
    clause = re.sub(rf"(?i)^(?:{joins})\s+(?=\S+\s)", "", clause)
    return re.sub(r"\s+(?:https?://)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$", "", clause)


_OFFER_TERMS = re.compile(
    r"(?i)(?:ends?|ending|until|till|through|only|now|then|hasta|termina|luego|ahora|jusqu|puis|"
    r"maintenant|bis|endet|dann|jetzt|nur|fino|entro|poi|ora|solo|até|depois|agora|só|ever|forever|always|"
    r"siempre|toujours|immer|sempre)\b"
)
"""Words that open an offer's terms after its comma: when it ends, what it costs now, how long it lasts
('ends Friday', 'No monthly fees, ever')."""
_DEADLINE = r"(?:until|till|through|ends?|hasta|jusqu\w*|bis|fino|entro|até|ate)"
_ONLY = r"(?:only|just|nur|seulement|uniquement|solo|sólo|solamente|soltanto|só|apenas)"
_LEAD_TERMS = re.compile(
    rf"(?i)(?:{_ONLY}\s+)?{_DEADLINE}\b[^,;:]{{0,30}}|(?:\w+\s+){{1,3}}{_ONLY}|{_ONLY}\s+(?:\w+\s+){{0,2}}\w+"
)
"""A clause that is only an offer's deadline or its span, before the offer ('Until 31 March', 'Bis Sonntag',
'Jusqu'au 15 mai', 'This weekend only', 'Solo hoy')."""
_AND = re.compile(r"\s+(?:and|y|e|et|und|plus)\s+")


def _offer_clauses(line: str) -> list[str]:
    """The line's clauses, each a candidate offer: a multi-buy keeps its comma ('Leve 2, pague 1'), a
    clause that joins two offers with 'and' ('Frete grátis acima de R$ 99 e 2 por 1 ...') is two offers, and
    a sentence that tells the writer what not to say ('Nada de "gratis", por favor: no lo digáis') is none."""
    out: list[str] = []
    parts = re.split(rf"{SENTENCE_END.pattern}|(?<=;)\s*", line)
    said = " ".join(s for s in parts if not says_what_to_say(s))
    clauses: list[str] = []
    # each sentence on its own: a colon ends a long lead-in of its own sentence ('Lunch special: ...'); a
    # multi-buy's comma and a range's dash split no offer ('Leve 2, pague 1', '10 – 50 % Rabatt')
    held = [_unheld(c) for sentence in SENTENCE_END.split(_held(said)) for c in clauses_of(sentence, True)]
    for clause in held:
        # '-30% on the yearly plan, ends Friday', 'Was £140, now £99': the offer's terms after its comma;
        # 'Lunch for two, 30% off on weekdays': what an offer that opens on its number is for, before it
        terms = _OFFER_TERMS.match(clause) or re.search(r"(?i)\bonly$", clause)
        offered = clauses and OFFER.search(clauses[-1])
        what = clauses and re.match(r"[-\d$€£]", clause) and len(clauses[-1].split()) <= 4 and not offered
        what = what and not re.search(r"\d", clauses[-1])  # 'Stays from 1 June, 3 nights ...': its own date
        what = what or (clauses and not offered and _goes_with(clauses[-1], clause))
        # 'Hasta el 31 de agosto, 2x1 en tarrinas', 'This weekend only, 20% off': its deadline before it
        lead = clauses and not offered and _LEAD_TERMS.fullmatch(tail := re.split(r":\s+", clauses[-1])[-1])
        if lead and OFFER.search(clause):
            clauses[-1] = tail  # '… (Torino): fino al 30 settembre, 40% di sconto …': the lead-in is no term
        what = what or lead
        # 'De regalo, un neceser con tu compra', 'In omaggio, una borsa': an offer's word, then what it gives
        given = offered and len(clauses[-1].split()) <= 2 and not re.search(r"\d", clauses[-1])
        if clauses and (
            (terms and len(clause.split()) <= 6 and offered)
            or (what and OFFER.search(clause))
            or (given and len(clause.split()) <= 12)
        ):
            joined = re.search(re.escape(clauses[-1]) + r"\s*,\s*" + re.escape(clause), said)
            if joined:
                clauses[-1] = joined.group(0)
                continue
        clauses.append(clause)
    for clause in clauses:
        both = [j for j in _AND.finditer(clause) if OFFER.search(clause[: j.start()])]
        both = [j for j in both if not _CONDITION.fullmatch(clause[: j.start()])]
        # 'Usa el cupón ZORZOR5 y ahorra 5%': what it saves is the reward of what comes before, one offer
        both = [j for j in both if not re.match(rf"(?i){_SAVE}\b", clause[j.end() :])]
        joint = next((j for j in both if OFFER.search(clause[j.end() :])), None)
        out += [clause[: joint.start()], clause[joint.end() :]] if joint else [clause]
    return out


_HELD = {",": "\x00", "–": "\x01", "—": "\x02", "-": "\x03"}
"""Stand-ins for the marks inside one offer that would otherwise end a clause."""


def _held(said: str) -> str:
    """The text with the commas of a multi-buy held from its start to its sentence's end ('Na compra de 10,
    ganhe 2', 'Buy one, get one free on every pizza, every Monday in March') but before another offer ('...,
    leve 3 pague 2'), and the dash of a range of numbers ('10 – 50 %', '$199 – $499'), so that no clause ends
    there."""
    for m in re.finditer(_MULTI_BUY, said, flags=re.I):
        end = re.compile(r"[.!?;\n]").search(said, m.end())
        span = said[m.end() : end.start() if end else len(said)]
        held = re.sub(r",(?!\s*(?:" + OFFER.pattern + "))", _HELD[","], span, flags=re.I)
        said = said[: m.start()] + m.group(0).replace(",", _HELD[","]) + held + said[m.end() + len(span) :]
    return re.sub(
        r"(?<=\d)(\s?%?\s+)([–—-])(?=\s+[-$€£]?\d)", lambda m: m.group(1) + _HELD[m.group(2)], said
    )


def _unheld(clause: str) -> str:
    for mark, stand_in in _HELD.items():
        clause = clause.replace(stand_in, mark)
    return clause


_BOUGHT = re.compile(rf"(?i)\b{_COUNT}\s+[a-zà-ÿ]|\b\d+$")
"""What a multi-buy has you buy: a count and its noun ('Book 3 lessons', 'Un paquet acheté') or a count
that ends its clause ('Na compra de 6')."""
_CONDITION = re.compile(r"[^\W\d]+(?:\s+[^\W\d]+)?\s+(?:[$€£]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?[$€£]?)")
"""An offer's condition: a verb and the amount it asks for ('Spend £60', 'Buy 2', 'Spend over £60'), which
the reward after its 'and' completes ('Spend £60 and get free delivery'): one offer, not two."""


def _goes_with(before: str, clause: str) -> bool:
    """True when a clause finishes the offer its previous clause opens (neither an offer on its own yet):
    what a multi-buy has you buy, then what comes with it ('Book 3 lessons, get the 4th free', '3 articles
    achetés, le 4e offert', 'Na compra de 6, oferecemos mais 2'), or the items of a list whose last item
    and its price follow ('primo, secondo e caffè a 15 €')."""
    if re.match(r"[-\d$€£]", clause):
        return False  # an offer that opens on its number stands alone ('20% off for students')
    before = re.split(r"\s*:\s+", before)[-1]  # 'Pizzeria Calvetto : 2 pizzas achetées': after the colon
    bought = len(before.split()) <= 5 and _BOUGHT.search(before) is not None
    counted = re.search(rf"(?i)\b{_COUNT}\b", clause) is not None and len(clause.split()) <= 4
    if bought and len(clause.split()) <= 8 and (OFFER.search(clause) or counted):
        return True
    offer = OFFER.search(clause)
    item = len(before.split()) <= 2 and not re.search(r"\d", before)
    return bool(item and offer and _AND.search(clause[: offer.start()]))


__all__ = ["OFFER", "read_offers"]
