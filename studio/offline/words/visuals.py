"""Picture words for scenes: where the ad happens, who is in it, what the camera sees in each beat."""

from __future__ import annotations

import random
import re

from studio.models import ConsistencyContext
from studio.offline.words.brief_reader import BriefFacts
from studio.offline.words.grammar import singular_person
from studio.offline.words.text import capitalise, pick
from studio.offline.words.tones import Tone

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
    """Where the ad's people live: the context's place when it names one, else from the brief's words."""
    if context and context.environmental_context.strip():
        for part in re.split(r"[.;\n]", context.environmental_context.strip()):
            if plain_words(part):
                return part.strip()[:80].rstrip(" ,")
    text = " ".join([facts.noun or "", facts.audience or "", prompt[:400]]).lower()
    for pattern, place in _SETTINGS:
        if re.search(pattern, text):
            return place
    return "a bright, modern everyday space"


def character_from_context(context: ConsistencyContext | None) -> str:
    """The context's recurring person in a few plain words, or '' when it has none a person could read."""
    if not context or not context.character_appearance.strip():
        return ""
    first = re.split(r"[.;,\n]", context.character_appearance.strip())[0].strip()
    return first[:80] if plain_words(first) else ""


def character_for(facts: BriefFacts, context: ConsistencyContext | None) -> str:
    """Who appears in character scenes, the same words every time."""
    who = character_from_context(context)
    if who:
        return who
    if facts.audience:
        return singular_person(facts.audience)
    return "someone in their everyday life"


# Analysis output, not scene words: hex codes, figures and ratios, the analyst's terms, and readings of the
# light or the palette ('balanced, even lighting, moderate contrast', 'mostly purple').
_ANALYSIS = re.compile(
    r"#[0-9a-f]{3,6}\b|\d+(?:\.\d+)?\s*%|\d+\.\d+|\bper tall\b|\bshades\b|\bsilhouette\b|undetermined|"
    r"not determined|\bpixels?\b|transparent background|"
    r"\bno (?:setting|character|person|people|environment)\b|"
    r"not analysed|\breference\b|\bmainly\b|\bmostly\b|\bdominant\b|\btexture\b|\billustration\b|"
    r"photographic|motion-graphics|\bcontrast\b|colou?r temperature|(?:even|high-key|low-key|moody) lighting",
    re.IGNORECASE,
)


def plain_words(words: str) -> bool:
    """Words a person would say about a scene, not analysis output ('#1a2b3c', '42%', 'moderate contrast')."""
    words = words.strip()
    return bool(words) and not _ANALYSIS.search(words)


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
    # two plain sentences: what we see and where, then the look
    at = "on" if re.search(r"\b(?:path|road|commute|street|beach|trail|track|court|field)\b", place) else "in"
    return f"{capitalise(action)}, {at} {place}. {capitalise(pick(rng, voice.mood))}."


def replace_mood(description: str, mood: str) -> str:
    """The description with its look (the second sentence) changed; the palette words are kept."""
    first, _, rest = description.partition(". ")
    palette = re.search(r", in [^.]*\.$", rest.strip())
    tail = palette.group(0) if palette else "."
    return f"{first}. {capitalise(mood)}{tail}"


def with_palette(description: str, colours: str) -> str:
    """The description with its look in the given colour words ('deep red and coral')."""
    first, _, rest = description.partition(". ")
    look = re.sub(r", in [^.]*\.$|\.$", "", rest.strip()) or "Clean light"
    return f"{first}. {look}, in {colours}."


def setting_of(description: str, places: list[str]) -> str:
    """Which of the known places a description is set in, or '' when none."""
    lowered = description.lower()
    return next((p.lower() for p in places if p and p.lower() in lowered), "")


# Words that put a person in the picture ('a busy parent pauses', 'two friends laugh', 'a runner laces up').
_PEOPLE = re.compile(
    r"\b(?:person|people|someone|somebody|everyone|parents?|mom|mum|moms|mums|dad|dads|mother|father|"
    r"family|families|friends?|couple|runners?|athletes?|man|men|woman|women|guy|girl|boy|girls|boys|"
    r"kids?|child|children|baby|teen|teens|teenagers?|students?|workers?|professionals?|owners?|"
    r"customers?|shoppers?|users?|gamers?|travell?ers?|commuters?|chefs?|cooks?|nurses?|doctors?|"
    r"founders?|team|colleagues?|neighbou?rs?|grandparents?|grandma|grandpa|he|she|they|her|his|"
    r"herself|himself|[a-z]+-?goers?|lovers?|fans?|cyclists?|hikers?|drivers?|figure|mascot|models?)\b",
    re.IGNORECASE,
)
# Words that make the product the subject of a clause ('the bottle rotates', 'a close look at the can').
_THINGS = re.compile(
    r"\b(?:product|bottle|can|jar|box|pack|packet|bag|tube|device|phone|app|screen|shoe|sneaker|cup|mug|"
    r"hero shot|packshot|close look|close-up of|logo|label)\b",
    re.IGNORECASE,
)


def scene_subject(description: str, focus: str, product_name: str = "") -> str:
    """Who the scene's hero is: 'character' when its first clause is about a person, else its focus.

    The first clause decides ('a busy parent pauses, in a kitchen' shows the parent; 'the bottle turns
    into view beside a runner' shows the bottle): whichever of a person and a thing is named first.
    """
    first = re.split(r"[.;:\n]|,\s", description.strip(), maxsplit=1)[0]
    person = _PEOPLE.search(first)
    things = [m.start() for m in [_THINGS.search(first)] if m]
    if product_name.strip():
        at = first.lower().find(product_name.strip().lower())
        things += [at] if at >= 0 else []
    thing = min(things) if things else None
    if person and (thing is None or person.start() < thing):
        return "character"
    if thing is not None:
        return "product" if focus != "environment" else focus
    return focus
