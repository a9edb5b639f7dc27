"""Which stated facts the offline ad says or shows, per split of the brief corpus, and the printed table.

The ad's words are what its read-back expects: each scene's voiceover (spoken, and captioned word for
word), each scene's on-screen text, and the end card (product name, brand, call to action, address: the
pieces `render/endcard.py` draws). A fact is kept when its value, as the brief spells it, occurs in those
words (case and spacing folded; a value never matches inside a longer word).

This module never reads a brief itself: it goes through `tests.offline.words.corpus.offline_ad`, the path
the studio takes, so it keeps measuring when the reader moves.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tests.briefs.generated import generated_entries
from tests.offline.words.corpus import CORPUS, offline_ad

HELD_OUT = yaml.safe_load((Path(__file__).parent / "held_out.yaml").read_text(encoding="utf-8"))
"""The held-out half: never read while tuning (see the file's header)."""

FACT_KINDS = (
    "brand", "product", "title", "place", "date", "time", "price", "percent", "quantity", "offer", "code",
    "url", "handle", "hashtag", "phone", "proof", "cta", "address", "must_say",
)  # fmt: skip
"""Kinds of stated fact, in the order the table prints them."""
TARGET = 0.95
"""Issue 19: ≥ 95% of stated facts said or shown, on briefs the studio has never seen."""

_FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "\u202f": " "}
)


def fold(text: str) -> str:
    """Text folded for comparison: case, curly quotes, dashes and spaces evened out."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip()


def occurs(value: str, text: str) -> bool:
    """True when the value occurs in the text as written, not inside a longer word or number."""
    v = fold(value).strip(" .!?,;:")
    if not v:
        return False
    return re.search(rf"(?<![\w@#]){re.escape(v)}(?!\w)", fold(text)) is not None


@dataclass(frozen=True)
class AdWords:
    """The words one offline ad says and shows."""

    voiceover: str
    on_screen: str
    end_card: str
    brand_line: str
    """The end card's brand as the studio read it (the sheet's brand, else the product name)."""

    @property
    def everything(self) -> str:
        return " \n ".join((self.voiceover, self.on_screen, self.end_card))


@cache
def ad_words(prompt: str) -> AdWords:
    """The offline ad's words for a brief."""
    story, scenes = offline_ad(prompt)
    brand = story.facts.brand.strip()
    card = [story.product_name, brand, story.call_to_action, story.facts.address]
    return AdWords(
        voiceover=" \n ".join(s.voiceover for s in scenes),
        on_screen=" \n ".join(s.on_screen_text for s in scenes),
        end_card=" \n ".join(p for p in card if p.strip()),
        brand_line=brand or story.product_name.strip(),
    )


@dataclass(frozen=True)
class Check:
    """One fact or rule of one brief, kept or missed."""

    brief_id: str
    kind: str
    value: str
    kept: bool
    why: str = ""


@dataclass(frozen=True)
class Case:
    """A corpus brief with its facts by kind, where its CTA sends people, and its forbidden words."""

    id: str
    lang: str
    shape: str
    brief: str
    facts: tuple[tuple[str, str], ...]
    address: tuple[str, ...] = ()
    """Where the CTA sends people; any one of these on the end card will do."""
    forbidden: tuple[str, ...] = ()

    @property
    def brand(self) -> str:
        return next((v for k, v in self.facts if k == "brand"), "")


def _values(raw: Any) -> list[str]:
    if raw is None or raw == "":
        return []
    return [str(v) for v in raw] if isinstance(raw, list) else [str(raw)]


def held_out_case(entry: dict[str, Any]) -> Case:
    facts = tuple((kind, v) for kind in FACT_KINDS for v in _values(entry["facts"].get(kind)))
    return Case(
        entry["id"], entry["lang"], entry["shape"], entry["brief"], facts,
        tuple(_values(entry.get("address"))), tuple(_values(entry.get("forbidden"))),
    )  # fmt: skip


_TUNING_KINDS = {"brand": "brand", "product": "product", "proof": "proof", "offers": "offer", "cta": "cta"}
_TUNING_KINDS |= {"address": "address", "must_say": "must_say"}
_TUNING_KINDS |= {"places": "place", "dates": "date", "titles": "title", "codes": "code", "tags": "hashtag"}


