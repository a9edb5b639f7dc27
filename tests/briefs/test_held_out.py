"""Brief understanding measured on both halves of the corpus: TUNING (tests/offline/words/briefs.yaml, may
be tuned on) and HELD-OUT (tests/briefs/held_out.yaml, never read while tuning: reported only), and on
GENERATED briefs (tests/briefs/generated.py: invented names in five shapes and six languages, reported only).

For each brief the offline ad is written as the studio writes it with no API key (story, then scenes), and
each fact the brief states is looked for in what the ad says or shows: scene voiceovers (and so their
captions), on-screen text and the end card. The tables, with every miss, print at the end of the run
(conftest.py). Bars in `measure.BARS` are asserted; issue 19's targets that the held-out half (or the
generated split) does not meet yet are strict xfails here, so the day one is met the suite says so and it
moves into `BARS`.

Measured before issue 19's reader (the held-out corpus as first written, 87 briefs): tuning 353/353 facts;
held-out 426/701 (60.8%): price, percent and phone 100%; url 92%, quantity 89%, handle 86%, brand 79%,
offer 76%, proof 54%, code 41%, product 35%, date 31%, title 25%, place 20%, time 14%, hashtag 0%. Rules:
brand said 68/87, brand on the end card 67/87, brand read as the brand 72/87, address on the end card
84/86, no forbidden word 12/15.
"""

from __future__ import annotations

import pytest

from tests.briefs.generated import DRAWS, SEED, TEMPLATES, generated_entries
from tests.briefs.measure import (
    BARS,
    FACT_KINDS,
    HELD_OUT,
    RULES,
    SPLITS,
    TARGETS,
    Case,
    measure,
    occurs,
    table,
)
from tests.offline.words.corpus import CORPUS

LANGS = ("es", "fr", "de", "pt", "it")
SHAPES = {
    "client email",
    "sku euro",
    "landing page",
    "bullets",
    "listing",
    "campaign",
    "name before brand",
    "coffee origin",
}


class TargetNotMet(AssertionError):
    """A split's share is measured and falls short of issue 19's target."""


def _labels(cases: tuple[Case, ...]) -> set[str]:
    """The rows a split can measure, known from the corpus alone (no ad written)."""
    labels = {"all"} | {kind for case in cases for kind, _ in case.facts}
    if any(c.brand for c in cases):
        labels |= {"brand said", "brand on end card", "brand read as brand"}
    if any(c.address for c in cases):
        labels.add("address on end card")
    if any(c.forbidden for c in cases):
        labels.add("no forbidden word")
    return labels


def _asserted(split: str) -> list[tuple[str, float]]:
    return sorted(BARS[split].items())


def _open_targets(split: str) -> list[tuple[str, float]]:
    """Targets that apply to the split and that its bars do not assert yet."""
    labels = _labels(SPLITS[split])
    return [(k, v) for k, v in TARGETS.items() if k in labels and BARS[split].get(k, -1.0) < v]


# ── the corpus ────────────────────────────────────────────────────────────────────────────────────


def test_the_held_out_corpus_is_new_broad_and_in_six_languages():
    cases = SPLITS["held-out"]
    ids = [c.id for c in cases]
    assert len(cases) >= 80
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {c["id"] for c in CORPUS}
    assert not {c.brief for c in cases} & {c["brief"] for c in CORPUS}
    per_lang = {lang: sum(c.lang == lang for c in cases) for lang in (*LANGS, "en")}
    assert all(n >= 8 for n in per_lang.values()), per_lang
    assert {c.shape for c in cases} >= SHAPES
    assert sum(bool(c.forbidden) for c in cases) >= 10
    assert {kind for c in cases for kind, _ in c.facts} >= set(FACT_KINDS) - {"cta", "address", "must_say"}


@pytest.mark.parametrize("entry", HELD_OUT, ids=[e["id"] for e in HELD_OUT])
def test_each_held_out_fact_is_spelled_as_in_its_brief(entry):
    case = next(c for c in SPLITS["held-out"] if c.id == entry["id"])
    assert case.brand, "every brief names its brand"
    assert set(entry["facts"]) <= set(FACT_KINDS), "unknown fact kind"
    not_in_brief = [v for _, v in case.facts if not occurs(v, case.brief)]
    assert not not_in_brief, "facts must be spelled exactly as the brief spells them"
    where = {v for k, v in case.facts if k in ("url", "phone", "handle")}
    assert set(case.address) <= where, "the address is one of the brief's URLs, phones or handles"
    assert all(occurs(w, case.brief) for w in case.forbidden)


