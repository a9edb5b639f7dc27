"""The brief's text made readable for the shape finders: digits evened out, emoji dropped, spaces kept."""

from __future__ import annotations

import re
import unicodedata

from studio.brief.naming import without_team
from studio.brief.say_rules import forbids
from studio.brief.shapes import EMAIL

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９٪％",
    "012345678901234567890123456789%%",
)


def plain_text(text: str) -> str:
    """Text with Arabic-Indic and full-width digits as 0-9, without emoji or control characters."""
    text = text.translate(_DIGITS)
    kept = "".join(ch for ch in text if (ch.isprintable() or ch == "\n") and not _is_symbol(ch))
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in kept.splitlines())


def _is_symbol(ch: str) -> bool:
    code = ord(ch)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code in (0xFE0F, 0x200D)


def letter_body(lines: list[str]) -> list[str]:
    """A client's e-mail without its header lines ('From: ...', 'Subject: ...'), greeting ('Hi team,',
    'Bonjour,') and sign-off ('Thanks, Priya',
    'Best,' then 'Maria Okafor — Tidewater Kayaks'): neither names the product, and the greeting is no
    brand. The sign-off's contact lines (an e-mail address, a web address, a phone) stay, last; a rule the
    subject line gives ('Subject: spring ad - please no 'cheap'') stays, first."""
    header = next((i for i, line in enumerate(lines) if not _HEADER.match(line)), len(lines))
    rules: list[str] = []
    if 0 < header < len(lines) and any(_SENDER.match(line) for line in lines[:header]):
        # the sender's e-mail address stays, as a contact line
        mail = [m.group(0) for line in lines[:header] if _SENDER.match(line) for m in EMAIL.finditer(line)]
        rules = [rule for line in lines[:header] for rule in _subject_rules(line)]
        lines = lines[header:] + mail[:1]
    if len(lines) > 1 and len(lines[0].split()) <= 3 and lines[0][-1:] in ",:!":
        lines = lines[1:]
    start, end = _sign_off(lines)
    return rules + lines[:start] + lines[end:]


_SUBJECT = re.compile(
    r"(?i)(?:subject|asunto|objet|betreff|oggetto|assunto)\s*:\s*(?:(?:re|aw|fw|fwd|tr)\s*:\s*)*"
)


def _subject_rules(line: str) -> list[str]:
    """The pieces of a subject line that forbid words ('Subject: spring ad - please no 'cheap'': 'please no
    'cheap''), each as a sentence; the rest of the subject is no copy."""
    head = _SUBJECT.match(line)
    if not head:
        return []
    pieces = re.split(r"\s+[-–—|/]\s+|:\s+|;\s*|(?<=[.!?])\s+", line[head.end() :])
    return [p if p[-1:] in ".!?" else f"{p}." for p in (x.strip() for x in pieces) if p and forbids(p)]


_HEADER = re.compile(
    r"(?i)(?:from|to|cc|bcc|subject|date|sent|de|para|asunto|enviado|objet|envoyé|von|an|betreff|gesendet|"
    r"oggetto|inviato|assunto|enviada)\s*:\s*\S"
)
"""A pasted e-mail's header line ('From: Priya Shah <priya@...>', 'Subject: spring ad', 'Betreff: ...')."""
_SENDER = re.compile(r"(?i)(?:from|subject|de|asunto|objet|von|betreff|oggetto|assunto)\s*:")
"""The header lines that show a block of lines is a pasted e-mail's header (not 'Date: 12 March' alone)."""


