"""Every Python snippet in README.md and docs/ runs as written.

The snippets of one document run in order in one namespace (like a reader typing them into one
session), in a folder holding the files they name (``cabin.png``, ``a.png``, ``doc.pdf``, ...),
with ``DEEPSHI_BASE_URL``/``DEEPSHI_API_KEY`` pointing at a mock server on loopback. Top-level
``await`` runs in an event loop. Snippets that define ``test_*`` functions are what a user puts in
their own test suite: they run in a child pytest with the plugin, as a user would run them.
A snippet that raises fails this test with its document and line.
"""

from __future__ import annotations

import ast
import asyncio
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from deepshi.mock import MockServer
from tests.images import encoded

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)


@dataclass(frozen=True)
class Snippet:
    document: str
    line: int
    code: str

    @property
    def is_test_module(self) -> bool:
        return re.search(r"^(async )?def test_", self.code, re.M) is not None


def snippets(document: Path) -> list[Snippet]:
    text = document.read_text(encoding="utf-8")
    return [
        Snippet(document.name, text.count("\n", 0, match.start()) + 2, match.group(1))
        for match in _FENCE.finditer(text)
    ]


def _files(folder: Path) -> None:
    """The input files the docs name, as real images (and one PDF, for the refusal example)."""
    for name in ("cabin.png", "a.png", "b.png", "photo.png"):
        (folder / name).write_bytes(encoded("PNG", 64, 48))
    (folder / "reference.jpg").write_bytes(encoded("JPEG", 64, 48))
    (folder / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    samples = ROOT / "wrapper" / "deepshi" / "samples"
    for sample in samples.glob("*.png"):
        shutil.copyfile(sample, folder / sample.name)


def _run(snippet: Snippet, namespace: dict[str, Any]) -> None:
    code = compile(snippet.code, f"{snippet.document}:{snippet.line}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    outcome = eval(code, namespace)  # our own documentation, run as the reader would
    if asyncio.iscoroutine(outcome):
        asyncio.run(outcome)


def _documents_with_snippets() -> list[Path]:
    return [document for document in DOCUMENTS if snippets(document)]


def test_the_snippets_are_found() -> None:
    found = {document.name: len(snippets(document)) for document in DOCUMENTS}
    assert found["README.md"] >= 2
    assert found["usage.md"] >= 10
    assert found["mock.md"] >= 2


@pytest.mark.parametrize("document", _documents_with_snippets(), ids=lambda path: path.name)
def test_every_python_snippet_runs_as_written(
    document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deepshi_mock: MockServer
) -> None:
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DEEPSHI_BASE_URL", deepshi_mock.url)
    monkeypatch.setenv("DEEPSHI_API_KEY", deepshi_mock.api_key)
    namespace: dict[str, Any] = {"__name__": "__snippet__"}
    tests = []
    for snippet in snippets(document):
        if snippet.is_test_module:
            tests.append(snippet)
            continue
        try:
            _run(snippet, namespace)
        except Exception as exc:
            pytest.fail(f"{snippet.document} line {snippet.line}: {type(exc).__name__}: {exc}\n{snippet.code}")
    if tests:
        _run_as_user_tests(tests, tmp_path)


def _run_as_user_tests(tests: list[Snippet], folder: Path) -> None:
    module = "\n\n".join(f"# {t.document} line {t.line}\n{t.code}" for t in tests)
    (folder / "test_from_the_docs.py").write_text(module, encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_from_the_docs.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert f"{sum(t.code.count('def test_') for t in tests)} passed" in done.stdout
