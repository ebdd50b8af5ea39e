"""Run the README's commands as written, then use the built wheel without the repository.

Checks, in order:

1. ``.ci/run`` runs the README's test command verbatim (so CI runs what users are told to run).
   The test command itself is not run from here (it runs this script).
2. In a fresh copy of the repository, with a system Python that refuses ``pip install`` (PEP 668,
   simulated by shims on ``PATH``): the README's demo command makes its own virtual environment,
   installs the package and writes the demo's results and contact sheet; the install commands of
   ``docs/usage.md`` run there too.
3. The README's wheel command, in that environment, builds a wheel that carries ``LICENSE`` and,
   as extras, only the user extras of ``pyproject.toml`` (no development dependency groups).
4. That wheel installed without extras (plus pytest): ``from deepshi.mock import MockServer`` and
   the plugin's fixtures fail naming the ``mock`` extra, ``async_deepshi_client`` names
   pytest-asyncio.
5. The README's install of the wheel with its extras, the repository copy deleted: the usage
   example saves real images, ``deepshi demo`` writes its contact sheet, and a throwaway project
   made of the pytest snippet of ``docs/mock.md`` passes, with the marker and with
   ``asyncio_mode = auto``.
"""

from __future__ import annotations

import email.parser
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n"
MOCK_HINT = "deepshi.mock needs the 'mock' extra"
ASYNC_HINT = "async_deepshi_client needs pytest-asyncio"
PEP_668 = "error: externally-managed-environment (check_readme.py plays a system Python under PEP 668)"


def fail(message: str) -> None:
    raise SystemExit(f"check_readme: {message}")


