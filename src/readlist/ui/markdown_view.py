"""Untrusted Markdown (list descriptions, notes) rendered safely in a QTextBrowser.

Python-Markdown turns the text into HTML, nh3 (a real sanitiser) keeps only harmless tags
and http(s)/mailto links, and `loadResource` refuses everything but inline `data:` images, so
rendering never touches the network. A clicked link opens in the default browser only if
it is http or https.
"""

from __future__ import annotations

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


def render_markdown(text: str) -> str:
    """Markdown → sanitised HTML fragment."""
    html = markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRS,
                     url_schemes={"http", "https", "mailto", "data"}, link_rel=None)


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
