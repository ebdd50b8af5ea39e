"""The canary API key of the reliability suite, and the scanner that must never find it.

Every client in ``tests/reliability`` uses :data:`CANARY_KEY`. Whatever the suite produces that a
user or an operator could see (log records, reprs, exception chains, journals, cassettes, CLI
output, files) is added to a :class:`Corpus`; the last test scans it all. The scanner looks for
the key as is and in the encodings a leak would most likely take (JSON ``\\u``-escaped and
URL-encoded, any character of it and in any mixture; base64 and base64url at each alignment;
UTF-16; a hex dump), and a positive control proves it finds each of them.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

CANARY_KEY = "sk-bf-reliability-canary-7f3a9c2e51d84b06"
"""Well formed (the mock accepts any ``sk-bf-`` key), unique, and never legitimately printed."""

MASK = "sk-bf-***"


def encodings(secret: str) -> dict[str, bytes]:
    """The fixed byte patterns that betray ``secret``: hex-dumped, UTF-16 and base64 (3 alignments, both
    alphabets). The plain, JSON-escaped and URL-encoded forms are matched by :func:`escaped_pattern`."""
    raw = secret.encode()
    forms = {"hex": raw.hex().encode(), "utf-16-le": secret.encode("utf-16-le")}
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw)
        # Only the characters that depend on the secret alone (not on the padding or the prefix).
        forms[f"base64+{offset}"] = encoded[4:-4]
        url_safe = base64.urlsafe_b64encode(b"\0" * offset + raw)[4:-4]
        if url_safe != forms[f"base64+{offset}"]:  # the same bytes when the key's base64 has no + or /
            forms[f"base64url+{offset}"] = url_safe
    return forms


ESCAPED_FORMS = ("raw", "json-escaped", "url-encoded", "json-escaped+url-encoded")
"""What :func:`escaped_pattern` matches, told apart by the escapes the match holds."""


def escaped_pattern(secret: str) -> re.Pattern[bytes]:
    """``secret`` with each character as is, JSON-escaped (``\\u0073``, hex in either case) or
    percent-encoded (``%73``), in any mixture: ``\\u0073k-bf-...``, ``sk\\u002dbf\\u002d...``, ``sk%2Dbf...``."""
    parts = []
    for char in secret:
        json_escape = rb"\\u" + _hex_any_case(ord(char), 4)
        percent = b"".join(b"%" + _hex_any_case(byte, 2) for byte in char.encode())
        parts.append(b"(?:" + re.escape(char.encode()) + b"|" + json_escape + b"|" + percent + b")")
    return re.compile(b"".join(parts))


def _hex_any_case(value: int, width: int) -> bytes:
    return b"".join(f"[{d}{d.upper()}]".encode() if d.isalpha() else d.encode() for d in f"{value:0{width}x}")


def escaped_form(match: bytes) -> str:
    """Which of :data:`ESCAPED_FORMS` a match of :func:`escaped_pattern` is."""
    json_escaped, url_encoded = b"\\u" in match, b"%" in match
    return ESCAPED_FORMS[json_escaped + 2 * url_encoded]


@dataclass(frozen=True)
class Finding:
    """One occurrence of the secret: where, in which encoding, at which byte offset."""

    source: str
    form: str
    offset: int


@dataclass
class Corpus:
    """Everything captured for the final scan: named texts, and directories read at scan time."""

    texts: list[tuple[str, bytes]] = field(default_factory=list)
    trees: list[tuple[str, Path]] = field(default_factory=list)

    def add(self, source: str, content: str | bytes) -> None:
        self.texts.append((source, content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content))

    def add_exception(self, source: str, error: BaseException) -> None:
        """The full traceback with every chained cause and context, the repr, and the attributes."""
        self.add(f"{source}: traceback", "".join(traceback.format_exception(error)))
        self.add(f"{source}: repr", repr(error))
        self.add(f"{source}: attributes", repr(vars(error)))

    def add_tree(self, source: str, path: Path) -> None:
        """Every file under ``path`` (as it is when :meth:`scan` runs)."""
        self.trees.append((source, path))

    def kinds(self) -> set[str]:
        """The source names, up to their first ``:`` (``"cli --debug: stderr"`` -> ``"cli --debug"``)."""
        return {source.split(":", 1)[0] for source, _ in [*self.texts, *self.trees]}

    def items(self) -> Iterator[tuple[str, bytes]]:
        yield from self.texts
        for source, root in self.trees:
            for path in _files(root):
                try:
                    yield f"{source}: {path}", path.read_bytes()
                except OSError:  # removed or unreadable since: nothing to leak
                    continue

    def scan(self, secret: str) -> tuple[list[Finding], int, int]:
        """(findings, items scanned, bytes scanned): every form of :func:`escaped_pattern` and :func:`encodings`."""
        patterns = encodings(secret)
        escaped = escaped_pattern(secret)
        findings: list[Finding] = []
        items = size = 0
        for source, content in self.items():
            items += 1
            size += len(content)
            seen: set[str] = set()
            for match in escaped.finditer(content):
                form = escaped_form(match.group())
                if form not in seen:
                    seen.add(form)
                    findings.append(Finding(source, form, match.start()))
            for form, pattern in patterns.items():
                offset = content.find(pattern)
                if offset >= 0:
                    findings.append(Finding(source, form, offset))
        return findings, items, size


def _files(root: Path) -> Iterable[Path]:
    if root.is_file():
        yield root
        return
    for directory, _, names in os.walk(root):
        for name in names:
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                yield path


class CorpusHandler(logging.Handler):
    """Formats every record it gets (traceback included) into the corpus."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__(logging.DEBUG)
        self.corpus = corpus
        self.records = 0
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records += 1
        self.corpus.add(f"log {record.name.split('.')[0]}: {record.name}", self.format(record))


LOGGERS = ("deepshi", "httpx", "httpcore", "uvicorn")
"""The loggers captured at DEBUG for the whole suite (``deepshi.mock`` and ``uvicorn.error`` propagate into these)."""
