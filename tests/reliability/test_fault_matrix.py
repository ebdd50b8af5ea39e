"""Every fault of the mock, for sync, async and streaming calls, on the first attempt and on every attempt.

Each call is a real edit over a real socket to the real mock (a path input, so each attempt
reopens the file). It must end exactly as ``fault_cases.py`` (and the table in
docs/reliability.md) says: a result after the stated retries, or the stated typed error and no
other exception type. The attempts are read from the mock's journal and the waits from the
injected clock; nothing sleeps except the slow-drip rows, which wait for a real 0.3 s read timeout.
The result, when there is one, is saved with ``save_all`` and the directory must hold exactly the
complete images; a failed call must leave no directory at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from PIL import Image

import deepshi
from deepshi.mock import MockServer
from deepshi.mock.faults import HEADER

from . import figures
from .canary import CANARY_KEY, Corpus
from .clock import FakeClock
from .fault_cases import ARMINGS, CASE_IDS, CASES, KINDS, FaultCase, Kind
from .support import Ended, edit, listing


def _check_error(ended: Ended, name: str, case: FaultCase, attempts: list[deepshi.mock.JournalEntry]) -> None:
    error = ended.error
    assert error is not None
    assert type(error) is getattr(deepshi, name), f"expected {name}, got {type(error).__name__}: {error}"
    message = str(error).strip()
    assert message, "an error without a message"
    assert not message.endswith(":"), f"the message lost its reason: {message!r}"
    if isinstance(error, deepshi.APIStatusError):
        assert error.status_code == attempts[-1].status
        assert error.request_id == attempts[-1].request_id
        if case.fault.kind == "status":
            assert error.status_code == case.fault.status


def _check_result(ended: Ended, attempts: list[deepshi.mock.JournalEntry], out: Path) -> None:
    result = ended.result
    assert result is not None
    assert attempts[-1].status == 200
    assert attempts[-1].fault is None
    assert result.request_id == attempts[-1].request_id  # the answer that was paid for is the one returned
    paths = result.save_all(out)
    assert [p.name for p in paths] == ["0.jpg"]
    assert listing(out) == ["0.jpg"]
    with Image.open(paths[0]) as image:
        image.load()
        assert image.size == (256, 256)


@pytest.mark.parametrize("arming", ARMINGS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_fault(
    case: FaultCase,
    kind: Kind,
    arming: str,
    mock: MockServer,
    clock: FakeClock,
    input_image: Path,
    corpus: Corpus,
    tmp_path: Path,
) -> None:
    headers = None
    if arming == "first attempt":
        mock.add_fault(dataclasses.replace(case.fault, operation="editImage"), count=1)
    else:
        headers = {HEADER: case.header()}  # sent with every attempt
    expected = case.outcome(kind, arming)

    ended = edit(
        kind, mock.url, clock, input_image, f"{case.id} / {kind} / {arming}", timeout=case.timeout, headers=headers
    )

    attempts = [entry for entry in mock.journal if entry.operation == "editImage"]
    if ended.error is not None:
        corpus.add_exception(f"exception chain {case.id} {kind} {arming}", ended.error)
    if ended.result is not None:
        corpus.add(
            f"repr {case.id} {kind} {arming}", f"{ended.result!r} {ended.result.images!r} {ended.result.usage!r}"
        )
    assert ended.name == expected.result, ended.error
    assert len(attempts) == expected.attempts
    assert tuple(clock.waits) == expected.waits
    faulted = [entry.fault for entry in attempts]
    if arming == "first attempt":
        assert faulted == [case.fault.kind] + [None] * (expected.attempts - 1)
    else:
        assert faulted == [case.fault.kind] * expected.attempts
    digest = hashlib.sha256(input_image.read_bytes()).hexdigest()
    assert all([f.sha256 for f in entry.files] == [digest] for entry in attempts), "an attempt did not carry the file"
    assert all(entry.headers.get("authorization") == "[REDACTED]" for entry in attempts)

    out = tmp_path / "out"
    if ended.error is not None:
        _check_error(ended, expected.result, case, attempts)
        assert not out.exists()
    else:
        _check_result(ended, attempts, out)
    assert CANARY_KEY not in repr(ended)

    figures.add("fault matrix", "scenarios")
    figures.add("fault matrix", "passed")
    figures.add("fault matrix", "attempts", len(attempts))
    figures.add("fault matrix", "faulted attempts", sum(1 for kind_ in faulted if kind_))
    figures.add("fault matrix", "retries", len(attempts) - 1)
    figures.add("fault matrix", "waited", sum(clock.waits))
    figures.record("fault matrix", cases=len(CASES), kinds=len(KINDS))
