"""One finished rendition of an ad per aspect ratio: the ad itself, or a re-export of it, made once.

A re-export reuses the story, references and scenes and renders the clips anew at the other shape, so
captions, headline and logo are laid out for that shape's safe zone. Re-exports made for a pack are
remembered (per source ad version and scene set), so a second pack reuses them instead of rendering again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path
from typing import Any

from studio.errors import BadInput, NotFound, RenderError
from studio.models import Ad, Generation

log = logging.getLogger(__name__)
_lock = threading.Lock()
POLL_S = 0.5
"""How often a rendition being made is looked at: the pack goes on once its ad exists, not its scores."""


def current_version(gen: Generation) -> int:
    """The number of the version a pack exports: the newest finished one (1 before versions existed)."""
    done = [v.number for v in gen.versions if v.ad is not None]
    return max(done) if done else 1


def fingerprint(gen: Generation) -> str:
    """What a re-export depends on: the scenes, references, brief (bar the shape) and the sound settings."""
    brief = gen.brief.model_dump(mode="json", exclude={"aspect_ratio", "mode"})
    parts = {
        "brief": brief,
        "scenes": [s.model_dump(mode="json", exclude={"quality_score"}) for s in gen.scenes],
        "references": [r.location for r in gen.references],
        "assembly": gen.assembly.model_dump(mode="json"),
        "version": current_version(gen),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:20]


def _finished(gen: Generation) -> Ad | None:
    return gen.ad if gen.status in ("completed", "scoring") and gen.ad is not None else None


class Renditions:
    """Finds or makes the finished generation holding the ad at each aspect ratio."""

    def __init__(self, studio: Any, cache_file: Path) -> None:
        self.studio = studio
        self.store = studio.store
        self.cache_file = cache_file

    def _cache(self) -> dict[str, str]:
        try:
            return json.loads(self.cache_file.read_text())
        except (OSError, ValueError):
            return {}

    def _remember(self, key: str, gen_id: str) -> None:
        with _lock:
            cache = self._cache()
            cache[key] = gen_id
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_file.with_suffix(".part")
            tmp.write_text(json.dumps(cache, indent=1))
            tmp.replace(self.cache_file)

    def _reusable(self, key: str) -> Generation | None:
        gen_id = self._cache().get(key)
        if gen_id is None:
            return None
        try:
            gen = self.store.get(gen_id)
        except NotFound:
            return None
        return gen if _finished(gen) is not None else None

    def _wait_for_ad(self, gen_id: str, future: Future) -> Generation:
        """The generation once its ad exists (its scores may still be on their way) or its driver ends."""
        while True:
            try:
                future.result(timeout=POLL_S)
            except FuturesTimeout:
                gen = self.store.get(gen_id)
                if _finished(gen) is not None:
                    return gen
                continue
            return self.store.get(gen_id)

    def make(
        self, source: Generation, aspects: list[str], on_progress: Callable[[float, str], None]
    ) -> dict[str, Generation]:
        """The finished generation for each aspect ratio; missing ones re-exported in parallel."""
        out: dict[str, Generation] = {}
        print_key = fingerprint(source)
        started: dict[str, tuple[str, Future]] = {}
        for aspect in aspects:
            if aspect == source.brief.aspect_ratio:
                out[aspect] = source
                continue
            key = f"{print_key}:{aspect}"
            found = self._reusable(key)
            if found is not None:
                log.info("delivery: reusing rendition %s at %s", found.id, aspect)
                out[aspect] = found
                continue
            gen = self.studio.reexport(source.id, aspect, owner=source.owner)
            started[aspect] = (key, self.studio.start(gen.id))
            out[aspect] = gen
        for k, (aspect, (key, future)) in enumerate(started.items()):
            on_progress(k / max(1, len(started)), f"Rendering the {aspect} version")
            gen = self._wait_for_ad(out[aspect].id, future)
            if _finished(gen) is None:
                if gen.status == "awaiting_approval":
                    raise BadInput(
                        f"The {aspect} version is waiting for approval (ad {gen.id}): approve it, then "
                        "make the pack again."
                    )
                raise RenderError(f"The {aspect} version could not be made: {gen.error or gen.status}")
            self._remember(key, gen.id)
            out[aspect] = gen
        return out
