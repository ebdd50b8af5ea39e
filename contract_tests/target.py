"""Which server the deployment-facing contracts talk to: the local mock, or a real deployment.

* Neither ``DEEPSHI_CONTRACT_BASE_URL`` nor opt-ins set: the suite's own mock server.
* ``DEEPSHI_CONTRACT_BASE_URL`` and ``DEEPSHI_API_KEY`` set: that deployment, **read-only**
  (schemathesis runs only ``GET`` operations; the facade only lists models).
* Plus ``DEEPSHI_CONTRACT_ALLOW_EDITS=1``: also a few cheap, billed edits through the facade
  (one plain, one streamed, ``n=1``, the smallest output the model offers).

Half a configuration (a URL without a key, an edit opt-in without a URL, an unreadable flag)
stops the run with a message instead of silently testing the mock: a CI job that meant to test
its deployment must not go green against the mock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ENV_BASE_URL = "DEEPSHI_CONTRACT_BASE_URL"
ENV_API_KEY = "DEEPSHI_API_KEY"
ENV_ALLOW_EDITS = "DEEPSHI_CONTRACT_ALLOW_EDITS"
ENV_EDIT_MODEL = "DEEPSHI_CONTRACT_EDIT_MODEL"
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


class TargetConfigError(Exception):
    """The environment asks for a live run but does not say enough to do it."""


@dataclass(frozen=True)
class Target:
    """A server to test: its origin (paths carry ``/v1``), a key it accepts, and what may be sent."""

    origin: str
    api_key: str = field(repr=False)
    live: bool
    allow_edits: bool
    edit_model: str | None = None
    """Live runs: the model the opt-in edits use (default: the first edit-capable model listed)."""

    @property
    def headers(self) -> dict[str, str]:
        """The authorization header the target accepts."""
        return {"Authorization": f"Bearer {self.api_key}"}

    @property
    def read_only(self) -> bool:
        return self.live and not self.allow_edits

    def describe(self) -> str:
        """One line for the pytest header (never the key)."""
        if not self.live:
            return f"local mock server {self.origin}"
        mode = "read-only + opt-in cheap edits" if self.allow_edits else "read-only"
        return f"LIVE deployment {self.origin} ({mode})"


def normalize_origin(url: str) -> str:
    """``https://host/v1/`` -> ``https://host``: the spec's paths already start with ``/v1``."""
    url = url.strip().rstrip("/")
    return url[: -len("/v1")] if url.endswith("/v1") else url


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise TargetConfigError(f"{name}={env[name]!r} is not a yes/no value (use 1 or 0).")


def live_target(env: Mapping[str, str]) -> Target | None:
    """The live deployment the environment names, or None for a run against the mock."""
    url = env.get(ENV_BASE_URL, "").strip()
    allow_edits = _flag(env, ENV_ALLOW_EDITS)
    if not url:
        if allow_edits:
            raise TargetConfigError(f"{ENV_ALLOW_EDITS} is set but {ENV_BASE_URL} is not: which deployment?")
        return None
    if not url.startswith(("http://", "https://")):
        raise TargetConfigError(f"{ENV_BASE_URL} must be an http(s) URL, got {url!r}.")
    key = env.get(ENV_API_KEY, "").strip()
    if not key:
        raise TargetConfigError(f"{ENV_BASE_URL} is set but {ENV_API_KEY} is not: the live run needs a key.")
    model = env.get(ENV_EDIT_MODEL, "").strip() or None
    return Target(normalize_origin(url), key, live=True, allow_edits=allow_edits, edit_model=model)


def mock_target(origin: str, api_key: str) -> Target:
    """The local mock server as a target (everything may be sent)."""
    return Target(normalize_origin(origin), api_key, live=False, allow_edits=True)
