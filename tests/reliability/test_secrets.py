"""The canary key through record mode, the CLI's ``--debug``, reprs, exception chains and journals.

Each test checks its own source at once; everything also goes to the corpus that
``test_secret_scan.py`` scans at the end of the run. The positive control proves the scanner
finds the key in each form and place it looks at.
"""

from __future__ import annotations

import base64
import json
import logging
import tempfile
import traceback
from pathlib import Path

import httpx
import pytest
import yaml

from deepshi import APIConnectionError, AsyncDeepshi, Deepshi, StreamError
from deepshi.cli.settings import Settings
from deepshi.mock import Fault, MockServer
from tests.clock import on_clock

from . import figures
from .canary import CANARY_KEY, MASK, Corpus, CorpusHandler, encodings
from .clock import FakeClock
from .leak_sources import SESSION_SECRET, CliRun, Recording
from .support import MODEL, client_options


def _clean(corpus: Corpus) -> None:
    findings, items, _ = corpus.scan(CANARY_KEY)
    assert items > 0
    assert findings == []


def test_record_mode_writes_and_journals_no_key(recording: Recording) -> None:
    own = Corpus()
    own.add_tree("cassettes", recording.directory)
    for name, text in recording.journals.items():
        own.add(name, text)
    _clean(own)
    [cassette] = recording.directory.glob("recorded-*.yaml")
    interactions = yaml.safe_load(cassette.read_text())["interactions"]
    assert [i["request"]["operation"] for i in interactions] == [
        "listModels",
        "createImage",
        "editImage",
        "createImage",
        "createImage",
        "createImage",
    ]
    assert interactions[2]["request"]["prompt"] == "my key is [REDACTED]"
    assert interactions[4]["response"]["status"] == 401
    assert "set-cookie" not in interactions[5]["response"]["headers"]
    assert "x-api-key" not in interactions[5]["response"]["headers"]
    assert interactions[5]["response"]["body"]["note"] == "your key is [REDACTED]"
    assert not own.scan(SESSION_SECRET)[0]
    assert sorted(p.suffix for p in (recording.directory / "images").iterdir()) == [".jpg", ".jpg", ".jpg"]
    over_http = json.loads(recording.journals["upstream (over HTTP)"])["entries"]
    assert {entry["headers"]["authorization"] for entry in over_http} == {"[REDACTED]"}


def test_a_key_the_server_quotes_back_is_masked_in_the_error(recording: Recording) -> None:
    error = recording.quoted_back
    assert error is not None
    assert str(error) == f"Incorrect API key provided: {MASK}."
    text = "".join(traceback.format_exception(error)) + repr(error) + repr(vars(error))
    assert CANARY_KEY not in text
    assert MASK in text


def test_cli_debug_output_has_tracebacks_and_logs_but_no_key(cli_debug_runs: list[CliRun]) -> None:
    models, quoted, stream, batch, dead = cli_debug_runs
    assert models.exit_code == 0
    assert "Retrying GET /v1/models" in models.stderr  # the retry, logged at INFO under --debug
    assert "(attempt 2 of 2)" in models.stderr  # each attempt at DEBUG
    assert '"data"' in models.stdout
    assert quoted.exit_code == 1
    assert f"error: AuthenticationError (401): Incorrect API key provided: {MASK}." in quoted.stderr
    assert "Traceback (most recent call last)" in quoted.stderr
    assert stream.exit_code == 1
    assert "StreamError" in stream.stderr
    assert "The above exception was the direct cause of the following exception" in stream.stderr
    assert batch.exit_code == 1
    assert "done 1 · skipped 0 · failed 2" in batch.stdout  # a malformed answer, then a 503
    assert dead.exit_code == 1
    assert "APIConnectionError" in dead.stderr
    for run in cli_debug_runs:
        assert CANARY_KEY not in run.stdout + run.stderr, run.args


