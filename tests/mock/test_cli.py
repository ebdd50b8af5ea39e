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
