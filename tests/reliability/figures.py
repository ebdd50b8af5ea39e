"""The figures docs/reliability.md publishes, and the script that refreshes them from a real run.

Tests record what they measured in :data:`FIGURES`. When the environment variable
``DEEPSHI_RELIABILITY_FIGURES`` names a file, the suite writes them there as JSON at the end of
the session (see ``conftest.py``). ``python -m tests.reliability.figures`` runs the suite that
way and rewrites the generated parts of docs/reliability.md: the fault tables and the figures.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .fault_cases import render_tables
from .fixes import render as render_fixes

FIGURES: dict[str, Any] = {}
ENV = "DEEPSHI_RELIABILITY_FIGURES"
ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"
MARKERS = {
    "tables": ("<!-- fault-tables:start -->", "<!-- fault-tables:end -->"),
    "figures": ("<!-- figures:start -->", "<!-- figures:end -->"),
    "fixes": ("<!-- round2-fixes:start -->", "<!-- round2-fixes:end -->"),
    "soak": ("<!-- soak:start -->", "<!-- soak:end -->"),
}


def record(section: str, **values: Any) -> None:
    """Merge ``values`` into ``FIGURES[section]``."""
    FIGURES.setdefault(section, {}).update(values)


def add(section: str, name: str, amount: float = 1) -> None:
    """Add ``amount`` to the counter ``FIGURES[section][name]``."""
    bucket = FIGURES.setdefault(section, {})
    bucket[name] = bucket.get(name, 0) + amount


def write(path: str) -> None:
    Path(path).write_text(json.dumps(FIGURES, indent=2, sort_keys=True), encoding="utf-8")


def replace_block(text: str, block: str, content: str) -> str:
    start, end = MARKERS[block]
    head, found, rest = text.partition(start)
    _, found_end, tail = rest.partition(end)
    if not found or not found_end:
        raise ValueError(f"docs/reliability.md lacks the {start} ... {end} markers")
    return f"{head}{start}\n{content.strip()}\n{end}{tail}"


def block(text: str, name: str) -> str:
    """The content between a generated block's markers (stripped)."""
    start, end = MARKERS[name]
    return text.partition(start)[2].partition(end)[0].strip()


def _s(value: float) -> str:
    return f"{value:.1f} s"


def _concurrency(figures: dict[str, Any], transport: str, label: str) -> str:
    load = figures[f"concurrency ({transport})"]
    return (
        f"{load['requests']} concurrent calls from AsyncDeepshi over {label} ({load['connections']} connections): "
        f"{load['errors']} errors in {_s(load['seconds'])}; open file descriptors {load['fds before']} before, "
        f"{load['fds during']} during, {load['fds after']} after"
    )


def _facade(figures: dict[str, Any]) -> str:
    answers, deadline = figures["facade answers"], figures["facade deadline"]
    inputs, secrets = figures["facade inputs"], figures["facade secrets"]
    return (
        f"a {answers['bomb_wire_kib']} KiB gzip bomb inflating to {answers['bomb_inflated_mib']} MiB: "
        f"`APIResponseValidationError`, peak RSS (VmHWM, child process) up {answers['bomb_peak_growth_mib']:g} MiB; "
        f"{deadline['dripping answers cut']:g} dripping answers (SSE keepalives, JSON a byte at a time) ended at "
        f"their `total_timeout`, and a silent server was cut after {deadline['silent_server_seconds']:g} s "
        "(`total_timeout=0.4`, `timeout=600`); "
        f"{inputs['refused']:g} FIFO, pipe, device and unsendable inputs refused before sending, "
        f"{inputs['changed during upload']:g} uploads of a changing file typed; {secrets['bad keys refused']:g} bad "
        f"keys refused, {secrets['quoted keys masked']:g} quoted keys masked; {answers['not images refused']:g} "
        "answers with a truncated or non-image image refused"
    )


