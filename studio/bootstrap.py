"""Wiring: settings → store → providers → job runner, once per process.

The CLI, the page and worker tasks all get their `StudioContext` here. Worker tasks (threads or Dask
workers) call `context_for(settings)`, which builds the context once per process and reuses it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from studio.config import PipelineConfig, Settings, load_pipeline_config, load_settings
from studio.errors import ConfigError
from studio.jobs import JobRunner
from studio.providers.registry import Providers, build_providers
from studio.store.repo import Store

log = logging.getLogger(__name__)


@dataclass
class StudioContext:
    settings: Settings
    pipeline: PipelineConfig
    store: Store
    providers: Providers
    runner: JobRunner | None = None

    @property
    def work_root(self) -> Path:
        """Scratch space for renders on this machine (results go to the media store)."""
        return Path(self.settings.data_dir) / "work"


def _check_data_dir(settings: Settings) -> None:
    data = Path(settings.data_dir)
    try:
        data.mkdir(parents=True, exist_ok=True)
        probe = data / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            f"The data folder {data} is not writable ({exc.strerror}). "
            "Set STUDIO_DATA_DIR to a folder you can write."
        ) from None


def open_context(
    settings: Settings | None = None,
    *,
    providers: Providers | None = None,
    with_runner: bool = True,
    runner: JobRunner | None = None,
) -> StudioContext:
    """Build everything one process needs; fails early with a clear message on a bad setting."""
    settings = settings or load_settings()
    _check_data_dir(settings)
    pipeline = load_pipeline_config(settings.pipeline_path)
    store = Store.open(settings.resolved_database_url)
    # Injected providers (tests) keep the meter they were built with; built ones meter into the store.
    providers = providers or build_providers(settings, meter=store)
    if with_runner and runner is None:
        runner = JobRunner(settings)
    return StudioContext(settings, pipeline, store, providers, runner)


_contexts: dict[str, StudioContext] = {}
_contexts_lock = threading.Lock()


def context_for(settings: Settings) -> StudioContext:
    """The worker-side context for these settings, built once per process."""
    key = settings.fingerprint()
    with _contexts_lock:
        ctx = _contexts.get(key)
        if ctx is None:
            ctx = open_context(settings, with_runner=False)
            _contexts[key] = ctx
        return ctx


def register_context(ctx: StudioContext) -> None:
    """Let worker tasks in this process reuse an already-built context (and its injected providers)."""
    with _contexts_lock:
        _contexts[ctx.settings.fingerprint()] = ctx
