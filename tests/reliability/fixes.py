"""The bugs of issue 15 ("Reliability and security, round 2") fixed so far, each with the tests that prove it.

docs/reliability.md publishes :func:`render` between its ``round2-fixes`` markers;
``test_fix_table.py`` checks that the published table is this one and that every test it names
exists. ``python -m tests.reliability.figures`` rewrites the block.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """One item of the issue: what broke, what changed, and the tests (``path::function``) that failed before."""

    item: int
    bug: str
    fix: str
    tests: tuple[str, ...]


_HOSTILE = "tests/reliability/test_mock_hostile.py"
_SECRETS = "tests/reliability/test_secrets.py"

FIXES: tuple[Fix, ...] = (
    Fix(
        9,
        "(mock side) record mode wrote the key to disk when the upstream echoed it JSON-escaped "
        "(`\\u0073k-bf-...`, `sk\\u002dbf\\u002d...`), URL-encoded or in base64; the journal kept the key used as a "
        "JSON object key, quoted in an error message, URL-encoded in a field, in a file name or in the path; the "
        "secret scanner looked for none of those encodings",
        "`redact.scrub` finds the key as is, `\\u`-escaped (any character, either hex case), URL-encoded, mixed, "
        "and the request's own key in base64/base64url at any alignment; the journal scrubs every string of an "
        "entry, keys included; the scanner matches all those forms, with a positive control per form",
        (
            f"{_SECRETS}::test_record_mode_writes_and_journals_no_key",
            f"{_SECRETS}::test_the_journal_in_process_and_over_http_carries_no_key",
            f"{_SECRETS}::test_the_scanner_finds_the_key_in_every_form_and_place_it_looks_at",
        ),
    ),
    Fix(
        15,
        'one request with `"n": NaN`, `"seed": 1e400`, `Infinity` in an extra field or a lone surrogate in a key '
        "or the prompt made `GET /__mock__/journal` answer 500 until the journal was cleared",
        "request bodies are parsed as strict JSON (`strict_json`: NaN, infinities, out-of-range numbers and lone "
        "surrogates are a typed 400); every journaled string goes through `journal.Keeper`, which keeps it "
        "JSON-safe whatever arrived",
        (
            f"{_HOSTILE}::test_json_python_accepts_but_json_does_not_is_a_typed_400_and_the_journal_stays_readable",
            f"{_HOSTILE}::test_no_mixture_of_hostile_values_makes_the_mock_answer_500",
        ),
    ),
    Fix(
        16,
        "500 instead of 400: a JSON body nested 100,000 deep, an extra field nested 500 deep (the scrubber "
        "recursed), a multipart boundary over 256 characters, a lone surrogate in `model` or in a prompt echoed "
        "into `revised_prompt`, deeply nested JSON posted to `/__mock__/faults`",
        "`max_json_depth` (64) bounds nesting (400 `nested_too_deeply`), checked with an explicit stack; the "
        "scrubber and the journal walk without recursion; the boundary is checked before the parser is built; "
        "lone surrogates are refused at parsing",
        (
            f"{_HOSTILE}::test_json_python_accepts_but_json_does_not_is_a_typed_400_and_the_journal_stays_readable",
            f"{_HOSTILE}::test_a_multipart_boundary_over_256_characters_is_a_400",
            f"{_HOSTILE}::test_deeply_nested_json_posted_to_the_faults_endpoint_is_a_400",
        ),
    ),
    Fix(
        17,
        "faults accepted (201) that broke the next API request with a 500: `headers` not a string map, "
        "`content_type: 5`, CRLF in a header value, an `override` body with NaN, `latency` of 1e9 s or NaN, "
        "negative intervals",
        "`Fault` validates every parameter when it is built, so the header, `POST /__mock__/faults` and "
        "`mock.add_fault` all refuse them (400 `invalid_fault` / `FaultError`)",
        (
            f"{_HOSTILE}::test_a_fault_that_would_break_the_next_answer_is_refused_when_armed",
            f"{_HOSTILE}::test_the_same_faults_are_refused_from_python_and_from_the_header",
        ),
    ),
    Fix(
        18,
        "the server never timed out half-sent requests: 200 slowloris connections stayed open indefinitely",
        "a deadline on request heads (`header_timeout`, 10 s) and bodies (`body_timeout`, 120 s), answered 408; "
        "a connection cap (`max_connections`, 4096) answered 503; oversized heads 431; all in the error shape",
        (
            f"{_HOSTILE}::test_half_sent_request_heads_get_a_408_and_are_closed",
            f"{_HOSTILE}::test_a_body_that_stops_arriving_gets_a_408_and_is_closed",
            f"{_HOSTILE}::test_a_request_head_over_the_bound_is_a_431_and_a_malformed_one_a_400",
            f"{_HOSTILE}::test_connections_beyond_the_cap_get_a_503_in_the_error_shape",
        ),
    ),
    Fix(
        19,
        "the journal kept every text field and whole JSON bodies: one request of 255 x 1 MB text parts kept "
        "312 MiB until cleared",
        "per value (`journal_value_bytes`, 256 KiB) and per entry (`journal_entry_bytes`, 1 MiB) bounds past "
        "which a value is kept as its sha256 and length; the journal is a ring of `journal_bytes` (64 MiB) that "
        "counts what it dropped",
        (
            f"{_HOSTILE}::test_an_entry_keeps_digests_and_lengths_past_its_bounds",
            f"{_HOSTILE}::test_the_journal_is_a_ring_that_counts_what_it_dropped",
        ),
    ),
    Fix(
        20,
        "(mock side) 204 and 304 answers, from a `status` or `override` fault, carried a body and a "
        'Content-Length (h11: "Too much data for declared Content-Length", the connection broken)',
        "`wire.deliver` sends no body on 204 and 304, and no Content-Length there; nor on HEAD (which uvicorn "
        "already stripped: the mock no longer relies on it)",
        (f"{_HOSTILE}::test_head_204_and_304_answers_carry_no_body_and_the_connection_stays_usable",),
    ),
)


def render() -> str:
    """The markdown table docs/reliability.md publishes."""
    lines = ["| item | bug | fix | tests |", "|---|---|---|---|"]
    for fix in sorted(FIXES, key=lambda f: f.item):
        tests = "<br>".join(f"`{test.rsplit('::', 1)[1]}`" for test in fix.tests)
        lines.append(f"| {fix.item} | {fix.bug} | {fix.fix} | {tests} |")
    return "\n".join(lines)
