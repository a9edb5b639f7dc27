"""The product a brief names, by evidence in its words; no product rather than a clause or a function word
(the writer then names the brand).

In this order: a labelled line ('Product: ...'); a name with a model number ('Kestrel K7 Pro', 'Onda
7'2"'); a name the brief presents as what it sells (`named_product`: 'Our new Foghorn Blend', 'an ad for
our Rosé Cider', 'now serves the Churro Box', 'the Ember mug', "SparkPlay's Robo Buddy R2", 'unser neuer
Rucksack Alpin', 'Nouveau chez Maison Lune : la bougie Ambre'); in English word order, the words that stand
with the brand ('Morning Ritual cold brew by Brewco', 'Crunchbite granola bars with ...'), each kept only
when it names a thing (`phrases.names_a_thing`).
"""

from __future__ import annotations

import re

from studio.brief.naming import SIGN_OFF_NOUNS, STOP_LEAD, acts_after, opened_news, thing_noun, verb_s
from studio.brief.people import TITLES, is_person
from studio.brief.phrases import model_noun, names_a_thing, noun_phrase
from studio.brief.places import STORES_NAMED
from studio.brief.roles import PRESENTS
from studio.brief.shapes import NAME, Found, is_day_or_month


def read_product(
    labels: dict[str, str], text: str, brand: str, found: list[Found], language: str, places: list[str]
) -> str:
    """The product's name as the brief writes it, or '' when the brief names none."""
    for key in ("product", "service", "event"):
        if key in labels:
            return re.split(r"\s*[,;(]\s*", labels[key])[0].strip()
    # a model's name inside one of the brief's places is the place's ('Hotel Zorvik 5', 'via Zamboni 7')
    models = [f for f in found if f.kind == "model" and f.text != brand]
    model = next((f for f in models if not _placed(f.text, places)), None)
    apposed = _apposed(text, brand, places)
    if apposed and (not model or _specifies(text, apposed, model.text)):
        # 'Ostrander lance Soleil Doux, une crème solaire SPF 50': a rating in what the thing is, not its name
        return apposed
    if model:
        # the noun after a model's name in English word order only ('Ridgeline 45L backpack'), never a
        # German verb ('Rucksack Belmon X7 ist da')
        at = text.find(model.text) if language in ("en", "other") else -1
        return model.text + (model_noun(text[at + len(model.text) :]) if at >= 0 else "")
    # 'Belmon von Zorvik Fen: die Lampe, ...': the name its maker is named after, before the noun presented
    named = _made_by(text, brand, places) or named_product(text, brand, places, language)
    if named:
        return named
    if not brand or language not in ("en", "other"):
        # the words around the brand name the product in English word order only ('Brewco cold brew',
        # 'cold brew by Brewco'); in the other languages the product is its label's, its model's or the
        # name the brief presents
        return ""
    addresses = [f.text for f in found if f.kind in ("url", "email", "handle")]
    phrase = _without_place(_around_brand(text, brand), places)
    return phrase if names_a_thing(phrase, addresses) else ""


def _placed(name: str, places: list[str]) -> bool:
    """Whether the name is one of the places or a whole part of one ('Zamboni 7' of 'via Zamboni 7')."""
    low = name.lower()
    return any(re.search(rf"(?<![\w'’]){re.escape(low)}(?![\w'’])", p.lower()) for p in places)


def _without_place(phrase: str, places: list[str]) -> str:
    """'Handmade soap from Lyon' -> 'Handmade soap': where a thing is from or sold is a place, not part of
    the thing's name."""
    if not places:
        return phrase
    where = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
    return re.sub(rf"\s+(?:from|in|of|at|near|made\s+in)\s+(?:{where})(?![\w'’]).*$", "", phrase)


