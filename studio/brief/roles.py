"""Who is who in a brief: the brand, decided by evidence in the brief's words (the places it names are
read in `places.py`, the name its own address spells in `spelling.py`).

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
5. 'by X' (and 'par', 'von', 'di'; 'por' and 'da' after a participle: 'tostado por', 'tostato da'),
   unless X is a place; then the business people open, found or own ('Mia and Theo Russo opened Forno
   Russo', 'Dana Whitlock, owner of Copperline Plumbing': `people.py`);
6. 'from X', unless X is used as a place (see below);
7. the name the brief opens with, when it names something ('Nonna's Oven, a pizzeria ...') and is not
   the product's model name ('The Stormline 2 jacket ...');
8. with no name of two words, the name the brief's own address spells ('dev@ledgerpine.io': 'Ledgerpine';
   never a mailbox provider's), else a one-word name that answers a question ('Tired of soggy lunches?
   Lunchloop keeps ...') or stands inside a sentence ('the quietest pair Sonvik has ever built').

A brief set out under headings ('Zielgruppe', 'Kernbotschaft:', 'Público:') opens on no name: with no
evidence 1-5 its brand is read from the sections' content (`sectioned_brand`). With no other name, the
maker named after a thing's noun and name ('a mochila Trakan do Quellmar', 'la lampe Belmon de Zorvik
Fen': `naming.maker_of_thing`), the first name of two words, then the host ('Brunch am Sonntag bei
Quellmar', 'chez', 'presso', 'no', 'na'; a venue with its number, 'en Studio 54': `hosted_name`).

After the opening name, the name that acts after a sentence's describing clause ('As seen on BBC Two's
Dragons' Den, Crumbly Co. bakes ...') comes before a name with an owner's 's inside and before 'from X'.

A place is never the brand (`places.py`), nor a person named by a role or a family word ('Owner Jake
Miller', "Grandma Rosa's recipe": `people.py`). The brand is kept as far as the brief always writes it
('Crumbly Co.', 'Studio 54': `whole_name.py`).
"""

from __future__ import annotations

import re

from studio.brief.clean import fold
from studio.brief.language import detect_language
from studio.brief.naming import (
    ACTS,
    COUNTING,
    SIGN_OFF_NOUNS,
    STOP_LEAD,
    acts_after,
    acts_after_number,
    channel_named,
    contracted_head,
    is_kind,
    is_taken,
    leads,
    maker_of_thing,
    modifies_a_noun,
    on_a_channel,
    titled,
    verb_s,
    without_team,
)
from studio.brief.people import business_of_people, is_person
from studio.brief.places import RANKING, STORES_NAMED, place_names
from studio.brief.shapes import Found, is_day_or_month, names
from studio.brief.spelling import domain_key, spelled_name
from studio.brief.streets import street_spans
from studio.brief.whole_name import BRAND_NAME as _NAME
from studio.brief.whole_name import LEGAL_FORM, registered

_BY = (
    r"by|(?<=(?:ad|id|et|ch)[oa]\s)por|(?<=(?:ad|id)[oa]s\s)por|par|von|di|"
    r"(?<=(?:at|it|ut|tt|ss|st|lt)[oaie]\s)da"
)
"""'by X' in the six languages; 'por' names the maker after a participle ('tostado por'), not a channel
('se confirman por WhatsApp'); so does 'da' ('tostato da', 'fatto da'), not a name's 'of the' ('Casa da
Ribeira') nor a noun's 'from' ('Caffè da Zorvikia')."""


PRESENTS = r"presents|présente|presenta|präsentiert|apresenta|presentano|presentan"


_ARTICLES = frozenset(["the", "la", "le", "les", "el", "il", "der", "die", "das"])


