"""Stories in the brief's own language when it is Spanish, French, German, Italian or Portuguese.

The offline director's English templates cannot be translated word for word without seams ('Meet Café
Sol, the bold coffee' needs the noun's gender in every other language). So a story in another language is
the brief's own sentences (its grammar and its facts, verbatim) on the framework's beats, joined by the
phrasebook's whole sentences: a hook, the line that names the product, and the call to action (the brief's
own, else one built on its address). `keep_facts` then adds each fact the lines do not say yet, in the
same language, and the story is trimmed to the ad's word budget, never dropping a line that carries a
fact.
"""

from __future__ import annotations

import random

from studio.brief import says_what_to_say, word_budget
from studio.brief.clauses import asks_for_the_ad, sentences
from studio.brief.clean import LABELLED
from studio.models import FRAMEWORK_BEATS, Beat, Brief, Story
from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.fact_lines import address_cta, banned, fact_carriers, keep_facts, unbanned
from studio.offline.words.phrasebook import Phrases
from studio.offline.words.text import beat_text, capitalise, end_with_mark, rng_for, word_count
from studio.offline.words.tones import Tone

MAX_LINE_WORDS = 16
"""The longest sentence of the brief the copy says as it stands."""


def brief_lines(facts: BriefFacts) -> list[str]:
    """The brief's sentences the copy can say as they stand: about the product, not to the writer."""
    sheet = facts.sheet
    closing = [v.lower() for v in (sheet.address, sheet.call_to_action) if v]
    out: list[str] = []
    for sentence in sentences(facts.prompt):
        text = end_with_mark(capitalise(sentence.strip()))
        low = text.lower()
        if (
            LABELLED.match(text)  # 'Marca: Casa Roble': its value is a fact the sheet holds
            or asks_for_the_ad(text)
            or says_what_to_say(text)
            or banned(facts, text)
            or any(c in low for c in closing)
            or not 2 <= word_count(text) <= MAX_LINE_WORDS
        ):
            continue
        out.append(text)
    return list(dict.fromkeys(out))


def write_in_language(
    brief: Brief,
    facts: BriefFacts,
    book: Phrases,
    framework: str,
    reason: str,
    voice: Tone,
    seed: int | None,
    revision: int,
    assumptions: list[str],
) -> Story:
    """A story on the framework in the brief's language: hook, the product named, the brief's own lines,
    every fact, and the call to action."""
    rng = rng_for(seed, "story", facts.language, framework, revision)
    names = list(FRAMEWORK_BEATS[framework])
    name = facts.product_name
    budget = word_budget(brief.duration_s)
    close = unbanned(facts, book.close)
    cta = (facts.sheet.call_to_action or address_cta(facts) or close or f"{name}.").rstrip(".!")
    lines: list[list[str]] = [[] for _ in names]
    # the studio's own phrases say no word the brief forbids ('Bitte nicht "entdecke" sagen')
    hooks = [h.format(name=name) for h in book.hooks[framework] if not banned(facts, h.format(name=name))]
    if hooks:
        lines[0].append(_pick(rng, tuple(hooks)))
    meet = unbanned(facts, book.meet.format(name=name))
    if meet:
        lines[min(1, len(names) - 1)].append(meet)  # else `keep_facts` names the brand where it is missing
    body = brief_lines(facts)
    middle = list(range(1, max(2, len(names) - 1))) if len(names) > 2 else [len(names) - 1]
    for i, line in enumerate(body):
        lines[middle[i % len(middle)]].append(line)
    lines[-1].append(end_with_mark(cta))
    lines, _ = keep_facts(lines, end_with_mark(cta), facts, tight=budget < 12)
    lines = _trim(lines, facts, budget, cta)
    for b in range(1, len(lines) - 1):
        if not lines[b]:
            # a beat the brief's lines did not reach: the previous beat's last line, else the close
            spare = [h for h in hooks if h not in lines[0]]  # with the close forbidden, another hook
            filler = close or next(iter(spare), f"{name}.")
            lines[b] = [lines[b - 1].pop()] if len(lines[b - 1]) > 1 else [filler]
    beats = [Beat(name=n, text=beat_text(ls)) for n, ls in zip(names, lines, strict=True)]
    return Story(
        title=_title(name, body),
        product_name=name,
        text="\n\n".join(f"{b.name}. {b.text}" for b in beats),
        framework=framework,  # type: ignore[arg-type]
        framework_reason=reason,
        beats=beats,
        voiceover=[b.text for b in beats],
        call_to_action=end_with_mark(cta),
        tone=voice.name,
        assumptions=list(dict.fromkeys(assumptions)),
        revision=revision,
        facts=facts.sheet,
    )


def _pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return options[rng.randrange(len(options))]


def _trim(lines: list[list[str]], facts: BriefFacts, budget: int, cta: str) -> list[list[str]]:
    """The beats within the word budget: the brief's other lines go from the last, then the hook; a line
    that carries a fact, the product's name or the call to action stays."""
    everything = [s for beat in lines for s in beat]
    keep = fact_carriers(facts, everything) | {end_with_mark(cta)}
    if facts.product_name:
        keep |= {next((s for s in everything if facts.product_name in s), "")}
    lines = [list(beat) for beat in lines]
    spare = [(b, s) for b in range(len(lines) - 1, -1, -1) for s in reversed(lines[b]) if s not in keep]
    # the hook (the first beat's first line) goes last: an ad opens on something when it can
    hook = (0, lines[0][0]) if lines[0] else None
    spare = [x for x in spare if x != hook] + ([hook] if hook and hook[1] not in keep else [])
    while sum(word_count(s) for beat in lines for s in beat) > budget and spare:
        b, s = spare.pop(0)
        if len(lines[b]) > 1:
            lines[b].remove(s)
    return lines


def _title(name: str, body: list[str]) -> str:
    first = next((s.rstrip(".!") for s in body if word_count(s) <= 7), "")
    if not first:
        return name
    return first if name.lower() in first.lower() else f"{name}: {first}"


__all__ = ["brief_lines", "write_in_language"]
