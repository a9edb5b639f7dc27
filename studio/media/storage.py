"""Media stores: a local folder by default; S3 (any endpoint) when STUDIO_STORAGE=s3 (see s3.py).

A location is a key such as `generations/<id>/clips/scene_1.mp4`. Writes go to a temporary name and
are renamed into place, so a half-written file is never taken for a finished one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from studio.errors import BadInput


def _safe_key(key: str) -> str:
    parts = [p for p in key.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        raise BadInput(f"Invalid media key {key!r}")
    return "/".join(parts)


class LocalStore:
    """Media in a folder on this machine (the default)."""

    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, location: str) -> Path:
        return self.root / _safe_key(location)

    def put_file(self, key: str, path: Path) -> str:
        key = _safe_key(key)
        dest = self._path(key)
        if Path(path).resolve() == dest:
            return key
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
        os.close(fd)
        try:
            shutil.copyfile(path, tmp)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return key

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        key = _safe_key(key)
        dest = self._path(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return key

    def local_path(self, location: str) -> Path:
        return self._path(location)

    def url(self, location: str, expires_s: int = 86400) -> str:
        return str(self._path(location))

    def exists(self, location: str) -> bool:
        return self._path(location).is_file()
