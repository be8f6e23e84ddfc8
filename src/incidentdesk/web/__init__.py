"""The web app and HTTP API: ``create_app(store_url, token)``; ``incidentdesk serve`` runs it.

Modules: ``app`` (factory, error pages), ``routes_pages`` (HTML), ``routes_api`` (JSON twins),
``service`` (look-ups both use), ``records`` (record cache per store revision), ``views``,
``highlight`` and ``search`` (what pages show), ``exports`` (JSON, CSV in GTD-like columns,
Markdown), ``ingest``/``uploads`` (adding reports), ``security`` (headers, limits, token),
``config``, ``rendering`` (Jinja, autoescape), ``apidocs`` (/docs without scripts).
"""

from incidentdesk.web.app import create_app

__all__ = ["create_app"]
