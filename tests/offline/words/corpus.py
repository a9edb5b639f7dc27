"""The brief corpus (briefs.yaml) and the misses the corpus tests collect for the terminal report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from studio.models import BriefFactSheet

CORPUS = yaml.safe_load((Path(__file__).parent / "briefs.yaml").read_text(encoding="utf-8"))
MISSES: dict[str, list[tuple[str, str, str, str]]] = {"reader": [], "story": []}
"""Per suite: (brief id, fact kind, expected value, reason), printed by conftest.py at the end."""
TOTALS: dict[str, dict[str, list[int]]] = {"reader": {}, "story": {}}
"""Per suite and fact kind: [preserved, total]."""

_KINDS = {
    "brand": "brand",
    "product": "product",
    "audience": "audience",
    "tone": "tone",
    "cta": "call_to_action",
    "address": "address",
    "proof": "proof_points",
    "offers": "offers",
    "must_say": "must_say",
    "must_not_say": "must_not_say",
}


def expected_sheet(case: dict[str, Any]) -> BriefFactSheet:
    """The corpus entry's expected facts as a fact sheet."""
    return BriefFactSheet(**{_KINDS[k]: v for k, v in case["expect"].items()})


def tally(suite: str, case_id: str, kind: str, value: str, ok: bool, reason: str) -> None:
    """Count one fact for the report; a miss is listed with its reason."""
    kind = {"offers": "offer", "proof": "proof", "call_to_action": "cta"}.get(kind, kind)
    counts = TOTALS[suite].setdefault(kind, [0, 0])
    counts[0] += int(ok)
    counts[1] += 1
    if not ok:
        MISSES[suite].append((case_id, kind, value, reason))


def share(suite: str, kinds: tuple[str, ...] | None = None) -> float:
    """Preserved facts over all facts of the suite (only the given kinds when named)."""
    rows = [v for k, v in TOTALS[suite].items() if kinds is None or k in kinds]
    total = sum(t for _, t in rows)
    return sum(p for p, _ in rows) / total if total else 1.0
