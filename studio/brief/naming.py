"""What the brand readers share (`roles.py`, `places.py`, `spelling.py`): the words that open a sentence
without naming anything, whether a place in the text is already taken by a fact, and a name's casing."""

from __future__ import annotations

import re

from studio.brief.shapes import Found

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
        "taste",
        "grab",
        "enjoy",
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
        # greetings, and the word for 'folks' a greeting hails ('Oi, pessoal', 'Ciao ragazzi', 'Moin Leute'):
        # a closed class in each of the six languages, never a name
        "hey",
        "hiya",
        "oi",
        "pessoal",
        "galera",
        "gente",
        "buenas",
        "chicos",
        "salut",
        "coucou",
        "salve",
        "buongiorno",
        "buonasera",
        "ragazzi",
        "moin",
        "servus",
        "leute",
        # possessives a sign-off opens with ('— Ihr Team von ...', '— Votre équipe ...')
        "ihr",
        "euer",
        "dein",
        "unser",
        "votre",
        "notre",
        "vostro",
    ]
)
"""Words that open a sentence without naming anything ('Meet ...', 'Tired of ...', 'Why ...')."""


_CONTACT = re.compile(
    r"(?i:(?<![\w'’])(?:cham[aeo]|chamar|fal[aeo]|falar|mand[aeo]|mandar|lig[au]e?|ligar|escrev[ae]|escrever|"
    r"envi[aeo]|enviar|sig[ao]|segue|seguir|encontr[ae]|encontrar|chat[eé]i?a|"
    r"escrib[ea]|escríbe|llam[ae]|llámanos|habl[ae]|háblanos|sígue|síguenos|busc[ae]|búscanos|contact[ae]|"
    r"contáctanos)(?:-(?:nos|me|la|lo|se)|nos)?"
    r"(?:\s+(?:conosco|com\s+a\s+gente|a\s+gente|agora|já|aqui|também|ahora|ya|aquí|también|"
    r"uma\s+mensagem|mensagem|um\s+direct|direct|dm|un\s+mensaje|mensaje))*|"
    r"(?<![\w'’])(?:mensagem|direct|dm|perfil|contato|contacto|mensaje|chat|atendimento))\s+$"
)
"""A verb of contacting or following in Portuguese and Spanish ('Chama no WhatsApp', 'fale conosco no
Instagram', 'siga-nos no Instagram', 'escríbenos en WhatsApp', 'síguenos en Instagram') or a channel's noun
('mensagem no Instagram', 'perfil no Instagram') right before 'no', 'na' or 'en': the name after it is the
channel one writes on, neither the brand's host nor a place. A closed class of verbs and nouns."""


def on_a_channel(text: str, at: int) -> bool:
    """Whether the preposition at `at` ('no', 'na', 'en', 'em') follows a verb of contacting or a channel's
    noun (`_CONTACT`): the name after it is a channel, not a place or a host."""
    return _CONTACT.search(text[max(0, at - 60) : at]) is not None


def channel_named(text: str, at: int) -> bool:
    """Whether the name at `at` is a channel one writes on: it follows 'no', 'na', 'en' or 'em' after a
    verb of contacting ('Chama no WhatsApp', `on_a_channel`)."""
    prep = re.search(r"(?<![\w'’])(?:no|na|en|em)\s+$", text[:at])
    return prep is not None and on_a_channel(text, prep.start())


def is_taken(at: int, taken: list[Found]) -> bool:
    """Whether the text at `at` is inside a fact already found (a date, an address, a price...)."""
    return any(f.start <= at < f.end for f in taken)


def leads(word: str) -> bool:
    """A word that opens a sentence without naming anything, contracted or not ('The', 'We're', 'I'm')."""
    return word.lower() in STOP_LEAD or contracted_head(word) in STOP_LEAD


