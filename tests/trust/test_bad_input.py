"""The bad-input corpus against the CLI: each case is refused with a message that says what to fix,
exit code 2, and nothing is lost: the finished generation already in the store is untouched and no
half-made generation is left behind."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import studio.logs
from studio.bootstrap import open_context
from studio.cli import main
from studio.config import Settings, load_pipeline_config
from studio.errors import ConfigError
from studio.service import Studio
from studio.store.repo import Store
from tests.trust import corpus
from tests.trust.helpers import PROMPT, brief, sqlite_url, tree_fingerprint

GEN = ["generate", "--auto", "--resolution", "360p", "--duration", "8", "--scenes", "3"]


@dataclass
class Existing:
    data: Path
    gen_id: str
    row: dict
    files: dict

    def store(self) -> Store:
        return Store.open(sqlite_url(self.data))

    def assert_intact(self) -> None:
        store = self.store()
        assert store.get(self.gen_id).model_dump(mode="json") == self.row
        assert tree_fingerprint(self.data / "media" / "generations" / self.gen_id) == self.files
        store.engine.dispose()


@pytest.fixture(scope="module")
def existing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Existing]:
    """A data folder holding one finished generation, which every bad input must leave as it was."""
    data = tmp_path_factory.mktemp("existing") / "data"
    ctx = open_context(Settings(data_dir=data, max_concurrent=2))
    try:
        gen = Studio(ctx).run(Studio(ctx).create(brief(duration_s=6)).id)
        assert gen.status == "completed", gen.error
        row = ctx.store.get(gen.id).model_dump(mode="json")
    finally:
        ctx.runner.shutdown()
    yield Existing(data, gen.id, row, tree_fingerprint(data / "media" / "generations" / gen.id))


@pytest.fixture
def cli(existing: Existing, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run `python -m studio ...` in this process against the existing data folder; (exit code, stderr)."""
    monkeypatch.setenv("STUDIO_DATA_DIR", str(existing.data))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    # configure_logging's default stream is the sys.stderr of import time; give it this test's capture.
    original = studio.logs.configure_logging
    monkeypatch.setattr(studio.logs, "configure_logging", lambda s: original(s, stream=sys.stderr))

    def run(argv: list[str]) -> tuple[int, str]:
        capsys.readouterr()
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse refuses before the studio starts
            code = int(exc.code or 0)
        finally:  # the CLI's log handler writes to this capture, which ends with the test
            root = logging.getLogger()
            for handler in [h for h in root.handlers if getattr(h, "_studio", False)]:
                root.removeHandler(handler)
        return code, capsys.readouterr().err

    return run


def _count(existing: Existing) -> int:
    store = existing.store()
    n = len(store.list_generations(limit=1000))
    store.engine.dispose()
    return n


# ── the corpus: (case, argv maker, what the message must say) ─────────────────────────────────────

Maker = Callable[[Path], list[str]]


def _upload(flag: str, name: str, data: Callable[[], bytes]) -> Maker:
    return lambda tmp: [*GEN, "--prompt", PROMPT, flag, str(corpus.write(tmp, name, data()))]


def _many_uploads(tmp: Path) -> list[str]:
    # Six uncompressible images of ~10.4 MB each (each under the 10 MB limit): 62 MB in all.
    files = [corpus.write(tmp, f"big_{i}.png", corpus.noise_png(1860, seed=i)) for i in range(6)]
    assert 60e6 < sum(f.stat().st_size for f in files) < 64e6
    return [*GEN, "--prompt", PROMPT, *[a for f in files for a in ("--product-image", str(f))]]


def _args(*extra: str) -> Maker:
    return lambda tmp: [*GEN, "--prompt", PROMPT, *extra]


