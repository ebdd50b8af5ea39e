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
from .canary import CANARY_KEY, ESCAPED_FORMS, MASK, Corpus, CorpusHandler, encodings
from .clock import FakeClock
from .leak_sources import ECHO_FORMS, HEADER_ECHO_KEY, SESSION_SECRET, CliRun, Recording
from .raw_http import Client
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
        "createImage",
    ]
    assert interactions[2]["request"]["prompt"] == "my key is [REDACTED]"
    assert interactions[4]["response"]["status"] == 401
    assert "set-cookie" not in interactions[5]["response"]["headers"]
    assert "x-api-key" not in interactions[5]["response"]["headers"]
    assert interactions[5]["response"]["body"]["note"] == "your key is [REDACTED]"
    echoed = interactions[6]["response"]
    assert echoed["headers"]["x-echo"] == "[REDACTED]"
    stored = (
        echoed["body"] if "body" in echoed else json.loads((recording.directory / echoed["body_file"]).read_bytes())
    )
    expected = {name: "Basic [REDACTED]" if name == "basic" else "[REDACTED]" for name in ECHO_FORMS}
    assert {name: stored["echo"][name] for name in ECHO_FORMS} == expected
    assert stored["echo"]["[REDACTED]"] == "the key as a key"
    assert not own.scan(SESSION_SECRET)[0]
    assert not own.scan(HEADER_ECHO_KEY)[0]
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
    auth = {"authorization": f"Bearer {CANARY_KEY}"}
    url_encoded = "".join(f"%{byte:02x}" for byte in CANARY_KEY.encode())
    basic = base64.b64encode(f"me:{CANARY_KEY}".encode()).decode()
    hostile = [
        {**MODEL, "prompt": "the key as a field name", CANARY_KEY: 1, "nested": {CANARY_KEY: [CANARY_KEY]}},
        {**MODEL, "prompt": f"url-encoded {url_encoded} and in basic auth: Basic {basic}"},
        {**MODEL, "model": CANARY_KEY, "prompt": "the key as the model: quoted in the error message"},
        {**MODEL, "prompt": f"too long for the model {CANARY_KEY} " * 400},
    ]
    for body in hostile:
        httpx.post(mock.base_url + "/images/generations", json=body, headers=auth, timeout=30)
    parts = (
        f'--b\r\nContent-Disposition: form-data; name="{CANARY_KEY}"; filename="{CANARY_KEY}.png"\r\n\r\nx\r\n--b--\r\n'
    )
    httpx.post(
        mock.base_url + "/images/edits",
        content=parts.encode(),
        headers={**auth, "content-type": "multipart/form-data; boundary=b"},
        timeout=30,
    )
    # Over a raw socket: httpx would log the URL (the test's own client, not the mock, at DEBUG).
    raw = Client(mock.port)
    assert raw.request("GET", f"/v1/{CANARY_KEY}?q={url_encoded}", list(auth.items())).status == 404
    raw.close()
    own = Corpus()
    own.add("journal (in process)", repr(mock.journal))
    own.add("journal (over HTTP)", httpx.get(mock.url + "/__mock__/journal", timeout=10).text)
    _clean(own)
    first, as_name, encoded, as_model, too_long, edit, path = mock.journal
    assert first.headers["authorization"] == "[REDACTED]"
    assert first.fields["prompt"] == "a prompt quoting [REDACTED]"
    assert as_name.fields["[REDACTED]"] == 1
    assert as_name.fields["nested"] == {"[REDACTED]": ["[REDACTED]"]}
    assert encoded.fields["prompt"] == "url-encoded [REDACTED] and in basic auth: Basic [REDACTED]"
    assert as_model.status == 400
    assert as_model.error is not None
    assert "[REDACTED]" in as_model.error
    assert "[REDACTED]" in too_long.fields["prompt"]  # a prompt over the model's length (lenient: answered)
    assert edit.files[0].field == "[REDACTED]"
    assert edit.files[0].filename == "[REDACTED].png"
    assert path.path == "/v1/[REDACTED]"


def url_safe_form(offset: int) -> str:
    """The form a base64url plant is found as: its own, or plain base64's where the two are the same bytes."""
    return f"base64url+{offset}" if f"base64url+{offset}" in encodings(CANARY_KEY) else f"base64+{offset}"


def test_the_scanner_finds_the_key_in_every_form_and_place_it_looks_at() -> None:
    """The positive control: plant the key, find each plant; decoys are not findings."""
    control = Corpus()
    control.add("plain text", f"... {CANARY_KEY} ...")
    json_all = "".join(f"\\u{ord(c):04X}" for c in CANARY_KEY)
    escaped_dashes = CANARY_KEY.replace("-", "\\u002d")
    control.add("json-escaped", f'{{"echo": "\\u0073{CANARY_KEY[1:]}", "{escaped_dashes}": 1}}')
    control.add("json-escaped, every character", json_all)
    control.add("url-encoded", "q=" + "".join(f"%{byte:02x}" for byte in CANARY_KEY.encode()))
    control.add("url-encoded, only the dashes", "q=" + CANARY_KEY.replace("-", "%2D"))
    control.add("both", CANARY_KEY.replace("-", "%2D", 1).replace("-", "\\u002d"))
    for offset in range(3):
        control.add(f"base64url+{offset}", base64.urlsafe_b64encode(b"?" * offset + CANARY_KEY.encode()))
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
        control.add(
            "decoys",
            f"{MASK} sk-bf-reliability-canary-0000 {CANARY_KEY[:-1]} \\u0073{CANARY_KEY[1:-1]} "
            + CANARY_KEY[:-1].replace("-", "%2D"),
        )
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
        ("json-escaped", "json-escaped"),
        ("json-escaped, every character", "json-escaped"),
        ("url-encoded", "url-encoded"),
        ("url-encoded, only the dashes", "url-encoded"),
        ("both", "json-escaped+url-encoded"),
        *{(f"base64url+{offset}", url_safe_form(offset)) for offset in range(3)},
        *{("files", "raw")},
        *{("files", f"base64+{offset}") for offset in range(3)},
    }, findings
    files = sorted(Path(f.source.split(": ", 1)[1]).name for f in findings if f.source.startswith("files"))
    assert files == ["basic-0.txt", "basic-1.txt", "basic-2.txt", "cassette.yaml"]
    assert not any(f.source == "decoys" for f in findings)
    forms = {f.form for f in findings}
    assert forms == set(encodings(CANARY_KEY)) | set(ESCAPED_FORMS)
    figures.record("secrets", **{"control forms": len(forms)})