_DET = (
    r"(?:the|our|its|le|la|l['’]|les|el|los|las|il|lo|i|gli|der|die|das|den|dem|o|os|as|a|"
    r"notre|nos|nuestr[oa]s?|unser(?:e|en|er|es|em)?|nostr[oaie]|noss[oa]s?)"
)
"""The articles and the 'our' a product is presented with, in the six languages."""
_NEW = (
    r"(?-i:[Nn]ew|[Ll]atest|all-new|brand-new|nouveau|nouvelle|nouvel|nouveaux|nuev[oa]s?|neu(?:e|er|es|en|em)?|"
    r"nuov[oaie]|nov[oa]s?)"
)
"""'new' in the six languages: 'Our new ...', 'notre nouvelle ...', 'unser neuer ...', 'il nostro nuovo';
in small letters but for English's heading ('Our New ...'): 'Das Nova Festival' is a name, not 'the new'."""
_SELLS = (
    r"serves|sells|offers|launches|introduces|unveils|releases|brings|stocks|bakes|brews|roasts|makes|"
    r"promote|promotes|promoting|advertise|advertises|advertising|feature|features|showcase|highlight|"
    r"Introducing|Meet|Try|Discover|launching|presenting|" + PRESENTS
)
"""A verb that presents what a business sells ('now serves the Churro Box', 'Introducing the ...')."""
_ASK = r"(?:ad|advert|video|spot|campaign|promo|reel|post)\s+(?:for|about|promoting)"
"""A request for the ad names what it is for ('Can we do a summer ad for our Rosé Cider?')."""

_PRESENTED = re.compile(
    rf"(?i:\b{_DET}\s+(?:{_DET}\s+)?{_NEW}\s+|\b{_ASK}\s+{_DET}\s+(?:{_NEW}\s+)?|"
    rf"\b(?:{_SELLS})\s+{_DET}\s+(?:{_NEW}\s+)?|:\s+{_DET}\s+(?:{_NEW}\s+)?|"
    r"\b(?:the|our)\s+(?=(?-i:[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*)*\s+[a-z]+[,.;!?])))"
    r"(?P<noun>[a-zà-ÿ]+\s+(?=[A-ZÀ-ÖØ-Þ]))?"
)
"""Where a brief presents its product: after 'our new' (in the six languages), after a request for the ad,
after a verb that sells, after a colon (not a dash: '— The Scotsman' credits a quote), or as 'the Name
noun' ('the Ember mug,'). A Romance language writes the common noun before the name ('la bougie Ambre',
'a prancha Onda')."""


def named_product(text: str, brand: str, places: list[str], language: str = "en") -> str:
    """The capitalised name a brief presents as its product ('Our new Foghorn Blend', 'serves the Churro
    Box', 'the Ember mug', "SparkPlay's Robo Buddy R2"), with its noun; never the brand, a place, a person,
    a day or a store. English writes the noun after the name ('the Ember mug'), the Romance languages
    before it ('la bougie Ambre')."""
    english = language in ("en", "other")
    for at, noun, core in presented_names(text, brand, places):
        tail = model_noun(text[at + len(core) :]) if not noun and english else ""
        return f"{noun}{core}{tail}"
    return _ours(text) if english else ""


def presented_names(text: str, brand: str, places: list[str]) -> list[tuple[int, str, str]]:
    """Each capitalised name the brief presents as a product, in the brief's order: where it starts, the
    common noun written before it ('bougie ') and the name ('Ambre')."""
    starts = [(m.end(), m.group("noun") or "") for m in _PRESENTED.finditer(text)]
    if brand:
        owned = rf"(?<![\w'’]){re.escape(brand)}['’]s\s+(?:(?i:{_NEW})\s+)?"
        starts += [(m.end(), "") for m in re.finditer(owned, text)]
    out = []
    for at, noun in sorted(starts):
        name = NAME.match(text, at)
        words = name.group(0).split() if name else []
        while words and words[-1] in ("&", "-"):
            words.pop()
        core = " ".join(words)
        if core and not _elsewhere(core, brand, places):
            out.append((at, noun, core))
    return out


_OURS = re.compile(rf"(?i:\bour\s+(?:new|latest|all-new|brand-new)|\b{_ASK}\s+our(?:\s+new)?)\s+(?=[a-z])")
"""'Our new oat latte is out', 'an ad for our spring menu': what the business calls its own, in English."""


def _ours(text: str) -> str:
    """The plain noun phrase an English brief calls its own new thing ('Our new oat latte is out' -> 'oat
    latte'), when it names no capitalised one."""
    for m in _OURS.finditer(text):
        clause = re.split(r"[,.;:!?|—–\n]", text[m.end() : m.end() + 80])[0]
        phrase = noun_phrase(clause, heading=False)
        if names_a_thing(phrase, []):
            return phrase
    return ""


