"""The ad checklist a marketer recognises, in the spirit of YouTube's ABCD: pass or fail, with evidence.

Every item is measured on the finished ad (OCR of its frames, feature matching, its sound) or read from
the script where the item is about the script; an item that cannot be measured says unavailable, never
pass. Safe zones come from `studio/render/safe_zones.py` (the same zones the renderer lays text out in).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from studio.models import ChecklistItem, TextReadback
from studio.quality import ocr
from studio.quality.ad_checks import CAPTION_READ, ReadBack
from studio.render.safe_zones import safe_box

BRAND_READ = 80.0
"""Fidelity at or above which the brand's name counts as read in a frame."""
WORD_READ = 75.0
"""A CTA word counts as on the end card when read this well (one letter in four may be misread)."""
LOUDNESS_TARGET = -14.0
LOUDNESS_TOLERANCE = 1.0
HOOK_S = 2.0
BRAND_S = 3.0
SAFE_SLACK = 0.01
"""OCR boxes run a little wider than the glyphs: this share of the frame's width is forgiven."""


@dataclass(frozen=True)
class AdWords:
    """What the ad is meant to say, from the brief's facts and the approved script."""

    brand: str = ""
    brand_source: str = ""
    """Where the brand came from, in words ("the brief's facts", "the story's product name")."""
    call_to_action: str = ""
    address: str = ""
    voiceover: tuple[str, ...] = ()
    has_voice: bool = False
    first_voice_s: float | None = None
    """When the voice starts in the ad, from the plan (None: the first scene has no voiceover)."""
    aspect_ratio: str = "9:16"
    captions_planned: bool = False
    product_checked: bool = False
    logo_checked: bool = False


@dataclass(frozen=True)
class Measured:
    readback: ReadBack
    loudness_lufs: float | None = None
    """None when the ad has no sound track (or it could not be read)."""
    extra: dict[str, str] = field(default_factory=dict)


def _item(key: str, label: str, ok: bool | None, evidence: str) -> ChecklistItem:
    status = "unavailable" if ok is None else ("pass" if ok else "fail")
    return ChecklistItem(key=key, label=label, status=status, evidence=evidence)


def _brand_said(words: AdWords) -> str:
    """Where the brand name came from, when it is not the brief's own facts."""
    if words.brand_source and words.brand_source != "the brief's facts":
        return f" (brand from {words.brand_source})"
    return ""


def _text_ok(rb: ReadBack) -> bool:
    return not rb.errors


def brand_early(words: AdWords, m: Measured) -> ChecklistItem:
    """Brand or product on screen in the first 3 s: its name read, the product or the logo seen."""
    label = "Brand or product on screen in the first 3 s"
    rb = m.readback
    early = sorted(t for t in rb.lines if t <= BRAND_S)
    if not words.brand and not words.product_checked and not words.logo_checked:
        return _item("brand_first_3s", label, None, "no brand name, product photo or logo to look for")
    evidence = []
    if words.brand and _text_ok(rb):
        for t in early:
            for ln in rb.lines[t]:
                if ocr.partial_similarity(words.brand, ln.text) >= BRAND_READ:
                    evidence = f"'{ln.text}' read at {t:.1f} s{_brand_said(words)}"
                    return _item("brand_first_3s", label, True, evidence)
        evidence.append(f"'{words.brand}' not read in the frames up to {BRAND_S:.0f} s{_brand_said(words)}")
    # the first scene's still is taken before 1.8 s (`ad_checks.plan_stills`)
    first = rb.sightings[0] if rb.sightings else None
    if first is not None and early:
        if first.product:
            return _item("brand_first_3s", label, True, f"product seen in scene {first.scene_id}")
        if first.logo:
            return _item("brand_first_3s", label, True, f"logo seen in scene {first.scene_id}")
        evidence.append("product and logo not seen in the first scene")
    if not evidence:
        return _item("brand_first_3s", label, None, "the first seconds could not be read")
    return _item("brand_first_3s", label, False, "; ".join(evidence))


def hook(words: AdWords, m: Measured) -> ChecklistItem:
    """A hook in the first 2 s: on-screen text read by then, or the voice starting by then."""
    label = "A hook in the first 2 s"
    rb = m.readback
    for t in sorted(rb.lines):
        if t <= HOOK_S and rb.lines[t]:
            text = " ".join(ln.text for ln in rb.lines[t])
            return _item("hook_2s", label, True, f"on-screen text at {t:.1f} s: '{text[:60]}'")
    if words.has_voice and words.first_voice_s is not None and words.first_voice_s <= HOOK_S:
        evidence = f"the voice starts at {words.first_voice_s:.2f} s (from the plan)"
        return _item("hook_2s", label, True, evidence)
    if not _text_ok(rb):
        return _item("hook_2s", label, None, "the first frames' text could not be read")
    return _item("hook_2s", label, False, "no text on screen and no voice in the first 2 s")


