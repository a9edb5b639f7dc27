"""Settings from the environment and secrets; the pipeline YAML and prompt files, validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.config import PROMPTS_DIR, load_pipeline_config, load_prompt, load_settings
from studio.errors import ConfigError
from studio.providers.ports import TextTask


def test_environment_wins_over_secrets_and_keys_never_print(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('OPENAI_API_KEY = "sk-from-secrets-000000"\nS3_PREFIX = "from-secrets"\n')
    s = load_settings({"S3_PREFIX": "from-env", "STUDIO_OFFLINE": "1"}, secrets)
    assert s.s3_prefix == "from-env"
    assert s.openai_api_key is not None and s.openai_api_key.get_secret_value() == "sk-from-secrets-000000"
    assert s.offline and not s.use_openai  # forced offline although a key is set
    assert "sk-from-secrets" not in repr(s) and "sk-from-secrets" not in s.model_dump_json()


def test_invalid_settings_name_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="STUDIO_EXECUTOR"):
        load_settings({"STUDIO_EXECUTOR": "cluster-please"}, tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="STUDIO_MAX_CONCURRENT"):
        load_settings({"STUDIO_MAX_CONCURRENT": "lots"}, tmp_path / "none.toml")


def test_default_database_is_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    s = load_settings({"STUDIO_DATA_DIR": str(tmp_path)}, tmp_path / "none.toml")
    assert s.resolved_database_url == f"sqlite:///{tmp_path.resolve() / 'studio.db'}"


def test_the_shipped_pipeline_file_has_the_agreed_defaults() -> None:
    cfg = load_pipeline_config()
    assert (cfg.iterations.story, cfg.iterations.scenes) == (3, 2)
    assert (cfg.timeouts_s.story, cfg.timeouts_s.scenes, cfg.timeouts_s.clips) == (120, 180, 600)
    assert (cfg.quality.good, cfg.quality.acceptable, cfg.clips.in_flight, cfg.seed_control) == (
        80,
        60,
        5,
        True,
    )


def test_an_unknown_key_names_its_line_and_what_is_allowed(tmp_path: Path) -> None:
    bad = tmp_path / "pipeline.yaml"
    bad.write_text("iterations:\n  story: 3\n  chapters: 9\n")
    with pytest.raises(ConfigError) as err:
        load_pipeline_config(bad)
    assert "line 3" in str(err.value) and "iterations.chapters" in str(err.value)
    assert "allowed: story, scenes" in str(err.value)


def test_every_text_task_has_a_prompt_file_with_its_variables() -> None:
    for task in TextTask.__args__:  # type: ignore[attr-defined]
        prompt = load_prompt(task)
        system, user = prompt.render(**{v: f"<{v}>" for v in prompt.variables})
        assert system.strip() and user.strip()
        for v in prompt.variables:
            assert f"<{v}>" in system + user, f"{task}: ${v} is declared but never used"
    assert (PROMPTS_DIR / "vision_analysis.yaml").is_file()
