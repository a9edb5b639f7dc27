"""S3Store against moto's real S3 server on loopback: objects stored, links fetchable, cache used."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import httpx
import pytest

from studio.config import Settings
from studio.errors import ConfigError, NotFound
from studio.media.s3 import S3Store
from studio.providers.registry import build_media_store
from studio.providers.replicate_common import file_link
from tests.media import s3_fixture
from tests.media.s3_fixture import BUCKET

moto_s3 = s3_fixture.moto_s3
s3_settings = s3_fixture.s3_settings


def test_put_file_and_bytes_land_under_the_prefix_and_links_are_fetchable(
        s3_settings: Settings, tmp_path: Path) -> None:
    store = build_media_store(s3_settings)
    assert isinstance(store, S3Store) and store.name == f"S3 {BUCKET}"
    src = tmp_path / "clip.mp4"
    src.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)))
    loc = store.put_file("generations/g1/clips/scene_1.mp4", src)
    loc2 = store.put_bytes("generations/g1/refs/product.png", b"\x89PNG fake", "image/png")
    assert (loc, loc2) == ("generations/g1/clips/scene_1.mp4", "generations/g1/refs/product.png")

    raw = boto3.client("s3", endpoint_url=s3_settings.s3_endpoint_url, region_name="us-east-1")
    keys = sorted(o["Key"] for o in raw.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert keys == ["studio/generations/g1/clips/scene_1.mp4", "studio/generations/g1/refs/product.png"]
    head = raw.head_object(Bucket=BUCKET, Key="studio/generations/g1/clips/scene_1.mp4")
    assert head["ContentType"] == "video/mp4"

    url = store.url(loc)
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["86400"] and "X-Amz-Signature" in query
    assert httpx.get(url).content == src.read_bytes()
    assert httpx.get(store.url(loc2)).content == b"\x89PNG fake"
    assert store.exists(loc) and not store.exists("generations/g1/clips/scene_9.mp4")


def test_local_path_downloads_once_into_the_cache(s3_settings: Settings, tmp_path: Path) -> None:
    writer = S3Store.from_settings(s3_settings)
    writer.put_bytes("a/b.txt", b"hello")
    reader = S3Store.from_settings(s3_settings.model_copy(update={"data_dir": tmp_path / "other"}))
    path = reader.local_path("a/b.txt")
    assert path.read_bytes() == b"hello" and path.is_relative_to(tmp_path / "other")
    assert reader.location_of(path) == "a/b.txt"
    assert reader.location_of(tmp_path / "elsewhere.png") is None
    with pytest.raises(NotFound):
        reader.local_path("a/missing.txt")


def test_providers_get_a_presigned_link_for_stored_files(s3_settings: Settings, tmp_path: Path) -> None:
    store = S3Store.from_settings(s3_settings)
    store.put_bytes("g1/last_frame.png", b"\x89PNG frame")
    link = file_link(store.local_path("g1/last_frame.png"), store)
    assert link.startswith(s3_settings.s3_endpoint_url) and httpx.get(link).content == b"\x89PNG frame"
    outside = tmp_path / "x.png"
    outside.write_bytes(b"\x89PNG")
    assert file_link(outside, store).startswith("data:image/png;base64,")


def test_missing_bucket_setting_says_what_to_set() -> None:
    with pytest.raises(ConfigError, match="S3_BUCKET"):
        S3Store.from_settings(Settings(storage="s3"))
