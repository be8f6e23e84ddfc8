"""Security for a server that shows hostile text: headers, host and body limits, the write token.

Every response carries a strict Content-Security-Policy (nothing inline, nothing from elsewhere,
no scripts at all), ``nosniff``, no framing and no referrer. Requests with a body must say how
long it is and stay under the upload limit. Reading is open to loopback clients; anything else
needs the token, and writing always needs it.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from incidentdesk.web.config import WebConfig, is_loopback

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
"""The pages' policy: our own stylesheet and images, forms to ourselves, no script of any kind."""

SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
"""Policy for our own SVG charts (served as images; inline styles only, still no script)."""

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _host_name(value: str) -> str:
    """The host part of a ``Host`` header (IPv6 brackets kept off, port dropped)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class SecurityMiddleware:
    """A plain ASGI middleware (no per-request task overhead) that guards every HTTP request.

    - ``Host`` must be one of ``allowed_hosts`` when that set is not empty (DNS rebinding).
    - ``POST``/``PUT``/``PATCH`` need ``Content-Length`` (411) no larger than the limit (413).
    - Every response gets ``SECURITY_HEADERS`` and the CSP, unless the app set its own CSP.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str], max_body: int) -> None:
        self.app = app
        self.allowed_hosts = frozenset(_host_name(h) for h in allowed_hosts)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if self.allowed_hosts:
            host = _host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed_hosts:
                await _plain(send, 400, "invalid Host header")
                return
        if scope["method"] in _BODY_METHODS:
            length = headers.get(b"content-length")
            if length is None:
                await _plain(send, 411, "a request body needs a Content-Length header")
                return
            try:
                size = int(length)
            except ValueError:
                await _plain(send, 400, "Content-Length is not a number")
                return
            if size > self.max_body:
                await _plain(
                    send,
                    413,
                    f"request body too large ({size} bytes; the limit is {self.max_body})",
                )
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                existing = list(message.get("headers", []))
                names = {name.lower() for name, _ in existing}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": existing + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain(send: Send, status_code: int, detail: str) -> None:
    """Answer with a small JSON error (before the app is reached), with the security headers."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status_code,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", CSP.encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- the token


def config(request: Request) -> WebConfig:
    """The app's ``WebConfig`` (a dependency)."""
    cfg: WebConfig = request.app.state.config
    return cfg


def token_matches(cfg: WebConfig, given: str | None) -> bool:
    """Whether ``given`` is the write token (constant-time; always False when read-only)."""
    if cfg.token is None or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), cfg.token.encode("utf-8"))


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if that is what it is."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def can_read(request: Request) -> None:
    """Reading: open to loopback clients; from elsewhere it needs the token (401/403)."""
    cfg = config(request)
    client = request.client.host if request.client else None
    if is_loopback(client):
        return
    if token_matches(cfg, bearer(request.headers.get("authorization"))):
        return
    if cfg.token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "reading is open to this machine only (the server was started without a token)",
        )
    raise HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "reading from another machine needs the token: Authorization: Bearer <token>",
        headers={"WWW-Authenticate": "Bearer"},
    )


def check_write_token(cfg: WebConfig, given: str | None) -> None:
    """Writing: 403 when the app is read-only, 401 when the token is missing or wrong."""
    if cfg.token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this server is read-only: start it with --token (or $INCIDENTDESK_TOKEN) to add reports",
        )
    if not token_matches(cfg, given):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "adding reports needs the token given at start-up",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def can_write_api(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> None:
    """Writing through the API: ``Authorization: Bearer <token>``."""
    check_write_token(config(request), bearer(authorization))


ReadAccess = Depends(can_read)
WriteAccess = Depends(can_write_api)
