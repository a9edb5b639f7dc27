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
    'Best,' then a name): neither names the product, and the greeting is no brand."""
    if len(lines) > 1 and len(lines[0].split()) <= 3 and lines[0][-1:] in ",:!":
        lines = lines[1:]
    while len(lines) > 1:
        last = lines[-1]
        plain = not re.search(r"\d|@|\.[a-z]{2,}", last)
        if plain and len(last.split()) <= 4 and "," in last:
            lines = lines[:-1]
        elif plain and len(last.split()) <= 2 and lines[-2].endswith(",") and len(lines[-2].split()) <= 3:
            lines = lines[:-2]
        else:
            break
    return lines


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
        bullet = re.match(r"[-•*·]\s", line)
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


__all__ = ["LABELLED", "SENTENCE_END", "fold", "letter_body", "plain_text", "unwrap"]
