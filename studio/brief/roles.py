"""Who is who in a brief: the brand, and the places it names, decided by evidence in the brief's words.

The brand is the first candidate found by the strongest evidence, in this order (ties within one kind of
evidence go to the name the brief states first):

1. a labelled line ('Brand: Harbor Roast', 'Marca: ...');
2. a name whose letters spell the domain of the brief's web address, e-mail address or handle
   ('harborroast.com', 'hello@harborroast.com' -> 'Harbor Roast'; 'flordesintra.pt' -> 'Flor de Sintra');
3. the company an e-mail is signed for ('Best, Maria Okafor — Tidewater Kayaks'), a sign-off ('— The
   Harbor Roast team', 'Team Harbor Roast') or a presenter ('Harbor Roast presents', 'présente',
   'presenta', 'präsentiert', 'apresenta');
4. a possessive ('Harbor Roast's new blend'), but not one that ranks ('Denver's best-loved bagel',
   'Lisbon's favourite pastry': said of a place or a crowd) nor a plural noun's ("Kids' bikes");
5. 'by X' (and 'par', 'von', 'di', 'da'; 'por' after a participle: 'tostado por'), unless X is a place;
6. 'from X', unless X is used as a place (see below);
7. the name the brief opens with, when it names something ('Nonna's Oven, a pizzeria ...') and is not
   the product's model name ('The Stormline 2 jacket ...');
8. with no name of two words, the name the brief's own address spells ('dev@ledgerpine.io': 'Ledgerpine';
   never a mailbox provider's), else a one-word name that answers a question ('Tired of soggy lunches?
   Lunchloop keeps ...') or stands inside a sentence ('the quietest pair Sonvik has ever built').

A place is never the brand: a name that follows a preposition of place ('in Lyon', 'near Croydon',
'en Madrid', 'à Lyon', 'em Lisboa', 'a Milano', 'at our Denver flagship', 'in downtown Boise'), a part of
a region ('in the hills of Huila', 'nel cuore delle Langhe') or a move there ('coming to Boulder'), a
street, a square, a pier or a beach named by its own word ('Larimer Street', '220 Main Street', 'Palace
Pier') and the town after it ('14 Canal Street, Manchester'), the owner of a ranking ('Denver's
best-loved', 'la tortilla más famosa de Salamanca'), or a name that follows 'from' (and its translations)
when the brand has stronger evidence elsewhere ('beans from Huila'), is a place. A name that is also a date
('Friday', 'March') is neither.
"""

from __future__ import annotations

import re

from studio.brief.clean import fold
from studio.brief.shapes import NAME, PARTICLE, Found, is_day_or_month, names