def contracted_head(word: str) -> str:
    """The word a contraction opens with, lowercased ('We're' -> 'we', 'I’m' -> 'i'); a name with a
    capital after its apostrophe is no contraction ('O'Hara' is a name, not the article 'o')."""
    parts = re.split(r"['’]", word, maxsplit=1)
    if len(parts) == 2 and parts[1][:1].isupper():
        return word.lower()
    return parts[0].lower()


SIGN_OFF_NOUNS = r"team|crew|family"
"""What a sign-off signs as ('— The Harbor Roast team'): the name before it is the brand's, the word is no
product."""


_TEAM = re.compile(
    r"(?i)^[—–-]?\s*(?:(?:the\s+|your\s+)?team(?:\s+at)?|"
    r"(?:l['’]|votre\s+|notre\s+)équipe(?:\s+de\s+la|\s+de\s+l['’]|\s+de|\s+du|\s+des|\s+d['’])?|"
    r"(?:el\s+|tu\s+|su\s+|vuestro\s+)?equipo(?:\s+de\s+la|\s+de|\s+del)?|"
    r"(?:das\s+|ihr\s+|euer\s+|dein\s+)?team(?:\s+von\s+der|\s+von|\s+vom|\s+der|\s+des)?|"
    r"(?:il\s+(?:vostro\s+|tuo\s+)?)?team(?:\s+di|\s+del|\s+della|\s+dell['’])?|"
    r"(?:lo\s+)?staff(?:\s+di|\s+del|\s+della|\s+dell['’])?|"
    r"(?:a\s+(?:sua\s+|vossa\s+|tua\s+)?)?equip[ae](?:\s+d[aoe])?)(?:\s+|(?<=['’]))(?=(?-i:[A-ZÀ-ÖØ-Þ]))"
)
"""The team a sign-off signs as, before the name ('Team Zorvik', 'L'équipe Atelier Cerise', 'El equipo de
Horno Ferrer', 'Il team di ...', 'A equipa da ...', 'Ihr Team von ...', 'Votre équipe ...', 'your team
at')."""


def without_team(name: str) -> str:
    """The company a sign-off names, without the team word it signs as ('L'équipe Atelier Cerise SARL' ->
    'Atelier Cerise SARL', 'The Zorvik team' -> 'Zorvik')."""
    name = _TEAM.sub("", name.strip())
    team = re.fullmatch(rf"(?i:the\s+)?(.+?)\s+(?i:{SIGN_OFF_NOUNS})", name)
    return team.group(1) if team else name


def titled(name: str) -> str:
    """'NORTHLINE' -> 'Northline': a name pasted in capitals reads as a name; 'DevSummit' keeps its case."""
    name = re.sub(r"\s+\d{2,4}$", "", name.strip())
    return name.title() if name.isupper() and len(name) > 3 else name


_NEW_FROM = re.compile(
    r"(?i)^(?:new\s+(?:from|at|by)|neu\s+(?:von|bei|vom|im)|nouveau(?:té)?s?\s+(?:chez|de|du|d['’])\s*|"
    r"nouvelle\s+(?:chez|de|d['’])\s*|lo\s+nuevo\s+(?:de|del)|nuev[oa]\s+(?:de|en)|novedad(?:es)?\s+(?:de|en)|"
    r"novità\s+(?:da|di|dal|dalla|del|della)|nuovo\s+(?:da|di)|novidades?\s+(?:da|de|do)|nov[oa]\s+(?:da|de|do))"
    r"(?:\s+|(?<=['’]))(?=(?-i:[A-ZÀ-ÖØ-Þ]))"
)
"""'New from X' in the six languages ('Neu von Bergwerk:', 'Novità da Caffè Dorato:', 'Novidade da Maré
Alta:', 'Nouveau chez', 'Lo nuevo de'): the opener says the news, the name after it is the brand."""


def without_opener(name: str) -> str:
    """The name without a 'New from' opener read with it ('Neu von Bergwerk' -> 'Bergwerk')."""
    return _NEW_FROM.sub("", name, count=1)


