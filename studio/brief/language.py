"""The brief's language, among the six the studio writes in (py3langid, restricted to them).

py3langid ships its model for 97 languages as LZMA: 0.3 s to read on every run. Narrowed to the six, it is
kept uncompressed in the user's cache folder (`cache_path`, ~41 MB) after the first read, and read from
there in ~30 ms; each read gives the same scores as py3langid's own model restricted to the six (test).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
"""ISO 639-1 codes of the languages the studio reads and writes ads in."""


_loading = threading.Lock()
_held: list[Any] = []
"""The language model while it is held: loaded by the first brief read, dropped by `let_go`."""


def _identifier() -> Any:
    # py3langid's naive Bayes model narrowed to the six, loaded on the first brief, never at start-up.
    # lingua read short briefs as well only in its accurate mode, which took 1.7 s and ~170 MB beside a
    # render; its quick mode read Spanish as Portuguese and Italian as French on short briefs.
    # An instance of our own, not py3langid's module-wide one, so that letting it go never pulls the model
    # from under a read in another thread (each read keeps the instance it was handed).
    with _loading:
        if not _held:
            _held.append(_load())
        return _held[0]


def cache_path() -> Path:
    """Where the narrowed model is kept between runs: the user's cache folder, keyed by py3langid's version
    and model file and by the six languages (a new py3langid or another language set makes a new file)."""
    from importlib.metadata import version

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    source = Path(MODEL_DIR) / MODEL_FILE
    key = f"{version('py3langid')}-{source.stat().st_size}-{'-'.join(LANGUAGES)}"
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ad-studio"
    return root / f"py3langid-{key}.npz"


def _load() -> Any:
    """The identifier for the six: from the cache when it is there (~30 ms, 41 MB held), else from
    py3langid's own file (0.3 s of LZMA for all 97 languages, ~75 MB held), then cached for the next run."""
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    path = cache_path()
    try:
        with np.load(path, allow_pickle=False) as kept:
            return LanguageIdentifier(
                kept["ptc"], kept["pc"], kept["classes"].tolist(), _words(kept["nextmove"]),
                kept["output"].tolist(), tk_row=_words(kept["row"]),
            )  # fmt: skip
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:  # torn or foreign
        log.info("the cached language model at %s is unreadable (%s): loading py3langid's", path, exc)
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    narrowed = LanguageIdentifier(
        np.ascontiguousarray(identifier.nb_ptc), identifier.nb_pc, list(identifier.nb_classes),
        identifier.tk_nextmove, identifier.tk_output, tk_row=identifier.tk_row,
    )  # fmt: skip
    _keep(path, narrowed)
    return narrowed


def _words(values: Any) -> Any:
    """A numpy vector as the stdlib array py3langid walks byte by byte (indexing it is faster)."""
    from array import array

    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out


