"""Subcommands whose options are added only when that subcommand is chosen.

A command's options can need heavy imports (the data models for the aspect ratios, the quality package
and OpenCV for `images`, the variants planner for `variants`). Listing every command in `--help`, or
running `generate`, should not pay for the options of all the others.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

AddOptions = Callable[[argparse.ArgumentParser], object]


class LazySubcommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """`add_subparsers(action=LazySubcommands)`: a command's options are added as it is parsed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pending: dict[str, AddOptions] = {}

    def defer(self, name: str, add_options: AddOptions) -> None:
        self._pending[name] = add_options

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        add_options = self._pending.pop(values[0], None)
        if add_options is not None:
            add_options(self._name_parser_map[values[0]])
        super().__call__(parser, namespace, values, option_string)


def add_command(subparsers: Any, name: str, help: str, add_options: AddOptions) -> argparse.ArgumentParser:
    """Add the `name` command; its options now, or when it is chosen if `subparsers` is lazy."""
    p: argparse.ArgumentParser = subparsers.add_parser(name, help=help)
    if isinstance(subparsers, LazySubcommands):
        subparsers.defer(name, add_options)
    else:
        add_options(p)
    return p
