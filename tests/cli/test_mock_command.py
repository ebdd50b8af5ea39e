"""`deepshi mock serve`: a real server in a child process; the other commands talk to it; Ctrl-C stops it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from .conftest import Run


def test_mock_serve_prints_its_url_serves_the_api_and_stops_on_ctrl_c(cli: Run, tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "deepshi", "mock", "serve", "--port", "0", "--sse-keepalives", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # blocks until the server is up (or the process ended)
        assert first.startswith("Deepshi mock server: http://127.0.0.1:"), first + server.stderr.read()  # type: ignore[union-attr]
        base_url = first.split(": ", 1)[1].strip()
        assert base_url.endswith("/v1")
        origin = base_url.removesuffix("/v1")
        with urllib.request.urlopen(f"{origin}/__mock__/health", timeout=10) as answer:
            assert answer.status == 200

        # The other commands work against it; streamed answers carry the keepalives asked for.
        global_args = ["--base-url", base_url, "--api-key", "sk-bf-anything-well-formed", "--max-retries", "0"]
        models = cli("models", "--json", global_args=global_args)
        assert models.exit_code == 0, models.output
        model = json.loads(models.stdout)["data"][0]["id"]
        generated = cli(
            "generate", "-p", "a fox", "-m", model, "--stream", "-o", str(tmp_path), global_args=global_args
        )
        assert generated.exit_code == 0, generated.output
        with urllib.request.urlopen(f"{origin}/__mock__/journal", timeout=10) as answer:
            entries = json.load(answer)["entries"]
        assert [entry["operation"] for entry in entries][-1] == "createImage"
        assert entries[-1]["fields"]["stream"] is True
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "stopped" in out


def test_record_needs_upstream_and_cassettes(cli: Run) -> None:
    result = cli("mock", "serve", "--record", "--upstream", "http://127.0.0.1:9")
    assert result.exit_code == 2
    assert "--cassettes" in result.output


def test_a_busy_port_is_one_error_line(cli: Run) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("mock", "serve", "--port", str(port))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: OSError: ")
