"""Untrusted text through `plain()`: Markdown shows it literally and nothing in it becomes a request.

The Markdown here is rendered by markdown-it (CommonMark, tables, strikethrough); what Streamlit's renderer
adds on top (GFM's bare-URL links, directives, emoji codes, math) is checked with the patterns its
front end uses. The browser test (test_untrusted_text_browser.py) checks the same texts in Chromium.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from studio.ui.text import plain
from tests.ui.nasty_text import NASTY, as_seen, sample

markdown_it = pytest.importorskip("markdown_it")
ROOT = Path(__file__).resolve().parents[2]
RENDER = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Streamlit's front end, StreamlitMarkdown: emoji shortcodes (remark-emoji is loaded when this matches the
# source) and the check that loads KaTeX (after escaped backslashes, dollars and backticks are blanked).
ST_EMOJI = re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:")
ST_ESCAPES = re.compile(r"\\[\\$`]")
# mdast-util-gfm-autolink-literal links these in text after parsing, escapes already decoded.
GFM_URL = re.compile(r"(https?://|www(?=\.))[-.\w]+", re.IGNORECASE)
GFM_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+")


def _rendered(markdown: str) -> tuple[str, str]:
    """The HTML markdown-it makes of `markdown`, and its text as a browser would show it."""
    out = RENDER.render(markdown)
    return out, html.unescape(re.sub(r"<[^>]+>", " ", out))


def problems(markdown: str, allowed_tags: frozenset[str] = frozenset({"p", "br"})) -> list[str]:
    """What `markdown` would make besides text: elements, links, directives, emoji codes, math."""
    out, shown = _rendered(markdown)
    found = [f"<{tag}>" for tag in sorted(set(re.findall(r"</?([a-z0-9]+)", out)) - allowed_tags)]
    found += [f"link {link}" for link in _linked_by_gfm(shown)]
    found += [f"emoji {m}" for m in ST_EMOJI.findall(markdown)]
    found += [f"directive {m}" for m in re.findall(r":[A-Za-z]\S*", markdown)]  # :red[..], :material/x:
    found += [f"directive {m}" for m in re.findall(r"(?m)^[ \t]*:+\S*", markdown)]  # ::leaf, :::container
    if "$" in ST_ESCAPES.sub("_", markdown):
        found.append("math")
    return found


def _linked_by_gfm(text: str) -> list[str]:
    found = []
    for m in GFM_URL.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if before.isspace() or unicodedata.category(before)[0] in "PS":
            found.append(m.group())
    return found + GFM_EMAIL.findall(text)


@pytest.mark.parametrize("template", NASTY)
def test_markdown_shows_the_text_itself_and_nothing_else(template: str) -> None:
    text = sample(template, port=8765)
    assert problems(plain(text)) == []
    assert as_seen(_rendered(plain(text))[1]) == as_seen(text)


def test_the_checks_catch_what_plain_prevents() -> None:
    raw = sample("\n\n".join(NASTY), port=8765)
    found = " ".join(problems(raw))
    for kind in ("<img>", "<a>", "<h1>", "<code>", "link http", "link www", "link ana", "emoji :smile:"):
        assert kind in found, kind
    assert "directive :red[" in found and "math" in found


@pytest.mark.parametrize(
    "text",
    [
        "Cold brew for busy mornings. Bold, warm, and ready in 5 minutes!",
        "Emoji 🎬☕🔥 and ZWJ 👩‍💻 stay",
        "عرض خاص: قهوة باردة لكل صباح",
        "冷萃咖啡，专为忙碌的早晨打造！",
        "It's 10:30 — “quoted”, (parens), 20% off & more",
        "",
    ],
)
def test_ordinary_text_is_left_exactly_as_it_is(text: str) -> None:
    assert plain(text) == text


def test_each_escape_is_the_least_that_works() -> None:
    assert plain("![x](http://h/p.png)") == "!\\[x\\](http:\u2060//h/p.png)"
    assert plain("snake_case") == "snake\\_case"
    assert plain("&amp; & co") == "\\&amp; & co"
    assert plain("# one\n1. two\n  - three") == "\\# one  \n1\\. two  \n\\- three"
    assert plain("ana@example.com at www.example.com") == "ana\u2060@example.com at \u2060www.example.com"
    assert plain("a :smile: :red[x]") == "a :\u2060smile: :\u2060red\\[x\\]"
    assert plain(":::note") == "\\:::\u2060note"
    assert plain("  padded title \n") == "padded title"  # so `**{plain(title)}**` stays bold
    assert plain(ValueError("bad <input>")) == "bad \\<input>"


# ── Every place the studio shows such text ───────────────────────────────────────────────────────

PAYLOAD = "![x](http://127.0.0.1:9/leak.png) [y](http://127.0.0.1:9/link) <http://127.0.0.1:9/a> :red[r] $x$"
MARKER = "127.0.0.1:9/"
OUR_MARKUP = frozenset({"p", "br", "strong", "h4"})  # `**Style:** {plain(...)}`, `#### {plain(title)}`
# Widget values are shown as typed text in an input, never as Markdown.
WIDGET_VALUES = {"default", "value", "rawValue", "placeholder"}


def _strings(node: object, key: str = "") -> list[tuple[str, str]]:
    if isinstance(node, str):
        return [(key, node)]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k not in WIDGET_VALUES for s in _strings(v, k)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v, key)]
    return []


def _shown_markdown(at: AppTest) -> list[tuple[str, str]]:
    """Every string in the page's elements and blocks (labels, bodies, help, captions) but widget values."""
    from google.protobuf.json_format import MessageToDict

    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.extend(_strings(MessageToDict(proto)))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return found


