"""Word timings straight from espeak-ng: its library reports where each word starts in the audio.

The espeak-ng command line writes the voice; the same library (libespeak-ng), given the same voice,
speed, pitch and text, synthesises the same samples and raises a word event at each word's first sample.
Those events are the timings: exact and deterministic, not an estimate. The library keeps global state,
so one lock serialises its use across the parallel clip renders.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import threading

from studio.models import WordTiming

log = logging.getLogger(__name__)

SOURCE = "espeak-ng word events (exact)"
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_EVENT_WORD, _EVENT_LIST_TERMINATED = 1, 0
_RATE, _PITCH = 1, 3


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_Callback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)
_lock = threading.Lock()
_state: dict[str, object] = {}


def _library() -> tuple[ctypes.CDLL, int] | None:
    """The loaded library and its sample rate, or None when libespeak-ng is not there."""
    if "lib" in _state:
        return _state["lib"]  # type: ignore[return-value]
    name = ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
    try:
        lib = ctypes.CDLL(name)
        rate = int(lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0))
    except OSError:
        rate = -1
    found = (lib, rate) if rate > 0 else None
    _state["lib"] = found
    return found


WATCHDOG_S = 15.0
"""How long one call into the library may take. A sentence takes milliseconds; a call that has not come
back by then (a library stuck in its own state) is left behind, and timings are estimated from then on."""


def word_events(text: str, voice: str, speed: int, pitch: int) -> tuple[list[WordTiming], float] | None:
    """Each whitespace word of text with its start and end (s), and the speech's length; None without
    the library, when the events do not cover the words, or when the library stopped answering.

    The library runs in C with its own global state; a render must never wait on it forever, so the
    call runs in a daemon thread watched for WATCHDOG_S."""
    if _state.get("stuck"):
        return None
    answer: list[tuple[list[WordTiming], float] | None] = []
    worker = threading.Thread(
        target=lambda: answer.append(_word_events(text, voice, speed, pitch)),
        daemon=True,
        name="espeak-events",
    )
    worker.start()
    worker.join(WATCHDOG_S)
    if worker.is_alive():
        _state["stuck"] = True
        log.warning(
            "espeak-ng's library gave no word events in %.0f s: timings are estimated from now on", WATCHDOG_S
        )
        return None
    return answer[0] if answer else None


def _word_events(text: str, voice: str, speed: int, pitch: int) -> tuple[list[WordTiming], float] | None:
    with _lock:  # loaded and initialised once, whichever render thread asks first
        found = _library()
    if found is None:
        return None
    lib, rate = found
    words = text.split()
    # character offset (1-based, as espeak counts) where each word starts
    offsets, pos = [], 0
    for w in words:
        pos = text.index(w, pos)
        offsets.append(pos + 1)
        pos += len(w)
    samples = [0]
    starts: dict[int, int] = {}

    def on_audio(wav: object, n: int, events: ctypes.Array) -> int:  # type: ignore[type-arg]
        samples[0] += max(0, n)
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            e = events[i]
            if e.type == _EVENT_WORD and e.length > 0:
                starts.setdefault(e.text_position, e.sample)
            i += 1
        return 0

    callback = _Callback(on_audio)
    data = text.encode("utf-8")
    with _lock:
        lib.espeak_SetSynthCallback(callback)
        if lib.espeak_SetVoiceByName(voice.encode("utf-8")) != 0:
            return None
        lib.espeak_SetParameter(_RATE, speed, 0)
        lib.espeak_SetParameter(_PITCH, pitch, 0)
        lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
        lib.espeak_Synchronize()
    # a word espeak split (a number, a hyphenated word) keeps its first event
    firsts: list[int | None] = []
    keys = sorted(starts)
    for k, off in enumerate(offsets):
        end = offsets[k + 1] if k + 1 < len(offsets) else 10**9
        firsts.append(next((starts[p] for p in keys if off <= p < end), None))
    if not firsts or firsts[0] is None:
        return None
    for k in range(1, len(firsts)):  # a word with no event of its own starts where the one before does
        if firsts[k] is None:
            firsts[k] = firsts[k - 1]
    total = samples[0] / rate
    out = []
    for k, w in enumerate(words):
        start = firsts[k] / rate  # type: ignore[operator]
        end = firsts[k + 1] / rate if k + 1 < len(words) else total  # type: ignore[operator]
        out.append(WordTiming(word=w, start_s=round(start, 3), end_s=round(max(end, start), 3)))
    return out, total
