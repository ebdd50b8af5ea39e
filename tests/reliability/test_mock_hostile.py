"""The mock server against hostile clients: it must never answer 500, hang, or grow without bound.

Hand-made requests over httpx and raw sockets (none of them through the facade, which refuses
most of them before sending):

- JSON that Python accepts but JSON does not (NaN, infinities, 1e400, lone surrogates, nesting
  100,000 deep), a multipart boundary over 256 characters: a typed 400, and the journal stays
  readable over HTTP;
- faults that would break the next answer (not a string map, CRLF in a header, NaN, latency of
  1e9 s, ...): refused with 400 when armed, by every way of arming one;
- slowloris: request heads and bodies that stop arriving get a 408 and are closed after the
  configured deadline; connections beyond the cap get a 503; oversized heads a 431 (JSON, always);
- the journal keeps digests past its per-entry bounds and drops its oldest entries past its total;
- ``HEAD``, 204 and 304 answers carry no body, so the connection stays usable.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deepshi.mock import Fault, MockServer
from deepshi.mock.faults import FaultError

from . import figures
from .canary import CANARY_KEY
from .raw_http import Client, connect, form, parse, read_until_closed, wait_for
from .support import MODEL, thorough

AUTH = {"authorization": f"Bearer {CANARY_KEY}"}
GENERATE = "/v1/images/generations"
BASE = '"model":"flux-2-pro","width":256,"height":256'


@pytest.fixture(scope="module")
def hostile() -> Iterator[MockServer]:
    with MockServer() as server:
        yield server


def _post(mock: MockServer, raw: bytes, path: str = GENERATE, content_type: str = "application/json") -> httpx.Response:
    return httpx.post(mock.url + path, content=raw, headers={**AUTH, "content-type": content_type}, timeout=30)


def _journal_is_readable(mock: MockServer) -> list[dict[str, Any]]:
    """``GET /__mock__/journal`` answers 200 with strict JSON (no NaN, valid UTF-8), and its entries."""
    response = httpx.get(mock.url + "/__mock__/journal", timeout=30)
    assert response.status_code == 200, response.text[:300]
    response.content.decode("utf-8")  # strict
    parsed = json.loads(response.content, parse_constant=lambda name: pytest.fail(f"{name} in the journal"))
    figures.add("mock hostile", "journal reads")
    return parsed["entries"]  # type: ignore[no-any-return]


# -- items 15 and 16: JSON and multipart that used to answer 500 or poison the journal ---------------

HOSTILE_BODIES = {
    "n-nan": (b"{" + BASE.encode() + b',"prompt":"p","n":NaN}', "invalid_json", None),
    "seed-1e400": (b"{" + BASE.encode() + b',"prompt":"p","seed":1e400}', "invalid_json", None),
    "extra-infinity": (b"{" + BASE.encode() + b',"prompt":"p","extra":-Infinity}', "invalid_json", None),
    "surrogate-key": (b"{" + BASE.encode() + b',"prompt":"p","\\ud800":1}', "invalid_encoding", None),
    "surrogate-prompt": (b"{" + BASE.encode() + b',"prompt":"p\\udfff"}', "invalid_encoding", "prompt"),
    "surrogate-model": (b'{"model":"flux\\ud800","prompt":"p"}', "invalid_encoding", "model"),
    # gpt-image-2's template echoes the prompt into revised_prompt.
    "surrogate-revised-prompt": (b'{"model":"gpt-image-2","prompt":"a \\ud83d cat"}', "invalid_encoding", "prompt"),
    "nested-100000": (b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nested_too_deeply", None),
    "extra-nested-500": (
        b"{" + BASE.encode() + b',"prompt":"p","extra":' + b"[" * 500 + b"]" * 500 + b"}",
        "nested_too_deeply",
        "extra",
    ),
    "extra-object-nested-500": (
        b"{" + BASE.encode() + b',"prompt":"p","extra":' + b'{"a":' * 500 + b"1" + b"}" * 500 + b"}",
        "nested_too_deeply",
        "extra",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE_BODIES))
def test_json_python_accepts_but_json_does_not_is_a_typed_400_and_the_journal_stays_readable(
    hostile: MockServer, case: str
) -> None:
    raw, code, param = HOSTILE_BODIES[case]
    hostile.reset()

    response = _post(hostile, raw)

    assert response.status_code == 400, response.text[:300]
    error = response.json()["error"]
    assert (error["type"], error["code"], error["param"]) == ("invalid_request_error", code, param)
    [entry] = _journal_is_readable(hostile)
    assert (entry["status"], entry["valid"], entry["error"]) == (400, False, error["message"])
    figures.add("mock hostile", "requests")


def test_a_multipart_boundary_over_256_characters_is_a_400(hostile: MockServer) -> None:
    boundary = "b" * 300
    body = f'--{boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nx\r\n--{boundary}--\r\n'.encode()

    response = _post(hostile, body, "/v1/images/edits", f"multipart/form-data; boundary={boundary}")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_multipart"
    _journal_is_readable(hostile)
    figures.add("mock hostile", "requests")


def test_deeply_nested_json_posted_to_the_faults_endpoint_is_a_400(hostile: MockServer) -> None:
    response = _post(hostile, b"[" * 100_000 + b"]" * 100_000, "/__mock__/faults")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "nested_too_deeply"
    assert hostile.pending_faults == []
    figures.add("mock hostile", "requests")


_HOSTILE_VALUES = st.sampled_from(
    ["NaN", "Infinity", "-Infinity", "1e400", "-1e999", '"\\ud800"', '"a\\udfffb"', '"\\ud83d"', "[" * 80 + "]" * 80]
)
_PLAIN_VALUES = st.sampled_from(['"text"', "1", "2.5", "true", "null", "[]", "{}", '"\\u00e9"', '"\\ud83d\\ude00"'])


@settings(
    max_examples=1000 if thorough() else 40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    values=st.lists(st.one_of(_HOSTILE_VALUES, _PLAIN_VALUES), min_size=1, max_size=6),
    names=st.lists(st.sampled_from(["n", "seed", "prompt", "model", "extra", "\\ud800", "x"]), min_size=6, max_size=6),
    path=st.sampled_from([GENERATE, "/__mock__/faults"]),
)
def test_no_mixture_of_hostile_values_makes_the_mock_answer_500(
    hostile: MockServer, values: list[str], names: list[str], path: str
) -> None:
    members = [f'"{name}":{value}' for name, value in zip(names, values, strict=False)]
    raw = ("{" + ",".join([BASE, '"prompt":"p"', *members]) + "}").encode()
    hostile.reset()

    response = _post(hostile, raw, path)

    assert response.status_code in (200, 201, 400), response.text[:300]
    response.json()  # always the JSON shape
    if path == GENERATE:
        assert len(_journal_is_readable(hostile)) == 1
    figures.add("mock hostile", "requests")
    figures.add("mock hostile", "status 500", response.status_code >= 500)


# -- item 17: faults are validated when they are armed -------------------------------------------------

BAD_FAULTS: dict[str, Any] = {
    "headers-not-a-map": {"kind": "status", "status": 500, "headers": [1, 2]},
    "header-value-not-a-string": {"kind": "status", "status": 500, "headers": {"x-a": 5}},
    "header-value-with-crlf": {"kind": "status", "status": 500, "headers": {"x-a": "a\r\nset-cookie: b"}},
    "header-name-invalid": {"kind": "override", "headers": {"bad name": "v"}},
    "framing-header": {"kind": "override", "headers": {"content-length": "3"}, "body": "0123456789"},
    "content-type-a-number": {"kind": "wrong_content_type", "content_type": 5},
    "override-body-nan": '{"kind": "override", "body": {"a": NaN}}',
    "latency-1e9": {"kind": "latency", "seconds": 1e9},
    "latency-nan": '{"kind": "latency", "seconds": NaN}',
    "negative-interval": {"kind": "slow_drip", "interval": -1},
    "status-a-bool": {"kind": "status", "status": True},
    "status-informational": {"kind": "status", "status": 101},
    "retry-after-ms-negative": {"kind": "status", "status": 429, "retry_after_ms": -5},
    "message-surrogate": '{"kind": "status", "status": 500, "message": "\\ud800"}',
    "count-a-bool": {"kind": "latency", "count": True},
}


@pytest.mark.parametrize("case", list(BAD_FAULTS))
def test_a_fault_that_would_break_the_next_answer_is_refused_when_armed(hostile: MockServer, case: str) -> None:
    payload = BAD_FAULTS[case]
    hostile.reset()
    raw = payload if isinstance(payload, str) else json.dumps(payload)

    armed = httpx.post(hostile.url + "/__mock__/faults", content=raw, timeout=10)

    assert armed.status_code == 400, armed.text
    assert armed.json()["error"]["code"] in ("invalid_fault", "invalid_json", "invalid_encoding")
    assert hostile.pending_faults == []
    after = httpx.post(hostile.url + GENERATE, json={**MODEL, "prompt": "after"}, headers=AUTH, timeout=30)
    assert after.status_code == 200
    figures.add("mock hostile", "faults refused")


def test_the_same_faults_are_refused_from_python_and_from_the_header(hostile: MockServer) -> None:
    for params in (
        {"status": 500, "headers": {"x-a": "a\nb"}},
        {"status": 500, "headers": [("x", "y")]},
        {"status": 5000},
        {"seconds": float("nan")},
    ):
        with pytest.raises(FaultError):
            Fault("status" if "status" in params else "latency", **params)  # type: ignore[arg-type]
    for header in (
        "latency;seconds=1e9",
        "latency;seconds=nan",
        "slow_drip;interval=-1",
        "status;status=500;headers=[1]",
    ):
        response = httpx.post(
            hostile.url + GENERATE, json={**MODEL, "prompt": "p"}, headers={**AUTH, "x-deepshi-mock-fault": header}
        )
        assert response.status_code == 400, header
        assert response.json()["error"]["param"] == "x-deepshi-mock-fault"


# -- item 18: slowloris --------------------------------------------------------------------------------

SLOW_CONNECTIONS = 200


@pytest.fixture(scope="module")
def guarded() -> Iterator[MockServer]:
    """Short deadlines (0.3 s) so the test needs no long waits; the defaults are 10 s and 120 s."""
    with MockServer(header_timeout=0.3, body_timeout=0.3) as server:
        yield server


def test_half_sent_request_heads_get_a_408_and_are_closed(guarded: MockServer) -> None:
    started = time.monotonic()
    sockets = [connect(guarded.port) for _ in range(SLOW_CONNECTIONS)]
    for index, sock in enumerate(sockets):
        sock.sendall(b"POST /v1/images/generations HTTP/1.1\r\nhost: mock\r\nx-slow: " + str(index).encode())
    silent = connect(guarded.port)  # connected, never sends a byte
    # Meanwhile a well-behaved client is served.
    assert httpx.get(guarded.url + "/__mock__/health", timeout=10).status_code == 200

    deadline = started + 15
    answers = [parse(read_until_closed(sock, deadline)) for sock in sockets]
    assert read_until_closed(silent, deadline) == b""  # closed without an answer: it asked nothing
    elapsed = time.monotonic() - started

    assert {a.status for a in answers} == {408}
    assert {a.error()["code"] for a in answers} == {"request_timeout"}
    assert all(a.headers["connection"] == "close" for a in answers)
    wait_for(lambda: guarded.open_connections == 0, time.monotonic() + 10)
    for sock in [*sockets, silent]:
        sock.close()
    figures.record(
        "slowloris",
        connections=SLOW_CONNECTIONS,
        **{"answered 408": len(answers), "seconds": round(elapsed, 2), "header timeout": 0.3},
    )


def test_a_body_that_stops_arriving_gets_a_408_and_is_closed(guarded: MockServer) -> None:
    guarded.reset()
    sock = connect(guarded.port)
    head = (
        "POST /v1/images/generations HTTP/1.1\r\nhost: mock\r\n"
        f"authorization: Bearer {CANARY_KEY}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n"
    )
    sock.sendall(head.encode() + b'{"prompt": "half')

    answer = parse(read_until_closed(sock, time.monotonic() + 10))
    sock.close()

    assert (answer.status, answer.error()["code"], answer.headers["connection"]) == (408, "request_timeout", "close")
    [entry] = guarded.journal
    assert (entry.status, entry.error) == (408, "The request body did not arrive within 0.3 s.")
    figures.record("slowloris", **{"body answered 408": 1, "body timeout": 0.3})


def test_a_request_head_over_the_bound_is_a_431_and_a_malformed_one_a_400(guarded: MockServer) -> None:
    for raw, status, code in (
        (b"GET /__mock__/health HTTP/1.1\r\nhost: mock\r\nx-big: " + b"a" * 20_000 + b"\r\n\r\n", 431, None),
        (b"GET /__mock__/health HTTP/1.1\r\nhost mock\r\n\r\n", 400, "invalid_http"),
    ):
        sock = connect(guarded.port)
        sock.sendall(raw)
        answer = parse(read_until_closed(sock, time.monotonic() + 10))
        sock.close()
        assert answer.status == status
        assert answer.error()["code"] == (code or "request_header_fields_too_large")


def test_connections_beyond_the_cap_get_a_503_in_the_error_shape() -> None:
    with MockServer(max_connections=20, header_timeout=30) as mock:
        held = [Client(mock.port) for _ in range(20)]
        for client in held:
            assert client.request("GET", "/__mock__/health").status == 200  # kept alive, counted
        extra = Client(mock.port)
        refused = extra.request("GET", "/__mock__/health")
        assert refused.status == 503
        assert refused.error()["code"] == "too_many_connections"
        assert (refused.headers["retry-after"], refused.headers["connection"]) == ("1", "close")
        assert held[0].request("GET", "/__mock__/health").status == 200  # those already in are served
        for client in [*held, extra]:
            client.close()
        wait_for(lambda: mock.open_connections == 0, time.monotonic() + 10)
        again = Client(mock.port)
        assert again.request("GET", "/__mock__/health").status == 200
        again.close()


# -- item 19: the journal's bounds ---------------------------------------------------------------------

PARTS = 255


def test_an_entry_keeps_digests_and_lengths_past_its_bounds() -> None:
    values = [(f"part-{i:03d}", (f"{i:03d}" * 21_846)[:65_536].encode()) for i in range(PARTS - 1)]
    body, content_type = form([("prompt", b"short"), *values])
    with MockServer(journal_value_bytes=16_384, journal_entry_bytes=262_144) as mock:
        response = httpx.post(
            mock.url + "/v1/images/edits", content=body, headers={**AUTH, "content-type": content_type}, timeout=60
        )
        assert response.status_code == 400  # no model, no image: invalid, and journaled all the same
        [entry] = mock.journal
        over_http = httpx.get(mock.url + "/__mock__/journal", timeout=30).json()["entries"]

    assert entry.fields["prompt"] == "short"
    assert len(entry.fields) == PARTS
    for name, value in values:
        assert entry.fields[name] == {"$digest": f"sha256:{hashlib.sha256(value).hexdigest()}", "bytes": len(value)}
    assert entry.size <= 262_144 + 4096
    assert over_http == [entry.to_dict()]
    figures.record(
        "journal bounds",
        **{
            "parts": PARTS,
            "part KiB": 64,
            "request MiB": round(len(body) / 2**20, 1),
            "entry KiB": round(entry.size / 1024, 1),
            "value KiB": 16,
            "entry bound KiB": 256,
        },
    )


def test_the_journal_is_a_ring_that_counts_what_it_dropped() -> None:
    prompt = "x" * 30_000
    with (
        MockServer(journal_bytes=100_000, strict_parameters=True) as mock,
        httpx.Client(base_url=mock.url, headers=AUTH) as client,
    ):
        for index in range(40):
            # Too long a prompt for flux-2-pro (strict): a 400 at once (nothing to render), journaled in full.
            response = client.post(GENERATE, json={**MODEL, "prompt": f"{index:02d} {prompt}"}, timeout=30)
            assert response.json()["error"]["code"] == "prompt_too_long"
        kept, dropped = mock.journal, mock.journal_dropped
        over_http = httpx.get(mock.url + "/__mock__/journal", timeout=30).json()
        assert httpx.delete(mock.url + "/__mock__/journal").status_code == 204
        assert (mock.journal, mock.journal_dropped) == ([], 0)

    assert sum(entry.size for entry in kept) <= 100_000
    assert dropped == 40 - len(kept) > 0
    assert [entry.fields["prompt"][:2] for entry in kept] == [f"{i:02d}" for i in range(dropped, 40)]
    assert over_http["dropped"] == dropped
    assert len(over_http["entries"]) == len(kept)
    figures.record("journal bounds", **{"ring requests": 40, "ring kept": len(kept), "ring dropped": dropped})


# -- item 20: no body on HEAD, 204 and 304 ---------------------------------------------------------------


def test_head_204_and_304_answers_carry_no_body_and_the_connection_stays_usable(
    hostile: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    auth = [("authorization", f"Bearer {CANARY_KEY}")]
    client = Client(hostile.port)
    with caplog.at_level(logging.WARNING):
        head = client.request("HEAD", "/v1/models", auth)
        health = client.request("HEAD", "/__mock__/health")
        no_content = client.request("GET", "/v1/models", [*auth, ("x-deepshi-mock-fault", "status;status=204")])
        hostile.add_fault(Fault("override", status=304, body={"created": 1, "data": []}))
        not_modified = client.request("GET", "/v1/models", auth)
        after = client.request("GET", "/v1/models", auth)  # the same connection, still in step
    client.close()

    assert (head.status, head.body) == (405, b"")
    assert (health.status, health.body) == (200, b"")
    assert (no_content.status, no_content.body) == (204, b"")
    assert "content-length" not in no_content.headers
    assert (not_modified.status, not_modified.body) == (304, b"")
    assert after.status == 200
    assert json.loads(after.body)["object"] == "list"
    problems = [r.getMessage() for r in caplog.records if r.name.startswith(("uvicorn", "deepshi.mock"))]
    assert problems == []
