"""``iter_sources``: read every named input into documents, reporting bad inputs as problems."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import TextIO

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.sources.decoding import UnreadableText, check_text, decode_text, too_large
from incidentdesk.sources.htmlpage import read_html
from incidentdesk.sources.jsonl import read_jsonl
from incidentdesk.sources.paths import Input, expand_paths
from incidentdesk.sources.text import read_text

Item = SourceDocument | SourceProblem
_CHUNK = 1 << 20
_HTML = {".html", ".htm"}


def _dispatch(text: str, name: str, suffix: str) -> Iterator[Item]:
    """Hand decoded text to the reader for its type.

    Standard input (no suffix) is sniffed: JSON Lines if it starts with ``{``, HTML if with
    ``<``, else plain text. A ``.txt``/``.md`` file that is really an HTML page (it starts with
    a doctype or ``<html>``) is read as HTML.
    """
    head = text.lstrip()[:20].lower()
    if suffix == ".jsonl" or (not suffix and head.startswith("{")):
        yield from read_jsonl(text, name)
    elif (
        suffix in _HTML
        or (not suffix and head.startswith("<"))
        or head.startswith(("<!doctype html", "<html"))
    ):
        yield read_html(text, name)
    else:
        yield read_text(text, name)


def _read_file(item: Input, max_bytes: int) -> Iterator[Item]:
    assert item.path is not None
    try:
        size = item.path.stat().st_size
        if size > max_bytes:
            yield SourceProblem(source=item.name, reason=too_large(size, max_bytes))
            return
        data = item.path.read_bytes()
    except OSError as exc:
        yield SourceProblem(source=item.name, reason=f"cannot read file: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:  # grew since stat
        yield SourceProblem(source=item.name, reason=too_large(len(data), max_bytes))
        return
    try:
        text = decode_text(data)
    except UnreadableText as exc:
        yield SourceProblem(source=item.name, reason=str(exc))
        return
    yield from _dispatch(text, item.name, item.suffix)


def _read_stdin(stream: TextIO | None, name: str, max_bytes: int) -> Iterator[Item]:
    if stream is None:
        yield SourceProblem(source=name, reason="no standard input to read")
        return
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            data: bytes = buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                size = len(data) + sum(
                    len(chunk) for chunk in iter(lambda: buffer.read(_CHUNK), b"")
                )
                yield SourceProblem(source=name, reason=too_large(size, max_bytes))
                return
            text = decode_text(data)
        else:
            raw = stream.read()
            size = len(raw.encode("utf-8", errors="surrogateescape"))
            if size > max_bytes:
                yield SourceProblem(source=name, reason=too_large(size, max_bytes))
                return
            text = check_text(raw)
    except UnreadableText as exc:
        yield SourceProblem(source=name, reason=str(exc))
        return
    except UnicodeDecodeError as exc:
        yield SourceProblem(
            source=name, reason=f"not valid UTF-8: {exc.reason} at byte {exc.start}"
        )
        return
    except OSError as exc:
        yield SourceProblem(source=name, reason=f"cannot read standard input: {exc}")
        return
    yield from _dispatch(text, name, "")


def iter_sources(
    paths: Sequence[str], stdin: TextIO | None = None, max_bytes: int = 20_000_000
) -> Iterator[SourceDocument | SourceProblem]:
    """Read files, folders (recursively, in path order), glob patterns and ``-`` (stdin).

    Yields a ``SourceDocument`` for each document read (a JSON Lines file gives one per line)
    and a ``SourceProblem`` for each input that cannot be read, with the reason in words.
    It never raises for bad input.
    """
    for item in expand_paths(paths):
        if isinstance(item, SourceProblem):
            yield item
        elif item.path is None:
            yield from _guarded(
                _read_stdin(sys.stdin if stdin is None else stdin, item.name, max_bytes), item.name
            )
        else:
            yield from _guarded(_read_file(item, max_bytes), item.name)


def _guarded(items: Iterator[Item], name: str) -> Iterator[Item]:
    """Turn an unexpected error while reading one input into a problem for that input, so one
    odd file cannot stop a batch (the message keeps the error's type for a bug report)."""
    try:
        yield from items
    except Exception as exc:
        yield SourceProblem(
            source=name, reason=f"could not be read (unexpected {type(exc).__name__}: {exc})"
        )
