"""``/docs``: the OpenAPI description as a plain page (Swagger UI would need scripts from a CDN)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[Parameter]
    body: str
    responses: list[tuple[str, str]]


def _type(schema: dict[str, Any]) -> str:
    """A short type name for a JSON Schema fragment."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind


def operations(schema: dict[str, Any]) -> list[Operation]:
    """Every operation of an OpenAPI document, in path order."""
    ops: list[Operation] = []
    for path, item in schema.get("paths", {}).items():
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [
                Parameter(
                    name=p["name"],
                    where=p.get("in", ""),
                    type=_type(p.get("schema", {})),
                    required=bool(p.get("required")),
                    description=p.get("description") or p.get("schema", {}).get("description", ""),
                )
                for p in op.get("parameters", [])
            ]
            body = ", ".join(
                f"{media} ({_type(content.get('schema', {}))})"
                for media, content in op.get("requestBody", {}).get("content", {}).items()
            )
            responses = [
                (code, str(resp.get("description", "")))
                for code, resp in op.get("responses", {}).items()
            ]
            anchor = re.sub(r"[^a-z0-9]+", "-", f"{method} {path}".lower()).strip("-")
            ops.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    anchor=anchor,
                    summary=str(op.get("summary", "")),
                    description=str(op.get("description", "")),
                    parameters=params,
                    body=body,
                    responses=responses,
                )
            )
    return ops
