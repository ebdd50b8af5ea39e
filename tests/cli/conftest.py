"""Fixtures for the command-line tests: a runner that drives the real `deepshi` command against
the session's mock server, and checks on every run that the API key never shows up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from deepshi.cli.app import app
from deepshi.mock import MockServer
from tests.images import encoded

# A key the mock accepts (any well-formed sk-bf- key); its text must never appear in any output.
CANARY_KEY = "sk-bf-canary-5e1f0c7a9b3d42e8"

Run = Callable[..., Result]


def assert_no_key(result: Result, key: str = CANARY_KEY) -> None:
    for name, text in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert key not in text, f"the API key leaked into {name}:\n{text}"


@pytest.fixture
def cli(deepshi_mock: MockServer) -> Run:
    """``cli("models", "--json")`` runs ``deepshi --base-url MOCK --api-key CANARY --max-retries 0 models --json``.

    ``env`` replaces the environment's DEEPSHI_* variables (unset by default); ``global_args``
    replaces the default global options.
    """

    def run(*args: str, env: dict[str, str] | None = None, global_args: list[str] | None = None) -> Result:
        if global_args is None:
            global_args = ["--base-url", deepshi_mock.url, "--api-key", CANARY_KEY, "--max-retries", "0"]
        environment: dict[str, str | None] = {"DEEPSHI_API_KEY": None, "DEEPSHI_BASE_URL": None, "COLUMNS": "160"}
        environment.update(env or {})
        result = CliRunner().invoke(app, [*global_args, *args], env=environment, prog_name="deepshi")
        assert_no_key(result)
        return result

    return run


@pytest.fixture
def pictures(tmp_path: Path) -> list[Path]:
    """Two real input images: a PNG and a JPEG."""
    folder = tmp_path / "in"
    folder.mkdir()
    png = folder / "cat.png"
    png.write_bytes(encoded("PNG", 64, 48, (200, 40, 90)))
    jpeg = folder / "sofa.jpg"
    jpeg.write_bytes(encoded("JPEG", 48, 64, (20, 140, 90)))
    return [png, jpeg]


def listing(directory: Path) -> list[str]:
    """Every file under `directory`, relative, sorted (hidden ones included)."""
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


@pytest.fixture
def unused_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
