"""Wiring: settings → store → providers → job runner, once per process.

The CLI and the page get their `StudioContext` here. Worker tasks (studio/pipeline/tasks.py, on threads or
Dask workers) call `context_for(settings)`, which builds the context once per process and reuses it, keyed
on the settings' fingerprint (it covers secret values and stores none). `run_for` makes the `Run` that
work on one generation carries.
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from studio.config import PipelineConfig, Settings, load_pipeline_config, load_settings
from studio.errors import ConfigError
from studio.lifecycle import stop_check
from studio.models import OnProgress
from studio.providers.model_choice import ModelChoice, choose_models
from studio.providers.registry import Providers, build_providers
from studio.run import Run
from studio.runtime.jobs import JobRunner
from studio.runtime.memory import configure_heap
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

    def run_for(self, gen_id: str, on_progress: OnProgress | None = None) -> Run:
        """The Run for work on `gen_id`: calls charged to it in the store, its Stop honoured."""
        stored_stop = stop_check(self.store, gen_id)
        event = self.runner.cancel_event(gen_id) if self.runner is not None else None

        exiting = self.runner.exiting if self.runner is not None else None

        def cancelled() -> bool:
            return any(flag is not None and flag.is_set() for flag in (event, exiting)) or stored_stop()

        run = Run(gen_id, meter=self.store, cancelled=cancelled)
        return run.with_progress(on_progress) if on_progress is not None else run


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
    configure_heap()
    settings = settings or load_settings()
    _check_data_dir(settings)
    pipeline = load_pipeline_config(settings.pipeline_path)
    store = Store.open(settings.resolved_database_url)
    if providers is None:
        choice = read_catalogues_and_choose(settings)
        settings = choice.settings
        providers = build_providers(settings, choice)
    else:  # its own key in the workers' registry: two contexts on the same settings keep their providers
        settings = settings.model_copy(update={"providers_tag": uuid.uuid4().hex})
    if with_runner and runner is None:
        runner = JobRunner(settings)
    return StudioContext(settings, pipeline, store, providers, runner)


def read_catalogues_and_choose(settings: Settings) -> ModelChoice:
    """At start-up, with a key: the providers' live catalogues (cached for a day), then the models.

    Settings already resolved (a worker's copy of the page's) are taken as they are: no network.
    """
    if settings.models_resolved:
        return choose_models(settings)
    from studio.providers.live_catalogue import openai_models, replicate_models
    from studio.providers.model_choice import replicate_models_in_use

    openai_live = openai_models(settings) if settings.use_openai else None
    replicate_live = (replicate_models(settings, replicate_models_in_use(settings))
                      if settings.use_replicate else None)
    return choose_models(settings, openai_live, replicate_live)


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
    """Let worker tasks in this process reuse an already-built context (and its injected providers).

    Contexts with injected providers carry a `providers_tag` of their own, so none replaces another.
    """
    with _contexts_lock:
        _contexts[ctx.settings.fingerprint()] = ctx
