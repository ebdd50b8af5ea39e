"""The server itself: loopback, free port, readiness without sleeping, clean stop."""

from __future__ import annotations

import socket
import statistics
import time
from typing import Any

import httpx
import pytest

from deepshi import _spec
from deepshi.mock import MockServer


def test_binds_loopback_on_a_free_port_and_stops_cleanly() -> None:
    server = MockServer()
    with pytest.raises(RuntimeError, match="not started"):
        _ = server.url
    with server as mock:
        assert mock.url == f"http://127.0.0.1:{mock.port}"
        assert mock.base_url == mock.url + "/v1"
        assert mock.port != 0
        assert mock.address == ("127.0.0.1", mock.port)
        assert repr(mock) == f"MockServer({mock.url})"
        # Ready on return: no sleep, no retry.
        assert httpx.get(mock.url + "/__mock__/health").json()["status"] == "ok"
        port = mock.port
        with pytest.raises(RuntimeError, match="already started"):
            mock.start()
    server.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/__mock__/health")


def test_two_servers_side_by_side() -> None:
    with MockServer() as first, MockServer() as second:
        assert first.port != second.port
        assert httpx.get(first.url + "/__mock__/health").status_code == 200
        assert httpx.get(second.url + "/__mock__/health").status_code == 200


def primary_address() -> str | None:
    """This machine's address on its default route (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
        except OSError:
            return None
        address: str = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_it_is_not_reachable_on_other_interfaces() -> None:
    with MockServer() as mock:
        assert mock.address[0] == "127.0.0.1"
        outside = primary_address()
        if outside is not None:
            with pytest.raises(ConnectionRefusedError), socket.create_connection((outside, mock.port), timeout=2):
                pass


def test_a_fixed_port_in_use_fails_loudly() -> None:
    with MockServer() as mock, pytest.raises(OSError, match="in use"):
        MockServer(port=mock.port).start()


def test_health_and_control_errors_are_json(deepshi_mock: MockServer) -> None:
    health = httpx.get(deepshi_mock.url + "/__mock__/health").json()
    assert health["operations"] == sorted(
        operation["operationId"] for item in _spec.spec()["paths"].values() for operation in item.values()
    )
    assert health["mode"] == "replay"

    missing = httpx.get(deepshi_mock.url + "/__mock__/nothing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_reset_over_http(deepshi_mock: MockServer) -> None:
    httpx.get(deepshi_mock.base_url + "/models")
    assert httpx.post(deepshi_mock.url + "/__mock__/reset").status_code == 204
    assert deepshi_mock.journal == []


def test_small_answers_are_not_held_back_by_nagle(deepshi_mock: MockServer) -> None:
    # Without TCP_NODELAY the body of every answer waits ~40 ms for the client's delayed ACK.
    with httpx.Client(headers={"authorization": f"Bearer {deepshi_mock.api_key}"}) as client:
        client.get(deepshi_mock.base_url + "/models")
        durations = []
        for _ in range(9):
            started = time.perf_counter()
            client.get(deepshi_mock.base_url + "/models")
            durations.append(time.perf_counter() - started)

    assert statistics.median(durations) < 0.02, durations


def test_a_bug_in_the_mock_still_answers_json(deepshi_mock: MockServer, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(deepshi_mock.app.responder, "answer", broken)
    response = httpx.post(
        deepshi_mock.base_url + "/images/generations",
        json={"model": "nano-banana-2", "prompt": "x"},
        headers={"authorization": f"Bearer {deepshi_mock.api_key}"},
    )

    assert response.status_code == 500
    assert response.json()["error"]["type"] == "server_error"


@pytest.mark.parametrize(
    "setting",
    [
        {"header_timeout": 0},
        {"header_timeout": float("inf")},
        {"body_timeout": -1},
        {"body_timeout": float("nan")},
        {"max_connections": 0},
        {"max_header_bytes": True},
        {"max_json_depth": 0},
        {"max_json_depth": 513},
        {"journal_value_bytes": 0},
        {"journal_entry_bytes": 1.5},
        {"journal_bytes": -1},
    ],
)
def test_a_limit_that_makes_no_sense_is_refused_when_the_server_is_built(setting: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=next(iter(setting)).removeprefix("journal_")):
        MockServer(**setting)
