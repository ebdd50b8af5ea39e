"""Failure messages in schemathesis' shape: what was received, what the spec documents, how to reproduce."""

from __future__ import annotations


def mismatch(*, received: str, documented: str, reproduce: str | None = None) -> str:
    """An assertion message: ``Received: ...`` / ``Documented: ...`` / ``Reproduce: ...``."""
    lines = [f"Received: {received}", f"Documented: {documented}"]
    if reproduce:
        lines.append(f"Reproduce: {reproduce}")
    return "\n".join(lines)
