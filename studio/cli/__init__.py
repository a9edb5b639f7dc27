"""`python -m studio ...`: the same pipeline as the page, headless.

Exit codes: 0 success, 2 bad input (the message says what and how to fix it), 1 the generation
failed (the message names the stage and the cause).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from studio.cli.batch import add_batch_parser
from studio.cli.context import CliContext
from studio.cli.doctor import add_doctor_parser
from studio.cli.export import add_export_parser
from studio.cli.generate import add_generate_parsers
from studio.cli.models import add_models_parser
from studio.cli.parsing import LazySubcommands
from studio.cli.quality import add_images_parser, add_score_parser
from studio.cli.variants import add_variants_parser
from studio.errors import StudioError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    """One subcommand per command group; each module adds its own (and its options only when chosen)."""
    p = argparse.ArgumentParser(prog="python -m studio", description="Ad Studio: brief to scored MP4 ad.")
    sub = p.add_subparsers(dest="command", required=True, action=LazySubcommands)
    add_generate_parsers(sub)
    add_doctor_parser(sub)
    add_score_parser(sub)
    add_images_parser(sub)
    add_models_parser(sub)
    add_export_parser(sub)
    add_batch_parser(sub)
    add_variants_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    cli = CliContext()
    try:
        return int(args.func(args, cli))
    except StudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Stopped. Run `python -m studio resume <id>` to carry on.", file=sys.stderr)
        return 130
    finally:
        if cli._ctx is not None:
            _close(cli._ctx)


def _close(ctx: Any) -> None:
    """Leave work in flight to finish (Python joins the runner's threads at exit); close idle connections.

    Closing the database here, not in the interpreter's last garbage collection, lets `python -m studio`
    skip that collection (see studio/__main__.py) and still leave a checkpointed SQLite file.
    """
    if ctx.runner is not None:
        ctx.runner.shutdown(wait=False)
    ctx.store.engine.dispose()