def _leaks(at: AppTest) -> list[tuple[str, list[str]]]:
    """Each string that carries the payload and would make more than text of it."""
    carrying = [(k, s) for k, s in _shown_markdown(at) if MARKER in s]
    assert carrying
    return [(k, found) for k, s in carrying if (found := problems(s, OUR_MARKUP))]


def _shown(markdown: str) -> str:
    return as_seen(_rendered(markdown)[1])


@pytest.fixture
def nasty_generation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A failed generation with the payload in every field a person or a model writes."""
    from studio.bootstrap import open_context
    from studio.config import load_settings
    from studio.models import (
        Beat,
        Brief,
        Clip,
        ConsistencyContext,
        Generation,
        Message,
        ReferenceAnalysis,
        ReferenceImage,
        Scene,
        Story,
    )

    monkeypatch.setenv("STUDIO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("STUDIO_OFFLINE", "1")
    p = PAYLOAD
    analysis = ReferenceAnalysis(
        style=p, lighting=p, environment=p, product_features=p, character_description=p
    )
    gen = Generation(
        id="nasty00000001",
        brief=Brief(prompt=p, mode="interactive"),
        status="failed",
        stage="clips",
        story=Story(
            title=p, text=f"{p} and more", framework="AIDA", beats=[Beat(name=p, text=p)], voiceover=[p],
            call_to_action=p, critic_score=7.5, critique=p,
        ),
        references=[
            ReferenceImage(location="missing/ref.png", kind="product", source="generated", analysis=analysis)
        ],
        context=ConsistencyContext(
            character_appearance=p, product_features=p, color_palette=["#112233"], visual_style=p,
            environmental_context=p,
        ),
        scenes=[Scene(id=1, description=p, on_screen_text=p[:80], voiceover=p, duration_s=3, beat=p)],
        error=p,
    )  # fmt: skip
    store = open_context(load_settings(), with_runner=False).store
    store.create(gen)
    store.save_clip(gen.id, Clip(scene_id=1, status="failed", error=p))
    for role in ("user", "assistant"):
        store.add_message(gen.id, Message(role=role, stage="story", text=p))
    return gen.id


def test_the_studio_and_library_show_every_untrusted_field_as_text(nasty_generation: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["g"] = nasty_generation
    at.run()
    assert not at.exception
    shown = [_shown(s) for _, s in _shown_markdown(at)]
    assert sum(s.count(PAYLOAD) for s in shown) >= 10, shown  # shown, as text, in many places
    assert not _leaks(at)

    at.switch_page("app_pages/1_Library.py").run()
    assert not at.exception
    assert any(PAYLOAD in _shown(s) for _, s in _shown_markdown(at))
    assert not _leaks(at)
    at.text_input(key="lib_search").input("no such ad :red[x] ![y](http://127.0.0.1:9/s.png)").run()
    assert any("Nothing matches" in i.value for i in at.info)
    assert not _leaks(at)
