"""Every exception the facade raises, in one tree.

```
DeepshiError                          base of everything raised by deepshi
├── InvalidRequestError (ValueError)  caught on the client side: nothing was sent
└── APIError                          something went wrong talking to the API
    ├── APIStatusError                the API answered with an error status
    │   ├── BadRequestError               400
    │   ├── AuthenticationError           401
    │   ├── InsufficientCreditsError      402
    │   ├── PermissionDeniedError         403
    │   ├── NotFoundError                 404
    │   ├── UnprocessableEntityError      422
    │   ├── RateLimitError                429
    │   └── InternalServerError           >= 500
    │   (any other status: APIStatusError itself)
    ├── APIConnectionError            no answer: connection refused, reset, DNS, ...
    │   └── APITimeoutError           no answer in time
    ├── APIResponseValidationError    a 2xx answer that does not match the spec
    └── StreamError                   an error event inside a stream, or a stream that ended early
```

Foreign exceptions (httpx, JSON, the generated models' parsers) are translated where they enter
the facade and chained with ``raise ... from exc``. :func:`make_status_error` returns the error
for a status (it never raises), so every ``raise`` stays visible at its call site.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from ._redact import redact_json

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "DeepshiError",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "StreamError",
    "UnprocessableEntityError",
]


def _rebuild(cls: type[DeepshiError], args: tuple[Any, ...], state: dict[str, Any]) -> DeepshiError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class DeepshiError(Exception):
    """Base class of every exception raised by deepshi."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructors defeat Exception's default pickling; keep errors picklable
        # (e.g. when a worker process reports one back) by restoring their attributes directly.
        return _rebuild, (type(self), self.args, self.__dict__.copy())


class InvalidRequestError(DeepshiError, ValueError):
    """The request was rejected on the client side, before anything was sent.

    ``param`` names the argument at fault when there is one (``"image[2]"``, ``"n"``, ...).
    """

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


class APIError(DeepshiError):
    """Something went wrong talking to the API. ``message`` is the human-readable reason.

    ``request`` is the ``httpx.Request`` that was sent, and ``response`` the ``httpx.Response`` when
    an answer was received (its body already read, or the stream it came from); either may be
    ``None`` (no answer for a connection error).
    """

    def __init__(
        self, message: str, *, request: httpx.Request | None = None, response: httpx.Response | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.request = response.request if response is not None and request is None else request

    @property
    def status_code(self) -> int | None:
        """The answer's HTTP status, when there was an answer."""
        return self.response.status_code if self.response is not None else None

    @property
    def headers(self) -> httpx.Headers:
        """The answer's headers (empty when there was no answer)."""
        return self.response.headers if self.response is not None else httpx.Headers()

    @property
    def request_id(self) -> str | None:
        """The ``x-request-id`` response header, to quote to support."""
        request_id: str | None = self.headers.get("x-request-id")
        return request_id


class APIStatusError(APIError):
    """The API answered with an error status (4xx/5xx).

    ``body`` is the decoded JSON body (or the text when it was not JSON); ``error_type``,
    ``error_code`` and ``param`` come from its ``error`` object when present; ``response`` and
    ``request`` are the httpx objects.
    """

    response: httpx.Response

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object = None,
        error_type: str | None = None,
        error_code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message, response=response)
        self.body = body
        self.error_type = error_type
        self.error_code = error_code
        self.param = param

    @property
    def status_code(self) -> int:
        return self.response.status_code


class BadRequestError(APIStatusError):
    """400: the request is malformed, or names a model id that is not in the catalog."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, malformed or unknown."""


class InsufficientCreditsError(APIStatusError):
    """402: the account is out of credits."""


class PermissionDeniedError(APIStatusError):
    """403: the key was revoked, or may not use the requested model."""


class NotFoundError(APIStatusError):
    """404: the resource does not exist."""


class UnprocessableEntityError(APIStatusError):
    """422: well formed but cannot be processed (e.g. the model refused the prompt)."""


class RateLimitError(APIStatusError):
    """429: too many requests (retried automatically, honouring ``Retry-After``)."""


class InternalServerError(APIStatusError):
    """>= 500: a server error (retried automatically)."""


class APIConnectionError(APIError):
    """No answer from the API: the connection failed or broke."""


class APITimeoutError(APIConnectionError):
    """No answer from the API in time (see the ``timeout`` option)."""


class APIResponseValidationError(APIError):
    """A successful (2xx) answer whose body does not match the spec."""


class StreamError(APIError):
    """A stream reported an error event, or ended without its terminal event.

    ``error_type``, ``error_code`` and ``param`` come from the error event when there was one.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response | None = None,
        error_type: str | None = None,
        error_code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message, response=response)
        self.error_type = error_type
        self.error_code = error_code
        self.param = param


_STATUS_CLASSES: Mapping[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for an error status."""
    if status_code >= 500:
        return InternalServerError
    return _STATUS_CLASSES.get(status_code, APIStatusError)


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def decode_json(content: bytes | str) -> tuple[bool, Any]:
    """``(True, document)`` for a JSON body, ``(False, None)`` otherwise (nesting too deep included).

    ``json.loads`` raises ``RecursionError``, not ``ValueError``, for a body nested thousands deep.
    """
    try:
        return True, json.loads(content)
    except (ValueError, RecursionError):
        return False, None


def make_status_error(response: httpx.Response, content: bytes, *, redact: Callable[[str], str]) -> APIStatusError:
    """Return (not raise) the error for an error answer, reading the spec's error envelope leniently.

    The body is decoded as JSON when it can be; a non-JSON body (a proxy's HTML page, say) still
    yields the right class, with the start of its text in the message. ``redact`` masks the API
    key wherever the server quoted it: in every string of the decoded document (so a key the
    server JSON-escaped is masked too), or in the text of a body that is not JSON.
    """
    status_code = response.status_code
    text = content.decode("utf-8", "replace")
    is_json, document = decode_json(text)
    body: Any = redact_json(document, redact) if is_json else redact(text)
    detail = body.get("error") if isinstance(body, dict) else None
    if isinstance(detail, dict) and isinstance(detail.get("message"), str):
        message = detail["message"]
    elif isinstance(body, str) and body.strip():
        message = f"HTTP {status_code}: {body.strip()[:200]}"
    else:
        message = f"HTTP {status_code}"
    detail = detail if isinstance(detail, dict) else {}
    return status_error_class(status_code)(
        message,
        response=response,
        body=body,
        error_type=_optional_str(detail.get("type")),
        error_code=_optional_str(detail.get("code")),
        param=_optional_str(detail.get("param")),
    )


def translate_transport_error(
    exc: httpx.RequestError | httpx.StreamError,
    request: httpx.Request | None = None,
    *,
    redact: Callable[[str], str],
) -> APIConnectionError:
    """Return the facade error for an httpx transport failure (the caller chains it with ``from``).

    The reason is masked with ``redact``: httpx quotes what it refused (a header value, say).
    """
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"Request timed out ({type(exc).__name__}).", request=request)
    reason = redact(str(exc)) or type(exc).__name__
    return APIConnectionError(f"Connection error: {reason}", request=request)
