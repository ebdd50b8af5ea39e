"""pytest plugin for applications that use deepshi: a running mock server and clients for it.

Registered through deepshi's ``pytest11`` entry point. Importing this module needs only
pytest; the fixtures import ``deepshi.mock`` (``pip install "deepshi[mock]"``) and the facade
when first used.

Fixtures:

* ``deepshi_mock``: the session's :class:`deepshi.mock.MockServer`, with its journal and
  pending faults cleared before each test.
* ``deepshi_client``: a :class:`deepshi.Deepshi` pointed at it (``max_retries=0``), with the
  mock's model catalog already loaded: the preflight sends no ``GET /v1/models``, so the journal
  and the armed faults see exactly the requests your test makes.
* ``async_deepshi_client``: the :class:`deepshi.AsyncDeepshi` twin (needs pytest-asyncio).

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


def _async_fixture(function: _F) -> _F:
    """pytest-asyncio's fixture decorator when installed (it works in strict mode), else pytest's."""
    try:
        decorator = importlib.import_module("pytest_asyncio").fixture
    except ImportError:  # pragma: no cover - an async plugin (e.g. anyio) must then handle it
        decorator = pytest.fixture
    return cast("_F", decorator(function))


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
    from deepshi.mock import MockServer

    configured = str(pytestconfig.getini("deepshi_mock_cassettes") or "")
    cassettes = Path(pytestconfig.rootpath, configured) if configured else None
    with MockServer(cassettes) as server:
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
