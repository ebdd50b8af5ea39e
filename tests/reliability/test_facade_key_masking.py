"""The API key: refused when it cannot be sent, masked wherever a server quotes it back (issue 15, items 7, 8).

A key read from a file keeps its newline, and a pasted one may carry a non-ASCII character: the
client refuses both when it is built, without quoting any of the key. Servers quote the key they
rejected, and not always as is: hand-made loopback servers here quote it JSON-escaped
(``\\u0073k-bf-...``, every character escaped, ``\\u``-escaped as an object key), URL-encoded and
in base64, in error bodies and inside stream events. Every exception is scanned with the suite's
scanner (all encodings) and goes to the corpus of the final scan.
"""

from __future__ import annotations

import asyncio
import base64
import json
import traceback
from collections.abc import Callable
from typing import Any

import pytest

from deepshi import (
    APIResponseValidationError,
    AsyncDeepshi,
    AuthenticationError,
    Deepshi,
    InvalidRequestError,
    PermissionDeniedError,
    StreamError,
)
from deepshi._sse import UnknownStreamEvent

from . import figures
from .canary import CANARY_KEY, MASK, Corpus
from .fake_api import Connection, Request, completed_event, each_request, fake_api, head, images_body

PROMPT: dict[str, Any] = {"model": "flux-2-pro", "prompt": "p", "width": 256, "height": 256}
UNIQUE_PART = CANARY_KEY[-16:]
"""A part of the key no other text holds (a prefix of it may: ``sk-bf-reliability``, the folder's name)."""


def _percent_all(text: str) -> str:
    return "".join(f"%{byte:02X}" for byte in text.encode())


def _escape_all(text: str) -> str:
    return "".join(f"\\u{ord(char):04x}" for char in text)


def _scan(*texts: str) -> list[Any]:
    corpus = Corpus()
    for number, text in enumerate(texts):
        corpus.add(f"text {number}", text)
    return corpus.scan(CANARY_KEY)[0]


def _everything(error: BaseException) -> list[str]:
    """What a user or a log could see of an exception: str, repr, args, attributes, the formatted chain."""
    body = getattr(error, "body", None)
    return [
        str(error),
        repr(error),
        repr(error.args),
        repr({k: v for k, v in vars(error).items() if k not in ("response", "request")}),
        json.dumps(body) if body is not None else "",
        "".join(traceback.format_exception(error)),
    ]


# -- item 7 -----------------------------------------------------------------------------------------

BAD_KEYS = {
    "trailing LF (read_text())": CANARY_KEY + "\n",
    "trailing CRLF": CANARY_KEY + "\r\n",
    "CR in the middle": CANARY_KEY[:10] + "\r" + CANARY_KEY[10:],
    "non-ASCII (é)": CANARY_KEY + "é",
    "non-ASCII (€, outside latin-1)": CANARY_KEY[:12] + "€" + CANARY_KEY[12:],
    "a NUL": CANARY_KEY + "\0",
    "a tab": CANARY_KEY + "\t",
    "a leading space": " " + CANARY_KEY,
}


KEY_CASES = [
    pytest.param(how, key, id=f"{how}: {name}")
    for how in ("sync", "async", "environment", "with_options")
    for name, key in BAD_KEYS.items()
    if not (how == "environment" and "\0" in key)  # no environment variable can hold a NUL
]


@pytest.mark.parametrize(("how", "key"), KEY_CASES)
def test_a_key_that_cannot_be_sent_is_refused_when_the_client_is_built(
    how: str, key: str, monkeypatch: pytest.MonkeyPatch, corpus: Corpus
) -> None:
    builders: dict[str, Callable[[], object]] = {
        "sync": lambda: Deepshi(api_key=key),
        "async": lambda: AsyncDeepshi(api_key=key),
        "environment": Deepshi,
        "with_options": lambda: Deepshi(api_key=CANARY_KEY).with_options(api_key=key),
    }
    if how == "environment":
        monkeypatch.setenv("DEEPSHI_API_KEY", key)
    with pytest.raises(InvalidRequestError) as raised:
        builders[how]()
    error = raised.value
    assert error.param == "api_key"
    texts = _everything(error)
    assert not any(UNIQUE_PART[:6] in text for text in texts), texts
    assert _scan(*texts) == []
    corpus.add_exception(f"bad key ({how})", error)
    figures.add("facade secrets", "bad keys refused")


# -- item 8 -----------------------------------------------------------------------------------------

