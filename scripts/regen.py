"""The one regenerate command: everything derived from ``openapi/deepshi.yaml``, in three stages.

Usage::

    python scripts/regen.py            # rewrite generated/ and the rendered facade modules in place
    python scripts/regen.py --check    # regenerate into a temp dir, fail on any difference (drift)

1. ``generated/deepshi_openapi``: the pinned openapi-python-client's output, with only these
   additions, all made here (never by editing generated files): a ``py.typed`` marker
   (``--meta none`` writes none), a copy of the spec the package was generated from
   (``openapi.yaml``, read by ``deepshi.mock`` and the facade's validators at run time) and a
   README saying how to regenerate.
2. The facade's typed surface (``wrapper/deepshi/resources/``, ``wrapper/deepshi/_params.py``),
   rendered by ``scripts/render_surface.py``.
3. A check of the generator's output that its exit code does not give: every operation with a
   request body must send it. Each operation's request is built from the spec's example body with
   the freshly generated package, and must carry that body (openapi-python-client silently drops
   a multipart body whose schema is a ``oneOf``/``anyOf``, and exits 0).
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

import render_surface
import specdiff

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
    """Stage 1: generate the package into ``out_dir/deepshi_openapi`` and return that path."""
    package = out_dir / "deepshi_openapi"
    out_dir.mkdir(parents=True, exist_ok=True)
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


def render(out_root: Path) -> list[str]:
    """Stage 2: render the facade's surface under ``out_root``; return the paths written (repo-relative)."""
    files = render_surface.render(SPEC)
    render_surface.write(files, out_root)
    return sorted(files)


def check_bodies(generated_parent: Path) -> list[str]:
    """Stage 3: the operations whose generated request does not carry the spec's example body."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_request_bodies.py"), str(SPEC)],
        env={**os.environ, "PYTHONPATH": str(generated_parent)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        return [f"the request-body check itself failed:\n{result.stderr.strip()}"]
    return [line for line in result.stdout.splitlines() if line.strip()]


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
    parser.add_argument(
        "--check", action="store_true", help="fail if anything derived from the spec differs from a fresh regeneration"
    )
    args = parser.parse_args(argv)
    if not args.check:
        # What the change does to clients, before anything is overwritten: the spec the client was
        # last generated from against the working spec (oasdiff's rules) and deepshi's Python API
        # (griffe). A breaking change stops here unless CHANGELOG.md and the version moved with it.
        status = specdiff.before_regen()
        if status:
            return status
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp) / "generated")
        broken = check_bodies(fresh.parent)
        if broken:
            print(
                "the generated client would not send these request bodies (stage 3):",
                *broken,
                sep="\n  ",
                file=sys.stderr,
            )
            return 1
        rendered_root = Path(tmp) / "rendered"
        try:
            rendered = render(rendered_root)
        except render_surface.SurfaceError as exc:
            print(f"cannot render the facade's surface from the spec (stage 2): {exc}", file=sys.stderr)
            return 1
        if args.check:
            drift = differences(TARGET, fresh) if TARGET.exists() else ["<generated/deepshi_openapi missing>"]
            drift = [f"generated/deepshi_openapi/{name}" for name in drift]
            drift += _rendered_drift(rendered_root, rendered)
            if drift:
                print("drifted from openapi/ (run `tox -e regen`):", *drift, sep="\n  ", file=sys.stderr)
                return 1
            print("generated/ and the rendered facade modules match a fresh regeneration")
            return 0
        shutil.rmtree(TARGET, ignore_errors=True)
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(fresh, TARGET)
        owned = ROOT / render_surface.TARGETS[0]
        for old in owned.glob("*.py"):
            old.unlink()
        for relative in rendered:
            (ROOT / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(rendered_root / relative, ROOT / relative)
    print(f"regenerated {TARGET.relative_to(ROOT)} and rendered {', '.join(rendered)}")
    return 0


def _rendered_drift(rendered_root: Path, rendered: list[str]) -> list[str]:
    drift = [relative for relative in rendered if not _same(rendered_root / relative, ROOT / relative)]
    owned = ROOT / render_surface.TARGETS[0]
    extra = sorted(
        str(path.relative_to(ROOT)) for path in owned.glob("*.py") if str(path.relative_to(ROOT)) not in rendered
    )
    return drift + [f"{relative} (not rendered from the spec)" for relative in extra]


def _same(left: Path, right: Path) -> bool:
    return right.is_file() and filecmp.cmp(left, right, shallow=False)


if __name__ == "__main__":
    sys.exit(main())
