"""What one run of the contract suite exercised: schemathesis cases and hypothesis examples.

The tests record here; ``conftest.pytest_terminal_summary`` prints the totals, so every run says
how much it generated (and a run that silently generated nothing would show it). The suite runs
in one process (tox.ini), so these module-level counters see every test.
"""

from __future__ import annotations

from collections import Counter

SCHEMATHESIS_CASES: Counter[tuple[str, str, str]] = Counter()
"""(operation label, phase, generation mode) -> cases sent."""
SCHEMATHESIS_DROPPED: Counter[str] = Counter()
"""reason -> generated cases dropped before sending (see ``schemathesis_setup.filter_case``)."""
POSITIVE_SENT: Counter[str] = Counter()
"""operation label -> schema-valid cases sent."""
POSITIVE_ACCEPTED: Counter[str] = Counter()
"""operation label -> schema-valid cases answered 2xx."""
STREAMED_ACCEPTED: Counter[str] = Counter()
"""operation label -> cases answered 2xx as a ``text/event-stream``."""
HYPOTHESIS_EXAMPLES: Counter[str] = Counter()
"""contract/test name -> examples run."""
CLI_RUNS: list[str] = []
"""What each schemathesis CLI run printed as its result (``test_schemathesis_cli.py``)."""


def record_case(operation: str, phase: str, mode: str, status: int | None = None, *, streamed: bool = False) -> None:
    SCHEMATHESIS_CASES[(operation, phase, mode)] += 1
    if mode == "positive" and status is not None:
        POSITIVE_SENT[operation] += 1
        POSITIVE_ACCEPTED[operation] += 200 <= status < 300
    if streamed and status is not None and 200 <= status < 300:
        STREAMED_ACCEPTED[operation] += 1


def record_example(name: str) -> None:
    HYPOTHESIS_EXAMPLES[name] += 1


def summary_lines(profile: str) -> list[str]:
    """The lines the terminal summary prints."""
    lines = [f"hypothesis profile: {profile}"]
    total = sum(SCHEMATHESIS_CASES.values())
    if total:
        by_phase: Counter[str] = Counter()
        by_mode: Counter[str] = Counter()
        by_operation: dict[str, Counter[str]] = {}
        for (operation, phase, mode), count in SCHEMATHESIS_CASES.items():
            by_phase[phase] += count
            by_mode[mode] += count
            by_operation.setdefault(operation, Counter())[phase] += count
        lines.append(
            f"schemathesis cases: {total} ("
            + ", ".join(f"{k} {v}" for k, v in sorted(by_phase.items()))
            + "; "
            + ", ".join(f"{k} {v}" for k, v in sorted(by_mode.items()))
            + ")"
        )
        for operation, phases in sorted(by_operation.items()):
            detail = ", ".join(f"{k} {v}" for k, v in sorted(phases.items()))
            streamed = STREAMED_ACCEPTED[operation]
            lines.append(
                f"  {operation}: {sum(phases.values())} ({detail})" + (f"; {streamed} streamed 2xx" if streamed else "")
            )
        dropped = sum(SCHEMATHESIS_DROPPED.values())
        if dropped:
            lines.append(
                f"  dropped before sending: {dropped} ("
                + ", ".join(f"{k}: {v}" for k, v in sorted(SCHEMATHESIS_DROPPED.items()))
                + ")"
            )
    examples = sum(HYPOTHESIS_EXAMPLES.values())
    if examples:
        lines.append(f"hypothesis examples: {examples}")
        lines.extend(f"  {name}: {count}" for name, count in sorted(HYPOTHESIS_EXAMPLES.items()))
    if CLI_RUNS:
        lines.append("schemathesis CLI runs:")
        lines.extend(f"  {line}" for line in CLI_RUNS)
    return lines