_DESCRIBING = re.compile(r"(?i)(?:ing|ed|ful|less|ous|ive|able|ible|al|ic|proof|est|er)$")
"""Endings of describing words that open a brief ('Running shoes', 'Wireless earbuds', 'Organic tea')."""


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
    spelled = spelled_name(f"{text}\n{signed}" if signed else text, address)
    if spelled:
        return _organiser(text, spelled, taken, address) or spelled
    small = _spelled_in_small(text, address)
    if small:
        return small  # 'the zorvik collective' and zorvikcollective.example: a name in small letters
    if names(signed):
        return titled(without_team(signed))
    places = place_names(text, taken, "")
    introduced = _introduced(text)
    if introduced and introduced not in places:
        return titled(introduced)
    for pattern in (
        rf"(?:^|\n|[—–-]\s*)(?i:the\s+)?(?P<n>{_NAME}(?:\s+\d{{1,3}}(?:\s+{_NAME})?)?)\s+(?i:{SIGN_OFF_NOUNS})\b",
        rf"(?i:\bteam|équipe|equipo|equipa|equipe)(?:\s+(?i:von\s+der|von|vom|der|des|di|del|della|de\s+la|de|du|"
        rf"des|da|do|at|of)|\s+(?i:d|dell)['’])?(?:\s+|(?<=['’]))(?P<n>{_NAME})",
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
            if is_person(name) or _shortened(text, m):
                continue  # "Grandma Rosa's recipe": a person's, not the business's
            if name and not is_taken(m.start("n"), taken) and name.split()[0].lower() not in STOP_LEAD:
                return titled(name)
            if name and _own_article(name) and pattern.startswith(_BY_PATTERN_START):
                return titled(name)  # 'Oat milk by The Oat Co.': an article in capitals after 'by' is its own
            if name and name.split()[0].lower() in STOP_LEAD and len(name.split()) > 1:
                return titled(" ".join(name.split()[1:]))
    business = business_of_people(text)
    if business and _clean(business) not in places:
        return titled(_clean(business))  # 'Mia and Theo Russo opened Forno Russo': not the founders
    if not any(key in labels for key in ("product", "event", "service")):
        # 'Zielgruppe\n...\nKernbotschaft\n...': a brief set out under headings, which name nothing
        return sectioned_brand(text, taken)
    return ""


_HEADING = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<h>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[a-zà-ÿ][\w'’-]*)?)(?:\.|\s?:)(?=\s+\S)"
)
"""A section's heading: one capitalised word, or one and a small word ('Zielgruppe', 'Público', 'Message
clé', 'Key message'), on a line of its own (the reader ends it with a full stop) or before a colon at a
line's start ('Kernbotschaft: ...'), with the section's content after it."""


def headings(text: str) -> list[re.Match[str]]:
    """The headings a brief is set out under, where it opens on one and has two or more of them, none a
    name the brief writes again (a brand's name on its own line is written again: 'FreshFork. Dinner,
    sorted. ... at FreshFork'); [] for a brief not set out in sections."""
    found = list(_HEADING.finditer(text))
    if len(found) < 2 or found[0].start() != 0:
        return []
    for m in found:
        if len(re.findall(rf"(?<![\w'’]){re.escape(m.group('h'))}(?![\w'’])", text)) > 1:
            return []
    return found


def sectioned_brand(text: str, taken: list[Found]) -> str:
    """The brand of a brief set out under headings ('Zielgruppe', 'Kernbotschaft', 'Público', 'Mensagem', on
    their own lines or before a colon): a heading is a label, never the brand or the product, so the brand
    is read from the sections' content alone, by the evidence a brief without headings gives (the host, the
    maker, the name that acts, the first name); '' when the brief has no headings or the content names no
    brand."""
    found = headings(text)
    if not found:
        return ""
    content = text
    for m in found:
        content = content[: m.start("h")] + " " * len(m.group("h")) + content[m.end("h") :]
    places = place_names(content, taken, "")
    opener, _, _ = acting_opener(content, taken, places)
    # the host and the maker first: a section's content may open on words in capitals that do not act
    # ('Jeunes parents pressés' under 'Cible')
    name = hosted_name(content, taken) or _maker(content, taken, places) or opener
    name = name or clause_subject(content) or possessive_name(content, taken, places)
    name = name or from_brand(content, taken) or first_name(content, taken, places)
    name = name or single_name(content, taken, places)
    return name if name not in places or name == hosted_name(content, taken) else ""


_BY_PATTERN_START = r"(?<![\w'])(?i:"


def _own_article(name: str) -> bool:
    """'The Oat Co.', 'La Belle Époque', 'Der Kleine Laden': a name that opens on an article in capitals
    (inside a sentence a writer capitalises an article only when it is the name's own)."""
    words = name.split()
    # not Portuguese 'A' or 'O': English writes 'by A ...' as a word
    return len(words) > 1 and words[0] in ("The", "La", "Le", "Les", "El", "Los", "Las", "Il", "Lo", "Der",
                                           "Die", "Das")


def _organiser(text: str, name: str, taken: list[Found], address: str) -> str:
    """The business a name is made or run by, where the brief writes the name right before 'by' ('Nova
    Festival by Lumen Events', 'Belmon Collection by Traqui Studio'): an event, a title or a product line
    has its own web address, and the organiser or maker named after 'by' is the brand ('Nova Festival,
    presented by Lumen Events' too); '' when 'by' names
    a place or a person ('by Owner Jake Miller'), or the name is not written right before 'by'."""
    # 'di', 'da' and 'de' name where as often as who ('Cantina Rovere di Montalcino'): only 'by', 'par', 'von'
    places = place_names(text, taken, name)
    # 'a lâmpada Belmon da Zorvik Fen' and zorvikfen.example: the address spells the maker after the thing
    maker = maker_of_thing(text, text.find(name), name)
    if maker and fold(maker) == domain_key(address):
        return titled(maker)
    # 'Das Nova Festival von Lumen Events' is one run of names: the address spells the part before 'von'
    inner = re.fullmatch(rf"(?P<head>.+?)\s+(?:by|par|von)\s+(?P<n>{_NAME})", name)
    if inner and fold(inner.group("head")) == domain_key(address):
        by = _clean(inner.group("n"))
        return titled(by) if by not in places and not is_person(by) else ""
    # 'Nova Festival, presented by ...', 'Nova Festival – organised by ...': a participle may stand between
    pattern = (
        rf"(?<![\w'’])(?i:{re.escape(name)})(?:,?\s+[—–-]?\s*(?i:[a-z]+ed))?\s+(?i:by|par|von)\s+"
        rf"(?P<n>{_NAME})"
    )
    for m in re.finditer(pattern, text):
        by = _clean(m.group("n"))
        words = by.split()
        if words and words[0].lower() in STOP_LEAD:
            continue
        if by not in places and not is_person(by) and not is_taken(m.start("n"), taken):
            return titled(by)
    return ""


_INTRO = (
    r"(?i:\b(?:I'm|I’m|I am|this is|soy|je suis|ich bin|sono|sou)\s+(?:(?-i:o|a)\s+)?)"
    r"(?P<who>[A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?)|(?P<here>[A-ZÀ-ÖØ-Þ][\w’'-]*)\s+(?i:here)"
)


_INTRO_FROM = (
    r",?\s+(?i:from|de\s+la|de\s+l['’]|del|de|du|des|von\s+der|von\s+dem|vom|von|della|dello|dell['’]|del|di|"
    r"da|do|dos|das)\s+(?:(?i:the|la|el|le|les|der|die|das|il|lo|o|a)\s+)?"
)


_WE_ARE = (
    r"(?i:\b(?:we\s+are|we['’]re|somos|nous\s+sommes|wir\s+sind|siamo)\s+"
    r"(?:(?:the|el|la|los|las|le|les|die|der|das|il|lo|la|o|a|os|as)\s+)?)(?P<n>{name})"
)
"""'We are X', 'Wir sind die Bäckerei X', 'Somos a Padaria X', 'Nous sommes l'atelier X' (with the name in
capitals): a writer names their own business."""


def _introduced(text: str) -> str:
    """The business a writer introduces themself from ('Hi, I'm Dana from Pinewood Bakery', 'Marco here,
    from Keystone Motors', 'soy Lucía, de Horno San Telmo', 'ich bin Jonas von der Schreinerei Holzwerk',
    'sono Giulia Ferri della Trattoria Da Nello', 'Sou o Rui, da Oficina ...'), or ''."""
    for m in re.finditer(_INTRO, text):
        after = re.match(_INTRO_FROM + rf"(?P<n>{_NAME})", text[m.end() :])
        if after:
            return _clean(after.group("n"))
    we = re.search(_WE_ARE.format(name=_NAME), text)
    return _clean(we.group("n")) if we and not is_person(we.group("n")) else ""


def _shortened(text: str, m: re.Match[str]) -> bool:
    """"Lou's serves pancakes", "Lou's is open late": an owner's 's before a verb owns nothing, it is the
    business's name said short ('Lou's Diner'), which the brief's other evidence reads whole."""
    said = text[m.start("n") : m.end()]
    verb = re.match(r"\s*([a-z]+)", text[m.end() :])
    return re.search(r"['’]s\s*$", said) is not None and verb is not None and (
        verb_s(verb.group(1)) or verb.group(1) in ACTS
    )


def _spelled_in_small(text: str, address: str) -> str:
    """The words in small letters, two to four, whose letters spell the brief's address ('the zorvik
    collective' and zorvikcollective.example): a name styled in small letters, which no run of capitalised
    words finds; '' where none does."""
    key = domain_key(address)
    if len(key) < 6:
        return ""
    words = list(re.finditer(r"(?<![\w.@/'’-])[a-zà-ÿ][\w'’-]*(?![\w@'’-]|\.\w)", text))
    for i, first in enumerate(words):
        for j in range(i + 1, min(i + 4, len(words))):
            if not text[words[j - 1].end() : words[j].start()].isspace():
                break  # the words follow one another, nothing but spaces between them
            run = text[first.start() : words[j].end()]
            if fold(run.replace(" ", "")) == key:
                return run
    return ""


def _within_a_name(text: str, at: int) -> bool:
    """A capitalised 'Da', 'Di' or 'By' after a capitalised word is inside a name ('Trattoria Da Nello',
    'Casa Di Nonna'), not a preposition; so is a small 'di', 'da' or 'de' after a capitalised word that does
    not open its sentence ('all'Osteria Fumo di Brace'): the Romance languages write no common noun with a
    capital there ('Caffè da Zorvikia' opens its sentence: the coffee is from there)."""
    before = re.search(r"[A-ZÀ-ÖØ-Þ][\w’'&-]*\s+$", text[:at])
    if before is None:
        return False
    opens = re.search(r"(?:^|[.!?:\n]\s*)$", text[: before.start()]) is not None
    small = re.match(r"d[aeiou]\s", text[at : at + 3]) is not None
    # 'Weingut Zorvik von Belmon': a name that opens on a kind of business goes on through its small word
    run = re.search(r"(?:[A-ZÀ-ÖØ-Þ][\w’'&-]*\s+){2,}$", text[:at])
    kind = run is not None and is_kind(run.group(0).split()[0])
    return text[at : at + 1].isupper() or (small and not opens) or kind


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
    sentence = text[at : _sentence_end(text, at)]
    for piece in sentence.split(",")[1:]:
        acts = re.match(rf"\s*(?P<n>{_NAME})\s+(?P<v>[a-z]+)\s+(?P<o>\S+)", piece)
        # 'Lind & Lowe makes ...', 'Cafe Ruba serves ...' act; 'Morning Star is our blend' is what is sold
        if acts and (verb_s(acts.group("v")) or (acts.group("v") in ACTS and acts.group("o") != "our")):
            return _clean(acts.group("n"))
    return ""


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence that holds `at` ends: not at a legal form's dot that the sentence goes on after
    ('..., Crumbly Co. bakes brownies.')."""
    for end in re.finditer(r"[.!?:\n]", text[at:]):
        pos = at + end.start()
        form = re.search(rf"(?:{LEGAL_FORM})$", text[: pos + 1])
        if not (form and re.match(r"\s+[a-zà-ÿ]", text[pos + 1 :])):
            return pos
    return len(text)


_CLAUSE_OPENER = re.compile(
    r"(?:As|Like|Now|Once|Just|Already)\b|[A-Z][a-z]+(?:ed|en|wn)\b|(?:Made|Built|Born|Sold|Held|Kept)\b"
)
"""The first word of a clause that describes the subject after its comma: 'As seen on ...', 'Featured in
...', 'Stocked by ...', 'Grown in ...', 'Made in ...'."""


def clause_subject(text: str) -> str:
    """The name that acts after a sentence's describing clause ('As seen on BBC Two's Dragons' Den, Crumbly
    Co. bakes ...', 'Stocked in Waitrose and Sainsbury's, Glenmoor Dairy makes ...'): the programme, the
    shop or the place in the clause is said of the business, which is the subject; '' when none acts."""
    for m in re.finditer(r"(?:^|[.!?\n]\s+)(?=[A-Z])", text):
        opener = _CLAUSE_OPENER.match(text, m.end())
        subject = _described_subject(text, opener.end()) if opener else ""
        if subject:
            return subject
    return ""


def _plural_opener(text: str, m: re.Match[str]) -> bool:
    """"Kids' bikes", "Parents' evening": a plural noun's possessive that opens a sentence names no one."""
    said = text[m.start("n") : m.end()]
    opens = re.search(r"(?:^|[.!?:\n]\s*)$", text[: m.start("n")]) is not None
    return opens and " " not in m.group("n") and re.search(r"s['’]\s", said) is not None


def _clean(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip(" &-"))


_APPOSITION = r",\s+(?:an?|the|un|une|el|la|il|um|uma|ein|eine)\s"
"""', a candle shop', ', un atelier', ', eine Bäckerei': a name described by the phrase after its comma."""


def acting_opener(text: str, taken: list[Found], places: list[str]) -> tuple[str, int, int]:
    """A one-word name (with its number) that opens the brief or a sentence and acts: 'Zorvik makes
    candles', 'Zorvik 42 makes candles', 'Zorvik 42, a candle shop', 'Quellmar backt jeden Morgen Brot',
    'Quellmar fabrique des bougies'; the name and where its sentence ends, or ('', -1). Not a describing
    word before a thing's name ('Handmade candles burn ...', `naming.acts_after`)."""
    word_ = r"[A-ZÀ-ÖØ-Þ][\w'’+-]*"
    joined_ = r"\s+(?:and|y|e|et|und|&|['’]n['’]?|n['’])\s+"  # 'Salt 'n' Ember grills ...'
    number = r"\s+\d{1,3}(?!\d|[.,]\d|\s?%)"
    # 'A Zorvik abre a segunda loja', 'La Zorvik apre ...': a Romance article may open on a business's name
    article = r"(?:(?:A|O|La|Le|Il|Lo|El)\s+(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]))?"
    form = rf"(?:,?\s+(?:{LEGAL_FORM}))?"  # 'Zorvik und Söhne GmbH baut ...': the firm's form, then its verb
    # 'Quellmar y Belmon Abogados asesoran ...': the joined name may go on in capitals
    opens = (
        rf"(?:^|[.!?:\n]\s+){article}(?P<n>{word_}(?P<j>{joined_}{word_}(?:\s+{word_}){{0,2}})?){form}"
        rf"(?P<num>{number})?"
    )
    for m in re.finditer(opens, text):
        word, after = m.group("n"), text[m.end() :]
        # 'Pan y Sal hornea ...', 'Salt and Ember makes ...': two capitalised words joined by 'and' that open
        # a sentence going on in small letters are one name (a list would not capitalise its second word)
        joined = m.group("j") is not None and re.match(r"\s+[a-zà-ÿ]", after) is not None
        ruled_out = word.split()[0].lower() in STOP_LEAD or word in places or is_day_or_month(word.split()[0])
        ruled_out = ruled_out or any(w in places for w in word.split())
        ruled_out = ruled_out or is_taken(m.start("n"), taken) or STORES_NAMED.match(word) is not None
        # 'Running shoes ...', 'Wireless earbuds ...': a describing word, not a name ('Ember' may end so)
        describing = re.search(r"(?:ing|ed|ful|less|ous|ive|able|ible)$", word) is not None
        ruled_out = ruled_out or describing or (word.isupper() and len(word) <= 4)
        # 'QUELLMAR fabrica calcetines ...': a word set in capitals before small words is a name
        shouted = word.isupper() and len(word) >= 5 and re.match(r"\s+[a-zà-ÿ]", after) is not None
        # 'Studio 54 ofrece clases', 'Halle 7 zeigt ...': a name with its number acts in any of the languages
        # ('Solo 5 pizze rimaste' counts)
        acts = acts_after_number(after) if m.group("num") else acts_after(after)
        ruled_out = ruled_out or (m.group("num") is not None and word.lower().strip("'’") in COUNTING)
        if ruled_out or not (joined or shouted or acts or re.match(_APPOSITION, after)):
            continue
        return titled(word), m.start("n"), _sentence_end(text, m.end())
    return "", -1, -1


_INFLECTED = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{2,}(?:e|er|es|en|em)")
"""A German adjective's inflected form, capitalised as a sentence's first word ('Neue', 'Frische', 'Große',
'Leckeres', 'Heißen')."""


def described_noun(run: str, text: str) -> bool:
    """'Neue Ausstellung', 'Frische Brötchen', 'Heiße Schokolade': in a German brief an inflected adjective
    and a noun (German writes every noun in capitals) that open a sentence say what is new or fresh, they
    name no business; a name is written again ('Alte Mühle ... in der Alten Mühle' reads so only once) or
    acts ('Alte Mühle backt ...')."""
    words = run.split()
    if len(words) != 2 or not _INFLECTED.fullmatch(words[0]) or not words[1][:1].isupper():
        return False
    if is_kind(words[0]):
        return False  # 'Galerie Quellmar': a kind of business opens a name
    at = text.find(run)
    if at < 0 or re.search(r"(?:^|[.!?:\n]\s*)$", text[:at]) is None:
        return False  # inside a sentence a capitalised adjective is a name's own ('im Gasthaus Alte Mühle')
    rest = text[at + len(run) :]
    # 'Frisches Brot gibt es ...', 'Neue Ideen findet ihr ...': German puts the verb second and its subject,
    # a pronoun, after it: the opener is the verb's object
    inverted = re.match(r"\s+[a-zäöüß]+\s+(?:es|man|ihr|wir|du|er|sie|Sie)(?![\w'’])", rest) is not None
    again = re.search(rf"(?<![\w'’]){re.escape(run)}(?![\w'’])", rest) is not None
    if again or (acts_after_number(rest) and not inverted):
        return False
    return detect_language(text) == "de"


def first_name(text: str, taken: list[Found], places: list[str]) -> str:
    """With no other evidence, the brief's first name of two words or more that is no place, date or title
    ('Pour le cabinet Dentiste Lumière à Rennes': 'Dentiste Lumière'); a name inside the sentence of a
    one-word name that acts before it is that name's object, not the brand ('Quellmar backt jeden Morgen
    Brot': German writes its nouns in capitals)."""
    opener, start, end = acting_opener(text, taken, places)
    for found in names(text):
        # 'a mochila Trakan do Quellmar', 'lo zaino Trakan di Quellmar': the thing's name, then its maker's
        maker = maker_of_thing(text, found.start, found.text)
        if maker and maker not in places and not is_taken(found.start, taken) and not is_person(maker):
            return opener if start < found.start < end else titled(maker)
        words = found.text.split()
        # 'à deux pas de la gare : La Cave Saint-Éloi': an article the name is presented with is its own
        presented = re.search(r"[:—–]\s*$", text[: found.start]) and len(words) > 2
        while words and leads(words[0]) and not (presented and words[0].lower() in _ARTICLES):
            words.pop(0)
        name = " ".join(words)
        # 'Get it on the App Store' names where, not who; 'Owner Jake Miller: ...' names a person; 'bis
        # Ende Mai' says when
        elsewhere = STORES_NAMED.match(name) is not None or is_person(name)
        elsewhere = elsewhere or (len(words) >= 2 and is_day_or_month(words[-1]))
        elsewhere = elsewhere or described_noun(name, text)  # 'Neue Ausstellung ab Freitag': no name
        # 'im Café Quellmar': a name with its kind of business is the venue, never a town, and the brand
        # unless the brief names a title it stages ('„Nachtzug“ im Theater X': whose the event is, not where);
        # 'en Zorvik Deportes S.L.': a company with its legal form, never a town
        staged = any(f.kind == "title" for f in taken)
        venue = _kind_named(name) and not staged
        placed = name in places and not venue and not registered(text, found.start, found.text)
        if len(words) >= 2 and not is_taken(found.start, taken) and not placed and not elsewhere:
            return opener if start < found.start < end else titled(name)
    host = hosted_name(text, taken)
    if host and not opener:
        # 'Brunch am Sonntag bei Quellmar': the host, not a place nor a noun ('Studio 54' keeps its number)
        return host if re.search(r"\d$", host) else titled(host)
    return ""


_HOST = r"(?<![\w'’])(?:(?i:bei|beim|chez|presso|en\s+casa\s+de)|no|na|nos|nas)\s+"
"""The words that say a business hosts what the brief offers: 'bei', 'chez', 'presso', 'en casa de' (at
someone's) and Portuguese 'no', 'na' (at the, before a venue's name); case-sensitive for 'no', 'na' (an
English heading's 'No Added Sugar' says no such thing)."""

_VENUE = (
    r"(?<![\w'’])(?:en|in|im|in\s+der|in\s+die|at|à|au|bei|beim|chez|presso|no|na|em|nel|nella|nello|al|alla)\s+"
    r"(?P<v>[A-ZÀ-ÖØ-Þ][\w'’-]*\s+\d{1,3})(?![\w.,:/%€$£-]|\s?[%€$£])"
)
"""A name with its number after a preposition of place ('Clases de yoga en Studio 54', 'in der Halle 7'): a
town has no number, so it is a venue, the business that hosts what the brief offers."""


_KIND_VENUE = (
    r"(?<![\w'’])(?:im|in\s+der|in\s+die|beim|zum|zur|at\s+the|in\s+the|at|au|à\s+la|dans\s+la|dans\s+le|"
    r"en\s+la|en\s+el|en|al|nel|nella|nello|alla|allo|no|na|em|in)\s+"
    r"(?P<v>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+(?:&\s+|(?:de|del|della|di|da|do|du|des|von|van|of)\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]*)+)"
)
"""A name that opens or ends on a kind of business after a preposition of place ('im Café Quellmar', 'at the
Quellmar Bakery', 'na Padaria Zorvik', 'nel Caffè Belmon'): a town is never named so, it is the venue that
hosts what the brief offers."""


def _kind_named(name: str) -> bool:
    """'Café Quellmar', 'Quellmar Konditorei', 'Casa da Ribeira' after 'o restaurante': a name of two words or
    more that opens or ends on a kind of business (`naming.KIND`)."""
    words = name.split()
    return len(words) >= 2 and (is_kind(words[0]) or is_kind(words[-1]))


def _own_host(text: str, m: re.Match[str], name: str) -> bool:
    """'Chez Marthe propose ...', 'le bistrot Chez Marthe': a capitalised 'Chez' is the name's own where it
    opens the sentence's subject (French writes a verb only after its subject, so the name acts right after
    it) or stands inside a sentence, where French writes the preposition in small letters."""
    if m.group(0).strip() != "Chez":
        return False
    opens = re.search(r"(?:^|[.!?:\n]\s*)$", text[: m.start()]) is not None
    return not opens or acts_after_number(text[m.end() + len(name) :])


def _said_of_a_name(text: str, at: int) -> bool:
    """'A Pastelaria Confiança, no Porto': a preposition right after a name and its comma says where that
    name is, it names no host."""
    return re.search(r"[A-ZÀ-ÖØ-Þ][\w’'&-]*,\s*$", text[:at]) is not None


def hosted_name(text: str, taken: list[Found]) -> str:
    """The name of the business that hosts what the brief offers ('Brunch am Sonntag bei Quellmar', 'Brunch
    le dimanche chez Quellmar', 'Brunch aos domingos no Quellmar', 'Clases de yoga en Studio 54'): with no
    other name for the brand it is the brand, though a place's preposition may read it as where ('bei',
    'no', 'en'); '' when there is none (a day, a store, a person: 'chez Mamie Jeanne'), nor a street ('na Rua
    Augusta 1500') or a channel one writes on ('Chama no WhatsApp', `naming.on_a_channel`)."""
    hosts: list[tuple[int, str]] = []
    streets = street_spans(text)
    for m in re.finditer(_HOST, text):
        found = next(iter(names(text[m.end() :])), None)
        if found is None or found.start != 0 or is_taken(m.end(), taken) or _said_of_a_name(text, m.start()):
            continue
        if on_a_channel(text, m.start()) or any(a <= m.end() < b for a, b in streets):
            continue  # 'Chama no WhatsApp': a channel; 'na Rua Augusta 1500': a street, where, not who
        name = found.text
        first = name.split()[0]
        if not (leads(first) or is_day_or_month(first) or STORES_NAMED.match(name) or is_person(name)):
            hosts.append((m.end(), f"{m.group(0).strip()} {name}" if _own_host(text, m, name) else name))
    for m in re.finditer(_KIND_VENUE, text):
        venue = names(m.group("v"))[0].text if names(m.group("v")) else ""
        if _kind_named(venue) and not is_taken(m.start("v"), taken) and not _said_of_a_name(text, m.start()):
            hosts.append((m.start("v"), venue))
    for m in re.finditer(_VENUE, text):
        first = m.group("v").split()[0]
        if not (is_taken(m.start("v"), taken) or leads(first) or is_day_or_month(first)
                or _said_of_a_name(text, m.start())):
            hosts.append((m.start("v"), m.group("v")))
    return min(hosts)[1] if hosts else ""


def _maker(text: str, taken: list[Found], places: list[str]) -> str:
    """The first maker the brief names after a thing's name ('la poussette Orvane de Velmora' -> 'Velmora',
    `naming.maker_of_thing`); never a place or a person."""
    for found in names(text):
        maker = maker_of_thing(text, found.start, found.text)
        if maker and maker not in places and not is_taken(found.start, taken) and not is_person(maker):
            return titled(maker)
    return ""


_DEMONYM = re.compile(r"(?:ian|ese|ish|ean)\s+[a-z]")
"""'Norwegian salmon', 'Japanese denim': a people's adjective before its noun names no brand."""


def single_name(text: str, taken: list[Found], places: list[str]) -> str:
    """With no name of two words, a one-word name that answers a question ('Tired of soggy lunches?
    Lunchloop keeps salads crisp') or stands inside a sentence ('the beans for Ridgeback grow'), and is no
    place, day, month, model name or people's adjective; else one that opens a sentence and acts
    (`acting_opener`), else a hashtag that is one name ('... 20% off until Friday. #Zorvik')."""
    opener, start, end = acting_opener(text, taken, places)
    tagged = ""
    for found in names(text):
        if opener and start <= found.start < end:
            return opener  # 'Salt and Ember makes ...': 'Ember' is the opening name's, not one of its own
        before, after = text[: found.start], text[found.end : found.end + 12]
        # '#Zorvik': a hashtag of one name (not a campaign's words run together, '#RunWild')
        plain = re.fullmatch(r"[A-ZÀ-ÖØ-Þ][a-zà-ÿ]{2,}", found.text) is not None
        if before.endswith("#") and plain and not tagged and not is_day_or_month(found.text):
            tagged = found.text if found.text not in places else ""
        answers = re.search(r"\?\s+$", before) is not None
        inside = re.search(r"[a-zà-ÿ,]\s+$", before) is not None
        # 'at The Crown, Hexham': a name after another name and its comma says where that one is
        inside = inside and re.search(r"[A-ZÀ-ÖØ-Þ][\w’'&-]*,\s+$", before) is None
        word = found.text
        acronym = word.isupper() and len(word) <= 4  # 'API keys', 'USB-C': an acronym, not a name
        ruled_out = " " in word or word.lower() in STOP_LEAD or word in places or acronym
        ruled_out = ruled_out or is_day_or_month(word)  # 'pancakes on Sundays': when, not who
        ruled_out = ruled_out or channel_named(text, found.start)  # 'Chama no WhatsApp': where one writes
        if ruled_out or is_taken(found.start, taken):
            continue
        # the answer to a question does something ('Lunchloop keeps ...'), not 'Only $29.'
        answers = answers and re.match(r"\s+[a-z]", after) is not None
        if (answers or inside) and not _DEMONYM.match(word[-3:] + after) and not STORES_NAMED.match(word):
            return titled(word)
    # 'Zorvik makes candles.', 'Zorvik 42, a candle shop': a name that opens a sentence and acts; else the
    # brief's one hashtag that is a name
    return opener or tagged


def possessive_name(text: str, taken: list[Found], places: list[str]) -> str:
    """A name with an owner's 's inside ('Bellini's Deli in Glasgow'): a business's own name."""
    for found in names(text):
        words = found.text.split()
        offered = bool(words) and words[0].lower() in _OFFERS_A_THING
        while words and leads(words[0]):
            words.pop(0)
        name = " ".join(words)
        inner = re.search(r"\w['’]s\s+[A-ZÀ-Þ]", name)
        if inner and not is_taken(found.start, taken) and name not in places:
            # 'Try Zorvik Fen's Belmon': what one tries is a thing, its owner the business
            return titled(name[: inner.start() + 1]) if offered else titled(name)
    return ""


_OFFERS_A_THING = frozenset(
    ["try", "meet", "discover", "introducing", "taste", "get", "order", "buy", "grab"]
)
"""Verbs that offer a thing ('Try Zorvik Fen's Belmon', 'Meet Rosa's Cantina's new ...'), not a place one
visits, books or calls ('Visit Rosa's Cantina')."""


def from_brand(text: str, taken: list[Found]) -> str:
    """'cold brew from Brewco': the name after 'from' when nothing stronger names the brand (not one that
    describes a noun after it, 'from Shetland wool', nor one in the sentence of a name that opens it and
    acts, `acting_opener`)."""
    _, start, end = acting_opener(text, taken, [])
    for m in re.finditer(rf"(?<![\w'])(?i:from|de|aus|da|di)\s+(?P<n>{_NAME})", text):
        if start < m.start() < end:
            continue  # 'Belmon und Traqui backt Brot aus Sauerteig': what the opening name makes it from
        noun = modifies_a_noun(text[m.end() :]) or is_person(m.group("n"))
        # 'rue de Rivoli', 'Rua do Zorvik': a street's name, where, not who
        noun = noun or any(a <= m.start("n") < b for a, b in street_spans(text))
        if is_taken(m.start("n"), taken) or _within_a_name(text, m.start()) or noun:
            continue  # 'Le lasagne di Nonna Lucia': a person's recipe, not the maker
        return titled(_clean(m.group("n")))
    return ""


def names_something(run: str, rest: str) -> bool:
    """'Nonna's Oven, a pizzeria', 'Shieldly pet insurance': a name, not 'Running shoes' or 'Ignore'."""
    words = run.split()
    head = contracted_head(words[0])  # "We're Anchor Studio": the pronoun opens, not a name
    if head in ("the", "der", "die", "das") and len(words) > 1:
        # 'The Linden, condos at Maple Grove': the name with its article
        return names_something(" ".join(words[1:]), rest)
    if head in STOP_LEAD or is_person(run) or described_noun(run, f"{run}{rest}"):
        return False
    if len(words) >= 2 or re.match(r"\s*(?:[,:|—–]|is\b|$)", rest):
        return True
    camel = bool(re.search(r"[a-z][A-Z]", words[0]))
    # 'NORDLICHT makes ...': a word set in capitals that acts is a name, not a sentence's first word
    shouted = words[0].isupper() and len(words[0]) >= 4 and re.match(r"\s+([a-z]+)\b", rest)
    if shouted and verb_s(shouted.group(1)):
        return True
    # 'Pulsewise turns 20 minutes a day into ...': the subject of a verb that takes a number or a determiner
    acts = re.match(r"\s+[a-z]+[^su\W]s\s+(?:\d|(?:the|a|an|your|you|our|every|each|its|their)\b)", rest)
    if acts and not _DESCRIBING.search(head):
        return True
    # a single opening word before lowercase words ('Ignore previous ...', 'Fresh bread') is a name only
    # when the brief says it again later ('Shieldly pet insurance ... Shieldly pays in 48 hours')
    again = re.search(rf"(?<!^){re.escape(words[0])}\b", rest) is not None
    return camel or (again and not _DESCRIBING.search(head))


__all__ = [
    "PRESENTS",
    "SIGN_OFF_NOUNS",
    "clause_subject",
    "described_noun",
    "first_name",
    "from_brand",
    "headings",
    "hosted_name",
    "names_something",
    "possessive_name",
    "sectioned_brand",
    "single_name",
    "strong_brand",
]
