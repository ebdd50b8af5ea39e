"""The bugs of issue 15 ("Reliability and security, round 2") fixed so far, each with the tests that prove it.

Each test named here failed before its fix (checked by running it against the code without the fix).

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
_INPUTS = "tests/reliability/test_facade_hostile_inputs.py"
_DEADLINE = "tests/reliability/test_facade_deadline.py"
_MASKING = "tests/reliability/test_facade_key_masking.py"
_ANSWERS = "tests/reliability/test_facade_hostile_answers.py"
_SAVING = "tests/cli/test_saving.py"

FIXES: tuple[Fix, ...] = (
    Fix(
        1,
        "an answer whose `data` items share an `index` (schema-valid) made `save_all` return one name twice and "
        "keep one file; `deepshi edit`/`generate` and `deepshi batch` named files the same way",
        "`deepshi._filenames.image_labels` gives a repeated index `-2`, `-3`... (`0.png`, `0-2.jpg`); `save_all`, "
        "the CLI and the batch (and its done-marker) all name files with it",
        (
            f"{_SAVING}::test_save_all_keeps_every_image_when_indexes_repeat",
            f"{_SAVING}::test_edit_and_generate_keep_every_image_when_indexes_repeat",
            f"{_SAVING}::test_batch_keeps_every_image_when_indexes_repeat",
        ),
    ),
    Fix(
        2,
        "two batch lines with the same `name` (or a `name` equal to another line's default) were both sent and "
        "billed, and one result kept",
        "a first streaming pass over the manifest finds the duplicated output names and the batch refuses to start "
        "(exit 2, one line naming both lines); nothing is sent",
        (f"{_SAVING}::test_duplicate_batch_names_are_refused_before_anything_is_sent",),
    ),
    Fix(
        3,
        "`deepshi edit`/`generate` with an output folder that cannot be created or written (`-o /proc/x`, a file) "
        "sent and paid for the request, then failed with a raw `FileNotFoundError`/`PermissionError`; the image "
        "was lost",
        "every command creates its output folder and writes and removes a probe file in it before sending (a "
        "one-line usage error, exit 2, otherwise); if saving still fails after the answer arrived, the images go "
        "to a new `deepshi-unsaved-*` folder in the temporary directory, named on the error line (batch: in the "
        "line's failure)",
        (
            f"{_SAVING}::test_edit_and_generate_refuse_an_unwritable_folder_before_sending",
            f"{_SAVING}::test_batch_and_demo_refuse_an_unwritable_folder_before_sending",
            f"{_SAVING}::test_when_saving_fails_after_the_answer_the_images_go_to_a_named_fallback",
            f"{_SAVING}::test_a_batch_line_whose_images_cannot_be_saved_names_its_fallback",
        ),
    ),
    Fix(
        4,
        "a SIGKILL during `GeneratedImage.save()` left a `.NAME.<hex>.tmp` that nothing cleaned; the facade, the "
        "CLI and record mode each had their own atomic writer with its own temporary names",
        "one helper, `deepshi._atomic`, with one pattern `.NAME.<pid>.<hex>.deepshi-tmp`; every command sweeps "
        "the folder it writes into of the temporaries whose writer process is gone (a live writer's are kept)",
        (
            "tests/test_atomic.py::test_a_save_killed_with_sigkill_leaves_a_temporary_the_cli_sweeps",
            "tests/test_atomic.py::test_the_sweep_removes_only_temporaries_whose_writer_is_gone",
            "tests/test_atomic.py::test_every_writer_of_the_package_uses_the_one_helper",
        ),
    ),
    Fix(
        10,
        "the CLI masked only `sk-bf-` shaped keys and the key exactly as given: a key of another shape was printed "
        "when a message quoted it otherwise (the header's repr without the key's newline, URL-encoded, in base64, "
        "`\\u`-escaped), on the error line and in `--debug`",
        "`cli.errors.Redactor` masks the configured keys (`--api-key`, before or after the command, and "
        "`$DEEPSHI_API_KEY`) as given and stripped, in repr, JSON, `\\u`, URL and base64 forms, in error lines, "
        "usage errors, tracebacks and logs",
        (
            "tests/cli/test_key_masking.py::test_no_form_of_an_odd_shaped_key_is_printed_even_with_debug",
            "tests/cli/test_key_masking.py::test_a_key_read_from_a_file_with_its_newline_is_never_printed",
        ),
    ),
    Fix(
        5,
        "an image path naming a FIFO blocked forever before anything was sent (in `AsyncDeepshi`, the whole event "
        "loop and every other call); a pipe path (`/dev/fd/N`, `<(cat a.png)`) passed the type check, which "
        "drained it, and an empty file was uploaded",
        "decided: a path must name a regular file. It is opened with `O_NONBLOCK` and checked with `fstat` on the "
        "open descriptor, so a FIFO, pipe, device or socket is refused at once (`InvalidRequestError` naming the "
        "image) without a byte read; streams are passed as bytes or file objects instead (docs/usage.md, Inputs)",
        (
            f"{_INPUTS}::test_a_fifo_path_is_refused_at_once_and_nothing_is_sent",
            f"{_INPUTS}::test_a_pipe_path_is_refused_without_draining_it",
            f"{_INPUTS}::test_a_device_path_is_refused",
            f"{_INPUTS}::test_a_fifo_in_one_async_call_blocks_neither_the_loop_nor_the_others",
            f"{_INPUTS}::test_a_fifo_line_of_deepshi_batch_fails_alone_and_blocks_no_other_line",
        ),
    ),
    Fix(
        6,
        "no call had an overall deadline: an SSE answer of keepalives only, or a JSON body dripped one byte at a "
        "time, never ended under `timeout=2` (httpx's timeout bounds each read alone)",
        "`total_timeout` (client and per-call option, in the rendered surface): one deadline per call on the "
        "client's clock; each attempt's timeout capped at the time left, no retry wait past it, the upload and "
        "the answer checked at every chunk, streams until their terminal event; `APITimeoutError`, not retried",
        (
            f"{_DEADLINE}::test_an_answer_that_keeps_dripping_ends_at_the_total_timeout",
            f"{_DEADLINE}::test_an_upload_the_server_reads_slowly_ends_at_the_total_timeout",
            f"{_DEADLINE}::test_a_retry_whose_wait_would_pass_the_deadline_is_not_taken",
            f"{_DEADLINE}::test_each_attempt_waits_no_longer_than_the_time_left",
            f"{_DEADLINE}::test_the_preflight_catalog_fetch_counts_against_the_deadline",
        ),
    ),
    Fix(
        7,
        'a key with a trailing CR/LF failed only when sent, as `APIConnectionError("Illegal header value '
        "b'Bearer sk-bf-...\\\\n'\")` quoting the key, after two useless retries; a non-ASCII key raised a bare "
        "`UnicodeEncodeError` whose repr carried it",
        "the key is checked when the client is built (constructor, `$DEEPSHI_API_KEY`, `with_options`): a line "
        'break, a control or non-ASCII character or surrounding whitespace is `InvalidRequestError(param="api_key")`, '
        "whose message names the problem and quotes none of the key",
        (f"{_MASKING}::test_a_key_that_cannot_be_sent_is_refused_when_the_client_is_built",),
    ),
    Fix(
        8,
        "a 401 body quoting the key JSON-escaped (`\\u0073k-bf-...`) was masked before it was decoded, so "
        "`str(exc)` and `exc.body` held the plain key; the stream's completed-event validation message was not "
        "masked at all",
        "masking runs after decoding, on every string of a decoded body (object keys included) and on every "
        "message, with a redactor that finds the client's key as is, `\\u`-escaped, URL-encoded and in base64; "
        "stream events, error events and transport errors go through it too",
        (
            f"{_MASKING}::test_a_key_the_server_quotes_back_in_any_encoding_is_masked",
            f"{_MASKING}::test_stream_events_that_quote_the_key_are_masked",
        ),
    ),
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
        11,
        "a lone surrogate in `prompt` or an `extra_body` key raised a bare `UnicodeEncodeError`, NaN or infinity in "
        "`extra_body` a bare `ValueError` from httpx (or went out as `nan` in multipart), a NUL in an image path "
        "`ValueError: embedded null byte`",
        "every field and `extra_body` value is checked the way the encoder will see it (strict JSON, UTF-8, no "
        "NaN, bounded nesting), paths for NUL, headers for ASCII, file names for surrogates: `InvalidRequestError` "
        "naming the argument before anything is sent; a file name that is not UTF-8 on disk is sent with its "
        "undecodable bytes replaced",
        (
            f"{_INPUTS}::test_what_cannot_be_sent_is_refused_typed_before_anything_is_sent",
            f"{_INPUTS}::test_a_file_name_that_is_not_utf8_on_disk_is_still_sent",
        ),
    ),
    Fix(
        12,
        "a file that grew or shrank while it was uploaded raised h11's raw `LocalProtocolError` (\"Too much data "
        'for declared Content-Length")',
        "uploads go through a reader held to the size measured when the file was opened: a file that ends early "
        "or has more is `InvalidRequestError` naming the image (the request is abandoned before it is complete), "
        "not retried",
        (f"{_INPUTS}::test_a_file_that_changes_during_its_upload_is_a_typed_error",),
    ),
    Fix(
        13,
        "a `Retry-After` HTTP date with an out-of-range year raised a bare `ValueError` from the retry policy, "
        "and the `RateLimitError` was lost",
        "a date no calendar holds is ignored like any unreadable `Retry-After` (the usual backoff applies); a "
        "property test feeds the parser arbitrary text and date-shaped strings",
        (
            f"{_ANSWERS}::test_a_retry_after_date_no_calendar_holds_keeps_the_rate_limit_error",
            f"{_ANSWERS}::test_no_retry_after_value_raises_anything_but_gives_a_finite_delay_or_none",
        ),
    ),
    Fix(
        14,
        "a gzip-encoded answer of 600 KiB that inflated to 600 MiB raised the client's peak RSS by 1.8 GiB and was "
        "returned",
        "`max_answer_bytes` (default 512 MiB, pinned against the spec's 4 images of the worst size): what each raw "
        "chunk inflates to is counted in 64 KiB steps before httpx decodes it, and an encoded JSON answer is held "
        "compressed until counted; past it `APIResponseValidationError` (an error status keeps its class); `br` "
        "and `zstd`, which cannot be bounded, are refused",
        (
            f"{_ANSWERS}::test_a_gzip_bomb_fails_past_max_answer_bytes_without_inflating_in_memory",
            f"{_ANSWERS}::test_an_answer_over_max_answer_bytes_fails_typed_in_every_coding",
            f"{_ANSWERS}::test_a_stream_over_max_answer_bytes_fails_typed",
            f"{_ANSWERS}::test_the_default_max_answer_bytes_is_well_above_the_largest_real_answer",
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
    Fix(
        20,
        "(facade side) a `data:text/html` URL was accepted as an image and saved as `.html`; a 20-byte truncated "
        "PNG was accepted as a result",
        "decided: a returned image is accepted only when its decoded bytes are a complete PNG, JPEG or WebP (the "
        "spec's output formats): the type sniffed from the bytes, the format's framing checked to its end (PNG "
        "chunks to `IEND`, the JPEG end marker, the WebP RIFF size); a `data:` URL must declare an `image/` type; "
        "anything else is `APIResponseValidationError`",
        (
            f"{_ANSWERS}::test_an_answer_whose_image_is_not_a_complete_image_is_not_a_result",
            f"{_ANSWERS}::test_complete_images_of_each_type_are_results_whatever_the_data_url_declares",
        ),
    ),
)


def render() -> str:
    """The markdown table docs/reliability.md publishes."""
    lines = ["| item | bug | fix | tests |", "|---|---|---|---|"]
    for fix in sorted(FIXES, key=lambda f: f.item):
        tests = "<br>".join(f"`{test.rsplit('::', 1)[1]}`" for test in fix.tests)
        lines.append(f"| {fix.item} | {fix.bug} | {fix.fix} | {tests} |")
    return "\n".join(lines)
