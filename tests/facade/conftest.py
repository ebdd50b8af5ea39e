"""Fixtures for the facade tests: a scripted API (``httpx.MockTransport``) and a fake timer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from deepshi import AsyncDeepshi, Deepshi
from tests.clock import on_clock

from .fakes import BASE_URL, KEY, FakeApi, FakeTimer


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def fake_timer() -> FakeTimer:
    return FakeTimer()


@pytest.fixture
def client(api: FakeApi, fake_timer: FakeTimer) -> Iterator[Deepshi]:
    with (
        httpx.Client(transport=api.transport()) as http,
        on_clock(Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http), fake_timer.timer()) as deepshi,
    ):
        yield deepshi


@pytest.fixture
async def async_client(api: FakeApi, fake_timer: FakeTimer) -> AsyncIterator[AsyncDeepshi]:
    async with (
        httpx.AsyncClient(transport=api.transport()) as http,
        on_clock(AsyncDeepshi(api_key=KEY, base_url=BASE_URL, http_client=http), fake_timer.timer()) as deepshi,
    ):
        yield deepshi
