"""Reference analysis by an OpenAI vision model, degrading to the pixel analyst, never to invented text.

Also the image lab's yes/no check: P("yes") read from the first answer token's log-probabilities.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openai
from pydantic import BaseModel, ConfigDict, ValidationError

from studio.config import PROMPTS_DIR, load_prompt
from studio.errors import ContentRefused, ProviderAuthError, ProviderError
from studio.models import ReferenceAnalysis
from studio.providers import costs
from studio.providers.catalogue import text_profile
from studio.providers.openai_common import call_openai, json_schema_format, server_label
from studio.providers.openai_text import parse_answer, render_prompt, sampling
from studio.providers.ports import MediaStore, VisionModel, VisionRequest
from studio.providers.replicate_common import file_link
from studio.providers.retry import RetryPolicy
from studio.run import Run

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


def yes_from_logprobs(candidates: Sequence[tuple[str, float]]) -> float | None:
    """P("yes") from (token, logprob) pairs of one answer position; None when neither yes nor no is there.

    Tokens count as yes/no case-insensitively after stripping spaces and end punctuation (" Yes", "yes.").
    When both appear, yes is normalised by the yes+no mass (the rest is other tokens, e.g. "The").
    """
    yes = no = 0.0
    seen_yes = seen_no = False
    for token, logprob in candidates:
        word = token.strip().strip(".!,").lower()
        if word == "yes":
            yes, seen_yes = yes + math.exp(logprob), True
        elif word == "no":
            no, seen_no = no + math.exp(logprob), True
    if seen_yes and seen_no:
        return yes / (yes + no)
    if seen_yes:
        return min(yes, 1.0)
    if seen_no:
        return 0.0  # "yes" fell outside the top tokens: its mass is below the smallest one shown
    return None


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
        self.fallback = fallback
        self.media = media
        self.prompts_dir = prompts_dir
        self.policy = policy or RetryPolicy()
        self.secrets = tuple(secrets)
        self.name = server_label(model, base_url)
        self.profile = text_profile(model)
        self._no_logprobs = False

    def analyze(self, request: VisionRequest, run: Run) -> ReferenceAnalysis:
        """The model's reading of the image; the pixel analyst's figures when it cannot give one."""
        image_path, kind, hint = request.image_path, request.kind, request.hint
        template = load_prompt("vision_analysis", self.prompts_dir)
        system, user = render_prompt(template, {"kind": kind, "hint": hint or "none"})
        content: list[dict[str, Any]] = [
            {"type": "text", "text": user},
            {"type": "image_url", "image_url": {"url": file_link(Path(image_path), self.media)}},
        ]
        messages = [{"role": "system", "content": system}, {"role": "user", "content": content}]
        for attempt in (1, 2):  # one retry when the answer does not parse
            try:
                return self._ask(messages, template.temperature, kind, run)
            except ProviderAuthError:
                raise
            except (ProviderError, ValidationError, openai.LengthFinishReasonError,
                    openai.ContentFilterFinishReasonError) as exc:
                log.warning("Vision analysis of %s failed (attempt %d of 2): %s", Path(image_path).name,
                            attempt, exc)
        log.warning("Vision analysis of %s unavailable: using the pixel analyst's figures instead",
                    Path(image_path).name)
        return self.fallback.analyze(request, run)

    def _ask(self, messages: list[dict[str, Any]], temperature: float, kind: str, run: Run
             ) -> ReferenceAnalysis:
        with run.metered("openai", self.model, f"vision {kind}") as call:
            completion = call_openai(
                lambda: self.client.chat.completions.create(
                    model=self.model, messages=messages, response_format=json_schema_format(VisionAnswer),
                    **sampling(self.profile, temperature),
                ),
                self.policy, "The reference analysis", self.secrets,
            )
            if completion.usage is not None:
                call.cost_usd = costs.estimate(
                    self.model, input_tokens=completion.usage.prompt_tokens,
                    output_tokens=completion.usage.completion_tokens,
                ) or 0.0
            return to_analysis(parse_answer(completion.choices[0].message.content or "", VisionAnswer))

    def yes_probability(self, image_path: Path, question: str, run: Run) -> float | None:
        """P("yes") to a yes/no question about the image, from log-probabilities; None when there are none."""
        if self._no_logprobs:
            return None
        if not self.profile.logprobs:  # a reasoning model: the request would be refused, and billed nothing
            return self._unavailable("is a reasoning model, which gives no log-probabilities")
        content: list[dict[str, Any]] = [
            {"type": "text", "text": question},
            {"type": "image_url", "image_url": {"url": file_link(Path(image_path), self.media)}},
        ]
        with run.metered("openai", self.model, "vision yes/no") as call:
            try:
                completion = call_openai(
                    lambda: self.client.chat.completions.create(
                        model=self.model, messages=[{"role": "user", "content": content}], max_tokens=1,
                        temperature=0, logprobs=True, top_logprobs=5,
                    ),
                    self.policy, "The yes/no check", self.secrets,
                )
            except (ProviderAuthError, ContentRefused):
                raise
            except ProviderError as exc:
                # Reasoning models and some compatible servers refuse the logprobs parameter outright.
                if "logprob" not in str(exc).lower():
                    raise
                call.status, call.error = "error", str(exc)[:500]
                return self._unavailable("refuses log-probabilities")
            if completion.usage is not None:
                call.cost_usd = costs.estimate(
                    self.model, input_tokens=completion.usage.prompt_tokens,
                    output_tokens=completion.usage.completion_tokens,
                ) or 0.0
        choice = completion.choices[0] if completion.choices else None
        if choice is None or choice.logprobs is None:
            return self._unavailable("returned no log-probabilities")
        if not choice.logprobs.content:  # e.g. a refusal for this one image: no answer token to read
            log.warning("The yes/no check on %s got no answer token", Path(image_path).name)
            return None
        first = choice.logprobs.content[0]
        # A server that gives the chosen token's logprob but no alternatives still tells us that one.
        pairs = [(t.token, t.logprob) for t in first.top_logprobs or []] or [(first.token, first.logprob)]
        p = yes_from_logprobs(pairs)
        if p is None:
            log.warning("The yes/no check on %s: the model answered neither yes nor no (%r)",
                        Path(image_path).name, first.token)
        return p

    def _unavailable(self, why: str) -> None:
        # The server will not change its mind for the next image: stop paying for answers we cannot read.
        self._no_logprobs = True
        log.warning("%s %s: the yes/no alignment check is unavailable", self.name, why)
        return None
