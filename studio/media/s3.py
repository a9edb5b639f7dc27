"""Media in an S3 bucket (AWS, MinIO, R2: any endpoint), with presigned links that last 24 h.

Locations are keys relative to `S3_PREFIX`, so the same location works in either store. Credentials come
from the usual AWS environment variables (or the instance role); they are never logged.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import tempfile
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from studio.config import Settings
from studio.errors import ConfigError, NotFound, ProviderAuthError, ProviderError
from studio.media.storage import _safe_key

log = logging.getLogger(__name__)
DAY_S = 86400


class S3Store:
    """MediaStore on S3; `local_path` downloads into a cache folder on first use."""

    def __init__(self, client: Any, bucket: str, prefix: str, cache_dir: Path) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.cache_dir = Path(cache_dir).resolve()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.name = f"S3 {bucket}"

    @classmethod
    def from_settings(cls, settings: Settings) -> S3Store:
        """A store on the bucket and endpoint the settings name."""
        if not settings.s3_bucket:
            raise ConfigError("STUDIO_STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT_URL for MinIO or R2).")
        region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        # Path-style addressing works with every S3-compatible server; v4 signatures with every region.
        config = Config(signature_version="s3v4", s3={"addressing_style": "path"},
                        retries={"max_attempts": 5, "mode": "standard"})
        client = boto3.client("s3", endpoint_url=settings.s3_endpoint_url, region_name=region, config=config)
        return cls(client, settings.s3_bucket, settings.s3_prefix, Path(settings.data_dir) / "s3-cache")

    def _key(self, location: str) -> str:
        key = _safe_key(location)
        return f"{self.prefix}/{key}" if self.prefix else key

    def _fail(self, exc: Exception, doing: str) -> Exception:
        if isinstance(exc, ClientError):
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "403"):
                return ProviderAuthError(
                    f"S3 refused access while {doing}: check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and "
                    f"the bucket policy of {self.bucket}", provider="S3")
            if code in ("NoSuchBucket",):
                return ConfigError(f"The bucket {self.bucket} does not exist: check S3_BUCKET.")
            if code in ("NoSuchKey", "404"):
                return NotFound(f"No stored file at {doing}.")
            return ProviderError(f"S3 failed while {doing} ({code}).", provider="S3", retryable=True)
        return ProviderError(f"S3 could not be reached while {doing} ({type(exc).__name__}).", provider="S3",
                             retryable=True)

    def put_file(self, key: str, path: Path) -> str:
        """Upload a local file; returns its location."""
        location = _safe_key(key)
        content_type = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        try:
            self.client.upload_file(str(path), self.bucket, self._key(location),
                                    ExtraArgs={"ContentType": content_type})
        except (ClientError, BotoCoreError) as exc:
            raise self._fail(exc, f"uploading {location}") from None
        self._cache(location, Path(path).read_bytes())
        return location

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        """Upload bytes; returns their location."""
        location = _safe_key(key)
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._key(location), Body=data,
                                   ContentType=content_type)
        except (ClientError, BotoCoreError) as exc:
            raise self._fail(exc, f"uploading {location}") from None
        self._cache(location, data)
        return location

    def _cache_path(self, location: str) -> Path:
        return self.cache_dir / _safe_key(location)

    def _cache(self, location: str, data: bytes) -> None:
        dest = self._cache_path(location)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, dest)

    def local_path(self, location: str) -> Path:
        """A local copy of the object (downloaded once into the cache)."""
        dest = self._cache_path(location)
        if dest.is_file():
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
        os.close(fd)
        try:
            self.client.download_file(self.bucket, self._key(location), tmp)
            os.replace(tmp, dest)
        except (ClientError, BotoCoreError) as exc:
            Path(tmp).unlink(missing_ok=True)
            raise self._fail(exc, location) from None
        return dest

    def location_of(self, path: Path) -> str | None:
        """The location of a file in this store's cache, or None for a file from elsewhere."""
        try:
            rel = Path(path).resolve().relative_to(self.cache_dir)
        except ValueError:
            return None
        location = rel.as_posix()
        return location if self.exists(location) else None

    def url(self, location: str, expires_s: int = DAY_S) -> str:
        """A presigned GET link (24 h by default) a browser or a provider can fetch."""
        return self.client.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": self._key(location)}, ExpiresIn=expires_s
        )

    def exists(self, location: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(location))
            return True
        except ClientError as exc:
            if str(exc.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey", "NotFound"):
                return False
            raise self._fail(exc, f"checking {location}") from None
