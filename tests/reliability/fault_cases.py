"""The fault matrix: every injected fault, and what each kind of call must end with.

One :class:`FaultCase` per row. The matrix test runs each row for each call kind, with the fault
on the first attempt only and on every attempt; ``docs/reliability.md`` shows the same rows
(rendered by :func:`render_tables`), and a test parses that table back and compares it with
the parametrization, so the published table and the suite cannot diverge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Literal
from urllib.parse import quote

from deepshi.mock import Fault

from .clock import NOW

Kind = Literal["sync", "async", "stream", "async stream"]
KINDS: tuple[Kind, ...] = ("sync", "async", "stream", "async stream")
STREAMING: frozenset[Kind] = frozenset({"stream", "async stream"})
ARMINGS = ("first attempt", "every attempt")

RESULT = "result"
DRIP_TIMEOUT = 0.3
DRIP_INTERVAL = 1.5
"""The slow-drip rows: a 0.3 s per-call timeout; the mock writes a chunk every 1.5 s, so the read times out
(the margin lets the headers and first chunk arrive in time on a loaded machine)."""

RETRY_AFTER_DATE = format_datetime(datetime.fromtimestamp(NOW + 30, tz=UTC), usegmt=True)
"""An HTTP date 30 s after the injected clock's ``now``."""


@dataclass(frozen=True)
class Outcome:
    """How one call ends: the attempts the mock saw, the waits the client took, a result or an error class."""

    attempts: int
    waits: tuple[float, ...]
    result: str


@dataclass(frozen=True)
class FaultCase:
    """One row: a mock fault and how a single faulted attempt ends for JSON and for streaming calls."""

    id: str
    label: str
    fault: Fault
    error: str
    """The error class one faulted attempt raises on a JSON (non-streaming) call."""
    retried: bool
    """Whether a JSON call retries after it."""
    stream_error: str | None = None
    """The same for a streaming call (default: as ``error``)."""
    stream_retried: bool | None = None
    waits: tuple[float, float] = (0.5, 1.0)
    """The waits before retry 1 and retry 2 (``Retry-After`` or the backoff without jitter)."""
    timeout: float | None = None
    """A per-call timeout, when the row needs a short one."""

    def single_attempt(self, kind: Kind) -> tuple[str, bool]:
        """(error class, retried) for one faulted attempt of this kind of call."""
        if kind in STREAMING:
            error = self.stream_error or self.error
            return error, self.retried if self.stream_retried is None else self.stream_retried
        return self.error, self.retried

    def outcome(self, kind: Kind, arming: str) -> Outcome:
        """What the call ends with when the fault hits the first attempt, or every attempt (max_retries=2)."""
        error, retried = self.single_attempt(kind)
        if not retried:
            return Outcome(1, (), error)
        if arming == "first attempt":
            return Outcome(2, self.waits[:1], RESULT)
        return Outcome(3, self.waits, error)

    def header(self) -> str:
        """The fault as an ``X-Deepshi-Mock-Fault`` header value."""
        params = {k: v for k, v in self.fault.to_dict().items() if k != "kind"}
        return ";".join([self.fault.kind, *(f"{k}={quote(str(v), safe='')}" for k, v in params.items())])

    def describe_fault(self) -> str:
        params = {k: v for k, v in self.fault.to_dict().items() if k != "kind"}
        return f"{self.fault.kind}({', '.join(f'{k}={v!r}' for k, v in params.items())})"


CASES: tuple[FaultCase, ...] = (
    FaultCase(
        "429-retry-after-seconds",
        "429 with `Retry-After: 3`",
        Fault("status", status=429, retry_after=3),
        "RateLimitError",
        True,
        waits=(3.0, 3.0),
    ),
    FaultCase(
        "429-retry-after-date",
        "429 with `Retry-After` as an HTTP date 30 s ahead",
        Fault("status", status=429, retry_after=RETRY_AFTER_DATE),
        "RateLimitError",
        True,
        waits=(30.0, 30.0),
    ),
    FaultCase(
        "429-retry-after-ms",
        "429 with `retry-after-ms: 1500`",
        Fault("status", status=429, retry_after_ms=1500),
        "RateLimitError",
        True,
        waits=(1.5, 1.5),
    ),
    FaultCase(
        "429-retry-after-too-long",
        "429 with `Retry-After: 121` (over the 120 s cap: raised at once)",
        Fault("status", status=429, retry_after=121),
        "RateLimitError",
        False,
    ),
    *(
        FaultCase(str(status), f"HTTP {status}", Fault("status", status=status), "InternalServerError", True)
        for status in (500, 502, 503, 504)
    ),
    FaultCase(
        "reset-before-headers",
        "connection reset (RST) before the headers",
        Fault("reset_before_headers"),
        "APIConnectionError",
        True,
    ),
    FaultCase(
        "reset-after-headers",
        "connection reset (RST) after the headers",
        Fault("reset_after_headers"),
        "APIConnectionError",
        True,
        stream_error="StreamError",
        stream_retried=False,
    ),
    FaultCase(
        "truncated-json",
        "body cut short, connection closed (on a stream: as truncated SSE)",
        Fault("truncated_json"),
        "APIConnectionError",
        True,
        stream_error="StreamError",
        stream_retried=False,
    ),
    FaultCase(
        "malformed-json",
        "200 whose body (or terminal event data) is not JSON",
        Fault("malformed_json"),
        "APIResponseValidationError",
        False,
    ),
    FaultCase(
        "wrong-content-type",
        "200 with an HTML page instead of JSON or SSE",
        Fault("wrong_content_type"),
        "APIResponseValidationError",
        False,
    ),
    FaultCase(
        "wrong-content-type-502",
        "a proxy's HTML 502 page",
        Fault("wrong_content_type", status=502),
        "InternalServerError",
        True,
    ),
    FaultCase(
        "truncated-sse",
        "stream stops mid-event, no terminal event (on JSON: as truncated JSON)",
        Fault("truncated_sse"),
        "APIConnectionError",
        True,
        stream_error="StreamError",
        stream_retried=False,
    ),
    FaultCase(
        "sse-error-event",
        "in-stream `error` event (on JSON: a 500 error body)",
        Fault("sse_error_event"),
        "InternalServerError",
        True,
        stream_error="StreamError",
        stream_retried=False,
    ),
    FaultCase(
        "slow-drip",
        f"body dripped 16 bytes every {DRIP_INTERVAL:g} s, past a {DRIP_TIMEOUT:g} s read timeout",
        Fault("slow_drip", bytes_per_chunk=16, interval=DRIP_INTERVAL),
        "APITimeoutError",
        True,
        stream_retried=False,
        timeout=DRIP_TIMEOUT,
    ),
    FaultCase("401", "HTTP 401", Fault("status", status=401), "AuthenticationError", False),
    FaultCase("402", "HTTP 402", Fault("status", status=402), "InsufficientCreditsError", False),
    FaultCase("403", "HTTP 403", Fault("status", status=403), "PermissionDeniedError", False),
)

