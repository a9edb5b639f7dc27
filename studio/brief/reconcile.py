"""A language model's reading of a brief, held to the brief's words and reconciled with the rules' reading.

`verify` keeps only the values that occur in the brief (case, quotes, dashes, spaces and digits folded as
the checker folds them) and gives each back in the brief's own spelling; every other value is left out
with the reason. `reconcile` merges that sheet with the rules' (`read_fact_sheet`) and says, in words a
marketer reads at the story stop, where the two readings disagreed and what was kept:

- lists (offers, numbers, places, dates, names, codes, tags ...): the rules' items first, then the model's
  items that no kept item already carries;
- one value (brand, product, audience, call to action, address, tone): where only one reading has it, that
  one; where both do and one holds the other, the fuller one; otherwise the rules' value (found by
  evidence), unless the model put the rules' value in another field ("Huila" among its places) while
  reading a value of its own here: then the model's;
- a place is never the brand: a model's brand that the rules read as a place is refused, and no place
  that is the kept brand stays among the places;
- the language is the rules' (detected), the model's only where the rules found none.
"""

from __future__ import annotations

import unicodedata

from studio.brief.clean import plain_text
from studio.brief.language import LANGUAGES
from studio.models import BriefFactSheet

SINGLE_FIELDS = ("brand", "product", "audience", "call_to_action", "address", "tone")
"""Fields holding one value."""
LIST_FIELDS = (
    "offers",
    "proof_points",
    "benefits",
    "must_say",
    "must_not_say",
    "places",
    "dates",
    "names",
    "codes",
    "tags",
)
"""Fields holding a list of values."""
MAX_ITEMS = 6
"""A merged list keeps at most this many items (the rules' first): the checklist stays one a model keeps."""

_LABELS = {
    "call_to_action": "call to action",
    "offers": "offer",
    "proof_points": "number",
    "benefits": "benefit",
    "must_say": "must-say line",
    "must_not_say": "must-not-say line",
    "places": "place",
    "dates": "date",
    "names": "name",
    "codes": "code",
    "tags": "tag",
}
_FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "–": "-", "—": "-"}
)
_ENDS = " .!?,;:\"'"


def label(field: str) -> str:
    """A field's name in words ('call_to_action' -> 'call to action', 'places' -> 'place')."""
    return _LABELS.get(field, field)


class _Folded:
    """A text folded for a verbatim look-up, with the way back to its own spelling."""

    def __init__(self, text: str) -> None:
        # spaces first: `plain_text` drops a no-break or thin space as unprintable, gluing its words
        spaced = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)
        self.source = plain_text(unicodedata.normalize("NFC", spaced))
        chars: list[str] = []
        where: list[int] = []
        for i, ch in enumerate(self.source):
            if ch.isspace():
                if chars and chars[-1] == " ":
                    continue
                ch = " "
            # per character, so a lowered letter never depends on its neighbours (Greek final sigma)
            for c in ch.translate(_FOLD).lower():
                chars.append(c)
                where.append(i)
        self.text = "".join(chars)
        self.where = where

    def spelling(self, value: str) -> str | None:
        """The brief's own spelling of `value` ('' for a value with no letters or digits), or None."""
        key = _Folded(value).text.strip(_ENDS)
        if not key:
            return ""
        at = self.text.find(key)
        if at < 0:
            return None
        return self.source[self.where[at] : self.where[at + len(key) - 1] + 1]


def verify(model_sheet: BriefFactSheet, brief_text: str) -> tuple[BriefFactSheet, list[str]]:
    """The model's sheet with only the values that occur in the brief (in its spelling), and the rejections.

    Each rejection names the field and the value: 'brand "Acme" does not occur in the brief'.
    """
    brief = _Folded(brief_text)
    rejections: list[str] = []

    def keep(field: str, value: str) -> str:
        found = brief.spelling(value)
        if found is None:
            rejections.append(f'{label(field)} "{value.strip()}" does not occur in the brief')
            return ""
        return found

    singles = {field: keep(field, getattr(model_sheet, field)) for field in SINGLE_FIELDS}
    lists = {field: _unique([keep(field, v) for v in getattr(model_sheet, field)]) for field in LIST_FIELDS}
    language = model_sheet.language.strip().lower()
    language = language if language in (*LANGUAGES, "other") else ""
    return BriefFactSheet(**singles, **lists, language=language), rejections


