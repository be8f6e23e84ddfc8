"""Resolve stored facts into incident records (clustering, people, figures, timeline, conflicts).

Public API: ``build_record(store: Store) -> Record``: a deterministic view of every stored fact.
"""

from incidentdesk.resolve.record import build_record

__all__ = ["build_record"]
