"""The table of round-2 fixes published in docs/reliability.md is ``fixes.FIXES``, and each test it names exists."""

from __future__ import annotations

import importlib
import inspect

from .figures import DOC, MARKERS, block
from .fixes import FIXES, render


def test_the_published_fix_table_is_the_suites() -> None:
    assert block(DOC.read_text(encoding="utf-8"), "fixes") == render()


def test_every_fix_names_tests_that_exist() -> None:
    assert "fixes" in MARKERS
    for fix in FIXES:
        assert fix.tests, fix.item
        for test in fix.tests:
            path, _, name = test.partition("::")
            module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
            function = getattr(module, name, None)
            assert inspect.isfunction(function), f"item {fix.item}: {test} does not exist"
            assert name.startswith("test_"), test
