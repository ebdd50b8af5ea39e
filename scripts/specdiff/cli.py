"""``python scripts/spec_diff.py [--base REF_OR_FILE] [--new FILE]``: what changed, and may it pass.

Compares the spec the client was last generated from (``generated/deepshi_openapi/openapi.yaml``)
with the working spec (``openapi/deepshi.yaml``), and the Python surface of ``deepshi`` at a git
ref with the working tree; prints every change, grouped breaking / possibly breaking /
non-breaking, each with its rule id. Exit status: 0, or 1 when a breaking change comes without a
``CHANGELOG.md`` entry and a package version bump (see :mod:`specdiff.gate`), 2 when the inputs
cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

import yaml

from . import gate, surface
from .document import compare
from .refs import Document, SpecError
from .report import render_spec, render_surface
from .rules import ERR, Level

ROOT = Path(__file__).resolve().parents[2]
GENERATED_SPEC = "generated/deepshi_openapi/openapi.yaml"
WORKING_SPEC = "openapi/deepshi.yaml"


def main(argv: list[str] | None = None, *, root: Path = ROOT, out: TextIO | None = None) -> int:
    """Run the command; ``root`` is the repository (the tests point it at a temporary copy)."""
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="spec_diff.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--base",
        default=GENERATED_SPEC,
        help=f"a spec file, a git ref (its {WORKING_SPEC}) or REF:PATH; default: {GENERATED_SPEC}, "
        "the spec the client was last generated from. CHANGELOG.md and the version are judged against "
        "this ref, or HEAD when it is a file.",
    )
    parser.add_argument(
        "--new", default=WORKING_SPEC, help=f"the spec file to compare with it (default: {WORKING_SPEC})"
    )
    parser.add_argument(
        "--fail-on", choices=["ERR", "WARN"], default="ERR", help="the lowest level that counts as breaking"
    )
    args = parser.parse_args(argv)
    try:
        base, base_label, ref = _base(args.base, root)
        new_path = _file(args.new, root)
        if new_path is None:
            raise SpecError(f"{args.new}: no such file")
        new = _document(new_path.read_text(encoding="utf-8"), args.new)
        found = surface.breakages(root, ref)
    except (SpecError, surface.SurfaceError, yaml.YAMLError) as error:
        print(f"spec_diff: {error}", file=sys.stderr)
        return 2
    return report(base, base_label, new, args.new, found, ref=ref, root=root, fail_on=Level[args.fail_on], out=out)


def report(
    base: Document,
    base_label: str,
    new: Document,
    new_label: str,
    found: list[surface.Breakage] | None,
    *,
    ref: str,
    root: Path,
    fail_on: Level = ERR,
    out: TextIO,
) -> int:
    """Print the spec and surface changes and the gate's verdict; return the exit status."""
    findings = compare(base, new).items
    before = str((base.data.get("info") or {}).get("version"))
    after = str((new.data.get("info") or {}).get("version"))
    version = f"info.version {before}" + (" (unchanged)" if before == after else f" -> {after}")
    lines = render_spec(findings, title=f"Spec: {base_label} -> {new_label}; {version}")
    lines.append("")
    lines.extend(render_surface(found, title=f"Python surface of `{surface.PACKAGE}`: {ref} -> working tree"))
    breaking = [f.rule for f in findings if f.level >= fail_on] + [f"griffe {b.kind}" for b in found or ()]
    status = 0
    if breaking:
        verdict = gate.judge(root, ref, breaking)
        lines.append("")
        lines.append(f"Gate ({len(breaking)} breaking): " + ("passes" if verdict.ok else "FAILS"))
        lines.extend(f"  {line}" for line in verdict.lines)
        if not verdict.ok:
            status = 1
            lines.append(
                "  add an entry under ## [Unreleased] in CHANGELOG.md and bump the version (docs/versioning.md)"
            )
    print("\n".join(lines), file=out)
    return status


def before_regen(*, root: Path = ROOT, out: TextIO | None = None) -> int:
    """What ``scripts/regen.py`` runs before it replaces ``generated/``: :func:`main` with its defaults.

    Returns 0 when regeneration may go ahead (no breaking change, or one with its CHANGELOG entry
    and version bump; also when there is no generated spec yet), 1 when a breaking change is not
    accounted for (leave ``generated/`` as it is), 2 when a spec cannot be read.
    """
    if not (root / GENERATED_SPEC).exists():
        print(f"spec_diff: no {GENERATED_SPEC} yet: nothing to compare", file=out or sys.stdout)
        return 0
    return main([], root=root, out=out)


def _file(name: str, root: Path) -> Path | None:
    """``name`` relative to the repository (the defaults), else as given (relative to the shell's directory)."""
    for candidate in (root / name, Path(name)):
        if candidate.is_file():
            return candidate
    return None


def _base(spec: str, root: Path) -> tuple[Document, str, str]:
    """The base document, its label and the git ref the gate judges against."""
    path = _file(spec, root)
    if path is not None:
        return _document(path.read_text(encoding="utf-8"), spec), spec, "HEAD"
    ref, _, inner = spec.partition(":")
    inner = inner or WORKING_SPEC
    text = gate.at_ref(root, ref, inner)
    if text is None:
        raise SpecError(f"{spec}: neither a file nor a git ref holding {inner}")
    return _document(text, f"{ref}:{inner}"), f"{ref}:{inner}", ref


def _document(text: str, label: str) -> Document:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return Document(yaml.load(text, Loader=loader), label)
