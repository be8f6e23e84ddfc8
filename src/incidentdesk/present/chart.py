"""The casualty chart: every killed and injured report against its report time.

Each report in ``Incident.figures`` of kind ``killed`` or ``injured`` is one point: x is the
report time (UTC), y the value, colour the source (publisher, else title, of the reporting
document), shape killed vs injured; sub-figures (children, identified ...) are drawn faint so that
they are visibly not totals. A dashed rule marks the best current figure of each kind. The
tooltip (and an SVG ``<title>``) gives qualifier, scope, attribution and hedging.

The chart is an Altair (Vega-Lite) spec rendered by vl-convert, which bundles Vega and its fonts:
nothing is fetched, so it works without a network. The SVG is then sanitised (an allow-list of
elements, no event handlers, no links, no external references), because source titles are
hostile input and the page inlines the SVG as markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from incidentdesk.model import Document, FigureReport, Incident
from incidentdesk.resolve.figures import ReportTime, is_total, parse_report_time

KINDS = ("killed", "injured")
WIDTH = 560
HEIGHT = 260
LABEL_LIMIT = 48
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ALLOWED_TAGS = frozenset(
    {
        "svg", "g", "path", "line", "rect", "circle", "ellipse", "polygon", "polyline",
        "text", "tspan", "title", "desc", "defs", "clipPath", "linearGradient", "radialGradient",
        "stop",
    }
)  # fmt: skip
_LOCAL_URL = re.compile(r"url\(\s*#[\w.-]+\s*\)")
_UNSAFE_VALUE = re.compile(r"url\(|javascript:|data:|expression\(|@import", re.IGNORECASE)

ET.register_namespace("xlink", XLINK_NS)  # the standard prefix, should an xlink attribute remain


# --------------------------------------------------------------------------- data


def _label(text: str) -> str:
    """A legend-sized, single-line label."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= LABEL_LIMIT else one_line[: LABEL_LIMIT - 1] + "…"


def source_labels(documents: Iterable[Document] | None) -> dict[str, str]:
    """Document id -> who published it: the publisher, else the title, else the source name."""
    labels: dict[str, str] = {}
    for d in documents or ():
        name = d.publisher or d.title or Path(d.source).name or d.id[:8]
        labels[d.id] = _label(name)
    return labels


