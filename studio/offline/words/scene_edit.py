"""Rewrite one scene to a person's feedback ("make scene 2 more dramatic"), leaving its place in the ad."""

from __future__ import annotations

from studio.models import Brief, ConsistencyContext, Scene, Story
from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.feedback import Ask, focus_line
from studio.offline.words.text import (
    SPOKEN_WORDS_PER_S,
    caption,
    clip_words,
    fit_with_cta,
    looks_like_injection,
    pick,
    rng_for,
    split_sentences,
    strip_symbols,
    word_count,
)
from studio.offline.words.tones import tone
from studio.offline.words.visuals import (
    character_for,
    replace_mood,
    scene_description,
    setting_for,
)

_MOVES = ("push_in", "pull_out", "pan_left", "pan_right", "parallax", "static")


def rewrite_scene(
    scene: Scene,
    brief: Brief,
    story: Story,
    context: ConsistencyContext | None,
    facts: BriefFacts,
    seed: int | None,
    feedback: str | None,
    ask: Ask,
    last: bool,
) -> Scene:
    """The scene changed as the feedback asks: mood and camera for a tone, words for a focus or length."""
    rng = rng_for(seed, "scene", scene.id, feedback or "", scene.description)
    voice = tone(ask.tone or story.tone)
    description = scene.description
    if ask.tone:
        description = replace_mood(description, pick(rng, voice.mood))
    elif feedback and ask.unplaced and not looks_like_injection(feedback):
        description = (
            f"{description.rstrip()} Direction: {clip_words(strip_symbols(feedback), 24).rstrip('.')}."
        )
    elif not feedback:
        description = scene_description(
            scene.beat.split(" & ")[0] or "Interest",
            scene.focus,
            facts,
            story.product_name,
            character_for(facts, context),
            setting_for(facts, context, brief.prompt),
            voice,
            rng,
        )
    moves = [m for m in (*voice.camera, *_MOVES) if m != scene.camera_move]
    limit = int(scene.duration_s * SPOKEN_WORDS_PER_S + 1e-6)
    if ask.length and ask.length < 1:
        limit = max(2, round(word_count(scene.voiceover) * 0.65))
    sentences = split_sentences(scene.voiceover)
    focus = [focus_line(f, facts) for f in ask.focus]
    if ask.tone:
        flourish = min(voice.flourishes, key=word_count)
        sentences = [*sentences, flourish] if not last else [flourish, *sentences]
    voiceover = fit_with_cta([*focus, *sentences], limit, story.call_to_action if last else None)
    on_screen = scene.on_screen_text
    if focus:
        on_screen = caption(focus[0], 6)
    return scene.model_copy(
        update={
            "description": description,
            "camera_move": pick(rng, moves),
            "voiceover": voiceover,
            "on_screen_text": on_screen,
            "quality_score": None,
        }
    )