_PLACE_PREPS = (
    # a part of a region ('in the hills of Huila', 'en los valles de Asturias', 'on the slopes of ...') and
    # where a thing moves to ('is coming to Boulder'), tried before the plain prepositions
    r"(?:(?:in|on|across|en|em|dans|sur|nel|im|auf)\s+(?:the|los|las|el|la|les|le|os|as|o|i|gli|den|die|der)|"
    r"au|aux|nel|nella|nello|nei|nelle|no|na|nos|nas|im|am)"
    r"\s+(?-i:[a-zà-ÿœ]+)\s+(?:of|de|do|da|dos|das|des|du|di|del|dei|della|delle|degli|dello|von|vom)|"
    r"(?:coming|comes|came|moving|moves|moved|returning|returns|back|heading|headed|arrives|arriving)\s+to|"
    r"in|near|across|around|throughout|outside|en|à|au|aux|dans|près de|em|no|na|nos|nas|nel|nella|a|"
    r"bei|nach|im|zu|ad|on the|ao"
)
_ORIGIN_PREPS = (
    r"from|de|des|del|aus|da|di|desde|dos|das|du|dal|dalla|vom|(?-i:Do)(?=\s+[A-Z])|"
    r"grown in|roasted in|made in"
)
_BY = r"by|(?<=(?:ad|id|et|ch)[oa]\s)por|(?<=(?:ad|id)[oa]s\s)por|par|von|di|da"
"""'by X' in the six languages; 'por' names the maker after a participle ('tostado por'), not a channel
('se confirman por WhatsApp')."""
PRESENTS = r"presents|présente|presenta|präsentiert|apresenta|presentano|presentan"
SIGN_OFF_NOUNS = r"team|crew|family"
"""What a sign-off signs as ('— The Harbor Roast team'): the name before it is the brand's, the word is no
product."""
STOP_LEAD = frozenset(
    [
        "a",
        "an",
        "the",
        "our",
        "ad",
        "get",
        "learn",
        "try",
        "new",
        "meet",
        "introducing",
        "don",
        "el",
        "la",
        "le",
        "les",
        "der",
        "die",
        "das",
        "un",
        "une",
        "una",
        "il",
        "o",
        "finally",
        "tired",
        "stop",
        "ready",
        "why",
        "what",
        "how",
        "make",
        "need",
        "looking",
        "ever",
        "imagine",
        "this",
        "that",
        "there",
        "here",
        "let",
        "who",
        "where",
        "when",
        "your",
        "we",
        "i",
        "you",
        "it",
        "is",
        "are",
        "do",
        "does",
        "can",
        "will",
        "join",
        "come",
        "book",
        "order",
        "buy",
        "shop",
        "visit",
        "call",
        "discover",
        # prepositions and greetings that open a sentence in the six languages ('Pour le cabinet ...')
        "pour",
        "para",
        "per",
        "für",
        "con",
        "avec",
        "mit",
        "sur",
        "dans",
        "chez",
        "bei",
        "en",
        "in",
        "at",
        "on",
        "for",
        "with",
        "to",
        "hi",
        "hello",
        "dear",
        "hola",
        "bonjour",
        "hallo",
        "ciao",
        "olá",
        "from",
        "since",
        "desde",
        "depuis",
        "dès",
        "aus",
        "seit",
        "dal",
        "dalla",
        "thanks",
        "merci",
        "gracias",
        "danke",
        "grazie",
        "obrigado",
    ]
)
"""Words that open a sentence without naming anything ('Meet ...', 'Tired of ...', 'Why ...')."""
_ARTICLES = frozenset(["the", "la", "le", "les", "el", "il", "der", "die", "das"])
_DESCRIBING = re.compile(r"(?i)(?:ing|ed|ful|less|ous|ive|able|ible|al|ic|proof|est|er)$")
"""Endings of describing words that open a brief ('Running shoes', 'Wireless earbuds', 'Organic tea')."""


RANKING = (
    r"(?i:(?:best|most|top|finest|greatest|biggest|largest|oldest|favou?rite|leading|number one|no\.? ?1)"
    r"(?![\w'’]))"
)
"""Words that rank the owner's thing against others ('Denver's best-loved bagel', 'Lisbon's favourite
pastry'): said of a place or a crowd, never of the brand's own product, so no evidence for the brand."""
_RANKED = re.compile(
    rf"(?P<n>[A-ZÀ-ÖØ-Þ][\w-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w-]*)?)['’]s\s+{RANKING}|"
    r"(?i:\b(?:más|plus|più|mais|meilleure?s?|mejor(?:es)?|migliori?|melhor(?:es)?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:de|di|do|da|du|des|del|della|dos|das))\s+(?P<m>[A-ZÀ-ÖØ-Þ][\w-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w-]*)?)"
)
"""The place a ranking is made in ('Denver's best-loved', 'Ohio's most talked-about', 'la tortilla más
famosa de Salamanca', 'le meilleur croissant de Nantes'): a place, never the brand."""


def _inside(at: int, taken: list[Found]) -> bool:
    return any(f.start <= at < f.end for f in taken)


STORES_NAMED = re.compile(r"(?i)(?:the\s+)?(?:App Store|Google Play|Play Store)$")
"""Where an app is found is no place ('on the App Store')."""


_OUR_PLACE = r"(?:at|in|from)\s+our|(?:in|near|across|around)\s+(?:downtown|central|uptown)"
"""'at our Denver flagship', 'in downtown Boise': a place behind the brand's own word or a part of town."""
_STREET = re.compile(
    r"(?:\b\d{1,5}\s+(?:[A-Z][\w'’-]*\s+){0,2}|\b(?:North|South|East|West)\s+\d{1,3}(?:st|nd|rd|th)\s+|"
    r"\b[A-Z][\w'’-]*\s+(?:[A-Z][\w'’-]*\s+)?)"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Square|Pier|Quay|Wharf|Beach|Row|Way|Drive|"
    r"Terrace|Crescent|Parade|Mews|Plaza)\b(?![-’']|\s+[A-Z])"
)
"""A street, a square, a pier or a beach by its own word ('Larimer Street', '220 Main Street', 'West 67th
Street', 'Palace Pier'): a place wherever it stands, unless the name goes on ('Brighton Beach Clean-Up')."""