CASES: dict[str, tuple[Maker, list[str]]] = {
    "png that is text": (
        _upload("--product-image", "photo.png", lambda: b"this is a shopping list, not a photo\n"),
        ["photo.png was refused", "its content is text", "JPEG, PNG or WebP"],
    ),
    "truncated jpeg": (
        _upload("--product-image", "cut.jpg", lambda: corpus.jpeg()[:1500]),
        ["cut.jpg was refused", "truncated or corrupt", "Export it again"],
    ),
    "20000x20000 pixel bomb": (
        _upload("--product-image", "bomb.png", corpus.pixel_bomb),
        ["20,000 × 20,000 pixels", "Resize it first"],
    ),
    "11 MB upload": (
        _upload("--logo", "huge.png", lambda: corpus.pixel_bomb(10, 10) + b"\0" * (11 * 1024 * 1024)),
        ["huge.png was refused", "at most 10.0 MB"],
    ),
    "60 MB across uploads": (_many_uploads, ["the limit is 50.0 MB per generation", "Remove an image"]),
    "svg logo": (
        _upload("--logo", "logo.svg", lambda: corpus.SVG),
        ["logo.svg was refused", "an SVG", "JPEG, PNG or WebP"],
    ),
    "gif product": (
        _upload("--product-image", "anim.gif", corpus.gif),
        ["anim.gif was refused", "a GIF", "Export it as one of those"],
    ),
    "missing image file": (
        lambda tmp: [*GEN, "--prompt", PROMPT, "--logo", str(tmp / "nowhere.png")],
        ["Cannot read logo image", "nowhere.png"],
    ),
    "empty prompt": (lambda tmp: [*GEN, "--prompt", "   "], ["--prompt", "the prompt is empty"]),
    "5001-character prompt": (lambda tmp: [*GEN, "--prompt", "a" * 5001], ["--prompt", "5000 characters"]),
    "seed -1": (_args("--seed", "-1"), ["--seed", "greater than or equal to 0"]),
    "seed 2^40": (_args("--seed", str(2**40)), ["--seed", "less than or equal to 2147483647"]),
    "duration 0": (_args("--duration", "0"), ["--duration", "greater than or equal to 6"]),
    "duration 10000": (_args("--duration", "10000"), ["--duration", "less than or equal to 120"]),
    "scene count 99": (_args("--scenes", "99"), ["--scenes", "less than or equal to 8"]),
    "unknown aspect ratio": (_args("--aspect-ratio", "21:9"), ["--aspect-ratio", "invalid choice"]),
    "resume an unknown id": (lambda tmp: ["resume", "nosuchgeneration"], ["No generation with id"]),
    "images --output-dir ../../etc": (
        lambda tmp: ["images", str(corpus.write(tmp, "p.txt", b"a red shoe")), "--output-dir", "../../etc"],
        ["--output-dir ../../etc leads outside the working folder", "give a folder inside it"],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=lambda c: c.replace(" ", "-"))
def test_bad_input_is_refused_clearly_and_nothing_is_lost(
    case: str, cli, existing: Existing, tmp_path: Path
) -> None:
    make, says = CASES[case]
    before = _count(existing)
    code, err = cli(make(tmp_path))
    assert code == 2, err
    for words in says:
        assert words in err, f"{words!r} not in {err!r}"
    assert "Traceback" not in err
    assert _count(existing) == before  # refused before a generation was stored
    existing.assert_intact()


# ── settings and files around the studio ───────────────────────────────────────────────────────────


@pytest.mark.parametrize("case", list(corpus.BAD_YAML), ids=lambda c: c.replace(" ", "-"))
def test_a_bad_pipeline_yaml_names_the_file_the_line_and_what_is_allowed(
    case: str, tmp_path: Path, cli, existing: Existing, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, says = corpus.BAD_YAML[case]
    path = corpus.write(tmp_path, "pipeline.yaml", text.encode())
    with pytest.raises(ConfigError) as err:
        load_pipeline_config(path)
    message = str(err.value)
    assert str(path) in message
    for words in says:
        assert words in message, f"{words!r} not in {message!r}"
    # The CLI stops on it before anything runs.
    monkeypatch.setenv("STUDIO_PIPELINE", str(path))
    code, out = cli([*GEN, "--prompt", PROMPT])
    assert code == 2 and str(path) in out and says[0] in out
    existing.assert_intact()


def test_an_unreachable_database_is_named_without_its_password(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://ads:hunter2-secret@127.0.0.1:1/studio")
    code, err = cli([*GEN, "--prompt", PROMPT])
    assert code == 2, err
    assert "Cannot reach the database at postgresql+psycopg://ads:***@127.0.0.1:1/studio" in err
    assert "Check DATABASE_URL" in err
    assert "hunter2" not in err


def test_a_data_folder_that_cannot_be_written_is_refused(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: Existing
) -> None:
    # Tests run as root, where chmod 0o500 stops nothing; a regular file where a folder should be
    # stops everyone: the data folder cannot be created under it.
    blocker = corpus.write(tmp_path, "not-a-folder", b"a file")
    monkeypatch.setenv("STUDIO_DATA_DIR", str(blocker / "data"))
    code, err = cli([*GEN, "--prompt", PROMPT])
    assert code == 2, err
    assert f"The data folder {blocker / 'data'} is not writable" in err
    assert "Set STUDIO_DATA_DIR to a folder you can write" in err
    assert blocker.read_bytes() == b"a file"
    existing.assert_intact()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 0o500 (see the case above)")
def test_a_read_only_data_folder_is_refused(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        monkeypatch.setenv("STUDIO_DATA_DIR", str(locked / "data"))
        code, err = cli([*GEN, "--prompt", PROMPT])
    finally:
        locked.chmod(0o700)
    assert code == 2 and "is not writable" in err and "Set STUDIO_DATA_DIR" in err
