"""What each Replicate model accepts, as its API page lists it, and the 422 the API gives for bad input.

Inputs are from the models' published schemas (see /work/shared/FACTS.md). Unknown input names, values
outside an enum or range, a wrong type or a missing required input are refused with Replicate's
"Input validation failed" body, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class In:
    kind: str  # string | uri | integer | number | boolean | array
    enum: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_items: int | None = None
    items: str = "uri"


@dataclass(frozen=True)
class ModelSpec:
    kind: str  # "video" or "image" (what the output is)
    inputs: dict[str, In]
    required: tuple[str, ...] = ("prompt",)
    list_output: bool = False
    version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_ASPECTS = ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9")
_VEO3 = {
    "prompt": In("string"), "image": In("uri"), "aspect_ratio": In("string", enum=("16:9", "9:16")),
    "duration": In("integer", enum=(4, 6, 8)), "resolution": In("string", enum=("720p", "1080p")),
    "generate_audio": In("boolean"), "negative_prompt": In("string"), "seed": In("integer"),
}  # fmt: skip

MODELS: dict[str, ModelSpec] = {
    "google/veo-3-fast": ModelSpec("video", _VEO3),
    "google/veo-3": ModelSpec("video", _VEO3),
    "google/veo-3.1": ModelSpec(
        "video",
        {
            **_VEO3,
            "last_frame": In("uri"),
            "reference_images": In("array", max_items=3),
        },
    ),
    "wan-video/wan-2.2-i2v-fast": ModelSpec(
        "video",
        {
            "prompt": In("string"),
            "image": In("uri"),
            "last_image": In("uri"),
            "num_frames": In("integer", minimum=81, maximum=121),
            "resolution": In("string", enum=("480p", "720p")),
            "frames_per_second": In("integer", minimum=5, maximum=30),
            "seed": In("integer"),
            "go_fast": In("boolean"),
            "sample_shift": In("number", minimum=1, maximum=20),
            "disable_safety_checker": In("boolean"),
            "interpolate_output": In("boolean"),
        },
        required=("prompt", "image"),
    ),
    "kwaivgi/kling-v2.1": ModelSpec(
        "video",
        {
            "prompt": In("string"),
            "start_image": In("uri"),
            "end_image": In("uri"),
            "mode": In("string", enum=("standard", "pro")),
            "duration": In("integer", enum=(5, 10)),
            "negative_prompt": In("string"),
        },
        required=("prompt", "start_image"),
    ),
    "minimax/hailuo-02-fast": ModelSpec(
        "video",
        {
            "prompt": In("string"),
            "first_frame_image": In("uri"),
            "duration": In("integer", enum=(6, 10)),
            "prompt_optimizer": In("boolean"),
            "go_fast": In("boolean"),
        },
        required=("prompt", "first_frame_image"),
    ),
    "google/nano-banana-pro": ModelSpec(
        "image",
        {
            "prompt": In("string"),
            "image_input": In("array", max_items=14),
            "aspect_ratio": In("string", enum=(*_ASPECTS, "match_input_image")),
            "resolution": In("string", enum=("1K", "2K", "4K")),
            "output_format": In("string", enum=("jpg", "png")),
            "safety_filter_level": In(
                "string", enum=("block_low_and_above", "block_medium_and_above", "block_only_high")
            ),
        },
    ),
    "google/nano-banana": ModelSpec(
        "image",
        {
            "prompt": In("string"),
            "image_input": In("array", max_items=10),
            "aspect_ratio": In("string", enum=(*_ASPECTS, "match_input_image")),
            "output_format": In("string", enum=("jpg", "png")),
        },
    ),
    "black-forest-labs/flux-schnell": ModelSpec(
        "image",
        {
            "prompt": In("string"),
            "aspect_ratio": In("string", enum=(*_ASPECTS, "9:21")),
            "num_outputs": In("integer", minimum=1, maximum=4),
            "seed": In("integer"),
            "output_format": In("string", enum=("webp", "jpg", "png")),
            "output_quality": In("integer", minimum=0, maximum=100),
            "go_fast": In("boolean"),
            "megapixels": In("string", enum=("1", "0.25")),
            "num_inference_steps": In("integer", minimum=1, maximum=4),
            "disable_safety_checker": In("boolean"),
        },
        list_output=True,
    ),
    "black-forest-labs/flux-fill-pro": ModelSpec(
        "image",
        {
            "prompt": In("string"),
            "image": In("uri"),
            "mask": In("uri"),
            "seed": In("integer"),
            "output_format": In("string", enum=("jpg", "png")),
            "steps": In("integer", minimum=15, maximum=50),
            "guidance": In("number", minimum=1.5, maximum=100),
            "safety_tolerance": In("integer", minimum=1, maximum=6),
            "prompt_upsampling": In("boolean"),
        },
        required=("image",),
    ),
    "black-forest-labs/flux-fill-dev": ModelSpec(
        "image",
        {
            "prompt": In("string"),
            "image": In("uri"),
            "mask": In("uri"),
            "seed": In("integer"),
            "output_format": In("string", enum=("webp", "jpg", "png")),
            "num_outputs": In("integer", minimum=1, maximum=4),
            "guidance": In("number", minimum=0, maximum=100),
            "num_inference_steps": In("integer", minimum=1, maximum=50),
            "megapixels": In("string", enum=("1", "match_input")),
            "output_quality": In("integer", minimum=0, maximum=100),
            "disable_safety_checker": In("boolean"),
        },
        required=("prompt", "image"),
        list_output=True,
    ),
}


def version_id(model: str) -> str:
    """A stable 64-hex version id for a model (what POST /v1/predictions takes)."""
    import hashlib

    return hashlib.sha256(model.encode()).hexdigest()


def model_for_version(version: str) -> str | None:
    if ":" in version:
        model = version.split(":", 1)[0]
        return model if model in MODELS else None
    return next((m for m in MODELS if version_id(m) == version), None)


def _is_uri(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "data:"))


def _type_ok(spec: In, value: Any) -> bool:
    if spec.kind == "string":
        return isinstance(value, str)
    if spec.kind == "uri":
        return _is_uri(value)
    if spec.kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if spec.kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if spec.kind == "boolean":
        return isinstance(value, bool)
    if spec.kind == "array":
        return isinstance(value, list)
    return True


_TYPE_NAME = {
    "uri": "string",
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "array": "array",
}


def input_problems(model: str, inputs: Any) -> list[dict[str, str]]:
    """Replicate's `invalid_fields` entries for these inputs (empty when they are acceptable)."""
    spec = MODELS[model]
    if not isinstance(inputs, dict):
        return [{"type": "invalid_type", "field": "input", "description": "Invalid type. Expected: object"}]
    problems = []
    for name in inputs:
        if name not in spec.inputs:
            problems.append(
                {
                    "type": "additional_property_not_allowed",
                    "field": "input",
                    "description": f"Additional property {name} is not allowed",
                }
            )
    for name in spec.required:
        if name not in inputs:
            problems.append({"type": "required", "field": "input", "description": f"{name} is required"})
    for name, value in inputs.items():
        inp = spec.inputs.get(name)
        if inp is None:
            continue
        where = f"input.{name}"
        if not _type_ok(inp, value):
            if inp.kind == "uri" and isinstance(value, str):
                problems.append(
                    {"type": "format", "field": where, "description": "Does not match format 'uri'"}
                )
            else:
                problems.append(
                    {
                        "type": "invalid_type",
                        "field": where,
                        "description": f"Invalid type. Expected: {_TYPE_NAME[inp.kind]}, given: "
                        f"{_json_type(value)}",
                    }
                )
            continue
        if inp.enum and value not in inp.enum:
            allowed = ", ".join(str(v) for v in inp.enum)
            problems.append(
                {
                    "type": "enum",
                    "field": where,
                    "description": f"{name} must be one of the following: {allowed}",
                }
            )
        if inp.minimum is not None and value < inp.minimum:
            problems.append(
                {
                    "type": "number_gte",
                    "field": where,
                    "description": f"Must be greater than or equal to {_num(inp.minimum)}",
                }
            )
        if inp.maximum is not None and value > inp.maximum:
            problems.append(
                {
                    "type": "number_lte",
                    "field": where,
                    "description": f"Must be less than or equal to {_num(inp.maximum)}",
                }
            )
        if inp.kind == "array":
            if inp.max_items is not None and len(value) > inp.max_items:
                problems.append(
                    {
                        "type": "array_max_items",
                        "field": where,
                        "description": f"Array must have at most {inp.max_items} items",
                    }
                )
            for i, item in enumerate(value):
                if inp.items == "uri" and not _is_uri(item):
                    problems.append(
                        {
                            "type": "format",
                            "field": f"{where}.{i}",
                            "description": "Does not match format 'uri'",
                        }
                    )
    return problems


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if value is None:
        return "null"
    return "object"


def validation_body(problems: list[dict[str, str]]) -> dict[str, Any]:
    detail = "\n".join(f"- {p['field']}: {p['description']}" for p in problems)
    return {"title": "Input validation failed", "detail": detail, "status": 422, "invalid_fields": problems}
