"""Expand what the user named (files, folders, glob patterns, ``-``) into inputs to read.

Folders are walked recursively in path order; hidden files and folders and files of other types
are skipped there. A file of another type named explicitly, or a name that matches nothing, is a
``SourceProblem``.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from incidentdesk.model import SourceProblem

SUPPORTED = (".txt", ".md", ".html", ".htm", ".jsonl")
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Input:
    """One thing to read: ``name`` is the path as given (or joined to the folder given)."""

    name: str
    path: Path | None  # None for standard input

    @property
    def suffix(self) -> str:
        """The lower-case extension (``""`` for stdin)."""
        return self.path.suffix.lower() if self.path is not None else ""


def _supported(name: str) -> bool:
    return Path(name).suffix.lower() in SUPPORTED


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: str) -> Iterator[Input | SourceProblem]:
    found: list[tuple[tuple[str, ...], str]] = []
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in files:
            if not _hidden(name) and _supported(name):
                full = os.path.join(root, name)
                found.append((Path(os.path.relpath(full, folder)).parts, full))
    for error in errors:
        yield SourceProblem(
            source=str(error.filename or folder), reason=f"cannot read folder: {error.strerror}"
        )
    if not found and not errors:
        yield SourceProblem(
            source=folder, reason=f"no supported files ({', '.join(SUPPORTED)}) in this folder"
        )
    for _, full in sorted(found):
        yield Input(full, Path(full))


def _glob(pattern: str) -> Iterator[Input | SourceProblem]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield SourceProblem(source=pattern, reason="no file or folder matches this pattern")
        return
    produced = False
    for match in matches:
        if os.path.isdir(match):
            produced = True
            yield from _walk(match)
        elif _supported(match):
            produced = True
            yield Input(match, Path(match))
    if not produced:
        yield SourceProblem(
            source=pattern, reason=f"no supported files ({', '.join(SUPPORTED)}) match this pattern"
        )


def expand_paths(paths: Sequence[str]) -> Iterator[Input | SourceProblem]:
    """Every input named by ``paths``, in the order given, or a problem for a bad name."""
    for given in paths:
        if given == STDIN:
            yield Input(STDIN_NAME, None)
        elif os.path.isdir(given):
            yield from _walk(given)
        elif os.path.isfile(given):
            if _supported(given):
                yield Input(given, Path(given))
            else:
                suffix = Path(given).suffix or "no extension"
                yield SourceProblem(
                    source=given,
                    reason=f"unsupported file type ({suffix}); expected one of "
                    + ", ".join(SUPPORTED),
                )
        elif glob.has_magic(given):
            yield from _glob(given)
        elif os.path.lexists(given):
            yield SourceProblem(source=given, reason="not a regular file or folder")
        else:
            yield SourceProblem(source=given, reason="no such file or folder")
