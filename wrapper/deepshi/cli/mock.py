"""``deepshi mock serve``: the recorded mock server of the API, in the foreground.

A thin typer front end over :func:`deepshi.mock.cli.serve` (which ``python -m deepshi.mock``
uses too), so both commands behave the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .command import reports_errors
from .errors import ConfigurationError

app = typer.Typer(
    help="The recorded, spec-validating mock of the Deepshi API (needs the mock extra).", no_args_is_help=True
)


@app.command()
@reports_errors
def serve(
    ctx: typer.Context,  # noqa: ARG001 (reports_errors reads the settings from it)
    host: Annotated[
        str, typer.Option(help="Interface to bind; keep the loopback default unless you mean it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free port; the URL is printed).")] = 4010,
    cassettes: Annotated[
        Path | None,
        typer.Option(
            help="Cassette directory (default: the shipped set; with --record, where to write).", show_default=False
        ),
    ] = None,
    record: Annotated[
        bool, typer.Option("--record", help="Proxy to --upstream and record its answers into --cassettes.")
    ] = False,
    upstream: Annotated[
        str | None, typer.Option(help="The API origin to record from (with --record).", show_default=False)
    ] = None,
    accept_key: Annotated[
        list[str] | None,
        typer.Option(
            "--accept-key",
            metavar="KEY[=POLICY]",
            help="Accept only these keys; POLICY: ok (default), no_credits (402) or revoked (403). Repeatable.",
            show_default=False,
        ),
    ] = None,
    sse_interval: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Seconds before each keepalive comment of a stream (default: the mock's, 0.01).",
            show_default=False,
        ),
    ] = None,
    sse_keepalives: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Keepalive comments before a stream's terminal event, 0 for none (default: the mock's, 1).",
            show_default=False,
        ),
    ] = None,
    max_upload_mb: Annotated[float, typer.Option(min=0, help="Per-file upload limit in MB (413 above it).")] = 50.0,
    fast: Annotated[bool, typer.Option("--fast", help="Benchmark mode: no pacing, answers kept in memory.")] = False,
    header_timeout: Annotated[
        float, typer.Option(min=0.001, help="Seconds a request line and headers may take to arrive (408 after).")
    ] = 10.0,
    body_timeout: Annotated[
        float, typer.Option(min=0.001, help="Seconds a request body may take to arrive (408 after).")
    ] = 120.0,
    max_connections: Annotated[
        int, typer.Option(min=1, help="Open connections at once; a connection beyond gets a 503.")
    ] = 4096,
    journal_mb: Annotated[
        float, typer.Option(min=0.001, help="Journal size in MB; past it the oldest entries are dropped.")
    ] = 64.0,
    strict_parameters: Annotated[
        bool,
        typer.Option(
            "--strict-parameters",
            help="Also refuse values outside each model's catalog entry (allowed values, ranges, prompt length). "
            "By default a model ignores what it does not support, as the API documents.",
        ),
    ] = False,
) -> None:
    """Serve the mock API until Ctrl-C; prints its base URL first."""
    if record and not (upstream and cassettes):
        raise typer.BadParameter("--record needs --upstream URL and --cassettes DIR", param_hint="--record")
    try:
        from deepshi.mock.cli import serve as serve_mock
        from deepshi.mock.sse import DEFAULT_INTERVAL, DEFAULT_KEEPALIVES
    except ImportError as exc:
        raise ConfigurationError(
            f"the mock server needs the 'mock' extra: pip install 'deepshi[mock]' ({exc})"
        ) from exc
    keys = dict(_key_policy(item) for item in accept_key) if accept_key else None
    serve_mock(
        host=host,
        port=port,
        cassettes=cassettes,
        record=record,
        upstream=upstream,
        api_keys=keys,
        sse_interval=DEFAULT_INTERVAL if sse_interval is None else sse_interval,
        sse_keepalives=DEFAULT_KEEPALIVES if sse_keepalives is None else sse_keepalives,
        max_upload_bytes=int(max_upload_mb * 1024 * 1024),
        fast=fast,
        header_timeout=header_timeout,
        body_timeout=body_timeout,
        max_connections=max_connections,
        journal_bytes=int(journal_mb * 1024 * 1024),
        strict_parameters=strict_parameters,
    )


def _key_policy(item: str) -> tuple[str, str]:
    key, _, policy = item.partition("=")
    return key, policy or "ok"