CASE_IDS = tuple(case.id for case in CASES)
BY_ID = {case.id: case for case in CASES}

# -- the table in docs/reliability.md --------------------------------------------------------------

HEADINGS = {"first attempt": "### Fault on the first attempt", "every attempt": "### Fault on every attempt"}
COLUMNS = ("id", "fault", "mock fault", *KINDS, "waits (s)")


def _seconds(value: float) -> str:
    return f"{value:g}"


def render_cell(outcome: Outcome) -> str:
    if outcome.attempts == 1:
        return f"`{outcome.result}`"
    if outcome.result == RESULT:
        return "retried → result"
    return f"{outcome.attempts} attempts → `{outcome.result}`"


def render_row(case: FaultCase, arming: str) -> str:
    outcomes = [case.outcome(kind, arming) for kind in KINDS]
    waits = next((o.waits for o in outcomes if o.waits), ())
    cells = [
        f"`{case.id}`",
        case.label,
        f"`{case.describe_fault()}`",
        *(render_cell(o) for o in outcomes),
        ", ".join(_seconds(w) for w in waits) or "—",
    ]
    return "| " + " | ".join(cells) + " |"


def render_tables() -> str:
    """Both tables, as they appear in docs/reliability.md."""
    blocks = []
    for arming in ARMINGS:
        lines = [HEADINGS[arming], "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += [render_row(case, arming) for case in CASES]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


_CELL = re.compile(r"^(?:`(?P<error>\w+)`|retried → result|(?P<attempts>\d+) attempts → `(?P<final>\w+)`)$")


def parse_cell(cell: str, waits: tuple[float, ...]) -> Outcome:
    """The outcome a table cell states (``waits`` from the row's last column)."""
    match = _CELL.match(cell.strip())
    if match is None:
        raise ValueError(f"unreadable outcome cell {cell!r}")
    if match["error"]:
        return Outcome(1, (), match["error"])
    if match["attempts"]:
        return Outcome(int(match["attempts"]), waits, match["final"])
    return Outcome(2, waits, RESULT)


@dataclass(frozen=True)
class TableRow:
    """One row as docs/reliability.md states it."""

    label: str
    mock_fault: str
    outcomes: dict[str, Outcome]


def parse_tables(markdown: str) -> dict[str, dict[str, TableRow]]:
    """``{arming: {case id: row}}`` from the two tables of docs/reliability.md."""
    tables: dict[str, dict[str, TableRow]] = {}
    for arming, heading in HEADINGS.items():
        _, found, rest = markdown.partition(heading + "\n")
        if not found:
            raise ValueError(f"docs/reliability.md has no {heading!r} table")
        rows = rest.strip().splitlines()
        end = next((i for i, line in enumerate(rows) if not line.startswith("|")), len(rows))
        header, _, *body = rows[:end]
        names = [cell.strip() for cell in header.strip("|").split("|")]
        if tuple(names) != COLUMNS:
            raise ValueError(f"{heading}: columns are {names}, expected {list(COLUMNS)}")
        table: dict[str, TableRow] = {}
        for line in body:
            cells = dict(zip(COLUMNS, (cell.strip() for cell in line.strip().strip("|").split(" | ")), strict=True))
            waits_cell = cells["waits (s)"]
            waits = () if waits_cell == "—" else tuple(float(w) for w in waits_cell.split(","))
            table[cells["id"].strip("`")] = TableRow(
                label=cells["fault"],
                mock_fault=cells["mock fault"].strip("`"),
                outcomes={kind: parse_cell(cells[kind], waits) for kind in KINDS},
            )
        tables[arming] = table
    return tables
