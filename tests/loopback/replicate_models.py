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
    max_length: int | None = None
    default: Any = None
    description: str = ""


@dataclass(frozen=True)
class ModelSpec:
    kind: str  # "video", "image" or "audio" (what the output is)
    inputs: dict[str, In]
    required: tuple[str, ...] = ("prompt",)
    list_output: bool = False
    version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_MINIMAX_LANGUAGES = (
    "None", "Automatic", "Chinese", "Chinese,Yue", "Cantonese", "English", "Arabic", "Russian", "Spanish",
    "French", "Portuguese", "German", "Turkish", "Dutch", "Ukrainian", "Vietnamese", "Indonesian",
    "Japanese", "Italian", "Korean", "Thai", "Polish", "Romanian", "Greek", "Czech", "Finnish", "Hindi",
    "Bulgarian", "Danish", "Hebrew", "Malay", "Persian", "Slovak", "Swedish", "Croatian", "Filipino",
    "Hungarian", "Norwegian", "Slovenian", "Catalan", "Nynorsk", "Tamil", "Afrikaans",
)  # fmt: skip
_MINIMAX_EMOTIONS = (
    "auto", "happy", "sad", "angry", "fearful", "disgusted", "surprised", "calm", "fluent", "neutral"
)  # fmt: skip
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
    # Replicate's API page of version e2e8812b (a stored copy, read 2026-12-06); output: one audio URL
    # (mp3 unless audio_format says otherwise).
    "minimax/speech-02-turbo": ModelSpec(
        "audio",
        {
            "text": In("string", max_length=10_000, description="Text to narrate (max 10,000 characters)"),
            "voice_id": In("string", default="Wise_Woman"),
            "speed": In("number", minimum=0.5, maximum=2, default=1),
            "volume": In("number", minimum=0, maximum=10, default=1),
            "pitch": In("integer", minimum=-12, maximum=12, default=0),
            "emotion": In("string", default="auto", enum=_MINIMAX_EMOTIONS),
            "english_normalization": In("boolean", default=False),
            "sample_rate": In("integer", default=32000, enum=(8000, 16000, 22050, 24000, 32000, 44100)),
            "bitrate": In("integer", default=128000, enum=(32000, 64000, 128000, 256000)),
            "audio_format": In("string", default="mp3", enum=("mp3", "wav", "flac", "pcm")),
            "channel": In("string", default="mono", enum=("mono", "stereo")),
            "language_boost": In("string", default="None", enum=_MINIMAX_LANGUAGES),
            "subtitle_enable": In("boolean", default=False),
        },
        required=("text",),
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
        if inp.max_length is not None and len(value) > inp.max_length:
            problems.append(
                {
                    "type": "string_lte",
                    "field": where,
                    "description": f"String length must be less than or equal to {inp.max_length}",
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


_OPENAPI_TYPE = {"uri": "string", "string": "string", "integer": "integer", "number": "number",
                 "boolean": "boolean", "array": "array"}  # fmt: skip


def openapi_schema(model: str) -> dict[str, Any]:
    """The model's `openapi_schema` as a version carries it: Input lists every input (in order), an
    input with choices refers to its own enum schema (as Cog writes them), Output is a URI or a list."""
    spec = MODELS[model]
    properties: dict[str, Any] = {}
    enums: dict[str, Any] = {}
    for order, (name, inp) in enumerate(spec.inputs.items()):
        prop: dict[str, Any] = {"title": name.replace("_", " ").title(), "x-order": order}
        if inp.enum:
            enums[name] = {"enum": list(inp.enum), "type": _OPENAPI_TYPE[inp.kind], "title": name,
                           "description": "An enumeration."}  # fmt: skip
            prop["allOf"] = [{"$ref": f"#/components/schemas/{name}"}]
        else:
            prop["type"] = _OPENAPI_TYPE[inp.kind]
            if inp.kind == "uri":
                prop["format"] = "uri"
            if inp.kind == "array":
                prop["items"] = {"type": "string", "format": "uri"} if inp.items == "uri" else {}
                if inp.max_items is not None:
                    prop["maxItems"] = inp.max_items
            if inp.minimum is not None:
                prop["minimum"] = inp.minimum
            if inp.maximum is not None:
                prop["maximum"] = inp.maximum
            if inp.max_length is not None:
                prop["maxLength"] = inp.max_length
        if inp.default is not None:
            prop["default"] = inp.default
        if inp.description:
            prop["description"] = inp.description
        properties[name] = prop
    uri = {"type": "string", "format": "uri"}
    output = {"type": "array", "items": uri} if spec.list_output else dict(uri)
    return {
        "openapi": "3.0.2",
        "info": {"title": "Cog", "version": "0.1.0"},
        "components": {
            "schemas": {
                "Input": {"type": "object", "title": "Input", "required": list(spec.required),
                          "properties": properties},
                "Output": {**output, "title": "Output"},
                **enums,
            }
        },
    }  # fmt: skip


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
