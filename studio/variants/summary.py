"""What the CLI prints and the page shows for each variant: what differs, status, video, scores, cost."""

from __future__ import annotations

from typing import Any

from studio.models import QualityReport
from studio.store.repo import Store
from studio.variants.records import VariantSet

DONE = frozenset({"completed", "failed", "stopped"})


def checklist_passes(report: QualityReport | None) -> dict[str, int] | None:
    """How many checklist items passed out of those measured; None before scoring or with no checklist."""
    if report is None or not report.checklist:
        return None
    measured = [c for c in report.checklist if c.status != "unavailable"]
    return {
        "passed": sum(c.status == "pass" for c in measured),
        "measured": len(measured),
        "unavailable": len(report.checklist) - len(measured),
    }


def variant_rows(store: Store, media: Any, vs: VariantSet) -> list[dict[str, Any]]:
    """One plain dict per variant, in order (JSON-ready)."""
    rows = []
    for m in sorted(vs.members, key=lambda m: m.index):
        gen = store.get(m.generation_id)
        ad = store.quality(m.generation_id).get(None)
        finished = gen.finished_ad
        cta = gen.assembly.call_to_action or (gen.story.call_to_action if gen.story else None)
        rows.append(
            {
                "index": m.index + 1,
                "label": m.label or f"Variant {m.index + 1}",
                "differs": m.differs,
                "generation_id": gen.id,
                "status": gen.status,
                "stage": gen.stage,
                "progress": gen.progress,
                "video": str(media.url(finished.location)) if finished else None,
                "poster": str(media.url(finished.poster)) if finished else None,
                "aspect_ratio": gen.brief.aspect_ratio,
                "hook": gen.story.beats[0].text if gen.story and gen.story.beats else None,
                "call_to_action": cta,
                "scores": {
                    "overall": ad.overall if ad else None,
                    "checklist_passes": checklist_passes(ad),
                    "checklist": [c.model_dump(mode="json") for c in ad.checklist] if ad else [],
                },
                "cost_usd": round(gen.cost_usd, 4),
                "winner": vs.winner == gen.id,
                "error": gen.error,
            }
        )
    return rows


def set_summary(store: Store, media: Any, vs: VariantSet) -> dict[str, Any]:
    """The set as JSON: id, axes, status, winner, and every variant's row."""
    rows = variant_rows(store, media, vs)
    status = vs.status
    if status == "rendering" and all(r["status"] in DONE for r in rows):
        status = "completed" if all(r["status"] == "completed" for r in rows) else "finished_with_failures"
    return {
        "set_id": vs.id,
        "axes": vs.axes,
        "n": vs.n,
        "status": status,
        "error": vs.error,
        "winner": vs.winner,
        "cost_usd": round(sum(r["cost_usd"] for r in rows), 4),
        "variants": rows,
    }


def is_settled(store: Store, vs: VariantSet) -> bool:
    """True when planning failed, or every variant has finished, failed or stopped."""
    if vs.status == "failed":
        return True
    if vs.status != "rendering":
        return False
    return all(store.get(g).status in DONE for g in vs.generation_ids)
