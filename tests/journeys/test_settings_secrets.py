"""load_settings finds `.streamlit/secrets.toml` as Streamlit does: working directory first, then the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

import studio.config as config


def _secrets(folder: Path, text: str) -> Path:
    (folder / ".streamlit").mkdir(parents=True, exist_ok=True)
    path = folder / ".streamlit" / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_working_directorys_secrets_are_read_before_the_repos(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd, repo = tmp_path / "cwd", tmp_path / "repo"
    _secrets(cwd, 'OPENAI_API_KEY = "sk-from-cwd-0000"\nS3_PREFIX = "cwd"\n')
    _secrets(
        repo,
        'OPENAI_API_KEY = "sk-from-repo-0000"\nREPLICATE_API_TOKEN = "r8_from_repo"\nS3_PREFIX = "repo"\n',
    )
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(config, "ROOT", repo)

    s = config.load_settings({})
    assert s.openai_api_key is not None and s.openai_api_key.get_secret_value() == "sk-from-cwd-0000"
    assert s.s3_prefix == "cwd"
    # What the working directory's file lacks still comes from the repo's.
    assert s.replicate_api_token is not None and s.replicate_api_token.get_secret_value() == "r8_from_repo"
    # The environment wins over both.
    assert config.load_settings({"S3_PREFIX": "env"}).s3_prefix == "env"


def test_only_the_repos_secrets_when_the_working_directory_has_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    _secrets(repo, 'OPENAI_API_KEY = "sk-from-repo-0000"\n')
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path / "empty")
    monkeypatch.setattr(config, "ROOT", repo)
    s = config.load_settings({})
    assert s.openai_api_key is not None and s.openai_api_key.get_secret_value() == "sk-from-repo-0000"


def test_an_explicit_secrets_path_is_the_only_one_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _secrets(tmp_path, 'OPENAI_API_KEY = "sk-from-cwd-0000"\n')
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "other.toml"
    other.write_text('S3_PREFIX = "other"\n', encoding="utf-8")
    s = config.load_settings({}, other)
    assert s.openai_api_key is None and s.s3_prefix == "other"
