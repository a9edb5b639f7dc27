"""A checker for OpenAI's strict structured outputs, written from its published rules, not our code.

Rules (OpenAI's structured-outputs guide as read 2026-11-25, /work/shared/FACTS.md): the root is an
object; every object has `additionalProperties: false` and lists all its properties in `required`; a
`$ref` stands alone and points into `$defs`; besides the structure, strings take `pattern` and `format`,
numbers `multipleOf`, `maximum`, `exclusiveMaximum`, `minimum`, `exclusiveMinimum`, arrays `minItems` and
`maxItems`. `default`, `minLength` and `maxLength` are not accepted (the API has refused them).
"""

from __future__ import annotations

from typing import Any

STRUCTURE = {"type", "description", "enum", "const", "anyOf", "$ref"}
BY_TYPE = {
    "object": {"properties", "required", "additionalProperties"},
    "array": {"items", "minItems", "maxItems"},
    "string": {"pattern", "format"},
    "number": {"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"},
    "integer": {"multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum"},
    "boolean": set(),
    "null": set(),
}
REFUSED = {"default", "minLength", "maxLength"}


def keywords(schema: dict[str, Any]) -> set[str]:
    """Every keyword used anywhere in the schema (property names are not keywords)."""
    found = set(schema)
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            for sub in value.values():
                found |= keywords(sub)
        elif key in ("items", "additionalProperties") and isinstance(value, dict):
            found |= keywords(value)
        elif key == "anyOf":
            for sub in value:
                found |= keywords(sub)
    return found


def strict_mode_problems(schema: dict[str, Any]) -> list[str]:
    """What strict mode would refuse in this schema; empty when it would accept it."""
    problems: list[str] = []
    defs = schema.get("$defs", {})

    def walk(node: dict[str, Any], path: str) -> None:
        if "$ref" in node:
            if set(node) != {"$ref"}:
                problems.append(f"{path}: keywords beside $ref: {sorted(set(node) - {'$ref'})}")
            if node["$ref"].removeprefix("#/$defs/") not in defs:
                problems.append(f"{path}: $ref {node['$ref']} points nowhere")
            return
        if "anyOf" in node:
            if beside := sorted(set(node) - {"anyOf", "description"}):
                problems.append(f"{path}: keywords beside anyOf: {beside}")
            for i, branch in enumerate(node["anyOf"]):
                walk(branch, f"{path}|{i}")
            return
        types = node.get("type")
        if types is None:
            problems.append(f"{path}: no type")
            return
        types = types if isinstance(types, list) else [types]
        allowed = STRUCTURE.union(*(BY_TYPE.get(t, set()) for t in types))
        problems.extend(f"{path}: {key} is not accepted for {'/'.join(types)}" for key in set(node) - allowed)
        if "object" in types:
            if node.get("additionalProperties") is not False:
                problems.append(f"{path}: object not closed (additionalProperties must be false)")
            properties = node.get("properties", {})
            if sorted(node.get("required", [])) != sorted(properties):
                problems.append(f"{path}: not every property is required")
            for key, sub in properties.items():
                walk(sub, f"{path}.{key}")
        if "items" in node:
            walk(node["items"], f"{path}[]")

    root = {k: v for k, v in schema.items() if k != "$defs"}
    if root.get("type") != "object":
        problems.append("root: must be an object")
    walk(root, "root")
    for name, sub in defs.items():
        walk(sub, f"$defs.{name}")
    problems.extend(f"anywhere: {key} is refused" for key in sorted(keywords(schema) & REFUSED))
    return problems