def tuning_case(entry: dict[str, Any]) -> Case:
    """A tuning-corpus entry in the held-out shape (audience and tone are not verbatim facts: left out)."""
    expect = entry["expect"]
    facts = tuple((kind, v) for key, kind in _TUNING_KINDS.items() for v in _values(expect.get(key)))
    return Case(
        entry["id"], entry["lang"], entry["shape"], entry["brief"], facts,
        tuple(_values(expect.get("address"))), tuple(_values(expect.get("must_not_say"))),
    )  # fmt: skip


SPLITS: dict[str, tuple[Case, ...]] = {
    "tuning": tuple(tuning_case(e) for e in CORPUS),
    "held-out": tuple(held_out_case(e) for e in HELD_OUT),
    "generated": tuple(held_out_case(e) for e in generated_entries()),
}
"""Tuning may be tuned on; held-out and generated are only reported (tests/briefs/generated.py)."""


def fact_checks(case: Case) -> tuple[Check, ...]:
    """Each stated fact: said or shown anywhere in the ad."""
    text = ad_words(case.brief).everything
    out = []
    for kind, value in case.facts:
        kept = occurs(value, text)
        out.append(Check(case.id, kind, value, kept, "" if kept else "neither said nor shown"))
    return tuple(out)


def rule_checks(case: Case) -> tuple[Check, ...]:
    """The rules every ad must keep: the brand said and on the end card, the brand read as the brand (not a
    place or product), the address on the end card, no forbidden word."""
    ad = ad_words(case.brief)
    out: list[Check] = []
    if case.brand:
        b = case.brand
        out.append(Check(case.id, "brand said", b, occurs(b, ad.voiceover), "not in the voiceover"))
        out.append(
            Check(case.id, "brand on end card", b, occurs(b, ad.end_card), f"end card: {ad.end_card!r}")
        )
        line = ad.brand_line
        right = bool(line) and (occurs(b, line) or occurs(line, b))
        taken = next(
            (f"a {k} of the brief" for k, v in case.facts if k != "brand" and fold(v) == fold(line)), ""
        )
        out.append(Check(case.id, "brand read as brand", b, right, f"read as {line!r} {taken}".strip()))
    if case.address:
        shown = any(occurs(a, ad.end_card) for a in case.address)
        a = " or ".join(case.address)
        out.append(Check(case.id, "address on end card", a, shown, f"end card: {ad.end_card!r}"))
    for word in case.forbidden:
        bad = occurs(word, ad.everything)
        out.append(Check(case.id, "no forbidden word", word, not bad, "said or shown"))
    return tuple(Check(c.brief_id, c.kind, c.value, c.kept, "" if c.kept else c.why) for c in out)


RULES = ("brand said", "brand on end card", "brand read as brand", "address on end card", "no forbidden word")
"""Rules every ad must keep (issue 19's "done when"), checked per brief."""

TARGETS: dict[str, float] = {
    "all": TARGET,
    "offer": 1.0,
    "address": 1.0,
    **dict.fromkeys(RULES, 1.0),
}
"""Issue 19's targets, on every split: ≥ 95% of facts, offers and addresses 100%, every rule in every ad."""

BARS: dict[str, dict[str, float]] = {
    # The tuning half: everything the targets ask holds today, so it is all asserted.
    "tuning": dict(TARGETS),
    # The held-out half: only what holds today is asserted (the kinds kept in every brief, the rules met in
    # every ad, and the overall share: 423/701 = 60.3% before issue 19's writer, 618/701 = 88.2% after it,
    # 666/701 = 95.0% once the English writer says the brief's own clauses, 671/701 = 95.7% with the
    # brand read by evidence and the rules never said, 672/701 = 95.9% with the fourth round of tuning
    # briefs, 675/701 = 96.3% by round 7; every URL since then: 65/65). The rest are targets, printed
    # with every miss.
    # Generated briefs (reported, never tuned on): every fact of every kind in every one of them (444/444
    # since the fourth round: offers 56/60 and products 58/60 before it), and every rule.
    "generated": {
        "all": TARGET,
        **dict.fromkeys(
            ("brand", "product", "place", "date", "price", "offer", "code", "url", "handle", "hashtag",
             *RULES),
            1.0,
        ),
    },
    "held-out": {
        "all": TARGET,
        **dict.fromkeys(
            ("price", "percent", "phone", "hashtag", "handle", "code", "quantity", "title", "url",
             "address on end card"),
            1.0,
        ),
    },
}
"""Per split, what the tests assert: a row label (all, a fact kind or a rule) and the least share."""


