"""What a scenario returns: rows of figures with their ratios, target verdicts and notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .stats import median, p95

RAW = "httpx (raw)"
OPENAI = "openai SDK"


@dataclass(frozen=True)
class Row:
    """One measured line of a scenario's table.

    ``ratio_raw`` and ``ratio_openai`` divide this row's median by the reference row's median
    (raw httpx and the openai SDK); for a throughput (``higher_is_better``) that is a speed-up.
    """

    label: str
    unit: str
    median: float
    p95: float | None = None
    ratio_raw: float | None = None
    ratio_openai: float | None = None
    note: str = ""
    higher_is_better: bool = False


@dataclass(frozen=True)
class Target:
    """One target of issue 8 and whether it was met (None: not measured in this run)."""

    key: str
    goal: str
    measured: str
    met: bool | None
    limit: str = ""
    """What limits it (shown when not met): this run's figures and the profiling finding."""


@dataclass
class Scenario:
    """The outcome of one scenario module."""

    key: str
    title: str
    how: str
    """How it was measured, one or two sentences for the report."""
    rows: list[Row] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: dict[str, Any] = field(default_factory=dict)
    """Extra data for the chart (e.g. the SSE scaling points)."""
    seconds: float = 0.0


def with_ratios(rows: list[Row], *, raw: str = RAW, openai: str = OPENAI) -> list[Row]:
    """``rows`` with ``ratio_raw``/``ratio_openai`` filled from the rows labelled ``raw`` and ``openai``."""
    by_label = {row.label: row for row in rows}
    raw_row, openai_row = by_label.get(raw), by_label.get(openai)

    def ratio(row: Row, reference: Row | None) -> float | None:
        if reference is None or reference.median == 0:
            return None
        return row.median / reference.median

    return [
        Row(
            label=row.label,
            unit=row.unit,
            median=row.median,
            p95=row.p95,
            ratio_raw=ratio(row, raw_row),
            ratio_openai=ratio(row, openai_row),
            note=row.note,
            higher_is_better=row.higher_is_better,
        )
        for row in rows
    ]


def timing_row(label: str, seconds: list[float], note: str = "") -> Row:
    """A row in milliseconds from per-call samples in seconds."""
    return Row(label, "ms", median(seconds) * 1e3, p95(seconds) * 1e3, note=note)


def advantage(row: Row) -> dict[str, float]:
    """How many times better ``row`` does than raw httpx and the openai SDK (> 1: better), for the chart."""
    result = {}
    for name, ratio in (("vs raw httpx", row.ratio_raw), ("vs openai SDK", row.ratio_openai)):
        if ratio:
            result[name] = ratio if row.higher_is_better else 1 / ratio
    return result
