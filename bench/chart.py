"""The chart (matplotlib, Agg backend): deepshi's advantage per scenario, SSE scaling, async
throughput and upload memory, in one PNG."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .results import Scenario

COLORS = {
    "deepshi": "#1f77b4",
    "openai": "#d62728",
    "httpx": "#7f7f7f",
    "vs raw httpx": "#7f7f7f",
    "vs openai SDK": "#d62728",
}


def _color(label: str) -> str:
    lowered = label.lower()
    if "deepshi" in lowered:
        return COLORS["deepshi"]
    if "openai" in lowered:
        return COLORS["openai"]
    return COLORS["httpx"]


def _advantages(axes: Any, scenarios: Sequence[Scenario]) -> None:
    entries = []
    for scenario in scenarios:
        for key, values in scenario.chart.items():
            if key.startswith("advantage") and values:
                suffix = key.removeprefix("advantage").strip(" ()")
                entries.append(
                    (f"{scenario.key} {scenario.title.split(':')[0]}" + (f"\n({suffix})" if suffix else ""), values)
                )
    names = ["vs raw httpx", "vs openai SDK"]
    height = 0.38
    for offset, name in enumerate(names):
        positions = [index + (offset - 0.5) * height for index in range(len(entries))]
        values = [values.get(name, float("nan")) for _, values in entries]
        bars = axes.barh(positions, values, height=height, color=COLORS[name], label=name)
        for bar, value in zip(bars, values, strict=True):
            if value == value:
                axes.text(value * 1.05, bar.get_y() + height / 2, f"{value:.2f}×", va="center", fontsize=7)
    axes.axvline(1.0, color="black", linewidth=0.8)
    axes.set_xscale("log")
    axes.set_yticks(range(len(entries)), [label for label, _ in entries], fontsize=8)
    axes.invert_yaxis()
    axes.set_xlabel("deepshi is N× better (time, memory or throughput; log scale; > 1 = better)")
    axes.set_title("deepshi relative to raw httpx and the openai SDK")
    axes.legend(fontsize=8, loc="lower right")
    low, high = axes.get_xlim()
    axes.set_xlim(min(low, 0.5), high * 2)


def _sse(axes: Any, scenario: Scenario) -> None:
    sizes = scenario.chart["sizes_mb"]
    for label, times in scenario.chart["series"].items():
        axes.plot(sizes, times, marker="o", label=label, color=_color(label))
    axes.set_xlabel("base64 image in the completed event (MB)")
    axes.set_ylabel("median time (ms)")
    axes.set_ylim(bottom=0)
    axes.set_xlim(left=0)
    axes.set_title("P4 SSE stream: time vs size (linear = straight line)")
    axes.legend(fontsize=8)
    axes.grid(alpha=0.3)


def _throughput(axes: Any, scenario: Scenario) -> None:
    values = scenario.chart["throughput"]
    labels = list(values)
    axes.barh(range(len(labels)), [values[label] for label in labels], color=[_color(label) for label in labels])
    axes.set_yticks(range(len(labels)), ["\n".join(label.rsplit(", ", 1)) for label in labels], fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel("requests per second (median round)")
    axes.set_title(f"P5 async throughput, {scenario.chart['concurrency']} concurrent edits")
    for index, label in enumerate(labels):
        axes.text(values[label], index, f" {values[label]:.0f}", va="center", fontsize=7)
    axes.set_xlim(right=max(values.values()) * 1.2)


def _memory(axes: Any, scenario: Scenario, budget: float = 16.0) -> None:
    values = scenario.chart["growth"]
    labels = list(values)
    axes.bar(range(len(labels)), [values[label] for label in labels], color=[_color(label) for label in labels])
    axes.set_xticks(range(len(labels)), labels, fontsize=8)
    axes.axhline(budget, color="black", linestyle="--", linewidth=0.8)
    axes.text(len(labels) - 0.5, budget, f"target {budget:g} MB", ha="right", va="bottom", fontsize=7)
    for index, label in enumerate(labels):
        axes.text(index, values[label], f"{values[label]:.1f} MB", ha="center", va="bottom", fontsize=7)
    axes.set_ylabel("peak RSS growth (MB)")
    axes.set_title("P2 upload of 14 files given as paths")


def draw(scenarios: Sequence[Scenario], path: Path, subtitle: str) -> None:
    """Write the chart for the scenarios that ran (panels of missing scenarios are left out)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    by_key = {scenario.key: scenario for scenario in scenarios}
    panels: list[tuple[str, Scenario | None]] = [("advantage", None)]
    panels += [(key, by_key[key]) for key in ("P4", "P5", "P2") if key in by_key]
    figure, grid = plt.subplots(2, 2, figsize=(13, 9.5))
    axes_list = list(grid.flat)
    for axes, (kind, scenario) in zip(axes_list, panels, strict=False):
        if kind == "advantage":
            _advantages(axes, scenarios)
        elif kind == "P4" and scenario is not None:
            _sse(axes, scenario)
        elif kind == "P5" and scenario is not None:
            _throughput(axes, scenario)
        elif kind == "P2" and scenario is not None:
            _memory(axes, scenario)
    for axes in axes_list[len(panels) :]:
        axes.set_visible(False)
    figure.suptitle(f"deepshi benchmarks — {subtitle}", fontsize=11)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
