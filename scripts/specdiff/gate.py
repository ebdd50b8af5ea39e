"""The breaking-change gate: a breaking change passes only with a CHANGELOG entry and a version bump.

Both are judged against a git ref (``HEAD`` by default): ``CHANGELOG.md`` must have a new entry
under ``## [Unreleased]`` or a new version section, and ``wrapper/deepshi/_version.py`` must carry
a version bumped as docs/versioning.md says (semver; while 0.x a breaking change bumps the minor).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .document import breaking_bump_ok, semver

CHANGELOG = "CHANGELOG.md"
VERSION_FILE = "wrapper/deepshi/_version.py"
_VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.M)
_SECTION = re.compile(r"^## \[([^\]]+)\]", re.M)
_ENTRY = re.compile(r"^\s*[-*] +(.+?)\s*$")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    lines: list[str]


def at_ref(root: Path, ref: str, path: str) -> str | None:
    """The text of ``path`` at ``ref`` (``None`` when it does not exist there)."""
    shown = subprocess.run(["git", "-C", str(root), "show", f"{ref}:{path}"], capture_output=True, check=False)
    return shown.stdout.decode("utf-8") if shown.returncode == 0 else None


def sections(text: str) -> dict[str, list[str]]:
    """The entries (list items) of each ``## [name]`` section of a Keep a Changelog file."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        heading = _SECTION.match(line)
        if heading:
            current = found.setdefault(heading[1].strip(), [])
        elif line.startswith("## "):
            current = None
        elif current is not None and (entry := _ENTRY.match(line)):
            current.append(entry[1])
    return found


def changelog_news(before: str | None, after: str | None) -> tuple[list[str], list[str]]:
    """(new entries under ``[Unreleased]``, new version sections) from ``before`` to ``after``."""
    old, new = sections(before or ""), sections(after or "")
    old_entries = set(old.get("Unreleased", ()))
    entries = [entry for entry in new.get("Unreleased", ()) if entry not in old_entries]
    versions = [name for name in new if name != "Unreleased" and name not in old]
    return entries, versions


def version_of(text: str | None) -> str | None:
    match = _VERSION.search(text or "")
    return match[1] if match else None


def judge(root: Path, ref: str, breaking: list[str]) -> Verdict:
    """Whether ``breaking`` (the rule ids that fired) may pass, with the reasons, judged against ``ref``."""
    changelog_path = root / CHANGELOG
    changelog = changelog_path.read_text(encoding="utf-8") if changelog_path.exists() else None
    entries, versions = changelog_news(at_ref(root, ref, CHANGELOG), changelog)
    before = version_of(at_ref(root, ref, VERSION_FILE))
    after = version_of((root / VERSION_FILE).read_text(encoding="utf-8") if (root / VERSION_FILE).exists() else None)
    lines: list[str] = []
    ok = True
    if entries or versions:
        what = [f"{len(entries)} new entr{'y' if len(entries) == 1 else 'ies'} under [Unreleased]"] if entries else []
        what += [f"new section [{name}]" for name in versions]
        lines.append(f"CHANGELOG.md: {', '.join(what)} since {ref}: ok")
    else:
        ok = False
        lines.append(f"CHANGELOG.md: no new entry under ## [Unreleased] and no new version section since {ref}")
    old_v, new_v = semver(before or ""), semver(after or "")
    if old_v is None or new_v is None:
        ok = False
        lines.append(f"version: cannot read a semver version in {VERSION_FILE} at {ref} ({before}) and now ({after})")
    elif breaking_bump_ok(old_v, new_v):
        lines.append(f"version: {before} -> {after}: ok")
    else:
        ok = False
        needed = f"0.{old_v[1] + 1}.0" if old_v[0] == 0 else f"{old_v[0] + 1}.0.0"
        lines.append(f"version: {before} -> {after}; a breaking change needs at least {needed} (docs/versioning.md)")
    for name in versions:
        if name != after:
            ok = False
            lines.append(f"CHANGELOG.md: the new section [{name}] does not name the package version {after}")
    if not ok:
        lines.append("breaking: " + ", ".join(dict.fromkeys(breaking)))
    return Verdict(ok, lines)