_TOWN = r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?"
"""A town's name of one or two capitalised words ('Manchester', 'Hebden Bridge')."""


def place_names(text: str, taken: list[Found], brand_evidence: str) -> list[str]:
    """The brief's places: after a preposition of place always, after 'from' when it is not the brand, a
    street or a pier by its shape."""
    strict: list[str] = []
    for m in re.finditer(rf"(?<![\w'])(?i:{_OUR_PLACE}|{_PLACE_PREPS})\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if first and first.start == 0 and not _inside(m.end(), taken) and not STORES_NAMED.match(first.text):
            strict.append(first.text)
    for m in _RANKED.finditer(text):
        ranked = m.group("n") or m.group("m")
        if ranked.split()[0].lower() not in STOP_LEAD and not _inside(m.start(), taken):
            strict.append(ranked)
    for m in _STREET.finditer(text):
        if not _inside(m.start(), taken):
            strict.append(re.sub(r"^(?:The|At|On|In)\s+", "", m.group(0)))
            # '14 Canal Street, Manchester': the town an address names after its street
            town = re.match(rf",\s+({_TOWN})(?![\w'’])", text[m.end() :])
            if town and not _inside(m.end() + town.start(1), taken):
                strict.append(town.group(1))
    if brand_evidence:
        # 'Marrow & Quill, Hebden Bridge.', 'Mizu Noodle Bar, Deansgate, Manchester:': the brand and where it
        # is, a sentence or a line of their own
        town = re.search(rf"{re.escape(brand_evidence)}((?:,\s+{_TOWN}){{1,2}})(?=[.:\n]|$)", text)
        if town:
            strict += [t.strip() for t in town.group(1).split(",") if t.strip()]
    origin: list[str] = []
    for m in re.finditer(rf"(?i:(?<![\w'])(?:{_ORIGIN_PREPS}))\s+", text):
        first = next(iter(names(text[m.end() :])), None)
        if not first or first.start != 0 or _inside(m.end(), taken):
            continue
        if brand_evidence and fold(first.text) != fold(brand_evidence):
            origin.append(first.text)
    out = [
        p for p in dict.fromkeys([*strict, *origin]) if not brand_evidence or fold(p) != fold(brand_evidence)
    ]
    return out


def strong_brand(
    text: str, labels: dict[str, str], address: str, taken: list[Found], signed: str = ""
) -> str:
    """The brand from evidence 1-5 (label, address, sign-off, presenter, possessive, 'by'), or ''.

    `signed` is the company an e-mail brief is signed for ('Maria Okafor — Tidewater Kayaks'): the address
    may spell it, and with no address that spells another name it is the brand."""
    for key in ("brand", "business", "company", "organisation", "organization", "app"):
        if key in labels:
            run = names(labels[key])
            return titled(run[0].text if run else labels[key])
    spelled = _spelled_by_address(f"{text}\n{signed}" if signed else text, address)
    if spelled:
        return spelled
    if names(signed):
        return titled(signed)
    places = place_names(text, taken, "")
    introduced = _introduced(text)
    if introduced and introduced not in places:
        return titled(introduced)
    for pattern in (
        rf"(?:^|\n|[—–-]\s*)(?:the\s+)?(?P<n>{_NAME})\s+(?i:{SIGN_OFF_NOUNS})\b",
        rf"(?i:\bteam)\s+(?P<n>{_NAME})",
        rf"(?P<n>{_NAME})\s+(?i:{PRESENTS})\b",
        rf"(?P<n>{_NAME})['’]s?\s+(?=[a-z])(?!{RANKING})",
        rf"{_BY_PATTERN_START}{_BY})\s+(?:(?:der|dem|den|la|le|el|il|lo|the)\s+)?(?P<n>{_NAME})",
    ):
        for m in re.finditer(pattern, text):
            if _plural_opener(text, m) or _clean(m.group("n")) in places or _within_a_name(text, m.start()):
                continue  # 'Nel cuore di Zorzoria': 'di' names where, not who; 'Trattoria Da Nello': a name
            if pattern.startswith(_BY_PATTERN_START):
                subject = _described_subject(text, m.start())
                if subject:
                    return titled(subject)  # 'Founded by Tom Baptiste in Stroud, Oddfellow Coffee roasts ...'
            name = _clean(m.group("n"))
            if name and not _inside(m.start("n"), taken) and name.split()[0].lower() not in STOP_LEAD:
                return titled(name)
            if name and name.split()[0].lower() in STOP_LEAD and len(name.split()) > 1:
                return titled(" ".join(name.split()[1:]))
    return ""


_BY_PATTERN_START = r"(?<![\w'])(?i:"
_INTRO = (
    r"(?i:\b(?:I'm|I’m|I am|this is|soy|je suis|ich bin|sono|sou)\s+(?:(?-i:o|a)\s+)?)"
    r"(?P<who>[A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?)|(?P<here>[A-ZÀ-ÖØ-Þ][\w’'-]*)\s+(?i:here)"
)
_INTRO_FROM = (
    r",?\s+(?i:from|de\s+la|de\s+l['’]|del|de|du|des|von\s+der|von\s+dem|vom|von|della|dello|dell['’]|del|di|"
    r"da|do|dos|das)\s+(?:(?i:the|la|el|le|les|der|die|das|il|lo|o|a)\s+)?"
)


def _introduced(text: str) -> str:
    """The business a writer introduces themself from ('Hi, I'm Dana from Pinewood Bakery', 'Marco here,
    from Keystone Motors', 'soy Lucía, de Horno San Telmo', 'ich bin Jonas von der Schreinerei Holzwerk',
    'sono Giulia Ferri della Trattoria Da Nello', 'Sou o Rui, da Oficina ...'), or ''."""
    for m in re.finditer(_INTRO, text):
        after = re.match(_INTRO_FROM + rf"(?P<n>{_NAME})", text[m.end() :])
        if after:
            return _clean(after.group("n"))
    return ""


def _within_a_name(text: str, at: int) -> bool:
    """A capitalised 'Da', 'Di' or 'By' after a capitalised word is inside a name ('Trattoria Da Nello',
    'Casa Di Nonna'), not a preposition."""
    return text[at : at + 1].isupper() and re.search(r"[A-ZÀ-ÖØ-Þ][\w’'&-]*\s+$", text[:at]) is not None


def _described_subject(text: str, at: int) -> str:
    """The name a sentence's opening clause describes: in 'Founded by Tom and Aisha Baptiste in Stroud,
    Oddfellow Coffee roasts ...' or 'Voted Bristol's best brunch by Time Out, Cafe Ruba serves ...' the 'by'
    names the founders or the judge, and the name that acts after the clause's comma (its verb right after
    it) is the business; '' when the sentence has no such shape ('Brewed by North Star Coffee, Morning Star
    is our brightest blend': the brewer is the brand)."""
    start = max(text.rfind(c, 0, at) for c in ".!?:\n") + 1
    lead = text[start:at].split()
    if not lead or len(lead) > 6 or "," in text[start:at] or not re.match(r"[A-ZÀ-Þ][a-zà-ÿ]", lead[0]):
        return ""  # 'Founded by', 'Founded in 1998 by', 'Voted Bristol's best brunch by': the clause opens it
    end = re.search(r"[.!?:\n]", text[at:])
    sentence = text[at : at + end.start()] if end else text[at:]
    for piece in sentence.split(",")[1:]:
        acts = re.match(rf"\s*(?P<n>{_NAME})\s+(?P<v>[a-z]+)\s+(?P<o>\S+)", piece)
        # 'Lind & Lowe makes ...', 'Cafe Ruba serves ...' act; 'Morning Star is our blend' is what is sold
        if acts and (_verb_s(acts.group("v")) or (acts.group("v") in _ACTS and acts.group("o") != "our")):
            return _clean(acts.group("n"))
    return ""


_ACTS = frozenset(["is", "has", "was", "will", "can"])
"""Auxiliaries a subject's verb opens with ('Oddfellow Coffee is a roastery', 'has ...')."""


def _verb_s(word: str) -> bool:
    """A third-person verb in -s ('roasts', 'serves', 'opens'), not a plural noun's -ss or -us ending."""
    return re.fullmatch(r"[a-z]{2,}[^su]s", word) is not None


def _plural_opener(text: str, m: re.Match[str]) -> bool:
    """"Kids' bikes", "Parents' evening": a plural noun's possessive that opens a sentence names no one."""
    said = text[m.start("n") : m.end()]
    opens = re.search(r"(?:^|[.!?:\n]\s*)$", text[: m.start("n")]) is not None
    return opens and " " not in m.group("n") and re.search(r"s['’]\s", said) is not None


_NAME = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w’&-]*|[a-z]+[A-Z][\w-]*)"
    rf"(?:\s+(?:&\s+|{PARTICLE}\s+)?(?:[A-ZÀ-ÖØ-Þ][\w’&-]*|[a-z]+[A-Z][\w-]*)){{0,3}}"
)


