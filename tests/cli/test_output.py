"""Formatting: costs, sizes, error lines, key redaction."""

from __future__ import annotations

import httpx
import pytest

from deepshi.cli.errors import Redactor, debug_traceback, describe, error_fields
from deepshi.cli.manifest import ManifestError
from deepshi.cli.output import format_bytes, format_cost, plural


@pytest.mark.parametrize(
    ("cost", "text"),
    [(None, "-"), (0.0, "$0.00"), (0.039, "$0.039"), (0.000135, "$0.000135"), (1.5, "$1.50"), (1234.5, "$1,234.50")],
)
def test_format_cost(cost: float | None, text: str) -> None:
    assert format_cost(cost) == text


@pytest.mark.parametrize(("size", "text"), [(0, "0 B"), (812, "812 B"), (14_540, "14.2 KB"), (3_250_586, "3.1 MB")])
def test_format_bytes(size: int, text: str) -> None:
    assert format_bytes(size) == text


def test_plural() -> None:
    assert (plural(1, "image"), plural(2, "image")) == ("1 image", "2 images")


def test_describe_a_status_error_in_one_line() -> None:
    from deepshi import BadRequestError

    exc = BadRequestError(
        "Invalid value for 'n':\n 3 is above the maximum.",
        response=httpx.Response(
            400, headers={"x-request-id": "req_42"}, request=httpx.Request("POST", "http://h.test/v1/images/edits")
        ),
        param="n",
    )
    assert (
        describe(exc)
        == "BadRequestError (400): Invalid value for 'n': 3 is above the maximum. [param: n] [request id: req_42]"
    )
    assert error_fields(exc)["status"] == 400


def test_describe_other_errors() -> None:
    assert describe(ManifestError("unknown field 'x'", "x")) == "ManifestError: unknown field 'x' [param: x]"
    assert describe(OSError("disk full")) == "OSError: disk full"
    assert describe(RuntimeError()) == "RuntimeError: RuntimeError"


def test_redactor_scrubs_given_secrets_and_anything_key_shaped() -> None:
    redact = Redactor(["not-a-key-shape-secret", None, ""])
    text = "a not-a-key-shape-secret b sk-bf-abc_DEF-123 c"
    assert redact(text) == "a sk-bf-*** b sk-bf-*** c"


def test_debug_traceback_includes_the_chain() -> None:
    try:
        try:
            raise ValueError("inner cause")
        except ValueError as inner:
            raise RuntimeError("outer") from inner
    except RuntimeError as exc:
        text = debug_traceback(exc)
    assert "inner cause" in text
    assert "RuntimeError: outer" in text
