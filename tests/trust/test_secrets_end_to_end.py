"""Secrets: a whole generation through the real OpenAI and Replicate adapters with fake keys (only the HTTP
is fake, and its errors echo the keys back); then the keys are searched for in the logs, every row of the
database, every file under the data folder (database and WAL bytes included), the errors, and the page."""

from __future__ import annotations

import io
import json
import logging
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr
from streamlit.testing.v1 import AppTest

from studio.bootstrap import StudioContext, open_context
from studio.config import Settings
from studio.errors import ProviderAuthError
from studio.logs import configure_logging
from studio.models import Brief, Generation
from studio.providers.ports import VisionRequest
from studio.run import MemoryMeter
from studio.run import Run as StudioRun
from studio.service import Studio
from tests.pages import APP
from tests.providers.replicate_fake import CreateReply, FakeReplicate
from tests.providers.replicate_helpers import clip_request
from tests.trust.helpers import PROMPT
from tests.trust.secrets_helpers import (
    FAKE_OPENAI,
    FAKE_REPLICATE,
    FakeOpenAIServer,
    RawRecords,
    build_providers,
    database_rows,
    fake_replicate,
    file_leaks,
    leaks,
    make_mp4,
    make_png,
    page_texts,
)


def _settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, max_concurrent=2, openai_api_key=SecretStr(FAKE_OPENAI),
                    replicate_api_token=SecretStr(FAKE_REPLICATE))


@dataclass
class Run:
    ctx: StudioContext
    gen: Generation
    openai: FakeOpenAIServer
    replicate: FakeReplicate
    log_text: str
    raw_logs: list[str]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """One 8 s 360p ad of 3 scenes; a 401 and a 500 echoing the key on OpenAI, a 500 on Replicate."""
    tmp = tmp_path_factory.mktemp("secrets")
    settings = _settings(tmp / "data")
    settings.data_dir.mkdir(parents=True)
    openai_fake = FakeOpenAIServer()
    replicate = fake_replicate(make_png(tmp / "img.png"), make_mp4(tmp / "clip.mp4"))
    root, level = logging.getLogger(), logging.getLogger().level
    raw = RawRecords()
    root.addHandler(raw)  # sees each record as the code wrote it, before any scrubbing filter
    stream = io.StringIO()
    configure_logging(settings, stream=stream)
    root.setLevel(logging.DEBUG)  # the most a deployment would write
    ctx = open_context(settings, providers=build_providers(settings, openai_fake, replicate))
    try:
        studio = Studio(ctx)
        brief = Brief(prompt=PROMPT, resolution="360p", duration_s=8, scene_count=3, seed=1)
        gen = studio.run(studio.create(brief).id)
        yield Run(ctx, ctx.store.get(gen.id), openai_fake, replicate, stream.getvalue(), list(raw.texts))
    finally:
        ctx.runner.shutdown()  # type: ignore[union-attr]
        root.removeHandler(raw)
        for handler in [h for h in root.handlers if getattr(h, "_studio", False)]:
            root.removeHandler(handler)
        root.setLevel(level)


def test_the_generation_ran_through_the_real_adapters_and_their_error_paths(run: Run) -> None:
    gen = run.gen
    assert gen.status == "completed", gen.error
    # Provider clips (3 s each here) are cut to their scenes: the ad keeps the asked length (±10%).
    assert gen.ad is not None and abs(gen.ad.duration_s - gen.brief.duration_s) <= 0.1 * gen.brief.duration_s
    assert run.openai.auth == {f"Bearer {FAKE_OPENAI}"}  # the keys really were sent, to the APIs only
    assert run.replicate.auth_headers == {f"Bearer {FAKE_REPLICATE}"}
    assert run.replicate.delivery_auth == {""}
    answered = run.openai.answered
    assert {"story_director", "story_critic", "scene_writer", "image_prompt"} <= {w for w, _ in answered}
    assert ("vision", 401) in answered and ("speech", 500) in answered and ("speech", 200) in answered
    refs = [m for kind, m, _ in run.replicate.requests if kind == "create" and m == "google/nano-banana-pro"]
    # three references (one of them retried after the 500) and one storyboard keyframe per scene
    assert len(refs) == 4 + len(gen.scenes)
    assert [r.source for r in gen.references] == ["generated"] * 3
    # 401 → no analysis; an answer that never parses, retry included → the pixel analyst's figures; then the
    # model's. The references are analysed at once: the fake fixes each picture's fate by the order the
    # pictures first reach it, not by the order of its calls.
    analyses = [r.analysis for r in gen.references]
    assert sum(a is None for a in analyses) == 1
    lighting = sorted(a.lighting == "soft daylight" for a in analyses if a is not None)
    assert lighting == [False, True]  # one from the pixel analyst, one from the model
    assert [(c.status, c.model, c.seed) for c in gen.clips] == [("complete", "google/veo-3-fast", 1)] * 3
    calls = run.ctx.store.api_calls(gen.id)  # every call was charged to the generation's run
    assert {c.provider for c in calls} == {"openai", "replicate"}
    assert all(c.generation_id == gen.id for c in calls)
    # the analyses run at once: the refused call is among the vision calls, not always the first recorded
    vision_errors = [c.error for c in calls if c.purpose.startswith("vision")]
    assert "ProviderAuthError: The OpenAI key was refused: check OPENAI_API_KEY" in vision_errors
    assert gen.ad is not None and run.ctx.providers.media.local_path(gen.ad.location).stat().st_size > 0