def _clean(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip(" &-"))


def first_name(text: str, taken: list[Found], places: list[str]) -> str:
    """With no other evidence, the brief's first name of two words or more that is no place, date or title
    ('Pour le cabinet Dentiste Lumière à Rennes': 'Dentiste Lumière')."""
    for found in names(text):
        words = found.text.split()
        # 'à deux pas de la gare : La Cave Saint-Éloi': an article the name is presented with is its own
        presented = re.search(r"[:—–]\s*$", text[: found.start]) and len(words) > 2
        while words and _leads(words[0]) and not (presented and words[0].lower() in _ARTICLES):
            words.pop(0)
        name = " ".join(words)
        store = STORES_NAMED.match(name) is not None  # 'Get it on the App Store' names where, not who
        if len(words) >= 2 and not _inside(found.start, taken) and name not in places and not store:
            return titled(name)
    return ""


_DEMONYM = re.compile(r"(?:ian|ese|ish|ean)\s+[a-z]")
"""'Norwegian salmon', 'Japanese denim': a people's adjective before its noun names no brand."""


def single_name(text: str, taken: list[Found], places: list[str]) -> str:
    """With no name of two words, a one-word name that answers a question ('Tired of soggy lunches?
    Lunchloop keeps salads crisp') or stands inside a sentence ('the beans for Ridgeback grow'), and is no
    place, day, month, model name or people's adjective."""
    for found in names(text):
        before, after = text[: found.start], text[found.end : found.end + 12]
        answers = re.search(r"\?\s+$", before) is not None
        inside = re.search(r"[a-zà-ÿ,]\s+$", before) is not None
        # 'at The Crown, Hexham': a name after another name and its comma says where that one is
        inside = inside and re.search(r"[A-ZÀ-ÖØ-Þ][\w’'&-]*,\s+$", before) is None
        word = found.text
        acronym = word.isupper() and len(word) <= 4  # 'API keys', 'USB-C': an acronym, not a name
        ruled_out = " " in word or word.lower() in STOP_LEAD or word in places or acronym
        ruled_out = ruled_out or is_day_or_month(word)  # 'pancakes on Sundays': when, not who
        if ruled_out or _inside(found.start, taken):
            continue
        # the answer to a question does something ('Lunchloop keeps ...'), not 'Only $29.'
        answers = answers and re.match(r"\s+[a-z]", after) is not None
        if (answers or inside) and not _DEMONYM.match(word[-3:] + after) and not STORES_NAMED.match(word):
            return titled(word)
    return ""


