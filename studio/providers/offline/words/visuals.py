"""Picture words for scenes: where the ad happens, who is in it, what the camera sees in each beat."""

from __future__ import annotations

import random
import re

from studio.models import ConsistencyContext
from studio.providers.offline.words.brief_reader import BriefFacts
from studio.providers.offline.words.text import pick
from studio.providers.offline.words.tones import Tone

_SETTINGS = (
    (r"desk|office|remote|work|laptop|productiv", "a sunlit home office"),
    (r"coffee|tea|mug|kitchen|cook|chef|food|snack|bak", "a bright morning kitchen"),
    (r"run|gym|fitness|sport|athlet|workout|yoga|sneaker|shoe", "a city running path at sunrise"),
    (r"skin|serum|beauty|cream|makeup|hair|spa", "a calm marble bathroom"),
    (r"travel|trip|flight|suitcase|luggage|hotel", "a sunny airport lounge"),
    (r"kid|child|parent|mom|mum|dad|family|baby", "a cosy family living room"),
    (r"commut|earbud|headphone|music|audio", "a busy morning commute"),
    (r"game|gamer|gaming|console", "a neon-lit gaming den"),
    (r"pet|dog|cat", "a sunny living room with a pet bed"),
    (r"garden|plant|outdoor|hike|camp", "a green garden in soft daylight"),
    (r"car|drive|driver|bike|cycl", "an open road at golden hour"),
    (r"app|software|saas|cloud|startup|team|business", "a modern open-plan workspace"),
)
STUDIO = "a clean studio set with soft gradient light"
FOCUS_BY_BEAT = {
    "Attention": "character",
    "Problem": "character",
    "Agitation": "environment",
    "Interest": "product",
    "Features": "product",
    "Desire": "character",
    "Solution": "product",
    "Advantages": "product",
    "Benefits": "character",
    "Action": "product",
}
_ACTIONS = {
    "Attention": ("{who} stops mid-scroll and looks up", "{who} pauses as something catches the eye"),
    "Problem": ("{who} sighs at {pain}", "{who} wrestles with {pain}"),
    "Agitation": ("the frustration builds around {who}", "small annoyances pile up in quick beats"),
    "Interest": ("{product} turns slowly into view", "{product} glides in and settles centre frame"),
    "Features": ("a close look at {product}: {feature}", "{product} rotates to show {feature}"),
    "Desire": ("{who} enjoys the difference {product} makes", "{who} smiles, the day suddenly easier"),
    "Solution": ("{product} arrives and the mess clears", "{product} steps in; everything falls into place"),
    "Advantages": ("{product} in action, a step ahead", "details of {product} light up one by one"),
    "Benefits": ("{who} enjoys the payoff", "{who} relaxes, more time for what matters"),
    "Action": ("{product} hero shot beside the call to action", "{product} centred as the offer lands"),
}


def setting_for(facts: BriefFacts, context: ConsistencyContext | None, prompt: str) -> str:
    """Where the ad's people live: from the consistency context, else from the brief's words."""
    if context and context.environmental_context.strip():
        first = re.split(r"[.;\n]", context.environmental_context.strip())[0].strip()
        if first:
            return first[:80].rstrip(" ,")
    text = " ".join([facts.noun or "", facts.audience or "", prompt[:400]]).lower()
    for pattern, place in _SETTINGS:
        if re.search(pattern, text):
            return place
    return "a bright, modern everyday space"


def character_for(facts: BriefFacts, context: ConsistencyContext | None) -> str:
    """Who appears in character scenes, the same words every time."""
    if (
        context
        and context.character_appearance.strip()
        and "no character" not in context.character_appearance.lower()
    ):
        first = re.split(r"[.;\n]", context.character_appearance.strip())[0].strip()
        return f"the same person ({first[:60]})"
    if facts.audience:
        return f"a person from the audience ({facts.audience})"
    return "a person in their everyday life"


def scene_description(
    beat: str,
    focus: str,
    facts: BriefFacts,
    product: str,
    who: str,
    setting: str,
    voice: Tone,
    rng: random.Random,
) -> str:
    """What the camera sees in one scene, where, and in what mood."""
    base = beat.split(" & ")[0]
    action = pick(rng, _ACTIONS.get(base, _ACTIONS["Interest"])).format(
        who=who,
        product=product,
        pain=facts.pains[0] if facts.pains else "the same old hassle",
        feature=facts.features[0] if facts.features else "every detail",
    )
    place = STUDIO if focus == "product" and base not in ("Desire", "Benefits") else setting
    return f"{action[:1].upper()}{action[1:]}. Setting: {place}. Mood: {pick(rng, voice.mood)}."


def replace_mood(description: str, mood: str) -> str:
    """The description with its mood changed (added when it had none)."""
    if "Mood:" in description:
        return re.sub(r"Mood: [^.]*\.", f"Mood: {mood}.", description, count=1)
    return f"{description.rstrip()} Mood: {mood}."


def setting_of(description: str) -> str:
    """The setting a description names, or '' when it names none."""
    m = re.search(r"Setting: ([^.]*)\.", description)
    return m.group(1).strip().lower() if m else ""
