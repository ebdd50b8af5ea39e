"""``tox -e spec-update -- FILE_OR_URL``: take a newly published Deepshi spec in, end to end.

1. Read the published document (a file, or an ``http(s)://`` URL fetched with httpx) and check that
   it is an OpenAPI document.
2. Print what Deepshi changed: the vendored copy against the new one, classified by the spec diff's
   rules (information: what users see is judged in step 3).
3. Replace ``openapi/upstream/deepshi.yaml`` with it, byte for byte, and run ``scripts/regen.py``:
   the overlays are applied (a decision whose target is gone stops here, naming itself), stage 0
   prints the classified diff of the spec users read and gates a breaking change on
   ``CHANGELOG.md`` and the version, then the client and the facade's surface are regenerated.
4. Run the contract suite (``pytest contract_tests`` and the schemathesis CLI runs), unless
   ``--no-contract``.

When step 3 stops, the new copy stays in place (git has the old one): fix what it names, then run
``tox -e regen`` and ``tox -e contract``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import TextIO

import yaml

from .build import ROOT, UPSTREAM

_TIMEOUT = 30.0


class UpdateError(Exception):
    """The published document cannot be read, or is not an OpenAPI document."""


def fetch(source: str, *, base: Path) -> bytes:
    """The bytes of ``source``: an ``http(s)`` URL (fetched with httpx), else a file path."""
    if source.startswith(("http://", "https://")):
        import httpx

        try:
            response = httpx.get(source, timeout=_TIMEOUT, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise UpdateError(f"cannot fetch {source}: {exc}") from exc
        return response.content
    path = Path(source)
    if not path.is_absolute() and not path.exists():
        path = base / source
    if not path.is_file():
        raise UpdateError(f"{source}: no such file")
    return path.read_bytes()


def parse(content: bytes, source: str) -> dict[str, object]:
    """The document (JSON or YAML), if it is an OpenAPI 3 document."""
    try:
        document = yaml.safe_load(content.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UpdateError(f"{source}: neither JSON nor YAML: {exc}") from exc
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        raise UpdateError(f"{source}: not an OpenAPI 3 document (no `openapi: 3.x`)")
    if not isinstance(document.get("paths"), dict):
        raise UpdateError(f"{source}: an OpenAPI document without `paths`")
    return document


def published_changes(old: dict[str, object] | None, new: dict[str, object], out: TextIO) -> None:
    """Print what changed in Deepshi's document itself (no gate: the users' spec is gated by regen)."""
    import specdiff
    from specdiff.report import render_spec

    if old is None:
        print(f"{UPSTREAM}: no vendored copy yet", file=out)
        return
    findings = specdiff.compare(specdiff.Document(old, UPSTREAM), specdiff.Document(new, "published")).items
    print("\n".join(render_spec(findings, title=f"Published spec: {UPSTREAM} -> the new copy")), file=out)


def main(argv: list[str] | None = None, *, root: Path = ROOT, out: TextIO | None = None) -> int:
    """Run the update; ``root`` is the repository (the tests point it at a temporary copy)."""
    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="spec_update.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", help="the published spec: a file path or an http(s) URL")
    parser.add_argument("--no-contract", action="store_true", help="stop after the regeneration")
    args = parser.parse_args(argv)
    target = root / UPSTREAM
    try:
        content = fetch(args.source, base=Path.cwd())
        new = parse(content, args.source)
    except UpdateError as exc:
        print(f"spec-update: {exc}", file=sys.stderr)
        return 2
    old = yaml.safe_load(target.read_text(encoding="utf-8")) if target.is_file() else None
    published_changes(old, new, out)
    print("", file=out, flush=True)
    target.write_bytes(content)
    steps = [[sys.executable, str(root / "scripts" / "regen.py")]]
    if not args.no_contract:
        steps += [
            [sys.executable, "-m", "pytest", "contract_tests"],
            [sys.executable, str(root / "contract_tests" / "run_schemathesis_cli.py")],
        ]
    for step in steps:
        out.flush()
        done = subprocess.run(step, cwd=root, env=os.environ.copy(), stdout=subprocess.PIPE, text=True, check=False)
        print(done.stdout, end="", file=out)
        if done.returncode != 0:
            label = " ".join(Path(part).name if part.endswith(".py") else part for part in step[1:])
            print(
                f"\nspec-update: `{label}` failed (exit {done.returncode}). {UPSTREAM} now holds the new copy (git has the old one): fix what "
                "is named above, then run `tox -e regen` and `tox -e contract` (docs/spec-changes.md).",
                file=out,
            )
            return 1
    print(f"spec-update: {UPSTREAM} replaced and everything regenerated from it; commit them together.", file=out)
    return 0
