"""The story director: writes a Story on a framework from the brief, the seed and any feedback."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from studio.brief import TIGHT_WORDS, ad_language, word_budget
from studio.models import FRAMEWORK_BEATS, Beat, Brief, Story
from studio.offline.words.brief_reader import BriefFacts, read_brief
from studio.offline.words.fact_lines import (
    address_cta,
    banned,
    cta_assumption,
    keep_facts,
    offer_lines,
    place_facts,
    unbanned,
)
from studio.offline.words.feedback import (
    Ask,
    apply_to_facts,
    earlier_asks,
    focus_line,
    read_feedback,
)
from studio.offline.words.frameworks import (
    BEATS,
    BeatTemplates,
    Template,
    beat_templates,
    choose,
    choose_framework,
    choose_short,
    usable,
)
from studio.offline.words.grammar import agree
from studio.offline.words.in_language import write_in_language
from studio.offline.words.lines import (
    audience_named,
    audience_question,
    benefit_phrase,
    offer_cta,
    offer_line,
    offer_parts,
    pronouns,
)
from studio.offline.words.phrasebook import phrases_for
from studio.offline.words.text import (
    beat_text,
    capitalise,
    end_with_mark,
    pick,
    rng_for,
    split_sentences,
    word_count,
)
from studio.offline.words.tight import tight_beats
from studio.offline.words.tones import Tone, tone


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
) -> Story:
    """A story on the brief's framework; with feedback and a previous story, that story changed as asked.

    A critic's revision of a draft is `revise.revise_story` (the writer's story task picks it).
    """
    facts = read_brief(brief.prompt)
    facts.writes_in = ad_language(brief.language, brief.prompt)
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
    book = phrases_for(facts.language)
    if book is not None:
        # Spanish, French, German, Italian, Portuguese: the brief's own lines on the beats (in_language.py)
        kept = [a for a in _still_true(facts.assumptions, facts, voice) if not a.startswith(_ENGLISH_ONLY)]
        return write_in_language(brief, facts, book, framework, reason, voice, seed, revision, kept + notes)
    rng = rng_for(seed, "story", framework, voice.name, feedback or "", revision)
    focus = list(dict.fromkeys(earlier_asks(notes).focus))
    explicit_tone = bool(ask.tone or facts.tone or (previous and previous.tone != "confident"))
    if budget < TIGHT_WORDS:
        # a 6-8 s ad: one short line per beat, written to the budget from the start
        values, _ = slots(facts, voice, rng)
        beats = tight_beats(facts, framework, voice, rng, values, target if ask.length else budget)
        names = FRAMEWORK_BEATS[framework]
        drafts = [_BeatDraft(n, ls[0], ls[0], after=ls[1:]) for n, ls in zip(names, beats, strict=True)]
    else:
        drafts = compose(facts, framework, voice, rng, target, focus, explicit_tone)
    assumptions = _still_true(facts.assumptions, facts, voice)
    if ask.unplaced and feedback:
        notes.append("Reworded: the feedback named no tone, length, focus or audience I could apply.")
    story = assemble(
        facts, framework, reason, voice, drafts, assumptions + notes, revision, budget < TIGHT_WORDS
    )
    return story.model_copy(
        update={"assumptions": cta_assumption(story.assumptions, facts, story.call_to_action)}
    )


_ENGLISH_ONLY = ("No benefit stated", "No tone asked for", "No product name found")
"""Stated defaults about the English templates' words, which a story in another language does not use."""


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
    default_benefit = "makes every day a little easier"
    values = {
        "product": product,
        "Product": capitalise(product),
        "adj": pick(rng, voice.adjectives),
        "noun": facts.noun or "",
        "audience": facts.audience or "you",
        "Audience": capitalise(facts.audience or "you"),
        "audience_q": audience_question(facts.audience) if facts.audience else "",
        # agreement with the product: "it grips wet rock", "they grip wet rock"
        "benefit": benefit_phrase(facts) or agree(default_benefit, facts.plural),
        "benefit_s": agree(facts.benefits[0]) if facts.benefits else default_benefit,
        "benefit2": benefit_phrase(facts, 1),
        **pronouns(facts),
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
    if facts.audience and word_count(facts.audience) <= 3:
        have.add("audience_short")
    values["cta"] = end_with_mark(call_to_action(facts, voice, rng), voice.mark)
    values["cta_lower"] = values["cta"][:1].lower() + values["cta"][1:]
    return values, have


def call_to_action(facts: BriefFacts, voice: Tone, rng: random.Random) -> str:
    """The brief's own call to action, else one that carries the offer, else one in the tone's words."""
    if facts.cta:
        return capitalise(facts.cta.rstrip(".!"))
    if facts.sheet.address:
        return address_cta(facts)
    if offer_parts(facts):
        return offer_cta(facts, voice)[0]
    verbs = [v for v in voice.cta_verbs if not banned(facts, v)] or [""]
    said = f"{pick(rng, tuple(verbs))} {facts.product} today"
    return unbanned(facts, said, said.removesuffix(" today"), facts.product_name).strip()


def offer_extra(facts: BriefFacts, voice: Tone) -> str:
    """The spoken line the deal needs besides the CTA ('' when the CTA carries all of it)."""
    if facts.sheet.offers:
        # the brief's offers as written: '15% off your first box', never a reworded 'Enjoy 15% off today'
        return " ".join(offer_lines(facts, call_to_action(facts, voice, random.Random(0))))
    if facts.cta:
        return offer_line(offer_parts(facts), lead=True)
    if not offer_parts(facts):
        return ""
    return offer_line(offer_cta(facts, voice)[1], lead=False)


def _hook_pool(framework: str, facts: BriefFacts, values: dict[str, str], have: set[str]) -> BeatTemplates:
    """The first beat's hooks; when the brief names an audience, only hooks that speak to it (≤ 8 words)."""
    core = beat_templates(framework, FRAMEWORK_BEATS[framework][0])
    if not facts.audience:
        return core
    speaking = tuple(
        t
        for t in core.long
        if t[1] & {"audience", "audience_short"}
        and t[1] <= have
        and word_count(split_sentences(_fill(t[0], values))[0]) <= 8
    )
    if not speaking:
        return core
    short = tuple(t for t in speaking if word_count(_fill(t[0], values)) <= 5) or speaking
    return BeatTemplates(long=speaking, short=short)


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
        templates = (
            _hook_pool(framework, facts, values, have)
            if name == names[0]
            else beat_templates(framework, name)
        )
        pool = templates.long
        if name == "Interest":
            # Desire says the benefit: the interest line introduces the product instead of repeating it
            pool = tuple(t for t in pool if "benefit" not in t[1]) or pool
        if facts.benefits and name in ("Desire", "Solution", "Advantages"):
            # the brief's own benefit is the strongest line this beat can say
            pool = tuple(t for t in pool if "benefit" in t[1]) or pool
        pool = said_once(pool, values, facts.noun) or pool
        long = choose(rng, pool, have) or "{Product}."
        shorts = said_once(templates.short, values, facts.noun) or templates.short
        short = choose_short(rng, shorts, have) or long
        drafts.append(_BeatDraft(name, _fill(long, values), _fill(short, values)))
    opening = BEATS[framework].get(names[0])
    hooked = values["feature"].lower() in f"{drafts[0].short} {drafts[0].long}".lower()
    if opening and "feature" in have and not hooked:
        # FAB's first beat must state a feature, not only hook (a hook that says one already does)
        opening_lines = said_once(opening.long, values, facts.noun) or opening.long
        drafts[0].after.append(_fill(choose(rng, opening_lines, have) or "{Product}.", values))
    if framework != "AIDA":
        drafts[-1].closing.append(values["cta"])
    _must_say(facts, framework, drafts, values, voice)
    place_facts(facts, framework, drafts, values["cta"])
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
    facts_said = [*facts.features, *facts.sheet.proof_points]
    for draft, line, where in _extras(framework, drafts, values, have, voice, rng, explicit_tone, tone_line):
        n = word_count(line)
        said = " ".join(line for d in drafts for line in d.lines()).lower()
        # 'Inside Norda Audio: 60 hours of battery.' after 'Look closer: 60 hours of battery.' says it twice
        again = any(f.lower() in line.lower() and f.lower() in said for f in facts_said)
        if total + n <= target and line.lower().rstrip(".!") not in said and not again:
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


def _must_say(
    facts: BriefFacts, framework: str, drafts: list[_BeatDraft], values: dict[str, str], voice: Tone
) -> None:
    """Lines the brief's own facts require: the audience early, the offer at the close."""
    if facts.audience:
        early = drafts[:2] if framework == "AIDA" else drafts[:1]
        heard = " ".join(d.short + " " + d.long for d in early)
        if not audience_named(facts.audience, heard):
            early[-1].after.insert(0, _fill("Made for {audience}.", values))
    if framework == "FAB" and facts.product.lower() not in (drafts[0].short + drafts[0].long).lower():
        # the features belong to something: name it before the advantages
        drafts[0].after.insert(0, _fill("Meet {product}.", values))
    extra = offer_extra(facts, voice)
    if extra:
        lead = bool(facts.cta)
        if framework == "AIDA":
            (drafts[-1].before if lead else drafts[-2].after).append(extra)
        else:
            drafts[-1].after.append(extra)


def said_once(
    templates: tuple[Template, ...], values: dict[str, str], noun: str | None
) -> tuple[Template, ...]:
    """Templates whose line names the product noun at most once ('Meet the shoes, the smart shoes' goes)."""
    if not noun:
        return templates
    head = re.escape(noun.split()[-1].lower())
    return tuple(t for t in templates if len(re.findall(rf"\b{head}\b", _fill(t[0], values).lower())) <= 1)


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
    tight: bool = False,
) -> Story:
    """The Story from its beat drafts: one voiceover line per beat, prose text, title and CTA.

    Every fact of the brief is said (`keep_facts`): the drafts have most of them, the rest are added here.
    """
    cta = _cta_of(drafts)
    lines, _ = keep_facts([split_sentences(" ".join(d.lines())) for d in drafts], cta, facts, tight)
    if tight and lines[-1]:
        # a short ad's beats are single lines: its call to action is the last one said
        cta = lines[-1][-1]
    beats = [Beat(name=d.name, text=beat_text(ls)) for d, ls in zip(drafts, lines, strict=True)]
    return Story(
        title=story_title(facts, beats[0].text),
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
        facts=facts.sheet,
    )


def story_title(facts: BriefFacts, hook: str) -> str:
    """A complete short title: the product and its benefit, else its hook line, never a cut phrase."""
    name = facts.product_name
    benefit = agree(facts.benefits[0]) if facts.benefits else ""
    if benefit and word_count(benefit) <= 6:
        return f"{name}: {capitalise(benefit)}"
    for sentence in split_sentences(hook):
        phrase = sentence.rstrip(".")
        # a two-word hook without the product ("Look closer!") says nothing as a title
        bare = word_count(phrase) < 3 and name.lower() not in phrase.lower()
        if word_count(phrase) <= 7 and not phrase.endswith(":") and not bare:
            return phrase if name.lower() in phrase.lower() else f"{name}: {phrase}"
    return f"{name}: {capitalise(facts.noun)}" if facts.noun and facts.brand else f"Meet {name}"


def _cta_of(drafts: list[_BeatDraft]) -> str:
    last = drafts[-1]
    line = last.closing[-1] if last.closing else (last.long if last.use_long else last.short)
    # "Don't wait. Shop now." -> the CTA is the last sentence
    sentences = [s for s in line.replace("! ", "!|").replace(". ", ".|").split("|") if s.strip()]
    return sentences[-1].strip() if sentences else line
