"""Proof phrases: claims a marketer must not soften ('lifetime warranty', 'vet-designed', 'plastikfrei'),
found by their shape. `shapes.proof_phrases` finds them in a brief."""

from __future__ import annotations

import re

PROOF_SHAPE = re.compile(
    r"\b(?:\d+|lifetime|one|two|three|five|ten)[- ](?:year|month|day|jahr|jahre|ans?|años?|anos?|anni)s?"
    r"[- ](?:warranty|guarantee|garantie|garantía|garantia|garanzia|Garantie)\b|"
    r"\b(?:lifetime|full|money-back|satisfaction)\s+(?:warranty|guarantee)\b|"
    r"\b(?:certified\s+)?[a-z]{3,}-(?:designed|tested|approved|certified|recommended|owned|made|led|backed|"
    r"winning|free)\b|"
    r"(?-i:\b[a-zäöüß]{4,}(?<!kosten)(?<!versand)frei)\b|"
    r"(?-i:\b(?:[A-Z][\w&-]*\s+){0,2}[A-Z0-9][\w-]{0,20})[- ]certified\b",
    re.I,
)
"""A claim a marketer must not soften: 'lifetime warranty', '2-year warranty', 'vet-designed', 'certified
pre-owned', 'Fair Trade certified', 'SOC 2 certified'; German writes its '-free' joined, 'plastikfrei',
'glutenfrei' (not a cost's 'kostenfrei', an offer)."""

__all__ = ["PROOF_SHAPE"]
