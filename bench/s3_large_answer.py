"""Scenario 3: an answer with 4 × 25 MB base64 images, from the socket to decoded bytes.

deepshi with pybase64 (as installed) and with the standard-library fallback (the decoder it uses
when pybase64 is absent, swapped in for those calls), the openai SDK + ``base64.b64decode``, and
raw httpx + pybase64; then the decode step alone against ``pybase64.b64decode`` (the floor); then
each client's peak RSS growth for one such answer, in a fresh process (:mod:`bench.answer_rss_child`),
against the decoded size, and the peak after each step of deepshi's pipeline done by hand.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Callable

from deepshi import _base64

from . import clients
from .config import MODEL, ROOT, MiB
from .context import Context
from .fallbacks import stdlib_base64
from .fixtures import LARGE
from .results import OPENAI, RAW, Row, Scenario, Target, advantage, timing_row, with_ratios
from .stats import interleaved, median

DEEPSHI = "deepshi (pybase64)"
DEEPSHI_STDLIB = "deepshi (stdlib base64)"
FLOOR = "pybase64.b64decode (floor)"
STDLIB = "base64.b64decode (openai users)"
BYTES_ONLY = "httpx (raw), body bytes only: no JSON, no decode"


RSS_CLIENTS = {"deepshi": "deepshi (pybase64)", "openai": "openai SDK", "httpx": "httpx (raw)"}
STEPS = {
    "read": "after the body is read (httpx: the chunks, then their join)",
    "parsed": "after the JSON decode (msgspec: the base64 strings)",
    "decoded": "after the base64 decode (the images)",
}


def _child(ctx: Context, client: str) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.answer_rss_child", client, ctx.mock.url, ctx.mock.api_key]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"scenario 3 memory child {client} failed:\n{done.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _rss_rows(ctx: Context) -> tuple[list[Row], dict[str, float]]:
    """Peak RSS growth per client (one answer, fresh process), and deepshi's pipeline step by step."""
    rows = []
    ratios: dict[str, float] = {}
    for client, label in RSS_CLIENTS.items():
        figures = _child(ctx, client)
        ratios[client] = figures["growth"] / figures["decoded"]
        rows.append(
            Row(
                f"peak RSS growth: {label}",
                "MB",
                figures["growth"] / MiB,
                note=f"{ratios[client]:.2f}× the decoded {figures['decoded'] / MiB:.1f} MB",
            )
        )
    steps = _child(ctx, "steps")
    for key, label in STEPS.items():
        rows.append(
            Row(
                f"  deepshi step: peak RSS growth {label}",
                "MB",
                steps[key] / MiB,
                note=f"{steps[key] / steps['images']:.2f}× decoded; body {steps['body'] / MiB:.1f} MB",
            )
        )
    ratios["body"] = steps["body"] / steps["images"]
    ratios["read"] = steps["read"] / steps["images"]
    return rows, ratios


def _decode_rows(text: str, iterations: int) -> list[Row]:
    import pybase64

    cases: dict[str, Callable[[], object]] = {
        f"deepshi decode ({_base64.BACKEND})": lambda: _base64.b64decode(text),
        "deepshi decode (stdlib fallback)": lambda: _base64.stdlib_b64decode(text),
        STDLIB: lambda: base64.b64decode(text),
        FLOOR: lambda: pybase64.b64decode(text, validate=True),
    }
    samples = interleaved(cases, iterations=iterations)
    rows = [
        timing_row(name, seconds, f"{len(text) / MiB / median(seconds):,.0f} MB/s") for name, seconds in samples.items()
    ]
    return with_ratios(rows, raw=FLOOR, openai=STDLIB)


