"""The scene critic (a rubric over a plan) and the cohesor (one product, one character, one palette)."""

from __future__ import annotations

import re

from studio.imaging.palette import colour_name
from studio.models import Brief, ConsistencyContext, SceneCritique, ScenePlan, Story
from studio.offline.words.brief_reader import read_brief
from studio.offline.words.text import END_CARD_S, SPOKEN_WORDS_PER_S, word_count
from studio.offline.words.visuals import (
    STUDIO,
    character_from_context,
    setting_for,
    setting_of,
    with_palette,
)

_TOLERANCE_WORDS = 1
"""One word of slack over 2.5 words a second: a short word at the end still fits its scene."""
_WEIGHTS = {
    "timing": 2.0,
    "voiceover": 2.0,
    "text": 1.5,
    "cta": 1.5,
    "beats": 1.5,
    "product": 1.0,
    "camera": 0.5,
}


def critique_scenes(brief: Brief, story: Story, plan: ScenePlan) -> SceneCritique:
    """Score a scene plan 0-10: timing, voiceover fit, on-screen text, CTA, beats, product, camera variety."""
    scenes = plan.scenes
    lost: dict[str, float] = {}
    issues: list[str] = []

    target = round(brief.duration_s - END_CARD_S, 1)
    total = round(sum(s.duration_s for s in scenes), 1)
    if abs(total - target) > 0.5:
        lost["timing"] = 1.0
        issues.append(f"Scenes last {total:g} s; with the end card the ad needs {target:g} s of scenes.")

    long_vo = [
        s for s in scenes if word_count(s.voiceover) > s.duration_s * SPOKEN_WORDS_PER_S + _TOLERANCE_WORDS
    ]
    for s in long_vo:
        fits = int(s.duration_s * SPOKEN_WORDS_PER_S)
        issues.append(
            f"Scene {s.id}: {word_count(s.voiceover)} voiceover words, but {s.duration_s:g} s fits {fits}."
        )
    if long_vo:
        lost["voiceover"] = min(1.0, len(long_vo) / len(scenes) * 2)

    wordy = [s for s in scenes if word_count(s.on_screen_text) > 6]
    for s in wordy:
        issues.append(f"Scene {s.id}: on-screen text has {word_count(s.on_screen_text)} words; keep it to 6.")
    if wordy:
        lost["text"] = min(1.0, len(wordy) / len(scenes) * 2)

    cta = story.call_to_action.lower().rstrip(".!")
    last = scenes[-1]
    head = " ".join(cta.split()[:2])
    if not cta or (head not in last.voiceover.lower() and head not in last.on_screen_text.lower()):
        lost["cta"] = 1.0
        issues.append(f"The last scene has no call to action: end on '{story.call_to_action}'.")

    covered = {part.strip().lower() for s in scenes for part in s.beat.split("&")}
    missing = [b.name for b in story.beats if b.name.lower() not in covered]
    if missing:
        lost["beats"] = len(missing) / max(1, len(story.beats))
        issues.append(f"No scene carries the beat(s): {', '.join(missing)}.")

    name = story.product_name.lower()
    if name and not any(name in (s.voiceover + s.description + s.on_screen_text).lower() for s in scenes):
        lost["product"] = 1.0
        issues.append(f"No scene names {story.product_name}.")

    if len(scenes) > 2 and len({s.camera_move for s in scenes}) == 1:
        lost["camera"] = 1.0
        issues.append("Every scene uses the same camera move: vary them.")

    score = round(sum(w * (1 - lost.get(k, 0.0)) for k, w in _WEIGHTS.items()) * 2) / 2
    verdict = "The plan is ready." if not issues else f"{len(issues)} thing(s) to fix."
    return SceneCritique(score=score, critique=f"{score:g}/10. {verdict} " + " ".join(issues), issues=issues)


def cohese(brief: Brief, story: Story, plan: ScenePlan, context: ConsistencyContext | None) -> ScenePlan:
    """Align product and character naming and the palette across scenes; mark continuous scenes."""
    name = story.product_name
    palette = _colour_words(context.color_palette) if context and context.color_palette else ""
    character = character_from_context(context)
    places = [STUDIO, setting_for(read_brief(brief.prompt), context, brief.prompt)]
    scenes = []
    previous = None
    for scene in plan.scenes:
        description = _align_name(scene.description, name)
        voiceover = _align_name(scene.voiceover, name)
        if scene.focus == "character" and character and character.lower() not in description.lower():
            first, _, rest = description.partition(". ")
            description = f"{first}, with {character}. {rest}".strip()
        if palette:
            description = with_palette(description, palette)
        continuous = bool(
            previous is not None
            and previous.focus == scene.focus
            and setting_of(previous.description, places)
            and setting_of(previous.description, places) == setting_of(description, places)
        )
        updated = scene.model_copy(
            update={
                "description": description,
                "voiceover": voiceover,
                "continuous_with_previous": continuous,
            }
        )
        scenes.append(updated)
        previous = updated
    return ScenePlan(scenes=scenes)


def _colour_words(palette: list[str]) -> str:
    """The palette as colour words a person reads: 'deep red and coral', never hex codes."""
    names = list(dict.fromkeys(colour_name(c) for c in palette[:4]))[:3]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _align_name(text: str, name: str) -> str:
    """Every spelling of the product's name written the one way the story writes it."""
    if not name or not text:
        return text
    loose = r"[\s\-_]*".join(re.escape(part) for part in re.split(r"[\s\-_]+", name) if part)
    return re.sub(rf"\b{loose}\b", name, text, flags=re.IGNORECASE) if loose else text
