"""Reference analysis by an OpenAI vision model, degrading to the pixel analyst, never to invented text."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openai
from pydantic import BaseModel, ConfigDict, ValidationError

from studio.config import PROMPTS_DIR, load_prompt
from studio.errors import ProviderAuthError, ProviderError
from studio.models import ReferenceAnalysis, RefKind
from studio.providers import costs
from studio.providers.metering import Meter, metered
from studio.providers.openai_common import call_openai, server_label
from studio.providers.openai_text import render_prompt
from studio.providers.ports import MediaStore, VisionModel
from studio.providers.replicate_common import file_link
from studio.providers.retry import RetryPolicy

log = logging.getLogger(__name__)
_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


class VisionAnswer(BaseModel):
    """What the vision model is asked to return (ReferenceAnalysis without the measured figures)."""

    model_config = ConfigDict(extra="forbid")
    character_description: str
    product_features: str
    colors: list[str]
    style: str
    environment: str
    lighting: str


def to_analysis(answer: VisionAnswer) -> ReferenceAnalysis:
    """The answer as a ReferenceAnalysis; colours that are not #rrggbb are dropped, not guessed."""
    colors = [f"#{m.group(1).lower()}" for c in answer.colors if (m := _HEX.fullmatch(c.strip()))]
    return ReferenceAnalysis(**answer.model_dump(exclude={"colors"}), colors=colors)


class OpenAIVision:
    """VisionModel on the chat API: the image as a content part, structured output, low temperature."""

    def __init__(
        self,
        client: openai.OpenAI,
        model: str,
        meter: Meter,
        fallback: VisionModel,
        *,
        media: MediaStore | None = None,
        base_url: str | None = None,
        prompts_dir: Path = PROMPTS_DIR,
        policy: RetryPolicy | None = None,
        secrets: Sequence[str] = (),
    ) -> None:
        self.client = client
        self.model = model
        self.meter = meter
        self.fallback = fallback
        self.media = media
        self.prompts_dir = prompts_dir
        self.policy = policy or RetryPolicy()
        self.secrets = tuple(secrets)
        self.name = server_label(model, base_url)

    def analyze(self, image_path: Path, kind: RefKind, hint: str = "") -> ReferenceAnalysis:
        """The model's reading of the image; the pixel analyst's figures when it cannot give one."""
        template = load_prompt("vision_analysis", self.prompts_dir)
        system, user = render_prompt(template, {"kind": kind, "hint": hint or "none"})
        content: list[dict[str, Any]] = [
            {"type": "text", "text": user},
            {"type": "image_url", "image_url": {"url": file_link(Path(image_path), self.media)}},
        ]
        messages = [{"role": "system", "content": system}, {"role": "user", "content": content}]
        for attempt in (1, 2):  # one retry when the answer does not parse
            try:
                return self._ask(messages, template.temperature, kind)
            except ProviderAuthError:
                raise
            except (ProviderError, ValidationError, openai.LengthFinishReasonError,
                    openai.ContentFilterFinishReasonError) as exc:
                log.warning("Vision analysis of %s failed (attempt %d of 2): %s", Path(image_path).name,
                            attempt, exc)
        log.warning("Vision analysis of %s unavailable: using the pixel analyst's figures instead",
                    Path(image_path).name)
        return self.fallback.analyze(image_path, kind, hint)

    def _ask(self, messages: list[dict[str, Any]], temperature: float, kind: str) -> ReferenceAnalysis:
        with metered(self.meter, "openai", self.model, f"vision {kind}") as call:
            completion = call_openai(
                lambda: self.client.chat.completions.parse(
                    model=self.model, messages=messages, response_format=VisionAnswer, temperature=temperature
                ),
                self.policy, "The reference analysis", self.secrets,
            )
            if completion.usage is not None:
                call.cost_usd = costs.estimate(
                    self.model, input_tokens=completion.usage.prompt_tokens,
                    output_tokens=completion.usage.completion_tokens,
                ) or 0.0
            parsed = completion.choices[0].message.parsed
            if parsed is None:
                raise ProviderError("The vision model's answer did not parse.", retryable=True)
            return to_analysis(parsed)
