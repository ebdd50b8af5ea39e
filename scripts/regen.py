"""The one regenerate command: everything derived from Deepshi's published spec, in stages.

Usage::

    python scripts/regen.py            # rewrite openapi/deepshi.yaml, generated/ and the rendered facade modules
    python scripts/regen.py --check    # build and regenerate into a temp dir, fail on any difference (drift)

L. The spec layers (``scripts/speclayers``): ``openapi/upstream/deepshi.yaml`` (Deepshi's published
   document) + ``openapi/overlays/decisions.yaml`` = ``openapi/deepshi.yaml``, the spec users read
   (written, committed, shipped); + ``openapi/overlays/generator.yaml`` = the generator's input (a
   temporary file that stages 1-3 read). An overlay action whose target selects nothing stops here.
0. What the change does to clients (``scripts/spec_diff.py``): the spec the client was last
   generated from against the fresh ``openapi/deepshi.yaml``; a breaking change stops here unless
   ``CHANGELOG.md`` and the version moved with it.
1. ``generated/deepshi_openapi``: the pinned openapi-python-client's output, with only these
   additions, all made here (never by editing generated files): a ``py.typed`` marker
   (``--meta none`` writes none), a copy of the spec the package was generated from
   (``openapi.yaml``: ``openapi/deepshi.yaml``, the users' spec, not the generator's input; read by
   ``deepshi.mock`` and the facade's validators at run time) and a README saying how to regenerate.
2. The facade's typed surface (``wrapper/deepshi/resources/``, ``wrapper/deepshi/_params.py``),
   rendered by ``scripts/render_surface.py`` from the generator's input (the names it renders are
   the generated ones).
3. A check of the generator's output that its exit code does not give: every operation with a
   request body must send it. Each operation's request is built from the example body of the
   generator's input with the freshly generated package, and must carry that body
   (openapi-python-client silently drops a multipart body whose schema is a ``oneOf``/``anyOf``,
   and exits 0).
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
import speclayers

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / speclayers.USERS_SPEC
SHIPPED = "openapi.yaml"
CONFIG = ROOT / "openapi" / "generator-config.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
TARGET = ROOT / "generated" / "deepshi_openapi"
IGNORED = {".ruff_cache", "__pycache__"}

README = """\
# deepshi_openapi (generated: do not edit)

Every file in this package is produced by the pinned openapi-python-client, with
`openapi/generator-config.yaml` and the template overrides in `openapi/templates/`, from
`openapi/deepshi.yaml` as normalized by `openapi/overlays/generator.yaml`; `openapi.yaml` is
`openapi/deepshi.yaml` itself (the spec users read). That spec is built from Deepshi's published
document (`openapi/upstream/`) and `openapi/overlays/decisions.yaml`: change those (or the config),
then run `tox -e regen`. CI regenerates into a temporary directory and fails on any difference
(`tox -e drift`).
"""


def generate(out_dir: Path, generator_input: Path, users_spec: str) -> Path:
    """Stage 1: generate the package from ``generator_input`` into ``out_dir/deepshi_openapi``; ship ``users_spec``."""
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
            str(generator_input),
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
    (package / SHIPPED).write_text(users_spec, encoding="utf-8")
    return package


def render(out_root: Path, generator_input: Path) -> list[str]:
    """Stage 2: render the facade's surface under ``out_root``; return the paths written (repo-relative)."""
    files = render_surface.render(generator_input)
    render_surface.write(files, out_root)
    return sorted(files)


def check_bodies(generated_parent: Path, generator_input: Path) -> list[str]:
    """Stage 3: the operations whose generated request does not carry the spec's example body."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_request_bodies.py"), str(generator_input)],
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
    try:
        built = speclayers.build()
    except speclayers.OverlayError as exc:
        print(f"cannot build openapi/deepshi.yaml from the published spec and the overlays: {exc}", file=sys.stderr)
        return 1
    if args.check:
        return _regenerate(built, check=True)
    edited = _hand_edited(built)
    if edited:
        print(edited, file=sys.stderr)
        return 1
    # Stage 0 reads the fresh users' spec from its place, so it is written first; when a later stage
    # stops, it is put back as it was, like everything else: a failed regen changes nothing.
    previous = SPEC.read_bytes() if SPEC.is_file() else None
    speclayers.write()
    status = 1
    try:
        # What the change does to clients, before anything else is overwritten: the spec the client
        # was last generated from against the fresh users' spec (oasdiff's rules) and deepshi's
        # Python API (griffe). A breaking change stops here unless CHANGELOG.md and the version
        # moved with it.
        status = specdiff.before_regen() or _regenerate(built, check=False)
    finally:
        if status and previous is not None:
            SPEC.write_bytes(previous)
    return status


def _regenerate(built: speclayers.Built, *, check: bool) -> int:
    """Stages 1-3 from the built generator input; with ``check``, compare instead of writing."""
    with tempfile.TemporaryDirectory() as tmp:
        generator_input = Path(tmp) / "generator-input.yaml"
        generator_input.write_text(built.generator_text, encoding="utf-8")
        fresh = generate(Path(tmp) / "generated", generator_input, built.users_text)
        broken = check_bodies(fresh.parent, generator_input)
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
            rendered = render(rendered_root, generator_input)
        except render_surface.SurfaceError as exc:
            print(f"cannot render the facade's surface from the spec (stage 2): {exc}", file=sys.stderr)
            return 1
        if check:
            drift = differences(TARGET, fresh) if TARGET.exists() else ["<generated/deepshi_openapi missing>"]
            drift = [f"generated/deepshi_openapi/{name}" for name in drift]
            drift = speclayers.drift(ROOT, built) + drift + _rendered_drift(rendered_root, rendered)
            if drift:
                print("drifted from openapi/ (run `tox -e regen`):", *drift, sep="\n  ", file=sys.stderr)
                return 1
            print("openapi/deepshi.yaml, generated/ and the rendered facade modules match a fresh build")
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
    print(f"built {SPEC.relative_to(ROOT)}, regenerated {TARGET.relative_to(ROOT)} and rendered {', '.join(rendered)}")
    return 0


def _hand_edited(built: speclayers.Built) -> str | None:
    """Why regen must not overwrite ``openapi/deepshi.yaml`` (None when it may).

    It may when it is the fresh build already, or when it is still what the client was last generated
    from (the shipped copy): then only the published spec or an overlay moved. Otherwise someone
    edited the built file, and writing the build would silently drop that edit.
    """
    if not SPEC.is_file() or SPEC.read_text(encoding="utf-8") == built.users_text:
        return None
    shipped = TARGET / SHIPPED
    if shipped.is_file() and shipped.read_bytes() == SPEC.read_bytes():
        return None
    return (
        f"{SPEC.relative_to(ROOT)} was edited by hand since the last regeneration, but it is built: from "
        f"{speclayers.UPSTREAM} (Deepshi's published spec) and {speclayers.DECISIONS} (this "
        "project's decisions). Make the change there (docs/spec-changes.md), then `git checkout "
        f"{SPEC.relative_to(ROOT)}` and run this again."
    )


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
