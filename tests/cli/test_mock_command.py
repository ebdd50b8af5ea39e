"""`deepshi mock serve`: a real server in a child process; the other commands talk to it; Ctrl-C stops it."""

from __future__ import annotations

import json
import shlex
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

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
        announced: list[str] = []
        while not announced or announced[-1].strip() != "press Ctrl-C to stop":  # its last line (or EOF)
            line = server.stdout.readline()
            assert line, "the server ended before announcing itself"
            announced.append(line)
        with urllib.request.urlopen(f"{origin}/__mock__/health", timeout=10) as answer:
            assert answer.status == 200

        # The export line it prints is all the next command needs (README: the mock one-liner).
        [export] = [line.strip() for line in announced if line.strip().startswith("export ")]
        variables = dict(item.split("=", 1) for item in shlex.split(export)[1:])
        assert variables == {"DEEPSHI_BASE_URL": origin, "DEEPSHI_API_KEY": "sk-bf-mock-test-key"}
        models = cli("models", "--json", global_args=[], env=variables)
        assert models.exit_code == 0, models.output
        model = json.loads(models.stdout)["data"][0]["id"]
        generated = cli(
            "generate", "-p", "a fox", "-m", model, "--stream", "-o", str(tmp_path), global_args=[], env=variables
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


def test_both_mock_commands_have_the_same_options_help_and_errors(cli: Run, capsys: pytest.CaptureFixture[str]) -> None:
    from deepshi.mock.cli import main

    assert main(["serve", "--help"]) == 0
    module_help = capsys.readouterr().out
    ours = cli("mock", "serve", "--help")
    assert ours.exit_code == 0
    words = " ".join(ours.stdout.replace("deepshi mock", "python -m deepshi.mock").split())
    assert words == " ".join(module_help.split())  # the same text (argparse wraps by the prog's length)
    for flag in ("--accept-key", "--strict-parameters", "--header-timeout", "--journal-mb", "--sse-keepalives"):
        assert flag in ours.stdout

    assert main(["serve", "--port", "-1"]) == 2
    module_error = capsys.readouterr().err
    ours = cli("mock", "serve", "--port", "-1")
    assert ours.exit_code == 2
    assert module_error == "error: --port: must be 0–65535 (got '-1') (see 'python -m deepshi.mock serve --help')\n"
    assert ours.stderr.replace("deepshi mock", "python -m deepshi.mock") == module_error


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
