"""What an English-only writer can still read in a brief written in another script or in emoji.

Numbers (Arabic-Indic and full-width digits, the Arabic percent sign), discounts (Chinese 折 notation,
Arabic خصم), timing words, free shipping, Latin-letter brand names and a few common product nouns are
turned into English words the brief reader already understands. Everything else stays unread, and the
reader says so in its assumptions.
"""

from __future__ import annotations

import re

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９٪％",
    "012345678901234567890123456789%%",
)
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# 八折 = pay 80% = 20% off; 七五折 = pay 75% = 25% off; 8.5折 = 15% off
_ZHE = re.compile(r"([一二两三四五六七八九]{1,2}|\d(?:\.\d)?|\d{2})\s*折")
_ARABIC_DISCOUNT = re.compile(
    r"(?:خصم|تخفيض|تخفيضات)\s*(?:بنسبة\s*)?(\d{1,2})\s?%|(\d{1,2})\s?%\s*(?:خصم|تخفيض)"
)
_PHRASES: tuple[tuple[str, str], ...] = (
    # timing and deals, in the words the reader's English patterns know
    (r"本周|这周|本週|這週|هذا الأسبوع|هذا الاسبوع", "this week"),
    (r"本月|这个月|هذا الشهر", "this month"),
    (r"今天|今日|اليوم", "today only"),
    (r"限时|限時|لفترة محدودة", "limited time"),
    (r"包邮|包郵|免运费|免運費|免费送货|شحن مجاني|توصيل مجاني", "free shipping"),
    (r"半价|半價", "half price"),
)
_NOUNS_BY_WORD: tuple[tuple[str, str], ...] = (
    # longest first: the most specific name wins
    ("越野跑鞋", "trail running shoes"),
    ("أحذية الجري", "running shoes"),
    ("أحذية رياضية", "sneakers"),
    ("跑鞋", "running shoes"),
    ("运动鞋", "sneakers"),
    ("精华液", "serum"),
    ("精华", "serum"),
    ("面霜", "face cream"),
    ("耳机", "earbuds"),
    ("手表", "watch"),
    ("背包", "backpack"),
    ("咖啡", "coffee"),
    ("鞋", "shoes"),
    ("أحذية", "shoes"),
    ("حذاء", "shoes"),
    ("سيروم", "serum"),
    ("قهوة", "coffee"),
    ("ساعة", "watch"),
    ("سماعات", "earbuds"),
)
_NOUNS_BY_EMOJI = {
    "👟": "shoes",
    "👠": "heels",
    "👗": "dress",
    "👕": "t-shirt",
    "☕": "coffee",
    "📱": "phone",
    "🎧": "headphones",
    "⌚": "watch",
    "🚲": "bike",
    "🧴": "lotion",
    "💄": "lipstick",
    "🕶": "sunglasses",
    "🎒": "backpack",
    "💻": "laptop",
}
_LATIN_RUN = re.compile(r"[A-Za-z][\w'&+-]*(?:\s+[A-Za-z][\w'&+-]*){0,2}")


def normalise_numbers(text: str) -> str:
    """The text with Arabic-Indic and full-width digits as 0-9 and '٪'/'％' as '%'."""
    return text.translate(_DIGITS)


def english_offer_words(text: str) -> str:
    """The deal words a non-English brief carries, said in English ('20% off this week free shipping')."""
    text = normalise_numbers(text)
    found: list[str] = []
    zhe = _ZHE.search(text)
    if zhe:
        off = zhe_to_percent_off(zhe.group(1))
        if off:
            found.append(f"{off}% off")
    arabic = _ARABIC_DISCOUNT.search(text)
    if arabic:
        found.append(f"{arabic.group(1) or arabic.group(2)}% off")
    for pattern, english in _PHRASES:
        if re.search(pattern, text):
            found.append(english)
    return " ".join(dict.fromkeys(found))


def zhe_to_percent_off(value: str) -> int | None:
    """The Chinese 折 figure as a percent off: '八' -> 20, '七五' -> 25, '9' -> 10, '8.5' -> 15."""
    if value and all(ch in _CN_DIGITS for ch in value):
        digits = [_CN_DIGITS[ch] for ch in value]
        paid = digits[0] * 10 + (digits[1] if len(digits) > 1 else 0)
    else:
        try:
            number = float(value)
        except ValueError:
            return None
        paid = round(number * 10) if number < 10 else round(number)
    off = 100 - paid
    return off if 0 < off < 100 else None


def latin_name(text: str, skip: set[str]) -> str | None:
    """The first run of Latin-letter words in a mostly non-Latin brief, as a brand ('Peak'), or None."""
    for m in _LATIN_RUN.finditer(text):
        words = [w for w in m.group(0).split() if w.lower() not in skip]
        if words and words[0][0].isupper():
            return " ".join(words)
    return None


def translated_noun(text: str) -> str | None:
    """A common product noun written in Chinese or Arabic, in English ('跑鞋' -> 'running shoes')."""
    for word, english in _NOUNS_BY_WORD:
        if word in text:
            return english
    return None


def emoji_noun(text: str) -> str | None:
    """The product an emoji stands for ('👟' -> 'shoes'), when the brief has one of the obvious ones."""
    for emoji, noun in _NOUNS_BY_EMOJI.items():
        if emoji in text:
            return noun
    return None