def test_reprs_and_chained_exceptions_carry_no_key(mock: MockServer, clock: FakeClock, corpus: Corpus) -> None:
    own = Corpus()
    options = client_options(mock.url, None, max_retries=0)
    with on_clock(Deepshi(**options), clock.timer()) as client:
        aclient = on_clock(AsyncDeepshi(**options), clock.timer())
        settings = Settings(api_key=CANARY_KEY, base_url=mock.url)
        own.add(
            "repr", f"{client!r} {aclient!r} {settings!r} {mock!r} {vars(client)!r} {vars(client._engine.settings)!r}"
        )
        mock.add_fault(Fault("reset_before_headers"))
        with pytest.raises(APIConnectionError) as connection:
            client.images.generate(**MODEL, prompt="p")
        assert isinstance(connection.value.__cause__, httpx.ReadError)
        own.add_exception("exception chain", connection.value)
        mock.add_fault(Fault("truncated_sse"))
        with client.images.generate(**MODEL, prompt="p", stream=True) as stream:
            own.add("repr", repr(stream))
            with pytest.raises(StreamError) as broken:
                stream.final_result()
        own.add_exception("exception chain", broken.value)
    _clean(own)
    assert any("Traceback" in content.decode() for source, content in own.texts if source.endswith("traceback"))
    corpus.texts.extend(own.texts)


def test_the_journal_in_process_and_over_http_carries_no_key(mock: MockServer, clock: FakeClock) -> None:
    with on_clock(Deepshi(**client_options(mock.url, None, max_retries=0)), clock.timer()) as client:
        client.images.generate(**MODEL, prompt=f"a prompt quoting {CANARY_KEY}", extra_body={"note": CANARY_KEY})
    own = Corpus()
    own.add("journal (in process)", repr(mock.journal))
    own.add("journal (over HTTP)", httpx.get(mock.url + "/__mock__/journal", timeout=10).text)
    _clean(own)
    [entry] = mock.journal
    assert entry.headers["authorization"] == "[REDACTED]"
    assert entry.fields["prompt"] == "a prompt quoting [REDACTED]"


def test_the_scanner_finds_the_key_in_every_form_and_place_it_looks_at() -> None:
    """The positive control: plant the key, find each plant; decoys are not findings."""
    control = Corpus()
    control.add("plain text", f"... {CANARY_KEY} ...")
    control.add("hex dump", f"b'...' {CANARY_KEY.encode().hex()}")
    control.add("utf-16", f"x{CANARY_KEY}".encode("utf-16-le"))
    handler = CorpusHandler(control)
    record = logging.LogRecord("deepshi", logging.DEBUG, __file__, 1, "sent %s", (CANARY_KEY,), None)
    handler.handle(record)
    try:
        try:
            raise ValueError(CANARY_KEY)
        except ValueError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as error:
        control.add_exception("exception chain", error)
    with tempfile.TemporaryDirectory() as scratch:  # outside pytest's basetemp, which the final scan reads
        nested = Path(scratch, "a", "b")
        nested.mkdir(parents=True)
        (nested / "cassette.yaml").write_text(f"authorization: Bearer {CANARY_KEY}\n")
        for offset in range(3):
            (nested / f"basic-{offset}.txt").write_bytes(base64.b64encode(b"x" * offset + CANARY_KEY.encode()))
        control.add_tree("files", Path(scratch))
        control.add("decoys", f"{MASK} sk-bf-reliability-canary-0000 {CANARY_KEY[:-1]}")
        findings, _, _ = control.scan(CANARY_KEY)
    found = {
        (f.source.split(":")[0].split("/")[-1] if f.source.startswith("files") else f.source, f.form) for f in findings
    }
    assert found == {
        ("plain text", "raw"),
        ("hex dump", "hex"),
        ("utf-16", "utf-16-le"),
        ("log deepshi: deepshi", "raw"),
        ("exception chain: traceback", "raw"),  # only in the chained cause: the repr does not show it
        *{("files", "raw")},
        *{("files", f"base64+{offset}") for offset in range(3)},
    }, findings
    files = sorted(Path(f.source.split(": ", 1)[1]).name for f in findings if f.source.startswith("files"))
    assert files == ["basic-0.txt", "basic-1.txt", "basic-2.txt", "cassette.yaml"]
    assert not any(f.source == "decoys" for f in findings)
    forms = {f.form for f in findings}
    assert forms == set(encodings(CANARY_KEY))
    figures.record("secrets", **{"control forms": len(forms)})
