"""Three variants of one brief render in parallel, share the references painted once, and keep a winner."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from studio.bootstrap import open_context
from studio.cli.variants import wait_for_set
from studio.config import Settings
from studio.errors import BadInput
from studio.models import Brief
from studio.service import Studio
from studio.variants import get_set, mark_winner, set_summary, start_variants

PROMPT = (
    "Trail running shoes from Peak that grip wet rock. For weekend runners. "
    "20% off this week at peak.example.com."
)
REFERENCE_KINDS = {"character", "product", "environment", "logo"}


class Recorder:
    """Notes which generation called a provider's method, with what role, from when to when.

    The method is replaced on the instance itself, so the provider stays what it is (the storyboard
    asks whether the video model is the offline renderer)."""

    def __init__(self, provider, method: str) -> None:
        self.calls: list[tuple[str | None, str | None, float, float]] = []
        self._lock = threading.Lock()
        inner = getattr(provider, method)

        def call(request, *args, **kw):
            run = kw.get("run", args[-1] if args else None)
            start = time.monotonic()
            try:
                return inner(request, *args, **kw)
            finally:
                with self._lock:
                    role = getattr(request, "role", None)
                    self.calls.append((run.generation_id, role, start, time.monotonic()))

        setattr(provider, method, call)


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    ctx = open_context(Settings(data_dir=tmp_path_factory.mktemp("variants") / "data", max_concurrent=2))
    video, image = Recorder(ctx.providers.video, "render_clip"), Recorder(ctx.providers.image, "generate")
    studio = Studio(ctx)
    brief = Brief(prompt=PROMPT, resolution="360p", duration_s=6, scene_count=3, seed=4242)
    vs, planning = start_variants(studio, brief, "hook", 3)
    planning.result(timeout=300)
    vs = wait_for_set(studio, vs.id, timeout_s=600)
    yield studio, vs, video, image
    ctx.runner.shutdown()


def test_three_variants_finish_with_their_own_hook_scores_and_cost(made) -> None:
    studio, vs, _video, _image = made
    summary = set_summary(studio.store, studio.ctx.providers.media, vs)
    assert summary["status"] == "completed", summary
    rows = summary["variants"]
    assert [r["status"] for r in rows] == ["completed"] * 3
    assert [r["hook"] for r in rows] == ["Weekend runners?", "This is Peak.", "Hello, weekend runners."]
    for r in rows:
        assert Path(r["video"]).is_file() and r["video"].endswith("ad.mp4")
        assert 0 < r["scores"]["overall"] <= 100
        passes = r["scores"]["checklist_passes"]
        assert passes["measured"] >= 5 and passes["passed"] <= passes["measured"]
        assert r["cost_usd"] == 0.0  # offline: nothing is paid for
    # the hook is said and shown in each variant's first scene
    for r in rows:
        first = studio.store.get(r["generation_id"]).scenes[0]
        assert r["hook"] in first.voiceover


def test_clips_of_different_variants_render_at_the_same_time(made) -> None:
    _studio, vs, video, _image = made
    calls = [c for c in video.calls if c[0] in vs.generation_ids]
    assert len(calls) == 9  # 3 variants × 3 scenes, none rendered twice
    overlapping = {
        frozenset((a[0], b[0])) for a in calls for b in calls if a[0] != b[0] and a[2] < b[3] and b[2] < a[3]
    }
    touched = set().union(*overlapping) if overlapping else set()
    assert touched == set(vs.generation_ids), overlapping  # every variant rendered beside another


def test_references_are_painted_once_and_shared(made) -> None:
    studio, vs, _video, image = made
    gens = [studio.store.get(g) for g in vs.generation_ids]
    locations = [[r.location for r in g.references] for g in gens]
    assert locations[0] and locations == [locations[0]] * 3
    media = studio.ctx.providers.media
    assert all(media.local_path(loc).is_file() for loc in locations[0])
    painted = [c for c in image.calls if c[1] in REFERENCE_KINDS]
    assert len(painted) == len(locations[0])
    assert {c[0] for c in painted} == {vs.generation_ids[0]}  # on variant 1 only, charged to it


def test_marking_the_winner_is_stored_on_the_set(made) -> None:
    studio, vs, _video, _image = made
    second = vs.generation_ids[1]
    mark_winner(studio, vs.id, second)
    assert get_set(studio.store, vs.id).winner == second
    rows = set_summary(studio.store, studio.ctx.providers.media, get_set(studio.store, vs.id))["variants"]
    assert [r["winner"] for r in rows] == [False, True, False]
    with pytest.raises(BadInput, match="not a variant of this set"):
        mark_winner(studio, vs.id, "someone-else")
    assert get_set(studio.store, vs.id).winner == second
