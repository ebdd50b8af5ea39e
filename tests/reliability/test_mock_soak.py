"""Soaks (marker ``soak``, run by ``tox -e reliability-soak``): the mock's bounds at full size and length.

- the issue's own case: one request of 255 x 1 MB text parts, with the default journal bounds;
- the journal's ring under 3,000 requests of 30 kB against its default 64 MiB, and the memory it holds;
- 2,000 connections with half-sent heads at once (``header_timeout`` 1 s), while others are served;
- 2,000 generated hostile JSON bodies.
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
import tracemalloc
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deepshi.mock import MockServer

from . import figures
from .canary import CANARY_KEY
from .raw_http import connect, form, parse, read_until_closed, wait_for

pytestmark = pytest.mark.soak
AUTH = {"authorization": f"Bearer {CANARY_KEY}"}
MB = 1_000_000


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer(header_timeout=1.0) as server:
        yield server


def test_255_text_parts_of_1_mb_keep_an_entry_of_at_most_1_mib(mock: MockServer) -> None:
    values = [(f"part-{i:03d}", bytes([97 + i % 26]) * MB) for i in range(255)]
    body, content_type = form(values)
    mock.reset()
    gc.collect()
    tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        response = httpx.post(
            mock.url + "/v1/images/edits", content=body, headers={**AUTH, "content-type": content_type}, timeout=120
        )
        del body
        gc.collect()
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400  # no model, no image
    [entry] = mock.journal
    kept = sum(isinstance(v, str) for v in entry.fields.values())
    for name, value in values:
        if not isinstance(entry.fields[name], str):
            assert entry.fields[name] == {"$digest": f"sha256:{hashlib.sha256(value).hexdigest()}", "bytes": MB}
    assert entry.size <= 1024 * 1024 + 64 * 1024
    figures.record(
        "soak",
        **{
            "parts": 255,
            "part MB": 1,
            "entry KiB": round(entry.size / 1024, 1),
            "values kept whole": kept,
            "held after MiB": round((held - baseline) / 2**20, 1),
        },
    )


def test_the_journal_ring_holds_its_total_under_thousands_of_requests(mock: MockServer) -> None:
    mock.reset()
    prompt = "y" * 9_000
    with httpx.Client(base_url=mock.url, headers=AUTH, timeout=60) as client:
        for index in range(3000):
            raw = json.dumps({"model": "flux-2-pro", "prompt": prompt, "n": 0, "seed": index, "note": "z" * 21_000})
            # n=0 is invalid: a 400 answered at once (no image to render), journaled in full all the same.
            client.post("/v1/images/generations", content=raw, headers={"content-type": "application/json"})
    assert mock.app.journal.bytes <= 64 * 1024 * 1024
    assert mock.journal_dropped > 0
    figures.record(
        "soak",
        **{
            "ring requests": 3000,
            "ring kept": len(mock.journal),
            "ring dropped": mock.journal_dropped,
            "ring MiB": round(mock.app.journal.bytes / 2**20, 1),
        },
    )


def test_2000_half_sent_heads_are_closed_while_others_are_served(mock: MockServer) -> None:
    started = time.monotonic()
    sockets = [connect(mock.port) for _ in range(2000)]
    for sock in sockets:
        sock.sendall(b"GET /__mock__/health HTTP/1.1\r\nhost: mock\r\n")
    served = [httpx.get(mock.url + "/__mock__/health", timeout=10).status_code for _ in range(20)]
    answers = [parse(read_until_closed(sock, started + 60)) for sock in sockets]
    elapsed = time.monotonic() - started
    for sock in sockets:
        sock.close()
    assert served == [200] * 20
    assert {a.status for a in answers} == {408}
    wait_for(lambda: mock.open_connections == 0, time.monotonic() + 30)
    figures.record(
        "soak", **{"slow connections": 2000, "slow answered 408": len(answers), "slow seconds": round(elapsed, 2)}
    )


_VALUES = st.sampled_from(
    ["NaN", "Infinity", "1e400", '"\\ud800"', '"x\\udfff"', "[" * 100 + "]" * 100, '"ok"', "1", "{}", "null"]
)


@settings(max_examples=2000, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(values=st.lists(_VALUES, min_size=1, max_size=8), key=st.sampled_from(["extra", "\\ud800", "n", "prompt"]))
def test_thousands_of_hostile_bodies_never_get_a_500(mock: MockServer, values: list[str], key: str) -> None:
    raw = (
        "{"
        + ",".join([f'"{key}{i}":{v}' for i, v in enumerate(values)] + ['"model":"flux-2-pro"', '"prompt":"p"'])
        + "}"
    )
    response = httpx.post(
        mock.url + "/v1/images/generations",
        content=raw,
        headers={**AUTH, "content-type": "application/json"},
        timeout=30,
    )
    assert response.status_code in (200, 400), response.text[:200]
    figures.add("soak", "hostile bodies")
    figures.add("soak", "hostile 500s", response.status_code >= 500)
