"""The CLI masks the configured key itself, whatever its shape (issue 15, item 10).

Before, it masked the key exactly as given and anything shaped like ``sk-bf-…``: a key of another
shape was printed in full as soon as a message quoted it in another form (the HTTP layer's
``repr`` of the header without the key's trailing newline, a server quoting it URL-encoded or in
base64). Here a hand-made server quotes the key back in every such form, on the error line and in
the ``--debug`` traceback and logs; none may reach the output, from ``--api-key`` (before or after
the command) or from the environment.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from deepshi.cli.errors import Redactor
from deepshi.mock import MockServer

from .conftest import Run
from .fake_api import FakeApi, fake_api

ODD_KEYS = [
    "Plain.Token/With+Chars=9d2c",  # not sk-bf- shaped; URL-encoding and base64 change it
    "tok_ÄÖÜ-unicode-4f1e",  # non-ASCII: escaped by repr, JSON and URLs
]


def _forms(key: str) -> list[str]:
    """How a server or a library may quote the key: everything a reader could turn back into it."""
    raw = key.encode()
    return [
        key,
        quote(raw, safe=""),
        base64.b64encode(raw).decode().rstrip("="),
        json.dumps(key)[1:-1],
        "".join(f"\\u{ord(char):04x}" for char in key),
        repr(raw)[2:-1],
    ]


@pytest.fixture(params=ODD_KEYS)
def key(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def quoting_server(deepshi_mock: MockServer, key: str) -> Iterator[FakeApi]:
    """Answers everything 401, quoting the key back in every form (as a careless upstream would)."""
    message = "Incorrect API key provided: " + " | ".join(_forms(key))
    body = {"error": {"message": message, "type": "invalid_request_error", "code": "invalid_api_key", "param": None}}
    with fake_api(deepshi_mock.model_list(), body) as server:
        server.status = 401
        yield server


def _leaks(text: str, key: str) -> list[str]:
    return [form for form in _forms(key) if form in text]


def test_the_redactor_masks_every_form_of_any_key(key: str) -> None:
    redact = Redactor([key])
    text = " ; ".join(_forms(key))
    assert _leaks(redact(text), key) == []
    assert redact("nothing secret here") == "nothing secret here"


def test_a_key_with_a_trailing_newline_is_masked_in_the_quoted_header_too() -> None:
    key = "plain-secret-value-77aa"
    header_error = f"Illegal header value b'Bearer {key}'"  # what the HTTP layer says, newline stripped
    assert key not in Redactor([key + "\n"])(header_error)


@pytest.mark.parametrize("where", ["before", "after", "environment"])
def test_no_form_of_an_odd_shaped_key_is_printed_even_with_debug(
    cli: Run, quoting_server: FakeApi, key: str, tmp_path: Path, where: str
) -> None:
    args = ["generate", "-p", "a fox", "-m", "nano-banana-2", "-o", str(tmp_path)]
    base = ["--base-url", quoting_server.url, "--max-retries", "0"]
    if where == "before":
        result = cli("--debug", *args, global_args=[*base, "--api-key", key])
    elif where == "after":
        result = cli(*args, "--debug", "--api-key", key, global_args=base)
    else:
        result = cli("--debug", *args, global_args=base, env={"DEEPSHI_API_KEY": key})
    assert result.exit_code == 1, result.output
    assert "Traceback (most recent call last)" in result.stderr  # --debug really printed the details
    last = result.stderr.strip().splitlines()[-1]
    if key.isascii():  # sent, refused by the server, which quotes it back (masked)
        assert last.startswith("error: AuthenticationError (401): ")
        assert "sk-bf-***" in result.stderr
    else:  # a key that cannot go into a header is refused by the client before anything is sent
        assert last.startswith("error: InvalidRequestError: api_key")
        assert quoting_server.image_requests == []
    assert _leaks(result.output, key) == []


def test_a_key_read_from_a_file_with_its_newline_is_never_printed(cli: Run, deepshi_mock: MockServer) -> None:
    key = "plain-secret-value-77aa\n"  # Path("key").read_text() keeps the newline
    result = cli("--debug", "models", global_args=["--base-url", deepshi_mock.url, "--api-key", key])
    assert result.exit_code != 0
    assert "plain-secret-value-77aa" not in result.output
    assert _leaks(result.output, key.strip()) == []
