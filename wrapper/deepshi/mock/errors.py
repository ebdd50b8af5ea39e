"""Error answers in the API's shape: ``{"error": {"message", "type", "code", "param"}}``."""

from __future__ import annotations

from typing import Any

from .terms import Error, ErrorDetail

_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "insufficient_quota",
    403: "permission_error",
    404: "not_found_error",
    405: "invalid_request_error",
    408: "invalid_request_error",
    413: "invalid_request_error",
    422: "invalid_request_error",
    429: "rate_limit_error",
}


def default_error_type(status: int) -> str:
    """The error ``type`` the API uses for ``status``."""
    return _TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")


class ApiError(Exception):
    """A request the mock answers with an error body (raised while handling a request)."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        error_type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error_type = error_type or default_error_type(status)
        self.code = code
        self.param = param
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The JSON error body."""
        return error_body(self.message, self.error_type, self.code, self.param)


class PayloadTooLarge(ApiError):
    """A file or the whole request is over the configured limit (413)."""

    def __init__(self, message: str, *, param: str | None, code: str = "file_too_large") -> None:
        super().__init__(413, message, code=code, param=param)


class RequestTimeout(ApiError):
    """The request body did not arrive within the body deadline (408; the connection is then closed)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            408, f"The request body did not arrive within {seconds:g} s.", code="request_timeout", param=None
        )


def error_body(message: str, error_type: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    """``{"error": {...}}`` with all four keys present (the names pinned in :mod:`.terms`)."""
    return {
        Error.ERROR: {
            ErrorDetail.MESSAGE: message,
            ErrorDetail.TYPE: error_type,
            ErrorDetail.CODE: code,
            ErrorDetail.PARAM: param,
        }
    }


def bad_request(message: str, *, param: str | None, code: str = "invalid_value") -> ApiError:
    """A 400 ``invalid_request_error``."""
    return ApiError(400, message, code=code, param=param)
