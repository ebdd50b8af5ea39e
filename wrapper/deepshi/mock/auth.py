"""The mock's API key policy: 401 for missing/malformed/unknown keys, 402 and 403 on demand."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from .errors import ApiError

KeyPolicy = Literal["ok", "no_credits", "revoked"]
POLICIES: tuple[str, ...] = ("ok", "no_credits", "revoked")
KEY_FORMAT = re.compile(r"sk-bf-[A-Za-z0-9_-]{8,}")

MOCK_KEY = "sk-bf-mock-test-key"
"""A key every mock accepts."""
NO_CREDITS_KEY = "sk-bf-mock-no-credits"
"""With the default policy, this key gets 402 on image operations."""
REVOKED_KEY = "sk-bf-mock-revoked"
"""With the default policy, this key gets 403 on every operation."""


class KeyChecker:
    """Decides what a request's ``Authorization`` header earns.

    Default (``keys=None``): any well-formed key (``sk-bf-`` + at least 8 of ``[A-Za-z0-9_-]``)
    is accepted, except :data:`NO_CREDITS_KEY` (402) and :data:`REVOKED_KEY` (403). With
    ``keys``, only those keys (and :data:`MOCK_KEY`, unless listed) are known; others get 401.
    """

    def __init__(self, keys: Mapping[str, str] | None = None) -> None:
        if keys is None:
            self.keys: dict[str, str] | None = None
        else:
            for key, policy in keys.items():
                if policy not in POLICIES:
                    raise ValueError(f"key policy must be one of {POLICIES}, not {policy!r}")
                if not KEY_FORMAT.fullmatch(key):
                    raise ValueError("configured API keys must look like sk-bf-... (8+ characters after the prefix)")
            self.keys = {MOCK_KEY: "ok", **keys}

    def policy(self, authorization: list[str]) -> tuple[str | None, str]:
        """(the key, its policy) for the request's Authorization headers; raises ``ApiError`` 401."""
        if not authorization:
            raise _unauthorized("You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.")
        scheme, _, key = authorization[0].strip().partition(" ")
        key = key.strip()
        if len(authorization) > 1 or scheme.lower() != "bearer" or not key:
            raise _unauthorized("Malformed Authorization header. Send it as 'Authorization: Bearer <key>'.")
        if not KEY_FORMAT.fullmatch(key):
            raise _unauthorized("Invalid API key provided. Deepshi keys begin with 'sk-bf-'.")
        if self.keys is None:
            default = {NO_CREDITS_KEY: "no_credits", REVOKED_KEY: "revoked"}
            return key, default.get(key, "ok")
        if key not in self.keys:
            raise _unauthorized("Incorrect API key provided.")
        return key, self.keys[key]


def revoked() -> ApiError:
    """The 403 a revoked key gets."""
    return ApiError(403, "This API key has been revoked.", code="key_revoked")


def no_credits() -> ApiError:
    """The 402 a key without credits gets."""
    return ApiError(402, "You have insufficient credits to complete this request.", code="insufficient_quota")


def _unauthorized(message: str) -> ApiError:
    return ApiError(401, message, code="invalid_api_key")