def reconcile(rule_sheet: BriefFactSheet, model_sheet: BriefFactSheet) -> tuple[BriefFactSheet, list[str]]:
    """One sheet from the rules' reading and the model's (verified), and each disagreement in words."""
    notes: list[str] = []
    singles: dict[str, str] = {}
    for field in SINGLE_FIELDS:
        singles[field], note = _one_value(field, rule_sheet, model_sheet)
        if note:
            notes.append(note)
    lists: dict[str, list[str]] = {}
    for field in LIST_FIELDS:
        ours = _unique(getattr(rule_sheet, field))
        room = max(MAX_ITEMS - len(ours), 0)
        new = [v for v in _unique(getattr(model_sheet, field)) if not any(_holds(k, v) for k in ours)]
        added = new[:room]
        if field == "places" and singles["brand"]:  # a place is never the brand
            added = [p for p in added if _key(p) != _key(singles["brand"])]
        lists[field] = [*ours, *added]
        if added:
            noun = label(field) if len(added) == 1 else f"{label(field)}s"
            listed = ", ".join(f"'{a}'" for a in added)
            notes.append(f"{noun.capitalize()}: the model also read {listed}; added.")
    language = rule_sheet.language or model_sheet.language
    return BriefFactSheet(**singles, **lists, language=language), notes


def _one_value(field: str, rules: BriefFactSheet, model: BriefFactSheet) -> tuple[str, str]:
    """The kept value of a one-value field, and the note saying why when the readings differ."""
    ours, theirs = getattr(rules, field), getattr(model, field)
    name = label(field).capitalize()
    if field == "brand" and theirs and _among(theirs, rules.places):
        kept = f"'{ours}'" if ours else "no brand"
        return ours, (f"Brand: the model read '{theirs}', which the rules read as a place; kept {kept}, "
                      "since a place is never the brand.")  # fmt: skip
    if not theirs or _key(ours) == _key(theirs):
        return ours, ""
    if not ours:
        return theirs, f"{name}: the rules found none; kept the model's '{theirs}' (it is in the brief)."
    head = f"{name}: the rules read '{ours}', the model read '{theirs}'"
    if _holds(theirs, ours) or _holds(ours, theirs):
        fuller = theirs if len(theirs) > len(ours) else ours
        return fuller, f"{head}; kept '{fuller}', the fuller of the two."
    elsewhere = _where(ours, model, field)
    if elsewhere:
        return theirs, f"{head}; kept '{theirs}', because the model reads '{ours}' as a {elsewhere}."
    return ours, f"{head}; kept '{ours}', the rules' reading, found by its evidence in the brief."


def _where(value: str, sheet: BriefFactSheet, but: str) -> str:
    """The field (in words) of `sheet` other than `but` that holds `value`, or ''."""
    for field in (*SINGLE_FIELDS, *LIST_FIELDS):
        held = getattr(sheet, field)
        if field != but and _among(value, held if isinstance(held, list) else [held]):
            return label(field)
    return ""


def _key(value: str) -> str:
    """A value folded for comparing two readings: case, quotes, dashes and spaces evened out."""
    return _Folded(value).text.strip(_ENDS)


def _among(value: str, values: list[str]) -> bool:
    key = _key(value)
    return bool(key) and any(_key(v) == key for v in values)


def _holds(container: str, value: str) -> bool:
    """True when `container` already carries `value` word for word (folded)."""
    key = _key(value)
    return bool(key) and key in _key(container)


def _unique(values: list[str]) -> list[str]:
    """The non-empty values, each once (the first spelling kept)."""
    out: list[str] = []
    for v in values:
        if _key(v) and not _among(v, out):
            out.append(v)
    return out


__all__ = ["LIST_FIELDS", "MAX_ITEMS", "SINGLE_FIELDS", "label", "reconcile", "verify"]
