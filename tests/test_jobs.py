"""The job runner at a process exit: it lets go of its work whatever executor it was given."""

from __future__ import annotations

from concurrent.futures import Future

from studio.config import Settings
from studio.runtime.jobs import JobRunner, _runners


class ClientExecutorLike:
    """Shaped like distributed's ClientExecutor: its shutdown takes `wait` only (no cancel_futures)."""

    def __init__(self) -> None:
        self.shutdowns: list[bool] = []

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        future: Future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait=True):  # type: ignore[no-untyped-def]
        self.shutdowns.append(wait)


def test_exit_now_lets_a_dask_like_executor_go_without_waiting(tmp_path) -> None:
    executor = ClientExecutorLike()
    runner = JobRunner(Settings(data_dir=tmp_path), executor=executor)  # type: ignore[arg-type]
    try:
        assert runner.exit_now(grace_s=0.0) is True  # nothing driven: idle at once
        assert executor.shutdowns == [False] and runner.exiting.is_set()
    finally:
        _runners.discard(runner)


def test_try_drive_starts_nothing_while_a_driver_runs(tmp_path) -> None:
    import threading

    runner = JobRunner(Settings(data_dir=tmp_path))
    gate, ran = threading.Event(), []
    try:
        first = runner.try_drive("g1", lambda: gate.wait(10))
        assert first is not None
        assert runner.try_drive("g1", lambda: ran.append("second")) is None
        assert runner.drive("g1", lambda: ran.append("third")) is first  # drive hands back the running one
        gate.set()
        first.result(timeout=10)
        assert ran == []
        again = runner.try_drive("g1", lambda: ran.append("after"))
        assert again is not None
        again.result(timeout=10)
        assert ran == ["after"]
    finally:
        gate.set()
        runner.shutdown()
        _runners.discard(runner)