def _leads(word: str) -> bool:
    """A word that opens a sentence without naming anything, contracted or not ('The', 'We're', 'I'm')."""
    return word.lower() in STOP_LEAD or re.split(r"['’]", word)[0].lower() in STOP_LEAD


def possessive_name(text: str, taken: list[Found], places: list[str]) -> str:
    """A name with an owner's 's inside ('Bellini's Deli in Glasgow'): a business's own name."""
    for found in names(text):
        words = found.text.split()
        while words and _leads(words[0]):
            words.pop(0)
        name = " ".join(words)
        inner = re.search(r"\w['’]s\s+[A-ZÀ-Þ]", name)
        if inner and not _inside(found.start, taken) and name not in places:
            return titled(name)
    return ""


def from_brand(text: str, taken: list[Found]) -> str:
    """'cold brew from Brewco': the name after 'from' when nothing stronger names the brand (not one that
    describes a noun after it, 'from Shetland wool')."""
    for m in re.finditer(rf"(?<![\w'])(?i:from|de|aus|da|di)\s+(?P<n>{_NAME})", text):
        noun = _modifies_a_noun(text[m.end() :])
        if _inside(m.start("n"), taken) or _within_a_name(text, m.start()) or noun:
            continue
        return titled(_clean(m.group("n")))
    return ""


