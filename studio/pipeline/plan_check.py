"""A scene plan checked against its brief: the scene count asked for, durations that add up to the target.

`plan_problems` says what is wrong in sentences a model can act on (to ask it again); `repair_plan` fixes
what can be fixed without a model, deterministically, so no ad is rendered with five scenes for a brief
that asked for three. Both are pure: no provider, no store, no clock.
"""

from __future__ import annotations

import math
import re

from studio.models import Brief, Scene, ScenePlan

DURATION_TOLERANCE = 0.10
"""How far the scenes' total may stray from the brief's duration, as a fraction of it."""

_TENTHS = 10  # durations are repaired on a 0.1 s grid
_CAPTION_MAX = 80


def _field_bounds(name: str) -> tuple[float, float]:
    """The inclusive (min, max) pydantic enforces on a Scene field, so the two never drift apart."""
    low, high = 0.0, math.inf
    for rule in Scene.model_fields[name].metadata:
        low = float(getattr(rule, "ge", low))
        high = float(getattr(rule, "le", high))
    return low, high


SCENE_MIN_S, SCENE_MAX_S = _field_bounds("duration_s")


def _secs(value: float) -> str:
    return f"{round(value, 1):g}"


def _within_tolerance(total: float, target: float) -> bool:
    return abs(total - target) <= DURATION_TOLERANCE * target + 1e-9


def plan_problems(plan: ScenePlan, brief: Brief, target_s: float | None = None) -> list[str]:
    """What in the plan disagrees with the brief, one sentence each; empty when the plan fits.

    `target_s` is how long the scenes should last together (the ad less its end card; default that).
    """
    target = brief.scene_seconds() if target_s is None else target_s
    problems = []
    count, wanted = len(plan.scenes), brief.planned_scene_count()
    if count != wanted:
        problems.append(f"{count} scene{'s' * (count != 1)}, the brief asks for {wanted}")
    total = sum(s.duration_s for s in plan.scenes)
    if not _within_tolerance(total, target):
        problems.append(
            f"durations add up to {_secs(total)} s, the target is {_secs(target)} s "
            f"±{DURATION_TOLERANCE:.0%}"
        )
    return problems


def repair_plan(plan: ScenePlan, brief: Brief, target_s: float | None = None) -> ScenePlan:
    """The plan with the brief's scene count and durations within tolerance; unchanged when it already fits.

    Too many scenes: the shortest adjacent pair is merged until the count fits (every line of voiceover is
    kept, the hook stays first and the call to action last). Too few: the longest scene is split in two,
    the second half continuing the first. Then, if the total is off by more than the tolerance, durations
    are scaled to the target within each scene's limits, on a 0.1 s grid, summing to the target exactly.
    When the brief cannot be met within those limits (8 one-second scenes exceed a 6 s ad), the result
    comes as close as they allow and `plan_problems` still names what is left.
    """
    target = brief.scene_seconds() if target_s is None else target_s
    scenes = list(plan.scenes)
    wanted = brief.planned_scene_count()
    if len(scenes) == wanted and _within_tolerance(sum(s.duration_s for s in scenes), target):
        return plan
    while len(scenes) > wanted:
        scenes = _merge_shortest_pair(scenes)
    while len(scenes) < wanted:
        scenes = _split_longest(scenes)
    if not _within_tolerance(sum(s.duration_s for s in scenes), target):
        fitted = _fit_durations([s.duration_s for s in scenes], target)
        scenes = [s.model_copy(update={"duration_s": d}) for s, d in zip(scenes, fitted, strict=True)]
    return ScenePlan(scenes=_renumber(scenes))


# ── count ────────────────────────────────────────────────────────────────────────────────────────


def _renumber(scenes: list[Scene]) -> list[Scene]:
    out = [s.model_copy(update={"id": i}) for i, s in enumerate(scenes, start=1)]
    if out:
        out[0] = out[0].model_copy(update={"continuous_with_previous": False})
    return out


def _join(first: str, second: str) -> str:
    first, second = first.strip(), second.strip()
    if not first or not second:
        return first or second
    return f"{first if first[-1] in '.!?' else first + '.'} {second}"


