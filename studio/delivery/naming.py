"""File names of a delivery pack from a pattern the person sets, e.g. "{brand}_{campaign}_{placement}"."""

from __future__ import annotations

import re
import string
import unicodedata

from studio.errors import BadInput

FIELDS = ("brand", "campaign", "variant", "placement", "date", "aspect", "id")
DEFAULT_PATTERN = "{brand}_{campaign}_{variant}_{placement}_{date}"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def check_pattern(pattern: str) -> str:
    """The pattern, stripped, once every {field} is known and the pattern can tell placements apart."""
    pattern = pattern.strip()
    if not pattern:
        raise BadInput(f"The file name pattern is empty: try {DEFAULT_PATTERN}.")
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise BadInput(f"The file name pattern {pattern!r} has an unmatched brace ({exc}).") from None
    used = [name for _, name, spec, conv in parsed if name is not None]
    bad = [n for n in used if n not in FIELDS]
    if bad:
        raise BadInput(
            f"Unknown field {', '.join('{' + n + '}' for n in bad)} in the file name pattern: "
            f"use {', '.join('{' + f + '}' for f in FIELDS)}."
        )
    if any(spec or conv for _, name, spec, conv in parsed if name is not None):
        raise BadInput("Write pattern fields plainly, like {brand}, without formats or conversions.")
    if "placement" not in used:
        raise BadInput("The file name pattern needs {placement}, or every placement's files share one name.")
    return pattern


def safe_part(value: str) -> str:
    """A value made safe for a file name: accents dropped, anything but letters, digits, . _ - becomes -."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _UNSAFE.sub("-", ascii_text).strip("-.") or "x"


def file_stem(pattern: str, values: dict[str, str]) -> str:
    """The file name (without extension) for these field values; unsafe characters replaced."""
    stem = check_pattern(pattern).format(**{k: safe_part(values.get(k, "")) for k in FIELDS})
    return safe_part(stem)[:150]
