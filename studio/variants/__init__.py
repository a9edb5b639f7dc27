"""Variants of one brief compared side by side: the planner, the set record, the service, the summary.

The names are loaded on first use, so the command line's parser (which needs only the planner's
constants) does not open the store's modules at start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "AXES": "planner",
    "VariantSpec": "planner",
    "parse_axes": "planner",
    "plan_variants": "planner",
    "VariantMember": "records",
    "VariantSet": "records",
    "get_set": "records",
    "list_sets": "records",
    "mark_winner": "service",
    "start_variants": "service",
    "is_settled": "summary",
    "set_summary": "summary",
    "variant_rows": "summary",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'studio.variants' has no attribute {name!r}")
    return getattr(importlib.import_module(f"studio.variants.{_WHERE[name]}"), name)
