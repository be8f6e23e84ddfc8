"""The HTML reader: main text with trafilatura, metadata from the page, date with htmldate.

The stored text is the page title as the first line, then the main text as plain paragraphs
separated by blank lines (comments and tables left out). A page from which no main text can be
extracted (a truncated or broken page, an empty shell) is a ``SourceProblem``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from incidentdesk.model import DocumentKind, SourceDocument, SourceProblem
from incidentdesk.sources.dates import normalise_published
from incidentdesk.sources.document import Metadata
from incidentdesk.sources.text import read_text

_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_PUBLISHED_NAMES = {
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "sailthru.date",
}
_MIN_CHARS = 100
_MIN_TRUNCATED_CHARS = 250
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')


def _meta_tags(html: str) -> list[dict[str, str]]:
    tags: list[dict[str, str]] = []
    for tag in _META_TAG.findall(html):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}
        tags.append(attrs)
    return tags


def stated_published(html: str) -> str | None:
    """A full publication timestamp from meta tags or JSON-LD, keeping its time and offset."""
    candidates: list[str] = []
    for attrs in _meta_tags(html):
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if name in _PUBLISHED_NAMES and attrs.get("content"):
            candidates.append(attrs["content"])
    candidates.extend(_JSON_LD_PUBLISHED.findall(html))
    for candidate in candidates:
        try:
            return normalise_published(candidate)
        except ValueError:
            continue
    return None


def _paragraphs(extracted: str) -> str:
    return "\n\n".join(line.strip() for line in extracted.split("\n") if line.strip())


def _truncated(html: str) -> bool:
    lower = html.lower()
    return "</html>" not in lower and "</body>" not in lower


def _no_text_reason(html: str, found: int) -> str | None:
    """Why the extracted text is not a main text, or ``None`` when it is one.

    Under ``_MIN_CHARS`` characters is navigation or debris, not an article; a page that looks
    truncated must yield at least ``_MIN_TRUNCATED_CHARS`` (trafilatura's own minimum).
    """
    truncated = _truncated(html)
    if found >= _MIN_TRUNCATED_CHARS or (found >= _MIN_CHARS and not truncated):
        return None
    reason = "no main text could be extracted from the HTML page"
    if found:
        reason += f" (only {found} characters of text)"
    if truncated:
        return reason + "; it looks truncated: no closing </body> or </html> tag"
    return reason + "; it may be broken, empty or only navigation"


def _page_metadata(html: str, url: str | None) -> Metadata:
    import trafilatura
    from htmldate import find_date

    meta: Any = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    published = stated_published(html)
    if published is None:
        found = find_date(html, extensive_search=False, original_date=True, url=url)
        published = found if isinstance(found, str) else None
    sitename = getattr(meta, "sitename", None) if meta is not None else None
    kind: DocumentKind | None = (
        "encyclopedia" if sitename and "wikipedia" in sitename.lower() else None
    )
    return Metadata(
        title=getattr(meta, "title", None) or None,
        kind=kind,
        publisher=sitename or None,
        author=getattr(meta, "author", None) or None,
        published=published,
        url=getattr(meta, "url", None) or url,
    )


def read_html(
    html: str, source: str, known: Metadata | None = None
) -> SourceDocument | SourceProblem:
    """Read an HTML page; ``known`` metadata (e.g. from a JSON record) wins over the page's."""
    known = known or Metadata()
    try:
        import trafilatura
    except ImportError as exc:  # a broken installation, not bad input: say so per document
        return SourceProblem(
            source=source, reason=f"cannot read HTML: trafilatura unusable ({exc})"
        )
    try:
        extracted = trafilatura.extract(
            html,
            url=known.url,
            include_comments=False,
            include_tables=False,
            output_format="txt",
            deduplicate=False,
        )
        meta = _page_metadata(html, known.url).overlay(known)
    except (ValueError, TypeError, AttributeError, LookupError, json.JSONDecodeError) as exc:
        return SourceProblem(source=source, reason=f"could not parse the HTML page: {exc}")
    text = _paragraphs(extracted) if isinstance(extracted, str) else ""
    reason = _no_text_reason(html, len(text))
    if reason is not None:
        return SourceProblem(source=source, reason=reason)
    if meta.title and not text.startswith(meta.title):
        text = f"{meta.title}\n\n{text}"
    return read_text(text, source, known=meta, dated_is_news=True)
