"""Shared setup of the reliability suite: the fault mock, the injected clock, the canary corpus, figures.

Every client here uses the canary key (:data:`tests.reliability.canary.CANARY_KEY`); the
``deepshi``, ``httpx``, ``httpcore`` and ``uvicorn`` loggers are captured at DEBUG for the whole
package, and ``test_secret_scan.py`` (moved to the end of the run) scans everything captured.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import deepshi._client
from deepshi.mock import MockServer
from tests.images import encoded

from . import figures
from .canary import LOGGERS, Corpus, CorpusHandler
from .clock import FakeClock
from .leak_sources import CliRun, Recording, cli_debug_session, record_session

_STARTED = time.perf_counter()
SCAN_MODULE = "test_secret_scan"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the final secret scan after every other test of this package (whatever reordered them before)."""
    here = Path(__file__).parent
    scan = [item for item in items if item.path.stem == SCAN_MODULE and item.path.parent == here]
    rest = [item for item in items if item not in scan]
    ours = [index for index, item in enumerate(rest) if item.path.is_relative_to(here)]
    if scan and ours:
        rest[ours[-1] + 1 : ours[-1] + 1] = scan
        items[:] = rest


def pytest_sessionfinish(session: pytest.Session) -> None:  # noqa: ARG001 (hook signature)
    path = os.environ.get(figures.ENV)
    if path and figures.FIGURES:
        figures.record("run", seconds=round(time.perf_counter() - _STARTED, 1))
        figures.FIGURES["profile"] = os.environ.get("HYPOTHESIS_PROFILE", "ci")
        figures.write(path)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """What the final scan reads (filled by every test of the package)."""
    return Corpus()


@pytest.fixture(scope="package", autouse=True)
def debug_logs(corpus: Corpus) -> Iterator[CorpusHandler]:
    """The deepshi, httpx, httpcore and uvicorn loggers at DEBUG, every record into the corpus."""
    handler = CorpusHandler(corpus)
    loggers = [logging.getLogger(name) for name in LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    yield handler
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.fixture(scope="session")
def fault_mock() -> Iterator[MockServer]:
    """The mock the fault tests share: one keepalive before each terminal event, real (short) delays."""
    with MockServer(sse_keepalives=1) as server:
        yield server


@pytest.fixture
def mock(fault_mock: MockServer, corpus: Corpus) -> Iterator[MockServer]:
    """The shared fault mock with an empty journal and no armed faults; its journal goes to the corpus."""
    fault_mock.reset()
    yield fault_mock
    corpus.add("journal (in process)", json.dumps([entry.to_dict() for entry in fault_mock.journal]))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def input_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real PNG on disk (a path input is reopened and re-sent whole on each attempt)."""
    path = tmp_path_factory.mktemp("inputs") / "cabin.png"
    path.write_bytes(encoded("PNG", 64, 48, (30, 120, 200)))
    return path


@pytest.fixture(scope="package")
def recording(
    tmp_path_factory: pytest.TempPathFactory,
    input_image: Path,
    corpus: Corpus,
    debug_logs: CorpusHandler,  # noqa: ARG001 (requested so that the session's logs are captured too)
) -> Recording:
    """A record-mode session with the canary key (through an upstream mock that quotes it back)."""
    return record_session(tmp_path_factory.mktemp("recorded-cassettes"), input_image, corpus)


@pytest.fixture(scope="package")
def cli_debug_runs(
    fault_mock: MockServer,
    tmp_path_factory: pytest.TempPathFactory,
    corpus: Corpus,
    debug_logs: CorpusHandler,  # noqa: ARG001 (requested so that the commands' logs are captured too)
) -> list[CliRun]:
    """CLI commands run with ``--debug`` and the canary key, failing in various ways (retries on a fake clock)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deepshi._client, "Timer", FakeClock().timer)
        runs = cli_debug_session(fault_mock, tmp_path_factory.mktemp("cli-debug"), dead_url, corpus)
    fault_mock.reset()
    return runs
