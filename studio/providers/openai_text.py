"""Structured text from OpenAI, or any OpenAI-compatible server: prompts from `prompts/<task>.yaml`."""

from __future__ import annotations

import functools
import json
import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import openai
from pydantic import BaseModel, ValidationError

from studio.config import PROMPTS_DIR, PromptTemplate, load_prompt
from studio.errors import ContentRefused, ProviderError
from studio.providers import costs
from studio.providers.catalogue import CallProfile, text_profile
from studio.providers.openai_common import (
    PROVIDER,
    call_openai,
    drop_null_defaults,
    json_schema_format,
    server_label,
)
from studio.providers.ports import TextRequest
from studio.providers.retry import RetryPolicy
from studio.run import Run

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)

json_mode_fallbacks: Counter[str] = Counter()
"""Refusals of JSON-schema output in this process, by server name. After one, that adapter asks in plain
JSON mode for good: tests fail when this grows (see tests/providers/contracts)."""


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


def note_json_mode_fallback(server: str, output_type: str, exc: openai.BadRequestError) -> None:
    """Say loudly that a server refused our JSON schema, with its reason, and count it."""
    json_mode_fallbacks[server] += 1
    body = exc.body if isinstance(exc.body, dict) else {}
    reason = str(body.get("message") or exc.message)[:300]
    log.error("%s does not accept JSON-schema output (it refused the %s schema: %s): using JSON mode with "
              "validation from now on. From OpenAI itself this means the schema breaks strict mode: see "
              "strict_schema.", server, output_type, reason)


def trim_to_words(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary (mid-word only for one long word)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if not text[limit].isspace():  # the cut falls inside a word: leave that word out
        words = head.rsplit(maxsplit=1)
        head = words[0] if len(words) == 2 else head
    return head.rstrip(" \t\n,;:-–—") or text[:limit]


def parse_answer(content: str, output_type: type[T]) -> T:
    """The model's JSON answer validated by `output_type` itself; over-long strings are trimmed, loudly.

    A null where the type has a default reads as the default (strict mode cannot leave a field out).
    Anything else that does not fit raises ValidationError, for the caller to ask again.
    """
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        return output_type.model_validate_json(content)  # raises the ValidationError that says why
    data = drop_null_defaults(data, output_type.model_json_schema())
    try:
        return output_type.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        if any(e["type"] != "string_too_long" for e in errors):
            raise
        for e in errors:
            if not _trim_field(data, e["loc"], e["ctx"]["max_length"], output_type.__name__):
                raise
    return output_type.model_validate(data)


def _trim_field(data: Any, loc: tuple[int | str, ...], limit: int, type_name: str) -> bool:
    try:
        holder = data
        for key in loc[:-1]:
            holder = holder[key]
        before = holder[loc[-1]]
        holder[loc[-1]] = trim_to_words(before, limit)
    except (KeyError, IndexError, TypeError):
        return False
    log.warning("The %s answer's %s had %d characters where %d are allowed: trimmed at a word boundary to %r",
                type_name, ".".join(map(str, loc)), len(before), limit, holder[loc[-1]])
    return True


class OpenAIText:
    """TextModel on the chat API with structured outputs into our pydantic types."""

    reads_briefs = True
    """A language model: the story stage has it read the brief's facts beside the rules (`fact_reader`)."""

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        *,
        base_url: str | None = None,
        prompts_dir: Path = PROMPTS_DIR,
        policy: RetryPolicy | None = None,
        secrets: Sequence[str] = (),
        profile: CallProfile | None = None,
    ) -> None:
        self.client = client
        self.model = model
        self.profile = profile or text_profile(model)
        """Which parameters the model accepts (config/text_models.yaml): reasoning models refuse sampling."""
        self.prompts_dir = prompts_dir
        self.policy = policy or RetryPolicy()
        self.secrets = tuple(secrets)
        self.name = server_label(model, base_url)
        self.json_mode = False
        """Set once a server refused JSON-schema output: from then on JSON mode plus validation."""

    @functools.lru_cache(maxsize=32)  # noqa: B019 - one adapter per process, a dozen prompt files
    def _template(self, task: str) -> PromptTemplate:
        return load_prompt(task, self.prompts_dir)

    def generate(self, request: TextRequest, output_type: type[T], run: Run) -> T:
        """Render the task's prompt from the request, ask the model, return its answer as `output_type`."""
        task = request.task
        template = self._template(task)
        system, user = render_prompt(template, request.variables())
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        with run.metered("openai", self.model, task) as call:
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
                note_json_mode_fallback(self.name, output_type.__name__, exc)
        return self._ask_json_mode(messages, output_type, temperature, task)

    def _ask_structured(self, messages: list[dict[str, Any]], output_type: type[T], temperature: float,
                        task: str) -> tuple[T, Any]:
        def once() -> Any:
            return self.client.chat.completions.create(
                model=self.model, messages=messages, response_format=json_schema_format(output_type),
                **sampling(self.profile, temperature),
            )

        def ask() -> Any:
            # A 400 about response_format must reach _ask untranslated, so it is caught before translation.
            return _passthrough_bad_request(once, self.policy, f"The {task} request", self.secrets)

        return self._answer(ask, output_type, task)

    def _ask_json_mode(self, messages: list[dict[str, Any]], output_type: type[T], temperature: float,
                       task: str) -> tuple[T, Any]:
        schema = json.dumps(output_type.model_json_schema())
        guided = [
            {"role": "system", "content": f"{messages[0]['content']}\n\nAnswer with one JSON object that "
                                          f"follows this JSON schema, and nothing else:\n{schema}"},
            *messages[1:],
        ]

        def once() -> Any:
            return self.client.chat.completions.create(
                model=self.model, messages=guided, response_format={"type": "json_object"},
                **sampling(self.profile, temperature),
            )

        return self._answer(lambda: call_openai(once, self.policy, f"The {task} request", self.secrets),
                            output_type, task)

    def _answer(self, ask: Callable[[], Any], output_type: type[T], task: str) -> tuple[T, Any]:
        """Ask; validate the answer with `output_type`; ask once more when it does not fit."""
        error = ""
        for attempt in (1, 2):
            completion = ask()
            message = completion.choices[0].message
            if message.refusal:
                raise ContentRefused(f"The text model declined the {task} request ({message.refusal[:200]}). "
                                     "Reword the brief and try again.", provider=PROVIDER)
            try:
                return parse_answer(message.content or "", output_type), completion.usage
            except ValidationError as exc:
                error = str(exc.errors()[0]["msg"]) if exc.errors() else str(exc)
                log.warning("The %s answer did not match %s (%s)%s", task, output_type.__name__, error,
                            ": asking again" if attempt == 1 else "")
        raise ProviderError(f"The text model's answer to the {task} request did not have the expected "
                            f"shape ({error}).", provider=PROVIDER, retryable=True)


def sampling(profile: CallProfile, temperature: float) -> dict[str, Any]:
    """The sampling parameters a call sends: a temperature where the model takes one, else its reasoning
    effort (reasoning models refuse `temperature`, `top_p` and `max_tokens`)."""
    out: dict[str, Any] = {}
    if profile.temperature:
        out["temperature"] = temperature
    if profile.reasoning_effort is not None:
        out["reasoning_effort"] = profile.reasoning_effort
    return out


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