def opened_news(text: str, at: int) -> bool:
    """Whether the name at `at` follows a 'New from' opener that opens its sentence ('Neu bei Zorvik:'):
    the opener's 'bei', 'chez' or 'da' names the seller, not where it is."""
    start = max(text.rfind(c, 0, at) for c in ".!?:\n") + 1
    lead = len(text[start:at]) - len(text[start:at].lstrip())
    opener = _NEW_FROM.match(text, start + lead)
    return opener is not None and opener.end() == at


_THING_BEFORE = re.compile(
    r"(?<![\w'’])(?:(?i:la|le|les|el|los|las|il|lo|gli|i|a|o|os|as|um|uma|un|une|una|uno|unos|unas|the)\s+|"
    r"(?i:l)['’])(?P<noun>[a-zà-ÿ][a-zà-ÿ-]+)\s+$"
)
"""An article and a common noun in small letters right before a name, in the Romance languages' order ('la
lampe Belmon', 'a mochila Trakan', "l'ampoule Belmon"): the name is the thing's own."""

MAKER_JOINS = r"(?:de|di|da|do|du|von|vom|par|del|della|dello|dos|das)"
"""The joining words that name a thing's maker after the thing's name ('la lampe Belmon de Zorvik Fen', 'a
lâmpada Belmon da Zorvik Fen', 'lo zaino Trakan di Quellmar', 'die Lampe Belmon von Zorvik Fen')."""


_KIND_STEMS = (
    # English
    r"bakery|bakehouse|restaurant|caf[eé]|coffee\s?shop|bar|pub|inn|hotel|hostel|shop|store|boutique|studio|"
    r"salon|gallery|clinic|brewery|winery|distillery|diner|bistro|kitchen|deli|pizzeria|tavern|workshop|garage|"
    r"school|academy|gym|farm|market|bookshop|florist|"
    # Spanish
    r"panader[ií]a|pasteler[ií]a|restaurante|cafeter[ií]a|taberna|tasca|tienda|estudio|sal[oó]n|galer[ií]a|"
    r"cl[ií]nica|cervecer[ií]a|bodega|taller|escuela|academia|gimnasio|granja|librer[ií]a|florister[ií]a|"
    r"hostal|posada|cantina|helader[ií]a|"
    # French
    r"boulangerie|p[âa]tisserie|brasserie|bistrot|cave|h[ôo]tel|auberge|magasin|atelier|galerie|clinique|"
    r"[ée]cole|librairie|fleuriste|fromagerie|boucherie|épicerie|cr[êe]perie|maison|domaine|ferme|"
    # German
    r"b[äa]ckerei|konditorei|gasthaus|gasthof|wirtshaus|kneipe|laden|gesch[äa]ft|werkstatt|galerie|praxis|"
    r"brauerei|weingut|schule|buchhandlung|metzgerei|hofladen|"
    # Italian
    r"panificio|panetteria|pasticceria|ristorante|trattoria|osteria|caff[èe]|albergo|negozio|bottega|"
    r"officina|galleria|cantina|birrificio|scuola|palestra|libreria|gelateria|enoteca|locanda|fattoria|"
    # Portuguese
    r"padaria|pastelaria|confeitaria|restaurante|tasca|loja|est[úu]dio|sal[ãa]o|oficina|galeria|cl[íi]nica|"
    r"cervejaria|adega|quinta|escola|academia|gin[áa]sio|livraria|floricultura|sorveteria|pousada|mercearia|"
    # the house a business is named as in each language ('Casa da Ribeira', 'Maison Quellmar', 'Haus Belmon')
    r"casa|house|haus"
)
KIND = re.compile(rf"(?i:{_KIND_STEMS})")
"""The kinds of business in the six languages (bakery, restaurant, café, shop, studio, workshop, school,
winery...): a closed class of common nouns. Written in small letters before a name ('o restaurante Casa da
Ribeira', 'the bakery Zorvik') it says what the named business is, so no maker follows the name; opening
a name ('Panadería Zorvik', 'Café de la Quellmar') it is the name's own word, and alone it is no name."""


