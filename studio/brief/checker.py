"""The fact checker: does a story (and its scenes) keep every fact its brief states?

Each fact of the `BriefFactSheet` is looked for where it must appear: the sheet's brand said in the
voiceover and shown (product name, title or call to action), and never replaced by another name in the
story's product name; offers and addresses verbatim, the call to action on the end card, numbers as
written, places and dates as written, must-say lines said and must-not-say lines absent. The same checker
judges the offline writer's stories and a language model's, so a dropped or changed fact fails either way.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, Field

from studio.models import BriefFactSheet, Scene, Story

HARD_KINDS = (
    "brand", "product", "proof", "offer", "cta", "address", "must_say", "must_not_say", "place", "date"
)  # fmt: skip
"""Facts whose loss fails a story outright; audience, benefit, tone, names, codes and tags lower its score
only. A place or a date the ad drops or changes sends people to the wrong town or the wrong day."""
TIGHT_FACT_KINDS = ("brand", "offer", "cta", "address", "must_say", "must_not_say")
"""What a 6-8 s ad is held to: it has no room for every number and the product's full name."""
DETAIL_KINDS = ("place", "date", "name", "code", "tag")
"""The sheet's details found by shape: reported when the ad drops one (said or shown anywhere); places and
dates also fail it (`HARD_KINDS`)."""
FACT_CAP = 6.0
"""A story that drops or changes a fact the brief states (an offer's terms, the CTA, the address, the brand,
a number) fails, whatever else it does well: a marketer cannot run it."""


class FactCheck(BaseModel):
    """One fact of the brief and whether the ad kept it."""

    kind: str
    value: str
    preserved: bool
    reason: str = ""


class FactReport(BaseModel):
    """Every fact of a brief, preserved or missed, with the reason for each miss."""

    checks: list[FactCheck] = Field(default_factory=list)

    @property
    def missed(self) -> list[FactCheck]:
        """The facts the ad dropped or changed."""
        return [c for c in self.checks if not c.preserved]

    @property
    def hard_misses(self) -> list[FactCheck]:
        """Misses that fail the story: offer terms, CTA, address, brand, a number, a must-say line."""
        return [c for c in self.missed if c.kind in HARD_KINDS]

    @property
    def passed(self) -> bool:
        """True when no hard fact was dropped or changed."""
        return not self.hard_misses

    def issues(self) -> list[str]:
        """The misses as critic issues, each naming the fact and what to do."""
        return [f"Brief fact missed ({c.kind}): {c.reason}" for c in self.missed]


def normalise(text: str) -> str:
    """Text folded for a verbatim comparison: case, quotes, dashes, spaces and end marks evened out."""
    text = unicodedata.normalize("NFC", text).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip(" .!?,;:")


def contains(haystack: str, needle: str) -> bool:
    """True when the needle appears verbatim (after `normalise`) in the haystack."""
    n = normalise(needle)
    return bool(n) and n in normalise(haystack)


def _audience_named(audience: str, text: str) -> bool:
    core = re.sub(r"(?i)^(?:people|anyone|those) who\s+", "", audience)
    stop = {"the", "and", "who", "for", "with", "over", "your"}
    words = [w for w in re.findall(r"[\w'-]+", core.lower()) if len(w) > 2 and w not in stop]
    lowered = normalise(text)
    return bool(words) and all(re.search(rf"\b{re.escape(w.rstrip('s'))}", lowered) for w in words)


def _benefit_said(benefit: str, text: str) -> bool:
    words = [w for w in re.findall(r"[a-z][\w'-]{3,}", benefit.lower())]
    if not words:
        return True
    lowered = normalise(text)
    hits = sum(1 for w in words if w.rstrip("s")[:5] in lowered)
    return hits * 2 >= len(words)


def _names_the_brand(named: str, sheet: BriefFactSheet) -> bool:
    """True when the story's product name holds the sheet's brand or its product's full name (not a place,
    not a part of the product's name, not another name)."""
    return contains(named, sheet.brand) or (bool(sheet.product) and contains(named, sheet.product))


