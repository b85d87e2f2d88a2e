"""Untrusted Markdown (list descriptions, notes) rendered safely in a QTextBrowser.

Python-Markdown turns the text into HTML, nh3 (a real sanitiser) keeps only harmless tags
and http(s)/mailto links, drops every relative URL (a path like /dev/zero or a UNC share:
Qt would read them as local files) and every image source but inline `data:`;
`loadResource` refuses the same, so rendering never touches the disk or the network. A
clicked link opens in the default browser only if it is http or https.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

_TAGS = {"p", "br", "hr", "a", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul",
         "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th",
         "td", "del", "sup", "sub", "img"}
_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"},
          "td": {"align"}}
_EXTENSIONS = ["extra", "sane_lists", "nl2br"]
#: An image whose source was dropped (Qt would still try to open a file for it).
_SOURCELESS_IMG = re.compile(r'<img\b(?![^>]*\ssrc=)(?:[^>]*?\salt="([^"]*)")?[^>]*>')


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.lower().startswith("data:"):
        return None
    return value


def render_markdown(text: str) -> str:
    """Markdown → sanitised HTML fragment."""
    rendered = markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")
    clean = nh3.clean(rendered, tags=_TAGS, attributes=_ATTRS, attribute_filter=_keep_attribute,
                      url_schemes={"http", "https", "mailto", "data"}, url_relative="deny",
                      link_rel=None)
    return _SOURCELESS_IMG.sub(lambda m: m.group(1) or "", clean)  # its alt text, already escaped


def plain_tooltip(text: str) -> str:
    """A tooltip showing `text` literally: Qt renders a tooltip that looks like HTML as HTML,
    so a list's title could otherwise paint whatever it likes."""
    if "<" not in text and "&" not in text:
        return text  # nothing Qt could take for markup
    return f"<p style='white-space: pre-wrap'>{html.escape(text)}</p>"


def is_web_url(url: QUrl | str) -> bool:
    scheme = (url.scheme() if isinstance(url, QUrl) else QUrl(url).scheme()).lower()
    return scheme in ("http", "https")


def open_web_url(url: QUrl | str) -> bool:
    """Open an http(s) link in the default browser; refuse every other scheme."""
    qurl = url if isinstance(url, QUrl) else QUrl(url)
    if not is_web_url(qurl):
        return False
    return bool(QDesktopServices.openUrl(qurl))


class MarkdownView(QTextBrowser):
    """A read-only, network-free rendering of Markdown text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_self_anchor_clicked)
        self._source = ""

    def set_markdown_text(self, text: str, empty: str = "") -> None:
        self._source = text
        if text.strip():
            self.setHtml(render_markdown(text))
        else:
            self.setHtml(f"<p style='color: gray'><i>{empty}</i></p>" if empty else "")

    def markdown_text(self) -> str:
        return self._source

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        url = name if isinstance(name, QUrl) else QUrl(name)
        if url.scheme().lower() == "data":
            return super().loadResource(kind, name)
        return None

    def _on_self_anchor_clicked(self, url: QUrl) -> None:
        open_web_url(url)
