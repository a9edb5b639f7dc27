"""The studio page driven end to end offline with AppTest: chat, approve, refine, edit, render, reload."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from studio.ui.references_view import CAPTION
from tests.pages import APP, TIMEOUT, page_store, wait_for


def _texts(at: AppTest) -> str:
    """All markdown, caption and badge text on the page, for assertions."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts)


def _key(at: AppTest, kind: str, prefix: str) -> str:
    keys = [w.key for w in getattr(at, kind) if w.key and w.key.startswith(prefix)]
    assert keys, f"no {kind} with a key starting {prefix!r}"
    return keys[0]


def test_whole_flow_by_chat_then_reload(data_dir: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    # Sidebar: small and quick, interactive.
    at.selectbox(key="opt_resolution").select("360p")
    at.selectbox(key="opt_scenes").select(3)
    at.slider(key="opt_duration").set_value(8)
    at.radio(key="opt_mode").set_value("interactive")
    at.number_input(key="seed").set_value(1234)
    at.run()

    # 1. The prompt creates the generation; the story waits for approval.
    at.chat_input(key="chat").set_value("A cold-brew coffee for busy commuters, bold and warm").run()
    gen_id = at.query_params["g"][0] if isinstance(at.query_params["g"], list) else at.query_params["g"]
    assert gen_id
    gen = wait_for(at, gen_id, lambda g: g.status == "awaiting_approval" and g.stage == "story", 60)
    assert gen.seed == 1234 and gen.brief.resolution == "360p" and gen.brief.scene_count == 3
    assert gen.story is not None and gen.story.title in _texts(at)
    assert any(b.label == "Approve story" for b in at.button)

    # 2. A refine message changes the story (on the job runner: the page waits on the store).
    before = gen.story.text
    at.chat_input(key="chat").set_value("Make it funnier and mention free delivery").run()
    gen = wait_for(at, gen_id, lambda g: g.status == "awaiting_approval" and len(g.story_history) == 1, 60)
    assert gen.story is not None and gen.story.text != before
    assert len(gen.story_history) == 1
    assert all(beat.text in _texts(at) for beat in gen.story.beats)

    # 3. "looks good" approves; the references arrive and wait (each says where it came from).
    at.chat_input(key="chat").set_value("looks good").run()
    gen = wait_for(at, gen_id, lambda g: g.status == "awaiting_approval" and g.stage == "references", 90)
    assert len(gen.references) == 3 and not gen.scenes
    assert CAPTION in _texts(at)
    captions = [img.caption for element in at.get("image") for img in element.proto.imgs]
    origins = [f"{r.kind.capitalize()} · generated" for r in gen.references]
    assert [c for c in captions if " · " in c] == origins
    at.button(key="references_approve").click().run()
    gen = wait_for(at, gen_id, lambda g: g.status == "awaiting_approval" and g.stage == "scenes", 90)
    assert len(gen.scenes) == 3

    # 4. Edit scene 1 in place and save: the stored scene changes.
    desc_key = _key(at, "text_area", "scene_desc_1_")
    new_desc = "Close-up of the bottle sweating on a sunny train seat, steam of the city behind"
    at.text_area(key=desc_key).set_value(new_desc)
    at.button(key=_key(at, "button", "scene_save_1_")).click().run()
    gen = page_store().get(gen_id)
    assert gen.scenes[0].description == new_desc
    assert not at.exception

    # 5. Approve all; the storyboard waits: one frame per scene with its timing, and the video's cost.
    at.button(key="scenes_approve").click().run()
    gen = wait_for(at, gen_id, lambda g: g.status == "awaiting_approval" and g.stage == "storyboard", 90)
    assert [k.scene_id for k in gen.keyframes] == [1, 2, 3] and gen.clips == []
    captions = [img.caption for element in at.get("image") for img in element.proto.imgs]
    assert next(c for c in captions if c.startswith("Scene ")).startswith("Scene 1 · 0.0–")
    assert "Estimated cost of the video stage: \\$0.00 (offline renderer: free)." in _texts(at)

    # 6. Approve the storyboard; clips render, the ad is assembled and scored.
    at.button(key="storyboard_approve").click().run()
    gen = wait_for(at, gen_id, lambda g: g.status == "completed", 240)
    assert all(c.status == "complete" for c in gen.clips)
    assert len(at.get("video")) == 1
    assert any(d.label == "Download MP4" for d in at.get("download_button"))
    text = _texts(at)
    assert f"{gen.seed}" in text
    assert "Scoring…" not in text or gen.scoring_failed
    assert "Overall:" in text or "Scoring unavailable" in text
    assert not at.exception

    # 7. A fresh page with ?g= shows the same generation.
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.query_params["g"] = gen_id
    again.run()
    assert not again.exception
    assert gen.story is not None and gen.story.title in _texts(again)
    assert len(again.get("video")) == 1
