"""``python -m deepshi.mock serve``: run the mock in the foreground until Ctrl-C.

:func:`serve` is what ``deepshi mock serve`` wraps; :func:`main` is the argparse front end.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from .app import DEFAULT_BODY_TIMEOUT
from .auth import POLICIES
from .journal import JournalLimits, MiB
from .protocol import DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_CONNECTIONS
from .server import MockServer
from .sse import DEFAULT_INTERVAL, DEFAULT_KEEPALIVES


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 4010,
    cassettes: str | Path | None = None,
    record: bool = False,
    upstream: str | None = None,
    api_keys: Mapping[str, str] | None = None,
    sse_interval: float = DEFAULT_INTERVAL,
    sse_keepalives: int = DEFAULT_KEEPALIVES,
    max_upload_bytes: int = 50 * 1024 * 1024,
    fast: bool = False,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
    max_connections: int = DEFAULT_MAX_CONNECTIONS,
    journal_bytes: int = JournalLimits.total_bytes,
    strict_parameters: bool = False,
    out: TextIO | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve until Ctrl-C / SIGTERM (or until ``stop`` is set), printing the base URL first."""
    out = out or sys.stdout
    stop = stop or threading.Event()
    mock = MockServer(
        cassettes,
        host=host,
        port=port,
        api_keys=api_keys,
        sse_interval=sse_interval,
        sse_keepalives=sse_keepalives,
        max_upload_bytes=max_upload_bytes,
        fast=fast,
        record=record,
        upstream=upstream,
        strict_parameters=strict_parameters,
        header_timeout=header_timeout,
        body_timeout=body_timeout,
        max_connections=max_connections,
        journal_bytes=journal_bytes,
    )
    restore = _install_handlers(stop)
    try:
        with mock:
            print(f"Deepshi mock server: {mock.base_url}", file=out)
            print(f"  origin {mock.url}  api key {mock.api_key}", file=out)
            if record:
                print(
                    f"  recording {upstream} into {mock.app.recorder.path if mock.app.recorder else cassettes}",
                    file=out,
                )
            print("  press Ctrl-C to stop", file=out, flush=True)
            stop.wait()
    finally:
        restore()
    print("Deepshi mock server stopped.", file=out, flush=True)


def _install_handlers(stop: threading.Event) -> Callable[[], None]:
    """Make SIGINT/SIGTERM set ``stop`` (main thread only); returns a function restoring the old handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda *_: stop.set())

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m deepshi.mock``."""
    parser = argparse.ArgumentParser(prog="python -m deepshi.mock", description="The Deepshi mock server.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="serve the mock API until Ctrl-C")
    run.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    run.add_argument("--port", type=int, default=4010, help="TCP port, 0 for a free one (default: 4010)")
    run.add_argument("--cassettes", type=Path, help="cassette directory (default: the shipped set)")
    run.add_argument("--record", action="store_true", help="proxy to --upstream and record into --cassettes")
    run.add_argument("--upstream", help="API origin to record from, e.g. https://api.deepshi.ai")
    run.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY[=POLICY]",
        help=f"accept only these keys; POLICY is one of {', '.join(POLICIES)} (default ok)",
    )
    run.add_argument(
        "--sse-interval",
        type=float,
        default=DEFAULT_INTERVAL,
        help=f"seconds before each keepalive comment (default {DEFAULT_INTERVAL})",
    )
    run.add_argument(
        "--sse-keepalives",
        type=int,
        default=DEFAULT_KEEPALIVES,
        help=f"keepalive comments before a stream's terminal event (default {DEFAULT_KEEPALIVES})",
    )
    run.add_argument("--max-upload-mb", type=float, default=50.0, help="per-file upload limit in MB (default 50)")
    run.add_argument("--fast", action="store_true", help="benchmark mode: no pacing, answers cached in memory")
    run.add_argument(
        "--header-timeout",
        type=float,
        default=DEFAULT_HEADER_TIMEOUT,
        help=f"seconds a request line and headers may take to arrive (default {DEFAULT_HEADER_TIMEOUT:g})",
    )
    run.add_argument(
        "--body-timeout",
        type=float,
        default=DEFAULT_BODY_TIMEOUT,
        help=f"seconds a request body may take to arrive (default {DEFAULT_BODY_TIMEOUT:g})",
    )
    run.add_argument(
        "--max-connections",
        type=int,
        default=DEFAULT_MAX_CONNECTIONS,
        help=f"open connections at once; beyond, 503 (default {DEFAULT_MAX_CONNECTIONS})",
    )
    run.add_argument(
        "--journal-mb",
        type=float,
        default=JournalLimits.total_bytes / MiB,
        help=f"journal size in MB; past it the oldest entries are dropped (default {JournalLimits.total_bytes // MiB})",
    )
    run.add_argument(
        "--strict-parameters",
        action="store_true",
        help="also refuse values outside each model's catalog entry (allowed values, ranges, prompt length); "
        "by default a model ignores what it does not support, as the API documents",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    keys: dict[str, str] | None = None
    if args.api_key:
        keys = {}
        for item in args.api_key:
            key, _, policy = item.partition("=")
            keys[key] = policy or "ok"
    if args.record and (not args.upstream or not args.cassettes):
        print("error: --record needs --upstream URL and --cassettes DIR", file=sys.stderr)
        return 2
    try:
        serve(
            host=args.host,
            port=args.port,
            cassettes=args.cassettes,
            record=args.record,
            upstream=args.upstream,
            api_keys=keys,
            sse_interval=args.sse_interval,
            sse_keepalives=args.sse_keepalives,
            max_upload_bytes=int(args.max_upload_mb * 1024 * 1024),
            fast=args.fast,
            header_timeout=args.header_timeout,
            body_timeout=args.body_timeout,
            max_connections=args.max_connections,
            journal_bytes=int(args.journal_mb * MiB),
            strict_parameters=args.strict_parameters,
        )
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
