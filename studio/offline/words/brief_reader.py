"""Read a brief's prompt: product, brand, audience, benefits, pains, features, tone, offer, call to action.

Rule-based and forgiving: English prompts give their own words back; prompts in other scripts (or too
thin to read) give generic wording, and every default is said out loud in `assumptions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from studio.brief import proof_phrase, read_fact_sheet
from studio.brief.clauses import asks_for_the_ad
from studio.brief.clean import letter_body
from studio.brief.phrases import names_a_thing
from studio.brief.say_rules import without_say_rules
from studio.models import BriefFactSheet
from studio.offline.words import lexicon as lex
from studio.offline.words.grammar import is_plural_noun
from studio.offline.words.scripts import (
    emoji_noun,
    english_offer_words,
    latin_name,
    normalise_numbers,
    translated_noun,
)
from studio.offline.words.text import clip_words, latin_share, looks_like_injection, strip_symbols
from studio.offline.words.tones import tone_in


@dataclass
class BriefFacts:
    """What the writer knows about the ad, each item from the prompt or a stated default."""

    brand: str | None = None
    noun: str | None = None
    audience: str | None = None
    benefits: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    pains: list[str] = field(default_factory=list)
    tone: str | None = None
    discount: str | None = None
    price: str | None = None
    free_shipping: bool = False
    free_trial: bool = False
    returns: str | None = None
    """A returns or money-back promise in the brief's words ('30-day returns')."""
    when: str | None = None
    cta: str | None = None
    generic: bool = False
    spec_heavy: bool = False
    """The brief talks in features and specifications (numbers, materials, tech)."""
    dropped_instructions: bool = False
    assumptions: list[str] = field(default_factory=list)
    sheet: BriefFactSheet = field(default_factory=BriefFactSheet)
    """The facts the ad must keep in the brief's own words (offers, CTA, address, numbers...)."""
    writes_in: str = ""
    """The language the copy is written in (the ad's, `studio.brief.ad_language`); '' : the brief's own."""
    prompt: str = ""
    """The brief as written: the copy says a place, a date or a title in the brief's own clause."""
    proof_phrases: dict[str, str] = field(default_factory=dict)
    """Each number with the brief's words around it, as the copy says it ('steeped 18 hours')."""

    @property
    def language(self) -> str:
        """The language the copy is written in: the ad's when set, else the brief's."""
        return self.writes_in or self.sheet.language or "en"

    @property
    def product(self) -> str:
        """How the copy names the product: the brand, else 'the <thing>', else 'our product'."""
        if self.brand:
            return self.brand
        return f"the {self.noun}" if self.noun else "our product"

    @property
    def product_name(self) -> str:
        """The product's name for titles and the end card."""
        if self.brand:
            return self.brand
        return self.noun.title() if self.noun else "Our Product"

    @property
    def plural(self) -> bool:
        """The copy says 'they' for the product: no brand, and a plural noun ('the shoes')."""
        return not self.brand and is_plural_noun(self.noun)

    @property
    def offer(self) -> str | None:
        """The deal in a few words (discount, price, free shipping), or None."""
        parts = [p for p in (self.discount, f"just {self.price}" if self.price else None) if p]
        if self.free_shipping:
            parts.append("free shipping")
        if self.free_trial:
            parts.append("a free trial")
        if self.returns:
            parts.append(self.returns)
        if not parts:
            return None
        text = " and ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"{text} {self.when}" if self.when else text


