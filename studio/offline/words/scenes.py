"""The scene writer: a story's beats spread over scenes that fit the ad's length, word for word."""

from __future__ import annotations

import logging
import math
import random
import re

from studio.brief import ad_language
from studio.models import Brief, ConsistencyContext, Scene, ScenePlan, Story
from studio.offline.words.brief_reader import BriefFacts, read_brief
from studio.offline.words.critic import fact_allowance
from studio.offline.words.fact_lines import fact_carriers, unbanned
from studio.offline.words.feedback import Ask, focus_line, read_feedback
from studio.offline.words.in_language import brief_lines
from studio.offline.words.phrasebook import phrases_for
from studio.offline.words.text import (
    END_CARD_S,
    SPOKEN_WORDS_PER_S,
    capitalise,
    caption,
    fit_with_cta,
    pick,
    rng_for,
    split_sentences,
    word_count,
)
from studio.offline.words.tones import Tone, tone
from studio.offline.words.visuals import (
    FOCUS_BY_BEAT,
    character_for,
    replace_mood,
    scene_description,
    setting_for,
)

log = logging.getLogger(__name__)
_MOVES = ("push_in", "pull_out", "pan_left", "pan_right", "parallax", "static")
_QUIET_TONES = ("calm", "luxurious", "dramatic")


def capacity(duration_s: float) -> int:
    """The most voiceover words a scene of this length can speak."""
    return int(duration_s * SPOKEN_WORDS_PER_S + 1e-6)


