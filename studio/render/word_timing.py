"""When each word of a voiceover is spoken: an estimate from the audio's energy, and the timings file.

A voice without word timings of its own (OpenAI's text-to-speech returns none) is aligned to its words
here: the voiced stretches are found from the loudness envelope (10 ms frames), pauses become word
boundaries where the text has one nearby (punctuation first), and inside each stretch the words share the
voiced time in proportion to their syllables. It is an estimate and is labelled so (`ESTIMATED`).
The timings travel next to the voice WAV as `<voice>.words.json`.
"""

from __future__ import annotations

import itertools
import json
import re
import wave
from pathlib import Path

import numpy as np

from studio.models import WordTiming

ESTIMATED = "estimated from the audio's energy and the words' syllables"
FRAME_S = 0.01
_MIN_PAUSE_S = 0.07
_MIN_VOICED_S = 0.03
_VOWELS = re.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿąęėįųаеёиоуыэюяαεηιουω]+", re.IGNORECASE)


def timings_path(voice_path: Path) -> Path:
    """Where a voice file's word timings are kept: beside it, as `<name>.words.json`."""
    return Path(voice_path).with_suffix(".words.json")


def save_timings(voice_path: Path, timings: list[WordTiming], source: str) -> Path:
    """Write the word timings (and how they were made) beside the voice file."""
    path = timings_path(voice_path)
    data = {"source": source, "words": [t.model_dump() for t in timings]}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def load_timings(voice_path: Path | None) -> tuple[list[WordTiming], str]:
    """The word timings kept beside a voice file and their source; ([], "") when there are none."""
    if voice_path is None:
        return [], ""
    path = timings_path(voice_path)
    if not path.exists():
        return [], ""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [WordTiming(**w) for w in data.get("words", [])], str(data.get("source", ""))


def syllables(word: str) -> int:
    """A rough syllable count (vowel groups; digits count one each): the weight of a word in speech."""
    digits = sum(c.isdigit() for c in word)
    return max(1, len(_VOWELS.findall(word)) + digits)


