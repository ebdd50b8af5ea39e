"""Server-Sent Events as the API sends them: keepalive comments, one terminal event, close."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deepshi import _json

from .terms import Completed, Failed

KEEPALIVE = b": keepalive\n\n"
DEFAULT_KEEPALIVES = 1
"""Keepalive comments a stream sends before its terminal event, unless configured otherwise."""
DEFAULT_INTERVAL = 0.01
"""Seconds before each keepalive comment, unless configured otherwise (long enough that the comment
leaves as its own TCP segment, short enough not to slow a test suite)."""
COMPLETED = Completed.KIND
"""The terminal success event's name and ``type`` (pinned in :mod:`.terms`)."""
ERROR = Failed.KIND
"""The in-stream error event's name and ``type``."""


def dumps(value: Any) -> str:
    """Compact JSON, the serialisation every mock answer uses (orjson when installed, see ``deepshi._json``)."""
    return _json.dumps(value)


def comment(text: str) -> bytes:
    """An SSE comment line (``: text``) followed by the blank line."""
    return f": {text}\n\n".encode()


def event(name: str | None, data: str) -> bytes:
    """An ``event:`` line (when named) and one ``data:`` line per line of ``data``."""
    lines = [f"event: {name}"] if name else []
    lines.extend(f"data: {line}" for line in data.split("\n"))
    return ("\n".join(lines) + "\n\n").encode()


@dataclass(frozen=True)
class ParsedItem:
    """One item of a parsed stream: a comment (``event`` None, ``comment`` set) or an event."""

    comment: str | None = None
    event: str | None = None
    data: str | None = None


def parse(raw: bytes) -> list[ParsedItem]:
    """Split a complete event stream into comments and events (for recording and tests)."""
    items: list[ParsedItem] = []
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    for block in text.split("\n\n"):
        if not block:
            continue
        name: str | None = None
        data: list[str] = []
        comments: list[str] = []
        for line in block.split("\n"):
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "":
                comments.append(value)
            elif field == "event":
                name = value
            elif field == "data":
                data.append(value)
        if data or name:
            items.append(ParsedItem(event=name, data="\n".join(data)))
        else:
            items.extend(ParsedItem(comment=c) for c in comments)
    return items