def is_kind(word: str) -> bool:
    """'Panadería', 'restaurant', 'Bäckerei': a word for a kind of business (`KIND`)."""
    return KIND.fullmatch(word.strip("'’")) is not None


def thing_noun(text: str, at: int) -> str:
    """The common noun a name at `at` is presented with ('lampe' in 'la lampe Belmon'), or ''."""
    m = _THING_BEFORE.search(text[:at])
    return m.group("noun") if m else ""


def maker_of_thing(text: str, at: int, name: str) -> str:
    """The maker named after a thing's name, where the name at `at` follows the thing's noun ('la lampe
    Belmon de Zorvik Fen' -> 'Zorvik Fen', 'a mochila Trakan do Quellmar' -> 'Quellmar', 'lo zaino Trakan di
    Quellmar'): the joining word, not a list of names, tells the thing's own name from its maker's, inside
    one run of names ('Trakan do Quellmar': 'do' joins names) or after it ('Orvane de Velmora'); '' when the
    name has no such shape ('Casa da Ribeira' opens its sentence with no noun before it)."""
    noun = thing_noun(text, at)
    if not noun or is_kind(noun):
        return ""  # 'o restaurante Casa da Ribeira': the business itself, its name whole
    cap = r"[A-ZÀ-ÖØ-Þ][\w'’+-]*"
    maker = rf"(?P<m>{cap}(?:\s+(?:&\s+)?{cap}){{0,3}})"
    inside = re.fullmatch(rf"{cap}(?:\s+{cap})?\s+{MAKER_JOINS}\s+{maker}", name)
    if inside:
        return inside.group("m")
    after = re.match(rf"\s+{MAKER_JOINS}\s+{maker}", text[at + len(name) :])
    return after.group("m") if after and len(name.split()) <= 2 else ""


ACTS = frozenset(["is", "has", "was", "will", "can"])
"""Auxiliaries a subject's verb opens with ('Oddfellow Coffee is a roastery', 'has ...')."""


def verb_s(word: str) -> bool:
    """A third-person verb in -s ('roasts', 'serves', 'opens'), not a plural noun's -ss or -us ending."""
    return re.fullmatch(r"[a-z]{2,}[^su]s", word) is not None


def modifies_a_noun(after: str) -> bool:
    """'knitted from Shetland wool': a name with a plain noun right after it says what kind of thing that
    is (where the wool is from), not who makes it; 'cold brew from Brewco is ...' goes on with a verb, and
    'shoes from Peak that grip wet rock' with a clause about the shoes (a grammar word, no noun)."""
    word = re.match(r"\s+([a-zà-ÿ]+)\b", after)
    if word is None:
        return False
    w = word.group(1)
    return w not in ACTS and w not in GRAMMAR_WORDS and not verb_s(w)


_OBJECT_OPENS = frozenset(
    [
        "the", "a", "an", "our", "your", "its", "their", "le", "la", "les", "l", "un", "une", "des", "du",
        "el", "los", "las", "unos", "unas", "il", "lo", "gli", "i", "uno", "o", "os", "as", "um", "uma",
        "der", "die", "das", "den", "dem", "ein", "eine", "einen", "jeden", "jede", "jedes", "ihre", "ihren",
        "seine", "sus", "su", "ses", "sa", "son", "leurs", "suoi", "sue", "seus", "suas",
    ]
)  # fmt: skip
"""Articles and possessives that open a verb's object in the six languages ('fabrique des bougies',
'backt jeden Morgen', 'sforna il pane')."""


_PREPOSITIONS = frozenset(
    [
        "de", "di", "da", "du", "des", "del", "della", "von", "aus", "vom", "en", "à", "au", "aux", "a",
        "para", "pour", "per", "für", "mit", "con", "avec", "com", "sin", "sans", "ohne",
    ]
)  # fmt: skip
"""Prepositions of the six languages that go on a noun ('zapatillas de trail', 'calze di lana')."""


