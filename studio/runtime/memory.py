"""Give freed heap memory back to the system between stages.

Rendering, mixing and decoding allocate and free hundreds of megabytes from several threads; glibc keeps
what they freed in per-thread arenas, so the process's footprint grows stage by stage although little is
still in use. `malloc_trim(0)` returns those free pages. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging

log = logging.getLogger(__name__)


MMAP_THRESHOLD = 4 << 20
"""Blocks this size and up get pages of their own, returned the moment they are freed. glibc's default
raises the threshold as large blocks are freed, so model inference (OCR) and audio buffers came to be
served from the heap and kept: 190 MB of a 30 s ad's scoring stayed after it. A 720p frame (2.8 MB)
stays below, so the renderer's buffers are reused as before."""
_M_MMAP_THRESHOLD = -3
TRIM_THRESHOLD = 8 << 20
"""Free memory at the heap's top is handed back only past this much. Setting the mmap threshold fixes the
trim threshold at glibc's 128 KB, so every freed frame-sized buffer shrank the heap and the next one grew
it again on fresh pages: a 30 s ad took ~700,000 page faults, seconds of CPU in the kernel (the mix alone:
196,000 faults, 1.5 s; 40,000 and 0.8 s with this). Each thread's arena keeps up to this much, so it is
small: 32 MB took the scores stage's peak (four threads) from ~450 to ~490 MB. Between stages
`release_free_memory` hands everything free back anyway."""
_M_TRIM_THRESHOLD = -1


@functools.cache
def configure_heap() -> bool:
    """Fix the C heap's mmap and trim thresholds once per process; True when the C library took them."""
    libc = _libc()
    if libc is None or not hasattr(libc, "mallopt"):
        return False
    return bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )


@functools.cache
def _libc():  # type: ignore[no-untyped-def]
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


@functools.cache
def _trim():  # type: ignore[no-untyped-def]
    libc = _libc()
    return getattr(libc, "malloc_trim", None)  # not glibc (musl, macOS): nothing to trim


def release_free_memory() -> bool:
    """Hand the heap's free pages back to the system; True when the C library could."""
    trim = _trim()
    return bool(trim(0)) if trim is not None else False
