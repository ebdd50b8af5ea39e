"""How the command line reports errors: one clear line, a JSON record for batch failures, and
a traceback only with ``--debug``; the API key is scrubbed from all of it."""

from __future__ import annotations

import base64
import json
import re
import traceback
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

# Anything shaped like a Deepshi key, in case one reaches a message we did not write.
_KEY_PATTERN = re.compile(r"sk-bf-[A-Za-z0-9_\-]+")
REDACTED = "sk-bf-***"

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class Redactor:
    """Masks the given secrets, whatever their shape, and anything shaped like a Deepshi key, as ``sk-bf-***``.

    A secret is found as given and in the forms a message may quote it in: without surrounding
    whitespace (a key read from a file keeps its newline, and the HTTP layer quotes the header
    without it), Python-escaped (``repr`` of a str or of bytes, as in ``Illegal header value
    b'Bearer ...\\n'``), JSON-escaped (``ensure_ascii`` and every character ``\\u``-escaped),
    URL-encoded and base64-encoded.
    """

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        forms: set[str] = set()
        patterns: list[re.Pattern[str]] = []
        for secret in secrets:
            if not secret:
                continue
            for variant in {secret, secret.strip()} - {""}:
                forms |= _forms(variant)
                patterns.append(_escaped_everywhere(variant))
        # Longest first, so a form containing another is replaced whole.
        self._forms = sorted((form for form in forms if form), key=len, reverse=True)
        self._patterns = patterns

    def __call__(self, text: str) -> str:
        for form in self._forms:
            if form in text:
                text = text.replace(form, REDACTED)
        if "\\u" in text:
            for pattern in self._patterns:
                text = pattern.sub(REDACTED, text)
        return _KEY_PATTERN.sub(REDACTED, text)


def _forms(secret: str) -> set[str]:
    encoded = secret.encode("utf-8", "surrogatepass")
    return {
        secret,
        repr(secret)[1:-1],
        ascii(secret)[1:-1],
        repr(encoded)[2:-1],
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(encoded, safe=""),
        base64.b64encode(encoded).decode().rstrip("="),
        base64.urlsafe_b64encode(encoded).decode().rstrip("="),
    }


def _escaped_everywhere(secret: str) -> re.Pattern[str]:
    """Each character either as is or as a JSON ``\\uXXXX`` escape (either case of hex), in any mixture."""
    parts = []
    for char in secret:
        if ord(char) > 0xFFFF:
            parts.append(re.escape(char))
            continue
        parts.append(f"(?:{re.escape(char)}|\\\\u{ord(char):04x})")
    return re.compile("".join(parts), re.IGNORECASE)


def error_fields(exc: BaseException) -> dict[str, Any]:
    """The typed facts of an error: class name, HTTP status, message, param, code and request id."""
    message = getattr(exc, "message", None)
    text = message if isinstance(message, str) and message else str(exc) or type(exc).__name__
    for note in getattr(exc, "__notes__", ()):  # hints the command added (``did you mean …?``)
        text += f" ({note})"
    return {
        "error": type(exc).__name__,
        "status": getattr(exc, "status_code", None),
        "message": text,
        "param": getattr(exc, "param", None),
        "code": getattr(exc, "error_code", None),
        "request_id": getattr(exc, "request_id", None),
    }


def describe(exc: BaseException) -> str:
    """One line: ``BadRequestError (400): n must be 1 for this model [param: n] [request id: req_1]``."""
    if isinstance(exc, CliError):
        return " ".join(exc.message.split())
    fields = error_fields(exc)
    status = f" ({fields['status']})" if fields["status"] is not None else ""
    line = f"{fields['error']}{status}: {' '.join(str(fields['message']).split())}"
    if fields["param"]:
        line += f" [param: {fields['param']}]"
    if fields["request_id"]:
        line += f" [request id: {fields['request_id']}]"
    return line


def debug_traceback(exc: BaseException) -> str:
    """The full traceback text (chained causes included), for ``--debug``; redact before printing."""
    return "".join(traceback.format_exception(exc))


class CliError(Exception):
    """A failure the command line words itself: printed as its message alone, exit ``exit_code``."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


class UsageProblem(CliError):
    """The command cannot run as asked (no key, a URL without a scheme, an output folder that cannot be
    written, an input that is not an image…): one line, exit 2, and nothing was sent."""

    exit_code = EXIT_USAGE


class ConfigurationError(UsageProblem):
    """The command needs something that is not there (a key for ``--live``, a missing extra, …)."""


class SavingFailed(CliError):
    """The answer arrived (and was billed) but its images could not all be saved where asked; the
    message says where they are instead."""
