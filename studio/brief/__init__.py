"""Brief understanding: reading a brief into its `BriefFactSheet`, checking an ad against it, the word budget,
and holding a language model's reading of the brief to the brief's own words (`reconcile`).

Below the pipeline and every adapter: nothing here imports `studio.offline`, `studio.pipeline` or a
provider. The heavy readers (dateparser, quantulum3, py3langid) load on the first brief read, not at import.
"""

from __future__ import annotations

from studio.brief.budget import SPOKEN_WORDS_PER_S, TIGHT_WORDS, is_tight, word_budget
from studio.brief.checker import (
    DETAIL_KINDS,
    FACT_CAP,
    HARD_KINDS,
    TIGHT_FACT_KINDS,
    FactCheck,
    FactReport,
    check_facts,
    contains,
    normalise,
)
from studio.brief.language import LANGUAGES, ad_language, detect_language
from studio.brief.numbers import BREAKS, proof_phrase, proof_points
from studio.brief.reader import is_phone_number, read_fact_sheet
from studio.brief.reconcile import reconcile, verify
from studio.brief.say_rules import says_what_to_say
from studio.brief.shapes import HANDLE, URL, Found, find_all

__all__ = [
    "BREAKS",
    "DETAIL_KINDS",
    "FACT_CAP",
    "HANDLE",
    "HARD_KINDS",
    "LANGUAGES",
    "SPOKEN_WORDS_PER_S",
    "TIGHT_FACT_KINDS",
    "TIGHT_WORDS",
    "URL",
    "FactCheck",
    "FactReport",
    "Found",
    "ad_language",
    "check_facts",
    "contains",
    "detect_language",
    "find_all",
    "is_phone_number",
    "is_tight",
    "normalise",
    "proof_phrase",
    "proof_points",
    "read_fact_sheet",
    "reconcile",
    "says_what_to_say",
    "verify",
    "word_budget",
]
