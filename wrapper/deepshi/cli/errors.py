"""How the command line reports errors: one clear line, a JSON record for batch failures, and
a traceback only with ``--debug``; the API key is scrubbed from all of it."""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable
from typing import Any

# Anything shaped like a Deepshi key, in case one reaches a message we did not write.
_KEY_PATTERN = re.compile(r"sk-bf-[A-Za-z0-9_\-]+")
REDACTED = "sk-bf-***"

EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130


class Redactor:
    """Replaces the given secrets, and anything that looks like a Deepshi key, with ``sk-bf-***``."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        # Longest first, so a secret containing another is replaced whole.
        self._secrets = sorted({secret for secret in secrets if secret}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _KEY_PATTERN.sub(REDACTED, text)


def error_fields(exc: BaseException) -> dict[str, Any]:
    """The typed facts of an error: class name, HTTP status, message, param, code and request id."""
    message = getattr(exc, "message", None)
    return {
        "error": type(exc).__name__,
        "status": getattr(exc, "status_code", None),
        "message": message if isinstance(message, str) and message else str(exc) or type(exc).__name__,
        "param": getattr(exc, "param", None),
        "code": getattr(exc, "error_code", None),
        "request_id": getattr(exc, "request_id", None),
    }


def describe(exc: BaseException) -> str:
    """One line: ``BadRequestError (400): n must be 1 for this model [param: n] [request id: req_1]``."""
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


class ConfigurationError(Exception):
    """The command cannot run as asked (a missing key for ``--live``, a missing extra, …)."""
