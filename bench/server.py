"""The mock server in its own process (``python -m deepshi.mock serve --fast``), so it never
competes with the measured client for the GIL, and its CPU use can be read separately."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType

import httpx

from deepshi.mock import MockServer

from . import procinfo

_URL = re.compile(r"Deepshi mock server: (http://\S+)/v1")


class MockProcess:
    """Start with ``with MockProcess(cassettes) as mock:``; ``mock.base_url`` is the API root."""

    api_key = MockServer.API_KEY

    def __init__(self, cassettes: Path) -> None:
        self.cassettes = cassettes
        self.url = ""
        self._process: subprocess.Popen[str] | None = None
        self._stderr: list[str] = []

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def cpu_seconds(self) -> float:
        """CPU seconds the server process has used so far."""
        return procinfo.cpu_seconds(self.pid)

    def start(self) -> MockProcess:
        command = [sys.executable, "-m", "deepshi.mock", "serve", "--port", "0", "--fast"]
        command += ["--cassettes", str(self.cassettes)]
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        assert self._process.stdout is not None
        assert self._process.stderr is not None
        threading.Thread(target=self._stderr.extend, args=(self._process.stderr,), daemon=True).start()
        for line in self._process.stdout:
            match = _URL.search(line)
            if match:
                self.url = match.group(1)
                break
        if not self.url:
            self._process.wait(timeout=10)
            raise RuntimeError("the mock server did not start:\n" + "".join(self._stderr[-20:]))
        # Drain the rest of stdout so the server never blocks on a full pipe.
        threading.Thread(target=self._process.stdout.read, daemon=True).start()
        httpx.get(self.url + "/__mock__/health", timeout=10).raise_for_status()
        return self

    def reset_journal(self) -> None:
        """Drop the journal the server keeps of every request (it grows with each request)."""
        httpx.delete(self.url + "/__mock__/journal", timeout=10).raise_for_status()

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def __enter__(self) -> MockProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
