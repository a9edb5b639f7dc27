"""JSON schemas as OpenAI's structured outputs treat them: the strict-mode check, and answers that validate.

`strict_problem` finds what the real API refuses in strict mode (the first problem, with its message).
`Generator` writes a JSON instance that validates against a schema: objects, arrays with minItems and
maxItems, enums, bounded numbers, $ref/$defs, anyOf with null. Strings are plain English chosen from the
field's name; hints read from the prompt (scene count, target duration) make scene lists usable.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Keywords strict mode rejects (OpenAI's structured-outputs guide lists what it supports; these are not in
# it, and the API has answered "'default' is not permitted" and "maxLength is not permitted").
NOT_PERMITTED = (
    "default", "minLength", "maxLength", "minProperties", "maxProperties", "patternProperties",
    "unevaluatedProperties", "propertyNames", "uniqueItems", "contains", "minContains", "maxContains",
    "allOf", "oneOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas",
)  # fmt: skip
_SUBSCHEMA_MAPS = ("properties", "$defs", "definitions")
_SUBSCHEMA_LISTS = ("anyOf", "allOf", "oneOf", "prefixItems")


def _ctx(path: tuple[str, ...]) -> str:
    return repr(tuple(path))


def strict_problem(schema: Any, name: str) -> str | None:
    """The real API's 400 message for a schema strict mode does not accept, or None when it is fine."""
    prefix = f"Invalid schema for response_format '{name}': "
    if not isinstance(schema, dict):
        return prefix + "schema must be a JSON Schema object."
    if schema.get("type") != "object" or "anyOf" in schema:
        got = schema.get("type", "anyOf" if "anyOf" in schema else "none")
        return prefix + f"schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{got}\"'."
    for path, node in _walk(schema, ()):
        for kw in NOT_PERMITTED:
            if kw in node:
                return prefix + f"In context={_ctx(path)}, '{kw}' is not permitted."
        is_object = node.get("type") == "object" or "properties" in node
        if is_object:
            if node.get("additionalProperties", None) is not False:
                return prefix + (
                    f"In context={_ctx(path)}, 'additionalProperties' is required to be supplied "
                    "and to be false."
                )
            props = list((node.get("properties") or {}).keys())
            required = node.get("required")
            missing = [p for p in props if not isinstance(required, list) or p not in required]
            if missing:
                return prefix + (
                    f"In context={_ctx(path)}, 'required' is required to be supplied and to be an "
                    f"array including every key in properties. Missing '{missing[0]}'."
                )
        ref = node.get("$ref")
        if isinstance(ref, str) and not (ref == "#" or ref.startswith("#/")):
            return prefix + f"In context={_ctx(path)}, reference '{ref}' is not supported: use '#/$defs/...'."
    return None