def section(text: str, heading: str) -> str:
    """The text under ``heading`` (a whole heading line, e.g. ``## Quick start``) up to the next heading
    of the same or a higher level (``#`` lines inside code fences are not headings)."""
    level = len(heading.split(" ", 1)[0])
    lines, inside, fence = [], False, False
    for line in text.splitlines():
        fence ^= line.startswith("```")
        heading_level = len(line) - len(line.lstrip("#")) if not fence and line.startswith("#") else 0
        if inside and 0 < heading_level <= level:
            break
        if inside:
            lines.append(line)
        inside = inside or line == heading
    if not inside:
        fail(f"no section {heading!r}")
    return "\n".join(lines)


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)\n```", text, flags=re.S)


def quick_start_commands(readme: str) -> tuple[str, str]:
    """The two bash commands of the Quick start section: (demo, tests)."""
    blocks = fenced(section(readme, "## Quick start"), "bash")
    if len(blocks) != 2 or any("\n" in block for block in blocks):
        fail(f"Quick start must hold exactly two one-line bash commands, found {blocks!r}")
    return blocks[0], blocks[1]


def wheel_commands(readme: str) -> tuple[str, str]:
    """The README's wheel commands: (build the wheel, install it)."""
    blocks = fenced(section(readme, "## Using the client"), "bash")
    lines = [line for block in blocks for line in block.splitlines()]
    if len(blocks) != 1 or len(lines) != 2 or "pip wheel" not in lines[0]:
        fail(f"Using the client must hold one bash block: build a wheel, install it; found {blocks!r}")
    return lines[0], lines[1]


def python_snippet(text: str, heading: str) -> str:
    (code,) = fenced(section(text, heading), "python")
    return code


def copy_repository(target: Path) -> None:
    """The files git tracks (what a fresh clone has), or the tree minus build litter without git."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode == 0 and listed.stdout:
        for name in listed.stdout.decode().split("\0"):
            if name and (ROOT / name).is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, target / name)
        return
    ignore = shutil.ignore_patterns(
        ".git", ".tox", ".venv", "dist", "*.egg-info", "__pycache__", ".*_cache", "deepshi-demo"
    )
    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


def environment(*bin_dirs: Path) -> dict[str, str]:
    """This process's environment as a user's shell has it: no virtual environment, tox or key.

    ``PIP_*`` stays: it is the machine's pip configuration (index, certificates, cache).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "TOX_", "DEEPSHI_"))}
    own_bin = str(Path(sys.prefix) / "bin")
    path = [entry for entry in env.get("PATH", "").split(os.pathsep) if entry and entry != own_bin]
    env["PATH"] = os.pathsep.join([*map(str, bin_dirs), *path])
    return env


def system_python_refusing_pip(bin_dir: Path) -> Path:
    """Shims for ``python``/``python3`` that refuse ``-m pip`` (and ``pip``/``pip3``), as PEP 668 allows."""
    bin_dir.mkdir()
    real = Path(getattr(sys, "_base_executable", sys.executable))
    refuse = f"echo {shlex.quote(PEP_668)} >&2; exit 1"
    for name in ("python", "python3"):
        script = f'#!/bin/sh\nif [ "$1" = "-m" ] && [ "$2" = "pip" ]; then {refuse}; fi\nexec {shlex.quote(str(real))} "$@"\n'
        (bin_dir / name).write_text(script)
    for name in ("pip", "pip3"):
        (bin_dir / name).write_text(f"#!/bin/sh\n{refuse}\n")
    for shim in bin_dir.iterdir():
        shim.chmod(0o755)
    return bin_dir


def run(command: str, cwd: Path, env: dict[str, str], *, expect_failure: bool = False) -> str:
    """Run ``command`` in bash; its output (stdout and stderr). Stops the check on an unexpected exit code."""
    print(f"$ {command}    (in {cwd.name}/)", flush=True)
    start = time.monotonic()
    result = subprocess.run(["bash", "-ec", command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    print(output[-3000:], f"({time.monotonic() - start:.1f} s)", flush=True)
    if (result.returncode != 0) != expect_failure:
        outcome = f"exit code {result.returncode}" if result.returncode else "success"
        fail(f"unexpected {outcome}: {command}")
    return output


def check_demo_output(folder: Path, output: str) -> None:
    sheet = folder / "deepshi-demo" / "contact-sheet.png"
    if not sheet.is_file() or not sheet.read_bytes().startswith(PNG):
        fail(f"the demo wrote no contact sheet at {sheet}")
    if "$" not in output:
        fail("the demo printed no cost table")


def check_wheel(wheel: Path) -> None:
    """LICENSE in the wheel, and as extras only the user extras (development needs are dependency groups)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    with zipfile.ZipFile(wheel) as archive:
        (dist_info,) = {name.split("/", 1)[0] for name in archive.namelist() if name.endswith(".dist-info/METADATA")}
        names = set(archive.namelist())
        license_file = f"{dist_info}/licenses/LICENSE"
        if license_file not in names or archive.read(license_file) != (ROOT / "LICENSE").read_bytes():
            fail(f"{wheel.name} does not carry the repository's LICENSE as {license_file}")
        metadata = email.parser.Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
    extras = set(metadata.get_all("Provides-Extra") or [])
    if extras != set(project["project"]["optional-dependencies"]):
        fail(f"{wheel.name} offers the extras {sorted(extras)}, not the user extras of pyproject.toml")
    if metadata["License-Expression"] != project["project"]["license"]:
        fail(f"{wheel.name} has License-Expression {metadata['License-Expression']!r}")
    print(f"{wheel.name}: {license_file}, extras {sorted(extras)}", flush=True)


def check_missing_extras(app: Path, env: dict[str, str]) -> None:
    """Without the mock extra and without pytest-asyncio, each failure names what to install."""
    output = run('python -c "from deepshi.mock import MockServer"', app, env, expect_failure=True)
    if MOCK_HINT not in output or "pip install 'deepshi[mock]'" not in output:
        fail("importing deepshi.mock without the mock extra does not name the extra")
    (app / "test_needs_mock.py").write_text("def test_sync(deepshi_client):\n    pass\n")
    (app / "test_needs_asyncio.py").write_text("async def test_async(async_deepshi_client):\n    pass\n")
    output = run("python -m pytest -q -p no:cacheprovider", app, env, expect_failure=True)
    if f"the deepshi_mock fixture: {MOCK_HINT}" not in output:
        fail("the deepshi_client fixture without the mock extra does not name the extra")
    if ASYNC_HINT not in output or "asyncio_mode = auto" not in output:
        fail("async_deepshi_client without pytest-asyncio does not say what it needs")


def check_plugin_project(app: Path, env: dict[str, str], snippet: str) -> None:
    """The docs/mock.md snippet as an application's tests: with its marker, then unmarked in auto mode."""
    tests = len(re.findall(r"^(?:async )?def test_", snippet, flags=re.M))
    for name in ("a.png", "b.png"):  # the images the snippet's application edits
        shutil.copyfile(ROOT / "wrapper" / "deepshi" / "samples" / "lighthouse.png", app / name)
    (app / "pytest.ini").write_text("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    (app / "test_marked.py").write_text(snippet)
    output = run("python -m pytest -q -p no:cacheprovider test_marked.py", app, env)
    if f"{tests} passed" not in output:
        fail(f"the docs/mock.md pytest snippet did not pass its {tests} tests")
    unmarked = "\n".join(line for line in snippet.splitlines() if not line.startswith("@pytest.mark.asyncio"))
    (app / "test_auto.py").write_text(unmarked)
    output = run("python -m pytest -q -p no:cacheprovider -o asyncio_mode=auto test_auto.py", app, env)
    if f"{tests} passed" not in output:
        fail("the docs/mock.md pytest snippet did not pass unmarked with asyncio_mode = auto")


def main() -> int:
    readme = (ROOT / "README.md").read_text()
    demo, tests = quick_start_commands(readme)
    build_wheel, install_wheel = wheel_commands(readme)
    usage_install = fenced((ROOT / "docs" / "usage.md").read_text().split("\n## ", 1)[0], "bash")
    example = python_snippet(readme, "## Using the client")
    plugin_snippet = python_snippet((ROOT / "docs" / "mock.md").read_text(), "### pytest plugin")
    if tests not in [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]:
        fail(f".ci/run does not run the README test command verbatim: {tests!r}")

    with tempfile.TemporaryDirectory(prefix="deepshi-readme-") as tmp_name:
        tmp = Path(tmp_name)
        repo, app, bare_app = tmp / "repo", tmp / "app", tmp / "bare-app"
        for folder in (repo, app, bare_app):
            folder.mkdir()
        copy_repository(repo)

        # 2. The quick start as written, where the system Python refuses pip.
        system = environment(system_python_refusing_pip(tmp / "system-bin"))
        run('python3 -m pip install "deepshi"', repo, system, expect_failure=True)  # the shims are in place
        check_demo_output(repo, run(demo, repo, system))
        for block in usage_install:
            run(block, repo, system)
        run(build_wheel, repo, environment(repo / ".venv" / "bin"))

        # 3. The wheel.
        (wheel,) = (repo / "dist").glob("deepshi-*.whl")
        check_wheel(wheel)

        # 4. The wheel without extras, in a fresh venv outside the repository.
        venv.EnvBuilder(with_pip=True).create(tmp / "wheel-venv")
        wheel_venv = environment(tmp / "wheel-venv" / "bin")
        run(f"python -m pip install -q {shlex.quote(str(wheel))} pytest", tmp, wheel_venv)
        check_missing_extras(bare_app, wheel_venv)

        # 5. The wheel with its extras, the repository gone.
        run(install_wheel, repo, wheel_venv)
        run("python -m pip install -q pytest-asyncio", tmp, wheel_venv)
        shutil.rmtree(repo)
        (app / "example.py").write_text(example)
        run("python example.py", app, wheel_venv)
        saved = sorted((app / "out").iterdir())
        if not saved or not all(path.read_bytes().startswith(PNG) for path in saved):
            fail(f"the usage example saved no PNG images: {[path.name for path in saved]}")
        check_demo_output(app, run("deepshi demo", app, wheel_venv))
        check_plugin_project(app, wheel_venv, plugin_snippet)
    print("README quick start, install commands, wheel without the repository: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