_LAUNCH = (
    r"(?i:launch(?:es|ed|ing)?|introduc(?:es|ed|ing)|unveil(?:s|ed|ing)?|meet|discover|"
    r"lanza|lanzan|lanzamos|presentamos|descubre|conoce|"
    r"lance|lancent|lançons|présentons|découvrez|voici|"
    r"bringt|bringen|präsentieren|entdecke|entdecken\s+Sie|"
    r"lança|lançam|lançou|apresentamos|conheça|descubra|"
    r"lancia|lanciano|presentiamo|scopri|ecco|"
    r"promot(?:e|es|ing)|advertis(?:e|es|ing)|feature|showcase|highlight|promocionar|promover|promuovere|"
    r"promouvoir|bewerben)|" + PRESENTS
)
"""A verb that presents a new thing by its name, in the six languages ('Zorvik lancia Lumo, ...')."""
_A = (
    r"(?:the|a|an|our|your|le|la|l['’]|un|une|notre|votre|el|su|tu|nuestr[oa]|un[oa]?|il|lo|il\s+suo|"
    r"la\s+sua|il\s+nostro|la\s+nostra|der|die|das|den|dem|ein|eine|einen|einem|unser(?:e|en)?|ihr(?:e|en)?|"
    r"o|a|um|uma|o\s+seu|a\s+sua|o\s+nosso|a\s+nossa|seu|sua)"
)
"""The articles and possessives an apposition opens with, in the six languages."""
_APPOSED = re.compile(
    rf"(?P<name>{NAME.pattern})(?:(?:\s+vor)?,\s+|\s+\(\s*|\s+[—–]\s+)(?i:{_A})\s+(?P<new>(?:{_NEW})\s+)?"
    r"(?P<noun>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3})"
)
"""A name and, after its comma, what it is: 'Tidewater, the new sparkling water', 'Lumo, la nuova lampada',
'Zentara Flow (our new yoga mat)'."""
_BACK = re.compile(
    rf"(?P<name>{NAME.pattern})\s+(?i:is\s+(?:back|here)|has\s+(?:landed|arrived)|ist\s+(?:da|zurück)|"
    r"est\s+(?:de\s+retour|arrivée?|là)|revient|è\s+(?:tornat[oa]|arrivat[oa]|qui)|torna|"
    r"está\s+de\s+volta|chegou|voltou|ha\s+vuelto|vuelve|llegó|ya\s+está\s+aquí)(?![\w'’])"
)
"""A name that 'is back', 'ist da', 'è tornata': the thing a brief announces."""
_SEASONS = frozenset(
    [
        "summer", "winter", "spring", "autumn", "fall", "christmas", "easter", "verano", "invierno",
        "primavera", "otoño", "navidad", "pascua", "été", "hiver", "printemps", "automne", "noël", "pâques",
        "sommer", "frühling", "herbst", "weihnachten", "ostern", "estate", "inverno", "autunno", "natale",
        "pasqua", "verão", "outono", "natal", "páscoa",
    ]
)  # fmt: skip
"""'Summer is back': a season or a feast that comes back is no product (a closed class)."""


def _apposed(text: str, brand: str, places: list[str]) -> str:
    """The name a brief presents with what it is, in any of the six languages: after a verb that launches
    it ('Ostrander lance Soleil Doux, une crème solaire'), or opening a sentence or a colon's line with 'new'
    ('Rosée, le nouveau parfum d'Orlane Vey', 'Neu von Kasimir: Morgentau, ein Kräutertee'), or with
    'our' in brackets ('Zentara Flow (our new yoga mat)'); or a name that is back ('Cloud Nine is here!')."""
    for m in sorted([*_APPOSED.finditer(text), *_BACK.finditer(text)], key=lambda m: m.start()):
        words = m.group("name").split()
        while len(words) > 1 and (words[0].lower() in STOP_LEAD or re.fullmatch(_LAUNCH, words[0])):
            words = words[1:]  # 'A Nuvem', 'Promote Glowdrop': the sentence's opener, not the name
        core = " ".join(words)
        start = m.start("name") + m.group("name").index(core)
        before = text[:start].rstrip()
        before = re.sub(rf"(?i)(?<![\w'’]){_A}$", "", before).rstrip()
        opens = not before or before[-1] in ".!?:;\n—–" or before.endswith(("¡", "¿"))
        launched = re.search(rf"(?<![\w'’])(?:{_LAUNCH}|(?i:{_ASK}))$", before) is not None
        if "noun" in m.groupdict():
            bracketed = "(" in text[m.end("name") : m.start("noun")]
            said = launched or m.group("new") or (opens and before.endswith(":")) or bracketed
            person = any(w.lower() in TITLES for w in m.group("noun").split())
        else:
            said, person = opens or launched, False
        if not said or person or core.lower() in _SEASONS or not names_a_thing(core, []):
            continue
        if not _elsewhere(core, brand, places) and not _placed(core, places):
            return core
    return _headed(text, brand, places)