def brand_in_voiceover(words: AdWords, m: Measured) -> ChecklistItem:
    """The brand said in the voiceover (from the script: the voiceover lines contain the brand)."""
    label = "Brand said in the voiceover"
    if not words.brand:
        return _item("brand_in_voiceover", label, None, "no brand name known")
    if not words.has_voice:
        return _item("brand_in_voiceover", label, False, "the ad has no voice")
    key = ocr.normalise(words.brand)
    said = [line for line in words.voiceover if key and key in ocr.normalise(line)]
    if said:
        evidence = f"from the script: '{said[0][:70]}'{_brand_said(words)}"
        return _item("brand_in_voiceover", label, True, evidence)
    evidence = f"from the script: no voiceover line says '{words.brand}'{_brand_said(words)}"
    return _item("brand_in_voiceover", label, False, evidence)


def captions_on(words: AdWords, m: Measured) -> ChecklistItem:
    """Captions on: OCR reads the caption in most scenes that have a voiceover."""
    label = "Captions on"
    captions = [t for t in m.readback.text if t.kind == "caption"]
    if not words.captions_planned:
        return _item("captions_on", label, None, "no voiceover, so no captions to look for")
    if not _text_ok(m.readback):
        return _item("captions_on", label, None, "; ".join(m.readback.errors))
    read = [t for t in captions if (t.fidelity or 0) >= CAPTION_READ]
    ok = bool(captions) and len(read) * 2 >= len(captions)
    return _item("captions_on", label, ok, f"caption read in {len(read)} of {len(captions)} scenes")


def cta_at_end(words: AdWords, m: Measured) -> ChecklistItem:
    """The CTA on screen at the end: the end card's text holds the CTA's words (and the address)."""
    label = "Call to action on screen at the end"
    if not words.call_to_action:
        return _item("cta_end", label, None, "no call to action in the brief or the story")
    end = max(m.readback.lines, default=None)
    if end is None or not _text_ok(m.readback):
        return _item("cta_end", label, None, "the end card could not be read")
    read = " ".join(ln.text for ln in m.readback.lines[end])
    wanted = [w for w in (words.call_to_action + " " + words.address).split() if ocr.normalise(w)]
    found = [w for w in wanted if ocr.partial_similarity(w, read) >= WORD_READ]
    ok = len(found) == len(wanted)
    missing = [w for w in wanted if w not in found]
    evidence = f"end card reads '{read[:80]}'; {len(found)}/{len(wanted)} CTA words"
    return _item("cta_end", label, ok, evidence + (f", missing {', '.join(missing)}" if missing else ""))


def text_in_safe_zone(words: AdWords, m: Measured) -> ChecklistItem:
    """Every line of text read lies inside the platform's safe zone for the ad's aspect ratio."""
    label = f"Text inside the {words.aspect_ratio} safe zone"
    rb = m.readback
    lines = [(t, ln) for t, found in rb.lines.items() for ln in found]
    if not _text_ok(rb) or not rb.still_size[0]:
        return _item("safe_zone", label, None, "the frames' text could not be read")
    if not lines:
        return _item("safe_zone", label, None, "no text read to place")
    w, h = rb.still_size
    zone = safe_box(w, h, words.aspect_ratio)
    slack = round(SAFE_SLACK * w)
    outside = [
        (t, ln)
        for t, ln in lines
        if ln.box.x < zone.x - slack
        or ln.box.y < zone.y - slack
        or ln.box.right > zone.right + slack
        or ln.box.bottom > zone.bottom + slack
    ]
    if not outside:
        return _item("safe_zone", label, True, f"all {len(lines)} lines read lie inside it")
    t, ln = outside[0]
    evidence = f"{len(outside)} of {len(lines)} lines outside, e.g. '{ln.text}' at {t:.1f} s"
    return _item("safe_zone", label, False, evidence)


def loudness(words: AdWords, m: Measured) -> ChecklistItem:
    """Loudness −14 LUFS ± 1, measured on the ad's sound track (BS.1770 integrated)."""
    label = "Loudness −14 LUFS ±1"
    value = m.loudness_lufs
    if value is None:
        return _item("loudness", label, None, m.extra.get("loudness", "the ad has no sound track to measure"))
    if not math.isfinite(value):
        return _item("loudness", label, False, "the sound track is silent")
    ok = abs(value - LOUDNESS_TARGET) <= LOUDNESS_TOLERANCE
    return _item("loudness", label, ok, f"measured {value:.1f} LUFS integrated")


CHECKS = (brand_early, hook, brand_in_voiceover, captions_on, cta_at_end, text_in_safe_zone, loudness)


def build_checklist(words: AdWords, measured: Measured) -> list[ChecklistItem]:
    """Every checklist item, in the order a marketer reads them."""
    return [check(words, measured) for check in CHECKS]


def mean_fidelity(items: list[TextReadback]) -> float | None:
    """Mean fidelity of the pieces that were measured, None when none was."""
    values = [t.fidelity for t in items if t.fidelity is not None]
    return round(sum(values) / len(values), 2) if values else None
