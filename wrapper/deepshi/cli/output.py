"""Terminal output: the two consoles (results on stdout, progress and errors on stderr) and
the small formatters every command shares."""

from __future__ import annotations

from rich.console import Console


def stdout_console() -> Console:
    """Results. ``soft_wrap`` keeps long file paths on one line, so they stay copy-pasteable."""
    return Console(soft_wrap=True, highlight=False)


def stderr_console() -> Console:
    """Spinners, progress bars and error lines (they never mix into piped results)."""
    return Console(stderr=True, highlight=False)


def format_cost(cost: float | None) -> str:
    """USD with as many decimals as the amount needs (at least 2, at most 6): ``$0.039``, ``$0.000135``."""
    if cost is None:
        return "-"
    text = f"{cost:,.6f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"${whole}.{decimals.ljust(2, '0')}"


def format_bytes(size: int) -> str:
    """``812 B``, ``14.2 KB``, ``3.1 MB`` (powers of 1024)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def plural(count: int, noun: str) -> str:
    """``1 image``, ``2 images``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