def read_mono(path: Path) -> tuple[np.ndarray, int]:
    """A PCM WAV file as float mono samples (-1..1) and its sample rate."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(w.getnframes())
    dtype = {1: np.uint8, 2: np.int16, 4: np.int32}[width]
    a = np.frombuffer(raw[: len(raw) // (width * channels) * width * channels], dtype).astype(np.float32)
    if width == 1:
        a = a - 128.0
    a /= float(2 ** (8 * width - 1))
    return a.reshape(-1, channels).mean(axis=1), rate


def voiced_frames(samples: np.ndarray, rate: int) -> np.ndarray:
    """True for each 10 ms frame that carries speech (short gaps inside a word are filled)."""
    hop = max(1, int(rate * FRAME_S))
    n = len(samples) // hop
    if n == 0:
        return np.zeros(0, bool)
    rms = np.sqrt((samples[: n * hop].reshape(n, hop) ** 2).mean(axis=1))
    peak = float(np.percentile(rms, 99)) if n else 0.0
    if peak <= 1e-6:
        return np.zeros(n, bool)
    voiced = rms > max(peak * 0.06, float(np.percentile(rms, 10)) * 3)
    _fill_runs(voiced, False, round(_MIN_PAUSE_S / FRAME_S))  # a stop consonant's closure is not a pause
    _fill_runs(voiced, True, round(_MIN_VOICED_S / FRAME_S))  # a click is not a word
    return voiced


def _fill_runs(mask: np.ndarray, value: bool, shorter_than: int) -> None:
    """Flip inner runs of `value` shorter than the limit (edges kept for False runs)."""
    i, n = 0, len(mask)
    while i < n:
        if mask[i] != value:
            i += 1
            continue
        j = i
        while j < n and mask[j] == value:
            j += 1
        inner = i > 0 and j < n
        if j - i < shorter_than and (inner or value):
            mask[i:j] = not value
        i = j


def _segments(voiced: np.ndarray) -> list[tuple[int, int]]:
    edges = np.flatnonzero(np.diff(np.concatenate([[0], voiced.astype(np.int8), [0]])))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def align_words(words: list[str], voiced: np.ndarray) -> list[WordTiming]:
    """Word timings from voiced frames: pauses become word boundaries, syllables share voiced time."""
    if not words:
        return []
    segs = _segments(voiced)
    if not segs:
        return []
    weights = np.array([syllables(w) + 0.4 for w in words], np.float64)
    cum = np.concatenate([[0.0], np.cumsum(weights)]) / weights.sum()
    frames = np.flatnonzero(voiced)
    # first guess: the words spread over voiced time alone (pauses take no words)
    guess = frames[np.minimum((cum[:-1] * len(frames)).astype(int), len(frames) - 1)]
    chosen: list[tuple[int, int]] = []  # (word index starting after the pause, segment index after it)
    last_k = 0
    for j in range(1, len(segs)):
        pause_mid = (segs[j - 1][1] + segs[j][0]) / 2
        best, best_cost = None, 0.6 / FRAME_S
        for k in range(last_k + 1, len(words)):
            cost = abs(guess[k] - pause_mid) - (15 if re.search(r"[.,!?;:…]$", words[k - 1]) else 0)
            if cost < best_cost:
                best, best_cost = k, cost
        if best is not None:
            chosen.append((best, j))
            last_k = best
    bounds = [(0, 0), *chosen, (len(words), len(segs))]
    out: list[WordTiming] = []
    for (k0, s0), (k1, s1) in itertools.pairwise(bounds):
        group = np.concatenate([np.arange(a, b) for a, b in segs[s0:s1]])
        gw = weights[k0:k1]
        gc = np.concatenate([[0.0], np.cumsum(gw)]) / gw.sum()
        starts = group[np.minimum((gc[:-1] * len(group)).astype(int), len(group) - 1)]
        end = segs[s1 - 1][1]
        for i, k in enumerate(range(k0, k1)):
            stop = starts[i + 1] if i + 1 < len(starts) else end
            out.append(WordTiming(word=words[k], start_s=round(starts[i] * FRAME_S, 3),
                                  end_s=round(max(stop, starts[i] + 1) * FRAME_S, 3)))  # fmt: skip
    return out


def align_by_energy(voice_path: Path, text: str) -> list[WordTiming]:
    """Estimated word timings for a voice file of this text ([] when the file has no speech)."""
    try:
        samples, rate = read_mono(Path(voice_path))
    except (OSError, EOFError, KeyError, wave.Error):
        return []
    return align_words(text.split(), voiced_frames(samples, rate))


def energy_onsets(voice_path: Path, min_pause_s: float = 0.15) -> list[float]:
    """Seconds where speech starts again after a pause of at least min_pause_s (the first onset too)."""
    samples, rate = read_mono(Path(voice_path))
    segs = _segments(voiced_frames(samples, rate))
    out: list[float] = []
    prev_end = -(10**9)
    for a, b in segs:
        if (a - prev_end) * FRAME_S >= min_pause_s:
            out.append(a * FRAME_S)
        prev_end = b
    return out


def snap_to_voice(timings: list[WordTiming], voice_path: Path) -> list[WordTiming]:
    """Timings whose start falls in silence moved to where the sound begins, and ends cut at the silence
    after them: a word event at the start of a pause then marks the word, not the pause."""
    samples, rate = read_mono(Path(voice_path))
    voiced = voiced_frames(samples, rate)
    if not voiced.any():
        return timings
    out: list[WordTiming] = []
    for t in timings:
        a = min(int(t.start_s / FRAME_S), len(voiced) - 1)
        b = max(a + 1, min(int(np.ceil(t.end_s / FRAME_S)), len(voiced)))
        on = np.flatnonzero(voiced[a:b])
        if len(on) == 0:
            out.append(t)
            continue
        start, stop = (a + on[0]) * FRAME_S, (a + on[-1] + 1) * FRAME_S
        out.append(WordTiming(word=t.word, start_s=round(start, 3), end_s=round(max(stop, start), 3)))
    return out
