"""``python -m deepshi.mock serve``: prints the base URL, serves, stops cleanly on Ctrl-C."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import httpx

from deepshi.mock.cli import main, serve

ROOT = Path(__file__).resolve().parents[2]


def test_the_module_serves_until_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "deepshi.mock", "serve", "--port", "0", "--sse-keepalives", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.fullmatch(r"Deepshi mock server: (http://127\.0\.0\.1:\d+)/v1\n", first)
        assert match, first
        origin = match.group(1)
        assert httpx.get(origin + "/__mock__/health").json()["status"] == "ok"
        streamed = httpx.post(
            origin + "/v1/images/generations",
            json={"model": "nano-banana-2", "prompt": "x", "stream": True},
            headers={"authorization": "Bearer sk-bf-mock-test-key"},
        )
        assert streamed.text.count(": keepalive\n\n") == 2
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0, err
    assert "stopped" in out
    assert "Traceback" not in err


class Announced(io.StringIO):
    """Captures serve()'s output and signals once the server says it is up."""

    def __init__(self) -> None:
        super().__init__()
        self.up = threading.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        if "Ctrl-C" in text:
            self.up.set()
        return written


def test_serve_prints_the_urls_and_returns_when_stopped() -> None:
    out = Announced()
    stop = threading.Event()
    origin: list[str] = []

    def stop_when_up() -> None:
        out.up.wait()
        origin.append(re.findall(r"origin (\S+)", out.getvalue())[0])
        origin.append(str(httpx.get(origin[0] + "/__mock__/health").status_code))
        stop.set()

    watcher = threading.Thread(target=stop_when_up)
    watcher.start()
    serve(port=0, out=out, stop=stop)
    watcher.join()

    assert origin[1] == "200"

    text = out.getvalue()
    assert f"Deepshi mock server: {origin[0]}/v1" in text
    assert "api key sk-bf-mock-test-key" in text
    assert text.rstrip().endswith("stopped.")


def test_record_needs_an_upstream_and_a_directory() -> None:
    assert main(["serve", "--record", "--port", "0"]) == 2


def test_a_bad_cassette_directory_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("interactions: 1")

    assert main(["serve", "--port", "0", "--cassettes", str(tmp_path)]) == 1


def test_the_limits_are_flags_of_both_commands_with_the_servers_defaults(monkeypatch: Any) -> None:
    """``python -m deepshi.mock serve`` and ``deepshi mock serve`` share one definition of the options
    (``build_parser``): both pass every limit flag on, and the defaults are MockServer's own."""
    import inspect

    from typer.testing import CliRunner

    import deepshi.mock.cli as mock_cli
    from deepshi.cli.app import app
    from deepshi.mock import MockServer

    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(mock_cli, "serve", lambda **kwargs: seen.append(kwargs))
    flags = ["--header-timeout", "0.5", "--body-timeout", "7", "--max-connections", "9", "--journal-mb", "2"]
    flags += ["--accept-key", "sk-bf-accepted-key-1", "--accept-key", "sk-bf-revoked-key-2=revoked"]
    assert main(["serve", *flags, "--strict-parameters"]) == 0
    result = CliRunner().invoke(app, ["mock", "serve", *flags, "--strict-parameters"])
    assert result.exit_code == 0, result.output
    expected = {
        "header_timeout": 0.5,
        "body_timeout": 7.0,
        "max_connections": 9,
        "journal_bytes": 2 * 1024 * 1024,
        "api_keys": {"sk-bf-accepted-key-1": "ok", "sk-bf-revoked-key-2": "revoked"},
        "strict_parameters": True,
    }
    assert len(seen) == 2
    assert seen[0] == seen[1]
    assert {name: seen[0][name] for name in expected} == expected

    defaults = {name: p.default for name, p in inspect.signature(MockServer).parameters.items()}
    parser_defaults = vars(mock_cli.build_parser().parse_args(["serve"]))
    for name in ("header_timeout", "body_timeout", "max_connections", "strict_parameters"):
        assert parser_defaults[name] == defaults[name], name
    assert parser_defaults["journal_mb"] * 1024 * 1024 == defaults["journal_bytes"]


def test_the_old_api_key_spelling_still_works(monkeypatch: Any) -> None:
    import deepshi.mock.cli as mock_cli

    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(mock_cli, "serve", lambda **kwargs: seen.append(kwargs))
    assert main(["serve", "--api-key", "sk-bf-accepted-key-1=no_credits"]) == 0
    assert seen[0]["api_keys"] == {"sk-bf-accepted-key-1": "no_credits"}
    assert main(["serve", "--accept-key", "sk-bf-accepted-key-1=maybe"]) == 2


def test_the_server_prints_the_export_line_that_points_deepshi_at_it() -> None:
    out = Announced()
    stop = threading.Event()

    def stop_when_up() -> None:
        out.up.wait()
        stop.set()

    watcher = threading.Thread(target=stop_when_up)
    watcher.start()
    serve(port=0, out=out, stop=stop)
    watcher.join()
    origin = re.findall(r"origin (\S+)", out.getvalue())[0]
    assert f"export DEEPSHI_BASE_URL={origin} DEEPSHI_API_KEY=sk-bf-mock-test-key\n" in out.getvalue()
