"""Presenting the incident record: JSON, Markdown, a self-contained HTML page and the terminal.

Every renderer is a pure function of a ``Record`` (the terminal one writes to the console it is
given); none of them reads the store or changes the record.
"""

from __future__ import annotations

from incidentdesk.present.html_report import to_html
from incidentdesk.present.json_report import to_json
from incidentdesk.present.markdown import to_markdown
from incidentdesk.present.terminal import render

__all__ = ["render", "to_html", "to_json", "to_markdown"]
