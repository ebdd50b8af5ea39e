"""``MockServer``: the mock app on a real uvicorn server, in a background thread."""

from __future__ import annotations

import asyncio
import copy
import socket
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn

from .app import DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_UPLOAD_BYTES, MockApp, MockSettings
from .auth import MOCK_KEY, NO_CREDITS_KEY, REVOKED_KEY
from .faults import Fault
from .journal import JournalEntry, JournalLimits
from .protocol import (
    DEFAULT_HEADER_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_HEADER_BYTES,
    ConnectionLimits,
    protocol_class,
)
from .sse import DEFAULT_INTERVAL, DEFAULT_KEEPALIVES
from .strict_json import DEFAULT_MAX_DEPTH
from .wire import Sleep


class MockServer:
    """A real HTTP server speaking the Deepshi API, for tests and demos.

    It validates every request against the spec shipped in ``deepshi_openapi``, answers from
    cassettes (the shipped set by default), journals every request and injects faults::

        with MockServer() as mock:
            client = Deepshi(api_key=mock.api_key, base_url=mock.url)
            ...
            assert mock.journal[-1].files[0].field == "image[]"

    Args:
        cassettes: directory of cassette files; None for the shipped default set. In record
            mode, the directory the new cassette is written to.
        host: interface to bind; loopback unless you say otherwise.
        port: TCP port; 0 picks a free one.
        api_keys: key -> ``"ok"`` | ``"no_credits"`` (402) | ``"revoked"`` (403). None: any
            well-formed ``sk-bf-`` key is accepted (except the two demo keys
            :attr:`NO_CREDITS_KEY` and :attr:`REVOKED_KEY`).
        sse_interval: seconds before each keepalive comment of a stream (default 0.01).
        sse_keepalives: keepalive comments before the terminal event of a stream (default 1,
            as the API sends keepalives; 0 for none).
        max_upload_bytes: the per-file upload limit (413 above it).
        fast: benchmark mode: no pacing, answers kept in memory.
        record: proxy to ``upstream`` and record cassettes into ``cassettes``.
        upstream: the API origin to record from (record mode).
        sleep: the coroutine used for every delay (pacing, latency, slow drip); tests inject
            a fake one so nothing really waits.
        strict_parameters: also enforce each model's ``prompt_max_length`` and the allowed
            values and ranges of the parameters it lists (400 otherwise). Off by default: as
            the API documents, a model ignores what it does not support, so only the documented
            catalog checks apply (unknown model id, the edit cap).
        header_timeout: seconds a request line and headers may take to arrive (408, then close).
        body_timeout: seconds a request body may take to arrive (408, then close).
        max_connections: open connections at once; a connection beyond gets a 503 and is closed.
        max_header_bytes: the largest request line plus headers (431 above it).
        max_json_depth: how deeply a JSON body may nest arrays and objects (400 above it).
        journal_value_bytes: a journaled string longer than this is kept as its sha256 and length.
        journal_entry_bytes: the strings one journal entry keeps; past it, digests and lengths.
        journal_bytes: the whole journal; past it, the oldest entries are dropped and counted
            (:attr:`journal_dropped`).

    Starting is synchronous (the call returns once the server accepts connections) and safe
    from async code: the server runs its own event loop in its own thread.
    """

    API_KEY = MOCK_KEY
    NO_CREDITS_KEY = NO_CREDITS_KEY
    REVOKED_KEY = REVOKED_KEY

    def __init__(
        self,
        cassettes: str | Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_keys: Mapping[str, str] | None = None,
        sse_interval: float = DEFAULT_INTERVAL,
        sse_keepalives: int = DEFAULT_KEEPALIVES,
        max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
        fast: bool = False,
        record: bool = False,
        upstream: str | None = None,
        sleep: Sleep | None = None,
        strict_parameters: bool = False,
        header_timeout: float = DEFAULT_HEADER_TIMEOUT,
        body_timeout: float = DEFAULT_BODY_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES,
        max_json_depth: int = DEFAULT_MAX_DEPTH,
        journal_value_bytes: int = JournalLimits.value_bytes,
        journal_entry_bytes: int = JournalLimits.entry_bytes,
        journal_bytes: int = JournalLimits.total_bytes,
    ) -> None:
        if record and (not upstream or cassettes is None):
            raise ValueError("record mode needs upstream=URL and cassettes=DIRECTORY")
        if upstream and not record:
            raise ValueError("upstream is only used in record mode (record=True)")
        self.settings = MockSettings(
            cassettes=Path(cassettes) if cassettes is not None else None,
            api_keys=dict(api_keys) if api_keys is not None else None,
            sse_interval=sse_interval,
            sse_keepalives=sse_keepalives,
            max_upload_bytes=max_upload_bytes,
            fast=fast,
            upstream=upstream if record else None,
            sleep=sleep,
            strict_parameters=strict_parameters,
            body_timeout=body_timeout,
            max_json_depth=max_json_depth,
            journal=JournalLimits(journal_value_bytes, journal_entry_bytes, journal_bytes),
            connections=ConnectionLimits(header_timeout, max_connections, max_header_bytes),
        )
        self.app = MockApp(self.settings)
        self.host = host
        self._requested_port = port
        self._port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    # lifecycle ----------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind, start serving in a background thread, and return once connections are accepted."""
        if self._thread is not None:
            raise RuntimeError("this MockServer is already started")
        sock = _listen(self.host, self._requested_port)
        self.address: tuple[str, int] = sock.getsockname()[:2]
        """The bound (host, port), as the operating system reports it."""
        self._port = self.address[1]
        config = uvicorn.Config(
            self.app,
            lifespan="off",
            log_config=None,
            access_log=False,
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=2,
            timeout_keep_alive=30,
            http=protocol_class(self.settings.connections),  # uvicorn takes a protocol class too
            h11_max_incomplete_event_size=self.settings.connections.max_header_bytes,
        )
        self._server = _Server(config, self._ready)
        self._thread = threading.Thread(target=self._run, args=(sock,), name=f"deepshi-mock-{self._port}", daemon=True)
        self._thread.start()
        self._ready.wait()
        if not self._server.started:
            self._thread.join()
            raise RuntimeError("the mock server failed to start (see the uvicorn.error log)")
        return self

    def _run(self, sock: socket.socket) -> None:
        server = self._server
        assert server is not None

        async def serve() -> None:
            try:
                await server.serve(sockets=[sock])
            finally:
                await self.app.aclose()

        try:
            asyncio.run(serve())
        finally:
            self._ready.set()
            sock.close()

    def stop(self) -> None:
        """Stop serving and wait for the thread to end (idempotent)."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join()
        self._thread = None
        self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # addresses ----------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._port is None:
            raise RuntimeError("the MockServer is not started")
        return self._port

    @property
    def url(self) -> str:
        """The origin, ``http://127.0.0.1:PORT`` (the API is under ``/v1``)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """``url + "/v1"``: what ``OpenAI(base_url=...)`` takes."""
        return self.url + "/v1"

    @property
    def api_key(self) -> str:
        """A key this mock accepts."""
        return MOCK_KEY

    # journal and faults -------------------------------------------------------------------

    @property
    def journal(self) -> list[JournalEntry]:
        """A snapshot copy of the request journal, oldest first."""
        return self.app.journal.entries()

    @property
    def open_connections(self) -> int:
        """How many client connections the server holds open right now."""
        server = self._server
        return len(server.server_state.connections) if server is not None else 0

    @property
    def journal_dropped(self) -> int:
        """How many of the oldest entries the journal dropped to stay within ``journal_bytes``."""
        return self.app.journal.dropped

    def reset_journal(self) -> None:
        """Forget every journaled request."""
        self.app.journal.clear()

    def add_fault(self, fault: Fault, count: int = 1) -> None:
        """Inject ``fault`` into the next ``count`` requests it applies to."""
        self.app.faults.add(fault, count)

    def clear_faults(self) -> None:
        """Disarm every pending fault."""
        self.app.faults.clear()

    @property
    def pending_faults(self) -> list[tuple[Fault, int]]:
        """Armed faults with their remaining counts."""
        return self.app.faults.pending()

    def model_list(self) -> dict[str, Any]:
        """The model catalog this server answers ``GET /v1/models`` with (its document, as JSON values).

        ``deepshi.ModelCatalog.from_dict(server.model_list())`` gives a client the catalog without a
        request, which is how the pytest plugin's ``deepshi_client`` is built.
        """
        return copy.deepcopy(self.app.responder.catalog_document())

    def reset(self) -> None:
        """Clear the journal and the pending faults."""
        self.reset_journal()
        self.clear_faults()

    def __repr__(self) -> str:
        where = self.url if self._port is not None else "not started"
        return f"MockServer({where})"


def _listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket. Created with ``IPPROTO_TCP`` explicitly: asyncio only disables
    Nagle's algorithm on sockets whose ``proto`` says TCP (``socket.create_server`` leaves it 0),
    and without ``TCP_NODELAY`` every answer's body waits ~40 ms for the delayed ACK."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


class _Server(uvicorn.Server):
    """uvicorn's server, signalling readiness once its startup (binding) is done."""

    def __init__(self, config: uvicorn.Config, ready: threading.Event) -> None:
        super().__init__(config)
        self._ready_event = ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self._ready_event.set()
