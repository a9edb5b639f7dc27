"""The brief's text made readable for the shape finders: digits evened out, emoji dropped, spaces kept."""

from __future__ import annotations

import re
import unicodedata

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
    """A client's e-mail without its greeting ('Hi team,', 'Bonjour,') and sign-off ('Thanks, Priya',
    'Best,' then 'Maria Okafor — Tidewater Kayaks'): neither names the product, and the greeting is no
    brand. The sign-off's contact lines (an e-mail address, a web address, a phone) stay, last."""
    if len(lines) > 1 and len(lines[0].split()) <= 3 and lines[0][-1:] in ",:!":
        lines = lines[1:]
    start, end = _sign_off(lines)
    return lines[:start] + lines[end:]


def signed_company(lines: list[str]) -> str:
    """The company an e-mail is signed for ('Maria Okafor — Tidewater Kayaks', 'Head of Marketing,
    Tidewater Kayaks' under the name), or ''; a signer's own name alone names no company."""
    start, end = _sign_off(lines)
    signers = [ln for ln in lines[start + 1 : end] if _signer(ln)]
    for i, line in enumerate(signers):
        parts = [p.strip() for p in re.split(r"\s+[—–|-]\s+|,\s+|\s+@\s+", line) if p.strip()]
        if len(parts) > 1:
            return parts[-1]
        if i > 0:
            return line.strip()
    return ""


_CONTACT = re.compile(
    r"(?i)^(?:[^\W\d_]{1,8}\.?\s?:\s*)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}|"
    r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?|\+?\(?\d[\d ().-]{6,}\d)$"
)
"""A line that is only an e-mail address, a web address or a phone ('Tel.: +49 30 1234567')."""


def _signer(line: str) -> bool:
    """A signature's line: a few capitalised words with no end mark ('Maria Okafor — Tidewater Kayaks'), or a
    title before the company ('Directora comercial, Nómina Ágil', 'Practice Manager | Harbourside Dental')."""
    words = re.findall(r"[^\s—–|,&-]+", line)
    last = re.split(r"\s+[—–|-]\s+|,\s+", line)[-1]
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
SENTENCE_END = re.compile(
    rf"(?<=[.!?])(?!(?<=\s\d\.)\s+{_GERMAN_MONTH})(?!(?<=\s\d\d\.)\s+{_GERMAN_MONTH})\s+"
)
"""Where a sentence ends: after . ! ?, but for a German day's full stop ('am 12. März', 'bis zum 15. Mai')."""


def unwrap(lines: list[str]) -> list[str]:
    """Lines with a pasted paragraph's wraps undone: a long line (8 words or more) that ends without a
    mark runs on into the next one, unless either is a bullet or a labelled line. Headings stay lines: a line
    with a heading's bar or dash ('Name — what it is') before a capitalised line."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        bullet = _bullet(line)
        prev = out[-1] if out else ""
        labelled = bool(LABELLED.match(line) or LABELLED.match(prev))
        # 'Ledgerly Books 5 — accounting software for small firms' over 'Trusted by ...': a heading
        heading = bool(re.search(r"\s[|—–]\s", prev)) and line[:1].isupper()
        if (
            prev
            and not bullet
            and not labelled
            and not heading
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
KNOWN_LABEL = re.compile(
    r"^(?P<k>brand|marca|marque|marke|business|company|organi[sz]ation|app|product|produkt|producto|"
    r"service|event|audience|for|target|offer|deal|promo|sale|price|cta|call to action|tone|when|goal|"
    rf"{'|'.join(PLACE_LABELS)})"
    r"\s*[:=]\s*(?P<v>.+)$",
    re.I,
)
"""A line that labels a known part of the brief ('Brand: Kornhaus', 'Oferta: 2x1', 'Où : Nantes')."""


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
    "letter_body",
    "plain_text",
    "signed_company",
    "unwrap",
]
