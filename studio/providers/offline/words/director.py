"""The story director: writes a Story on a framework from the brief, the seed and any feedback."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from studio.models import FRAMEWORK_BEATS, Beat, Brief, Story, StoryCritique
from studio.providers.offline.words.brief_reader import BriefFacts, read_brief
from studio.providers.offline.words.feedback import (
    Ask,
    apply_to_facts,
    earlier_asks,
    focus_line,
    read_feedback,
)
from studio.providers.offline.words.frameworks import (
    BEATS,
    beat_templates,
    choose,
    choose_framework,
    choose_short,
    usable,
)
from studio.providers.offline.words.text import (
    END_CARD_S,
    SPOKEN_WORDS_PER_S,
    capitalise,
    caption,
    end_with_mark,
    pick,
    rng_for,
    word_count,
)
from studio.providers.offline.words.tones import Tone, tone


def word_budget(duration_s: float) -> int:
    """The most voiceover words an ad of this length can speak before its end card."""
    return max(6, int((duration_s - END_CARD_S) * SPOKEN_WORDS_PER_S))


@dataclass
class _BeatDraft:
    name: str
    long: str
    short: str
    use_long: bool = False
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        core = self.long if self.use_long else self.short
        return [*self.before, core, *self.after, *self.closing]


def write_story(
    brief: Brief,
    seed: int | None,
    feedback: str | None = None,
    previous: Story | None = None,
    critique: StoryCritique | None = None,
) -> Story:
    """A story on the brief's framework; with feedback and a previous story, that story changed as asked."""
    facts = read_brief(brief.prompt)
    # with a critique, the feedback (if any) is already in `previous`: fix what the critic named
    if previous is not None and critique is not None:
        from studio.providers.offline.words.revise import revise_story

        return revise_story(brief, facts, previous, critique, seed)
    ask = read_feedback(feedback)
    notes: list[str] = []
    if previous is not None:
        notes += apply_to_facts(earlier_asks(previous.assumptions), facts)
        if previous.product_name and previous.product_name != facts.product_name:
            facts.brand = previous.product_name
    notes += apply_to_facts(ask, facts)
    notes = list(dict.fromkeys(notes))
    voice = tone(ask.tone or (previous.tone if previous else None) or facts.tone)
    framework, reason = _framework(brief, facts, ask, previous)
    budget = word_budget(brief.duration_s)
    target = round(budget * 0.9)
    if previous is not None:
        target = min(budget, sum(word_count(v) for v in previous.voiceover))
    if ask.length:
        target = max(4, min(budget, round(target * ask.length)))
    revision = previous.revision + 1 if previous else 0
    rng = rng_for(seed, "story", framework, voice.name, feedback or "", revision)
    focus = list(dict.fromkeys(earlier_asks(notes).focus))
    explicit_tone = bool(ask.tone or facts.tone or (previous and previous.tone != "confident"))
    drafts = compose(facts, framework, voice, rng, target, focus, explicit_tone)
    assumptions = _still_true(facts.assumptions, facts, voice)
    if ask.unplaced and feedback:
        notes.append("Reworded: the feedback named no tone, length, focus or audience I could apply.")
    return assemble(facts, framework, reason, voice, drafts, assumptions + notes, revision)


def _still_true(assumptions: list[str], facts: BriefFacts, voice: Tone) -> list[str]:
    """The brief's stated defaults, less those that feedback has since replaced."""
    replaced = []
    if voice.name != "confident":
        replaced.append("No tone asked for")
    if facts.audience:
        replaced.append("No audience named")
    if facts.cta:
        replaced.append("No call to action given")
    return [a for a in assumptions if not a.startswith(tuple(replaced))]


def _framework(brief: Brief, facts: BriefFacts, ask: Ask, previous: Story | None) -> tuple[str, str]:
    if ask.framework:
        return ask.framework, f"{ask.framework}, as asked in the feedback."
    if previous is not None:
        return (
            previous.framework,
            previous.framework_reason or f"{previous.framework}, kept from the last draft.",
        )
    if brief.framework != "auto":
        return brief.framework, f"{brief.framework}, as chosen in the brief."
    return choose_framework(facts)


def slots(facts: BriefFacts, voice: Tone, rng: random.Random) -> tuple[dict[str, str], set[str]]:
    """The words templates fill in, and which of them the brief really gave."""
    product = facts.product
    values = {
        "product": product,
        "Product": capitalise(product),
        "adj": pick(rng, voice.adjectives),
        "noun": facts.noun or "",
        "audience": facts.audience or "you",
        "benefit": facts.benefits[0] if facts.benefits else "makes every day a little easier",
        "benefit2": facts.benefits[1] if len(facts.benefits) > 1 else "",
        "feature": facts.features[0] if facts.features else "",
        "feature2": facts.features[1] if len(facts.features) > 1 else "",
        "pain": facts.pains[0] if facts.pains else "",
        "offer": facts.offer or "",
    }
    # the default benefit is said out loud in the assumptions, so lines may use it
    given = {
        "noun": facts.noun,
        "audience": facts.audience,
        "feature": facts.features[:1],
        "feature2": facts.features[1:2],
        "pain": facts.pains[:1],
        "offer": facts.offer,
        "benefit2": facts.benefits[1:2],
    }
    have = {k for k, v in given.items() if v}
    have.add("benefit")
    values["cta"] = end_with_mark(call_to_action(facts, voice, rng), voice.mark)
    values["cta_lower"] = values["cta"][:1].lower() + values["cta"][1:]
    return values, have