def _headed(text: str, brand: str, places: list[str]) -> str:
    """The name a 'New from' opener's colon heads ('Nuovo da Tavernelli: Pasta Madre.'), or the brand's dash
    ('Orlane Vey — Rosée.'), standing alone up to its sentence's end or its comma."""
    if not brand:
        return ""
    b = re.escape(brand)
    headed = rf"(?<![\w'’]){b}\s*(?::|\s[—–])\s*(?P<name>{NAME.pattern})(?=\s*(?:[.!,\n]|$))"
    for m in re.finditer(headed, text):
        opener = ":" not in m.group(0) or opened_news(text, m.start())
        core = m.group("name")
        thing = names_a_thing(core, []) and core.lower() not in _SEASONS
        if opener and thing and not _elsewhere(core, brand, places) and not _placed(core, places):
            return core
    return ""


def _specifies(text: str, name: str, model: str) -> bool:
    """Whether the model's name first stands after the presented name: a rating of the thing ('Soleil Doux,
    une crème solaire SPF 50') or a detail the brief gives after presenting it ('Neu von Almbach:
    Taubenschlag, ein Kräutertee. Zum Start 3 Packungen'), not the product it names first."""
    at, model_at = text.find(name), text.find(model)
    return at >= 0 and model_at > at and not text.startswith(model, at)


_BY_WORD = r"(?:by|par|von|de|di|da|por|dalla|della|do)"
"""'by' in the six languages, as it names a thing's maker after the thing ('la lampe Belmon par ...')."""


def _made_by(text: str, brand: str, places: list[str]) -> str:
    """The capitalised name written right before 'by' and the brand, in any of the six languages ('Nova
    Festival by Lumen Events', 'La lámpara Belmon de Zorvik Fen', 'Die Lampe Belmon von Zorvik Fen'): the
    event, title or line the brand makes (German's capitalised noun stays with it: 'Lampe Belmon')."""
    if not brand:
        return ""
    article = r"(?:(?:the|la|le|el|il|lo|der|dem|den|die|a|o)\s+)?"
    name = r"[A-ZÀ-ÖØ-Þ][\w'’+-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’+-]*){0,2}"
    # 'Nova Festival, presented by ...', 'Festival Nova, organisé par ...': a participle may stand between
    made = r"(?:,?\s+[a-zà-ÿ]+(?:ed|é|ée|iert|ado|ada|ato|ata|ido|ida))?"
    pattern = rf"(?<![\w'’])(?P<p>{name}){made},?\s+{_BY_WORD}\s+{article}{re.escape(brand)}(?![\w'’])"
    for m in re.finditer(pattern, text):
        if opened_news(text, m.end() - len(brand)):
            continue  # 'Novità da Zorvik Fen: ...' says the news, it names no product
        words = m.group("p").split()
        while len(words) > 1 and words[0].lower() in STOP_LEAD:
            words = words[1:]  # 'Die Lampe Belmon': the article opens the sentence, not the name
        core = " ".join(words)
        # 'la lampe Belmon de Zorvik Fen': a Romance language writes the thing's noun before its name
        noun = thing_noun(text, m.start("p")) if core == m.group("p") else ""
        signs = re.fullmatch(rf"(?i:{SIGN_OFF_NOUNS}|équipe|equipo|equipa|staff)", core)  # '— Ihr Team von X'
        # 'Made by Zorvik Studio': how it is made, not what
        if core and not signs and names_a_thing(core, []) and not _elsewhere(core, brand, places):
            return f"{noun} {core}" if noun else core
    return ""