def _merge_shortest_pair(scenes: list[Scene]) -> list[Scene]:
    """One scene fewer: the adjacent pair with the shortest total becomes one scene (earliest on a tie)."""
    i = min(range(len(scenes) - 1), key=lambda k: (scenes[k].duration_s + scenes[k + 1].duration_s, k))
    a, b = scenes[i], scenes[i + 1]
    # The caption on screen: the call to action's if b is the last scene, else the first one there is.
    is_last = i + 1 == len(scenes) - 1
    caption = b.on_screen_text if is_last and b.on_screen_text else (a.on_screen_text or b.on_screen_text)
    merged = a.model_copy(
        update={
            "description": _join(a.description, b.description),
            "voiceover": _join(a.voiceover, b.voiceover),
            "on_screen_text": caption[:_CAPTION_MAX],
            "duration_s": min(SCENE_MAX_S, a.duration_s + b.duration_s),
            "quality_score": None,
        }
    )
    return [*scenes[:i], merged, *scenes[i + 2 :]]


def _halve_words(text: str) -> tuple[str, str]:
    """The text cut in two near its middle, between sentences when it has several, else between words."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    pieces = sentences if len(sentences) > 1 else text.split()
    if len(pieces) < 2:
        return text.strip(), ""
    lengths = [len(p) for p in pieces]
    half = sum(lengths) / 2
    cut = min(range(1, len(pieces)), key=lambda k: (abs(sum(lengths[:k]) - half), k))
    return " ".join(pieces[:cut]), " ".join(pieces[cut:])


def _split_longest(scenes: list[Scene]) -> list[Scene]:
    """One scene more: the longest scene (earliest on a tie) becomes two, the second continuing the first."""
    i = max(range(len(scenes)), key=lambda k: (scenes[k].duration_s, -k))
    s = scenes[i]
    half = max(SCENE_MIN_S, s.duration_s / 2)
    said_first, said_second = _halve_words(s.voiceover)
    first = s.model_copy(update={"duration_s": half, "voiceover": said_first, "quality_score": None})
    second = s.model_copy(
        update={
            "duration_s": half,
            "voiceover": said_second,
            "transition_in": "cut",
            "continuous_with_previous": True,
            "quality_score": None,
        }
    )
    return [*scenes[:i], first, second, *scenes[i + 1 :]]


# ── durations ────────────────────────────────────────────────────────────────────────────────────


def _fit_durations(durations: list[float], target: float) -> list[float]:
    """Durations scaled to add up to `target` (as near as the limits allow), each within the scene limits."""
    low = math.ceil(SCENE_MIN_S * _TENTHS)
    high = math.floor(SCENE_MAX_S * _TENTHS)
    total = min(max(round(target * _TENTHS), low * len(durations)), high * len(durations))

    def clamped(scale: float) -> list[float]:
        return [min(high, max(low, d * _TENTHS * scale)) for d in durations]

    # sum(clamped(scale)) grows with scale: bisect for the scale that hits the total.
    lo_scale, hi_scale = 0.0, 1.0
    while sum(clamped(hi_scale)) < total:
        hi_scale *= 2
    for _ in range(200):
        mid = (lo_scale + hi_scale) / 2
        lo_scale, hi_scale = (mid, hi_scale) if sum(clamped(mid)) < total else (lo_scale, mid)
    exact = clamped(hi_scale)

    # Round down, then hand the missing tenths to the largest remainders that still have room.
    tenths = [math.floor(x + 1e-9) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda k: (-(exact[k] - tenths[k]), k))
    while sum(tenths) < total:
        k = next(k for k in by_remainder if tenths[k] < high)
        tenths[k] += 1
        by_remainder.remove(k)
        by_remainder.append(k)
    while sum(tenths) > total:
        k = next(k for k in reversed(by_remainder) if tenths[k] > low)
        tenths[k] -= 1
        by_remainder.remove(k)
        by_remainder.insert(0, k)
    return [t / _TENTHS for t in tenths]
