"""Logs are JSON lines with the generation id, scrubbed of anything shaped like a key or token."""

from __future__ import annotations

import io
import json
import logging

import pytest
from pydantic import SecretStr

from studio.config import Settings
from studio.logs import configure_logging, logging_for, scrub


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("calling with sk-proj-AbCdEf0123456789xyz", "sk-proj-AbCdEf0123456789xyz"),
        ("token r8_Zx9Yq8Wp7Vo6Un5Tm4 refused", "r8_Zx9Yq8Wp7Vo6Un5Tm4"),
        ("aws key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE"),
        ("Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.abc", "eyJhbGciOi.JIUzI1NiJ9.abc"),
        ('{"api_key": "hunter2hunter2"}', "hunter2hunter2"),
        ("postgresql://studio:s3cretpw@db:5432/studio", "s3cretpw"),
    ],
)
def test_scrub_removes_key_shaped_text(text: str, secret: str) -> None:
    cleaned = scrub(text)
    assert secret not in cleaned and "***" in cleaned


def test_log_lines_are_json_with_generation_and_no_known_secret(tmp_path) -> None:
    key = "custom-secret-value-without-a-known-shape"
    stream = io.StringIO()
    configure_logging(Settings(data_dir=tmp_path, openai_api_key=SecretStr(key)), stream=stream)
    log = logging.getLogger("studio.test")
    with logging_for("gen123"):
        log.info("stage done with %s", key, extra={"stage": "story", "duration_s": 0.25})
    entry = json.loads(stream.getvalue().strip().splitlines()[-1])
    assert entry["generation_id"] == "gen123"
    assert (entry["stage"], entry["duration_s"]) == ("story", 0.25)
    assert key not in stream.getvalue() and "***" in entry["message"]
    logging.getLogger().handlers[:] = [
        h for h in logging.getLogger().handlers if not getattr(h, "_studio", 0)
    ]
