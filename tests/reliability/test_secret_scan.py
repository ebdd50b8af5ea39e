"""The final check (moved to the end of the run by ``conftest.py``): the canary key appears nowhere.

It scans everything the reliability suite captured: every DEBUG log record of the ``deepshi``,
``httpx``, ``httpcore`` and ``uvicorn`` loggers, reprs, formatted exception chains, the mocks'
journals in process and over HTTP, the cassettes written in record mode, the CLI's ``--debug``
output, and every file under pytest's temporary directory for this run. The record-mode and CLI
runs are package fixtures, so this test produces them itself when it runs alone.
"""

from __future__ import annotations

import httpx
import pytest

from deepshi.mock import MockServer

from . import figures
from .canary import CANARY_KEY, Corpus, CorpusHandler
from .leak_sources import CliRun, Recording

REQUIRED = {
    "log deepshi",
    "log httpx",
    "log httpcore",
    "journal recorder (in process)",
    "journal recorder (over HTTP)",
    "journal upstream (in process)",
    "journal upstream (over HTTP)",
    "journal (over HTTP)",
    "cassettes (record mode)",
    "cli --debug",
    "repr (record mode)",
    "exception chain (record mode)",
    "files written by the suite",
}


def test_the_canary_key_is_found_nowhere(
    corpus: Corpus,
    recording: Recording,
    cli_debug_runs: list[CliRun],
    fault_mock: MockServer,
    debug_logs: CorpusHandler,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    assert recording.directory.is_dir()
    assert cli_debug_runs
    corpus.add("journal (over HTTP)", httpx.get(fault_mock.url + "/__mock__/journal", timeout=10).text)
    corpus.add_tree("files written by the suite", tmp_path_factory.getbasetemp())

    findings, items, size = corpus.scan(CANARY_KEY)

    assert findings == [], "the API key leaked:\n" + "\n".join(f"{f.source} ({f.form} at {f.offset})" for f in findings)
    missing = REQUIRED - corpus.kinds()
    assert not missing, f"sources not captured: {missing}"
    figures.record(
        "secrets",
        findings=len(findings),
        items=items,
        bytes=size,
        **{
            "log records": debug_logs.records,
            "exception chains": sum(1 for source, _ in corpus.texts if source.endswith(": traceback")),
        },
    )