def _walk(node: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    if not isinstance(node, dict):
        return
    yield path, node
    for key in _SUBSCHEMA_MAPS:
        for name, sub in (node.get(key) or {}).items() if isinstance(node.get(key), dict) else ():
            yield from _walk(sub, (*path, key, name))
    for key in _SUBSCHEMA_LISTS:
        for i, sub in enumerate(node.get(key) or []) if isinstance(node.get(key), list) else ():
            yield from _walk(sub, (*path, key, str(i)))
    if isinstance(node.get("items"), dict):
        yield from _walk(node["items"], (*path, "items"))
    if isinstance(node.get("additionalProperties"), dict):
        yield from _walk(node["additionalProperties"], (*path, "additionalProperties"))


def validation_errors(instance: Any, schema: dict[str, Any]) -> list[str]:
    """Why `instance` does not validate against `schema` (empty when it does); needs `jsonschema`."""
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - jsonschema is in the test requirements
        return []
    validator_cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


# ── answers that validate ────────────────────────────────────────────────────────────────────────


@dataclass
class Hints:
    """What the prompt says about the answer's shape: scene count, target seconds, colours, the subject."""

    count: int | None = None
    total_s: float | None = None
    colors: list[str] = field(default_factory=list)
    subject: str = "the product"

    @classmethod
    def from_text(cls, text: str) -> Hints:
        hints = cls()
        for pat in (r"Number of scenes:\s*(\d+)", r"\"scene_count\":\s*(\d+)", r"\b(\d+)\s+scenes\b"):
            if m := re.search(pat, text):
                hints.count = int(m.group(1))
                break
        for pat in (
            r"\"duration_s\":\s*(\d+(?:\.\d+)?)",
            r"\b(\d+(?:\.\d+)?)\s*(?:s|sec|seconds)\b(?! each)",
        ):
            if m := re.search(pat, text):
                hints.total_s = float(m.group(1))
                break
        hints.colors = re.findall(r"#[0-9a-fA-F]{6}\b", text)[:6]
        if m := re.search(r"\"prompt\":\s*\"([^\"]{3,200})", text):
            hints.subject = m.group(1).split(".")[0][:80]
        return hints


_WORDS = {
    "title": "Bold Mornings, Brewed Cold",
    "name": "Harbor Roast",
    "product": "a matte black bottle of cold brew with a cream label",
    "framework": "AIDA",
    "reason": "AIDA suits a short ad that must stop the scroll before it sells.",
    "critique": "Clear hook and a concrete benefit; the middle could show the product sooner.",
    "issue": "The product appears late in the second beat.",
    "description": "A commuter lifts a bottle of cold brew on a sunlit platform as the train pulls in.",
    "text": "Wake up to a smoother morning.",
    "voiceover": "Your mornings just got smoother.",
    "call_to_action": "Order yours today",
    "cta": "Order yours today",
    "tone": "confident",
    "assumption": "The brief gives no price, so none is mentioned.",
    "beat": "Attention",
    "character": "a woman in her thirties with short dark hair, a camel coat and a calm smile",
    "style": "clean studio product photo, high key",
    "environment": "a bright city train platform in the morning",
    "lighting": "soft warm daylight from the left, gentle shadows",
    "prompt": "A bottle of cold brew on a sunlit cafe table, shallow depth of field, warm morning light",
    "message": "Here is what I changed.",
    "answer": "Yes.",
    "summary": "A short, upbeat ad for a cold brew coffee.",
    "url": "https://example.com/item",
    "email": "studio@example.com",
}
_KEY_ORDER = sorted(_WORDS, key=len, reverse=True)


def _text_for(name: str, hints: Hints, index: int) -> str:
    low = name.lower()
    for key in _KEY_ORDER:
        if key in low:
            text = _WORDS[key]
            break
    else:
        text = f"A clear, specific {low.replace('_', ' ') or 'answer'} for {hints.subject}."
    return text if index == 0 else f"{text.rstrip('.')} ({index + 1})."


class Generator:
    """Writes one instance of a schema; deterministic for the same schema and hints."""

    def __init__(self, root: dict[str, Any], hints: Hints | None = None) -> None:
        self.root = root
        self.hints = hints or Hints()

    def make(self) -> Any:
        return self._value(self.root, "", 0, 0)

    def _resolve(self, ref: str) -> dict[str, Any]:
        if ref == "#":
            return self.root
        node: Any = self.root
        for part in ref.removeprefix("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _value(self, s: dict[str, Any], name: str, index: int, depth: int) -> Any:
        if depth > 12:
            return None
        if "$ref" in s:
            merged = {**self._resolve(s["$ref"]), **{k: v for k, v in s.items() if k != "$ref"}}
            return self._value(merged, name, index, depth + 1)
        if "const" in s:
            return s["const"]
        if "enum" in s:
            return self._enum(s["enum"], name, index)
        for key in ("anyOf", "oneOf"):
            if key in s:
                options = [o for o in s[key] if (o.get("type") if isinstance(o, dict) else None) != "null"]
                return self._value(options[0] if options else {"type": "null"}, name, index, depth + 1)
        if "allOf" in s:
            merged: dict[str, Any] = {}
            for part in s["allOf"]:
                merged.update(self._resolve(part["$ref"]) if "$ref" in part else part)
            return self._value(merged, name, index, depth + 1)
        kind = s.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in s else "array" if "items" in s else "string"
        if kind == "object":
            return self._object(s, depth)
        if kind == "array":
            return self._array(s, name, depth)
        if kind in ("number", "integer"):
            return self._number(s, name, index, integer=kind == "integer")
        if kind == "boolean":
            return name.lower().startswith(("is_", "has_"))
        if kind == "null":
            return None
        return self._string(s, name, index)

    def _enum(self, values: list[Any], name: str, index: int) -> Any:
        if not values:
            return None
        if name.lower() in ("framework",) and "AIDA" in values:
            return "AIDA"
        return values[index % len(values)] if name.lower() in ("camera_move", "transition_in") else values[0]

    def _object(self, s: dict[str, Any], depth: int) -> dict[str, Any]:
        props: dict[str, Any] = s.get("properties") or {}
        out = {k: self._value(v, k, 0, depth + 1) for k, v in props.items()}
        return out

    def _array(self, s: dict[str, Any], name: str, depth: int) -> list[Any]:
        lo = int(s.get("minItems", 0))
        hi = s.get("maxItems")
        want = 3
        items = s.get("items") or {}
        item = self._resolve(items["$ref"]) if isinstance(items, dict) and "$ref" in items else items
        looks_like_scenes = isinstance(item, dict) and any(
            "duration" in k for k in (item.get("properties") or {})
        )
        if looks_like_scenes and self.hints.count:
            want = self.hints.count
        if "color" in name.lower() and self.hints.colors:
            want = len(self.hints.colors)
        n = max(lo, min(int(hi) if hi is not None else want, want))
        if "color" in name.lower():
            n = max(lo, min(int(hi) if hi is not None else max(n, 3), max(n, 3)))
        values = [
            self._value(items if isinstance(items, dict) else {}, name.rstrip("s"), i, depth + 1)
            for i in range(n)
        ]
        if looks_like_scenes:
            self._fit_scene_list(values, item)
        return values

    def _fit_scene_list(self, scenes: list[Any], item: dict[str, Any]) -> None:
        """Number ids 1..n, and share the target duration among them when the prompt gives one."""
        props = item.get("properties") or {}
        dur_key = next((k for k in props if "duration" in k), None)
        for i, scene in enumerate(scenes):
            if not isinstance(scene, dict):
                continue
            if "id" in scene and isinstance(scene["id"], int):
                scene["id"] = i + 1
            if dur_key and self.hints.total_s and scenes:
                share = round(self.hints.total_s / len(scenes), 2)
                if i == len(scenes) - 1:
                    share = round(self.hints.total_s - share * (len(scenes) - 1), 2)
                scene[dur_key] = self._clamp(props[dur_key], share, integer=False)

    def _clamp(self, s: dict[str, Any], value: float, integer: bool) -> float:
        if "$ref" in s:
            s = self._resolve(s["$ref"])
        if "anyOf" in s:
            s = next((o for o in s["anyOf"] if o.get("type") != "null"), s)
        lo, hi = s.get("minimum"), s.get("maximum")
        if s.get("exclusiveMinimum") is not None:
            lo = s["exclusiveMinimum"] + (1 if integer else 0.01)
        if s.get("exclusiveMaximum") is not None:
            hi = s["exclusiveMaximum"] - (1 if integer else 0.01)
        if lo is not None:
            value = max(value, lo)
        if hi is not None:
            value = min(value, hi)
        step = s.get("multipleOf")
        if step:
            value = round(value / step) * step
            if lo is not None and value < lo:
                value += step
            if hi is not None and value > hi:
                value -= step
        return round(value) if integer else value

    def _number(self, s: dict[str, Any], name: str, index: int, integer: bool) -> float:
        low = name.lower()
        if low == "id" or low.endswith("_id") or low in ("index", "position", "rank"):
            guess: float = index + 1
        elif "score" in low or "rating" in low:
            hi = s.get("maximum", 10)
            guess = 8.5 if hi >= 10 else hi * 0.85
        elif "duration" in low or "seconds" in low:
            guess = (self.hints.total_s / self.hints.count) if self.hints.total_s and self.hints.count else 5
        elif "seed" in low:
            guess = 4242
        elif "revision" in low or "count" in low:
            guess = 0 if "revision" in low else 3
        else:
            lo, hi = s.get("minimum"), s.get("maximum")
            guess = (lo + hi) / 2 if lo is not None and hi is not None else (lo if lo is not None else 1)
        return self._clamp(s, guess, integer)

    def _string(self, s: dict[str, Any], name: str, index: int) -> str:
        fmt, low = s.get("format"), name.lower()
        if fmt == "date-time":
            value = "2026-11-25T10:00:00Z"
        elif fmt == "date":
            value = "2026-11-25"
        elif fmt in ("uri", "url"):
            value = "https://example.com/item"
        elif fmt == "email":
            value = "studio@example.com"
        elif fmt == "uuid":
            value = "123e4567-e89b-42d3-a456-426614174000"
        elif "color" in low or "colour" in low or (s.get("pattern") or "").startswith("^#"):
            palette = self.hints.colors or ["#1e3a5f", "#d2691e", "#f5f0e6", "#2f4f4f"]
            value = palette[index % len(palette)]
        else:
            value = _text_for(name, self.hints, index)
        if (pattern := s.get("pattern")) and not re.search(pattern, value):
            value = _from_pattern(pattern, value)
        lo, hi = s.get("minLength"), s.get("maxLength")
        if hi is not None and len(value) > hi:
            value = value[: int(hi)].rstrip()
        if lo is not None and len(value) < lo:
            value = value + "x" * (int(lo) - len(value))
        return value


def _from_pattern(pattern: str, fallback: str) -> str:
    """A string for the simple patterns schemas use (hex colours, digits, lowercase words)."""
    for candidate in ("#1e3a5f", "1e3a5f", "12345", "abc", "ABC", "a1", "2026-11-25", fallback[:1] or "a"):
        if re.search(pattern, candidate):
            return candidate
    return fallback


def answer_for(schema: dict[str, Any], prompt_text: str = "") -> Any:
    """A schema-valid instance with plausible English, shaped by hints in the prompt text."""
    return Generator(schema, Hints.from_text(prompt_text)).make()


def stable_pick(options: list[str], key: str) -> str:
    return options[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(options)]