def _keep(path: Path, identifier: Any) -> None:
    """Write the narrowed model to the cache (whole or not at all); a read-only home only logs."""
    import numpy as np

    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "wb") as f:
            np.savez(
                f, ptc=identifier.nb_ptc, pc=identifier.nb_pc, classes=np.array(identifier.nb_classes),
                nextmove=np.frombuffer(identifier.tk_nextmove, dtype=identifier.tk_nextmove.typecode),
                row=np.frombuffer(identifier.tk_row, dtype=identifier.tk_row.typecode),
                output=np.asarray(identifier.tk_output, dtype=np.int32),
            )  # fmt: skip
        os.replace(part, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        log.info("the language model could not be cached at %s: %s", path, exc)


def let_go() -> None:
    """Drop the language model until a brief needs it again: its tables hold ~45 MB, for a read that
    happens once per brief (the languages found stay cached by text, so the brief just read is not read
    again). The pipeline lets go once the story is written; loading again takes ~30 ms from the cache."""
    with _loading:
        _held.clear()


def _scores(text: str) -> dict[str, float]:
    """The detector's log-probability of each of the six for the text, less the best one's (the best: 0)."""
    ranked = [(str(lang), float(p)) for lang, p in _identifier().rank(text)]
    best = max(p for _, p in ranked)
    return {lang: p - best for lang, p in ranked}


_FUNCTION_WORDS = {
    "en": "the a an and of to in on for with at by from is are this that your our you we it be or not until "
    "into over after before about every each all any than then",
    "es": "el la los las lo un una unos unas y o a de del al en con por para que es son su sus tu tus mi "
    "nuestro nuestra nuestros muy más sin desde hasta cada este esta estos ya te se le les nos como pero hay",
    "pt": "o a os as um uma uns umas e ou de do da dos das no na nos nas em com por para pelo pela que é são "
    "seu sua seus suas você mais sem desde até cada este esta já ao aos à como mas há nosso nossa",
    "it": "il lo la i gli le l un uno una e o a di del della dei degli delle al alla ai in nel nella con "
    "per che è sono suo sua tuo tua nostro nostra più senza da dal dalla fino ogni questo questa già ci vi "
    "come ma",
    "fr": "le la les l un une des et ou à de du au aux en dans avec pour par que est sont son sa ses votre "
    "vos notre nos plus sans dès chaque ce cette ne pas nous vous comme mais",
    "de": "der die das den dem des ein eine einen einem und oder von vom zum zur im in mit für auf ist sind "
    "sein ihr unser unsere mehr ohne ab bis jeden jede dieser diese nicht wir sie du es wie aber am an um "
    "bei nach aus zu über unter vor auch noch nur kein keine",
}
"""The articles, prepositions, conjunctions and pronouns of each language: the words a short text holds
whatever it is about. A word of several languages ('de', 'una', 'a') counts for each, in equal shares."""
_SPELLING = {
    "ñ": "es", "¿": "es", "¡": "es", "ã": "pt", "õ": "pt", "ç": "pt fr", "à": "it fr pt", "è": "it fr",
    "ì": "it", "ò": "it", "ù": "it fr", "ê": "fr pt", "â": "fr pt", "ô": "fr pt", "î": "fr", "û": "fr",
    "ë": "fr", "ï": "fr", "œ": "fr", "ß": "de", "ä": "de", "ö": "de", "ü": "de", "á": "es pt", "í": "es pt",
    "ó": "es pt", "ú": "es pt",
}  # fmt: skip
"""The letters and marks each language writes and the others of the six do not (or rarely)."""
_OWNERS: dict[str, tuple[str, ...]] = {}
for _lang, _words_of in _FUNCTION_WORDS.items():
    for _word in _words_of.split():
        _OWNERS[_word] = (*_OWNERS.get(_word, ()), _lang)
_WEIGHT = 3.0
"""How much one function word or telling letter weighs beside the detector's log-probabilities: on a
short text ('Perfumería Alba en Murcia. De regalo, una vela.') the detector's margin is a few units and
such words decide; on a paragraph its margin is hundreds and they change nothing."""


def _evidence(text: str) -> dict[str, float]:
    """Each language's share of the text's function words and telling letters (`_FUNCTION_WORDS`)."""
    found = dict.fromkeys(LANGUAGES, 0.0)
    low = text.lower()
    owners = [_OWNERS.get(w, ()) for w in re.findall(r"[^\W\d_]+", low)]
    owners += [tuple(_SPELLING[ch].split()) for ch in low if ch in _SPELLING]
    for langs in owners:
        for lang in langs:
            found[lang] += 1 / len(langs)
    return found


def _common_words(text: str) -> str:
    """The text's words that are no name: those in small letters, and a capitalised word that opens a
    sentence as a function word ('De regalo, una vela') or before a word in small letters that is none
    ('Envío gratis'); a capitalised run ('Perfumería Alba') or a name before a preposition ('Zortra in
    Zorzoria') is a name's."""
    words = list(re.finditer(r"[^\W\d_]+", text))
    kept = []
    for i, m in enumerate(words):
        word = m.group(0)
        if not word[:1].isupper():
            kept.append(word)
            continue
        if re.search(r"(?:^|[.!?:]\s*)$", text[: m.start()]) is None:
            continue
        after = words[i + 1].group(0) if i + 1 < len(words) else ""
        close = i + 1 < len(words) and not text[m.end() : words[i + 1].start()].strip()
        if word.lower() in _OWNERS or (close and after.islower() and after not in _OWNERS):
            kept.append(word.lower())
    return " ".join(kept)


@lru_cache(maxsize=64)
def detect_language(text: str) -> str:
    """'en', 'es', 'fr', 'de', 'pt' or 'it'; 'other' for a brief mostly in another script; '' for no words.

    A brief of Latin letters in a seventh language reads as the nearest of the six: the detector is
    restricted to them so that short briefs are not taken for Latin or Esperanto.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return ""
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f")
    if latin / len(letters) < 0.7:
        return "other"
    # Names mislead the detector on a short brief ('Luxzor presents a night at Zorzoria' read as French),
    # yet a name's letters are evidence too ('Perfumería'): the detector reads the text with them and,
    # weighing twice, without them; the function words and telling letters weigh in where its margin is
    # small.
    whole = _scores(text)
    common = _common_words(text)
    plain = _scores(common) if common else whole
    evidence = _evidence(text)
    score = {lang: (whole[lang] + 2 * plain[lang]) / 3 + _WEIGHT * evidence[lang] for lang in LANGUAGES}
    return max(LANGUAGES, key=lambda lang: score[lang])


def ad_language(language: str, prompt: str) -> str:
    """The language an ad is made in: the one asked for, else the brief's own among the six, else English."""
    if language:
        return language
    if len(set(re.findall(r"[^\W\d_]{2,}", prompt.lower()))) < 3:
        return "en"  # too few words to tell ('AAAA...', a product name alone): the studio's own language
    found = detect_language(prompt)
    return found if found in LANGUAGES else "en"


__all__ = ["LANGUAGES", "ad_language", "detect_language", "let_go"]