def _modifies_a_noun(after: str) -> bool:
    """'knitted from Shetland wool': a name with a plain noun right after it says what kind of thing that
    is (where the wool is from), not who makes it; 'cold brew from Brewco is ...' goes on with a verb."""
    word = re.match(r"\s+([a-z]+)\b", after)
    return word is not None and word.group(1) not in _ACTS and not _verb_s(word.group(1))


def _spelled_by_address(text: str, address: str) -> str:
    if not re.search(r"\.[a-z]{2,}|^@", address):
        return ""  # 'App Store' or a phone number spells no brand
    key = _domain_key(address)
    if len(key) < 3:
        return ""
    exact = next((f.text for f in names(text) if fold(f.text) == key), "")
    if exact:
        return titled(exact)  # 'Zorzor' spells zorzor.example; 'Zorzoria' only contains it
    words = list(re.finditer(r"[\w'’&-]+", text))
    for i, first in enumerate(words):
        for last in words[i + 1 : i + 5]:
            run = text[first.start() : last.end()]
            # 'Flor de Sintra' spells flordesintra.pt: capitalised at both ends, small words inside
            capitals = run[:1].isupper() and last.group(0)[:1].isupper() and "\n" not in run
            whole = any(f.start <= first.start() and last.end() <= f.end for f in names(text))
            if fold(run) == key and capitals and not whole:
                # the name goes on after the spelled words ('Flor de Sintra Cosmética'): all of it
                rest = NAME.match(text, last.start())
                end = rest.end() if rest else last.end()
                return titled(text[_article_start(text, first.start(), end) : end])
    for found in names(text):
        # "Maris Skin's Tide Serum" and mariskin.example: the owner before the possessive, not the run
        words = found.text.split()
        for j, word in enumerate(words):
            owner = " ".join([*words[:j], re.sub(r"['’]s$", "", word)])
            if word != re.sub(r"['’]s$", "", word) and fold(owner) == key:
                return titled(owner)
    for found in names(text):
        words = found.text.split()
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                part = fold(" ".join(words[i:j]))
                # a short word inside the spelling is chance ('Can' in kindlecandles): it must start or end it
                spelled = part in key and (len(part) >= 5 or key.startswith(part) or key.endswith(part))
                if len(part) >= 3 and not _leads(words[i]) and (spelled or (key in part and j - i == 1)):
                    run = words if len(words) <= 4 else words[i:]
                    while len(run) > 1 and run[0].lower() in ("the", "der", "die", "das"):
                        run = run[1:]  # 'Das Waldhotel Tannenruh', 'The Oatfield': the name, not its article
                    return titled(" ".join(run))
    return ""


_CAPITAL_ARTICLE = re.compile(
    r"(?<![\w'’])(?:The|Le|La|Les|L['’]|El|Los|Las|Il|Lo|Gli|Der|Die|Das|O|A|Os|As)\s*$"
)


def _article_start(text: str, start: int, end: int) -> int:
    """Where a name starts with the capitalised article before it: one inside a sentence ('chez Le Potager
    de Margaux') or opening a sentence that is the name alone (a heading: 'Le Potager de Margaux.') is the
    name's own; one opening a sentence that goes on is the sentence's ('La Cave Saint-Éloi ouvre ...')."""
    article = _CAPITAL_ARTICLE.search(text[:start])
    if not article:
        return start
    opens = re.search(r"(?:^|[.!?:]\s+)$", text[: article.start()]) is not None
    alone = re.match(r"\s*(?:[.!?:\n]|$)", text[end:]) is not None
    return article.start() if not opens or alone else start


def _domain_key(address: str) -> str:
    """The letters of an address's own name: 'tidewaterkayaks' for hello@tidewaterkayaks.com, @x, x.com."""
    return fold(_site_label(address)) if address else ""


