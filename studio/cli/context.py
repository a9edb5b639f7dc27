"""What every command is handed: the studio's context, opened only when a command needs it."""

from __future__ import annotations

import sys
from typing import Any


class CliContext:
    """What the subcommands need, built lazily so `--help` and bad input never open the database."""

    def __init__(self) -> None:
        self._ctx: Any = None

    @property
    def studio_context(self):  # type: ignore[no-untyped-def]
        if self._ctx is None:
            from studio.bootstrap import open_context
            from studio.logs import configure_logging

            self._ctx = open_context()
            configure_logging(self._ctx.settings)
            for notice in self._ctx.providers.notices:  # a retired model replaced, a shutdown coming
                print(f"warning: {notice}", file=sys.stderr)
        return self._ctx

    @property
    def settings(self):  # type: ignore[no-untyped-def]
        return self.studio_context.settings

    @property
    def providers(self):  # type: ignore[no-untyped-def]
        return self.studio_context.providers