def read_brief(prompt: str) -> BriefFacts:
    """Everything the prompt says about the ad, with defaults stated where it says nothing."""
    sheet = read_fact_sheet(prompt)
    # 'Don't say "cheap"' is an instruction to the writer, never words for the copy
    lines = letter_body([ln for ln in prompt.splitlines() if ln.strip()])
    prompt = without_say_rules("\n".join(lines))
    clean = strip_symbols(normalise_numbers(prompt))[:5000]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|(?<=[。！？\n])\s*", clean) if s.strip()]
    injected = [s for s in sentences if looks_like_injection(s)]
    # a request to whoever makes the ad ('Can you make a spot for ...?') is about the ad, not copy for it
    kept = [s for s in sentences if s not in injected and not asks_for_the_ad(s)]
    facts = BriefFacts(dropped_instructions=bool(injected), prompt=prompt)
    text = " ".join(kept)
    facts.generic = latin_share(clean) < 0.7
    facts.cta = _cta(text)
    no_cta = [lex.EXPLICIT_CTA.sub("", s) for s in kept]
    if facts.generic:
        # only the Latin-letter words of a Chinese or Arabic brief can be a name this writer repeats
        facts.brand = latin_name(" ".join(no_cta), lex.NOT_BRAND | {"off", "sale"})
    else:
        facts.brand = _brand(no_cta, " ".join(no_cta)) or _leading_brand(no_cta)
    facts.noun = _noun(text, facts.brand) or (
        translated_noun(clean) if facts.generic else _bare_noun(kept, facts.brand)
    )
    if not facts.noun and emoji_noun(prompt):
        facts.noun = emoji_noun(prompt)
        facts.assumptions.append(f"Read the brief's emoji as the product: '{facts.noun}'.")
    facts.audience = _audience(text)
    facts.benefits = _benefits(text, facts.audience)
    facts.features = _features(text)
    facts.pains = _pains(kept)
    facts.spec_heavy = len(lex.SPEC.findall(text)) >= 2 or len(facts.features) >= 2
    facts.tone = tone_in(text)
    _offer(f"{text} {english_offer_words(clean)}", facts)
    adopt_sheet(facts, sheet)
    facts.proof_phrases = {p: proof_phrase(prompt, p) for p in sheet.proof_points}
    _state_defaults(facts)
    return facts


def adopt_sheet(facts: BriefFacts, sheet: BriefFactSheet) -> None:
    """The copy names what the sheet read in the brief's words; the sheet gets the reader's other facts."""
    if sheet.brand and not facts.generic:
        facts.brand = sheet.brand
    elif facts.brand and not sheet.brand:
        sheet.brand = facts.brand
    if sheet.call_to_action:
        facts.cta = sheet.call_to_action
    if sheet.audience and not facts.audience:
        facts.audience = (
            sheet.audience.lower()
            if sheet.audience[:1].isupper() and " " not in sheet.audience
            else sheet.audience
        )
    if not sheet.audience and facts.audience:
        sheet.audience = facts.audience
    if not sheet.product and _names_the_product(facts, sheet):
        sheet.product = facts.noun
    sheet.tone = facts.tone or ""
    # a phrase of an offer ('with any large pizza on Tuesdays') is said with the offer, not as a feature
    facts.features = [f for f in facts.features if not any(f.lower() in o.lower() for o in sheet.offers)]
    facts.sheet = sheet


def _names_the_product(facts: BriefFacts, sheet: BriefFactSheet) -> bool:
    """Whether the copy's own noun for the product may stand on the sheet as the product's name, where the
    brief's reader named none: not the brand, not where it is made ('made in bristol', 'Hergestellt in
    freiburg': a place, and in the copy's lower case) and only a thing's name (`names_a_thing`)."""
    noun = facts.noun or ""
    if not noun or (facts.brand and noun.lower() == facts.brand.lower()):
        return False
    if any(re.search(rf"(?i)(?<!\w){re.escape(place)}(?!\w)", noun) for place in sheet.places):
        return False
    return names_a_thing(noun, [sheet.address])


def _brand(sentences: list[str], text: str) -> str | None:
    quoted = re.search(r"[\"“«„]([^\"”»]{2,40})[\"”»]", text)
    if quoted and not looks_like_injection(quoted.group(1)):
        return quoted.group(1).strip()
    named = re.search(
        r"\b(?:called|named|brand(?:ed)?(?: name)?(?: is)?:?)\s+"
        r"([A-Z0-9][\w'&.+-]*(?:\s+[A-Z0-9][\w'&+-]*)?)",
        text,
    )
    if named:
        return named.group(1).rstrip(".")
    for sentence in sentences:
        tokens = re.findall(r"[\w'&.+-]+|,", sentence)
        for i, tok in enumerate(tokens):
            word = tok.strip(".'")
            if not word or word.lower() in lex.NOT_BRAND or word.isdigit() or _is_product_noun(word):
                continue
            camel = bool(re.match(r"^[a-z]+[A-Z]\w*$|^[A-Z]\w*[A-Z]\w*[a-z]\w*$", word))
            mixed = bool(re.match(r"^[A-Za-z]+\d+\w*$", word)) and word[0].isupper()
            capital = word[0].isupper() and word[1:].islower() and word.isalpha()
            apposition = (
                i + 1 < len(tokens)
                and tokens[i + 1] == ","
                and i + 2 < len(tokens)
                and tokens[i + 2].lower() in ("a", "an", "the", "our")
            )
            # "Posturo chair fixes ...": a capitalised word right before a product noun names the brand
            names_a_thing = (
                i + 1 < len(tokens) and _is_product_noun(tokens[i + 1]) and not _describes(word.lower())
            )
            if camel or mixed or (capital and (i > 0 or apposition or names_a_thing)):
                following = [t for t in tokens[i + 1 : i + 3] if t != ","]
                name = [word]
                for nxt in following:
                    if nxt[:1].isupper() and nxt.lower() not in lex.NOT_BRAND and nxt.isalnum():
                        name.append(nxt)
                    else:
                        break
                return " ".join(name)
    return None