QUOTED_BODIES: dict[str, tuple[int, str, bytes]] = {
    "JSON, first character \\u-escaped": (
        401,
        "application/json",
        b'{"error": {"message": "Incorrect API key provided: \\u0073'
        + CANARY_KEY[1:].encode()
        + b'.", "type": "invalid_request_error", "code": "invalid_api_key", "param": null}}',
    ),
    "JSON, every character \\u-escaped, also as an object key": (
        401,
        "application/json",
        json.dumps(
            {
                "error": {"message": "Incorrect API key provided: KEY", "type": "auth", "code": None, "param": "KEY"},
                "KEY": {"echo": ["KEY"]},
            }
        )
        .replace("KEY", _escape_all(CANARY_KEY))
        .encode(),
    ),
    "JSON, dashes escaped": (
        401,
        "application/json",
        json.dumps({"error": {"message": CANARY_KEY.replace("-", "\\u002d"), "type": "x"}})
        .replace("\\\\", "\\")
        .encode(),
    ),
    "HTML, URL-encoded": (
        403,
        "text/html",
        f"<html><body>key {_percent_all(CANARY_KEY[:20])}{CANARY_KEY[20:]} was revoked</body></html>".encode(),
    ),
    "text, Basic credential in base64": (
        401,
        "text/plain",
        f"bad credential: Basic {base64.b64encode(f'user:{CANARY_KEY}'.encode()).decode()}".encode(),
    ),
}


def _quoting(status: int, content_type: str, body: bytes) -> Callable[[Connection, Request, bytes], bool]:
    def answer(conn: Connection, _request: Request, _body: bytes) -> bool:
        conn.answer(status, body, {"content-type": content_type})
        return True

    return answer


@pytest.mark.parametrize(("status", "content_type", "body"), QUOTED_BODIES.values(), ids=list(QUOTED_BODIES))
@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_key_the_server_quotes_back_in_any_encoding_is_masked(
    kind: str, status: int, content_type: str, body: bytes, corpus: Corpus
) -> None:
    expected = AuthenticationError if status == 401 else PermissionDeniedError
    with fake_api(each_request(_quoting(status, content_type, body))) as api:
        options: dict[str, Any] = {"api_key": CANARY_KEY, "base_url": api.base_url, "validate": False}
        if kind == "sync":
            with Deepshi(**options) as client, pytest.raises(expected) as raised:
                client.images.generate(**PROMPT)
        else:

            async def main() -> None:
                async with AsyncDeepshi(**options) as client:
                    await client.images.generate(**PROMPT)

            with pytest.raises(expected) as raised:
                asyncio.run(main())
    error = raised.value
    assert _scan(*_everything(error)) == []
    assert MASK in str(error) + json.dumps(error.body)
    corpus.add_exception(f"key quoted back ({kind})", error)
    figures.add("facade secrets", "quoted keys masked")


def _stream_of(*events: bytes) -> Callable[[Connection], None]:
    def script(conn: Connection) -> None:
        request = conn.read_head()
        if request is None:
            return
        conn.read_body(request)
        conn.send(head(200, {"content-type": "text/event-stream"}) + b"".join(events))

    return script


def _event(name: str, payload: dict[str, Any]) -> bytes:
    data = json.dumps(payload).replace("KEY", _escape_all(CANARY_KEY))
    return f"event: {name}\ndata: {data}\n\n".encode()


def test_stream_events_that_quote_the_key_are_masked(corpus: Corpus) -> None:
    document = json.loads(images_body())
    invalid = {**document, "created": "KEY"}  # a string where the spec wants an integer: the message quotes it
    error_event = {"type": "error", "error": {"message": "key KEY rejected", "type": "auth", "code": None}}
    unknown = {"type": "image_generation.partial", "note": "KEY", "KEY": 1}
    cases: list[tuple[bytes, type[BaseException]]] = [
        (
            _event("image_generation.completed", {"type": "image_generation.completed", **invalid}),
            APIResponseValidationError,
        ),
        (_event("error", error_event), StreamError),
    ]
    for event, expected in cases:
        with (
            fake_api(_stream_of(event)) as api,
            Deepshi(api_key=CANARY_KEY, base_url=api.base_url, validate=False) as client,
        ):
            stream = client.images.generate(**PROMPT, stream=True)
            with stream, pytest.raises(expected) as raised:
                stream.final_result()
        assert _scan(*_everything(raised.value)) == [], str(raised.value)
        assert MASK in str(raised.value)
        corpus.add_exception(f"stream event quoting the key ({expected.__name__})", raised.value)
    with (
        fake_api(_stream_of(_event("image_generation.partial", unknown), completed_event())) as api,
        Deepshi(api_key=CANARY_KEY, base_url=api.base_url, validate=False) as client,
    ):
        events = list(client.images.generate(**PROMPT, stream=True))
    assert isinstance(events[0], UnknownStreamEvent)
    assert _scan(repr(events[0]), json.dumps(events[0].data)) == []
    assert events[0].data == {"type": "image_generation.partial", "note": MASK, MASK: 1}
    corpus.add("unknown stream event", repr(events))
