"""The fault tables published in docs/reliability.md are the suite's own parametrization, read back."""

from __future__ import annotations

from typing import Any, get_args

from deepshi.mock.faults import FaultKind

from . import test_fault_matrix
from .fault_cases import ARMINGS, BY_ID, CASES, KINDS, parse_tables
from .figures import DOC, MARKERS


def _parametrized(argname: str) -> list[Any]:
    """The values ``test_fault`` is parametrized with for ``argname``, read from its marks."""
    for mark in test_fault_matrix.test_fault.pytestmark:  # type: ignore[attr-defined]
        if mark.name == "parametrize" and mark.args[0] == argname:
            return list(mark.args[1])
    raise AssertionError(f"test_fault is not parametrized over {argname}")


def test_the_tables_state_what_the_suite_runs_and_asserts() -> None:
    tables = parse_tables(DOC.read_text(encoding="utf-8"))

    cases = _parametrized("case")
    assert list(tables) == list(_parametrized("arming")) == list(ARMINGS)
    assert _parametrized("kind") == list(KINDS)
    for arming, rows in tables.items():
        assert list(rows) == [case.id for case in cases], f"rows of the {arming!r} table"
        for case in cases:
            row = rows[case.id]
            assert row.label == case.label, case.id
            assert row.mock_fault == case.describe_fault(), case.id
            for kind in KINDS:
                assert row.outcomes[kind] == case.outcome(kind, arming), f"{case.id} / {kind} / {arming}"


def test_every_failure_the_mock_can_inject_is_in_the_matrix() -> None:
    # `latency` delays a normal answer (covered by slow-drip's real timeout); `override` serves
    # arbitrary answers and drives the malformed-response fuzz.
    covered = {case.fault.kind for case in CASES}
    assert covered == set(get_args(FaultKind)) - {"latency", "override"}
    assert {case.id for case in CASES} == set(BY_ID)


def test_the_generated_blocks_are_marked() -> None:
    text = DOC.read_text(encoding="utf-8")
    for start, end in MARKERS.values():
        assert text.count(start) == 1
        assert text.count(end) == 1
        assert text.index(start) < text.index(end)
