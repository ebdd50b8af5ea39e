"""The pytest plugin's fixtures, as an application's test suite sees them (run in a child pytest)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deepshi.mock import MockServer

APP_TESTS = """
import httpx
import pytest
from deepshi import AsyncDeepshi, Deepshi
from deepshi.mock import Fault, MockServer

PORTS = []

def test_first(deepshi_mock):
    assert isinstance(deepshi_mock, MockServer)
    PORTS.append(deepshi_mock.port)
    httpx.get(deepshi_mock.base_url + "/models", headers={"authorization": f"Bearer {deepshi_mock.api_key}"})
    deepshi_mock.add_fault(Fault("status", status=500))
    assert len(deepshi_mock.journal) == 1

def test_the_session_fixture_alone_sees_no_fault_left_by_a_test(deepshi_mock_session):
    # test_first armed a 500 through deepshi_mock and did not use it: it was reset after test_first
    assert deepshi_mock_session.pending_faults == []
    assert deepshi_mock_session.journal == []

def test_second_sees_a_fresh_journal_on_the_same_server(deepshi_mock):
    PORTS.append(deepshi_mock.port)
    assert PORTS[0] == PORTS[1]
    assert deepshi_mock.journal == []
    assert deepshi_mock.pending_faults == []

def test_cassettes_from_the_ini_option(deepshi_mock):
    answer = httpx.post(
        deepshi_mock.base_url + "/images/generations",
        json={"model": "nano-banana-2", "prompt": "from my cassette"},
        headers={"authorization": f"Bearer {deepshi_mock.api_key}"},
    )
    assert answer.json() == {"created": 7, "data": []}

def test_the_facade_client(deepshi_client, deepshi_mock):
    assert isinstance(deepshi_client, Deepshi)
    result = deepshi_client.images.generate(model="nano-banana-2", prompt="a cat", aspect_ratio="16:9")
    assert result.size == "1024x576"
    entry = deepshi_mock.journal[-1]
    assert (entry.operation, entry.valid) == ("createImage", True)
    assert entry.fields["aspect_ratio"] == "16:9"

SAMPLE = __import__("importlib.resources").resources.files("deepshi.samples") / "cabin.png"

def test_the_journal_and_the_faults_see_only_the_test_s_own_calls(deepshi_client, deepshi_mock):
    from deepshi import RateLimitError
    deepshi_mock.add_fault(Fault("status", status=429, retry_after=1))
    with pytest.raises(RateLimitError):
        deepshi_client.images.edit(model="nano-banana-2", prompt="make it snow", image=SAMPLE.read_bytes())
    assert [(e.operation, e.status) for e in deepshi_mock.journal] == [("editImage", 429)]
    deepshi_client.images.edit(model="nano-banana-2", prompt="make it snow", image=SAMPLE.read_bytes())
    assert [(e.operation, e.status) for e in deepshi_mock.journal] == [("editImage", 429), ("editImage", 200)]

def test_the_preloaded_catalog_still_checks_the_model(deepshi_client, deepshi_mock):
    from deepshi import InvalidRequestError
    with pytest.raises(InvalidRequestError, match="accepts at most 5 per edit"):
        deepshi_client.images.edit(model="deepshi-image-1", prompt="p", image=[SAMPLE.read_bytes()] * 6)
    assert deepshi_mock.journal == []

@pytest.mark.asyncio
async def test_the_async_facade_client(async_deepshi_client, deepshi_mock):
    assert isinstance(async_deepshi_client, AsyncDeepshi)
    catalog = await async_deepshi_client.models.list()
    assert catalog.get("deepshi-image-1").max_images == 5
    assert [e.operation for e in deepshi_mock.journal] == ["listModels"]
"""

CASSETTE = """
interactions:
  - request: {operation: createImage, prompt: from my cassette}
    response: {status: 200, body: {created: 7, data: []}}
"""


def test_the_fixtures_in_an_application_suite(tmp_path: Path) -> None:
    (tmp_path / "test_app.py").write_text(APP_TESTS)
    (tmp_path / "cassettes").mkdir()
    (tmp_path / "cassettes" / "mine.yaml").write_text(CASSETTE)
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\ndeepshi_mock_cassettes = cassettes\nasyncio_default_fixture_loop_scope = function\n"
    )

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 passed" in result.stdout


def test_the_session_server_is_reset_for_each_test(deepshi_mock: MockServer, deepshi_mock_session: MockServer) -> None:
    assert deepshi_mock is deepshi_mock_session
    assert deepshi_mock.journal == []


@pytest.mark.parametrize("round_", [1, 2])
def test_faults_armed_in_one_test_do_not_leak_into_the_next(deepshi_mock: MockServer, round_: int) -> None:
    from deepshi.mock import Fault

    assert deepshi_mock.pending_faults == []
    deepshi_mock.add_fault(Fault("status", status=503), count=round_)
