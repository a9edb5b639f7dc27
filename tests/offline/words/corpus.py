"""The TUNING brief corpus (briefs.yaml), the one path the corpus tests take through the studio, and the
tallies the terminal report prints.

briefs.yaml is the tuning half: the brief reader and the offline writer may be tuned on it. The held-out
half lives in tests/briefs/held_out.yaml and is only measured (tests/briefs/test_held_out.py).

Every import of the studio that reads a brief or writes its ad is here, so the measurement follows the
reader wherever it moves: `read_sheet` (the brief read into its fact sheet) and `offline_ad` (the offline
story and its scenes, as the studio writes them with no API key).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from studio.models import Brief, BriefFactSheet, Scene, ScenePlan, Story

if TYPE_CHECKING:
    from studio.providers.offline import OfflineWriter

# The reader and the writer are imported inside the functions below (and only here): conftest.py imports
# this module at collection, so a reader being moved fails these tests, not the whole session.

CORPUS = yaml.safe_load((Path(__file__).parent / "briefs.yaml").read_text(encoding="utf-8"))
"""The tuning half: 266 briefs with the facts each states."""
MISSES: dict[str, list[tuple[str, str, str, str]]] = {"reader": [], "story": []}
"""Per suite: (brief id, fact kind, expected value, reason), printed by conftest.py at the end."""
TOTALS: dict[str, dict[str, list[int]]] = {"reader": {}, "story": {}}
"""Per suite and fact kind: [preserved, total]."""

AD_SECONDS = 15
AD_SEED = 7

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
    "places": "places",
    "dates": "dates",
    "titles": "names",
    "codes": "codes",
    "tags": "tags",
}


class NothingMeasured(AssertionError):
    """A bar was asked of a tally that holds no fact: the bar would pass with nothing measured."""


@cache
def _writer() -> OfflineWriter:
    from studio.providers.offline import OfflineWriter

    return OfflineWriter()


def read_sheet(prompt: str) -> BriefFactSheet:
    """The brief read into its fact sheet, as the studio reads it."""
    from studio.offline.words.brief_reader import read_brief

    return read_brief(prompt).sheet


@cache
def offline_ad(prompt: str) -> tuple[Story, tuple[Scene, ...]]:
    """The offline story and its scenes for a brief (15 s, seed 7), written once per prompt per session."""
    from studio.config import PipelineConfig
    from studio.pipeline.story import write_story
    from studio.providers.ports import SceneWriterRequest
    from studio.run import Run

    writer = _writer()
    brief = Brief(prompt=prompt, duration_s=AD_SECONDS, seed=AD_SEED)
    story = write_story(brief, writer, PipelineConfig(), AD_SEED, run=Run(None))
    plan = writer.generate(SceneWriterRequest(brief=brief, story=story, seed=AD_SEED), ScenePlan)
    return story, tuple(plan.scenes)


def expected_sheet(case: dict[str, Any]) -> BriefFactSheet:
    """The corpus entry's expected facts as a fact sheet."""
    return BriefFactSheet(**{_KINDS[k]: v for k, v in case["expect"].items()})


def reset(suite: str) -> None:
    """Empty a suite's tally before it is measured again (each bar test measures on its own)."""
    TOTALS[suite].clear()
    MISSES[suite].clear()


def tally(suite: str, case_id: str, kind: str, value: str, ok: bool, reason: str) -> None:
    """Count one fact for the report; a miss is listed with its reason."""
    kind = {"offers": "offer", "proof": "proof", "call_to_action": "cta"}.get(kind, kind)
    counts = TOTALS[suite].setdefault(kind, [0, 0])
    counts[0] += int(ok)
    counts[1] += 1
    if not ok:
        MISSES[suite].append((case_id, kind, value, reason))


def share(suite: str, kinds: tuple[str, ...] | None = None) -> float:
    """Preserved facts over all facts of the suite (only the given kinds when named).

    Raises `NothingMeasured` when no fact of those kinds was tallied, so a bar never passes on nothing.
    """
    rows = [v for k, v in TOTALS[suite].items() if kinds is None or k in kinds]
    total = sum(t for _, t in rows)
    if not total:
        raise NothingMeasured(f"no {suite} facts{f' of kinds {kinds}' if kinds else ''} were measured")
    return sum(p for p, _ in rows) / total
