"""Contract 2, facade -> wire: what the facade sends is exactly what the caller asked for, as the spec says.

Hypothesis draws whole calls (``facade_calls.py``): every optional argument present or absent,
``extra_body`` fields, 1..14 input images of every accepted kind (paths, bytes, bytearray,
memoryview, file objects handed over mid-file, name/content tuples, PIL images), valid for the
model's catalog entry; both ``Deepshi`` and ``AsyncDeepshi``, plain and streamed. Each call goes
to the mock, and the request it journaled must

* have passed the mock's validation against the spec (``valid``) and been answered 200;
* carry exactly the intended fields: each named argument as its typed value, ``stream`` only when
  true, every ``extra_body`` entry, and nothing else (``timeout``/``validate`` never reach the wire);
* carry one ``image[]`` part per input, in order, each with the documented filename, the content
  type sniffed from its bytes, and the size and sha256 of exactly the bytes given (the whole file
  for file objects, lossless PNG for PIL images).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deepshi import AsyncDeepshi, AsyncImageStream, Deepshi, ImagesResult, ImageStream
from deepshi.mock import JournalEntry, MockServer

from . import budget, counts
from .facade_calls import ExpectedFile, FacadeCall, every_field_call, facade_calls, form_text_matches
from .failures import mismatch

SETTINGS = settings(max_examples=budget.examples(0.75), deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def inputs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("facade-inputs")


def _request_of(mock: MockServer, before: int, call: FacadeCall) -> JournalEntry:
    """The one request the call made (catalog fetches for the preflight aside)."""
    sent = [entry for entry in mock.journal[before:] if entry.operation != "listModels"]
    assert len(sent) == 1, mismatch(
        received=f"{len(sent)} requests: {[(e.method, e.path, e.status) for e in sent]}",
        documented=f"one {call.operation_id} request",
        reproduce=call.describe(),
    )
    return sent[0]


def check_request(call: FacadeCall, files: list[ExpectedFile], entry: JournalEntry) -> None:
    """The journaled request is the one ``call`` means (see the module docstring)."""
    reproduce = call.describe()
    answered = (entry.operation, entry.valid, entry.status)
    assert answered == (call.operation_id, True, 200), mismatch(
        received=f"{entry.operation} valid={entry.valid} status={entry.status} error={entry.error!r}",
        documented=f"a spec-valid {call.operation_id} request, answered 200",
        reproduce=reproduce,
    )
    intended = call.expected_fields()
    received = entry.fields
    if call.kind == "edit":
        same = set(received) == set(intended) and all(form_text_matches(received[k], v) for k, v in intended.items())
    else:
        same = received == intended
    assert same, mismatch(received=f"fields {received}", documented=f"fields {intended}", reproduce=reproduce)
    parts = [ExpectedFile(f.field, f.filename, f.content_type or "", f.size, f.sha256) for f in entry.files]
    assert parts == files, mismatch(
        received="\n  ".join(["image parts:", *map(str, parts)]),
        documented="\n  ".join(["image parts:", *map(str, files)]),
        reproduce=reproduce,
    )


def _call_sync(client: Deepshi, call: FacadeCall, kwargs: dict[str, Any]) -> None:
    method = client.images.edit if call.kind == "edit" else client.images.generate
    answer = method(**kwargs)
    if call.streams:
        assert isinstance(answer, ImageStream)
        with answer:
            result = answer.final_result()
    else:
        assert isinstance(answer, ImagesResult)
        result = answer
    assert result.images, f"the answer carries no image: {call.describe()}"


async def _call_async(client: AsyncDeepshi, call: FacadeCall, kwargs: dict[str, Any]) -> None:
    method = client.images.edit if call.kind == "edit" else client.images.generate
    answer = await method(**kwargs)
    if call.streams:
        assert isinstance(answer, AsyncImageStream)
        async with answer:
            result = await answer.final_result()
    else:
        assert isinstance(answer, ImagesResult)
        result = answer
    assert result.images, f"the answer carries no image: {call.describe()}"


KINDS = st.sampled_from(["edit", "generate"])


@SETTINGS
@given(data=st.data())
def test_sync_facade_sends_what_it_means(
    data: st.DataObject,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
    inputs_dir: Path,
) -> None:
    call = data.draw(KINDS.flatmap(lambda kind: facade_calls(kind, mock_catalog)), label="call")
    counts.record_example("facade -> wire (Deepshi)")
    before = len(deepshi_mock.journal)
    with ExitStack() as stack:
        kwargs, files = call.arguments(inputs_dir, stack)
        _call_sync(deepshi_client, call, kwargs)
    check_request(call, files, _request_of(deepshi_mock, before, call))


@SETTINGS
@given(data=st.data())
async def test_async_facade_sends_what_it_means(
    data: st.DataObject,
    async_deepshi_client: AsyncDeepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
    inputs_dir: Path,
) -> None:
    call = data.draw(KINDS.flatmap(lambda kind: facade_calls(kind, mock_catalog)), label="call")
    counts.record_example("facade -> wire (AsyncDeepshi)")
    before = len(deepshi_mock.journal)
    with ExitStack() as stack:
        kwargs, files = call.arguments(inputs_dir, stack)
        await _call_async(async_deepshi_client, call, kwargs)
    check_request(call, files, _request_of(deepshi_mock, before, call))


@pytest.mark.parametrize("kind", ["edit", "generate"])
def test_every_argument_and_input_kind_at_once(
    kind: str,
    deepshi_client: Deepshi,
    deepshi_mock: MockServer,
    mock_catalog: Sequence[Mapping[str, Any]],
    inputs_dir: Path,
) -> None:
    """One deterministic call with every optional argument and (for edits) every input kind."""
    call = every_field_call(kind, mock_catalog)
    before = len(deepshi_mock.journal)
    with ExitStack() as stack:
        kwargs, files = call.arguments(inputs_dir / kind, stack)
        _call_sync(deepshi_client, call, kwargs)
    check_request(call, files, _request_of(deepshi_mock, before, call))
