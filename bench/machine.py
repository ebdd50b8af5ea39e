"""What the report says about the machine: CPU, cores, memory, Python, package versions, load."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from .config import ROOT

PACKAGES = (
    "deepshi",
    "httpx",
    "openai",
    "httpx2",
    "aiohttp",
    "httpx-aiohttp",
    "httpx-sse",
    "pybase64",
    "msgspec",
    "orjson",
    "jsonschema-rs",
    "openapi-schema-validator",
    "xxhash",
    "uvicorn",
    "starlette",
    "python-multipart",
    "pydantic",
    "matplotlib",
)


def cpu_model() -> str:
    """The CPU's model name (Linux), else what ``platform`` knows."""
    try:
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    except OSError:
        match = None
    return match.group(1).strip() if match else platform.processor() or platform.machine()


def memory_gib() -> float | None:
    """Total RAM in GiB (Linux), else None."""
    try:
        match = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) / 1024 / 1024 if match else None


def load_average() -> tuple[float, float, float] | None:
    """The 1, 5 and 15 minute load averages, when the OS has them."""
    try:
        return os.getloadavg()
    except OSError:
        return None


def versions() -> dict[str, str]:
    """Installed versions of the packages the benchmarks compare or depend on."""
    found = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def describe() -> dict[str, str]:
    """Machine facts for the report's header table."""
    memory = memory_gib()
    return {
        "CPU": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{memory:.1f} GiB" if memory else "unknown",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
    }


def busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux ``/proc/stat``), else None."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except (OSError, IndexError):
        return None
    ticks = [int(value) for value in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds used by this process and its waited-for children (the mock, the upload children)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def code_version() -> str:
    """The commit the benchmarks ran on, and whether the work tree had uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit}" + (" + uncommitted changes" if dirty else "")
