"""pytest plugin for applications that use deepshi: a running mock server and clients for it.

Registered through deepshi's ``pytest11`` entry point. Importing this module needs only
pytest; the fixtures import ``deepshi.mock`` (the ``mock`` extra) and the facade when first
used, and fail the test with the install hint when the extra is missing.

Fixtures:

* ``deepshi_mock``: the session's :class:`deepshi.mock.MockServer`, with its journal and
  pending faults cleared before each test.
* ``deepshi_client``: a :class:`deepshi.Deepshi` pointed at it (``max_retries=0``), with the
  mock's model catalog already loaded: the preflight sends no ``GET /v1/models``, so the journal
  and the armed faults see exactly the requests your test makes.
* ``async_deepshi_client``: the :class:`deepshi.AsyncDeepshi` twin. It needs pytest-asyncio and
  a test marked ``@pytest.mark.asyncio`` (or ``asyncio_mode = auto``); without pytest-asyncio
  it fails with that hint.

The ini option ``deepshi_mock_cassettes`` selects a cassette directory (relative to the
rootdir); by default the shipped cassettes are served.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest

if TYPE_CHECKING:
    from deepshi import AsyncDeepshi, Deepshi
    from deepshi.mock import MockServer

_F = TypeVar("_F", bound=Callable[..., Any])

ASYNC_HINT = (
    "async_deepshi_client needs pytest-asyncio: pip install pytest-asyncio, then mark the test "
    "@pytest.mark.asyncio or set asyncio_mode = auto in your pytest configuration"
)


def _async_fixture(function: _F) -> _F:
    """pytest-asyncio's fixture decorator (it works in strict mode); without it, a fixture failing with the hint.

    pytest alone cannot run an async fixture: it would fail with a message naming no plugin.
    """
    try:
        decorator = importlib.import_module("pytest_asyncio").fixture
    except ImportError:

        @pytest.fixture(name=function.__name__)
        def needs_pytest_asyncio() -> None:
            pytest.fail(ASYNC_HINT, pytrace=False)

        return cast("_F", needs_pytest_asyncio)
    return cast("_F", decorator(function))


def _mock_server_class() -> type[MockServer]:
    """``deepshi.mock.MockServer``, or the test fails with the extra to install (no traceback)."""
    try:
        from deepshi.mock import MockServer
    except ModuleNotFoundError as exc:  # deepshi.mock's message names the extra and what is missing
        missing = str(exc)
    else:
        return MockServer
    pytest.fail(f"the deepshi_mock fixture: {missing}", pytrace=False)  # outside `except`: no chained traceback


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ``deepshi_mock_cassettes`` ini option."""
    parser.addini(
        "deepshi_mock_cassettes",
        "cassette directory served by the deepshi_mock fixture (default: the cassettes shipped with deepshi)",
        default="",
    )


@pytest.fixture(scope="session")
def deepshi_mock_session(pytestconfig: pytest.Config) -> Iterator[MockServer]:
    """One running mock server for the whole session (prefer ``deepshi_mock``)."""
    mock_server = _mock_server_class()
    configured = str(pytestconfig.getini("deepshi_mock_cassettes") or "")
    cassettes = Path(pytestconfig.rootpath, configured) if configured else None
    with mock_server(cassettes) as server:
        yield server


@pytest.fixture
def deepshi_mock(deepshi_mock_session: MockServer) -> MockServer:
    """The session's mock server, with an empty journal and no pending faults."""
    deepshi_mock_session.reset()
    return deepshi_mock_session


@pytest.fixture
def deepshi_client(deepshi_mock: MockServer) -> Iterator[Deepshi]:
    """A ``deepshi.Deepshi`` client for the mock server (no retries)."""
    from deepshi import Deepshi, ModelCatalog

    catalog = ModelCatalog.from_dict(deepshi_mock.model_list())
    with Deepshi(api_key=deepshi_mock.api_key, base_url=deepshi_mock.url, max_retries=0, catalog=catalog) as client:
        yield client


@_async_fixture
async def async_deepshi_client(deepshi_mock: MockServer) -> AsyncIterator[AsyncDeepshi]:
    """A ``deepshi.AsyncDeepshi`` client for the mock server (no retries)."""
    from deepshi import AsyncDeepshi, ModelCatalog

    catalog = ModelCatalog.from_dict(deepshi_mock.model_list())
    async with AsyncDeepshi(
        api_key=deepshi_mock.api_key, base_url=deepshi_mock.url, max_retries=0, catalog=catalog
    ) as client:
        yield client
