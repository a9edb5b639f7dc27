"""The embedded text model: a deterministic ad writer on AIDA, PAS and FAB, with a critic and a scene writer.

It serves every TextTask of the TextModel port with no network and no key. The same variables (seed
included) give the same output; another seed gives other hooks and phrasing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from studio.brief import ad_language, read_fact_sheet
from studio.errors import BadInput
from studio.models import Intent, Story
from studio.offline.words.brief_reader import read_brief
from studio.offline.words.critic import critique_story
from studio.offline.words.director import write_story
from studio.offline.words.image_prompts import cinematographer, engineer, image_prompt
from studio.offline.words.phrasebook import phrases_for
from studio.offline.words.revise import revise_story
from studio.offline.words.scene_review import cohese, critique_scenes
from studio.offline.words.scenes import write_scenes

log = logging.getLogger(__name__)


def _say_language(story: Story, language: str) -> Story:
    """The story with a note when the ad's language is one the offline writer cannot write in."""
    if language.lower().split("-")[0] == "en" or phrases_for(language) is not None:
        return story
    note = (
        f"The ad's language is '{language}', but the offline writer writes English, Spanish, French, "
        f"German, Italian and Portuguese only: the voice speaks '{language}' and the copy is English "
        "around the brief's own words (names, places, dates, offers), kept verbatim. Set an OpenAI key for "
        "a script written in the language, or edit the lines."
    )
    kept = [a for a in story.assumptions if a != note]
    return story.model_copy(update={"assumptions": [*kept, note]})


class AdWriter:
    """Every text task of the studio, written with rules and templates instead of a language model."""

    def __init__(self) -> None:
        self._tasks: dict[str, Callable[[Mapping[str, Any]], BaseModel | dict[str, Any]]] = {
            "story_director": self._story_director,
            "story_critic": lambda v: critique_story(v["brief"], v["story"]),
            "scene_writer": self._scene_writer,
            "scene_critic": lambda v: critique_scenes(v["brief"], v["story"], v["plan"]),
            "scene_cohesor": lambda v: cohese(v["brief"], v["story"], v["plan"], v.get("context")),
            "intent": self._intent,
            "image_prompt": lambda v: {
                "prompt": image_prompt(
                    v["brief"],
                    v.get("story"),
                    str(v.get("role", "product")),
                    v.get("context"),
                    v.get("feedback"),
                )
            },
            "prompt_cinematographer": lambda v: {"prompt": cinematographer(str(v["prompt"]))},
            "prompt_engineer": lambda v: {"prompt": engineer(str(v["prompt"]))},
            # the rules' reading (the story stage never asks the offline writer: it reads the rules itself)
            "fact_reader": lambda v: read_fact_sheet(str(v["brief_text"])),
        }

    def write(self, task: str, variables: Mapping[str, Any]) -> BaseModel | dict[str, Any]:
        """Run one text task on its variables."""
        handler = self._tasks.get(task)
        if handler is None:
            raise BadInput(f"The offline writer has no task {task!r}: use one of {', '.join(self._tasks)}.")
        try:
            result = handler(variables)
        except KeyError as missing:
            raise BadInput(f"The {task} task needs the variable {missing}.") from None
        return result

    @staticmethod
    def _story_director(v: Mapping[str, Any]) -> BaseModel:
        previous, critique = v.get("previous"), v.get("critique")
        if previous is not None and critique is not None:
            # with a critique, the feedback (if any) is already in `previous`: fix what the critic named
            story = revise_story(v["brief"], read_brief(v["brief"].prompt), previous, critique, v.get("seed"))
        else:
            story = write_story(v["brief"], v.get("seed"), v.get("feedback"), previous)
        brief = v["brief"]
        return _say_language(story, ad_language(brief.language, brief.prompt))

    @staticmethod
    def _scene_writer(v: Mapping[str, Any]) -> BaseModel:
        return write_scenes(
            v["brief"],
            v["story"],
            v.get("context"),
            v.get("scene_count"),
            v.get("seed"),
            v.get("feedback"),
            v.get("previous"),
            v.get("scene_id"),
        )

    @staticmethod
    def _intent(v: Mapping[str, Any]) -> BaseModel:
        # The rules (pipeline/intent.py) already ran before a model is asked, and placed nothing: with no
        # language model to read the message, it is feedback.
        return Intent(action="refine", text=str(v.get("message", "")))