_TIME_LABEL = {"minute": "%d %b %Y %H:%M UTC", "day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


def _time_label(when: ReportTime) -> str:
    """The report time for the axis: UTC when a zone was stated, else as stated."""
    label = when.instant.strftime(_TIME_LABEL[when.precision])
    if when.precision == "minute" and not when.zoned:
        label = label.replace(" UTC", " (zone not stated)")
    return label


def _row(report: FigureReport, labels: dict[str, str]) -> dict[str, Any] | None:
    """One chart point, or None when the report has no usable report time."""
    when = parse_report_time(report.reported_at)
    if when is None or report.reported_at is None:
        return None
    inferred = " (inferred)" if report.reported_at_inferred else ""
    return {
        "reported": when.instant.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "when": _time_label(when) + inferred,
        "reported_as": report.reported_at + inferred,
        "value": report.value,
        "kind": report.kind,
        "figure": "total" if is_total(report) else "sub-figure",
        "scope": report.scope,
        "qualifier": report.qualifier,
        "source": labels.get(report.document) or f"document {report.document[:8]}",
        "attributed_to": _label(" > ".join(report.attributed_to)) or "(the document itself)",
        "hedged": "yes" if report.hedged else "no",
    }


def chart_rows(
    incident: Incident, documents: Iterable[Document] | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The points of the chart, and how many killed/injured reports had no report time."""
    labels = source_labels(documents)
    rows: list[dict[str, Any]] = []
    undated = 0
    for report in incident.figures:
        if report.kind not in KINDS:
            continue
        row = _row(report, labels)
        if row is None:
            undated += 1
        else:
            rows.append(row)
    return rows, undated


def _best_rows(incident: Incident) -> list[dict[str, Any]]:
    """The best current figure of each kind, for the dashed rules."""
    rows = []
    for kind in KINDS:
        figure = incident.killed if kind == "killed" else incident.injured
        if figure is not None:
            qualifier = "" if figure.qualifier == "exact" else f"{figure.qualifier} "
            rows.append(
                {"kind": kind, "value": figure.value, "label": f"{kind}: {qualifier}{figure.value}"}
            )
    return rows


# --------------------------------------------------------------------------- spec


def chart_spec(
    incident: Incident, documents: Iterable[Document] | None = None
) -> dict[str, Any] | None:
    """The Vega-Lite spec of the casualty chart, or None when there is nothing to plot."""
    import altair as alt

    rows, undated = chart_rows(incident, documents)
    if not rows:
        return None
    subtitle = "in report-time order; faint points are sub-figures, dashed lines the best figures"
    if undated:
        subtitle += f"; {undated} report(s) without a report time not shown"
    many = len({r["source"] for r in rows}) > 10
    kind_scale = alt.Scale(domain=list(KINDS), range=["circle", "triangle-up"])
    points = (
        alt.Chart({"values": rows})
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X(
                "when:O",
                title="report time",
                sort=alt.EncodingSortField(field="reported", op="min"),
                axis=alt.Axis(labelAngle=-35, labelLimit=180),
            ),
            y=alt.Y("value:Q", title="people", scale=alt.Scale(zero=True)),
            color=alt.Color(
                "source:N",
                title="source",
                scale=alt.Scale(scheme="tableau20" if many else "tableau10"),
            ),
            shape=alt.Shape("kind:N", title="figure", scale=kind_scale),
            opacity=alt.Opacity(
                "figure:N",
                title="scope",
                scale=alt.Scale(domain=["total", "sub-figure"], range=[0.95, 0.3]),
            ),
            tooltip=[
                alt.Tooltip("kind:N", title="kind"),
                alt.Tooltip("value:Q", title="value"),
                alt.Tooltip("qualifier:N", title="qualifier"),
                alt.Tooltip("scope:N", title="scope"),
                alt.Tooltip("source:N", title="source"),
                alt.Tooltip("attributed_to:N", title="according to"),
                alt.Tooltip("hedged:N", title="hedged"),
                alt.Tooltip("reported_as:N", title="reported at"),
            ],
        )
    )
    layers: list[Any] = [points]
    best = _best_rows(incident)
    if best:
        base = alt.Chart({"values": best})
        rules = base.mark_rule(strokeDash=[4, 4], color="#777").encode(y="value:Q")
        labels = base.mark_text(align="left", dy=-6, color="#555").encode(
            y="value:Q", x=alt.value(4), text="label:N"
        )
        layers += [rules, labels]
    title = alt.TitleParams(text="Casualty figures as reported", subtitle=subtitle, anchor="start")
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT, title=title)
    spec: dict[str, Any] = chart.to_dict()
    return spec


# --------------------------------------------------------------------------- render


def _safe_attribute(name: str, value: str) -> bool:
    """No event handlers, no links, no external references; local ``url(#id)`` is fine."""
    local = name.rsplit("}", 1)[-1].lower()
    if local.startswith("on") or local in ("href", "src", "style"):
        return False
    return not _UNSAFE_VALUE.search(_LOCAL_URL.sub("", value))


def _add_titles(element: ET.Element) -> None:
    """Give each mark with an ``aria-label`` a ``<title>`` child (a hover tooltip in browsers)."""
    for child in element.iter():
        label = child.get("aria-label")
        role = child.get("role")
        if label and role == "graphics-symbol" and child.find(f"{{{SVG_NS}}}title") is None:
            title = ET.Element(f"{{{SVG_NS}}}title")
            title.text = label
            child.insert(0, title)


def sanitize_svg(svg: str) -> str:
    """``svg`` with only allow-listed elements and safe attributes, text escaped by the writer."""
    root = ET.fromstring(svg)
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValueError("not an SVG document")
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag not in ALLOWED_TAGS or not child.tag.startswith(f"{{{SVG_NS}}}"):
                parent.remove(child)
        for name, value in list(parent.attrib.items()):
            if not _safe_attribute(name, value):
                del parent.attrib[name]
    _add_titles(root)
    for element in root.iter():  # plain tags and one xmlns: no ns0: prefixes, no global state
        element.tag = element.tag.rsplit("}", 1)[-1]
    root.set("xmlns", SVG_NS)
    return ET.tostring(root, encoding="unicode")


def casualty_chart_svg(
    incident: Incident, documents: Iterable[Document] | None = None
) -> str | None:
    """The casualty chart of ``incident`` as a safe, inlinable ``<svg>`` element.

    None when the incident has no killed or injured report with a report time. ``documents``
    (optional) names the sources by publisher or title; without it points are coloured by
    document id.
    """
    spec = chart_spec(incident, documents)
    if spec is None:
        return None
    import vl_convert as vlc

    return sanitize_svg(str(vlc.vegalite_to_svg(spec)))


def save_chart(
    incident: Incident, path: str | Path, documents: Iterable[Document] | None = None
) -> Path | None:
    """Write the chart to ``path`` (``.svg`` or ``.png``); None when there is nothing to plot."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise ValueError(f"unsupported chart format {suffix or '(none)'}: use .svg or .png")
    if suffix == ".svg":
        svg = casualty_chart_svg(incident, documents)
        if svg is None:
            return None
        target.write_text(svg, encoding="utf-8")
        return target
    spec = chart_spec(incident, documents)
    if spec is None:
        return None
    import vl_convert as vlc

    target.write_bytes(bytes(vlc.vegalite_to_png(spec, scale=2)))
    return target
