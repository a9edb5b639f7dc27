"""The model registries are validated when loaded: a wrong entry stops with the file and entry named."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from studio.errors import ConfigError
from studio.providers.image_models import IMAGE_MODELS_PATH, load_image_models
from studio.providers.replicate_video import VIDEO_MODELS_PATH, load_video_models

VIDEO_YAML = yaml.safe_load(VIDEO_MODELS_PATH.read_text(encoding="utf-8"))
IMAGE_YAML = yaml.safe_load(IMAGE_MODELS_PATH.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> Path:
    data = copy.deepcopy(data)
    change(data["models"])
    path = tmp_path / "models.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _video_error(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> str:
    with pytest.raises(ConfigError) as info:
        load_video_models(_write(tmp_path, VIDEO_YAML, change))
    return str(info.value)


def test_the_shipped_registries_load() -> None:
    assert len(load_video_models()) == 5 and len(load_image_models().models) == 5


def test_an_unknown_video_key_names_the_file_the_entry_and_the_key(tmp_path: Path) -> None:
    message = _video_error(tmp_path, lambda m: m["google/veo-3.1"].update(resolutoin="720p"))
    assert message == f"{tmp_path / 'models.yaml'}, model google/veo-3.1: unknown key 'resolutoin'"


def test_an_unknown_key_inside_an_input_is_named_with_its_path(tmp_path: Path) -> None:
    message = _video_error(tmp_path, lambda m: m["wan-video/wan-2.2-i2v-fast"]["duration"].update(fsp=16))
    assert message.endswith("models.yaml, model wan-video/wan-2.2-i2v-fast: unknown key 'duration.fsp'")


@pytest.mark.parametrize(("change", "expected"), [
    (lambda m: m["kwaivgi/kling-v2.1"].pop("schema_checked"),
     "model kwaivgi/kling-v2.1: schema_checked: Field required"),
    (lambda m: m["kwaivgi/kling-v2.1"].update(schema_source="https://replicate.com/kwaivgi/kling-v2.5"),
     "kwaivgi/kling-v2.1: schema_source should be https://replicate.com/kwaivgi/kling-v2.1"),
    (lambda m: m["wan-video/wan-2.2-i2v-fast"]["duration"].update(fps=60),
     "model wan-video/wan-2.2-i2v-fast: duration: Value error, fps 60 is outside the model's 5-30"),
    (lambda m: m["google/veo-3.1"]["only_when"].update(end_frame={"mode": "pro"}),
     "model google/veo-3.1: Value error, only_when names inputs the entry never sends: end_frame, mode"),
], ids=["no-date", "wrong-page", "fps", "rule-typo"])
def test_a_wrong_video_entry_says_what_is_wrong(tmp_path: Path, change: Callable[[dict[str, Any]], None],
                                                expected: str) -> None:
    assert expected in _video_error(tmp_path, change)


def test_an_unknown_image_key_names_the_file_the_entry_and_the_key(tmp_path: Path) -> None:
    path = _write(tmp_path, IMAGE_YAML, lambda m: m["black-forest-labs/flux-schnell"].update(gofast=False))
    with pytest.raises(ConfigError, match=re.escape(f"{path}, model black-forest-labs/flux-schnell: "
                                                    "unknown key 'gofast'")):
        load_image_models(path)