def acts_after(after: str) -> bool:
    """Whether the words right after a name are its verb and what the verb does: 'makes candles', 'keeps
    salads crisp', 'fabrique des bougies', 'backt jeden Morgen Brot', 'hornea el pan'; not a noun that goes
    on a thing's name ('Handmade candles burn for 40 hours', 'Wool socks keep you warm', 'Sonvik 5 earbuds
    with ...', 'Running shoes that grip'). A verb in -s takes a phrase that is not a plural subject's verb;
    in any language a small word right before an article or a possessive is a verb that takes its object."""
    m = re.match(r"\s+([a-zà-ÿ]+)\s+([\w'’-]+)(?:\s+([\w'’$€£-]+))?", after)
    if m is None:
        return False
    verb, nxt, then = m.group(1), m.group(2), m.group(3) or ""
    if verb in GRAMMAR_WORDS or verb in ACTS or nxt.lower() in ("every", "each", "cada", "chaque", "ogni"):
        return verb in ACTS  # 'Zorvik is a candle shop'; 'Fresh flowers every Friday': when, not a verb
    if nxt.lower().strip("'’") in _OBJECT_OPENS and not verb.endswith(("ed", "ing")):
        return True  # 'fabrique des bougies', 'sforna il pane', 'makes the best'
    if _bare_object(verb, nxt, then):
        return True  # 'macht Kerzen aus Bienenwachs', 'hace velas de cera', 'produce candele di cera'
    if not verb_s(verb) or nxt in GRAMMAR_WORDS | _PREPOSITIONS or not re.fullmatch(r"[a-zà-ÿ][\w'’-]*", nxt):
        return False  # 'zapatillas de trail', 'shoes with ...': a plural noun and its preposition
    if re.search(r"[^su's]s$", nxt):
        return True  # 'makes candles for hikers': a plural subject's verb takes no -s, the object does
    # 'socks keep your feet dry', 'members get 2 weeks': a plural noun before its plural verb
    return not re.match(r"[\d$€£]", then) and then.lower() not in _OBJECT_OPENS and then.lower() not in (
        "you", "us", "them", "for", "to", "in", "on", "at", "up", "out", "down", "off", "all", "more",
    )


_QUANTIFIERS = frozenset(
    ["todos", "todas", "tutti", "tutte", "tous", "toutes", "alle", "ogni", "cada", "chaque", "jeden", "jede"]
)
"""'every', 'all' in the six languages: 'Torta casera todos los días' says when, it takes no object."""


def _bare_object(verb: str, nxt: str, then: str) -> bool:
    """A verb that takes a plural object with no article, in German or a Romance language: German's verb in
    -t before a noun in capitals ('macht Kerzen', 'backt Brot seit ...'); a Romance verb in -a, -e or -z
    before a plural in small letters that a preposition or the clause's end follows ('hace velas de
    cera', 'produce candele di cera', 'repara bicicletas em'), not an adjective before a preposition
    ('fresca di giornata'), an adjective and its noun ('Primera clase gratis') or a word of time ('todos
    los días')."""
    if nxt.lower() in _QUANTIFIERS or nxt in GRAMMAR_WORDS | _PREPOSITIONS:
        return False
    # German's words in -t that are no verbs: prepositions and adverbs ('Frühstück mit Quellmar')
    unverbed = verb in {*_PREPOSITIONS, "nicht", "jetzt", "seit", "erst", "zuerst", "selbst", "meist"}
    noun = re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{2,}", nxt)
    german = re.fullmatch(r"[a-zäöüß]{3,}t", verb) and noun and not unverbed
    plural = re.fullmatch(r"[a-zà-ÿ]{3,}(?:s|i|e)", nxt) and not re.fullmatch(r"[a-zà-ÿ]+(?:mente|ment)", nxt)
    where = ("em", "no", "na", "nos", "nas", "in", "nel", "nella", "im", "am", "por", "desde", "dal", "dès")
    # the object's preposition follows ('velas de cera'): 'Primera clase gratis.' is an adjective and a noun
    ends = then.lower() in {*_PREPOSITIONS, *where}
    romance = re.fullmatch(r"[a-zà-ÿ]{2,}[aez]", verb) and plural and ends
    return bool(german or romance)


