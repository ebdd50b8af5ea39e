"""``python -m deepshi.mock serve`` and ``deepshi mock serve``: run the mock in the foreground until Ctrl-C.

The mock's command-line options are defined once, here, in :func:`build_parser`: ``deepshi mock
serve`` hands its arguments to :func:`main` (with its own name as ``prog``), so both commands take
the same options, defaults, help and error messages. Add an option here and both have it.
:func:`serve` runs the server.
"""

from __future__ import annotations

import argparse
import math
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from .app import DEFAULT_BODY_TIMEOUT, DEFAULT_MAX_UPLOAD_BYTES
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
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    fast: bool = False,
    strict_parameters: bool = False,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
    max_connections: int = DEFAULT_MAX_CONNECTIONS,
    journal_bytes: int = JournalLimits.total_bytes,
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
            print("  in another shell, point deepshi at it with:", file=out)
            print(f"    {export_line(mock.url, mock.api_key)}", file=out)
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


def export_line(origin: str, api_key: str) -> str:
    """The shell line that makes the next ``deepshi`` command (and the facade) use this mock."""
    return f"export DEEPSHI_BASE_URL={shlex.quote(origin)} DEEPSHI_API_KEY={shlex.quote(api_key)}"


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


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line (``error: --port must be 0–65535 (got '-1')``), exit 2, like ``deepshi``'s."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message.removeprefix('argument ')} (see '{self.prog} --help')\n")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0–65535 (got {text!r})")
    return value


def _whole(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number, {minimum} or more (got {text!r})")
        return value

    return parse


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a number above 0 (got {text!r})")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value >= 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds (got {text!r})")
    return value


def _key_policy(text: str) -> tuple[str, str]:
    key, _, policy = text.partition("=")
    policy = policy or "ok"
    if policy not in POLICIES:
        raise argparse.ArgumentTypeError(f"POLICY must be one of {', '.join(POLICIES)} (got {policy!r})")
    return key, policy


def build_parser(prog: str = "python -m deepshi.mock") -> argparse.ArgumentParser:
    """The mock's command line, the one definition both ``python -m deepshi.mock`` and ``deepshi mock`` use."""
    parser = _Parser(prog=prog, description="The Deepshi mock server.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser(
        "serve", help="serve the mock API until Ctrl-C", description="Serve the mock API until Ctrl-C."
    )
    run.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    run.add_argument("--port", type=_port, default=4010, help="TCP port, 0 for a free one (default: 4010)")
    run.add_argument("--cassettes", type=Path, metavar="DIR", help="cassette directory (default: the shipped set)")
    run.add_argument("--record", action="store_true", help="proxy to --upstream and record into --cassettes")
    run.add_argument("--upstream", metavar="URL", help="API origin to record from, e.g. https://api.deepshi.ai")
    run.add_argument(
        "--accept-key",
        "--api-key",
        dest="accept_key",
        type=_key_policy,
        action="append",
        default=[],
        metavar="KEY[=POLICY]",
        help=f"accept only these keys (repeatable); POLICY is one of {', '.join(POLICIES)} (default ok)",
    )
    run.add_argument(
        "--sse-interval",
        type=_seconds,
        default=DEFAULT_INTERVAL,
        metavar="SECONDS",
        help=f"seconds before each keepalive comment (default {DEFAULT_INTERVAL:g})",
    )
    run.add_argument(
        "--sse-keepalives",
        type=_whole(0),
        default=DEFAULT_KEEPALIVES,
        metavar="N",
        help=f"keepalive comments before a stream's terminal event, 0 for none (default {DEFAULT_KEEPALIVES})",
    )
    run.add_argument(
        "--max-upload-mb",
        type=_positive,
        default=DEFAULT_MAX_UPLOAD_BYTES / MiB,
        metavar="MB",
        help=f"per-file upload limit in MB (default {DEFAULT_MAX_UPLOAD_BYTES // MiB})",
    )
    run.add_argument("--fast", action="store_true", help="benchmark mode: no pacing, answers cached in memory")
    run.add_argument(
        "--header-timeout",
        type=_positive,
        default=DEFAULT_HEADER_TIMEOUT,
        metavar="SECONDS",
        help=f"seconds a request line and headers may take to arrive (default {DEFAULT_HEADER_TIMEOUT:g})",
    )
    run.add_argument(
        "--body-timeout",
        type=_positive,
        default=DEFAULT_BODY_TIMEOUT,
        metavar="SECONDS",
        help=f"seconds a request body may take to arrive (default {DEFAULT_BODY_TIMEOUT:g})",
    )
    run.add_argument(
        "--max-connections",
        type=_whole(1),
        default=DEFAULT_MAX_CONNECTIONS,
        metavar="N",
        help=f"open connections at once; beyond, 503 (default {DEFAULT_MAX_CONNECTIONS})",
    )
    run.add_argument(
        "--journal-mb",
        type=_positive,
        default=JournalLimits.total_bytes / MiB,
        metavar="MB",
        help=f"journal size in MB; past it the oldest entries are dropped (default {JournalLimits.total_bytes // MiB})",
    )
    run.add_argument(
        "--strict-parameters",
        action="store_true",
        help="also refuse values outside each model's catalog entry (allowed values, ranges, prompt length); "
        "by default a model ignores what it does not support, as the API documents",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m deepshi.mock") -> int:
    """Run the command line; returns the exit status (2 for a usage error, 1 when the server cannot run)."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2), already printed
        return exit_.code if isinstance(exit_.code, int) else 2
    keys = dict(args.accept_key) if args.accept_key else None
    if args.record and (not args.upstream or not args.cassettes):
        print(f"error: --record needs --upstream URL and --cassettes DIR (see '{prog} serve --help')", file=sys.stderr)
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
            max_upload_bytes=int(args.max_upload_mb * MiB),
            fast=args.fast,
            strict_parameters=args.strict_parameters,
            header_timeout=args.header_timeout,
            body_timeout=args.body_timeout,
            max_connections=args.max_connections,
            journal_bytes=int(args.journal_mb * MiB),
        )
    except (ValueError, OSError) as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0
