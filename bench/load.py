"""A closed-loop HTTP load generator for the mock-server rows (P8): ``connections`` clients, each
sending its next request when the last answer is read, for a bounded count and time.

aiohttp, in its own process (``python -m bench.load``), so the generator never shares a GIL with
the measuring process; the server under test runs in another. The same generator and settings
drive every server, so what differs between rows is the server.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from typing import Any

import aiohttp


@dataclass(frozen=True)
class Load:
    """What to send: one request, repeated."""

    url: str
    method: str = "GET"
    headers: dict[str, str] | None = None
    json_body: Any = None
    form: list[tuple[str, str, bytes | str, str | None]] | None = None
    """Multipart parts: (name, filename or "", value, content type)."""
    connections: int = 16
    requests: int = 4000
    seconds: float = 5.0
    """Stop after this long even if ``requests`` were not all sent (the rate is what counts)."""
    warmup: int = 200


@dataclass(frozen=True)
class Outcome:
    requests: int
    seconds: float
    statuses: dict[str, int]
    answer_bytes: int
    """Body size of the last answer."""
    client_cpu: float
    """CPU seconds the generator used."""

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def _form(parts: list[tuple[str, str, bytes | str, str | None]]) -> aiohttp.FormData:
    form = aiohttp.FormData()
    for name, filename, value, content_type in parts:
        if filename:
            form.add_field(name, value, filename=filename, content_type=content_type)
        else:
            form.add_field(name, value)
    return form


async def _run(load: Load) -> Outcome:
    statuses: dict[str, int] = {}
    sizes = [0]
    connector = aiohttp.TCPConnector(limit=load.connections, force_close=False)
    async with aiohttp.ClientSession(connector=connector, headers=load.headers or {}) as session:

        async def one() -> None:
            kwargs: dict[str, Any] = {}
            if load.json_body is not None:
                kwargs["json"] = load.json_body
            if load.form is not None:
                kwargs["data"] = _form(load.form)
            async with session.request(load.method, load.url, **kwargs) as response:
                body = await response.read()
                key = str(response.status)
                statuses[key] = statuses.get(key, 0) + 1
                sizes[0] = len(body)

        async def worker(count: list[int], deadline: float) -> None:
            while count[0] > 0 and time.perf_counter() < deadline:
                count[0] -= 1
                await one()

        warm = [load.warmup]
        await asyncio.gather(*(worker(warm, time.perf_counter() + load.seconds) for _ in range(load.connections)))
        statuses.clear()
        remaining = [load.requests]
        cpu, start = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker(remaining, start + load.seconds) for _ in range(load.connections)))
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
    return Outcome(sum(statuses.values()), seconds, statuses, sizes[0], cpu)


def run(load: Load) -> Outcome:
    """Drive ``load`` from a child process; its figures."""
    import subprocess

    from .config import ROOT

    payload = json.dumps(asdict(load), default=lambda b: {"$bytes": b.hex()})
    done = subprocess.run(
        [sys.executable, "-m", "bench.load"],
        input=payload,
        capture_output=True,
        text=True,
        timeout=load.seconds * 4 + 60,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed:\n{done.stderr[-2000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return Outcome(**figures)


def _decode(node: Any) -> Any:
    if isinstance(node, dict) and set(node) == {"$bytes"}:
        return bytes.fromhex(node["$bytes"])
    if isinstance(node, list):
        return [_decode(item) for item in node]
    return node


def main() -> int:
    raw = json.loads(sys.stdin.read())
    if raw.get("form") is not None:
        raw["form"] = [tuple(_decode(list(part))) for part in raw["form"]]
    load = Load(**raw)
    outcome = asyncio.run(_run(load))
    print(json.dumps(asdict(outcome)))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONASYNCIODEBUG", "0")
    sys.exit(main())
