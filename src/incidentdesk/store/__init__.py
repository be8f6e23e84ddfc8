"""Storage: SQLAlchemy Core schema, versioned migrations, SQLite (WAL) by default.

Public API: ``Store(url)`` with ``add_document``, ``documents``, ``document``, ``text``, ``facts``,
``mentions``, ``add_facts`` (see ``repository.py``).
"""

from incidentdesk.store.repository import Store

__all__ = ["Store"]
