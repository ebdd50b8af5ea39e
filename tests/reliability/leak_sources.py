"""Runs that handle the canary key in every way a user can: record mode, the CLI with ``--debug``.

Each returns what it produced (and adds it to the corpus): the cassette directory and journals
of a recording made through an upstream mock that quotes the key back, and the stdout/stderr of
CLI commands that fail in various ways with ``--debug`` on.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from typer.testing import CliRunner

from deepshi import AuthenticationError, Deepshi, ImagesResult
from deepshi.cli.app import app
from deepshi.mock import Fault, MockServer
from tests.images import encoded

from .canary import CANARY_KEY, Corpus
from .support import MODEL

SESSION_SECRET = "session-secret-0d5c41b7"
"""What the upstream puts in ``set-cookie`` and ``x-api-key`` answer headers: never written to a cassette."""


@dataclass
class Recording:
    """What a record-mode session left: the cassette directory, the journals, the errors the client saw."""

    directory: Path
    journals: dict[str, str] = field(default_factory=dict)
    quoted_back: AuthenticationError | None = None
    results: list[ImagesResult] = field(default_factory=list)


def record_session(directory: Path, image: Path, corpus: Corpus) -> Recording:
    """Record a catalog fetch, a generation, an edit, a stream and two answers that quote the key."""
    recording = Recording(directory)
    with (
        MockServer(sse_keepalives=1) as upstream,
        MockServer(directory, record=True, upstream=upstream.url) as recorder,
        Deepshi(api_key=CANARY_KEY, base_url=recorder.url, max_retries=0) as client,
    ):
        client.models.list()
        recording.results.append(client.images.generate(**MODEL, prompt="record a generation"))
        # A user who pasted the key into a prompt: scrubbed from the journal and the cassette too.
        recording.results.append(client.images.edit(**MODEL, prompt=f"my key is {CANARY_KEY}", image=image))
        with client.images.generate(**MODEL, prompt="record a stream", stream=True) as stream:
            recording.results.append(stream.final_result())
        upstream.add_fault(Fault("status", status=401, message=f"Incorrect API key provided: {CANARY_KEY}."))
        try:
            client.images.generate(**MODEL, prompt="the upstream quotes the key")
        except AuthenticationError as error:
            recording.quoted_back = error
            corpus.add_exception("exception chain (record mode)", error)
        # Credential-like response headers carry another secret: a header the server sends is logged
        # as sent by httpcore at DEBUG, whoever the client is (see docs/reliability.md).
        upstream.add_fault(
            Fault(
                "override",
                headers={"set-cookie": f"session={SESSION_SECRET}", "x-api-key": SESSION_SECRET},
                body={"created": 1, "data": [], "note": f"your key is {CANARY_KEY}"},
            )
        )
        httpx.post(
            recorder.base_url + "/images/generations",
            json={**MODEL, "prompt": "echo"},
            headers={"authorization": f"Bearer {CANARY_KEY}"},
            timeout=30,
        ).raise_for_status()
        # An upstream that echoes the key in every encoding it could: JSON \u-escaped (all of it, its
        # first character, its dashes), as a JSON object key, URL-encoded, in base64 and base64url.
        upstream.add_fault(
            Fault(
                "override",
                content_type="application/json",
                # Another key in the header: httpcore logs answer headers as sent (see docs/reliability.md).
                headers={"x-echo": HEADER_ECHO_KEY.replace("-", "%2D")},
                body=hostile_echo(CANARY_KEY),
            )
        )
        httpx.post(
            recorder.base_url + "/images/generations",
            json={**MODEL, "prompt": "echo, encoded"},
            headers={"authorization": f"Bearer {CANARY_KEY}"},
            timeout=30,
        ).raise_for_status()
        for name, server in (("recorder", recorder), ("upstream", upstream)):
            recording.journals[f"{name} (in process)"] = json.dumps([e.to_dict() for e in server.journal])
            recording.journals[f"{name} (over HTTP)"] = httpx.get(server.url + "/__mock__/journal", timeout=10).text
    for name, text in recording.journals.items():
        corpus.add(f"journal {name}", text)
    for result in recording.results:
        corpus.add("repr (record mode)", f"{result!r} {result.images!r}")
    corpus.add_tree("cassettes (record mode)", directory)
    return recording


HEADER_ECHO_KEY = "sk-bf-echoed-in-a-header-5e0c"
"""A key-shaped string the upstream echoes URL-encoded in an answer header: record mode must scrub it."""
ECHO_FORMS = ("all-escaped", "first-escaped", "dashes-escaped", "url-encoded", "url-partial", "basic", "base64url")


def hostile_echo(key: str) -> str:
    """A JSON answer (as text, sent as is) quoting ``key`` in each of :data:`ECHO_FORMS`, and as an object key."""
    forms = {
        "all-escaped": "".join(f"\\u{ord(c):04x}" for c in key),
        "first-escaped": "\\u0073" + key[1:],
        "dashes-escaped": key.replace("-", "\\u002D"),
        "url-encoded": "".join(f"%{byte:02X}" for byte in key.encode()),
        "url-partial": key.replace("-", "%2d"),
        "basic": "Basic " + base64.b64encode(f"user:{key}".encode()).decode(),
        "base64url": base64.urlsafe_b64encode(b"!" + key.encode()).decode(),
    }
    members = ",".join(f'"{name}":"{value}"' for name, value in forms.items())
    escaped_key = key.replace("-", "\\u002d")
    return f'{{"created":1,"data":[],"echo":{{{members},"{escaped_key}":"the key as a key"}}}}'


@dataclass
class CliRun:
    """One CLI invocation and what it printed."""

    args: list[str]
    exit_code: int
    stdout: str
    stderr: str


def cli_debug_session(mock: MockServer, folder: Path, dead_url: str, corpus: Corpus) -> list[CliRun]:
    """CLI commands with ``--debug``, the key from ``--api-key`` or the environment, failing in various ways."""
    image = folder / "in.png"
    image.write_bytes(encoded("PNG", 32, 32, (10, 200, 30)))
    manifest = folder / "jobs.jsonl"
    manifest.write_text("".join(json.dumps({"prompt": f"line {n}", **MODEL}) + "\n" for n in range(1, 4)))
    sizes = ["--width", "256", "--height", "256"]
    scenarios: list[tuple[list[Fault], list[str], dict[str, str | None]]] = [
        # A retry (logged at INFO, attempts at DEBUG), then the catalog as JSON.
        ([Fault("status", status=500, retry_after_ms=1)], ["--max-retries", "1", "models", "--json"], {}),
        # The server quotes the key back in a 401: the error line and the traceback mask it.
        (
            [
                Fault(
                    "status", status=401, message=f"Incorrect API key provided: {CANARY_KEY}.", operation="createImage"
                )
            ],
            ["generate", "-p", "quoted back", "-m", "flux-2-pro", *sizes, "-o", str(folder / "gen")],
            {},
        ),
        # A stream broken after its start; the key from the environment this time.
        (
            [Fault("reset_after_headers", operation="editImage")],
            [
                "edit",
                str(image),
                "-p",
                "broken stream",
                "-m",
                "flux-2-pro",
                *sizes,
                "--stream",
                "-o",
                str(folder / "edit"),
            ],
            {"DEEPSHI_API_KEY": CANARY_KEY},
        ),
        # A batch with a malformed answer and a 503 on its lines.
        (
            [Fault("malformed_json", operation="createImage"), Fault("status", status=503, operation="createImage")],
            ["--max-retries", "0", "batch", str(manifest), "--out", str(folder / "batch"), "--concurrency", "1"],
            {},
        ),
        # Nobody listening.
        ([], ["--base-url", dead_url, "models"], {}),
    ]
    runs = []
    for faults, args, env in scenarios:
        mock.reset()
        for fault in faults:
            mock.add_fault(fault)
        key_args = [] if "DEEPSHI_API_KEY" in env else ["--api-key", CANARY_KEY]
        base_args = [] if "--base-url" in args else ["--base-url", mock.url]
        full = ["--debug", *key_args, *base_args, *args]
        environment: dict[str, str | None] = {"DEEPSHI_API_KEY": None, "DEEPSHI_BASE_URL": None, "COLUMNS": "200"}
        environment.update(env)
        result = CliRunner().invoke(app, full, env=environment, prog_name="deepshi")
        runs.append(CliRun(full, result.exit_code, result.stdout, result.stderr))
        corpus.add(f"cli --debug: {' '.join(args[:2])}: stdout", result.stdout)
        corpus.add(f"cli --debug: {' '.join(args[:2])}: stderr", result.stderr)
        for journal_entry in mock.journal:
            corpus.add("journal (cli)", json.dumps(journal_entry.to_dict()))
    corpus.add_tree("cli --debug: output files", folder)
    return runs