def test_the_generated_briefs_state_their_facts_in_five_shapes_and_six_languages():
    cases = SPLITS["generated"]
    assert len(cases) == len(TEMPLATES) * len(TEMPLATES["en"]) * DRAWS
    assert len({c.id for c in cases}) == len(cases)
    assert {c.lang for c in cases} == {*LANGS, "en"}
    assert generated_entries() == generated_entries()  # one seed, the same briefs on every run
    assert generated_entries(seed=SEED + 1) != generated_entries()
    for case in cases:
        assert case.brand and case.address and all(occurs(v, case.brief) for _, v in case.facts), case.id
        assert all(occurs(w, case.brief) for w in case.forbidden)
    for case in (c for c in cases if c.shape in ("place first", "question first", "client email")):
        # the brand comes after a place, a question or a product: what issue 19 saw taken for the brand
        assert case.brief.index(case.brand) > 0, case.id
    names = {v for c in cases for k, v in c.facts if k in ("brand", "place")}
    corpus = " ".join([*(c.brief for c in SPLITS["tuning"]), *(c.brief for c in SPLITS["held-out"])])
    assert not [n for n in names if occurs(n, corpus)], "generated names are new to both corpora"


def test_every_bar_and_target_measures_something():
    """A bar or target on a row no brief states would pass (or fail) on nothing: none exists."""
    for split in SPLITS:
        labels = _labels(SPLITS[split])
        assert set(BARS[split]) <= labels, split
    assert set(TARGETS) <= {"all", *FACT_KINDS, *RULES}


def test_the_matcher_takes_facts_as_written_and_never_inside_a_word():
    assert occurs("€49,90", "Now just €49,90.")
    assert occurs("8am-6pm", "Open 8am–6pm daily")
    assert occurs("Hedgerow & Vine", "HEDGEROW &  VINE, Croydon")
    assert occurs("#RunTheCity", "Join #runthecity today")
    assert not occurs("FEED", "It feeds 1,200 families")
    assert not occurs("2011", "since 20110")
    assert not occurs("RunTheCity", "#RunTheCity")
    assert not occurs("€49,90", "€49.90")
    assert not occurs("", "anything")


# ── the figures ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("split", "label", "bar"),
    [(s, k, v) for s in SPLITS for k, v in _asserted(s)],
    ids=[f"{s}-{k}" for s in SPLITS for k, _ in _asserted(s)],
)
def test_each_split_reaches_its_bar(split, label, bar):
    report = measure(split)
    share = report.share(label)
    missed = [(c.brief_id, c.value, c.why) for c in report.missed(label)]
    assert share >= bar, f"{split} {label}: {share:.1%} < {bar:.0%}; missed {missed}"


REPORTED = ("held-out", "generated")
"""The splits nobody tunes on: their unmet targets are strict xfails."""
_OPEN = [(split, label, target) for split in REPORTED for label, target in _open_targets(split)]


@pytest.mark.xfail(
    raises=TargetNotMet,
    strict=True,
    reason="issue 19 target not yet met on a split nobody tunes on; once met, move it into measure.BARS",
)
@pytest.mark.parametrize(("split", "label", "target"), _OPEN, ids=[f"{s}-{k}" for s, k, _ in _OPEN])
def test_the_reported_splits_reach_issue_19_targets(split, label, target):
    report = measure(split)
    share = report.share(label)  # a row with nothing measured raises a plain error: a real failure
    if share < target:
        raise TargetNotMet(f"{split} {label}: {share:.1%} < {target:.0%}")


def test_the_report_lists_every_miss_and_the_target():
    report = measure("held-out")
    lines = table(report)
    text = "\n".join(lines)
    assert "bar ≥ 95% asserted" in lines[1]  # the overall share, met since the English writer's clauses
    open_rows = [line for line in lines if "target ≥" in line]  # each target not met yet, printed as such
    assert len(open_rows) >= len(_open_targets("held-out")) > 0
    misses = [c for c in (*report.facts, *report.rules) if not c.kept]
    assert sum(line.lstrip().startswith("MISS ") for line in lines) == len(misses)
    assert all(f"{c.brief_id}" in text for c in misses)
