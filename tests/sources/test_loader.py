"""``iter_sources``: naming inputs, bad inputs as problems, stdin sniffing, idempotence."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from incidentdesk.model import SourceDocument, SourceProblem
from incidentdesk.sources import iter_sources
from tests.sources.samples import ENCYCLOPEDIA, TRUNCATED_HTML

REPORT = "Fire at the depot\n\nA fire broke out at the bus depot on Monday, officials said.\n"


def _record(text: str, **fields: str) -> str:
    return json.dumps({"text": text, **fields})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of good and bad inputs."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a_good.txt").write_text(REPORT, encoding="utf-8")
    (root / "sub" / "wiki.md").write_text(ENCYCLOPEDIA, encoding="utf-8")
    (root / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "c_empty.txt").write_text("  \n\n\t\n", encoding="utf-8")
    (root / "d_latin1.txt").write_bytes("Caf\xe9 bombing in Verinsk".encode("latin-1"))
    (root / "e_cut.html").write_text(TRUNCATED_HTML, encoding="utf-8")
    (root / "f_mixed.jsonl").write_text(
        _record("First report about the fire.", id="r1")
        + '\n{"text": "unterminated\n'
        + _record("Second report about the fire.")
        + "\n",
        encoding="utf-8",
    )
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / ".hidden.txt").write_text(REPORT, encoding="utf-8")
    (root / ".git" / "config.txt").write_text(REPORT, encoding="utf-8")
    return root


def test_folder_of_good_and_bad_inputs(folder: Path) -> None:
    results = list(iter_sources([str(folder)]))
    by_source = {
        r.source if isinstance(r, SourceProblem) else r.document.source: r for r in results
    }
    root = str(folder)
    assert list(by_source) == [
        f"{root}/a_good.txt",
        f"{root}/b_binary.txt",
        f"{root}/c_empty.txt",
        f"{root}/d_latin1.txt",
        f"{root}/e_cut.html",
        "r1",
        f"{root}/f_mixed.jsonl:2",
        f"{root}/f_mixed.jsonl:3",
        f"{root}/sub/wiki.md",
    ]
    reasons = {k: v.reason for k, v in by_source.items() if isinstance(v, SourceProblem)}
    assert reasons[f"{root}/b_binary.txt"] == "binary file, not text"
    assert reasons[f"{root}/c_empty.txt"] == "empty file"
    assert reasons[f"{root}/d_latin1.txt"].startswith("not valid UTF-8")
    assert "byte offset 3" in reasons[f"{root}/d_latin1.txt"]
    assert "no main text" in reasons[f"{root}/e_cut.html"]
    assert "malformed JSON" in reasons[f"{root}/f_mixed.jsonl:2"]
    wiki = by_source[f"{root}/sub/wiki.md"]
    assert isinstance(wiki, SourceDocument) and wiki.document.kind == "encyclopedia"


def test_unsupported_file_named_explicitly(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    [problem] = list(iter_sources([str(pdf)]))
    assert isinstance(problem, SourceProblem)
    assert problem.source == str(pdf) and "unsupported file type" in problem.reason


def test_names_that_match_nothing(tmp_path: Path) -> None:
    missing, pattern = str(tmp_path / "nope.txt"), str(tmp_path / "*.txt")
    results = list(iter_sources([missing, pattern, str(tmp_path)]))
    assert [r.source for r in results if isinstance(r, SourceProblem)] == [
        missing,
        pattern,
        str(tmp_path),
    ]


def test_glob_pattern(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "c.pdf"]:
        (tmp_path / name).write_text(REPORT + name, encoding="utf-8")
    results = list(iter_sources([str(tmp_path / "*")]))
    assert [r.document.source for r in results if isinstance(r, SourceDocument)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
    ]
    assert len(results) == 2  # the .pdf matched by the pattern is skipped silently


def test_file_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    [problem] = list(iter_sources([str(big)], max_bytes=2_000))
    assert isinstance(problem, SourceProblem)
    assert problem.reason.startswith("file too large (")
    assert "MB >" in problem.reason


def test_utf8_bom_is_accepted_and_utf16_is_reported(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(REPORT.encode("utf-16"))
    first, second = list(iter_sources([str(bom), str(utf16)]))
    assert isinstance(first, SourceDocument) and first.text.startswith("Fire at the depot")
    assert isinstance(second, SourceProblem) and "UTF-16" in second.reason


def test_same_file_twice_gives_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(REPORT, encoding="utf-8")
    docs = [r for r in iter_sources([str(path), str(path), str(copy)])]
    assert all(isinstance(d, SourceDocument) for d in docs)
    assert len({d.document.id for d in docs if isinstance(d, SourceDocument)}) == 1


@pytest.mark.parametrize(
    ("stdin", "kind"),
    [
        (_record("A report sent as JSON.", kind="official") + "\n", "official"),
        ("Just a plain report from a reader.\n", "other"),
    ],
)
def test_stdin_is_sniffed(stdin: str, kind: str) -> None:
    [doc] = list(iter_sources(["-"], stdin=io.StringIO(stdin)))
    assert isinstance(doc, SourceDocument)
    assert doc.document.kind == kind
    assert doc.document.source in {"<stdin>", "<stdin>:1"}


def test_stdin_html_goes_to_the_html_reader() -> None:
    [problem] = list(iter_sources(["-"], stdin=io.StringIO(TRUNCATED_HTML)))
    assert isinstance(problem, SourceProblem)
    assert problem.source == "<stdin>" and "HTML" in problem.reason


def test_stdin_bytes_are_checked() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"bad \xff byte"), encoding="utf-8")
    [problem] = list(iter_sources(["-"], stdin=stream))
    assert isinstance(problem, SourceProblem)
    assert problem.source == "<stdin>" and "byte offset 4" in problem.reason


def test_stdin_too_large() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"x" * 5_000), encoding="utf-8")
    [problem] = list(iter_sources(["-"], stdin=stream, max_bytes=1_000))
    assert isinstance(problem, SourceProblem) and "too large" in problem.reason