def run(ctx: Context) -> Scenario:
    with clients.deepshi(ctx.mock) as facade, clients.openai_sync(ctx.mock) as sdk, clients.raw_sync(ctx.mock) as raw:

        def call_deepshi() -> list[bytes]:
            return [image.data for image in facade.images.generate(model=MODEL, prompt=LARGE).images]

        def call_deepshi_stdlib() -> list[bytes]:
            with stdlib_base64():
                return call_deepshi()

        def call_openai() -> list[bytes]:
            return clients.openai_images(sdk.images.generate(model=MODEL, prompt=LARGE))

        def call_raw() -> list[bytes]:
            return clients.raw_images(raw.post("/v1/images/generations", json={"model": MODEL, "prompt": LARGE}))

        def call_bytes_only() -> list[bytes]:
            response = raw.post("/v1/images/generations", json={"model": MODEL, "prompt": LARGE})
            return [response.raise_for_status().content]

        cases: dict[str, Callable[[], list[bytes]]] = {
            DEEPSHI: call_deepshi,
            DEEPSHI_STDLIB: call_deepshi_stdlib,
            OPENAI: call_openai,
            RAW: call_raw,
        }
        outputs = {name: call() for name, call in cases.items()}
        cases[BYTES_ONLY] = call_bytes_only
        if len({tuple(images) for images in outputs.values()}) != 1:
            raise AssertionError("scenario 3: the clients decoded different images")
        samples = interleaved(cases, iterations=ctx.sizes.p3_iterations, collect=True)
        text = raw.post("/v1/images/generations", json={"model": MODEL, "prompt": LARGE}).json()["data"][0]["b64_json"]
    rows = with_ratios([timing_row(name, seconds) for name, seconds in samples.items()])
    decode = _decode_rows(text, max(5, ctx.sizes.p3_iterations))
    ours = rows[0]
    images = outputs[DEEPSHI]
    scenario = Scenario(
        key="P3",
        title="Large answer: socket to decoded bytes",
        how=(
            f"`images.generate` answered with {len(images)} images of {len(text) / MiB:.1f} MB of base64 each "
            f"({len(images) * len(text) / MiB:.0f} MB of JSON; {len(images[0]) / MiB:.1f} MB decoded each); "
            f"{ctx.sizes.p3_iterations} calls per client, interleaved, garbage collected before each. The decode rows "
            f"time one {len(text) / MiB:.1f} MB base64 string (a `str`, as `json.loads` gives it). Memory rows: one "
            "answer per client in a fresh process, after a warm-up call; growth = peak RSS (VmHWM, reset just "
            "before) - RSS before."
        ),
        rows=rows + decode,
        chart={"advantage": advantage(ours)},
    )
    assert ours.ratio_openai is not None
    by_label = {row.label: row for row in rows + decode}
    raw_ms, openai_ms, bytes_ms = by_label[RAW].median, by_label[OPENAI].median, by_label[BYTES_ONLY].median
    rss_rows, rss = _rss_rows(ctx)
    scenario.rows += rss_rows
    faster, floor = 1 / ours.ratio_openai, ours.ratio_raw or 0.0
    scenario.targets.append(
        Target(
            "P3",
            "≥ 2× faster than openai SDK + b64decode; ≤ 1.0× the raw-httpx floor; peak RSS ≤ 1.3× the decoded size",
            f"{faster:.2f}× faster than openai; {floor:.2f}× the floor; peak RSS {rss['deepshi']:.2f}× decoded",
            faster >= 2 and floor <= 1.0 and rss["deepshi"] <= 1.3,
            limit=(
                f"Time: deepshi {ours.median:.0f} ms, the openai SDK {openai_ms:.0f} ms, raw httpx + json + pybase64 "
                f"{raw_ms:.0f} ms; moving the {len(images) * len(text) / MiB:.0f} MB answer from the socket into one "
                f"bytes object alone takes {bytes_ms:.0f} ms (row 'body bytes only'). Memory: the answer's body alone "
                f"is {rss['body']:.2f}× the decoded size (base64 is 4/3 of it), so any client that holds the body "
                "before parsing it is above 1.3×; httpx's read holds the chunks and their join at once "
                f"({rss['read']:.2f}× decoded, step row), the JSON decode makes the base64 strings and the decode the "
                "images. Meeting 1.3× takes decoding the base64 as it streams from the socket (an incremental JSON "
                "reader handing each string's chunks to the decoder), which no client here does."
            ),
        )
    )
    return scenario
