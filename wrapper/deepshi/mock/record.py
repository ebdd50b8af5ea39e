"""Record mode: proxy every API request to an upstream and write what it answers as a cassette.

Redaction happens before anything touches disk: request headers are never stored (the
``Authorization`` key only travels to the upstream), response headers that carry cookies or
credential-like names are dropped, credential-like query parameters are replaced, and any
API-key-shaped string (and the request's own key) is scrubbed from bodies. Image payloads are
written as real image files next to the cassette: those found under an ``ImageData`` property
that carries images (the spec's ``x-deepshi-image-property``, decision 8), decoded as it says.

Every recorded interaction is checked before it is kept: it is reloaded from the YAML just
written and rendered the way replay renders it; if that is not byte-identical to what the
upstream sent (e.g. the upstream's JSON spacing differs), the raw (scrubbed) body is kept in
``bodies/`` instead, so replay stays byte-identical.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import bisect
import contextlib
import itertools
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from deepshi._atomic import write_atomic

from . import redact, sse
from .answers import replay_bytes
from .cassettes import IMAGE_KEY, CassetteError, Interaction, load_file
from .errors import error_body
from .images import sniff_media_type
from .multipart import FilePart
from .spec import Operation, Spec
from .terms import Carrier, Completed, Terms
from .wire import Wire

_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
    "accept-encoding",
    "x-deepshi-mock-fault",
}
_NOT_STORED = {"content-length", "date", "server", "set-cookie", "transfer-encoding", "connection", "keep-alive"}
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif"}


@dataclass(frozen=True)
class _Exchange:
    """One proxied request and the upstream's complete answer (not yet redacted)."""

    operation: str
    path: str
    query: str
    fields: Mapping[str, Any]
    files: Sequence[FilePart]
    status: int
    headers: list[tuple[str, str]]
    body: bytes


