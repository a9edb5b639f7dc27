"""Named errors with messages a person can act on.

Raised where a problem is detected; turned into a chat message (page) or an exit code (CLI) in one
place each. Messages never contain a key or token.
"""

from __future__ import annotations


class StudioError(Exception):
    """Base for every error the studio explains to a person."""

    exit_code = 1


class BadInput(StudioError):
    """The person's input cannot be used as given; the message says what to change."""

    exit_code = 2


class ConfigError(BadInput):
    """A settings value or the pipeline YAML is invalid."""


class UploadRejected(BadInput):
    """An uploaded file is not an image we can use."""


class RateLimited(BadInput):
    """The person has started as many generations as the hourly limit allows."""


class ProviderError(StudioError):
    """An outside service failed after retries."""

    def __init__(self, message: str, *, provider: str = "", retryable: bool = False) -> None:
        super().__init__(message)
        self.provider = provider
        self.retryable = retryable


class ProviderAuthError(ProviderError):
    """A key was refused; the message names the variable to fix."""


class ContentRefused(ProviderError):
    """A safety filter refused the request; the message suggests rewording."""


class StageError(StudioError):
    """A stage failed; names the stage and the cause."""

    def __init__(self, stage: str, cause: str) -> None:
        super().__init__(f"The {stage} stage failed: {cause}")
        self.stage = stage
        self.cause = cause


class RenderError(StudioError):
    """Encoding or composing video failed (ffmpeg missing, disk full ...)."""


class NotFound(StudioError):
    """No generation (or file) with that id."""

    exit_code = 2


class ConflictError(StudioError):
    """An optimistic-lock conflict that persisted after retries."""


class Cancelled(StudioError):
    """The person stopped the generation."""


class Busy(BadInput):
    """The generation is already being worked on: the action would run the same calls twice."""
