"""The control endpoints under ``/__mock__``: health, journal and faults (JSON in, JSON out)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from deepshi._version import __version__

from .errors import error_body
from .faults import Fault, FaultError

if TYPE_CHECKING:
    from .app import MockApp


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
        return JSONResponse({"entries": [entry.to_dict() for entry in mock.journal.entries()]})

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            mock.faults.clear()
            return Response(status_code=204)
        if request.method == "GET":
            pending = [{"fault": f.to_dict(), "remaining": n} for f, n in mock.faults.pending()]
            return JSONResponse({"faults": pending})
        try:
            raw = json.loads(await request.body())
            items: list[Any] = raw if isinstance(raw, list) else [raw]
            armed = []
            for item in items:
                if not isinstance(item, dict):
                    raise FaultError("each fault is a JSON object")
                count = item.get("count", 1)
                if not isinstance(count, int) or count < 1:
                    raise FaultError("count must be a positive integer")
                armed.append((Fault.from_dict(item), count))
        except (ValueError, UnicodeDecodeError) as exc:
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


def _bad(message: str) -> Response:
    return JSONResponse(error_body(message, "invalid_request_error", "invalid_fault"), status_code=400)
