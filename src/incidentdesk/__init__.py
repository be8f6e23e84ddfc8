"""incidentdesk: from a pile of reports to one structured, sourced incident record."""

__version__ = "0.1.0"
