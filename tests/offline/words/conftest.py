"""Prints the brief-corpus report (every missed fact, and the share kept per kind) after the run."""

from __future__ import annotations

from tests.offline.words.corpus import MISSES, TOTALS


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The corpus tables, when the corpus tests ran."""
    for suite in ("reader", "story"):
        totals = TOTALS[suite]
        if not totals:
            continue
        kept = sum(p for p, _ in totals.values())
        total = sum(t for _, t in totals.values())
        terminalreporter.section(f"brief corpus: {suite} keeps {kept}/{total} facts ({kept / total:.1%})")
        for kind, (p, t) in sorted(totals.items()):
            terminalreporter.write_line(f"  {kind:<13} {p:>3}/{t:<3} {p / t:.0%}")
        for case_id, kind, value, reason in MISSES[suite]:
            terminalreporter.write_line(f"  MISS {case_id:<24} {kind:<12} {value!r}: {reason}")