def write_scenes(
    brief: Brief,
    story: Story,
    context: ConsistencyContext | None,
    scene_count: int | None,
    seed: int | None,
    feedback: str | None = None,
    previous: ScenePlan | None = None,
    scene_id: int | None = None,
) -> ScenePlan:
    """A plan of scenes following the story's beats; with scene_id, only that scene is rewritten."""
    if feedback:
        # the stage appends the critic's issues ("Also fix: ..."); a fresh plan fixes them, and their words
        # ("Scene 2: 12 voiceover words ...") are not a person's feedback
        feedback = re.split(r"(?:^|\.\s*)(?:Also fix|Fix):", feedback, maxsplit=1)[0].strip(" .") or None
    ask = read_feedback(feedback)
    if scene_id is not None and previous is not None:
        return _rewrite_one(brief, story, context, previous, scene_id, seed, feedback, ask)
    facts = _facts(brief, story)
    voice = tone(ask.tone or story.tone)
    count = scene_count or (len(previous.scenes) if previous else brief.planned_scene_count())
    rng = rng_for(seed, "scenes", count, voice.name, feedback or "")
    total_s = brief.duration_s - END_CARD_S
    count = max(1, min(count, round(total_s * 10) // 10, 8))
    groups = spread_beats([b.name for b in story.beats], count)
    lines = _lines_per_scene(story, groups, _spare_lines(facts, story))
    focus_extra = [focus_line(f, facts) for f in ask.focus]
    said: list[list[str]] = []
    for i in range(count):
        last = i == count - 1
        said.append(lines[i] + (focus_extra if i == count - 2 or (last and count == 1) else []))
    cta_key = story.call_to_action.lower().rstrip(".!")
    needs = [word_count(" ".join(s)) for s in said]
    if cta_key and cta_key not in " ".join(said[-1]).lower():
        needs[-1] += word_count(story.call_to_action)
    # scenes get the time their words need, so short ads keep whole lines instead of clipped ones; when the
    # words outrun the ad, no scene is left too short to say its shortest line (facts stretch their scene)
    floors = [min((word_count(x) for x in s), default=0) for s in said]
    durations = split_durations(total_s, count, rng, needs, floors)
    scenes: list[Scene] = []
    moves = _moves(voice, rng, len(durations))
    for i, (beats, duration) in enumerate(zip(groups, durations, strict=True)):
        last = i == len(durations) - 1
        sentences = said[i]
        # half a word of slack: a 1.4 s scene says "Peak. Grips wet rock." (4 words), not a cut line
        limit = int(duration * SPOKEN_WORDS_PER_S + 0.5 + 1e-6)
        if ask.length and ask.length < 1:
            limit = max(2, round(limit * 0.7))
        else:
            # the words an offer or address said whole adds to the ad: no story line is lost for them
            limit = max(limit, min(needs[i], limit + fact_allowance(story)))
        voiceover = fit_keeping_facts(sentences, limit, story.call_to_action if last else None, facts)
        scenes.append(
            _scene(
                i + 1, beats, duration, voiceover, facts, story, context, brief, voice, rng, moves[i], last
            )
        )
    return ScenePlan(scenes=scenes)


def _facts(brief: Brief, story: Story) -> BriefFacts:
    """The brief read again, with the facts the story carries (a model's story brings its own sheet)."""
    facts = read_brief(brief.prompt)
    facts.writes_in = ad_language(brief.language, brief.prompt)
    if not story.facts.is_empty():
        facts.sheet = story.facts
    return facts


def fit_keeping_facts(sentences: list[str], limit: int, cta: str | None, facts: BriefFacts) -> str:
    """The scene's line: every sentence that carries a brief fact, then the others while they fit."""
    pinned = fact_carriers(facts, sentences)
    if not pinned:
        return fit_with_cta(sentences, limit, cta)
    key = cta.lower().rstrip(".!") if cta else ""
    has_cta = bool(key) and any(key in x.lower() for x in sentences)
    room = limit - sum(word_count(x) for x in pinned) - (word_count(cta or "") if key and not has_cta else 0)
    chosen: list[str] = []
    closing: list[str] = []
    for x in sentences:
        if key and key in x.lower():
            closing.append(x)  # the line always ends on the call to action
        elif x in pinned:
            chosen.append(x)
        elif word_count(x) <= room:
            chosen.append(x)
            room -= word_count(x)
    if key and not has_cta:
        closing.append(cta or "")
    return " ".join(chosen + closing)


def _seconds(words: int) -> int:
    """Tenths of a second that `words` take to say, at least one second."""
    return max(10, int(-(-words * 10 // SPOKEN_WORDS_PER_S)))


def split_durations(
    total_s: float,
    count: int,
    rng: random.Random,
    needs: list[int] | None = None,
    floors: list[int] | None = None,
) -> list[float]:
    """Scene lengths in tenths of a second that add up to total_s exactly (each 1-30 s).

    With `needs` (voiceover words per scene), each scene first gets the time its words take at 2.5 words a
    second; the time left is shared as before. When the needs outrun the ad, the time is shared by need,
    unless that leaves a scene too short for `floors` (its shortest line): then each gets its floor first.
    """
    tenths = round(total_s * 10)
    count = max(1, min(count, tenths // 10, 8))
    if count * 300 < tenths:
        log.warning("%d scenes cannot hold %.1f s at 30 s each: the scenes run short", count, total_s)
    weights = [(0.8 if i == 0 else 1.0) * (1 + rng.uniform(-0.15, 0.15)) for i in range(count)]
    want = [_seconds(n) for n in (needs or [])[:count]]
    # a scene says int(seconds * 2.5 + 0.5) words (half a word of slack): the least time for `floor` words
    must = [
        min(max(10, math.ceil((m - 0.5) * 10 / SPOKEN_WORDS_PER_S)), w)
        for m, w in zip((floors or [])[:count], want, strict=False)
    ]
    if len(want) == count and sum(want) <= tenths:
        spare = tenths - sum(want)
        raw = [min(300, w + int(spare * g / sum(weights))) for w, g in zip(want, weights, strict=True)]
    elif len(want) == count:
        raw = [max(10, min(300, int(tenths * w / sum(want)))) for w in want]
        short = any(r < m for r, m in zip(raw, must, strict=False))
        if len(must) == count and short and sum(must) <= tenths:
            # scaled down alike, a scene could not say even its shortest line: floors first, the rest shared
            extra = [w - m for w, m in zip(want, must, strict=True)]
            left = tenths - sum(must)
            raw = [min(300, m + int(left * e / max(1, sum(extra)))) for m, e in zip(must, extra, strict=True)]
    else:
        raw = [max(10, min(300, int(tenths * w / sum(weights)))) for w in weights]
    i = 0
    while sum(raw) != tenths and i < 10_000:
        j = i % count
        step = 1 if sum(raw) < tenths else -1
        if 10 <= raw[j] + step <= 300:
            raw[j] += step
        i += 1
    return [r / 10 for r in raw]


def spread_beats(beats: list[str], count: int) -> list[list[str]]:
    """The beats each scene carries: every beat somewhere, in order, the last beat in the last scene."""
    if not beats:
        return [["Scene"] for _ in range(count)]
    groups = [[b] for b in beats]
    while len(groups) > count:
        # merge the middle beats so the hook opens and the call to action closes
        k = max(1, len(groups) // 2 - 1)
        groups[k : k + 2] = [groups[k] + groups[k + 1]]
    if count <= len(beats):
        return groups
    n = len(beats)
    preference = list(dict.fromkeys(i for i in (n - 2, 1, n - 1, 0) if 0 <= i < n))
    copies = [1] * n
    for extra in range(count - n):
        copies[preference[extra % len(preference)]] += 1
    return [[beats[i]] for i in range(n) for _ in range(copies[i])]


def _lines_per_scene(story: Story, groups: list[list[str]], spare: list[str]) -> list[list[str]]:
    """Each scene's share of its beats' sentences; a scene left without words takes a spare line."""
    by_beat: dict[str, list[str]] = {}
    for i, beat in enumerate(story.beats):
        spoken = story.voiceover[i] if i < len(story.voiceover) else beat.text
        by_beat[beat.name] = split_sentences(spoken)
    share: dict[str, int] = {}
    for group in groups:
        for name in group:
            share[name] = share.get(name, 0) + 1
    seen: dict[str, int] = {}
    spare = list(spare)
    out: list[list[str]] = []
    for index, group in enumerate(groups):
        lines: list[str] = []
        for name in group:
            sentences = by_beat.get(name, [])
            k, n = seen.get(name, 0), share[name]
            lo, hi = -(-len(sentences) * k // n), -(-len(sentences) * (k + 1) // n)
            lines += sentences[lo:hi]
            seen[name] = k + 1
        if not lines and spare and index < len(groups) - 1:
            lines.append(spare.pop(0))
        out.append(lines)
    return out


def _spare_lines(facts: BriefFacts, story: Story) -> list[str]:
    """Lines from the brief the story did not use, for scenes its sentences do not reach."""
    spoken = " ".join(story.voiceover).lower()
    book = phrases_for(facts.language)
    if book is not None:
        own = [*brief_lines(facts), book.meet.format(name=story.product_name)]
        return [c for c in own if c.lower().rstrip(".") not in spoken]
    candidates = [f"It {b}." for b in facts.benefits]
    candidates += [f"Plus, {f}." for f in facts.features]
    if facts.audience:
        candidates.append(f"Made for {facts.audience}.")
    if facts.offer:
        candidates.append(f"Right now: {facts.offer}.")
    candidates.append(f"That's {story.product_name}.")
    return [c for c in candidates if c.lower().rstrip(".") not in spoken]


def _moves(voice: Tone, rng: random.Random, count: int) -> list[str]:
    moves: list[str] = []
    for _ in range(count):
        options = [m for m in (*voice.camera, *_MOVES) if not moves or m != moves[-1]]
        moves.append(pick(rng, options))
    return moves


def _transition(voice: Tone, rng: random.Random, first: bool) -> str:
    if first:
        return "cut"
    if voice.name in _QUIET_TONES:
        return pick(rng, ("crossfade", "crossfade", "slide"))
    return pick(rng, ("cut", "slide", "crossfade"))


def _scene(
    sid: int,
    beats: list[str],
    duration: float,
    voiceover: str,
    facts: BriefFacts,
    story: Story,
    context: ConsistencyContext | None,
    brief: Brief,
    voice: Tone,
    rng: random.Random,
    move: str,
    last: bool,
) -> Scene:
    beat = " & ".join(beats)
    focus = "product" if last else FOCUS_BY_BEAT.get(beats[0], "product")
    if focus == "character" and not (facts.audience or brief.assets.character_images or context):
        focus = "environment"
    who = character_for(facts, context)
    description = scene_description(
        beats[0] if not last else beats[-1],
        focus,
        facts,
        story.product_name,
        who,
        setting_for(facts, context, brief.prompt),
        voice,
        rng,
    )
    return Scene(
        id=sid,
        description=description,
        on_screen_text=on_screen_text(beats[-1] if last else beats[0], story, facts, voiceover, last),
        voiceover=voiceover,
        duration_s=duration,
        camera_move=move,  # type: ignore[arg-type]
        transition_in=_transition(voice, rng, sid == 1),  # type: ignore[arg-type]
        beat=beat,
        focus=focus,  # type: ignore[arg-type]
    )


def on_screen_text(beat: str, story: Story, facts: BriefFacts, voiceover: str, last: bool) -> str:
    """The words set in type: ≤ 6, the CTA in the last scene, the product or benefit elsewhere; never a word
    the brief forbids (the product's name stands in)."""
    text = _on_screen(beat, story, facts, voiceover, last)
    return unbanned(facts, text, caption(story.product_name, 6))


def _on_screen(beat: str, story: Story, facts: BriefFacts, voiceover: str, last: bool) -> str:
    if last:
        return caption(story.call_to_action, 6)
    book = phrases_for(facts.language)
    if book is not None:
        # in the brief's language: the product named, an offer as the brief writes it, else a clause
        if beat in ("Interest", "Features", "Solution"):
            return caption(book.meet.format(name=story.product_name).rstrip("."), 6)
        if beat in ("Desire", "Advantages", "Benefits") and facts.sheet.offers:
            return caption(capitalise(facts.sheet.offers[0]), 6)
        return _clause_of(voiceover) or caption(story.product_name, 6)
    if beat in ("Interest", "Features", "Solution"):
        return caption(f"Meet {story.product_name}", 6)
    if beat in ("Desire", "Advantages", "Benefits") and facts.offer:
        return caption(capitalise(facts.offer), 6)
    if beat in ("Desire", "Advantages", "Benefits") and facts.benefits:
        return caption(capitalise(facts.benefits[0]), 6)
    return _clause_of(voiceover) or caption(story.product_name, 6)


def _clause_of(voiceover: str) -> str:
    """The voiceover's first clause of two to six words, as a caption; '' when it has none."""
    for sentence in split_sentences(voiceover):
        for clause in re.split(r"[:,;—]", sentence):
            if 1 < word_count(clause) <= 6:
                return caption(capitalise(clause.strip()), 6)
    return ""


def _rewrite_one(
    brief: Brief,
    story: Story,
    context: ConsistencyContext | None,
    previous: ScenePlan,
    scene_id: int,
    seed: int | None,
    feedback: str | None,
    ask: Ask,
) -> ScenePlan:
    """The previous plan with only scene `scene_id` rewritten to the feedback."""
    from studio.offline.words.scene_edit import rewrite_scene

    ids = [s.id for s in previous.scenes]
    if scene_id not in ids:
        from studio.errors import BadInput

        raise BadInput(f"There is no scene {scene_id}: this plan has scenes {ids[0]} to {ids[-1]}.")
    facts = _facts(brief, story)
    scenes = [
        rewrite_scene(s, brief, story, context, facts, seed, feedback, ask, s.id == ids[-1])
        if s.id == scene_id
        else s
        for s in previous.scenes
    ]
    return ScenePlan(scenes=scenes)


__all__ = ["capacity", "on_screen_text", "replace_mood", "split_durations", "spread_beats", "write_scenes"]