class Recorder:
    """Forwards requests to ``upstream`` and appends each exchange to one cassette file."""

    def __init__(
        self,
        upstream: str,
        directory: Path,
        *,
        timeout: float = 600.0,
        encodings: Mapping[str, Carrier] | None = None,
    ) -> None:
        carriers = encodings if encodings is not None else Terms.of(Spec.shipped()).encodings
        self.encodings = {Completed.IMAGE: Carrier(Completed.IMAGE, "base64"), **carriers}
        """Property -> how it carries an image: ``ImageData``'s (the shipped spec's, unless given), and
        a stream event's top-level image."""
        self.upstream = upstream.rstrip("/")
        self.directory = Path(directory).resolve()
        (self.directory / "images").mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        self.name = f"recorded-{stamp}-{os.getpid()}"
        self.path = self.directory / f"{self.name}.yaml"
        self.interactions: list[dict[str, Any]] = []
        self._numbers: list[int] = []
        """The number of each interaction in ``interactions`` (which is kept in that order)."""
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    async def aclose(self) -> None:
        """Close the upstream connection pool."""
        if self._client is not None:
            await self._client.aclose()

    async def forward(
        self,
        operation: Operation,
        scope: Mapping[str, Any],
        raw: bytes,
        fields: Mapping[str, Any],
        files: Sequence[FilePart],
        wire: Wire,
        on_status: Callable[[int, str | None], None],
        *,
        secret: str | None,
    ) -> None:
        """Proxy one request, stream the answer back, then record it."""
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout)
        query = scope.get("query_string", b"").decode("latin-1")
        url = self.upstream + scope["path"] + (f"?{query}" if query else "")
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in scope["headers"]
            if k.decode("latin-1").lower() not in _HOP
        ]
        request = self._client.build_request(scope["method"], url, headers=headers, content=raw)
        try:
            response = await self._client.send(request, stream=True)
        except httpx.HTTPError as exc:
            body = sse.dumps(
                error_body(f"Upstream unreachable: {type(exc).__name__}.", "server_error", "upstream_error")
            )
            on_status(502, None)
            await wire.start(502, [("content-type", "application/json"), ("content-length", str(len(body)))])
            await wire.write(body.encode(), more=False)
            return
        # Numbered as the answers start, not as their cassette writes finish (those run in a thread
        # after the client already has the answer), so sequential requests keep their order.
        number = next(self._counter)
        received = bytearray()
        try:
            forwarded = [
                (k, v) for k, v in response.headers.multi_items() if k.lower() not in _HOP - {"content-length"}
            ]
            on_status(response.status_code, response.headers.get("x-request-id"))
            await wire.start(response.status_code, forwarded)
            async for chunk in response.aiter_raw():
                received += chunk
                await wire.write(chunk)
            await wire.write(b"", more=False)
        finally:
            await response.aclose()
        exchange = _Exchange(
            operation=operation.operation_id,
            path=scope["path"],
            query=redact.query(query),
            fields=fields,
            files=files,
            status=response.status_code,
            headers=response.headers.multi_items(),
            body=bytes(received),
        )
        await asyncio.to_thread(self._save, exchange, number, [secret] if secret else [])

    def _save(self, exchange: _Exchange, number: int, secrets: list[str]) -> None:
        with self._lock:
            interaction = self._interaction(exchange, number, secrets)
            position = bisect.bisect(self._numbers, number)
            self._numbers.insert(position, number)
            self.interactions.insert(position, interaction)
            document = {"version": 1, "interactions": self.interactions}
            write_atomic(self.path, _yaml(document).encode("utf-8"))

    def _interaction(self, exchange: _Exchange, number: int, secrets: list[str]) -> dict[str, Any]:
        fields = redact.scrub_fields(exchange.fields, secrets)
        headers = {
            k.lower(): redact.scrub(v, secrets)
            for k, v in exchange.headers
            if k.lower() not in _NOT_STORED
            and not redact.is_secret_name(k)
            and not k.lower().startswith("x-deepshi-mock-")
        }
        body = redact.scrub_bytes(exchange.body, secrets)
        label = f"{self.name}-{number:03d}"
        response: dict[str, Any] = {"status": exchange.status, "headers": headers}
        content_type = headers.get("content-type", "")
        images = _ImageWriter(self.directory, label, self.encodings)
        try:
            if content_type.startswith("text/event-stream"):
                response["stream"] = [_stream_item(item, images) for item in sse.parse(body)]
            elif "json" in content_type:
                response["body"] = images.externalize(json.loads(body))
        except (ValueError, UnicodeDecodeError):
            response.pop("stream", None)
            response.pop("body", None)
        interaction = {
            "name": f"{exchange.operation} #{number}",
            "request": {"operation": exchange.operation, **fields},
            "response": response,
            "recorded": {
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "path": exchange.path,
                "query": exchange.query,
                "files": [
                    {"field": f.name, "content_type": f.content_type, "size": f.size, "sha256": f.sha256}
                    for f in exchange.files
                ],
            },
        }
        if not self._replays_identically(interaction, body):
            images.discard()
            raw_path = self.directory / "bodies" / f"{label}.bin"
            raw_path.parent.mkdir(exist_ok=True)
            write_atomic(raw_path, body)
            response.pop("stream", None)
            response["body_file"] = f"bodies/{label}.bin"
            response.pop("body", None)
        return interaction

    def _replays_identically(self, interaction: dict[str, Any], body: bytes) -> bool:
        response = interaction["response"]
        if "body" not in response and "stream" not in response:
            return False
        with tempfile.TemporaryDirectory() as scratch:
            probe = Path(scratch) / "probe.yaml"
            probe.write_text(_yaml({"interactions": [interaction]}), encoding="utf-8")
            try:
                loaded: Interaction = load_file(probe, self.directory)[0]
            except CassetteError:
                return False
        return replay_bytes(loaded, self.encodings) == body


class _ImageWriter:
    """Writes base64 images found in a body to ``images/`` and replaces them by references."""

    def __init__(self, directory: Path, label: str, encodings: Mapping[str, Carrier]) -> None:
        self.directory = directory
        self.label = label
        self.encodings = encodings
        self.written: list[Path] = []
        self._refs: dict[str, dict[str, str]] = {}
        """Payload -> its reference: a stream event carries its first image twice (decision 2)."""

    def externalize(self, node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            return {k: self.externalize(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [self.externalize(v, key) for v in node]
        carrier = self.encodings.get(key) if key is not None else None
        if isinstance(node, str) and carrier is not None:
            payload = carrier.payload(node)
            if payload is not None:
                return self._write(payload) or node
        return node

    def _write(self, payload: str) -> dict[str, str] | None:
        if payload in self._refs:
            return dict(self._refs[payload])
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            return None
        media = sniff_media_type(data[:32])
        if media is None:
            return None
        relative = f"images/{self.label}-{len(self.written)}.{_EXTENSIONS[media]}"
        path = self.directory / relative
        write_atomic(path, data)
        self.written.append(path)
        self._refs[payload] = {IMAGE_KEY: relative}
        return {IMAGE_KEY: relative}

    def discard(self) -> None:
        for path in self.written:
            path.unlink(missing_ok=True)
        self.written.clear()
        self._refs.clear()


def _stream_item(item: sse.ParsedItem, images: _ImageWriter) -> dict[str, Any]:
    if item.comment is not None:
        return {"comment": item.comment}
    data: Any = item.data or ""
    with contextlib.suppress(ValueError):
        data = images.externalize(json.loads(data))
    return {"event": item.event, "data": data} if item.event else {"data": data}


def _yaml(document: Any) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120)
