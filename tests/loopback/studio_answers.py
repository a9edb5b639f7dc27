"""Answers for the studio's own text tasks: the offline writer's answer, as a language model would give it.

The chat request carries only the rendered prompt, so the task is found by matching the messages against
each `prompts/<task>.yaml` template, and the variables are read back out of the slots (the studio renders
models as JSON, None as "none"). The offline writer then answers as it would in-process. Anything that does
not match a template (or that the writer cannot answer) returns None: the caller uses the schema generator.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path
from string import Template
from typing import Any

log = logging.getLogger(__name__)
JSON_MODE_SUFFIX = "\n\nAnswer with one JSON object that follows this JSON schema"

_OUTPUT = {
    "story_director": "Story", "story_critic": "StoryCritique", "scene_writer": "ScenePlan",
    "scene_critic": "SceneCritique", "scene_cohesor": "ScenePlan", "intent": "Intent",
    "image_prompt": "ImagePrompt", "prompt_cinematographer": "ImagePrompt", "prompt_engineer": "ImagePrompt",
    "fact_reader": "BriefFactSheet",
}  # fmt: skip
# Variable name → model it was rendered from (per task where it differs).
_VAR_MODELS = {
    "brief": "Brief",
    "story": "Story",
    "critique": "StoryCritique",
    "context": "ConsistencyContext",
    "plan": "ScenePlan",
}
_INT_VARS = ("scene_count", "seed", "scene_id")
_JSON_VARS = ("facts",)


def _template_regex(text: str, seen: set[str]) -> str:
    """A regex for a ${var} template: literals escaped, each variable a named group (repeats back-refer)."""
    out, pos = [], 0
    for m in Template.pattern.finditer(text):
        out.append(re.escape(text[pos : m.start()]))
        pos = m.end()
        name = m.group("named") or m.group("braced")
        if name:
            if name in seen:
                out.append(f"(?P={name})")
            else:
                seen.add(name)
                out.append(f"(?P<{name}>.*?)")
        elif m.group("escaped") is not None:
            out.append(re.escape("$"))
        else:
            out.append(re.escape(m.group(0)))
    out.append(re.escape(text[pos:]))
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _templates(prompts_dir: str) -> dict[str, tuple[re.Pattern[str], re.Pattern[str], list[str]]]:
    import yaml

    found = {}
    for path in sorted(Path(prompts_dir).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data.get("system"), str) or not isinstance(data.get("user"), str):
            continue
        system = re.compile(_template_regex(data["system"], set()) + r"(?P<rest_>.*)\Z", re.S)
        user = re.compile(_template_regex(data["user"], set()) + r"\Z", re.S)
        found[path.stem] = (system, user, list(data.get("variables") or []))
    return found


def _prompts_dir() -> str:
    from studio.config import PROMPTS_DIR

    return str(PROMPTS_DIR)


def message_text(content: Any) -> str:
    """A message's text whether it is a string or a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"
        )
    return ""


def identify(messages: list[dict[str, Any]]) -> tuple[str, dict[str, str]] | None:
    """(task, raw variable texts) when the messages are one of the studio's prompts."""
    system = next(
        (message_text(m.get("content")) for m in messages if m.get("role") in ("system", "developer")), None
    )
    user = next((message_text(m.get("content")) for m in messages if m.get("role") == "user"), None)
    if system is None or user is None:
        return None
    for task, (sys_re, user_re, _variables) in _templates(_prompts_dir()).items():
        ms = sys_re.match(system)
        if not ms:
            continue
        rest = ms.group("rest_")
        if rest and not rest.startswith(JSON_MODE_SUFFIX):
            continue
        mu = user_re.match(user)
        if not mu:
            continue
        values = {k: v for k, v in ms.groupdict().items() if k != "rest_" and v is not None}
        values.update({k: v for k, v in mu.groupdict().items() if v is not None})
        return task, values
    return None


def _parse_value(task: str, name: str, raw: str) -> Any:
    import studio.models as models

    text = raw.strip()
    if text == "none":
        return None
    if name in _INT_VARS:
        try:
            return int(float(text))
        except ValueError:
            return None
    if name in _JSON_VARS:
        return json.loads(text)
    model_name = _VAR_MODELS.get(name)
    if name == "previous":
        model_name = "ScenePlan" if task == "scene_writer" else "Story"
    if model_name:
        return getattr(models, model_name).model_validate_json(text)
    return raw


def writer_answer(messages: list[dict[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """(task, the offline writer's answer as JSON data) for a studio prompt, else None."""
    try:
        found = identify(messages)
    except Exception as exc:
        log.warning("loopback: could not match the studio's prompts (%s: %s)", type(exc).__name__, exc)
        return None
    if found is None:
        return None
    task, raw = found
    try:
        import studio.models as models
        from studio.providers.offline import OfflineWriter
        from studio.providers.ports import TEXT_REQUESTS

        variables = {name: _parse_value(task, name, value) for name, value in raw.items()}
        # a variable rendered as "none" was None or left out: the request's default stands in for it
        request = TEXT_REQUESTS[task](**{k: v for k, v in variables.items() if v is not None})
        output_type = getattr(models, _OUTPUT[task])
        answer = OfflineWriter().generate(request, output_type)
        return task, json.loads(answer.model_dump_json())
    except Exception as exc:
        log.warning(
            "loopback: the offline writer could not answer %s (%s: %s)", task, type(exc).__name__, exc
        )
        return None


# ── vision ───────────────────────────────────────────────────────────────────────────────────────

_VISION_WORDS = {
    "character_description": "an adult in their thirties, short dark hair, a camel coat, a relaxed smile",
    "product_features": "a matte bottle with a cream label, rounded shoulders and a black screw cap",
    "style": "clean studio product photo, high key",
    "environment": "a plain studio backdrop with a soft gradient",
    "lighting": "soft diffused light from the upper left, neutral colour temperature",
}


def vision_overrides(kind: str, colors: list[str]) -> dict[str, Any]:
    """Field values for a reference analysis of a `kind` picture whose dominant colours are `colors`."""
    words = dict(_VISION_WORDS)
    if kind == "environment":
        words["character_description"] = ""
        words["product_features"] = ""
        words["environment"] = "a sunlit city street with shop fronts and a tram stop"
    elif kind == "product":
        words["character_description"] = ""
    elif kind == "logo":
        words.update(character_description="", environment="", style="flat vector logo on a plain ground")
    return {**words, "colors": colors}


def vision_kind(text: str) -> str:
    m = re.search(r"This is the (\w+) reference", text)
    return m.group(1) if m else "product"
