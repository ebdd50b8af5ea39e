"""Contract 1, spec <-> server: every answer the server gives is one the spec documents.

Schemathesis generates requests from the shipped spec, valid and invalid, and sends them to the
target (the local mock, or a live deployment read-only: see ``target.py``), with **all** its
checks: status codes, content types, headers and bodies conform to the spec (each event of a
``text/event-stream`` answer against ``ImageStreamEvent``), schema-valid requests are accepted
(``positive_data_acceptance``), schema-violating ones rejected (``negative_data_rejection``),
requests with missing or wrong credentials refused (``ignored_auth``), no 5xx; plus the project's
checks (``checks.py``). Multipart edits carry 1..14 real PNG/JPEG/WebP files; generated bodies
are fitted to the model catalog (``schemathesis_setup.py``). The run fails if a valid request
never reached a 2xx, or if an operation that can stream never answered an event stream (the
spec's ``streamed`` request examples make sure both image operations do).

A failure is schemathesis' own report: the check (ST code), what was received, what the spec
documents, and a curl command that reproduces it.

Schemathesis cannot produce a few invalid multipart shapes itself (its strategy for ``image[]``
always yields valid files), so those are sent by hand at the end of this file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from . import budget, counts, schemathesis_setup
from .checks import PROJECT_CHECKS
from .images import render
from .spec import SSE_TYPE as SSE
from .spec import spec_path, streaming_operations
from .target import Target, live_target

schema: schemathesis.BaseSchema = schemathesis.openapi.from_path(str(spec_path()))
_live = live_target(os.environ)
if _live is not None:
    # A real deployment is only sent read-only requests; edits are opt-in and go through the facade
    # (test_deployment.py), never through the fuzzer.
    schema = schema.include(method="GET")
    # Read-only means GET only: no coverage probes with methods the spec does not declare either.
    schema.config.phases.coverage.unexpected_methods = set()
schemathesis_setup.install(schema)
_target: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def _point_schemathesis_at_target(target: Target, target_catalog: Sequence[Mapping[str, Any]]) -> Iterator[None]:
    # Both are baked into the operations at collection time, before the target is known; so they
    # are passed to each call (the auth checks strip or replace the header passed there).
    _target.update(origin=target.origin, headers=target.headers)
    assert target_catalog  # the catalog the cases were fitted to (read before collection, checked here)
    yield
    unreached = [
        f"{label}: 0 of {sent} schema-valid requests answered 2xx"
        for label, sent in counts.POSITIVE_SENT.items()
        if sent and not counts.POSITIVE_ACCEPTED[label]
    ]
    assert not unreached, (
        "Received: " + "; ".join(unreached) + "\nDocumented: valid requests succeed. A run that never reaches "
        "the success path checks nothing there (wrong key? wrong catalog?)."
    )
    if _live is None:  # read-only live runs send no image operation
        unstreamed = [
            op.label
            for op in streaming_operations()
            if counts.POSITIVE_SENT[op.label] and not counts.STREAMED_ACCEPTED[op.label]  # the operations run
        ]
        assert not unstreamed, (
            f"Received: no 2xx event stream from {', '.join(unstreamed)}\n"
            "Documented: with stream: true the 200 answer is text/event-stream. A run that never gets one checks "
            "no stream event against ImageStreamEvent."
        )


@schema.parametrize()
@settings(max_examples=budget.examples(3), deadline=None, suppress_health_check=list(HealthCheck))
def test_server_conforms_to_spec(case: schemathesis.Case[Any]) -> None:
    response = case.call(base_url=_target["origin"], headers=_target["headers"])
    meta = case.meta
    counts.record_case(
        case.operation.label,
        meta.phase.name.value if meta else "explicit",
        meta.generation.mode.value if meta else "positive",
        response.status_code,
        streamed=any(value.startswith(SSE) for value in response.headers.get("content-type", [])),
    )
    case.validate_response(response, additional_checks=PROJECT_CHECKS)


# --- invalid multipart shapes schemathesis does not generate ------------------------------------

Part = tuple[str, tuple[str | None, bytes, str | None]]
PNG = render("image/png", 3, 2, seed=1, noise=0).data
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)
MODEL_AND_PROMPT: list[Part] = [("model", (None, b"nano-banana-2", None)), ("prompt", (None, b"p", None))]
ONE_PNG: list[Part] = [*MODEL_AND_PROMPT, ("image[]", ("a.png", PNG, "image/png"))]
INVALID_EDITS: dict[str, list[Part]] = {
    "no image": MODEL_AND_PROMPT,
    "15 images (maxItems 14)": MODEL_AND_PROMPT + [("image[]", (f"{i}.png", PNG, "image/png")) for i in range(15)],
    "image[] as a text part": [*MODEL_AND_PROMPT, ("image[]", (None, b"not a file", None))],
    "a GIF (the encoding lists png, jpeg, webp)": [*MODEL_AND_PROMPT, ("image[]", ("a.gif", GIF, "image/gif"))],
    "n = 9 (maximum 4)": [*ONE_PNG, ("n", (None, b"9", None))],
    "stream = yes (a boolean)": [*ONE_PNG, ("stream", (None, b"yes", None))],
    "empty prompt (minLength 1)": [
        ("model", (None, b"nano-banana-2", None)),
        ("prompt", (None, b"", None)),
        ONE_PNG[-1],
    ],
}

if _live is None:  # a live deployment is never sent edits by this suite unless opted in (test_deployment.py)

    @pytest.mark.parametrize("name", sorted(INVALID_EDITS))
    def test_server_rejects_invalid_multipart_edits(name: str, target: Target) -> None:
        operation = schema["/v1/images/edits"]["POST"]
        parts = INVALID_EDITS[name]
        response = httpx.post(f"{target.origin}/v1/images/edits", headers=target.headers, files=parts, timeout=30)
        counts.record_case(operation.label, "hand-built", "negative")
        documented = list(operation.definition.raw["responses"])
        rejected = 400 <= response.status_code < 500 and str(response.status_code) in documented
        assert rejected, (
            f"Received: {response.status_code} {response.text[:300]}\n"
            f"Documented: an invalid edit ({name}) is rejected with a documented 4xx ({', '.join(documented)})\n"
            f"Reproduce: POST {target.origin}/v1/images/edits with parts {[(field, part[0]) for field, part in parts]}"
        )
        response.request.read()  # schemathesis reports the request body too
        operation.validate_response(response)
