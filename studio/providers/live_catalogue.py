"""The providers' live catalogues: which models exist today, their shutdown dates and input schemas.

Read at start-up when a key is set (never in the generation path), and cached in the data folder for a
day: OpenAI's `GET /v1/models` (each model's `shutdown_date`), and for each configured Replicate model
its model endpoint (the latest version's input schema). A read that fails is logged and left out: the
studio then goes by its own catalogue files (config/*_models.yaml), whose dates say how old they are.
Nothing here stores or prints a key.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.config import Settings

if TYPE_CHECKING:  # an offline process never loads the HTTP client
    import httpx

log = logging.getLogger(__name__)

FRESH_FOR = timedelta(days=1)
OPENAI_API = "https://api.openai.com/v1"
REPLICATE_API = "https://api.replicate.com"


class CatalogueReadError(Exception):
    """The live catalogue could not be read; `status` is the HTTP status when there was one."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class OpenAIModels:
    """The models an OpenAI (or compatible) server lists, each with its shutdown date (None: none)."""

    source: str
    read_at: datetime
    models: dict[str, date | None]


@dataclass(frozen=True)
class ReplicateSchema:
    """A Replicate model's latest version: its id and input names (None when the model is not found)."""

    version: str | None
    inputs: frozenset[str]
    required: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ReplicateModels:
    source: str
    read_at: datetime
    models: dict[str, ReplicateSchema | None] = field(default_factory=dict)


def parse_shutdown(value: Any) -> date | None:
    """A `shutdown_date` as OpenAI writes it (ISO date, ISO time, or Unix seconds); None when absent."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, UTC).date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        log.warning("The model catalogue gave a shutdown date we cannot read: %r", value)
        return None


# ── reading ──────────────────────────────────────────────────────────────────────────────────────


def fetch_openai(settings: Settings, client: httpx.Client | None = None) -> OpenAIModels:
    """`GET /v1/models` on the configured server, now. Raises CatalogueReadError."""
    assert settings.openai_api_key is not None, "fetch_openai needs OPENAI_API_KEY"
    base = (settings.openai_base_url or OPENAI_API).rstrip("/")
    key = settings.openai_api_key.get_secret_value()
    data = _get_json(client, f"{base}/models", key, "OpenAI", "OPENAI_API_KEY")
    rows = data.get("data") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise CatalogueReadError(f"The model list from {base} is not in OpenAI's format")
    models = {str(r["id"]): parse_shutdown(r.get("shutdown_date")) for r in rows
              if isinstance(r, dict) and r.get("id")}
    return OpenAIModels(source=f"{base}/models", read_at=datetime.now(UTC), models=models)


def fetch_replicate(settings: Settings, names: Iterable[str], client: httpx.Client | None = None
                    ) -> ReplicateModels:
    """Each named model's endpoint on Replicate, now: the latest version's input schema."""
    assert settings.replicate_api_token is not None, "fetch_replicate needs REPLICATE_API_TOKEN"
    base = (settings.replicate_base_url or REPLICATE_API).rstrip("/")
    token = settings.replicate_api_token.get_secret_value()
    found: dict[str, ReplicateSchema | None] = {}
    for name in dict.fromkeys(names):
        try:
            data = _get_json(client, f"{base}/v1/models/{name}", token, "Replicate", "REPLICATE_API_TOKEN")
        except CatalogueReadError as exc:
            if exc.status == 404:
                found[name] = None
                continue
            raise
        found[name] = _schema_of(data)
    return ReplicateModels(source=f"{base}/v1/models", read_at=datetime.now(UTC), models=found)


def check_replicate_token(settings: Settings, client: httpx.Client | None = None) -> str:
    """One cheap call (`GET /v1/account`): the account's name. Raises CatalogueReadError."""
    assert settings.replicate_api_token is not None
    base = (settings.replicate_base_url or REPLICATE_API).rstrip("/")
    data = _get_json(client, f"{base}/v1/account", settings.replicate_api_token.get_secret_value(),
                     "Replicate", "REPLICATE_API_TOKEN")
    return str(data.get("username") or data.get("name") or "?") if isinstance(data, dict) else "?"


