"""Regenerate ``generated/deepshi_openapi`` from ``openapi/deepshi.yaml``.

Usage::

    python scripts/regen.py            # rewrite generated/deepshi_openapi in place
    python scripts/regen.py --check    # regenerate into a temp dir, fail on any difference

The output is the pinned openapi-python-client's, with only these additions, all made here
(never by editing generated files): a ``py.typed`` marker (``--meta none`` writes none), a
copy of the spec the package was generated from (``openapi.yaml``, read by ``deepshi.mock``
and the facade's validators at run time) and a README saying how to regenerate.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "deepshi.yaml"
CONFIG = ROOT / "openapi" / "generator-config.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
TARGET = ROOT / "generated" / "deepshi_openapi"
IGNORED = {".ruff_cache", "__pycache__"}

README = """\
# deepshi_openapi (generated: do not edit)

Every file in this package is produced from `openapi/deepshi.yaml` by the pinned
openapi-python-client, with `openapi/generator-config.yaml` and the template overrides in
`openapi/templates/`. Change the spec (or that config), then run `tox -e regen`.
CI regenerates into a temporary directory and fails on any difference (`tox -e drift`).
"""


def generate(out_dir: Path) -> Path:
    """Generate the package into ``out_dir/deepshi_openapi`` and return that path."""
    package = out_dir / "deepshi_openapi"
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "none",
            "--output-path",
            str(package),
            "--overwrite",
            "--fail-on-warning",
        ],
        check=True,
        env=env,
        cwd=out_dir,
    )
    for name in IGNORED:
        shutil.rmtree(package / name, ignore_errors=True)
    (package / "py.typed").write_text("")
    (package / "README.md").write_text(README)
    shutil.copyfile(SPEC, package / "openapi.yaml")
    return package


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees (added, removed or changed)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, prefix + name + "/")

    walk(filecmp.dircmp(left, right, ignore=sorted(IGNORED)), "")
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ differs from a fresh regeneration")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp))
        if args.check:
            drift = differences(TARGET, fresh) if TARGET.exists() else ["<generated/deepshi_openapi missing>"]
            if drift:
                print("generated/ drifted from openapi/ (run `tox -e regen`):", *drift, sep="\n  ", file=sys.stderr)
                return 1
            print("generated/ matches a fresh regeneration")
            return 0
        shutil.rmtree(TARGET, ignore_errors=True)
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(fresh, TARGET)
    print(f"regenerated {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
