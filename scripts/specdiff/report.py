"""Rendering findings: grouped by level, one entry per change however many operations it reaches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .findings import Finding
from .rules import ERR, INFO, WARN
from .surface import Breakage

HEADINGS = {
    ERR: "Breaking changes (ERR)",
    WARN: "Possibly breaking changes (WARN: cannot be confirmed programmatically)",
    INFO: "Non-breaking changes (INFO)",
}
TAGS = {ERR: "error", WARN: "warn ", INFO: "info "}


@dataclass
class Change:
    """One change (a rule, what it says, where it is written) and every place it shows."""

    first: Finding
    places: dict[str, list[tuple[str | None, str | None]]] = field(default_factory=dict)  # subject -> (op, where)


def group(findings: Iterable[Finding]) -> list[Change]:
    """Findings of one change merged (same rule, text and origin), most severe first."""
    changes: dict[tuple[str, str, str], Change] = {}
    for finding in findings:
        change = changes.setdefault((finding.rule, finding.text, finding.origin), Change(finding))
        places = change.places.setdefault(finding.subject, [])
        if (finding.op, finding.where) not in places:
            places.append((finding.op, finding.where))
    return sorted(changes.values(), key=lambda change: -change.first.level)  # stable within a level


def render_spec(findings: list[Finding], *, title: str) -> list[str]:
    lines = [title]
    if not findings:
        lines.append("  no changes")
        return lines
    changes = group(findings)
    for level in (ERR, WARN, INFO):
        members = [change for change in changes if change.first.level == level]
        if not members:
            continue
        lines.append(f"{HEADINGS[level]}: {len(members)}")
        for change in members:
            first = change.first
            single = len(change.places) == 1
            lines.append(f"  {TAGS[level]} [{first.rule}] {first.message if single else first.text}")
            lines.append(f"        at {first.origin}")
            for subject, places in change.places.items():
                ops = _places(places)
                if not single:
                    lines.append(f"        as {subject}" + (" in" if ops else ""))
                lead = "  " if not single else "in"
                for index, line in enumerate(ops):
                    lines.append(f"        {lead if index == 0 else '  '} {line}")
    return lines


def render_surface(found: list[Breakage] | None, *, title: str) -> list[str]:
    lines = [title]
    if found is None:
        lines.append("  not present at the base ref: nothing to compare")
    elif not found:
        lines.append("  no changes that break users (griffe)")
    else:
        lines.append(f"{HEADINGS[ERR]}: {len(found)}")
        lines.extend(f"  {TAGS[ERR]} [griffe {item.kind}] {item.message}" for item in found)
    return lines


def _places(places: list[tuple[str | None, str | None]]) -> list[str]:
    """One line per operation: ``POST /v1/images/edits (responses 400, 401 application/json)``."""
    by_op: dict[str, list[str]] = {}
    for op, where in places:
        if op is None:
            continue
        wheres = by_op.setdefault(op, [])
        if where and where not in wheres:
            wheres.append(where)
    lines = []
    for op, wheres in by_op.items():
        parts: list[str] = []
        statuses: dict[str, list[str]] = {}
        for where in wheres:
            if where.startswith("response "):
                status, _, rest = where[len("response ") :].partition(" ")
                statuses.setdefault(rest, []).append(status)
            else:
                parts.append(where)
        for rest, codes in statuses.items():
            parts.append(f"response{'s' if len(codes) > 1 else ''} {', '.join(codes)}" + (f" {rest}" if rest else ""))
        lines.append(op + (f" ({'; '.join(parts)})" if parts else ""))
    return lines
