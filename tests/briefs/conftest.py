"""Prints the brief-corpus tables (per split, per fact kind, per rule, every miss) at the end of the run."""

from __future__ import annotations

import sys


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One section per split measured in this run (with or without -s, with -q, under `make test`)."""
    measure = sys.modules.get("tests.briefs.measure")  # not imported here: collection stays light
    if measure is None:
        return
    for split, report in measure.REPORTS.items():
        kept = sum(c.kept for c in report.facts)
        total = len(report.facts)
        title = f"briefs, {split} split: {kept}/{total} stated facts said or shown ({kept / total:.1%})"
        terminalreporter.section(title)
        for line in measure.table(report):
            terminalreporter.write_line(line)
