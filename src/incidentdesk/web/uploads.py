"""Adding reports over HTTP: pasted text and uploaded files go through the normal ingest.

Uploads are written to a fresh temporary folder under names we make up (``upload-001.txt``):
the client's file name is never used as a path, only shown (cleaned) as the document's source.
Then the same readers and pipeline as ``incidentdesk ingest`` run, so bad input becomes a named
problem, never an error page. One upload is ingested at a time (spaCy is heavy on a small machine).
"""

from __future__ import annotations

import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.pipeline import IngestResult, ingest
from incidentdesk.sources import iter_sources
from incidentdesk.store import Store
from incidentdesk.web.config import UPLOAD_SUFFIXES

_INGEST_LOCK = threading.Lock()
_NAME_CHARS = re.compile(r"[^\w .,()+-]+")
MAX_NAME = 120


class UnsupportedType(ValueError):
    """An upload whose name does not end in one of ``UPLOAD_SUFFIXES``."""


@dataclass(frozen=True)
class Upload:
    """One piece of input: what the client called it, and its bytes."""

    name: str
    data: bytes


def display_name(name: str, fallback: str) -> str:
    """The client's file name reduced to a harmless label: last path part, plain characters."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFKC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = _NAME_CHARS.sub("_", base).strip(" .")
    return base[:MAX_NAME] or fallback


def suffix_of(name: str) -> str:
    """The lower-case suffix of an upload's name; ``UnsupportedType`` unless it is accepted."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        shown = suffix or "no extension"
        raise UnsupportedType(
            f"{display_name(name, 'file')}: unsupported file type ({shown}); "
            f"accepted: {', '.join(UPLOAD_SUFFIXES)}"
        )
    return suffix


def _relabel(
    item: SourceDocument | SourceProblem, names: dict[str, str]
) -> SourceDocument | SourceProblem:
    """Replace our temporary path in a source with the label the client gave."""

    def fix(source: str) -> str:
        for path, label in names.items():
            if source == path or source.startswith(path + ":"):
                return label + source[len(path) :]
        return source

    if isinstance(item, SourceProblem):
        return item.model_copy(update={"source": fix(item.source)})
    doc = item.document.model_copy(update={"source": fix(item.document.source)})
    return item.model_copy(update={"document": doc})


def add_uploads(store: Store, uploads: list[Upload], max_bytes: int) -> IngestResult:
    """Ingest ``uploads`` (names already checked with ``suffix_of``) into ``store``."""
    with tempfile.TemporaryDirectory(prefix="incidentdesk-upload-") as tmp:
        names: dict[str, str] = {}
        paths: list[str] = []
        for n, upload in enumerate(uploads, start=1):
            path = Path(tmp) / f"upload-{n:03d}{suffix_of(upload.name)}"
            path.write_bytes(upload.data)
            names[str(path)] = "upload:" + display_name(upload.name, f"upload-{n}")
            paths.append(str(path))
        items = [_relabel(item, names) for item in iter_sources(paths, max_bytes=max_bytes)]
        with _INGEST_LOCK:
            return ingest(store, items)