def check_facts(sheet: BriefFactSheet, story: Story, scenes: list[Scene] | None = None) -> FactReport:
    """Each fact of the sheet, preserved or missed (with the reason), in the story and its scenes."""
    spoken = " ".join(story.voiceover) or " ".join(b.text for b in story.beats)
    said = f"{spoken} {story.call_to_action}"
    shown = f"{story.product_name} {story.title} {story.call_to_action}"
    if scenes:
        shown += " " + " ".join(s.on_screen_text for s in scenes)
    scene_text = " ".join(f"{s.voiceover} {s.on_screen_text}" for s in scenes) if scenes else None
    everything = f"{said} {shown} {story.text}"
    checks: list[FactCheck] = []

    def add(kind: str, value: str, ok: bool, reason: str) -> None:
        checks.append(FactCheck(kind=kind, value=value, preserved=ok, reason="" if ok else reason))

    def in_scenes(value: str) -> bool:
        return scene_text is None or contains(f"{scene_text} {story.call_to_action}", value)

    def said_and_kept(kind: str, value: str, never: str, lost: str) -> None:
        """A fact said as written (voiceover or CTA) and, when there are scenes, still in them."""
        if not contains(said, value):
            add(kind, value, False, never)
        elif not in_scenes(value):
            add(kind, value, False, lost)
        else:
            add(kind, value, True, "")

    if sheet.brand:
        b, named = sheet.brand, story.product_name.strip()
        if not contains(spoken, b):
            add("brand", b, False, f"'{b}' is never said in the voiceover.")
        elif named and not _names_the_brand(named, sheet):
            add("brand", b, False, f"The ad names it '{named}'; the brief's brand is '{b}'.")
        elif not contains(shown, b):
            add("brand", b, False, f"'{b}' is not shown: the ad names it '{named}'.")
        else:
            add("brand", b, True, "")
    if sheet.product:
        ok = contains(f"{said} {story.title} {story.product_name}", sheet.product)
        add("product", sheet.product, ok, f"The product's full name '{sheet.product}' is never used.")
    if sheet.audience:
        ok = _audience_named(sheet.audience, said)
        add("audience", sheet.audience, ok, f"The ad does not speak to {sheet.audience}.")
    for benefit in sheet.benefits:
        add("benefit", benefit, _benefit_said(benefit, said), f"The benefit '{benefit}' is not said.")
    for number in sheet.proof_points:
        ok = contains(everything, number)
        add("proof", number, ok, f"The brief's number '{number}' is missing or changed.")
    for offer in sheet.offers:
        said_and_kept(
            "offer",
            offer,
            f"The offer must be said as written: '{offer}'.",
            f"The offer '{offer}' is lost in the scenes.",
        )
    if sheet.call_to_action:
        ok = contains(story.call_to_action, sheet.call_to_action)
        add(
            "cta",
            sheet.call_to_action,
            ok,
            f"The call to action is '{story.call_to_action}'; the brief's is '{sheet.call_to_action}'.",
        )
    if sheet.address:
        a = sheet.address
        said_and_kept(
            "address", a, f"Where to go, '{a}', is never given.", f"The address '{a}' is lost in the scenes."
        )
    if sheet.tone:
        ok = story.tone.lower() == sheet.tone.lower()
        add("tone", sheet.tone, ok, f"The brief asks for a {sheet.tone} tone; the story is {story.tone}.")
    for line in sheet.must_say:
        add("must_say", line, contains(everything, line), f"The brief says the ad must say '{line}'.")
    details = (
        ("place", sheet.places),
        ("date", sheet.dates),
        ("name", sheet.names),
        ("code", sheet.codes),
        ("tag", sheet.tags),
    )
    for kind, values in details:
        for value in values:
            add(
                kind,
                value,
                contains(everything, value),
                f"The brief's {kind} '{value}' is never said or shown.",
            )
    for line in sheet.must_not_say:
        bad = re.search(rf"\b{re.escape(normalise(line))}\b", normalise(everything)) is not None
        add("must_not_say", line, not bad, f"The brief says never to say '{line}', and the ad does.")
    return FactReport(checks=checks)


__all__ = [
    "DETAIL_KINDS",
    "FACT_CAP",
    "HARD_KINDS",
    "TIGHT_FACT_KINDS",
    "FactCheck",
    "FactReport",
    "check_facts",
    "contains",
    "normalise",
]
