"""Text a person or a model might send that Markdown would turn into something else."""

from __future__ import annotations

import re

from studio.ui.text import WORD_JOINER

LEAK = "http://127.0.0.1:{port}"

NASTY = [
    "![x]({leak}/leak.png) and [y]({leak}/link)",
    "[click](javascript:alert(1)) [ref][1]\n\n[1]: {leak}/ref.png",
    '<img src="{leak}/img.png"> <script>alert(1)</script> <b>bold?</b>',
    "autolink <{leak}/auto> and <mail@example.com>",
    "bare {leak}/bare and https://example.com/x?a=1&b=2 and www.example.com/page",
    "mail me: ana.b+ads@example.co.uk",
    "&amp; &lt;b&gt; &#169; &copy; AT&T & co",
    "back\\slash \\*not\\* \\[bracket\\] C:\\Users\\ana\\ end\\",
    "snake_case_words __dunder__ _under_ *star* **bold** ~strike~ ~~gone~~ `code` ```fence```",
    "# heading?\n## and this\n> a quote\n- a bullet\n+ another\n* a third\n1. first\n2) second\n---\n===",
    "    four spaces would be code\n\ttab too",
    "cost: $5 to $10, or $x^2$ and $$E=mc^2$$",
    ":smile: :red[red?] :blue-background[bg] :material/home: :streamlit: 10:30 a:b:c",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "- [ ] task\n- [x] done",
    "footnote[^1]\n\n[^1]: note {leak}/fn",
    "Emoji 🎬☕🔥 and ZWJ 👩‍💻 stay",
    "عرض خاص: قهوة باردة لكل صباح",
    "冷萃咖啡，专为忙碌的早晨打造！",
    "Mixed עברית and English (with parens) — dashes – and “quotes” 'single'",
    "line one\nline two\n\nnew paragraph   with   spaces",
    "trailing spaces  \nhard break? and a lone \\",
    "<!-- comment --> <?php echo 1; ?> <![CDATA[x]]>",
    "{leak} javascript:alert(1) data:text/html,<b>x</b> file:///etc/passwd",
    "100% off!!! *** ___ +++",
    ":::note\ncontainer directive\n:::\n::leaf[x]{#id}",
]
"""Each a template: `{leak}` is the address of a loopback server that records any request."""


def sample(template: str, port: int = 9) -> str:
    """One nasty text, pointing at the recording server on `port`."""
    return template.replace("{leak}", LEAK.format(port=port))


def as_seen(text: str) -> str:
    """What a reader sees: word joiners are invisible and runs of whitespace read as one space."""
    return re.sub(r"\s+", " ", text.replace(WORD_JOINER, "")).strip()
