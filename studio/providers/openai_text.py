"""Structured text from OpenAI, or any OpenAI-compatible server: prompts from `prompts/<task>.yaml`."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import openai
from pydantic import BaseModel, ValidationError

from studio.config import PROMPTS_DIR, PromptTemplate, load_prompt
from studio.errors import ContentRefused, ProviderError
from studio.providers import costs
from studio.providers.metering import Meter, metered
from studio.providers.openai_common import PROVIDER, call_openai, server_label
from studio.providers.ports import TextTask
from studio.providers.retry import RetryPolicy

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)


def render_value(value: Any) -> str:
    """A variable as prompt text: models and collections as JSON, None as "none"."""
    if value is None:
        return "none"
    if isinstance(value, BaseModel):
        return value.model_dump_json(indent=2, exclude_none=True)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(
            [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
            if not isinstance(value, dict) else value,
            indent=2, default=str,
        )
    return str(value)


def render_prompt(template: PromptTemplate, variables: Mapping[str, Any]) -> tuple[str, str]:
    """System and user text with every declared variable filled (missing optional ones read "none")."""
    values = {name: render_value(variables.get(name)) for name in template.variables}
    return template.render(**values)


def rejects_json_schema(exc: openai.BadRequestError) -> bool:
    """True when a compatible server says it cannot do JSON-schema output."""
    text = f"{exc.message} {exc.body}".lower()
    return "response_format" in text or "json_schema" in text


class OpenAIText:
    """TextModel on the chat API with structured outputs into our pydantic types."""

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        meter: Meter,
        *,
        base_url: str | None = None,
        prompts_dir: Path = PROMPTS_DIR,
        policy: RetryPolicy | None = None,
        secrets: Sequence[str] = (),
    ) -> None:
        self.client = client
        self.model = model
        self.meter = meter
        self.prompts_dir = prompts_dir
        self.policy = policy or RetryPolicy()
        self.secrets = tuple(secrets)
        self.name = server_label(model, base_url)
        self.json_mode = False
        """Set once a server refused JSON-schema output: from then on JSON mode plus validation."""

    @functools.lru_cache(maxsize=32)  # noqa: B019 - one adapter per process, a dozen prompt files
    def _template(self, task: str) -> PromptTemplate:
        return load_prompt(task, self.prompts_dir)

    def generate(self, task: TextTask, variables: Mapping[str, Any], output_type: type[T]) -> T:
        """Render the task's prompt, ask the model, return its answer validated as `output_type`."""
        template = self._template(task)
        system, user = render_prompt(template, variables)
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        with metered(self.meter, "openai", self.model, task) as call:
            result, usage = self._ask(messages, output_type, template.temperature, task)
            if usage is not None:
                call.cost_usd = costs.estimate(
                    self.model, input_tokens=usage.prompt_tokens, output_tokens=usage.completion_tokens
                ) or 0.0
        return result

    def _ask(self, messages: list[dict[str, Any]], output_type: type[T], temperature: float, task: str
             ) -> tuple[T, Any]:
        if not self.json_mode:
            try:
                return self._ask_structured(messages, output_type, temperature, task)
            except openai.BadRequestError as exc:
                if not rejects_json_schema(exc):
                    raise
                self.json_mode = True
                log.warning("%s does not accept JSON-schema output: using JSON mode with validation from "
                            "now on", self.name)
        return self._ask_json_mode(messages, output_type, temperature, task)

    def _ask_structured(self, messages: list[dict[str, Any]], output_type: type[T], temperature: float,
                        task: str) -> tuple[T, Any]:
        def once() -> Any:
            return self.client.chat.completions.parse(
                model=self.model, messages=messages, response_format=output_type, temperature=temperature
            )

        # A 400 about response_format must reach _ask untranslated, so it is caught before translation.
        completion = _passthrough_bad_request(once, self.policy, f"The {task} request", self.secrets)
        message = completion.choices[0].message
        if message.refusal:
            raise ContentRefused(f"The text model declined the {task} request ({message.refusal[:200]}). "
                                 "Reword the brief and try again.", provider=PROVIDER)
        if message.parsed is None:
            raise ProviderError(f"The text model gave no usable answer to the {task} request.",
                                provider=PROVIDER, retryable=True)
        return message.parsed, completion.usage

    def _ask_json_mode(self, messages: list[dict[str, Any]], output_type: type[T], temperature: float,
                       task: str) -> tuple[T, Any]:
        schema = json.dumps(output_type.model_json_schema())
        guided = [
            {"role": "system", "content": f"{messages[0]['content']}\n\nAnswer with one JSON object that "
                                          f"follows this JSON schema, and nothing else:\n{schema}"},
            *messages[1:],
        ]
        error = ""
        for _ in range(2):  # one re-ask when the answer does not validate
            completion = call_openai(
                lambda: self.client.chat.completions.create(
                    model=self.model, messages=guided, temperature=temperature,
                    response_format={"type": "json_object"},
                ),
                self.policy, f"The {task} request", self.secrets,
            )
            content = completion.choices[0].message.content or ""
            try:
                return output_type.model_validate_json(content), completion.usage
            except ValidationError as exc:
                error = str(exc.errors()[0]["msg"]) if exc.errors() else str(exc)
                log.warning("The %s answer did not match %s (%s): asking again", task,
                            output_type.__name__, error)
        raise ProviderError(f"The text model's answer to the {task} request did not have the expected "
                            f"shape ({error}).", provider=PROVIDER, retryable=True)


def _passthrough_bad_request(fn: Any, policy: RetryPolicy, what: str, secrets: Sequence[str]) -> Any:
    """`call_openai`, except that a 400 is raised as the client's own error for the caller to inspect."""
    bad_request: list[openai.BadRequestError] = []

    def guarded() -> Any:
        try:
            return fn()
        except openai.BadRequestError as exc:
            if rejects_json_schema(exc):
                bad_request.append(exc)
                return None
            raise

    result = call_openai(guarded, policy, what, secrets)
    if bad_request:
        raise bad_request[0]
    return result
