"""Small text tools the offline writer shares: seeded choice, word counts, fitting copy to a budget."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from typing import TypeVar

from studio.brief.budget import SPOKEN_WORDS_PER_S  # noqa: F401  (one pace for the budget and the writer)
from studio.brief.clean import SENTENCE_END
from studio.models import END_CARD_S  # noqa: F401  (the writer's modules take it from here)

T = TypeVar("T")

_WEAK_TAIL = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "to",
    "of",
    "for",
    "with",
    "your",
    "our",
    "my",
    "in",
    "on",
    "at",
    "by",
    "from",
    "that",
    "which",
    "who",
    "so",
    "is",
    "are",
    "it",
    "its",
    "it's",
    "just",
    "all",
    "this",
    "every",
    "more",
    "than",
    "as",
    "into",
    "you",
    "you're",
    "we",
    "we're",
    "yours",
    "any",
    "no",
    "not",
}
_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:the |your )?(?:previous|prior|above|earlier)|system prompt|api[ _-]?keys?|"
    r"passwords?|access tokens?|jailbreak|you are now|disregard|developer mode|print your|reveal your|"
    r"(?:previous|prior|above) instructions",
    re.IGNORECASE,
)


def rng_for(*parts: object) -> random.Random:
    """A random stream fixed by its parts (seed, task, scene ...), the same on every machine."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """One option chosen by the seeded stream."""
    return options[rng.randrange(len(options))]


def word_count(text: str) -> int:
    """Spoken words in a line (runs of CJK characters count about two per word)."""
    words = 0
    for token in text.split():
        cjk = len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", token))
        words += max(1, (cjk + 1) // 2) if cjk else (1 if re.search(r"\w", token) else 0)
    return words


def split_sentences(text: str) -> list[str]:
    """Sentences of a line, each keeping its end mark."""
    # a mark ends a sentence only before a space or the end: 'brewco.example' and '4.9 stars' stay whole,
    # and so does a German date ('bis zum 15. März')
    parts = re.split(SENTENCE_END.pattern + r"|(?<=[。！？])\s*", text.strip())
    return [p.strip() for p in parts if p.strip() and re.search(r"\w", p)]



def capitalise(text: str) -> str:
    """The line with its first letter in upper case (the rest untouched); '20% off' stays as it is."""
    for i, ch in enumerate(text):
        if ch.isalpha():
            if i and text[:i].strip():
                return text  # starts with a figure or symbol ('20% off', '$199')
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def end_with_mark(text: str, mark: str = ".") -> str:
    """The line ending in a sentence mark."""
    text = text.rstrip(" ,;:-–—")
    return text if text[-1:] in ".!?。！？" else text + mark


def beat_text(sentences: Sequence[str]) -> str:
    """A beat's sentences as one line, each ending in one stop: a name that ends in its own ('Crumbly Co.',
    'Vela S.L.') before a line's stop ('Meet {product}.') is said once, not 'Meet Crumbly Co..'; an ellipsis
    stays as written."""
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", " ".join(sentences))


def clip_words(text: str, limit: int) -> str:
    """At most `limit` words of a line, cut where a sentence can end (never on 'and', 'the' ...)."""
    if limit <= 0:
        return ""
    if word_count(text) <= limit:
        return text
    words = text.split()[:limit]
    while len(words) > 1 and words[-1].strip(",;:.!?").lower() in _WEAK_TAIL:
        words.pop()
    return end_with_mark(" ".join(words))


def shorten(sentence: str, limit: int) -> str:
    """The sentence, else its longest opening clause that fits `limit` words, as a whole line; else ''.

    A clause ends where the sentence pauses (',', ':', ';', a dash), so the line never stops mid-phrase.
    """
    if word_count(sentence) <= limit:
        return sentence
    mark = "?" if sentence.rstrip().endswith("?") else "!" if sentence.rstrip().endswith("!") else "."
    cuts = [m.start() for m in re.finditer(r"\s*(?:[,:;]|\s[—–-])\s", sentence)]
    for cut in reversed(cuts):
        head = sentence[:cut].strip()
        last = head.split()[-1].lower() if head.split() else ""
        if 2 <= word_count(head) <= limit and last not in _WEAK_TAIL:
            return end_with_mark(head, mark)
    return ""


def fit_sentences(sentences: Sequence[str], limit: int) -> str:
    """Whole sentences in order while they fit `limit` words; with none, the first that shortens cleanly."""
    chosen: list[str] = []
    used = 0
    for sentence in sentences:
        n = word_count(sentence)
        if used + n <= limit:
            chosen.append(sentence)
            used += n
    if not chosen:
        for sentence in sentences:
            short = shorten(sentence, limit)
            if short:
                return short
    return " ".join(chosen)


def fit_with_cta(sentences: Sequence[str], limit: int, cta: str | None) -> str:
    """Whole sentences that fit `limit` words; with a CTA, the line always ends on it."""
    if cta is None:
        return fit_sentences(sentences, limit)
    key = cta.lower().rstrip(".!")
    # the CTA is said whole even when the scene is tight: cutting it would leave the ad without its ask
    cta_line = shorten(cta, limit) or cta
    others = [s for s in sentences if key not in s.lower()]
    room = limit - word_count(cta_line)
    head = fit_sentences(others, room) if room > 0 else ""
    if word_count(head) > room:
        head = ""
    return f"{head} {cta_line}".strip()


def caption(text: str, limit: int = 6) -> str:
    """An on-screen line: at most `limit` words and 80 characters, no trailing full stop."""
    short = (shorten(text, limit) or clip_words(text, limit)).rstrip(".")
    return short[:80].rstrip()


def looks_like_injection(text: str) -> bool:
    """True when a phrase reads as instructions to a machine rather than words about a product."""
    return bool(_INJECTION.search(text))


def strip_symbols(text: str) -> str:
    """Text without emoji, pictographs and control characters; spaces collapsed."""
    kept = "".join(ch for ch in text if ch.isprintable() and not _is_symbol(ch))
    return re.sub(r"\s+", " ", kept).strip()


def _is_symbol(ch: str) -> bool:
    code = ord(ch)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or code in (0xFE0F, 0x200D)


def latin_share(text: str) -> float:
    """The share of letters in the text that are Latin, 0..1 (1 for text without letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f") / len(letters)
