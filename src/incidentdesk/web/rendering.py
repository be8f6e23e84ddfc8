"""Rendering pages: the Jinja environment (autoescape everywhere) and the common context."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from incidentdesk.present._views import DASH
from incidentdesk.web.config import WebConfig

TEMPLATES = Path(__file__).parent / "templates"


def templates() -> Environment:
    """The Jinja environment: autoescape for every template, undefined names are errors."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["dash"] = DASH
    return env


def revision_tag(revision: str) -> str:
    """A short stand-in for the store revision, shown in the footer."""
    return hashlib.sha1(revision.encode("utf-8")).hexdigest()[:10] if revision else "—"


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template with the context every page needs."""
    env: Environment = request.app.state.templates
    cfg: WebConfig = request.app.state.config
    context.setdefault("json_url", None)
    context.setdefault("nav", "")
    context.setdefault("revision", revision_tag(getattr(request.state, "revision", "")))
    context["writable"] = cfg.writable
    context.setdefault("status_code", status_code)
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code)


def wants_json(request: Request) -> bool:
    """API and export paths answer errors in JSON; pages answer with an HTML error page."""
    path = request.url.path
    if path.startswith(("/api/", "/export", "/openapi")):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
