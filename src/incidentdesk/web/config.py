"""The web app's settings: where the data is, who may write, and the limits on input."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

TOKEN_ENV = "INCIDENTDESK_TOKEN"
"""Environment variable holding the write token when ``--token`` is not given."""

UPLOAD_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl")
"""File types an upload may have (checked on the name, then read by the same readers as ingest)."""

MAX_UPLOAD_BYTES = 8_000_000
"""Largest request body accepted on a write endpoint (all files and fields together)."""

MAX_FILES = 20
"""Most files one upload may carry."""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` (an address or ``localhost``) is the local machine."""
    if host is None:
        return False
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_from_env() -> str | None:
    """The write token from ``$INCIDENTDESK_TOKEN``, or None when unset or blank."""
    value = os.environ.get(TOKEN_ENV, "").strip()
    return value or None


@dataclass(frozen=True)
class WebConfig:
    """Everything ``create_app`` needs to know.

    ``token``: the write token; None makes the app read-only. Reading is open to clients on the
    loopback interface and needs the token from anywhere else. ``allowed_hosts``: the ``Host``
    header values accepted (DNS-rebinding guard); empty accepts any.
    """

    store_url: str
    token: str | None = None
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_files: int = MAX_FILES

    @property
    def writable(self) -> bool:
        """Whether writing is possible at all (a token was given)."""
        return self.token is not None