def signed_company(lines: list[str]) -> str:
    """The company an e-mail is signed for ('Maria Okafor — Tidewater Kayaks', 'Head of Marketing,
    Tidewater Kayaks' under the name), or ''; a signer's own name alone names no company. Of a line's parts
    the one the letter names is the company ('Heladería Polar · Alicante' under '... para Heladería
    Polar'), else its last."""
    start, end = _sign_off(lines)
    signers = [ln for ln in lines[start + 1 : end] if _signer(ln)]
    letter = " ".join(lines[:start])
    # 'Thanks, Ana' over 'Zorvik Fen': a closing that carries the signer's name leaves the line under it to
    # the company
    named = start < len(lines) and re.search(r",\s*[^\W\d_][\w'’-]*\s*$", lines[start]) is not None
    for i, line in enumerate(signers, start=1 if named else 0):
        parts = [p.strip() for p in _SIGNATURE_PARTS.split(line) if p.strip()]
        if len(parts) > 1:
            # 'Heladería Polar · Alicante': the part the letter names is the company, else the last
            named = [p for p in parts if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", letter)]
            return named[0] if named else parts[-1]
        # 'L'équipe Atelier Clairbois', 'The Zorvik team': a line that signs as a team names its company
        if i > 0 or without_team(line) != line.strip():
            return line.strip()
    return ""


_SIGNATURE_PARTS = re.compile(r"\s+[—–|·•-]\s+|,\s+|\s+@\s+|\s+(?:at|from)\s+(?=[A-ZÀ-ÖØ-Þ])")
"""Where a signature's line parts ('Maria Okafor — Tidewater Kayaks', 'Heladería Polar · Alicante', 'Joss at
Bracken & Hide')."""


_CONTACT = re.compile(
    r"(?i)^(?:[^\W\d_]{1,8}(?:\.?\s?:|\.)?\s*)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|"
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?|\+?\(?\d[\d ().-]{6,}\d)$"
)
"""A line that is only an e-mail address, a web address or a phone, with or without its label ('Tel.: +49 30
1234567', 'Tel. 965 12 34 56', 'Mob 07700 900123')."""


def _signer(line: str) -> bool:
    """A signature's line: a few capitalised words with no end mark ('Maria Okafor — Tidewater Kayaks'), or a
    title before the company ('Directora comercial, Nómina Ágil', 'Practice Manager | Harbourside Dental')."""
    words = re.findall(r"[^\s—–|·•,&-]+", line)
    last = _SIGNATURE_PARTS.split(line)[-1]
    capitals = [w for w in words if w[:1].isupper()]
    small = [w for w in re.findall(r"[^\s—–|,&-]+", last) if not w[:1].isupper() and len(w) > 3]
    return 0 < len(words) <= 7 and not small and capitals and line[-1:] not in ".!?:;" and not _bullet(line)


def _closing(line: str) -> bool:
    """A closing ('Best,', 'Thanks, Priya', 'Viele Grüße', 'Cheers!'): a few words, no number or address."""
    plain = not re.search(r"\d|@|\.[a-z]{2,}|:", line) and not _bullet(line)
    return plain and len(line.split()) <= 4 and line[-1:] not in ".?"


def _bullet(line: str) -> bool:
    return re.match(r"\s*[-•*·]\s", line) is not None


BULLET = re.compile(r"^\s*[-•*·](?!\d)\s*")
"""A bullet's mark at a line's start; '-30% on the yearly plan' opens on a minus, not a bullet."""


def _sign_off(lines: list[str]) -> tuple[int, int]:
    """Where an e-mail's sign-off stands: [start, end) holds its closing ('Best,', 'Viele Grüße', 'Thanks,
    Priya') and up to three signer's lines under it, below a line that ends a sentence; the contact lines
    after `end` are kept. (len, len) when the text ends on no sign-off."""
    end = len(lines)
    while end > 1 and _CONTACT.match(lines[end - 1].strip()):
        end -= 1
    for start in range(max(1, end - 4), end):
        closing, signers = lines[start], lines[start + 1 : end]
        ended = lines[start - 1][-1:] in ".!?)\"”»" or (len(signers) <= 1 and closing.endswith(","))
        ended = ended or (not signers and "," in closing)
        # a closing alone is a greeting's shape ('Thanks, Priya', 'Cheers!'), not a heading ('Summer Sale')
        shaped = bool(signers) or re.search(r"[,!]", closing) is not None
        if _closing(closing) and ended and shaped and all(_signer(x) for x in signers):
            return start, end
    return len(lines), len(lines)


LABELLED = re.compile(r"[^\W\d_][\w'-]*(?: [\w'-]+){0,2}\s?:\s")
"""A labelled line ('Service: home deep clean, ...'): a line of its own."""


_GERMAN_MONTH = (
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)
DOTTED_LEGAL_FORMS = (
    "Co.", "Ltd.", "Inc.", "Corp.", "Bros.", "Pty.", "Ltda.", "Lda.", "S.L.", "S.A.", "S.L.U.", "S.A.S.",
    "S.p.A.", "S.r.l.", "S.A.R.L.", "B.V.", "N.V.", "e.K.", "e.V.",
)  # fmt: skip
"""A company's legal form written with its dot, in the six languages' countries ('Crumbly Co.', 'Vela
S.L.')."""
_NAME_GOES_ON = "".join(rf"(?!(?<=(?<![\w.]){re.escape(form)})\s+[a-zà-ÿ])" for form in DOTTED_LEGAL_FORMS)
_DAY_RANGE_ON = r"\s+(?:bis(?:\s+zum)?|und|[-–])\s+\d{1,2}\."
SENTENCE_END = re.compile(
    rf"(?<=[.!?])(?!(?<=\s\d\.)\s+{_GERMAN_MONTH})(?!(?<=\s\d\d\.)\s+{_GERMAN_MONTH})"
    rf"(?!(?<=\s\d\.){_DAY_RANGE_ON})(?!(?<=\s\d\d\.){_DAY_RANGE_ON}){_NAME_GOES_ON}\s+"
)
"""Where a sentence ends: after . ! ?, but for a German day's full stop ('am 12. März', 'bis zum 15. Mai',
the first day of a range: 'vom 4. bis 9. Mai', '4. – 9. Mai') and a legal form's dot where the sentence
goes on in small letters ('Crumbly Co. bakes brownies')."""


def unwrap(lines: list[str]) -> list[str]:
    """Lines with a pasted paragraph's wraps undone: a long line (8 words or more) that ends without a
    mark runs on into the next one, unless either is a bullet or a labelled line. Headings stay lines: a line
    with a heading's bar or dash ('Name — what it is') before a capitalised line, a line that ends on a colon
    over a list ('Don't mention:' over '- cheap')."""
    out: list[str] = []
    kept = [raw.strip() for raw in lines if raw.strip()]
    for i, line in enumerate(kept):
        bullet = _bullet(line)
        # 'Don't mention:' over '- cheap': a line that heads a list is a line of its own
        after = kept[i + 1] if i + 1 < len(kept) else ""
        heads = line.endswith(":") and re.match(r"(?:[-•*·]|\d{1,2}[.)])\s", after) is not None
        prev = out[-1] if out else ""
        labelled = bool(LABELLED.match(line) or LABELLED.match(prev))
        # 'Ledgerly Books 5 — accounting software for small firms' over 'Trusted by ...': a heading
        heading = bool(re.search(r"\s[|—–]\s", prev)) and line[:1].isupper()
        if (
            prev
            and not bullet
            and not labelled
            and not heading
            and not heads
            and prev[-1:] not in ".!?:"
            and len(prev.split()) >= 8
        ):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def fold(text: str) -> str:
    """Letters and digits only, lower case, accents dropped: 'Harbor Roast' -> 'harborroast'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower().replace("&", "and"))


PLACE_LABELS = ("where", "venue", "location", "wo", "ort", "où", "lieu", "dónde", "lugar", "dove", "luogo",
                "onde", "local")  # fmt: skip
"""Labels of a place line ('Where: Hexham', 'Ort: Freiburg', 'Lieu : Nantes')."""
_LABEL_WORDS = {
    "brand": "brand marca marque marke marchio",
    "product": "product producto produto produit produkt prodotto",
    "service": "service servicio serviço servizio",
    "event": "event evento événement veranstaltung",
    "audience": "audience público publico cible zielgruppe pubblico",
    "offer": "offer oferta offre offerta angebot",
    "promo": "promo promoción promoção promozione aktion",
    "price": "price precio preço prix preis prezzo",
    "tone": "tone tono",
    "when": "when cuándo quand wann quando",
}
_LABEL_KEYS = {word: key for key, words in _LABEL_WORDS.items() for word in words.split()}
"""Each label word of the six languages and the part of the brief it labels ('Marchio' and 'Marke' label
the brand, 'Angebot' and 'Offre' the offer); a label not here labels itself ('CTA', 'Goal')."""
KNOWN_LABEL = re.compile(
    rf"^(?P<k>{'|'.join(_LABEL_KEYS)}|business|company|organi[sz]ation|app|for|target|deal|sale|cta|"
    rf"call to action|goal|{'|'.join(PLACE_LABELS)})"
    r"\s*[:=]\s*(?P<v>.+)$",
    re.I,
)
"""A line that labels a known part of the brief ('Brand: Kornhaus', 'Oferta: 2x1', 'Où : Nantes')."""


def label_of(line: str) -> tuple[str, str] | None:
    """The part of the brief a labelled line states and its value ('Marchio: Dolce Riva' -> ('brand',
    'Dolce Riva')), or None for a line with no known label."""
    m = KNOWN_LABEL.match(line)
    if not m:
        return None
    word = m.group("k").lower()
    return _LABEL_KEYS.get(word, word), m.group("v")


def clauses_of(sentence: str, commas: bool) -> list[str]:
    """A sentence's clauses (split at a dash, a semicolon, a bar and, with `commas`, each comma)."""
    # a colon after a lead-in of four words or more ('Launch our campaign for Cyclo bikes: ...') ends a
    # clause; after fewer it is the clause's own ('First visit: 30% off')
    sentence = re.sub(r"^((?:\S+\s+){3,}\S*\w):\s+", r"\1 | ", sentence)
    ends = SENTENCE_END.pattern  # a German day's full stop ('bis zum 15. März') ends no sentence
    parts = re.split(ends + r"|\s*[|;]\s*|\s+[—–]\s+" + (r"|,\s+" if commas else ""), sentence)
    return [p.strip(" .!") for p in parts if p.strip(" .!")]


__all__ = [
    "BULLET",
    "KNOWN_LABEL",
    "LABELLED",
    "PLACE_LABELS",
    "SENTENCE_END",
    "clauses_of",
    "fold",
    "label_of",
    "letter_body",
    "plain_text",
    "signed_company",
    "unwrap",
]
