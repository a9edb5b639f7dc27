"""Every seed of an ad comes from its one seed: drawn here once, then derived here for each piece.

The ad's seed (`Generation.seed`, 0 to SEED_MAX) goes as it is to the story, the scenes, the references'
palette and every clip, so the same brief and seed make the same ad. A piece that must differ from its
siblings (the second reference, scene 3's keyframe, the story asked for a second time) takes
`derive(seed, ...)`: the ad's seed moved a fixed stride per step along each axis, wrapped into the range
that every model taking a seed accepts. The strides are the ones the stages used before they met here, so
an ad made from a seed before gives the same pictures and words now.

Derivation adds up: `derive(derive(s, repaint=1), index=2) == derive(s, repaint=1, index=2)`, so a stage
can hand a derived seed to a helper that derives once more.
"""

from __future__ import annotations

import secrets

from studio.models import SEED_MAX, Generation

SEEDS = SEED_MAX + 1
"""How many seeds there are: 0 to SEED_MAX, the range of `Brief.seed` and of the models' seed inputs."""

# One step along each axis. The strides are far apart and 7919 is prime, so within one stage's own steps
# (a reference's index and its repaints; a keyframe's scene and its attempts) no two pieces share a seed.
INDEX_STRIDE = 1
"""The n-th picture of one set: the references, the image lab's variations (seed, seed+1, …)."""
SCENE_STRIDE = 101
"""One scene: its keyframe, its rewrite."""
REPAINT_STRIDE = 1000
"""The n-th repaint of a reference asked for with feedback."""
ATTEMPT_STRIDE = 7919
"""The n-th fresh attempt at the same thing: a regenerated story, scenes or keyframe."""


def derive(seed: int | None, *, index: int = 0, scene: int = 0, repaint: int = 0, attempt: int = 0) -> int:
    """The seed of one piece of an ad: `seed` (None counts as 0) moved along each axis, in 0..SEED_MAX."""
    moved = (
        (seed or 0)
        + INDEX_STRIDE * index
        + SCENE_STRIDE * scene
        + REPAINT_STRIDE * repaint
        + ATTEMPT_STRIDE * attempt
    )
    return moved % SEEDS


def new_seed(room: int = 0) -> int:
    """A fresh random seed for an ad (or a set), leaving `room` seeds above it inside the range."""
    return secrets.randbelow(SEEDS - room)


def seed_control(gen: Generation) -> bool:
    """Whether seeds go to the models for this ad: the person's switch (the brief) and the pipeline's
    (`seed_control` in its YAML, as it stood when the ad was created) must both be on."""
    return gen.brief.seed_control and bool(gen.config.get("seed_control", True))


def model_seed(gen: Generation, seed: int | None = None) -> int | None:
    """The seed a model is sent for one piece of `gen` (the ad's own when `seed` is None), or None when
    seed control is off."""
    if not seed_control(gen):
        return None
    return gen.seed if seed is None else seed