COUNTING = frozenset(
    [
        "only", "just", "over", "under", "up", "solo", "sólo", "apenas", "unos", "unas", "más", "hasta",
        "seulement", "plus", "moins", "jusqu", "nur", "über", "unter", "ab", "bis", "mehr", "knapp", "rund",
        "più", "fino", "circa", "mais", "até", "cerca",
    ]
)  # fmt: skip
"""Words that count before a number in the six languages ('Solo 5 pizze rimaste', 'Über 200 Kunden', 'Hasta
30 días'): with its number no name."""


def acts_after_number(after: str) -> bool:
    """Whether the words after a name with its number ('Studio 54', 'Halle 7') are the name's verb: as
    `acts_after`, and in the other languages a small word that ends as a verb in the third person ends
    ('Studio 54 ofrece clases', 'Officina 12 ripara biciclette', 'Oficina 21 conserta bicicletas':
    -a, -e, -d; 'Halle 7 zeigt ab Freitag': German's -t) before its object or its phrase; not a plural
    noun the number counts ('Solo 3 días', 'Menu 3 plats', 'Über 200 zufriedene Kunden': German writes
    its nouns in capitals, so a small word before one describes it)."""
    if acts_after(after):
        return True
    m = re.match(r"\s+([a-zà-ÿ]{3,})\s+([\w'’-]+)", after)
    if m is None:
        return False
    verb, nxt = m.group(1), m.group(2)
    if verb in GRAMMAR_WORDS or verb in _PREPOSITIONS or verb in ACTS:
        return False
    if verb.endswith("t"):
        return True  # 'zeigt', 'backt', 'fait'
    # 'ofrece clases', 'ripara biciclette', 'vend du pain': the verb's object or phrase, in small letters
    return verb.endswith(("a", "e", "d")) and re.fullmatch(r"[a-zà-ÿ][\w'’-]*", nxt) is not None


GRAMMAR_WORDS = frozenset(
    [
        "that", "which", "who", "whose", "whom", "where", "when", "while", "and", "or", "but", "so",
        "because", "for", "with", "to", "in", "on", "at", "by", "of", "from", "into", "near", "since",
        "until", "as", "than", "are", "were", "be", "been", "had", "would", "could", "should", "may",
        "might", "must", "do", "does", "did", "que", "qui", "dont", "où", "y", "et", "ou", "und", "oder",
        "dass", "weil", "wo", "wenn", "che", "cui", "dove", "quando", "e", "o",
        # the reflexive pronoun a verb opens with ('de Zorvik Fen se atenúa', 'di Zorvik si abbassa')
        "se", "si", "sich",
    ]
)  # fmt: skip
"""Words of grammar (relative pronouns, conjunctions, prepositions, auxiliaries) in the six languages: one
right after a name opens a clause or a phrase about something else, so the name describes no noun."""


__all__ = [
    "ACTS",
    "COUNTING",
    "GRAMMAR_WORDS",
    "KIND",
    "MAKER_JOINS",
    "SIGN_OFF_NOUNS",
    "STOP_LEAD",
    "acts_after",
    "acts_after_number",
    "channel_named",
    "contracted_head",
    "is_kind",
    "is_taken",
    "leads",
    "maker_of_thing",
    "modifies_a_noun",
    "on_a_channel",
    "opened_news",
    "thing_noun",
    "titled",
    "verb_s",
    "without_opener",
    "without_team",
]
