"""``python -m bench --quick`` runs every scenario end to end, so the benchmark code cannot rot.

It starts the mock in its own process and measures tiny payloads (a few seconds); the real
benchmark is ``tox -e bench`` and never runs in the test command.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [f"P{number}" for number in range(1, 9)]


def test_the_quick_benchmark_reports_every_scenario(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = (tmp_path / "latest.md").read_text(encoding="utf-8")

    assert "(quick mode," in report
    for key in SCENARIOS:
        assert re.search(rf"^\| {key} \| .+ \| (\*\*met\*\*|\*\*not met\*\*|not measured) \|$", report, re.MULTILINE), (
            key
        )
        section = report.split(f"## {key}. ", 1)[1].split("\n## ", 1)[0]
        measured = re.findall(r"^\| [^|]+ \| [0-9][0-9,.]* (?:ms|µs|MB|req/s) \|", section, re.MULTILINE)
        assert measured, f"{key} has no measured row:\n{section}"
    chart = tmp_path / "latest.png"
    if importlib.util.find_spec("matplotlib") is not None:
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "![" in report
    else:
        assert not chart.exists()
        assert "Chart: not drawn (matplotlib is not installed" in report