def call_to_action(facts: BriefFacts, voice: Tone, rng: random.Random) -> str:
    """The brief's own call to action, else one in the tone's words."""
    if facts.cta:
        return capitalise(facts.cta.rstrip(".!"))
    return f"{pick(rng, voice.cta_verbs)} {facts.product} today"


def compose(
    facts: BriefFacts,
    framework: str,
    voice: Tone,
    rng: random.Random,
    target: int,
    focus: list[str],
    explicit_tone: bool,
) -> list[_BeatDraft]:
    """Beats filled from templates, grown from their short forms until the word target is reached."""
    values, have = slots(facts, voice, rng)
    names = FRAMEWORK_BEATS[framework]
    drafts: list[_BeatDraft] = []
    for name in names:
        templates = beat_templates(framework, name)
        pool = templates.long
        if facts.benefits and name in ("Desire", "Solution", "Advantages"):
            # the brief's own benefit is the strongest line this beat can say
            pool = tuple(t for t in pool if "benefit" in t[1]) or pool
        long = choose(rng, pool, have) or "{Product}."
        short = choose_short(rng, templates.short, have) or long
        drafts.append(_BeatDraft(name, _fill(long, values), _fill(short, values)))
    opening = BEATS[framework].get(names[0])
    if opening and "feature" in have:
        # FAB's first beat must state a feature, not only hook
        drafts[0].after.append(_fill(choose(rng, opening.long, have) or "{Product}.", values))
    if framework != "AIDA":
        drafts[-1].closing.append(values["cta"])
    middle = drafts[1] if len(drafts) > 1 else drafts[0]
    focus_beat = drafts[-2] if framework == "AIDA" else drafts[-1]
    focus_beat.after += [_fill(focus_line(f, facts), values) for f in focus]
    tone_line = pick(rng, voice.flourishes)
    if explicit_tone:
        base = sum(word_count(line) for d in drafts for line in d.lines())
        if base + word_count(tone_line) > target:
            tone_line = min(voice.flourishes, key=word_count)
        middle.after.insert(0, tone_line)
    total = sum(word_count(line) for d in drafts for line in d.lines())
    # the beat that carries the benefit grows first; the hook and the CTA last
    order = sorted(drafts, key=lambda d: d.name not in ("Desire", "Solution", "Advantages", "Interest"))
    for draft in order:
        extra = word_count(draft.long) - word_count(draft.short)
        if total + extra <= target:
            draft.use_long = True
            total += extra
    for draft, line, where in _extras(framework, drafts, values, have, voice, rng, explicit_tone, tone_line):
        n = word_count(line)
        said = " ".join(line for d in drafts for line in d.lines()).lower()
        if total + n <= target and line.lower().rstrip(".!") not in said:
            (draft.before if where == "before" else draft.after).append(line)
            total += n
    return drafts


def _extras(
    framework: str,
    drafts: list[_BeatDraft],
    values: dict[str, str],
    have: set[str],
    voice: Tone,
    rng: random.Random,
    explicit_tone: bool,
    tone_line: str,
) -> list[tuple[_BeatDraft, str, str]]:
    """Optional lines in the order they are worth adding."""
    extras: list[tuple[_BeatDraft, str, str]] = []
    if values["offer"]:
        where = "before" if framework == "AIDA" else "after"
        extras.append((drafts[-1], _fill("Right now: {offer}.", values), where))
    for draft in drafts[1:]:
        templates = BEATS[framework].get(draft.name)
        if templates:
            options = usable(templates.extras, have)
            rng.shuffle(options)
            extras += [(draft, _fill(o, values), "after") for o in options]
    if not explicit_tone:
        extras.insert(1, (drafts[1] if len(drafts) > 1 else drafts[0], tone_line, "after"))
    if voice.name != "confident" or rng.random() < 0.5:
        extras.append((drafts[0], end_with_mark(pick(rng, voice.openers), voice.mark), "after"))
    return extras


def _fill(template: str, values: dict[str, str]) -> str:
    return capitalise(template.format(**values))


def assemble(
    facts: BriefFacts,
    framework: str,
    reason: str,
    voice: Tone,
    drafts: list[_BeatDraft],
    assumptions: list[str],
    revision: int,
) -> Story:
    """The Story from its beat drafts: one voiceover line per beat, prose text, title and CTA."""
    beats = [Beat(name=d.name, text=" ".join(d.lines())) for d in drafts]
    cta = _cta_of(drafts)
    return Story(
        title=f"{facts.product_name}: {caption(beats[0].text, 5)}",
        product_name=facts.product_name,
        text="\n\n".join(f"{b.name}. {b.text}" for b in beats),
        framework=framework,  # type: ignore[arg-type]
        framework_reason=reason,
        beats=beats,
        voiceover=[b.text for b in beats],
        call_to_action=cta,
        tone=voice.name,
        assumptions=list(dict.fromkeys(assumptions)),
        revision=revision,
    )


def _cta_of(drafts: list[_BeatDraft]) -> str:
    last = drafts[-1]
    line = last.closing[-1] if last.closing else (last.long if last.use_long else last.short)
    # "Don't wait. Shop now." -> the CTA is the last sentence
    sentences = [s for s in line.replace("! ", "!|").replace(". ", ".|").split("|") if s.strip()]
    return sentences[-1].strip() if sentences else line
