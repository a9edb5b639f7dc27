"""What the OpenAI adapters share: a call with retries and failures turned into named studio errors,
and the JSON schema that strict structured outputs accept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import openai
from pydantic import BaseModel

from studio.errors import ProviderError
from studio.providers.retry import (
    RetryPolicy,
    TransientError,
    call_with_retries,
    error_for_status,
    parse_retry_after,
)

R = TypeVar("R")
PROVIDER = "OpenAI"
KEY_VAR = "OPENAI_API_KEY"


def translate(exc: Exception, secrets: Sequence[str] = ()) -> Exception:
    """The studio exception (or `TransientError`) for an openai client exception."""
    if isinstance(exc, openai.APIStatusError):
        body = exc.body if isinstance(exc.body, dict) else {}
        detail = str(body.get("message") or exc.message)
        return error_for_status(
            exc.status_code, detail, provider=PROVIDER, key_var=KEY_VAR, credential="key",
            retry_after=parse_retry_after(exc.response.headers.get("retry-after")), secrets=secrets,
        )
    if isinstance(exc, openai.APIConnectionError):  # includes timeouts
        return TransientError(f"{PROVIDER} could not be reached ({type(exc).__name__})")
    return exc


def call_openai(fn: Callable[[], R], policy: RetryPolicy, what: str, secrets: Sequence[str] = ()) -> R:
    """Run one OpenAI request with our retries (the client's own are turned off to keep one policy)."""

    def once() -> R:
        try:
            return fn()
        except openai.APIError as exc:
            raise translate(exc, secrets) from None

    try:
        return call_with_retries(once, policy, what)
    except ProviderError as exc:
        exc.provider = exc.provider or PROVIDER
        raise


def server_label(model: str, base_url: str | None) -> str:
    """The adapter's name for the page: the model, and the host when it is not OpenAI itself."""
    if not base_url:
        return f"OpenAI {model}"
    from urllib.parse import urlsplit

    host = urlsplit(base_url).hostname or base_url
    return f"OpenAI-compatible {model} at {host}"


# ── Strict structured outputs ────────────────────────────────────────────────────────────────────
# OpenAI's structured-outputs guide lists the keywords strict mode accepts (read 2026-11-25): beside the
# structure below, strings `pattern`, `format`; numbers `multipleOf`, `maximum`, `exclusiveMaximum`,
# `minimum`, `exclusiveMinimum`; arrays `minItems`, `maxItems`. It has refused `default` and `maxLength`,
# and a refused schema used to drop us into plain JSON mode for the rest of the process. So the schema
# we send keeps only those; the rules it loses (string lengths, defaults) are the pydantic model's to
# enforce after parsing.

_ANY_TYPE = frozenset({"type", "description", "enum", "const", "anyOf", "$ref"})
_PER_TYPE = {
    "object": frozenset({"properties", "required", "additionalProperties"}),
    "array": frozenset({"items", "minItems", "maxItems"}),
    # `format` is accepted, but pydantic writes formats strict mode does not know ("path", "uri"):
    # the model validates them after parsing, so none is sent.
    "string": frozenset({"pattern"}),
    "number": frozenset({"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"}),
    "integer": frozenset({"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"}),
}
_NOT_EXPRESSIBLE = ("oneOf", "not", "prefixItems", "patternProperties", "if")


class StrictSchemaError(ValueError):
    """A pydantic model that strict structured outputs cannot express (an open mapping, a oneOf ...)."""


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema as OpenAI's strict structured outputs accept it.

    Every object is closed and lists all its properties as required; a field with a default becomes
    nullable instead (null means "use the default": `drop_null_defaults` undoes it). Only the keywords
    strict mode lists are kept; `$ref`/`$defs` stay.
    """
    source = model.model_json_schema()
    name = model.__name__
    schema = _strict(source, name)
    if schema.get("type") != "object":
        raise StrictSchemaError(f"{name}: strict mode needs an object at the root")
    if "$defs" in source:
        schema["$defs"] = {key: _strict(d, f"{name}.$defs.{key}") for key, d in source["$defs"].items()}
    return schema


def json_schema_format(model: type[BaseModel]) -> dict[str, Any]:
    """The `response_format` that asks for `model` in strict structured outputs."""
    return {"type": "json_schema",
            "json_schema": {"name": model.__name__, "schema": strict_schema(model), "strict": True}}


def _strict(node: dict[str, Any], path: str) -> dict[str, Any]:
    if unsupported := [k for k in _NOT_EXPRESSIBLE if k in node]:
        raise StrictSchemaError(f"{path} uses {unsupported[0]}, which strict mode cannot express")
    if "allOf" in node:  # pydantic's old way to put a description beside a $ref
        if len(node["allOf"]) != 1:
            raise StrictSchemaError(f"{path} combines several schemas (allOf)")
        return _strict({**node["allOf"][0], **{k: v for k, v in node.items() if k != "allOf"}}, path)
    if "$ref" in node:
        return {"$ref": node["$ref"]}  # no keyword may stand beside a $ref
    if "anyOf" in node:
        out = {"anyOf": [_strict(branch, f"{path}|{i}") for i, branch in enumerate(node["anyOf"])]}
        return {**out, "description": node["description"]} if "description" in node else out
    types = node.get("type", [])
    types = types if isinstance(types, list) else [types]
    allowed = _ANY_TYPE.union(*(_PER_TYPE.get(t, frozenset()) for t in types))
    out = {k: v for k, v in node.items() if k in allowed}
    limits = [f"{word} {node[key]} characters"
              for key, word in (("minLength", "at least"), ("maxLength", "at most")) if key in node]
    if limits:  # strict mode will not enforce them, but the model still reads descriptions
        out["description"] = " ".join(filter(None, (node.get("description"), f"({', '.join(limits)})")))
    if "object" in types:
        if node.get("additionalProperties") not in (None, False) or "properties" not in node:
            raise StrictSchemaError(f"{path} is an open mapping: strict mode needs named fields")
        required = set(node.get("required", []))
        properties = {}
        for key, prop in node["properties"].items():
            strict = _strict(prop, f"{path}.{key}")
            properties[key] = strict if key in required else _nullable(strict)
        out.update(properties=properties, required=list(properties), additionalProperties=False)
    if "items" in out:
        out["items"] = _strict(node["items"], f"{path}[]")
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if _allows_null(schema):
        return schema
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def _allows_null(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> bool:
    if "$ref" in schema and defs is not None:
        schema = _resolve(schema, defs)
    types = schema.get("type", [])
    return ("null" in types if isinstance(types, list) else types == "null") or any(
        _allows_null(branch, defs) for branch in schema.get("anyOf", ()))


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def drop_null_defaults(data: Any, schema: dict[str, Any], defs: dict[str, Any] | None = None) -> Any:
    """The answer with each null removed where the pydantic schema has a default rather than a null.

    Strict mode cannot leave a field out, so `strict_schema` lets the model answer null for a field
    with a default; removing the null lets the model's default apply.
    """
    defs = schema.get("$defs", {}) if defs is None else defs
    schema = _resolve(schema, defs)
    if isinstance(data, dict) and "properties" in schema:
        required = set(schema.get("required", []))
        out = {}
        for key, value in data.items():
            prop = schema["properties"].get(key)
            if prop is None:
                out[key] = value  # not ours to judge: validation names the stray key
            elif value is None and key not in required and not _allows_null(prop, defs):
                continue
            else:
                out[key] = drop_null_defaults(value, prop, defs)
        return out
    if isinstance(data, list) and "items" in schema:
        return [drop_null_defaults(item, schema["items"], defs) for item in data]
    if data is not None and "anyOf" in schema:  # e.g. `Scene | None`: the one branch that is not null
        branches = [b for b in schema["anyOf"] if not _allows_null(b, defs)]
        if len(branches) == 1:
            return drop_null_defaults(data, branches[0], defs)
    return data
