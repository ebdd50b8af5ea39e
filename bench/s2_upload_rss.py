"""Scenario 2: peak RSS growth while uploading 14 × 10 MB images given as file paths.

Each client runs in a fresh process (:mod:`bench.rss_child`), so one client's allocations never
count against another; the files are on disk and passed as paths (file objects for raw httpx).
"""

from __future__ import annotations

import json
import subprocess
import sys

from .config import ROOT, MiB
from .context import Context
from .results import OPENAI, RAW, Row, Scenario, Target, advantage, with_ratios
from .stats import median

LABELS = {"deepshi": "deepshi", "openai": OPENAI, "httpx": RAW}


def measure(ctx: Context, client: str) -> dict[str, float]:
    """One child run's figures (bytes and seconds)."""
    command = [sys.executable, "-m", "bench.rss_child", client, ctx.mock.url, ctx.mock.api_key]
    command += [str(ctx.payloads.tiny_input_path), *map(str, ctx.payloads.upload_paths)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"scenario 2 child {client} failed:\n{done.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def run(ctx: Context) -> Scenario:
    runs: dict[str, list[dict[str, float]]] = {client: [] for client in LABELS}
    for _ in range(ctx.sizes.p2_repeats):
        for client in LABELS:
            runs[client].append(measure(ctx, client))
    rows = []
    for client, label in LABELS.items():
        growth = [r["growth"] / MiB for r in runs[client]]
        seconds = median([r["seconds"] for r in runs[client]])
        rows.append(Row(label, "MB", median(growth), max(growth), note=f"upload took {seconds * 1e3:.0f} ms"))
    rows = with_ratios(rows)
    ours = rows[0]
    total = ctx.sizes.upload_files * ctx.payloads.upload_paths[0].stat().st_size / MiB
    scenario = Scenario(
        key="P2",
        title="Upload from paths: peak RSS growth",
        how=(
            f"{ctx.sizes.upload_files} PNG files of {total / ctx.sizes.upload_files:.1f} MB ({total:.0f} MB) in one edit, "
            f"each client in a fresh process ({ctx.sizes.p2_repeats} runs each; p95 column = worst run): deepshi and "
            "the openai SDK get the paths, raw httpx gets open file objects. Growth = peak RSS during the upload "
            "(VmHWM, reset just before) - RSS before it, after one warm-up edit."
        ),
        rows=rows,
        chart={"advantage": advantage(ours), "growth": {row.label: row.median for row in rows}},
    )
    assert ours.ratio_openai is not None
    scenario.targets.append(
        Target(
            "P2",
            "≤ 16 MB and ≤ 0.15× openai SDK",
            f"{ours.median:.1f} MB, {ours.ratio_openai:.3f}× openai",
            ours.median <= 16 and ours.ratio_openai <= 0.15,
        )
    )
    return scenario
