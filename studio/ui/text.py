"""Text from people and models, shown as text: nothing in it becomes a link, an image, markup or a request.

Streamlit renders `st.markdown`, captions, labels, tooltips and alerts as GitHub-flavoured Markdown with
directives (`:red[...]`, `:material/...:`), emoji shortcodes and `$math$`. A brief or a model's answer that
holds `![x](http://host/leak.png)` would make every viewer's browser fetch from that host. `plain()` turns
such text into Markdown that shows the same characters and nothing else, so our own formatting (bold
labels, headings) can wrap it.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
"""Invisible and zero-width; splits what no backslash can (autolinked URLs, `:shortcodes:`)."""

# Backslash escapes work on every ASCII punctuation character; escape only the ones that start markup.
_ANYWHERE = re.compile(r"([\\`*_\[\]<|~$])")
_LINE_START = re.compile(r"^([#>+\-=:])")  # headings, quotes, bullets, underlines, :::directives
_ORDERED = re.compile(r"^(\d+)([.)])")  # "1. " and "1) " start a list
_ENTITY = re.compile(r"&(?=#?\w+;)")  # &amp; &#60; would be decoded
# A colon that would start a directive (:red[...]), an icon (:material/x:), an emoji (:smile:) or
# a URL's "://"; GFM links bare URLs, "www." and e-mail addresses after parsing, past any escape.
_COLON = re.compile(r":(?=/|[A-Za-z]|[\w+-]+:)")
_WWW = re.compile(r"(?i)(?=www\.)")
_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")


def _line(line: str) -> str:
    line = line.strip(" \t")  # four spaces would start a code block; HTML collapses them anyway
    line = _ANYWHERE.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _LINE_START.sub(r"\\\1", line)
    line = _ORDERED.sub(r"\1\\\2", line)
    line = _COLON.sub(":" + WORD_JOINER, line)
    line = _WWW.sub(WORD_JOINER, line)
    return _AT.sub(WORD_JOINER + "@", line)


def plain(text: object) -> str:
    """Markdown that shows `text` literally: no links, images, HTML, directives, emoji codes or math.

    Line breaks stay line breaks and blank lines stay paragraph breaks; runs of spaces collapse as
    they do in any web page. The only added characters are invisible word joiners (U+2060).
    """
    # Stripped, so that `**{plain(title)}**` stays bold whatever spaces the title carries.
    lines = str(text).strip().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "  \n".join(_line(line) for line in lines)