def _schema_of(data: Any) -> ReplicateSchema:
    version = (data or {}).get("latest_version") or {}
    schema = (((version.get("openapi_schema") or {}).get("components") or {}).get("schemas") or {})
    inputs = schema.get("Input") or {}
    return ReplicateSchema(
        version=version.get("id"),
        inputs=frozenset((inputs.get("properties") or {}).keys()),
        required=frozenset(inputs.get("required") or ()),
    )


def _get_json(client: httpx.Client | None, url: str, key: str, provider: str, key_var: str) -> Any:
    import httpx

    own = client is None
    http = client or httpx.Client(timeout=15.0)
    try:
        response = http.get(url, headers={"Authorization": f"Bearer {key}"})
    except httpx.HTTPError as exc:
        raise CatalogueReadError(f"{provider} could not be reached to read its models "
                                 f"({type(exc).__name__})") from None
    finally:
        if own:
            http.close()
    if response.status_code in (401, 403):
        raise CatalogueReadError(f"{provider} refused the key: check {key_var}", response.status_code)
    if response.status_code != 200:
        raise CatalogueReadError(f"{provider} answered {response.status_code} to {url}", response.status_code)
    try:
        return response.json()
    except ValueError:
        raise CatalogueReadError(f"{provider} answered {url} with something that is not JSON") from None


# ── the day's cache ──────────────────────────────────────────────────────────────────────────────


def _cache_path(settings: Settings, provider: str, server: str | None) -> Path:
    tag = hashlib.sha256((server or "default").encode()).hexdigest()[:10]
    return Path(settings.data_dir) / "catalogue" / f"{provider}-{tag}.json"


def _fresh(path: Path, now: datetime) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        read_at = datetime.fromisoformat(data["read_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data if now - read_at < FRESH_FOR else None


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        log.warning("Could not cache the model catalogue in %s: %s", path.parent, exc.strerror)


def openai_models(settings: Settings, *, refresh: bool = False, client: httpx.Client | None = None
                  ) -> OpenAIModels | None:
    """The OpenAI catalogue: the day's cached copy, else read now; None (logged) when it cannot be read."""
    if settings.openai_api_key is None or settings.offline:
        return None
    path = _cache_path(settings, "openai", settings.openai_base_url)
    now = datetime.now(UTC)
    cached = None if refresh else _fresh(path, now)
    if cached is not None:
        return OpenAIModels(cached["source"], datetime.fromisoformat(cached["read_at"]),
                            {k: parse_shutdown(v) for k, v in cached["models"].items()})
    try:
        live = fetch_openai(settings, client)
    except CatalogueReadError as exc:
        log.warning("Could not read the OpenAI model catalogue (%s): going by config/text_models.yaml "
                    "and config/speech_models.yaml", exc)
        return None
    _write(path, {"source": live.source, "read_at": live.read_at.isoformat(),
                  "models": {k: v.isoformat() if v else None for k, v in live.models.items()}})
    return live


def replicate_models(settings: Settings, names: Iterable[str], *, refresh: bool = False,
                     client: httpx.Client | None = None) -> ReplicateModels | None:
    """The named Replicate models' live schemas: the day's cache, else read now; None when unreadable."""
    if settings.replicate_api_token is None or settings.offline:
        return None
    names = sorted(set(names))
    path = _cache_path(settings, "replicate", f"{settings.replicate_base_url}|{','.join(names)}")
    now = datetime.now(UTC)
    cached = None if refresh else _fresh(path, now)
    if cached is not None:
        return ReplicateModels(cached["source"], datetime.fromisoformat(cached["read_at"]), {
            k: None if v is None else ReplicateSchema(v["version"], frozenset(v["inputs"]),
                                                      frozenset(v["required"]))
            for k, v in cached["models"].items()})
    try:
        live = fetch_replicate(settings, names, client)
    except CatalogueReadError as exc:
        log.warning("Could not read Replicate's model schemas (%s): going by config/video_models.yaml "
                    "and config/image_models.yaml", exc)
        return None
    _write(path, {"source": live.source, "read_at": live.read_at.isoformat(), "models": {
        k: None if v is None else {"version": v.version, "inputs": sorted(v.inputs),
                                   "required": sorted(v.required)}
        for k, v in live.models.items()}})
    return live