def render_figures(figures: dict[str, Any], wall: float) -> str:
    """The figures section (markdown) for one run's ``figures``."""
    matrix = figures["fault matrix"]
    fuzz = figures["bad input fuzz"]
    malformed = figures["malformed responses"]
    leaks = figures["secrets"]
    upload = figures["upload limit"]
    lost = figures["nothing lost"]
    hostile = figures["mock hostile"]
    slow = figures["slowloris"]
    bounds = figures["journal bounds"]
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"
    raised = fuzz["exceptions"]
    rows = [
        (
            "faults covered",
            f"{matrix['cases']} faults x {matrix['kinds']} call kinds x 2 armings = {matrix['scenarios']} scenarios, "
            f"{matrix['passed']} ended exactly as the table says; {matrix['attempts']} attempts reached the mock "
            f"({matrix['faulted attempts']} faulted), {matrix['retries']} retries, {matrix['waited']:g} s of waits "
            "taken on the injected clock",
        ),
        (
            "nothing lost",
            f"{lost['scenarios']} save, save_all and batch scenarios (network faults, a full disk, SIGKILL, SIGINT): "
            f"{lost['partial files']} partial or temporary files left, {lost['redone lines']} finished batch lines "
            "sent again",
        ),
        (
            "inputs fuzzed",
            f"{fuzz['calls']} invalid calls in {_s(fuzz['seconds'])} ({len(fuzz['categories'])} kinds of mistake; "
            f"sync, async and streaming): {raised.get('InvalidRequestError', 0)} InvalidRequestError, "
            f"{raised.get('TypeError', 0)} TypeError, each naming the argument; {fuzz['reached the mock']} reached "
            "the mock",
        ),
        (
            "malformed answers",
            f"{malformed['responses']} generated answers that break the spec: {malformed['APIResponseValidationError']} "
            f"raised APIResponseValidationError; other outcomes: {malformed['other']}",
        ),
        (
            "leaks found",
            f"{leaks['findings']} occurrences of the canary key in {leaks['items']} captured items "
            f"({leaks['bytes'] / 1e6:.1f} MB: {leaks['log records']} DEBUG log records, "
            f"{leaks['exception chains']} formatted exception chains, journals, reprs, cassettes, CLI output, "
            f"files); the positive control found all {leaks['control forms']} planted encodings",
        ),
        ("concurrency held", _concurrency(figures, "aiohttp", "the aiohttp transport")),
        ("", _concurrency(figures, "httpx", "its own httpx pool")),
        (
            "uploads over the limit",
            f"a {upload['upload MiB']} MiB upload against a {upload['limit MiB']} MiB limit: {upload['status']} "
            f"`{upload['code']}`, peak traced memory {upload['peak MiB']:.1f} MiB (client and mock in one process)",
        ),
    ]
    rows += [
        (
            "mock under hostile input",
            f"{hostile['requests']:g} hand-made and generated requests (NaN, infinities, 1e400, lone surrogates, "
            f"nesting 100,000 deep, a 300-character boundary): {hostile.get('status 500', 0):g} answered 500; the "
            f"journal read back as strict JSON {hostile['journal reads']:g} times; {hostile['faults refused']:g} "
            "faults that would break the next answer refused when armed",
        ),
        (
            "slowloris",
            f"{slow['connections']} connections with half-sent heads (header_timeout {slow['header timeout']:g} s): "
            f"{slow['answered 408']} answered 408 and closed, all within {_s(slow['seconds'])}; a body that stopped "
            f"arriving answered 408 after body_timeout {slow['body timeout']:g} s",
        ),
        (
            "journal bounds",
            f"one request of {bounds['parts']} x {bounds['part KiB']} KiB text parts ({bounds['request MiB']:g} MiB) "
            f"kept as a {bounds['entry KiB']:g} KiB entry (each value over the {bounds['value KiB']:g} KiB value "
            f"bound kept as its sha256 and length; entry bound {bounds['entry bound KiB']:g} KiB); "
            f"{bounds['ring requests']} requests into a 100 kB journal: {bounds['ring kept']} kept, "
            f"{bounds['ring dropped']} dropped and counted",
        ),
    ]
    rows.append(("facade under hostile servers", _facade(figures)))
    lines = ["| figure | last run |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)]
    lines += [
        "",
        f"Produced by `python -m tests.reliability.figures` on {time.strftime('%Y-%m-%d')} ({machine}, "
        f"hypothesis profile `{figures.get('profile', 'ci')}`): it runs `pytest tests/reliability` with "
        f"`{ENV}` set, so that the tests write what they measured to a JSON file, then rewrites this "
        f"section and the fault tables above from it. That run took {_s(wall)}.",
    ]
    return "\n".join(lines)


def render_soak(figures: dict[str, Any], wall: float) -> str:
    """The Soaks section (markdown) for one run of the ``soak`` tests."""
    soak = figures["soak"]
    machine = f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores"
    rows = [
        (
            "255 x 1 MB text parts",
            f"one request of {soak['parts']} x {soak['part MB']} MB text parts: the entry kept {soak['entry KiB']:g} KiB "
            f"({soak['values kept whole']} values whole, the rest as digests); {soak['held after MiB']:g} MiB traced "
            "still held after the request (client and mock in one process)",
        ),
        (
            "journal ring",
            f"{soak['ring requests']} requests of 30 kB: {soak['ring kept']} entries kept ({soak['ring MiB']:g} MiB of "
            f"the 64 MiB bound), {soak['ring dropped']} dropped and counted",
        ),
        (
            "slowloris",
            f"{soak['slow connections']} connections with half-sent heads at once (header_timeout 1 s): "
            f"{soak['slow answered 408']} answered 408 and closed within {_s(soak['slow seconds'])}, while 20 other "
            "requests were served",
        ),
        (
            "hostile bodies",
            f"{soak['hostile bodies']:g} generated JSON bodies mixing NaN, infinities, 1e400, lone surrogates and deep "
            f"nesting: {soak['hostile 500s']:g} answered 500",
        ),
    ]
    lines = ["| soak | last run |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)]
    lines += [
        "",
        f"Produced by `tox -e reliability-soak` (`python -m tests.reliability.figures --soak`) on "
        f"{time.strftime('%Y-%m-%d')} ({machine}). That run took {_s(wall)}.",
    ]
    return "\n".join(lines)


def _run(marker: str) -> tuple[int, dict[str, Any], float]:
    """Run ``pytest tests/reliability -m marker`` writing its figures; (exit status, figures, seconds)."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "figures.json"
        started = time.perf_counter()
        command = [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p", "no:randomly"]
        run = subprocess.run(
            [*command, "-p", "no:cacheprovider", "-m", marker],
            cwd=ROOT,
            env={**os.environ, ENV: str(output)},
            check=False,
        )
        wall = time.perf_counter() - started
        figures = json.loads(output.read_text(encoding="utf-8")) if run.returncode == 0 else {}
    return run.returncode, figures, wall


def main(argv: list[str] | None = None) -> int:
    """Rewrite the fault and fix tables, run the suite (which checks them), then write its figures.

    With ``--soak``: run the ``soak`` tests instead and rewrite the Soaks figures.
    """
    soak = "--soak" in (sys.argv[1:] if argv is None else argv)
    if not soak:
        text = replace_block(DOC.read_text(encoding="utf-8"), "tables", render_tables())
        DOC.write_text(replace_block(text, "fixes", render_fixes()), encoding="utf-8")
    status, figures, wall = _run("soak" if soak else "not soak")
    if status != 0:
        print("the reliability suite failed; docs/reliability.md left as it was", file=sys.stderr)
        return status
    block, content = ("soak", render_soak(figures, wall)) if soak else ("figures", render_figures(figures, wall))
    DOC.write_text(replace_block(DOC.read_text(encoding="utf-8"), block, content), encoding="utf-8")
    print(f"docs/reliability.md updated ({wall:.1f} s run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
