"""The loopback server itself, over real HTTP: auth, strict schemas, answers, predictions, faults, records."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import wave
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import openai
import pytest
import replicate
import yaml
from PIL import Image
from pydantic import BaseModel
from replicate.exceptions import ReplicateError

from tests.loopback.media import encode_picture, ffmpeg_exe, probe_video
from tests.loopback.server import LoopbackServer, read_records

ROOT = Path(__file__).resolve().parents[2]


def _openai(server: LoopbackServer, key: str | None = None) -> openai.OpenAI:
    return openai.OpenAI(
        api_key=key or server.openai_key, base_url=server.openai_base_url, max_retries=0, timeout=30
    )


def _replicate(server: LoopbackServer, token: str | None = None) -> replicate.Client:
    return replicate.Client(api_token=token or server.replicate_token, base_url=server.url)


def _chat(server: LoopbackServer, body: dict[str, Any], key: str | None = None) -> httpx.Response:
    return httpx.post(
        f"{server.openai_base_url}/chat/completions",
        json=body,
        timeout=30,
        headers={"Authorization": f"Bearer {key or server.openai_key}"},
    )


def _strict(
    schema: dict[str, Any], name: str = "Answer", text: str = "Answer the question."
) -> dict[str, Any]:
    return {
        "model": "gpt-4.1-mini",
        "messages": [{"role": "user", "content": text}],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": name, "strict": True, "schema": schema},
        },
    }


def _wait(client: replicate.Client, pid: str, timeout: float = 20) -> Any:
    end = time.monotonic() + timeout
    seen = []
    while time.monotonic() < end:
        pred = client.predictions.get(pid)
        seen.append((pred.status, pred.progress))
        if pred.status in ("succeeded", "failed", "canceled"):
            return pred, seen
        time.sleep(0.1)
    raise AssertionError(f"prediction {pid} still {seen[-1]} after {timeout} s")


def _png(w: int = 90, h: int = 160, color: tuple[int, int, int] = (200, 40, 40)) -> str:
    import base64

    return (
        "data:image/png;base64," + base64.b64encode(encode_picture(Image.new("RGB", (w, h), color))).decode()
    )


# ── auth ─────────────────────────────────────────────────────────────────────────────────────────


def test_openai_refuses_a_wrong_or_missing_key_with_its_error_shape(loopback: LoopbackServer) -> None:
    body = {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "hi"}]}
    wrong = _chat(loopback, body, key="sk-proj-WRONGkey0000000000000000")
    assert wrong.status_code == 401
    err = wrong.json()["error"]
    assert err["type"] == "invalid_request_error" and err["code"] == "invalid_api_key"
    assert err["message"].startswith("Incorrect API key provided: sk-proj-")
    assert "WRONGkey0000000000000000" not in err["message"]  # masked, as the real one is

    missing = httpx.post(f"{loopback.openai_base_url}/chat/completions", json=body, timeout=10)
    assert missing.status_code == 401
    assert "didn't provide an API key" in missing.json()["error"]["message"]

    with pytest.raises(openai.AuthenticationError):
        _openai(loopback, key="sk-proj-WRONGkey0000000000000000").chat.completions.create(**body)
    assert _openai(loopback).chat.completions.create(**body).choices[0].message.content


def test_replicate_refuses_a_wrong_or_missing_token(loopback: LoopbackServer) -> None:
    url = f"{loopback.url}/v1/models/google/veo-3-fast/predictions"
    for headers in ({}, {"Authorization": "Bearer r8_wrong"}, {"Authorization": "Token r8_wrong"}):
        r = httpx.post(url, json={"input": {"prompt": "x"}}, headers=headers, timeout=10)
        assert r.status_code == 401
        assert r.json() == {
            "title": "Unauthenticated",
            "detail": "You did not pass a valid authentication token",
            "status": 401,
        }
    with pytest.raises(ReplicateError) as caught:
        _replicate(loopback, token="r8_wrong").predictions.create(
            model="google/veo-3-fast", input={"prompt": "x"}
        )
    assert caught.value.status == 401
    # Both forms of the right token are accepted.
    ok = httpx.post(
        url,
        json={"input": {"prompt": "x"}},
        timeout=10,
        headers={"Authorization": f"Token {loopback.replicate_token}"},
    )
    assert ok.status_code == 201


# ── structured outputs ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("prop", "keyword"),
    [
        ({"type": "string", "default": ""}, "'default' is not permitted"),
        ({"type": "string", "maxLength": 80}, "'maxLength' is not permitted"),
        ({"type": "string", "minLength": 1}, "'minLength' is not permitted"),
    ],
)
def test_strict_mode_refuses_keywords_it_does_not_support(
    loopback: LoopbackServer, prop: dict, keyword: str
) -> None:
    schema = {
        "type": "object",
        "properties": {"title": prop},
        "required": ["title"],
        "additionalProperties": False,
    }
    r = _chat(loopback, _strict(schema, "Story"))
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["param"] == "response_format" and err["type"] == "invalid_request_error"
    assert err["message"] == (
        f"Invalid schema for response_format 'Story': In context=('properties', 'title'), {keyword}."
    )


def test_strict_mode_wants_every_property_required_and_no_extra_properties(loopback: LoopbackServer) -> None:
    base = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
    open_ = _chat(loopback, _strict({**base, "required": ["a", "b"]}))
    assert open_.status_code == 400
    assert (
        "'additionalProperties' is required to be supplied and to be false"
        in open_.json()["error"]["message"]
    )
    partial = _chat(loopback, _strict({**base, "required": ["a"], "additionalProperties": False}))
    assert partial.status_code == 400
    assert "Missing 'b'" in partial.json()["error"]["message"]
    # Not strict: the same schema is answered.
    loose = _strict({**base, "required": ["a"]})
    loose["response_format"]["json_schema"]["strict"] = False
    assert _chat(loopback, loose).status_code == 200


def test_the_sdk_sees_a_strict_refusal_as_a_bad_request(loopback: LoopbackServer) -> None:
    class WithDefault(BaseModel):
        title: str = ""

    with pytest.raises(openai.BadRequestError) as caught:
        _openai(loopback).chat.completions.parse(
            model="gpt-4.1-mini", messages=[{"role": "user", "content": "hi"}], response_format=WithDefault
        )
    assert "'default' is not permitted" in str(caught.value)


NESTED = {
    "type": "object",
    "$defs": {
        "Scene": {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "minimum": 1},
                "description": {"type": "string"},
                "duration_s": {"type": "number", "minimum": 1, "maximum": 60},
                "camera_move": {"type": "string", "enum": ["push_in", "pull_out", "static"]},
                "focus": {"enum": ["product", "character"]},
                "score": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 10}, {"type": "null"}]},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 4},
                "palette": {"type": "array", "items": {"type": "string", "pattern": "^#[0-9a-f]{6}$"},
                            "minItems": 1},
            },
            "required": [
                "id", "description", "duration_s", "camera_move", "focus", "score", "tags", "palette",
            ],
            "additionalProperties": False,
        },
        "Meta": {"type": "object", "properties": {"ok": {"type": "boolean"}, "level": {"type": "integer",
                 "minimum": 3, "maximum": 5, "multipleOf": 2}}, "required": ["ok", "level"],
                 "additionalProperties": False},
    },
    "properties": {
        "scenes": {"type": "array", "items": {"$ref": "#/$defs/Scene"}, "minItems": 1, "maxItems": 8},
        "meta": {"$ref": "#/$defs/Meta"},
        "framework": {"type": "string", "enum": ["AIDA", "PAS", "FAB"]},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
    },
    "required": ["scenes", "meta", "framework", "note"],
    "additionalProperties": False,
}  # fmt: skip


def test_a_nested_schema_gets_an_answer_that_validates(loopback: LoopbackServer) -> None:
    prompt = 'BRIEF (JSON): {"duration_s": 12}\nNumber of scenes: 4\nWrite the storyboard.'
    r = _chat(loopback, _strict(NESTED, "Plan", prompt))
    assert r.status_code == 200, r.text
    completion = r.json()
    assert completion["object"] == "chat.completion" and completion["usage"]["total_tokens"] > 0
    answer = json.loads(completion["choices"][0]["message"]["content"])
    jsonschema.validate(answer, NESTED)
    scenes = answer["scenes"]
    assert [s["id"] for s in scenes] == [1, 2, 3, 4]  # the count the prompt asked for
    assert sum(s["duration_s"] for s in scenes) == pytest.approx(12)
    assert all(len(s["description"].split()) >= 4 for s in scenes)  # words, not placeholders
    assert answer["meta"]["level"] == 4


def test_json_mode_needs_the_word_json_and_follows_an_embedded_schema(loopback: LoopbackServer) -> None:
    body = {
        "model": "gpt-4.1-mini",
        "response_format": {"type": "json_object"},
        "messages": [{"role": "user", "content": "Describe the ad."}],
    }
    refused = _chat(loopback, body)
    assert refused.status_code == 400 and "must contain the word 'json'" in refused.json()["error"]["message"]
    schema = json.dumps(NESTED["$defs"]["Meta"])
    body["messages"] = [
        {
            "role": "system",
            "content": f"Answer with one JSON object that follows this JSON schema, "
            f"and nothing else:\n{schema}",
        },
        {"role": "user", "content": "Go."},
    ]
    answer = json.loads(_chat(loopback, body).json()["choices"][0]["message"]["content"])
    jsonschema.validate(answer, NESTED["$defs"]["Meta"])


def test_the_studio_prompts_get_the_offline_writers_answers(loopback: LoopbackServer) -> None:
    from studio.config import load_prompt
    from studio.models import Brief, Story
    from studio.providers.openai_text import render_prompt

    brief = Brief(prompt="Trail shoes from Peak that grip wet rock.", duration_s=12, scene_count=3)
    system, user = render_prompt(load_prompt("story_director"), {"brief": brief, "seed": 7})
    schema = Story.model_json_schema()
    body = {
        "model": "gpt-4.1-mini",
        "response_format": {"type": "json_object"},
        "messages": [
            {
                "role": "system",
                "content": f"{system}\n\nAnswer with one JSON object that follows this "
                f"JSON schema, and nothing else:\n{json.dumps(schema)}",
            },
            {"role": "user", "content": user},
        ],
    }
    r = _chat(loopback, body)
    assert r.status_code == 200, r.text
    story = Story.model_validate_json(r.json()["choices"][0]["message"]["content"])
    assert story.framework in ("AIDA", "PAS", "FAB") and story.beats and story.call_to_action
    assert loopback.records("/v1/chat")[-1]["answer_source"] == "writer:story_director"


def test_a_vision_request_gets_an_analysis_with_the_pictures_colours(loopback: LoopbackServer) -> None:
    class VisionAnswer(BaseModel):
        character_description: str
        product_features: str
        colors: list[str]
        style: str
        environment: str
        lighting: str

    content = [
        {"type": "text", "text": "This is the product reference of the ad. Note from the person: none"},
        {"type": "image_url", "image_url": {"url": _png(color=(200, 40, 40))}},
    ]
    done = _openai(loopback).chat.completions.parse(
        model="gpt-4.1-mini",
        response_format=VisionAnswer,
        messages=[{"role": "system", "content": "Describe it."}, {"role": "user", "content": content}],
    )
    answer = done.choices[0].message.parsed
    assert answer.colors[0] == "#c82828"
    assert answer.product_features and answer.lighting
    assert loopback.records("/v1/chat")[-1]["answer_source"] == "vision"
    broken = [{"type": "image_url", "image_url": {"url": "data:image/png;base64,bm90IGFuIGltYWdl"}}]
    r = _chat(
        loopback,
        {
            "model": "gpt-4.1-mini",
            "messages": [{"role": "user", "content": broken}],
            "response_format": {"type": "json_object"},
        },
    )
    assert r.status_code == 400


def test_logprobs_answers_yes_with_alternatives(loopback: LoopbackServer) -> None:
    done = _openai(loopback).chat.completions.create(
        model="gpt-4.1-mini",
        messages=[{"role": "user", "content": "Is there a shoe? yes or no"}],
        max_tokens=1,
        logprobs=True,
        top_logprobs=5,
    )
    first = done.choices[0].logprobs.content[0]
    assert first.token == "Yes" and len(first.top_logprobs) == 5


# ── speech ───────────────────────────────────────────────────────────────────────────────────────


def test_speech_is_real_audio_in_the_asked_format(loopback: LoopbackServer, tmp_path: Path) -> None:
    client = _openai(loopback)
    wav = client.audio.speech.create(
        model="gpt-4o-mini-tts",
        voice="alloy",
        response_format="wav",
        input="Your mornings just got smoother, order yours today.",
    ).content
    assert wav[:4] == b"RIFF" and wav[8:12] == b"WAVE"
    assert wav[4:8] == b"\xff\xff\xff\xff"  # a streamed header, as the real service sends
    fixed = bytearray(wav)
    fixed[40:44] = (len(wav) - 44).to_bytes(4, "little")
    fixed[4:8] = (len(wav) - 8).to_bytes(4, "little")
    with wave.open(io.BytesIO(bytes(fixed))) as w:
        assert w.getframerate() == 24000 and 2.0 < w.getnframes() / 24000 < 5.0
    mp3 = client.audio.speech.create(model="tts-1", voice="nova", input="Hello there.").content
    (tmp_path / "a.mp3").write_bytes(mp3)
    decoded = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-i", str(tmp_path / "a.mp3"), "-f", "null", "-"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert decoded.returncode == 0 and "mp3" in decoded.stderr
    with pytest.raises(openai.BadRequestError, match="Instructions are not supported"):
        client.audio.speech.create(model="tts-1", voice="alloy", input="Hi", instructions="calm")
    with pytest.raises(openai.BadRequestError, match="Supported values are: 'alloy'"):
        client.audio.speech.create(model="tts-1", voice="robot", input="Hi")  # type: ignore[arg-type]


# ── predictions ──────────────────────────────────────────────────────────────────────────────────


def test_a_video_prediction_runs_its_lifecycle_and_delivers_an_mp4(
    loopback: LoopbackServer, tmp_path: Path
) -> None:
    loopback.control(video_seconds=1.5)
    client = _replicate(loopback)
    pred = client.predictions.create(
        model="google/veo-3-fast",
        input={
            "prompt": "a bottle on a table",
            "image": _png(),
            "aspect_ratio": "9:16",
            "duration": 4,
            "seed": 42,
            "resolution": "720p",
            "generate_audio": False,
        },
    )
    assert pred.status == "starting" and pred.id and pred.model == "google/veo-3-fast"
    done, seen = _wait(client, pred.id)
    statuses = [s for s, _p in seen]
    assert "processing" in statuses and statuses[-1] == "succeeded"
    progress = [p.percentage for s, p in seen if s == "processing" and p is not None]
    assert progress and progress == sorted(progress) and max(progress) < 1
    assert done.output.startswith(f"{loopback.url}/files/")
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(httpx.get(done.output, timeout=30).content)
    info = probe_video(clip)
    assert (info["codec"], info["width"], info["height"]) == ("h264", 360, 640)
    assert info["duration_s"] == pytest.approx(4, abs=0.2)
    # A version create runs the same model; list and model info answer too.
    by_version = httpx.post(
        f"{loopback.url}/v1/predictions",
        timeout=10,
        headers={"Authorization": f"Bearer {loopback.replicate_token}"},
        json={"version": "black-forest-labs/flux-schnell:abc", "input": {"prompt": "x"}},
    )
    assert by_version.status_code == 201 and by_version.json()["model"] == "black-forest-labs/flux-schnell"
    assert client.models.get("google/veo-3-fast").latest_version.id


def test_image_predictions_deliver_pictures_flux_schnell_as_a_list(loopback: LoopbackServer) -> None:
    client = _replicate(loopback)
    flux = client.predictions.create(
        model="black-forest-labs/flux-schnell",
        input={
            "prompt": "a red shoe",
            "aspect_ratio": "16:9",
            "num_outputs": 2,
            "output_format": "png",
            "seed": 1,
        },
    )
    nano = client.predictions.create(
        model="google/nano-banana-pro",
        input={
            "prompt": "a red shoe",
            "aspect_ratio": "4:5",
            "output_format": "png",
            "image_input": [_png()],
        },
    )
    flux_done, _ = _wait(client, flux.id)
    nano_done, _ = _wait(client, nano.id)
    assert isinstance(flux_done.output, list) and len(flux_done.output) == 2
    assert isinstance(nano_done.output, str)
    pic = Image.open(io.BytesIO(httpx.get(flux_done.output[0], timeout=10).content))
    assert pic.format == "PNG" and pic.size == (640, 360)
    pic = Image.open(io.BytesIO(httpx.get(nano_done.output, timeout=10).content))
    assert pic.size == (360, 450)


def test_cancel_stops_a_running_prediction(loopback: LoopbackServer) -> None:
    loopback.control(video_seconds=30)
    client = _replicate(loopback)
    pred = client.predictions.create(model="google/veo-3-fast", input={"prompt": "x", "duration": 8})
    client.predictions.cancel(pred.id)
    assert client.predictions.get(pred.id).status == "canceled"
    assert loopback.records(f"/v1/predictions/{pred.id}/cancel")[0]["op"] == "cancel"
    with pytest.raises(ReplicateError) as caught:
        client.predictions.get("doesnotexist")
    assert caught.value.status == 404


def test_unknown_inputs_and_bad_values_are_refused_naming_the_field(loopback: LoopbackServer) -> None:
    client = _replicate(loopback)
    with pytest.raises(ReplicateError) as caught:
        client.predictions.create(model="google/veo-3-fast", input={"prompt": "x", "duration": 5, "fps": 24})
    assert caught.value.status == 422
    assert "Additional property fps is not allowed" in caught.value.detail
    assert "input.duration: duration must be one of the following: 4, 6, 8" in caught.value.detail
    with pytest.raises(ReplicateError, match="start_image is required"):
        client.predictions.create(model="kwaivgi/kling-v2.1", input={"prompt": "x"})
    with pytest.raises(ReplicateError, match="Must be greater than or equal to 81"):
        client.predictions.create(
            model="wan-video/wan-2.2-i2v-fast", input={"prompt": "x", "image": _png(), "num_frames": 40}
        )
    with pytest.raises(ReplicateError) as caught:
        client.predictions.create(model="nobody/nothing", input={"prompt": "x"})
    assert caught.value.status == 404


def _configured_inputs(spec: dict[str, Any]) -> dict[str, Any]:
    """The inputs the studio sends for a video model, from config/video_models.yaml."""
    inputs = {spec["prompt"]: "A bottle on a table", **spec.get("extra", {})}
    if spec.get("seed"):
        inputs[spec["seed"]] = 7
    if spec.get("start_image"):
        inputs[spec["start_image"]] = _png()
    if spec.get("aspect_ratio"):
        inputs[spec["aspect_ratio"]["name"]] = spec["aspect_ratio"]["allowed"][0]
    if spec.get("resolution"):
        inputs[spec["resolution"]["name"]] = spec["resolution"]["value"]
    d = spec["duration"]
    if d["kind"] == "frames":
        inputs[d["name"]] = d["min"]
        if d.get("fps_name"):
            inputs[d["fps_name"]] = d["fps"]
    else:
        inputs[d["name"]] = d["allowed"][0]
    return inputs


VIDEO_MODELS = yaml.safe_load((ROOT / "config" / "video_models.yaml").read_text(encoding="utf-8"))["models"]


@pytest.mark.parametrize("model", list(VIDEO_MODELS))
def test_the_inputs_the_studio_configures_are_accepted(loopback: LoopbackServer, model: str) -> None:
    r = httpx.post(
        f"{loopback.url}/v1/models/{model}/predictions",
        timeout=10,
        headers={"Authorization": f"Bearer {loopback.replicate_token}"},
        json={"input": _configured_inputs(VIDEO_MODELS[model])},
    )
    assert r.status_code == 201, r.text


def test_file_upload_gives_a_file_object_with_a_get_url(loopback: LoopbackServer) -> None:
    client = _replicate(loopback)
    uploaded = client.files.create(
        io.BytesIO(b"\x89PNG fake"),
        filename="ref.png",
        content_type="image/png",
        metadata={"role": "product"},
    )
    assert uploaded.urls["get"] == f"{loopback.url}/v1/files/{uploaded.id}"
    assert uploaded.size == 9 and uploaded.metadata == {"role": "product"}
    assert client.files.get(uploaded.id).name == "ref.png"
    record = loopback.records("/v1/files", method="POST")[0]
    assert record["fields"] == ["content", "metadata"] or set(record["fields"]) == {"content", "metadata"}
    got = httpx.get(
        f"{uploaded.urls['get']}/download",
        timeout=10,
        headers={"Authorization": f"Bearer {loopback.replicate_token}"},
    )
    assert got.content == b"\x89PNG fake"


# ── faults ───────────────────────────────────────────────────────────────────────────────────────


def test_injected_429_and_500_then_normal_service(loopback: LoopbackServer) -> None:
    loopback.control(
        faults=[
            {"prefix": "/v1/models", "status": 429, "count": 2, "retry_after": "3"},
            {"prefix": "/v1/chat", "status": 500, "count": 1},
        ]
    )
    url = f"{loopback.url}/v1/models/google/veo-3-fast/predictions"
    headers = {"Authorization": f"Bearer {loopback.replicate_token}"}
    answers = [
        httpx.post(url, json={"input": {"prompt": "x"}}, headers=headers, timeout=10) for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [429, 429, 201]
    assert answers[0].headers["retry-after"] == "3" and answers[0].json()["title"] == "Request was throttled"
    body = {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "hi"}]}
    assert _chat(loopback, body).status_code == 500
    assert _chat(loopback, body).status_code == 200
    assert [r.get("fault") for r in loopback.records("/v1/models")] == [429, 429, None]


def test_the_next_prediction_fails_and_the_one_after_succeeds(loopback: LoopbackServer) -> None:
    client = _replicate(loopback)
    httpx.post(f"{loopback.url}/__control", json={"fail_next_predictions": 1}, timeout=10)
    first = client.predictions.create(model="google/veo-3-fast", input={"prompt": "x"})
    second = client.predictions.create(model="google/veo-3-fast", input={"prompt": "x"})
    failed, _ = _wait(client, first.id)
    ok, _ = _wait(client, second.id)
    assert failed.status == "failed" and "injected" in failed.error
    assert ok.status == "succeeded"


def test_latency_applies_to_every_request(loopback: LoopbackServer) -> None:
    loopback.control(latency_s=0.3)
    t0 = time.monotonic()
    _chat(loopback, {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "hi"}]})
    assert time.monotonic() - t0 >= 0.3
    loopback.control(reset=True)
    assert loopback.state()["latency_s"] == 0


# ── records, and the cross-process entry ─────────────────────────────────────────────────────────


def test_every_request_is_recorded_with_its_authorization(loopback: LoopbackServer) -> None:
    _chat(loopback, {"model": "gpt-4.1-mini", "messages": [{"role": "user", "content": "hi"}]})
    noisy = Image.effect_noise((200, 200), 60).convert("RGB")
    image = "data:image/png;base64," + __import__("base64").b64encode(encode_picture(noisy)).decode()
    _replicate(loopback).predictions.create(model="google/veo-3-fast", input={"prompt": "x", "image": image})
    chat, create = loopback.records("/v1/chat")[0], loopback.creates("video")[0]
    assert chat["auth"] == f"Bearer {loopback.openai_key}" and chat["json"]["messages"][0]["content"] == "hi"
    assert create["auth"] == f"Bearer {loopback.replicate_token}" and create["status"] == 201
    assert create["model"] == "google/veo-3-fast" and create["json"]["input"]["prompt"] == "x"
    assert create["json"]["input"]["image"].endswith("chars]")  # data URLs are shortened in the record
    assert loopback.auth_values("openai") == {f"Bearer {loopback.openai_key}"}
    assert all(r["t"] > 0 and r["method"] in ("GET", "POST") for r in loopback.records())


def test_the_server_runs_in_its_own_process_and_records_to_a_file(tmp_path: Path) -> None:
    from tests.conftest import free_port

    port, record = free_port(), tmp_path / "records.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.loopback.server", "--port", str(port), "--openai-key", "sk-x-KEY",
         "--replicate-token", "r8_TOKEN", "--record", str(record), "--fault", "/v1/predictions:500:1"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url == f"http://127.0.0.1:{port}"
        headers = {"Authorization": "Bearer r8_TOKEN"}
        assert httpx.get(f"{url}/v1/predictions/x", headers=headers, timeout=10).status_code == 500
        assert httpx.get(f"{url}/v1/predictions/x", headers=headers, timeout=10).status_code == 404
        httpx.post(
            f"{url}/__control",
            json={"faults": [{"prefix": "/v1/chat", "status": 429, "count": 1}]},
            timeout=10,
        )
        chat = httpx.post(
            f"{url}/v1/chat/completions",
            headers={"Authorization": "Bearer sk-x-KEY"},
            timeout=10,
            json={"model": "m", "messages": [{"role": "user", "content": "hi"}]},
        )
        assert chat.status_code == 429
        rows = read_records(record)
        assert [(r["path"], r["status"], r["auth"]) for r in rows] == [
            ("/v1/predictions/x", 500, "Bearer r8_TOKEN"),
            ("/v1/predictions/x", 404, "Bearer r8_TOKEN"),
            ("/v1/chat/completions", 429, "Bearer sk-x-KEY"),
        ]
        assert httpx.get(f"{url}/__records", timeout=10).json()[-1]["path"] == "/v1/chat/completions"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()
