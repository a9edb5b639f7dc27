"""The word lists and patterns the brief reader matches prompts against."""

from __future__ import annotations

import re

CUT = re.compile(
    r"\s+(?:that|which|who|for|to|with|so|and|because|aimed|targeting|targeted|in|on|at|this|from|by|"
    r"featuring|plus|but|while|where|when|using|made|designed|built|perfect|ideal|—|-)\b|[,;:()\[\]]|\s+\d",
    re.IGNORECASE,
)
ARTICLES = re.compile(r"^(?:(?:a|an|the|our|my|their|his|her|its|brand[- ]new|new|all-new|latest)\s+)+", re.I)
PRODUCT_PATTERNS = (
    r"\b(?:ad|ads|advert|advertisement|commercial|video|promo|spot|campaign|story)\s+(?:for|about|promoting|"
    r"on|of)\s+(?P<np>[^.!?\n]{2,80})",
    r"\b(?:promote|promoting|launch(?:ing)?|introduc(?:e|ing)|sell(?:ing)?|showcas(?:e|ing)|advertis(?:e|ing)|"
    r"featuring)\s+(?P<np>[^.!?\n]{2,80})",
)
NOT_BRAND = {
    "i",
    "a",
    "an",
    "the",
    "our",
    "my",
    "we",
    "it",
    "this",
    "make",
    "create",
    "write",
    "ad",
    "new",
    "meet",
    "introducing",
    "for",
    "with",
    "please",
    "aida",
    "pas",
    "fab",
    "cta",
    "tv",
    "usa",
    "uk",
    "eu",
    "ai",
    "ok",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "black",
    "cyber",
    "christmas",
    "easter",
    "halloween",
    "valentine",
    "valentine's",
    "mother's",
    "father's",
    "free",
    "buy",
    "get",
    "shop",
    "order",
    "save",
    "show",
    "use",
    "tone",
    "focus",
    "call",
    "action",
    "ignore",
    "print",
    "instagram",
    "tiktok",
    "youtube",
    "facebook",
    "reels",
    "shorts",
    "english",
}
PEOPLE = {
    "people",
    "students",
    "parents",
    "moms",
    "mums",
    "dads",
    "families",
    "kids",
    "children",
    "teens",
    "teenagers",
    "seniors",
    "women",
    "men",
    "millennials",
    "professionals",
    "workers",
    "owners",
    "travelers",
    "travellers",
    "athletes",
    "runners",
    "gamers",
    "developers",
    "creators",
    "designers",
    "founders",
    "teams",
    "businesses",
    "startups",
    "marketers",
    "nurses",
    "doctors",
    "teachers",
    "cyclists",
    "hikers",
    "beginners",
    "pros",
    "couples",
    "brides",
    "pet",
    "dog",
    "cat",
    "homeowners",
    "renters",
    "commuters",
    "freelancers",
    "shoppers",
    "customers",
    "clients",
    "readers",
    "fans",
    "lovers",
    "everyone",
    "gen z",
    "retirees",
    "entrepreneurs",
    "musicians",
    "artists",
    "chefs",
    "cooks",
    "bakers",
    "drivers",
    "golfers",
}
STOP = {
    "and",
    "or",
    "for",
    "with",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "the",
    "a",
    "an",
    "that",
    "overnight",
}
NOT_PEOPLE = {"orders", "offers", "papers", "numbers", "summers", "winters", "matters", "letters", "hours"}
PAIN = re.compile(
    r"\b(?:tired of|sick of|fed up|struggl\w*|hate|hates|pain\w*|problem\w*|frustrat\w*|annoy\w*|waste\w*|"
    r"wasting|stress\w*|mess\w*|slow|worr\w*|hassle\w*|losing|lose|dry|broken|overwhelm\w*|exhaust\w*|"
    r"clutter\w*|acne|cold coffee|no time|never enough|can't|cannot|stuck|bored|boring|expensive)\b",
    re.IGNORECASE,
)
SPEC = re.compile(
    r"\b(?:\d+(?:[.,]\d+)?\s?(?:hours?|hrs?|mah|gb|tb|mp|k|inch(?:es)?|mm|cm|ml|oz|kg|w|watts?|days?|"
    r"minutes?|layers?|speeds?|modes?)|specs?|specifications?|features?|battery|waterproof|sensor\w*|"
    r"processor|chip|material\w*|stainless|titanium|alumin\w*|organic|ingredients?|resolution|display|"
    r"fabric|cotton|leather|carbon|ceramic|wireless|bluetooth|usb-?c|engineered|technology)\b",
    re.IGNORECASE,
)
BENEFIT = re.compile(
    r"(?<=\w\s)(?:that|which|so you can|so that|lets you|helps? you|helps?|keeps?|makes?|saves?|gives?|cuts?|"
    r"boosts?|brings?|turns?|protects?)\s+(?P<b>[^,.;!?\n]{4,90})",
    re.IGNORECASE,
)
DISCOUNT = re.compile(
    r"\b(\d{1,2})\s?%\s?(?:off|discount)|\bhalf[- ]price\b|\bbuy one,? get one(?: free)?\b", re.I
)
PRICE = re.compile(
    r"(?:[$€£¥]\s?\d+(?:[.,]\d{1,2})?|\b\d+(?:[.,]\d{1,2})?\s?(?:usd|eur|gbp|dollars|euros|pounds)\b)", re.I
)
WHEN = re.compile(
    r"\b(?:this (?:week|weekend|month)|today only|limited time|until \w+day|while stocks last)\b", re.I
)
CTA = re.compile(
    r"\b(?:shop now|buy now|order (?:now|today)|sign up(?: today| now)?|download (?:the app|it|now|today)|"
    r"book (?:a|your) [a-z]+(?: [a-z]+)?|learn more|get started|try it (?:free|today|now)|"
    r"subscribe(?: now| today)?|join (?:us|now|today)|call (?:us )?(?:now|today)|pre-?order(?: now| today)?|"
    r"start your free trial|get yours(?: today| now)?)\b",
    re.IGNORECASE,
)
EXPLICIT_CTA = re.compile(r"\b(?:cta|call to action)\s*(?:is|:|=|-)\s*[\"“']?(?P<c>[^\"”'.!\n]{3,60})", re.I)
DOMAIN = re.compile(r"\b(?:www\.)?[a-z0-9-]+\.(?:com|io|co|app|shop|store|net|org|ai)\b", re.IGNORECASE)
