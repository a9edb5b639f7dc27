"""A real S3 endpoint for tests: moto's server on loopback, with fake credentials and one bucket.

In a test module: `moto_s3 = s3_fixture.moto_s3` and `s3_settings = s3_fixture.s3_settings`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from studio.config import Settings

BUCKET = "studio-test-bucket"
FAKE_ACCESS_KEY = "AKIAFAKE0123456789"
FAKE_SECRET_KEY = "fakeSecretKey/0123456789abcdefSECRET"


@pytest.fixture(scope="session")
def moto_s3() -> Iterator[str]:
    """The endpoint URL of a moto S3 server on 127.0.0.1 (a free port), for the whole session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_settings(moto_s3: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings for STUDIO_STORAGE=s3 on a fresh, empty bucket of the moto server."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", FAKE_ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", FAKE_SECRET_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    s3 = boto3.resource("s3", endpoint_url=moto_s3, region_name="us-east-1")
    bucket = s3.Bucket(BUCKET)
    if bucket.creation_date is None:
        bucket.create()
    bucket.objects.all().delete()
    return Settings(storage="s3", s3_bucket=BUCKET, s3_prefix="studio", s3_endpoint_url=moto_s3,
                    data_dir=tmp_path / "data")
