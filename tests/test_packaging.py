"""Packaging as users meet it: LICENSE in the sdist and the wheel, only the user extras in the
wheel's metadata, and an install hint when the ``mock`` extra or pytest-asyncio is missing.

The missing packages are hidden from a child interpreter (``sys.modules[name] = None`` makes
their import fail as an absent package's does); ``tox -e readme`` repeats these checks in a real
virtual environment with the built wheel installed without the extra.
"""

from __future__ import annotations

import email.parser
import importlib.metadata
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import deepshi.mock
from deepshi.pytest_plugin import ASYNC_HINT

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
MOCK_HINT = "deepshi.mock needs the 'mock' extra"

HIDING = """
import sys
for name in sys.argv[1].split(","):
    sys.modules[name] = None
sys.argv[1:2] = []
"""


def run_hiding(hidden: str, code: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a child Python where the modules ``hidden`` (comma-separated) cannot be imported."""
    return subprocess.run(
        [sys.executable, "-c", HIDING + code, hidden, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return match.group(0).lower().replace("_", "-")


def test_the_mock_checks_exactly_the_modules_of_its_extra() -> None:
    """``deepshi.mock._EXTRA_MODULES`` names one importable module of each package of the extra."""
    distributions = importlib.metadata.packages_distributions()
    packages = {
        name.lower().replace("_", "-") for module in deepshi.mock._EXTRA_MODULES for name in distributions[module]
    }
    assert packages == {requirement_name(r) for r in PROJECT["optional-dependencies"]["mock"]}


@pytest.mark.parametrize("hidden", ["uvicorn", "starlette", "python_multipart", "PIL"])
def test_importing_the_mock_without_its_extra_names_the_extra(hidden: str) -> None:
    result = run_hiding(hidden, "from deepshi.mock import MockServer")

    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f"ModuleNotFoundError: {MOCK_HINT} (missing: {hidden}): ")
    assert "pip install 'deepshi[mock]'" in last_line


def write_app_tests(folder: Path) -> None:
    (folder / "test_app.py").write_text(
        "def test_sync(deepshi_client):\n    pass\n\n\nasync def test_async(async_deepshi_client):\n    pass\n"
    )


def run_child_pytest(hidden: str, folder: Path) -> str:
    """pytest with only deepshi's plugin loaded, the ``hidden`` modules unimportable; its output."""
    code = "import pytest\nsys.exit(pytest.main(sys.argv[1:]))"
    args = ("-q", "-p", "no:cacheprovider", "-p", "deepshi.pytest_plugin", "test_app.py")
    result = subprocess.run(
        [sys.executable, "-c", HIDING + code, hidden, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def test_the_fixtures_without_the_mock_extra_name_the_extra(tmp_path: Path) -> None:
    write_app_tests(tmp_path)

    output = run_child_pytest("uvicorn", tmp_path)

    assert f"the deepshi_mock fixture: {MOCK_HINT} (missing: uvicorn)" in output
    assert "During handling" not in output  # one message, not a chain of tracebacks
    assert "2 errors" in output  # the sync fixture and, pytest-asyncio being there, the async one


def test_the_async_fixture_without_pytest_asyncio_says_what_it_needs(tmp_path: Path) -> None:
    write_app_tests(tmp_path)

    output = run_child_pytest("pytest_asyncio", tmp_path)

    assert ASYNC_HINT in output
    assert "1 passed, 1 error" in output  # the sync fixture still works
    assert "@pytest.mark.asyncio" in ASYNC_HINT
    assert "asyncio_mode = auto" in ASYNC_HINT


def test_the_sdist_and_the_wheel_carry_the_license_and_only_the_user_extras(tmp_path: Path) -> None:
    build = "import hatchling.build as b, sys; print(b.build_sdist(sys.argv[1])); print(b.build_wheel(sys.argv[1]))"
    built = subprocess.run(
        [sys.executable, "-c", build, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    sdist_name, wheel_name = built.stdout.split()
    license_text = (ROOT / "LICENSE").read_bytes()
    assert PROJECT["license"] == "MIT"
    assert license_text.startswith(b"MIT License\n")

    with tarfile.open(tmp_path / sdist_name) as sdist:
        top = sdist_name.removesuffix(".tar.gz")
        member = sdist.extractfile(f"{top}/LICENSE")
        assert member is not None
        assert member.read() == license_text
    with zipfile.ZipFile(tmp_path / wheel_name) as wheel:
        dist_info = wheel_name.split("-py3")[0] + ".dist-info"
        assert wheel.read(f"{dist_info}/licenses/LICENSE") == license_text
        metadata = email.parser.Parser().parsestr(wheel.read(f"{dist_info}/METADATA").decode())

    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert set(metadata.get_all("Provides-Extra") or []) == {"mock", "cli", "pillow", "speed", "all"}
    required = {requirement_name(r) for r in metadata.get_all("Requires-Dist") or []}
    assert not required & {"pytest", "hypothesis", "schemathesis", "mypy", "ruff", "matplotlib"}