@dataclass
class SplitReport:
    """The facts and rules of one split, kept or missed."""

    split: str
    cases: tuple[Case, ...]
    facts: list[Check] = field(default_factory=list)
    rules: list[Check] = field(default_factory=list)

    def rows(self, label: str) -> list[Check]:
        """The checks behind a row: all facts, one fact kind, or one rule."""
        if label == "all":
            return self.facts
        return [c for c in (self.rules if label in RULES else self.facts) if c.kind == label]

    def share(self, label: str) -> float:
        """Kept over measured for a row; raises when it measured nothing (no bar passes on nothing)."""
        rows = self.rows(label)
        if not rows:
            raise AssertionError(f"{self.split}: nothing measured for {label!r}")
        return sum(c.kept for c in rows) / len(rows)

    def missed(self, label: str) -> list[Check]:
        return [c for c in self.rows(label) if not c.kept]


REPORTS: dict[str, SplitReport] = {}
"""The splits measured in this session, for the terminal report (conftest.py)."""


def measure(split: str) -> SplitReport:
    """Measure every brief of a split afresh (ads are cached per brief) and keep the report for printing."""
    cases = SPLITS[split]
    report = SplitReport(split, cases)
    for case in cases:
        report.facts.extend(fact_checks(case))
        report.rules.extend(rule_checks(case))
    REPORTS[split] = report
    return report


def _note(split: str, label: str, share: float) -> str:
    bar, target = BARS[split].get(label), TARGETS.get(label)
    notes = []
    if bar is not None:
        notes.append(f"bar ≥ {bar:.0%} asserted")
    if target is not None and (bar is None or bar < target):
        met = share >= target
        notes.append(f"target ≥ {target:.0%}: " + ("met" if met else "NOT MET (target, not asserted)"))
    return "; ".join(notes)


def _line(label: str, kept: int, total: int, note: str = "") -> str:
    return f"  {label:<22} {kept:>4}/{total:<4} {kept / total:6.1%}  {note}".rstrip()


def _row(report: SplitReport, label: str, indent: str = "  ") -> str:
    rows = report.rows(label)
    kept = sum(c.kept for c in rows)
    return _line(indent + label, kept, len(rows), _note(report.split, label, kept / len(rows)))


def table(report: SplitReport) -> list[str]:
    """The printed table: overall share beside the target, per kind, per language, per rule, each miss."""
    lines = [f"{len(report.cases)} briefs, {len(report.facts)} stated facts, {len(report.rules)} rule checks"]
    lines.append(_row(report, "all", ""))
    lines.append("  per kind:")
    kinds = {c.kind for c in report.facts}
    lines.extend(_row(report, kind) for kind in FACT_KINDS if kind in kinds)
    lang_of = {c.id: c.lang for c in report.cases}
    by_lang: dict[str, list[int]] = {}
    for c in report.facts:
        row = by_lang.setdefault(lang_of[c.brief_id], [0, 0])
        row[0] += c.kept
        row[1] += 1
    lines.append("  per language:")
    lines.extend(_line(f"  {lang}", *row) for lang, row in sorted(by_lang.items()))
    lines.append("  rules (every ad):")
    lines.extend(_row(report, rule) for rule in RULES if report.rows(rule))
    misses = [c for c in report.facts if not c.kept] + [c for c in report.rules if not c.kept]
    counts = Counter(c.kind for c in report.facts if not c.kept)
    if counts:
        lines.append("  most missed kinds: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
    lines.append(f"  misses ({len(misses)}):")
    lines.extend(f"    MISS {c.brief_id:<28} {c.kind:<20} {c.value!r}  {c.why}" for c in misses)
    return lines