def _elsewhere(name: str, brand: str, places: list[str]) -> bool:
    """A name that is not the product: the brand, a place, a person, a day or month, a store."""
    if brand and re.search(rf"(?<![\w'’]){re.escape(name.lower())}(?![\w'’])", brand.lower()):
        return True  # 'La Cave Saint-Éloi': the brand without its article is the brand ('Zorzor' of
        # 'Zorvik Zorzorzor' is not: a whole word, not a part of one)
    first = name.split()[0]
    return (
        name in places
        or is_person(name)
        or is_day_or_month(first)
        or STORES_NAMED.match(name) is not None
        or first.lower() in STOP_LEAD
    )


def _around_brand(text: str, brand: str) -> str:
    """The words that stand with the brand in English word order: 'Morning Ritual cold brew by Brewco',
    'Crunchbite granola bars', 'Penny Pilot is a budgeting app', a landing page's line under its heading."""
    by = re.search(
        r"(?P<p>(?:[A-Z][\w'-]*\s+)*(?:[\w'-]+\s+){0,3}[\w'-]+)(?:,\s+|\s+)(?:by|from)\s+(?:the\s+)?"
        + re.escape(brand),
        text,
    )
    if by:
        words = by.group("p").split()
        while words and words[0].lower() in STOP_LEAD:
            words.pop(0)
        while len(words) > 1 and re.fullmatch(r"[a-z]+ed", words[-1]):
            words.pop()  # 'British-grown stems arranged by ...': the stems, not how they are arranged
        return " ".join(words[-6:])
    # 'Crunchbite granola bars', 'PipeWise CRM', 'Penny Pilot is a budgeting app', 'X in Austin offers ...'
    lead = r"(?:['’]s)?[,:]?\s+(?:in\s+[A-Z][\w-]*\s+)?(?:(?:is|offers|makes|sells)\s+)?"
    lead += r"(?:(?:a|an|the|our)\s+)?"
    after = re.search(re.escape(brand) + lead + r"(?P<p>[^,.;:!?|—–\n]+)", text, re.I)
    phrase = noun_phrase(after.group("p"), heading=False) if after else ""
    lead_in = after.group(0)[: after.start("p") - after.start()] if after else ""
    verb = re.search(r"(?i)\b(?:is|are|was|were)\s+$", lead_in)
    if verb and re.match(r"[a-z]+(?:ing|ed)\b|made\b|built\b", phrase):
        phrase = ""  # 'Ironbark Gym is opening its second site': what it does, not what it is
    if re.match(rf"(?i)(?:{PRESENTS})\b", phrase) or re.fullmatch(rf"(?i:{SIGN_OFF_NOUNS})", phrase):
        phrase = ""  # 'Teatro Lumbre presenta ...' names a title; '— The Oatfield team' signs off
    first, *rest = phrase.split() or [""]
    if verb_s(first) and (rest or acts_after(" " + after.group("p"))):
        # 'Hearthstone Bakery bakes sourdough by hand': what it does ('Zorvik socks' is one word); 'Brindle &
        # Oak serves wood-fired pizza': the verb alone, where the phrase ends at its object's -ed word
        return ""
    if phrase and after and _describes(lead_in, phrase, text[after.start("p") + len(phrase) :]):
        phrase = ""  # 'Woodland Soap, vegan and plastic-free': what it is like, not what it is
    if phrase:
        return phrase
    # a landing page's heading names the brand; the line under it names the product
    heading = re.search(re.escape(brand) + r"[^.\n]{0,30}\.\s+(?:The\s+)?(?P<p>[^.;:!?|—–\n]+)", text, re.I)
    phrase = noun_phrase(heading.group("p"), heading=True) if heading else ""
    # 'PipeWise CRM': a name that ends on an acronym names the product as well
    acronym = re.fullmatch(r"\S+(?:\s+\S+)*\s+[A-Z]{2,5}", brand) and not brand.isupper()
    return phrase or (brand if acronym else "")  # not 'HALCYON YOGA', a name set in capitals


def _describes(lead_in: str, phrase: str, after: str) -> bool:
    """'Woodland Soap, vegan and plastic-free': one bare word after the brand's comma, joined by 'and' or
    'or' to the next, lists what the thing is like; 'Fumo, cooks everything ...' says what it does. A
    thing is presented with its article ('Nonna's Oven, a pizzeria')."""
    if not lead_in.rstrip().endswith(","):
        return False
    listed = " " not in phrase and re.match(r"\s+(?:and|or)\b", after) is not None
    return listed or verb_s(phrase.split()[0])


__all__ = ["named_product", "presented_names", "read_product"]