def _leading_brand(sentences: list[str]) -> str | None:
    """'Peak trail shoes, 20% off': a capitalised opening word before a product noun names the brand."""
    for sentence in sentences:
        m = re.match(r"\s*([A-Z][\w'&+-]*)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\b", sentence)
        if not m:
            continue
        word, rest = m.group(1), m.group(2).split()
        if word.lower() in lex.NOT_BRAND or _describes(word.lower()) or _is_product_noun(word):
            continue
        if any(_is_product_noun(w) for w in rest):
            return word
    return None


def _describes(word: str) -> bool:
    """'Running shoes', 'Wireless earbuds': an ordinary describing word, not a brand."""
    return word in lex.DESCRIBING or bool(
        re.search(r"(?:ing|ed|ful|less|ous|ive|able|ible|al|ic|proof)$", word)
    )


def _is_product_noun(token: str) -> bool:
    word = token.lower().strip(".,'")
    return word in lex.PRODUCT_NOUNS or (word.endswith("s") and word[:-1] in lex.PRODUCT_NOUNS)


def _noun(text: str, brand: str | None) -> str | None:
    candidates: list[str] = []
    if brand:
        after = re.search(
            re.escape(brand) + r",?\s+(?:is\s+)?(?:a|an|the|our)\s+(?P<np>[^.!?\n]{2,80})", text
        )
        if after:
            candidates.append(after.group("np"))
        # "Posturo ergonomic chair ..." and "trail running shoes from Peak"
        for m in re.finditer(re.escape(brand) + r"\s+(?P<np>(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)", text):
            words = m.group("np").split()
            # the shortest run that ends on a product noun: "trail shoes" in "Peak trail shoes grip"
            ends = [i for i, w in enumerate(words) if _is_product_noun(w)]
            if ends:
                return plain_case(" ".join(words[: ends[0] + 1]))
        before = re.search(
            r"(?P<np>(?:[A-Za-z][\w-]*\s+){0,3}[a-z][\w-]*)\s+(?:from|by)\s+" + re.escape(brand), text
        )
        if before:
            words = before.group("np").split()
            while words and (words[0].lower() in lex.STOP or words[0].lower() in lex.NOT_BRAND):
                words.pop(0)
            if words and _is_product_noun(words[-1]):
                return plain_case(" ".join(words))
    for pattern in lex.PRODUCT_PATTERNS:
        candidates += [m.group("np") for m in re.finditer(pattern, text, re.IGNORECASE)]
    for raw in candidates:
        phrase = lex.CUT.split(raw, maxsplit=1)[0]
        phrase = lex.ARTICLES.sub("", phrase.strip())
        if brand and phrase.lower().startswith(brand.lower()):
            phrase = re.sub(r"^(?:'s)?[\s,]+", "", phrase[len(brand) :])
        words = [w for w in phrase.split() if re.search(r"\w", w)]
        if words and words[0].lower() in _PLACE_WORDS | _DEAL_WORDS:
            continue  # 'Fjordline Cabins near Bergen', 'Launch offer: ...': where it is, what it costs
        if words and not looks_like_injection(phrase):
            named = brand and brand.lower() in phrase.lower()
            return None if named else plain_case(" ".join(words[:5]))
    return None


_PLACE_WORDS = frozenset(["near", "in", "at", "on", "from", "by", "across", "around"])
_DEAL_WORDS = frozenset(["offer", "offers", "deal", "deals", "price", "prices", "sale", "discount"])


