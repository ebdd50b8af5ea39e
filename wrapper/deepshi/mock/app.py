"""The mock's ASGI application: the API under ``/v1`` and the control endpoints under ``/__mock__``.

Every operation of the shipped spec is served at its path (templates matched, :mod:`.spec`). When
the app is built it checks the mock's pinned names against the spec (:mod:`.terms`, raising
``SpecMismatch``), and the cassettes against the spec: their operations exist, and the catalog
fits the request schemas (:func:`.catalog.check_catalog`, raising ``CassetteError``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import Headers
from starlette.types import Receive, Send

from . import redact, strict_json
from .answers import JSON_TYPE, Answer, EditSource, Responder
from .auth import KeyChecker, no_credits, revoked
from .body import BodyStream, ClientGone, read_request
from .cassettes import DEFAULT_DIR, CassetteSet
from .catalog import Catalog, check_catalog
from .control import control_app
from .errors import ApiError, PayloadTooLarge, RequestTimeout, bad_request, error_body
from .faults import HEADER, Fault, FaultError, FaultQueue
from .journal import ENTRY_OVERHEAD, FileRecord, Journal, JournalEntry, JournalLimits, Keeper, MiB
from .protocol import ConnectionLimits
from .record import Recorder
from .spec import Operation, Spec
from .sse import DEFAULT_INTERVAL, DEFAULT_KEEPALIVES, dumps
from .terms import Terms
from .validation import ParsedRequest, check_parameters
from .wire import Sleep, Wire, deliver, shape

DEFAULT_BODY_TIMEOUT = 120.0
"""Seconds a request body may take to arrive (an 800 MB upload at 7 MB/s; loopback is far faster)."""
DEFAULT_MAX_UPLOAD_BYTES = 50 * MiB
"""The per-file upload limit (413 above it): the spec's decision `upload-limit` assumes OpenAI's 50 MB."""
_log = logging.getLogger("deepshi.mock")


@dataclass(frozen=True)
class MockSettings:
    """Everything that configures a mock (see ``MockServer`` for the meaning of each)."""

    cassettes: Path | None = None
    api_keys: Mapping[str, str] | None = None
    sse_interval: float = DEFAULT_INTERVAL
    sse_keepalives: int = DEFAULT_KEEPALIVES
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    fast: bool = False
    upstream: str | None = None
    sleep: Sleep | None = None
    strict_parameters: bool = False
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    max_json_depth: int = strict_json.DEFAULT_MAX_DEPTH
    journal: JournalLimits = field(default_factory=JournalLimits)
    connections: ConnectionLimits = field(default_factory=ConnectionLimits)


class MockApp:
    """ASGI callable serving the Deepshi API from cassettes (or proxying it, in record mode)."""

    def __init__(self, settings: MockSettings) -> None:
        if settings.max_upload_bytes < 1:
            raise ValueError("max_upload_bytes must be positive")
        timeout = settings.body_timeout
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout < float("inf"):
            raise ValueError(f"body_timeout must be a positive number of seconds, not {timeout!r}")
        depth = settings.max_json_depth
        if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= strict_json.MAX_DEPTH_SETTING:
            raise ValueError(f"max_json_depth must be an integer in 1..{strict_json.MAX_DEPTH_SETTING}, not {depth!r}")
        self.settings = settings
        self.spec = Spec.shipped()
        self.terms = Terms.of(self.spec)
        if settings.upstream and settings.cassettes:
            settings.cassettes.mkdir(parents=True, exist_ok=True)
        self.cassettes = CassetteSet.load(settings.cassettes or DEFAULT_DIR)
        self.cassettes.check(self.spec.by_id)
        catalog_operation = self.terms.catalog_operation
        if self.cassettes.model_list(catalog_operation) is None:
            # A cassette directory without a catalog serves (and checks against) the shipped one.
            shipped = CassetteSet.load(DEFAULT_DIR).interactions
            start = len(self.cassettes.interactions)
            self.cassettes.interactions.extend(
                dataclasses.replace(i, order=start + n)
                for n, i in enumerate(i for i in shipped if catalog_operation in i.operations)
            )
        listed = self.cassettes.catalog_interaction(catalog_operation)
        if listed is not None:
            request_refs = [self.spec.by_id[op].body_schema_ref for op in sorted(self.terms.image_operations)]
            check_catalog(listed.body, self.spec, [ref for ref in request_refs if ref], listed.source)
        self.catalog = Catalog(listed.body if listed is not None else {})
        self.responder = Responder(
            self.spec, self.cassettes, self.catalog, sse_keepalives=settings.sse_keepalives, cache_answers=settings.fast
        )
        self.keys = KeyChecker(settings.api_keys)
        self.journal = Journal(settings.journal)
        self.faults = FaultQueue()
        self.max_request_bytes = 16 * settings.max_upload_bytes + 2 * MiB
        self.recorder = (
            Recorder(settings.upstream, settings.cassettes, encodings=self.terms.encodings)
            if settings.upstream and settings.cassettes
            else None
        )
        self._sleep: Sleep = settings.sleep or asyncio.sleep
        self._sse_interval = 0.0 if settings.fast else settings.sse_interval
        self._control = control_app(self)

    async def __call__(self, scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "http":
            if scope["path"].startswith("/__mock__"):
                await self._control(scope, receive, send)
            else:
                await self._guarded(scope, Wire(send, receive), receive)

    async def aclose(self) -> None:
        """Release the upstream client of record mode."""
        if self.recorder is not None:
            await self.recorder.aclose()

    async def _guarded(self, scope: dict[str, Any], wire: Wire, receive: Receive) -> None:
        """Serve one API request; a bug in the mock still answers the API's JSON error shape."""
        try:
            await self._api(scope, wire, receive)
        except Exception:
            _log.exception("deepshi mock: unexpected error while serving %s %s", scope["method"], scope["path"])
            if wire.started:
                raise
            body = dumps(error_body("The mock server failed on this request (see its log).", "server_error")).encode()
            await wire.start(500, [("content-type", JSON_TYPE), ("content-length", str(len(body)))])
            await wire.write(body, more=False)

    async def _api(self, scope: dict[str, Any], wire: Wire, receive: Receive) -> None:
        arrived = time.time()
        headers = Headers(scope=scope)
        method, path = scope["method"], scope["path"]
        raw_path = scope.get("raw_path")
        route = self.spec.route(method, raw_path.decode("latin-1") if isinstance(raw_path, bytes) else path)
        operation = route.operation if route else None
        parsed = ParsedRequest()
        body = BodyStream(
            receive, self.max_request_bytes, keep=self.recorder is not None, timeout=self.settings.body_timeout
        )
        entry = _Entry(
            arrived,
            method,
            path,
            operation,
            headers,
            scope.get("query_string", b"").decode("latin-1"),
            self.settings.journal,
        )
        try:
            faults = Fault.from_header(headers[HEADER]) if HEADER in headers else []
        except FaultError as exc:
            faults = []
            entry.problem = bad_request(f"Invalid {HEADER} header: {exc}", param=HEADER, code="invalid_fault")
        if operation is None:
            status = 405 if self.spec.path_exists(path) else 404
            message = f"{method} is not allowed on {path}." if status == 405 else f"No API operation at {path}."
            allowed = ", ".join(self.spec.allowed_methods(path))
            entry.problem = entry.problem or ApiError(
                status,
                message,
                code="method_not_allowed" if status == 405 else "not_found",
                headers={"allow": allowed} if status == 405 else None,
            )
            await self._finish(entry, parsed, self._error(entry.problem), [], wire, body)
            return
        queued = self.faults.take(operation.operation_id) if self.recorder is None else None
        faults = [*faults, queued] if queued else faults
        try:
            await read_request(
                self.spec,
                operation,
                headers,
                body,
                parsed,
                max_file_bytes=self.settings.max_upload_bytes,
                max_json_depth=self.settings.max_json_depth,
            )
        except ClientGone:
            entry.problem = ApiError(499, "The client disconnected before the request body was read.")
            self.journal.append(entry.record(parsed, status=0))
            return
        except ApiError as exc:
            entry.problem = entry.problem or exc
        assert route is not None
        try:
            parsed.parameters = check_parameters(self.spec, operation, route.path_values, entry.query)
        except ApiError as exc:
            entry.problem = entry.problem or exc
        recording = self.recorder is not None and not isinstance(entry.problem, PayloadTooLarge)
        if recording and await body.drain():
            await self._record(entry, parsed, b"".join(body.kept or []), scope, wire)
            return
        answer = await self._answer(entry, operation, parsed, headers)
        await self._finish(entry, parsed, answer, faults, wire, body)

    async def _answer(self, entry: _Entry, operation: Operation, parsed: ParsedRequest, headers: Headers) -> Answer:
        """Decide the answer. Precedence: 413/408, 401, 403 (revoked key), 400 (schema, then catalog), 402, answer."""
        auth_problem: ApiError | None = None
        policy = "ok"
        if operation.requires_bearer:
            try:
                _, policy = self.keys.policy(headers.getlist("authorization"))
            except ApiError as exc:
                auth_problem = exc
        schema_problem = entry.problem
        if schema_problem is None:
            schema_problem = self._catalog_problem(operation, parsed)
        entry.valid = schema_problem is None
        for problem in (
            schema_problem if isinstance(schema_problem, PayloadTooLarge | RequestTimeout) else None,
            auth_problem,
            revoked() if policy == "revoked" else None,
            schema_problem,
            # Out of credits: refused where the spec documents a 402 (the image operations).
            no_credits() if policy == "no_credits" and "402" in operation.responses else None,
        ):
            if problem is not None:
                entry.problem = problem
                return self._error(problem)
        effective = self.responder.effective_fields(
            operation, parsed.instance, _image_count(operation, parsed), parsed.parameters
        )
        source = _edit_source(parsed)
        cached = self.responder.cached(operation, effective, source)
        if cached is not None:  # the common case with --fast: no hop to a thread
            return cached
        return await asyncio.to_thread(self.responder.answer, operation, effective, source)

    def _catalog_problem(self, operation: Operation, parsed: ParsedRequest) -> ApiError | None:
        """The catalog's verdict on an image request (other operations are not checked against it)."""
        if operation.operation_id not in self.terms.image_operations:
            return None
        field = operation.file_field
        try:
            self.catalog.check(
                parsed.instance,
                _image_count(operation, parsed),
                parsed.used_names.get(field, field) if field else None,
                catalog_path=self.spec.by_id[self.terms.catalog_operation].path,
                strict=self.settings.strict_parameters,
            )
        except ApiError as exc:
            return exc
        return None

    def _error(self, problem: ApiError) -> Answer:
        headers = [("content-type", JSON_TYPE), *problem.headers.items()]
        # backslashreplace: a lone surrogate in a message becomes its JSON escape instead of a 500.
        body = dumps(problem.body()).encode("utf-8", "backslashreplace")
        return self.responder.stamp(Answer(problem.status, headers, body))

    async def _finish(
        self, entry: _Entry, parsed: ParsedRequest, answer: Answer, faults: list[Fault], wire: Wire, body: BodyStream
    ) -> None:
        """Journal the request, drain what is left of the body, and deliver the answer."""
        operation = entry.operation
        answer = shape(
            answer, faults, lambda status: self.spec.response_example(operation, status) if operation else None
        )
        if not await body.drain():
            answer = dataclasses.replace(answer, headers=[*answer.headers, ("connection", "close")])
        reset_first = any(f.kind == "reset_before_headers" for f in faults)
        entry.faults = [f.kind for f in faults]
        self.journal.append(entry.record(parsed, status=0 if reset_first else answer.status, answer=answer))
        await deliver(
            answer, faults, wire, sleep=self._sleep, sse_interval=self._sse_interval, head=entry.method == "HEAD"
        )

    async def _record(
        self, entry: _Entry, parsed: ParsedRequest, raw: bytes, scope: dict[str, Any], wire: Wire
    ) -> None:
        """Record mode: forward to the upstream, journal, answer its response, write the cassette."""
        assert self.recorder is not None
        assert entry.operation is not None
        operation = entry.operation
        if entry.problem is None:
            entry.problem = self._catalog_problem(operation, parsed)
        entry.valid = entry.problem is None
        effective = self.responder.effective_fields(operation, parsed.instance, _image_count(operation, parsed))
        request_fields = {
            k: v
            for k, v in effective.items()
            if (k in parsed.instance or k == "image_count") and not isinstance(v, list)
        }

        def on_status(status: int, request_id: str | None) -> None:
            entry.request_id = request_id
            self.journal.append(entry.record(parsed, status=status))

        await self.recorder.forward(
            operation, scope, raw, request_fields, parsed.files, wire, on_status, secret=entry.key
        )