def _site_label(address: str) -> str:
    """The label of an e-mail, web address or handle that names its owner, as written ('hello@x.com',
    'https://www.shop.x.co.uk/a', '@x': 'x')."""
    web = re.sub(r"^(?:https?://)?(?:www\.)?@?", "", address)
    return _own_label(web.split("@")[-1].split("/")[0])


def _own_label(host: str) -> str:
    """The label of a host that names its owner: 'example' in shop.example.com, 'ilforno' in
    ilforno.co.uk and in book.ilforno.co.uk (a two-letter country's second level, 'co.', 'com.', 'org.', is
    part of the suffix), the host itself when it has no dot."""
    labels = [part for part in host.split(".") if part]
    if len(labels) < 2:
        return labels[0] if labels else ""
    second_level = len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL
    return labels[-3] if second_level else labels[-2]


_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "ac", "gov", "gob", "edu", "or", "ne", "go", "nom"])
"""The generic second levels countries register under ('co.uk', 'com.br', 'org.es', 'gob.mx')."""


_MAIL_HOSTS = frozenset(
    [
        "gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "ymail", "icloud", "me",
        "mac", "aol", "proton", "protonmail", "pm", "gmx", "web", "mail", "yandex", "zoho", "orange",
        "free", "laposte", "wanadoo", "libero", "virgilio", "tiscali", "uol", "bol", "terra",
        "t-online",
    ]
)  # fmt: skip
"""Where anyone has a mailbox: an address there names the sender's provider, not the sender."""


def address_name(address: str) -> str:
    """The name an e-mail or web address or a handle spells, when nothing in the brief names the brand:
    'Ledgerpine' for dev@ledgerpine.io, 'Stempeluhr Digital' for stempeluhr-digital.de, 'Greengulp' for
    @greengulp; '' for a mailbox provider's address or a phone."""
    handle = re.fullmatch(r"@([a-z][a-z_]*)", address.lower())
    if not handle and not re.search(r"\.[a-z]{2,}\b", address):
        return ""
    label = handle.group(1).replace("_", "-") if handle else _site_label(address.lower())
    if label in _MAIL_HOSTS or len(label.replace("-", "")) < 3 or not re.fullmatch(r"[a-z][a-z-]*", label):
        return ""
    return " ".join(w.capitalize() for w in label.split("-") if w)


def names_something(run: str, rest: str) -> bool:
    """'Nonna's Oven, a pizzeria', 'Shieldly pet insurance': a name, not 'Running shoes' or 'Ignore'."""
    words = run.split()
    head = re.split(r"['’]", words[0])[0].lower()  # "We're Anchor Studio": the pronoun opens, not a name
    if head in ("the", "der", "die", "das") and len(words) > 1:
        # 'The Linden, condos at Maple Grove': the name with its article
        return names_something(" ".join(words[1:]), rest)
    if head in STOP_LEAD:
        return False
    if len(words) >= 2 or re.match(r"\s*(?:[,:|—–]|is\b|$)", rest):
        return True
    camel = bool(re.search(r"[a-z][A-Z]", words[0]))
    # 'Pulsewise turns 20 minutes a day into ...': the subject of a verb that takes a number or a determiner
    acts = re.match(r"\s+[a-z]+[^su\W]s\s+(?:\d|(?:the|a|an|your|you|our|every|each|its|their)\b)", rest)
    if acts and not _DESCRIBING.search(head):
        return True
    # a single opening word before lowercase words ('Ignore previous ...', 'Fresh bread') is a name only
    # when the brief says it again later ('Shieldly pet insurance ... Shieldly pays in 48 hours')
    again = re.search(rf"(?<!^){re.escape(words[0])}\b", rest) is not None
    return camel or (again and not _DESCRIBING.search(head))


def titled(name: str) -> str:
    """'NORTHLINE' -> 'Northline': a name pasted in capitals reads as a name; 'DevSummit' keeps its case."""
    name = re.sub(r"\s+\d{2,4}$", "", name.strip())
    return name.title() if name.isupper() and len(name) > 3 else name


__all__ = [
    "PRESENTS",
    "RANKING",
    "SIGN_OFF_NOUNS",
    "STOP_LEAD",
    "address_name",
    "first_name",
    "from_brand",
    "names_something",
    "place_names",
    "possessive_name",
    "single_name",
    "strong_brand",
    "titled",
]