def _bare_noun(sentences: list[str], brand: str | None) -> str | None:
    """A prompt that is only a thing ('running shoes for runners') names the product by itself."""
    if not sentences:
        return None
    head = re.split(r"\s+(?:for|that|with|to|which)\b|[,:;]", sentences[0], maxsplit=1)[0].strip(" .!?")
    head = lex.ARTICLES.sub("", head)  # "A vitamin C face serum that ..." names "vitamin C face serum"
    words = head.split()
    if not 1 <= len(words) <= 4 or not all(w.isalpha() and w.isascii() for w in words):
        return None
    if any(w.lower() in lex.NOT_BRAND or w.lower() in ("ad", "ads", "video", "commercial") for w in words):
        return None
    if brand and brand.lower() in head.lower():
        return None
    return plain_case(head)


def plain_case(phrase: str) -> str:
    """A noun phrase in running text: 'Trail running shoes' -> 'trail running shoes', 'vitamin C' kept.

    Only a word in plain title case loses its capital (it is a sentence start or a headline habit); a
    single letter, an acronym or a mixed-case name ('C', 'USB-C', 'iPhone') keeps how the brief wrote it.
    """
    words = phrase.split()
    return " ".join(
        w.lower() if len(w) > 1 and w[0].isupper() and w[1:].islower() and w[1:].isalpha() else w
        for w in words
    )


def audience_in(text: str) -> str | None:
    """The people a piece of text says the ad is for, or None."""
    return _audience(strip_symbols(text))


def _audience(text: str) -> str | None:
    who = re.search(r"\b(people|anyone|those) who ([^,.;!?\n]{3,50})", text, re.I)
    if who and re.search(r"\bfor\s+" + re.escape(who.group(0)), text, re.I):
        return _people_who(text)
    for m in re.finditer(
        r"\b(?:for|aimed at|targeting|targeted at|made for|designed for|built for|perfect for|ideal for)\s+"
        r"(?P<a>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3})",
        text,
        re.IGNORECASE,
    ):
        phrase = re.split(r"\s+(?:who|that|with|to|and|in|on|at|this)\b", m.group("a"), maxsplit=1)[0]
        phrase = lex.ARTICLES.sub("", phrase).strip()
        words = phrase.lower().split()
        if any(w in lex.NOT_PEOPLE for w in words):
            continue
        if any(w in lex.PEOPLE or w.endswith(("ers", "ists", "ians", "ents", "ees")) for w in words):
            return phrase.lower()
    if who:
        return f"{who.group(1).lower()} who {who.group(2).strip()}"
    return None


def _people_who(text: str) -> str | None:
    who = re.search(r"\b(people|anyone|those) who ([^,.;!?\n]{3,50})", text, re.I)
    return f"{who.group(1).lower()} who {who.group(2).strip()}" if who else None


def _benefits(text: str, audience: str | None) -> list[str]:
    found: list[str] = []
    for m in lex.BENEFIT.finditer(text):
        verb = m.group(0).split()[0].lower()
        body = re.split(r"\s+(?:and then|but|because|while)\b", m.group("b"), maxsplit=1)[0].strip()
        if audience:
            # "fixes back pain for people who work from home": the audience is not part of the benefit
            body = re.split(r"\s+(?:for|to)\s+" + re.escape(audience), body, maxsplit=1, flags=re.I)[0]
        if verb in ("so", "lets"):
            # "so you can sleep" says what the viewer can do: the product "lets you sleep"
            body = f"lets you {body}"
        elif verb not in ("that", "which", "helps", "help"):
            body = f"{m.group(0).split()[0].lower()} {body}"
        elif verb in ("helps", "help"):
            body = m.group(0)[: m.start("b") - m.start()].lower() + body
        body = re.split(r"\s+(?:that|which)\s+", body, maxsplit=1)[0]
        if re.match(r"(?i)(?:is|are|was|were|has|have|we|i|it|you)\b", body) or looks_like_injection(body):
            continue
        if re.search(r"(?i)\b(?:ad|ads|advert|video|commercial|promo)\b", body):
            continue
        if re.match(r"(?i)saves?\s+(?:up to\s+)?\d+\s?%", body):
            continue  # 'save 20% at ...' is the offer, said as the brief writes it
        if audience and audience in body.lower() and len(body.split()) <= len(audience.split()) + 2:
            continue
        words = body.split()
        if len(words) >= 2:
            found.append(clip_words(" ".join(words), 16).rstrip("."))
    return list(dict.fromkeys(found))[:3]


