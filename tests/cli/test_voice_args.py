"""`generate --caption-style --voice --language` reach the brief; a bad language is named by its flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.cli import _parser
from studio.cli.brief import brief_from_args as _brief
from studio.errors import BadInput
from studio.media.storage import LocalStore


def test_generate_flags_reach_the_brief(tmp_path: Path) -> None:
    argv = ["generate", "--prompt", "Café Sol.", "--caption-style", "highlight", "--voice", "es-419",
            "--language", "es"]  # fmt: skip
    brief = _brief(_parser().parse_args(argv), LocalStore(tmp_path))
    assert (brief.caption_style, brief.voice, brief.language) == ("highlight", "es-419", "es")
    plain = _brief(_parser().parse_args(["generate", "--prompt", "x"]), LocalStore(tmp_path))
    assert (plain.caption_style, plain.voice, plain.language) == ("plain", None, "")  # the brief's own


def test_a_bad_language_names_its_flag(tmp_path: Path) -> None:
    args = _parser().parse_args(["generate", "--prompt", "x", "--language", "Spanish"])
    with pytest.raises(BadInput, match="--language"):
        _brief(args, LocalStore(tmp_path))
    with pytest.raises(SystemExit):
        _parser().parse_args(["generate", "--prompt", "x", "--caption-style", "karaoke"])
