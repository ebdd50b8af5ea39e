"""``tox -e node-compat`` never passes without having run: no ``node`` or ``npm`` is a failure."""

from __future__ import annotations

import shutil

import pytest

from . import node_compat


def test_without_node_it_fails_saying_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(shutil, "which", lambda tool: None if tool == "node" else f"/usr/bin/{tool}")

    assert node_compat.main([]) == 1

    assert "node-compat: FAILED, node not found on PATH" in capsys.readouterr().err
