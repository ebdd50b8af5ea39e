"""CHANGELOG.md is in the Keep a Changelog shape the gate reads."""

from __future__ import annotations

import re

from specdiff.gate import sections

from .conftest import ROOT


def test_the_changelog_is_keep_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "https://keepachangelog.com/en/1.1.0/" in text
    found = sections(text)
    assert next(iter(found)) == "Unreleased"
    for heading in re.findall(r"^## (.+)$", text, flags=re.M):
        assert re.fullmatch(r"\[Unreleased\]|\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", heading), heading
    for kind in re.findall(r"^### (.+)$", text, flags=re.M):
        assert kind in {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
