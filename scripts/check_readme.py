"""Run the README's quick start exactly as written, in a clean virtual environment.

Checks that:
1. ``.ci/run`` runs the README's test command verbatim (so CI runs what users are told to run);
2. the README's demo command, run in a fresh venv in a fresh copy of the repository, installs
   the package and writes the demo's results and contact sheet;
3. the README's Python usage example runs in that venv and saves real images.

The test command itself is not run from here (it runs this script): CI runs it through ``.ci/run``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n"


def quick_start_commands(readme: str) -> tuple[str, str]:
    """The two bash commands of the Quick start section: (demo, tests)."""
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)\n```", section, flags=re.S)
    if len(blocks) != 2 or any("\n" in block for block in blocks):
        raise SystemExit(f"Quick start must hold exactly two one-line bash commands, found {blocks!r}")
    return blocks[0], blocks[1]


def usage_example(readme: str) -> str:
    section = readme.split("## Using the client", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)\n```", section, flags=re.S)
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
    ignore = shutil.ignore_patterns(".git", ".tox", "*.egg-info", "__pycache__", ".*_cache", "deepshi-demo")
    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


def run(command: str, cwd: Path, env: dict[str, str]) -> str:
    print(f"$ {command}", flush=True)
    result = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    print(result.stdout[-3000:], result.stderr[-3000:], sep="\n", flush=True)
    if result.returncode != 0:
        raise SystemExit(f"command failed with exit code {result.returncode}: {command}")
    return result.stdout


def main() -> int:
    readme = (ROOT / "README.md").read_text()
    demo, tests = quick_start_commands(readme)
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    if tests not in ci_lines:
        raise SystemExit(f".ci/run does not run the README test command verbatim: {tests!r}")

    with tempfile.TemporaryDirectory(prefix="deepshi-readme-") as tmp:
        repo, env_dir = Path(tmp) / "repo", Path(tmp) / "venv"
        repo.mkdir()
        copy_repository(repo)
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "PIP_"))}
        env["PATH"] = str(env_dir / "bin") + os.pathsep + env.get("PATH", "")
        env.pop("DEEPSHI_API_KEY", None)
        output = run(demo, repo, env)
        sheet = repo / "deepshi-demo" / "contact-sheet.png"
        if not sheet.is_file() or not sheet.read_bytes().startswith(PNG):
            raise SystemExit(f"the demo wrote no contact sheet at {sheet}")
        if "$" not in output:
            raise SystemExit("the demo printed no cost table")
        work = Path(tmp) / "example"
        work.mkdir()
        (work / "example.py").write_text(usage_example(readme))
        run("python example.py", work, env)
        saved = sorted(p.name for p in (work / "out").iterdir())
        if not saved or not all((work / "out" / name).read_bytes().startswith(PNG) for name in saved):
            raise SystemExit(f"the usage example saved no PNG images: {saved}")
    print("README quick start and usage example: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
