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


def _read(text: str) -> str:
    return str(_identifier().classify(text)[0])


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
    # Names say nothing of the language and mislead it on a short brief ('Luxzor presents a night at
    # Zorzoria' read as French): the words between them decide, when there are enough of them.
    common = " ".join(w for w in re.findall(r"[^\W\d_]+", text) if not w[:1].isupper())
    found = _read(common if len(common.split()) >= 3 else text)
    return found or "en"


def ad_language(language: str, prompt: str) -> str:
    """The language an ad is made in: the one asked for, else the brief's own among the six, else English."""
    if language:
        return language
    if len(set(re.findall(r"[^\W\d_]{2,}", prompt.lower()))) < 3:
        return "en"  # too few words to tell ('AAAA...', a product name alone): the studio's own language
    found = detect_language(prompt)
    return found if found in LANGUAGES else "en"


__all__ = ["LANGUAGES", "ad_language", "detect_language", "let_go"]