def test_no_key_in_the_logs(run: Run) -> None:
    assert "check OPENAI_API_KEY" in run.log_text  # the refused key was logged, by name only
    assert "Replicate answered 500" in run.log_text and "OpenAI answered 500" in run.log_text  # echoed keys
    assert leaks(run.log_text) == []
    assert [t for t in run.raw_logs if leaks(t)] == []  # not even before the log filter scrubs


def test_no_key_in_any_database_row(run: Run) -> None:
    rows = list(database_rows(run.ctx.store))
    tables = {t for t, _ in rows}
    assert {"generations", "api_calls"} <= tables, tables
    assert [(t, r[:300]) for t, r in rows if leaks(r)] == []


def test_no_key_in_any_file_under_the_data_folder(run: Run) -> None:
    data = Path(run.ctx.settings.data_dir)
    assert (data / "studio.db").stat().st_size > 0
    assert file_leaks(data) == {}


def test_errors_name_the_variable_never_the_key(tmp_path: Path, run: Run) -> None:
    """A refused key at either service, with the key echoed in the body: message, repr and traceback."""
    settings = _settings(tmp_path / "data")
    echo = json.dumps({"title": "Unauthenticated", "status": 401,
                       "detail": f"Invalid token {FAKE_REPLICATE}"})
    replicate = FakeReplicate(outputs={}, creates={"google/veo-3-fast": [CreateReply(401, echo)]})
    providers = build_providers(settings, FakeOpenAIServer(), replicate)
    meter = MemoryMeter()
    errors = []
    make_png(tmp_path / "img.png")
    with pytest.raises(ProviderAuthError) as refused_key:
        request = VisionRequest(image_path=tmp_path / "img.png", kind="product")
        providers.vision.analyze(request, StudioRun(None, meter=meter))
    errors.append(refused_key.value)
    with pytest.raises(ProviderAuthError) as refused_token:
        providers.video.render_clip(clip_request(tmp_path), tmp_path, StudioRun(None, meter=meter))
    errors.append(refused_token.value)
    assert [str(e) for e in errors] == ["The OpenAI key was refused: check OPENAI_API_KEY",
                                        "The Replicate token was refused: check REPLICATE_API_TOKEN"]
    for exc in errors:
        assert leaks(repr(exc) + "".join(traceback.format_exception(exc))) == []
    assert [c.status for c in meter.calls] == ["error", "error"]
    assert [c for c in meter.calls if leaks(c.error or "")] == []
    stored = [run.gen.error or "", *(c.error or "" for c in run.gen.clips)]
    assert [e for e in stored if leaks(e)] == []


def test_the_page_names_the_providers_and_shows_no_key(run: Run, monkeypatch: pytest.MonkeyPatch,
                                                       capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("STUDIO_DATA_DIR", str(run.ctx.settings.data_dir))
    monkeypatch.setenv("STUDIO_MAX_CONCURRENT", "2")
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_OPENAI)
    monkeypatch.setenv("REPLICATE_API_TOKEN", FAKE_REPLICATE)
    monkeypatch.delenv("STUDIO_OFFLINE", raising=False)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["g"] = run.gen.id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    main, sidebar = list(page_texts(at.main)), list(page_texts(at.sidebar))
    page = "\n".join(main + sidebar + [str(dict(at.query_params)), repr(at.session_state)])
    assert PROMPT in page and "Your ad is ready" in page  # the collection really holds the page's text
    assert at.get("video"), "the finished ad is on the page"
    providers = [m.value for m in at.sidebar.markdown if " · " in m.value]
    assert any(p.startswith("**text** · OpenAI ") for p in providers), providers
    assert any(p.startswith("**video** · Replicate google/veo-3-fast") for p in providers), providers
    assert leaks(page) == []
    out, err = capfd.readouterr()
    assert leaks(out + err) == []
