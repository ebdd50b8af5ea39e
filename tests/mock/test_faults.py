"""Each fault produces its documented failure on the wire (per request header, and next-N via API)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from deepshi.mock import Fault, FaultError, MockServer

from .conftest import ERROR_KEYS

GENERATE = {"model": "nano-banana-2", "prompt": "x"}
recorded_delays: list[float] = []


async def recording_sleep(seconds: float) -> None:
    recorded_delays.append(seconds)


@pytest.fixture(scope="module")
def fake_clock() -> Iterator[MockServer]:
    with MockServer(sleep=recording_sleep) as server:
        yield server


def generate(server: MockServer, fault: str | None = None, **extra: Any) -> httpx.Response:
    headers = {"authorization": f"Bearer {server.api_key}"}
    if fault:
        headers["x-deepshi-mock-fault"] = fault
    return httpx.post(server.base_url + "/images/generations", json={**GENERATE, **extra}, headers=headers, timeout=10)


def test_status_with_retry_after_seconds(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "status;status=429;retry_after=3")

    assert response.status_code == 429
    assert response.headers["retry-after"] == "3"
    assert response.json()["error"]["type"] == "rate_limit_error"
    entry = deepshi_mock.journal[-1]
    assert (entry.status, entry.fault, entry.valid) == (429, "status", True)


def test_status_with_retry_after_date_ms_and_should_retry(deepshi_mock: MockServer) -> None:
    fault = Fault(
        "status",
        status=503,
        retry_after="Fri, 27 Nov 2026 10:00:00 GMT",
        retry_after_ms=1500,
        x_should_retry=True,
        message="Try later.",
        code="overloaded",
    )
    deepshi_mock.add_fault(fault)

    response = generate(deepshi_mock)

    assert response.status_code == 503
    assert response.headers["retry-after"] == "Fri, 27 Nov 2026 10:00:00 GMT"
    assert response.headers["retry-after-ms"] == "1500"
    assert response.headers["x-should-retry"] == "true"
    assert response.json() == {
        "error": {"message": "Try later.", "type": "server_error", "code": "overloaded", "param": None}
    }


@pytest.mark.parametrize("status", [400, 401, 402, 403, 404, 413, 422, 429, 500, 502, 503, 504, 418])
def test_any_status_gets_the_error_body(deepshi_mock: MockServer, status: int) -> None:
    response = generate(deepshi_mock, f"status;status={status}")

    assert response.status_code == status
    assert set(response.json()["error"]) == ERROR_KEYS[1]


def test_latency_delays_the_answer(fake_clock: MockServer) -> None:
    recorded_delays.clear()
    assert generate(fake_clock, "latency;seconds=2.5").status_code == 200
    assert recorded_delays == [2.5]


def test_latency_really_waits(deepshi_mock: MockServer) -> None:
    started = time.perf_counter()
    assert generate(deepshi_mock, "latency;seconds=0.2").status_code == 200
    assert time.perf_counter() - started >= 0.2


def test_slow_drip_sends_the_body_in_paced_chunks(fake_clock: MockServer) -> None:
    recorded_delays.clear()
    normal = generate(fake_clock)
    dripped = generate(fake_clock, "slow_drip;bytes_per_chunk=4096;interval=0.5")

    assert dripped.content == normal.content
    expected = [0.5] * ((len(dripped.content) - 1) // 4096)
    assert recorded_delays == expected


def test_slow_drip_past_the_read_timeout(deepshi_mock: MockServer) -> None:
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(
            deepshi_mock.base_url + "/images/generations",
            json=GENERATE,
            headers={"authorization": f"Bearer {deepshi_mock.api_key}", "x-deepshi-mock-fault": "slow_drip;interval=1"},
            timeout=httpx.Timeout(5, read=0.1),
        )


def test_reset_before_headers(deepshi_mock: MockServer) -> None:
    with pytest.raises(httpx.ReadError, match="reset"):
        generate(deepshi_mock, "reset_before_headers")
    entry = deepshi_mock.journal[-1]
    assert (entry.status, entry.fault) == (0, "reset_before_headers")


def test_reset_after_headers(deepshi_mock: MockServer) -> None:
    headers = {"authorization": f"Bearer {deepshi_mock.api_key}", "x-deepshi-mock-fault": "reset_after_headers"}
    with (
        httpx.Client() as client,
        client.stream(
            "POST", deepshi_mock.base_url + "/images/generations", json=GENERATE, headers=headers
        ) as response,
    ):
        assert response.status_code == 200
        assert int(response.headers["content-length"]) > 0
        with pytest.raises(httpx.ReadError, match="reset"):
            response.read()


def test_truncated_json_closes_mid_body(deepshi_mock: MockServer) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match=r"incomplete|without sending complete"):
        generate(deepshi_mock, "truncated_json")


def test_truncated_sse_ends_the_stream_mid_event(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "truncated_sse", stream=True)

    assert response.status_code == 200
    keepalive, _, cut = response.text.partition("\n\n")  # the default keepalive comes whole
    assert keepalive == ": keepalive"
    assert cut.startswith("event: image_generation.completed\ndata: {")
    assert not cut.endswith("\n\n")
    assert "\n\n" not in cut


def test_truncated_sse_can_reset_instead(deepshi_mock: MockServer) -> None:
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        generate(deepshi_mock, "truncated_sse;abort=true", stream=True)


def test_malformed_json(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "malformed_json")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_malformed_json_in_a_stream_event(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "malformed_json", stream=True)

    keepalive, event, data = response.text.rstrip("\n").replace("\n\n", "\n").split("\n")
    assert keepalive == ": keepalive"
    assert event == "event: image_generation.completed"
    with pytest.raises(json.JSONDecodeError):
        json.loads(data.removeprefix("data: "))


def test_wrong_content_type(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "wrong_content_type")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.startswith("<html>")


def test_sse_error_event(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "sse_error_event;message=boom;code=gpu_lost", stream=True)

    assert response.status_code == 200
    keepalive, event, data = response.text.rstrip("\n").replace("\n\n", "\n").split("\n")
    assert keepalive == ": keepalive"
    assert event == "event: error"
    assert json.loads(data.removeprefix("data: ")) == {
        "type": "error",
        "error": {"message": "boom", "type": "server_error", "code": "gpu_lost", "param": None},
    }


def test_sse_error_event_on_a_json_request_is_a_500(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "sse_error_event")

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "generation_failed"


def test_override_serves_anything(deepshi_mock: MockServer) -> None:
    body = {"created": 1, "data": [], "unexpected": {"nested": True}}
    deepshi_mock.add_fault(Fault("override", status=201, headers={"x-custom": "yes"}, body=body))
    response = generate(deepshi_mock)
    assert (response.status_code, response.headers["x-custom"], response.json()) == (201, "yes", body)

    deepshi_mock.add_fault(Fault("override", body="plain words", content_type="text/plain"))
    response = generate(deepshi_mock)
    assert (response.status_code, response.headers["content-type"], response.text) == (200, "text/plain", "plain words")

    raw = "event: image_generation.completed\ndata: {}\n\n"
    response = generate(deepshi_mock, f"override;content_type=text/event-stream;body={raw.replace(chr(10), '%0A')}")
    assert response.text == raw


def test_faults_apply_to_the_next_n_matching_requests(deepshi_mock: MockServer, api: httpx.Client) -> None:
    deepshi_mock.add_fault(Fault("status", status=500, operation="createImage"), count=2)

    assert api.get("/models").status_code == 200  # another operation does not consume it
    assert [generate(deepshi_mock).status_code for _ in range(3)] == [500, 500, 200]
    assert [e.fault for e in deepshi_mock.journal] == [None, "status", "status", None]


def test_several_faults_in_one_header(fake_clock: MockServer) -> None:
    recorded_delays.clear()
    response = generate(fake_clock, "latency;seconds=1, status;status=502")

    assert (response.status_code, recorded_delays) == (502, [1.0])


def test_the_faults_endpoint(deepshi_mock: MockServer) -> None:
    with httpx.Client(base_url=deepshi_mock.url) as control:
        armed = control.post("/__mock__/faults", json=[{"kind": "status", "status": 429, "retry_after": 1, "count": 2}])

        assert armed.status_code == 201
        assert control.get("/__mock__/faults").json() == {
            "faults": [{"fault": {"kind": "status", "status": 429, "retry_after": 1}, "remaining": 2}]
        }
        assert generate(deepshi_mock).status_code == 429
        assert control.get("/__mock__/faults").json()["faults"][0]["remaining"] == 1
        assert control.delete("/__mock__/faults").status_code == 204
        assert generate(deepshi_mock).status_code == 200


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "explode"},
        {"kind": "status"},
        {"status": 500},
        {"kind": "latency", "bogus": 1},
        {"kind": "latency", "count": 0},
        "[1]",
    ],
)
def test_bad_faults_are_refused_with_the_error_shape(deepshi_mock: MockServer, payload: Any) -> None:
    response = httpx.post(
        deepshi_mock.url + "/__mock__/faults", content=payload if isinstance(payload, str) else json.dumps(payload)
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_fault"
    assert deepshi_mock.pending_faults == []


def test_a_bad_fault_header_is_a_400(deepshi_mock: MockServer) -> None:
    response = generate(deepshi_mock, "status;status=abc")

    assert response.status_code == 400
    assert response.json()["error"]["param"] == "x-deepshi-mock-fault"


def test_fault_objects_validate_and_round_trip() -> None:
    with pytest.raises(FaultError):
        Fault("status")
    with pytest.raises(FaultError):
        Fault("nope")  # type: ignore[arg-type]
    fault = Fault("slow_drip", bytes_per_chunk=8, interval=0.1, operation="editImage")
    assert Fault.from_dict(fault.to_dict()) == fault
    assert Fault.from_header("slow_drip;bytes_per_chunk=8;interval=0.1;operation=editImage") == [fault]
