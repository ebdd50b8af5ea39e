"""The control endpoints under ``/__mock__``: health, journal and faults (JSON in, JSON out)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from deepshi._version import __version__

from . import strict_json
from .body import BodyStream
from .errors import ApiError, PayloadTooLarge, error_body
from .faults import Fault, FaultError

if TYPE_CHECKING:
    from .app import MockApp

MAX_CONTROL_BYTES = 1024 * 1024
"""The largest body ``POST /__mock__/faults`` reads (413 above it)."""


def control_app(mock: MockApp) -> ASGIApp:
    """A starlette router bound to ``mock``."""

    async def health(_: Request) -> Response:
        operations = sorted(op.operation_id for op in mock.spec.operations.values())
        mode = "record" if mock.recorder else "replay"
        return JSONResponse({"status": "ok", "version": __version__, "mode": mode, "operations": operations})

    async def journal(request: Request) -> Response:
        if request.method == "DELETE":
            mock.journal.clear()
            return Response(status_code=204)
        entries = [entry.to_dict() for entry in mock.journal.entries()]
        return JSONResponse({"entries": entries, "dropped": mock.journal.dropped})

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            mock.faults.clear()
            return Response(status_code=204)
        if request.method == "GET":
            pending = [{"fault": f.to_dict(), "remaining": n} for f, n in mock.faults.pending()]
            return JSONResponse({"faults": pending})
        body = BodyStream(request.receive, MAX_CONTROL_BYTES, timeout=mock.settings.body_timeout)
        try:
            raw = strict_json.loads(await _read(body), max_depth=mock.settings.max_json_depth, what="The fault")
            items: list[Any] = raw if isinstance(raw, list) else [raw]
            armed = []
            for item in items:
                if not isinstance(item, dict):
                    raise FaultError("each fault is a JSON object")
                count = item.get("count", 1)
                if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                    raise FaultError("count must be a positive integer")
                armed.append((Fault.from_dict(item), count))
        except ApiError as exc:
            response = JSONResponse(exc.body(), status_code=exc.status)
            if exc.status != 400:
                response.headers["connection"] = "close"
            return response
        except ValueError as exc:
            return _bad(str(exc))
        for fault, count in armed:
            mock.faults.add(fault, count)
        return JSONResponse({"armed": [{"fault": f.to_dict(), "count": n} for f, n in armed]}, status_code=201)

    async def reset(_: Request) -> Response:
        mock.journal.clear()
        mock.faults.clear()
        return Response(status_code=204)

    async def not_found(scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            error_body(f"No mock control endpoint at {scope['path']}.", "not_found_error", "not_found"), 404
        )
        await response(scope, receive, send)

    return Router(
        routes=[
            Route("/__mock__/health", health, methods=["GET"]),
            Route("/__mock__/journal", journal, methods=["GET", "DELETE"]),
            Route("/__mock__/faults", faults, methods=["GET", "POST", "DELETE"]),
            Route("/__mock__/reset", reset, methods=["POST"]),
        ],
        default=not_found,
    )


async def _read(body: BodyStream) -> bytes:
    """The whole body of a control request, within ``MAX_CONTROL_BYTES`` and the body deadline."""
    chunks = []
    while (chunk := await body.next()) is not None:
        if body.received > body.limit:
            raise PayloadTooLarge(
                f"A control request body is limited to {body.limit} bytes.", param=None, code="request_too_large"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _bad(message: str) -> Response:
    return JSONResponse(error_body(message, "invalid_request_error", "invalid_fault"), status_code=400)