def _features(text: str) -> list[str]:
    found: list[str] = []
    for m in re.finditer(r"\bwith (?:a |an |its |their )?([^,.;!?\n]{3,80})", text, re.I):
        phrase = re.split(r"\s+(?:that|which|for|so|to)\b", m.group(1), maxsplit=1)[0]
        found += [" ".join(p.split()[:6]) for p in re.split(r"\s+and\s+", phrase) if len(p.split()) >= 2]
    for clause in re.split(r"[,.;!?\n]", text):
        words = clause.split()
        if lex.SPEC.search(clause) and 2 <= len(words) <= 8 and not re.search(r"(?i)\b(?:ad|for)\b", clause):
            found.append(lex.ARTICLES.sub("", clause.strip()))
    offers = re.compile(r"(?i)free (?:shipping|delivery|trial)|% ?off|discount|[$€£¥]")
    kept = [f.strip() for f in found if not looks_like_injection(f) and not offers.search(f)]
    return list(dict.fromkeys(f for f in kept if f))[:4]


def _pains(sentences: list[str]) -> list[str]:
    pains: list[str] = []
    for sentence in sentences:
        m = lex.PAIN.search(sentence)
        if not m:
            continue
        tail = re.match(
            r"(?i)(?:tired of|sick of|fed up with|struggling with|hate)\s+([^,.;!?\n]{3,60})",
            sentence[m.start() :],
        )
        if tail:
            pains.append(tail.group(1).strip(" ,.;"))
            continue
        words = [m.group(0)]
        before = sentence[: m.start()].split()[-1:]
        modifier = before[0] if before else ""
        # "back pain", "joint pain": the word before names the pain; a verb ("fixes pain") does not
        noun_like = len(modifier) > 2 and not re.search(r"(?:es|ed|ing)$", modifier)
        if modifier.isalpha() and modifier.islower() and modifier not in lex.STOP and noun_like:
            words.insert(0, modifier)
        for word in sentence[m.end() :].split()[:2]:
            if word.lower().strip(",.;!?") in lex.STOP or not word.strip(",.;!?").isalpha():
                break
            words.append(word.strip(",.;!?"))
        pains.append(" ".join(words).lower())
    return pains[:2]


def _offer(text: str, facts: BriefFacts) -> None:
    discount = lex.DISCOUNT.search(text)
    if discount:
        facts.discount = f"{discount.group(1)}% off" if discount.group(1) else discount.group(0).lower()
    price = lex.PRICE.search(text)
    facts.price = price.group(0).strip() if price else None
    facts.free_shipping = bool(re.search(r"\bfree (?:shipping|delivery)\b", text, re.I))
    facts.free_trial = bool(re.search(r"\bfree trial\b", text, re.I))
    returns = lex.RETURNS.search(text)
    facts.returns = returns.group(0).lower() if returns else None
    when = lex.WHEN.search(text)
    facts.when = when.group(0).lower() if when else None


def _cta(text: str) -> str | None:
    explicit = lex.EXPLICIT_CTA.search(text)
    if explicit and not looks_like_injection(explicit.group("c")):
        return explicit.group("c").strip().capitalize()
    cta = lex.CTA.search(text)
    if cta:
        return cta.group(0).capitalize()
    domain = lex.DOMAIN.search(text)
    return f"Visit {domain.group(0).lower()}" if domain else None


def _state_defaults(facts: BriefFacts) -> None:
    said = facts.assumptions
    if facts.generic:
        kept = [
            f"the name '{facts.brand}'" * bool(facts.brand),
            f"the offer ({facts.offer})" * bool(facts.offer),
        ]
        found = " and ".join(k for k in kept if k)
        what = f"English; it keeps {found} and is otherwise generic" if found else "English and generic"
        said.append(
            "The brief is in a language this offline writer cannot read word by word, so the copy is in "
            f"{what}: add the product's name and one benefit in English for sharper lines."
        )
    if not facts.brand and not facts.noun:
        said.append("No product name found: the copy says 'our product'; name it (e.g. 'an ad for Lumen').")
    elif not facts.brand:
        said.append(f"No brand name found: the copy calls it '{facts.product}'.")
    if not facts.audience:
        said.append("No audience named: written for a broad adult audience; say who it is for to sharpen it.")
    if not facts.benefits and not facts.features:
        said.append("No benefit stated: the copy promises an easier, better everyday; name the real one.")
    if not facts.tone:
        said.append("No tone asked for: written in a confident tone.")
    if not facts.cta:
        said.append("No call to action given: the ad ends with a plain 'shop now' style line.")
    if facts.dropped_instructions:
        said.append(
            "Part of the brief read as instructions to a machine, not words about the product: left out."
        )
