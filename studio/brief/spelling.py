"""The name a brief's own address spells: a web address, an e-mail address or a handle names its owner
('harborroast.com', 'hello@harborroast.com' -> 'Harbor Roast'; 'flordesintra.pt' -> 'Flor de Sintra'),
never a mailbox provider ('@gmail.com'); the brand's second strongest evidence (`roles.py`)."""

from __future__ import annotations

import re

from studio.brief.clean import fold
from studio.brief.naming import leads, titled, without_team
from studio.brief.shapes import NAME, names


def spelled_name(text: str, address: str) -> str:
    if not re.search(r"\.[a-z]{2,}|^@", address):
        return ""  # 'App Store' or a phone number spells no brand
    key = domain_key(address)
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
        # "Maris Skin's Tide Serum" and mariskin.example: the owner before the possessive, not the run;
        # "Try SparkPlay's Robo Buddy R2": the owner after the word that opens the sentence
        words = found.text.split()
        for j, word in enumerate(words):
            bare = re.sub(r"['’]s$", "", word)
            owners = [" ".join([*words[i:j], bare]) for i in range(j + 1)]
            if word != bare and any(fold(o) == key for o in owners):
                return titled(next(o for o in owners if fold(o) == key))
    for found in names(text):
        words = found.text.split()
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                part = fold(" ".join(words[i:j]))
                # a short word inside the spelling is chance ('Can' in kindlecandles): it must start or end it
                spelled = part in key and (len(part) >= 5 or key.startswith(part) or key.endswith(part))
                if len(part) >= 3 and not leads(words[i]) and (spelled or (key in part and j - i == 1)):
                    run = words if len(words) <= 4 else words[i:]
                    while len(run) > 1 and (run[0].lower() in ("the", "der", "die", "das") or _opens(run[0])):
                        # 'Das Waldhotel Tannenruh', 'The Oatfield': the name, not its article; 'Meet House of
                        # Fern's new candle': the name, not the word that opens the sentence
                        run = run[1:]
                    return titled(without_team(" ".join(run)))  # "L'équipe Atelier Cerise": the company
    return ""


def _opens(word: str) -> bool:
    """A word that opens a sentence and is no article: an article of the Romance languages is the name's
    own ('La Salle Rivage'), a verb or a greeting is not ('Meet', 'Hello')."""
    return leads(word) and word.lower() not in _ROMANCE_ARTICLES


_ROMANCE_ARTICLES = frozenset(["la", "le", "les", "el", "los", "las", "il", "lo", "gli", "o", "a", "os"])


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
    # a sign-off's dash opens its line as a sentence's end does ('— The Vela S.L. team')
    opens = re.search(r"(?:^|[.!?:]\s+|[\n—–]\s*)$", text[: article.start()]) is not None
    # a legal form's own dot ends no sentence ('— The Vela S.L. team')
    alone = re.match(r"\s*(?:[!?:\n]|\.(?!\s*[a-zà-ÿ])|$)", text[end:]) is not None
    return article.start() if not opens or alone else start


def as_written(name: str, text: str) -> str:
    """The name as the brief spells it: read in capitals as a name ('THE ZEN DEN' -> 'The Zen Den', for
    the readers' comparisons), the sheet keeps the brief's letters: its spelling in mixed case where it
    has one ('NORTHLINE' heading, 'Northline' in the body), else its capitals; never a web address's."""
    if not name or re.search(rf"(?<![\w'’]){re.escape(name)}(?![\w'’])", text):
        return name
    spots = re.finditer(rf"(?<![\w.@/'’-]){re.escape(name)}(?![\w@'’-]|\.\w)", text, re.I)
    written = [m.group(0) for m in spots]
    mixed = [w for w in written if not w.isupper() and not w.islower()]
    return (mixed or [w for w in written if w.isupper()] or [name])[0]


def domain_key(address: str) -> str:
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


__all__ = ["address_name", "as_written", "domain_key", "spelled_name"]