def _edit_source(parsed: ParsedRequest) -> EditSource | None:
    """The request's first file, when its bytes were kept: an edit's answer is derived from it."""
    first = parsed.files[0] if parsed.files else None
    if first is None or first.kept is None:
        return None
    return EditSource(first.kept.join, lambda: first.content_key)


def _image_count(operation: Operation, parsed: ParsedRequest) -> int:
    field = operation.file_field
    return parsed.image_count(field) if field else 0


class _Entry:
    """What is known about a request while it is handled (becomes a ``JournalEntry``)."""

    def __init__(
        self,
        arrived: float,
        method: str,
        path: str,
        operation: Operation | None,
        headers: Headers,
        query: str,
        limits: JournalLimits,
    ) -> None:
        self.limits = limits
        self.arrived = arrived
        self.method = method
        self.path = path
        self.operation = operation
        self.headers = headers
        self.query = query
        self.problem: ApiError | None = None
        self.valid = False
        authorization = headers.get("authorization", "")
        self.key: str | None = authorization.partition(" ")[2].strip() or None
        """The bearer token as sent (valid or not): scrubbed from everything journaled or recorded."""
        self.faults: list[str] = []
        self.request_id: str | None = None

    def record(self, parsed: ParsedRequest, *, status: int, answer: Answer | None = None) -> JournalEntry:
        """The journal entry: every string through one ``Keeper`` (scrubbed, JSON-safe, bounded)."""
        secrets = [self.key] if self.key else []
        keep = Keeper(secrets, self.limits)
        headers = {keep.text(k): keep.text(v) for k, v in redact.headers(self.headers.items(), secrets).items()}
        fields = keep.value(parsed.fields)
        files = [
            FileRecord(
                keep.text(f.name),
                keep.text(f.filename),
                keep.text(f.content_type) if f.content_type else None,
                f.size,
                f.digest,
            )
            for f in parsed.files
        ]
        request_id = answer.header("x-request-id") if answer else self.request_id
        return JournalEntry(
            time=self.arrived,
            method=keep.text(self.method),
            path=keep.text(self.path),
            operation=self.operation.operation_id if self.operation else None,
            headers=headers,
            fields=fields if isinstance(fields, dict) else {},
            files=files,
            valid=self.valid,
            status=status,
            error=keep.text(self.problem.message) if self.problem else None,
            fault=",".join(self.faults) or None,
            request_id=keep.text(request_id) if request_id else None,
            query=keep.text(redact.query(self.query, secrets)),
            size=keep.used + ENTRY_OVERHEAD,
        )


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
