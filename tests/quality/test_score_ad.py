"""The ad's scores carry the checklist, the text read back and what the overall covers, end to end."""

from __future__ import annotations

import pytest

from studio.bootstrap import open_context
from studio.config import Settings
from studio.models import Brief, ChecklistItem, QualityReport, TextReadback
from studio.quality import ocr
from studio.service import Studio

pytest.importorskip("rapidocr_onnxruntime")

PROMPT = "Peak trail shoes grip wet rock. For weekend runners. Shop at peak.example"
KEYS = ["brand_first_3s", "hook_2s", "brand_in_voiceover", "captions_on", "cta_end", "safe_zone", "loudness"]


@pytest.fixture
def studio(settings: Settings):
    ctx = open_context(settings)
    yield Studio(ctx)
    ctx.runner.shutdown()


def test_the_checklist_and_text_read_back_survive_the_store(studio: Studio) -> None:
    gen = studio.create(Brief(prompt="x" * 10))
    report = QualityReport(
        overall=50.0,
        overall_covers=["motion"],
        group_notes={"composition": "unavailable: none measured"},
        checklist=[ChecklistItem(key="loudness", label="Loudness", status="pass", evidence="-14.0 LUFS")],
        text_readback=[TextReadback(kind="end_card", expected="Shop", read="Shop", fidelity=100.0)],
    )
    studio.ctx.store.save_quality(gen.id, report, None)
    back = studio.ctx.store.quality(gen.id)[None]
    assert back is not None
    assert back.checklist == report.checklist and back.text_readback == report.text_readback
    assert back.overall_covers == ["motion"] and back.group_notes == report.group_notes
    assert "_details" not in back.dimensions


def test_a_finished_ad_is_read_back_and_checked(studio: Studio) -> None:
    brief = Brief(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=7)
    gen = studio.run(studio.create(brief).id)
    assert gen.status == "completed", gen.error
    report = studio.ctx.store.quality(gen.id)[None]
    assert report is not None
    assert [c.key for c in report.checklist] == KEYS
    status = {c.key: c.status for c in report.checklist}
    assert status["loudness"] == "pass"  # the mix is made at -14 LUFS
    assert status["hook_2s"] == "pass"
    # the studio's own end card and captions read back (360p: 640 px stills are the frame itself)
    end = [t for t in report.text_readback if t.kind == "end_card"]
    assert end and min(t.fidelity for t in end) > 80
    captions = [t for t in report.text_readback if t.kind == "caption"]
    assert len(captions) == 3 and sum(t.fidelity > 70 for t in captions) >= 2
    assert report.dimensions["text_fidelity"].value > 80
    assert report.overall_covers and "motion" in report.overall_covers
    assert ocr._engine is None  # the OCR models were let go once the stills were read
