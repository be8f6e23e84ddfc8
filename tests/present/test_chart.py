"""The casualty chart: every killed/injured report as a point, rendered offline, safe to inline."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentdesk.model import Incident, Record
from incidentdesk.present import to_html
from incidentdesk.present.chart import (
    casualty_chart_svg,
    chart_rows,
    chart_spec,
    sanitize_svg,
    save_chart,
)

from .conftest import HOSTILE_TITLE, NEWS_ID


def _hostile(record: Record) -> Record:
    """The test record with a hostile publisher name as well as a hostile title."""
    docs = [
        d.model_copy(update={"publisher": HOSTILE_TITLE}) if d.id == NEWS_ID else d
        for d in record.documents
    ]
    return record.model_copy(update={"documents": docs})


def test_no_chart_without_killed_or_injured_reports(record: Record) -> None:
    incident = record.incidents[0]
    assert casualty_chart_svg(incident.model_copy(update={"figures": []})) is None
    detained = [f.model_copy(update={"kind": "detained"}) for f in incident.figures]
    assert casualty_chart_svg(incident.model_copy(update={"figures": detained})) is None


def test_every_killed_and_injured_report_is_a_point(record: Record) -> None:
    incident = record.incidents[0]
    rows, undated = chart_rows(incident, record.documents)
    assert undated == 0
    assert len(rows) == len(incident.figures) == 3
    assert {(r["kind"], r["value"], r["qualifier"]) for r in rows} == {
        ("killed", 5, "at least"),
        ("killed", 7, "exact"),
        ("injured", 14, "exact"),
    }
    assert {r["source"] for r in rows} == {"Saldor Tide", "Port Saldor Police"}
    svg = casualty_chart_svg(incident, record.documents)
    assert svg is not None
    tags = [t for t in re.findall(r"<path\b[^>]*>", svg) if 'role="graphics-symbol"' in t]
    points = [m for t in tags for m in re.findall(r'aria-label="([^"]*qualifier:[^"]*)"', t)]
    assert len(points) == 3
    assert any(
        "qualifier: at least" in m and "port authority &gt; fire service" in m for m in points
    )


def test_undated_reports_are_counted_not_plotted(record: Record) -> None:
    incident = record.incidents[0]
    figures = [incident.figures[0].model_copy(update={"reported_at": None}), *incident.figures[1:]]
    rows, undated = chart_rows(incident.model_copy(update={"figures": figures}))
    assert (len(rows), undated) == (2, 1)
    spec = chart_spec(incident.model_copy(update={"figures": figures}))
    assert spec is not None and "1 report(s) without a report time" in str(spec["title"])
    assert rows[0]["source"].startswith("document ")  # no documents given: named by id


def test_the_svg_is_safe_to_inline(record: Record) -> None:
    hostile = _hostile(record)
    svg = casualty_chart_svg(hostile.incidents[0], hostile.documents)
    assert svg is not None and svg.startswith("<svg")
    assert HOSTILE_TITLE not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script" not in svg.lower()
    assert not re.search(r"<(foreignObject|image|a|use|iframe|style)\b", svg)
    assert not re.search(r"\s(on\w+|href|xlink:href|src)\s*=", svg, re.IGNORECASE)
    page = to_html(hostile, chart_svgs={hostile.incidents[0].id: svg})
    assert '<figure class="chart">' in page and "<svg" in page
    assert "<script" not in page.lower()


def test_sanitize_keeps_drawing_and_drops_everything_active() -> None:
    dirty = textwrap.dedent(
        """\
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
             onload="alert(1)" width="10" height="10">
          <script>alert(2)</script>
          <foreignObject><div>x</div></foreignObject>
          <a xlink:href="javascript:alert(3)"><text>link</text></a>
          <g clip-path="url(#clip1)" style="fill: url(https://example.invalid/x)">
            <path d="M0,0h5v5z" fill="url(https://example.invalid/y)" stroke="#000"
                  role="graphics-symbol" aria-label="value: 3"/>
            <text x="1" y="9">a &lt;b&gt; label</text>
          </g>
        </svg>
        """
    )
    clean = sanitize_svg(dirty)
    assert clean.startswith("<svg")
    for bad in ("onload", "script", "foreignObject", "javascript", "href", "example.invalid"):
        assert bad not in clean
    assert 'clip-path="url(#clip1)"' in clean
    assert 'd="M0,0h5v5z"' in clean and 'stroke="#000"' in clean
    assert "a &lt;b&gt; label" in clean
    assert "<title>value: 3</title>" in clean  # hover tooltip in a plain SVG
    with pytest.raises(ValueError):
        sanitize_svg('<html xmlns="http://www.w3.org/1999/xhtml"/>')


def test_save_chart_writes_svg_and_png(record: Record, tmp_path: Path) -> None:
    incident = record.incidents[0]
    svg_path = save_chart(incident, tmp_path / "chart.svg", record.documents)
    assert svg_path is not None and svg_path.read_text(encoding="utf-8").startswith("<svg")
    png_path = save_chart(incident, tmp_path / "chart.png", record.documents)
    assert png_path is not None and png_path.read_bytes().startswith(b"\x89PNG")
    with pytest.raises(ValueError):
        save_chart(incident, tmp_path / "chart.gif")
    assert save_chart(incident.model_copy(update={"figures": []}), tmp_path / "none.svg") is None


def _offline_prefix() -> list[str] | None:
    """``unshare -rn`` (a new user and network namespace with no interfaces), if permitted."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
    return [unshare, "-rn"] if probe.returncode == 0 else None


def test_renders_without_a_network(record: Record, tmp_path: Path) -> None:
    prefix = _offline_prefix()
    if prefix is None:
        pytest.skip("cannot drop the network here (unshare -rn not permitted)")
    data = tmp_path / "incident.json"
    data.write_text(record.incidents[0].model_dump_json(), encoding="utf-8")
    script = (
        "import sys\n"
        "from incidentdesk.model import Incident\n"
        "from incidentdesk.present.chart import casualty_chart_svg\n"
        "incident = Incident.model_validate_json(open(sys.argv[1], encoding='utf-8').read())\n"
        "svg = casualty_chart_svg(incident)\n"
        "assert svg is not None and svg.startswith('<svg'), svg\n"
        "print('ok', len(svg))\n"
    )
    done = subprocess.run(
        [*prefix, sys.executable, "-c", script, str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")


@pytest.mark.slow
def test_report_html_embeds_the_chart(tmp_path: Path) -> None:
    from incidentdesk.cli import app

    report = tmp_path / "brannock.txt"
    report.write_text(
        "Title: Gunman kills 6 at Brannock library\n"
        "Publisher: Brannock Herald\n"
        "Published: 2042-02-11T19:30:00+01:00\n"
        "Kind: news\n\n"
        "BRANNOCK, 11 February 2042 — A gunman killed 6 people and wounded 9 at the Brannock "
        "city library on Tuesday afternoon, police said.\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(report), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<figure class="chart">' in page and "<svg" in page
    assert "<script" not in page.lower()


def test_chart_for_an_incident_from_json(record: Record) -> None:
    """The web app hands over an ``Incident`` only: the chart still renders."""
    incident = Incident.model_validate_json(record.incidents[0].model_dump_json())
    svg = casualty_chart_svg(incident)
    assert svg is not None and "document " in svg
