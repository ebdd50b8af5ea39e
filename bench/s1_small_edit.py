"""Scenario 1: wall time of one small edit (one input image, one ~1 MB base64 image back)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from deepshi import _json, _spec
from deepshi._results import images_result
from deepshi.resources.images import _edit_plan
from deepshi_openapi.api.images import edit_image

from . import clients
from .config import MODEL
from .context import Context
from .fallbacks import without_speed_extra
from .fixtures import SMALL_EDIT
from .results import OPENAI, RAW, Row, Scenario, Target, advantage, timing_row, with_ratios
from .stats import interleaved, micro_us

DEEPSHI = "deepshi"
FALLBACK = "deepshi without deepshi[speed] (stdlib JSON and base64, openapi-schema-validator)"
RAW_FAST = "httpx (raw) with msgspec instead of json"
PLAN = "plan: spec check of the arguments + image sniffing"
CHECK = "answer checked against the spec (jsonschema-rs)"
CHECK_FALLBACK = "same check with openapi-schema-validator (without deepshi[speed])"
DECODE = "one decode of the answer, msgspec (deepshi)"
PARSE = "one json.loads of the answer (raw httpx)"
MODELS = "the generated parse_document on the decoded answer"
RESULT = "result: image decoded (pybase64) and checked complete, result objects"


def own_work(image: bytes, body: bytes) -> dict[str, float]:
    """µs per call of the steps of a deepshi call, timed in-process (raw httpx does only the JSON and base64 ones).

    These call facade internals on purpose (the smoke test notices if they move).
    """
    document: Any = json.loads(body)
    check = _spec.validator("ImagesResponse")
    response = httpx.Response(200, content=body, headers={"content-type": "application/json"})
    parsed = edit_image.parse_document(status_code=200, document=document)
    return {
        PLAN: micro_us(lambda: _edit_plan(model=MODEL, prompt=SMALL_EDIT, image=image)),
        CHECK: micro_us(lambda: list(check.iter_errors(document)), 500),
        CHECK_FALLBACK: micro_us(lambda: list(check.interpreted.iter_errors(document)), 50),
        DECODE: micro_us(lambda: _json.loads(body), 50),
        PARSE: micro_us(lambda: json.loads(body), 50),
        MODELS: micro_us(lambda: edit_image.parse_document(status_code=200, document=document), 200),
        RESULT: micro_us(lambda: images_result(parsed, response), 50),  # type: ignore[arg-type]
    }


def run(ctx: Context) -> Scenario:
    image = ctx.payloads.small_input
    form = clients.edit_form(SMALL_EDIT)
    files = [("image[]", ("input.png", image, "image/png"))]
    with clients.deepshi(ctx.mock) as facade, clients.openai_sync(ctx.mock) as sdk, clients.raw_sync(ctx.mock) as raw:

        def call_deepshi() -> bytes:
            return facade.images.edit(model=MODEL, prompt=SMALL_EDIT, image=image).images[0].data

        def call_fallback() -> bytes:
            with without_speed_extra():
                return call_deepshi()

        def call_openai() -> bytes:
            answer = sdk.images.edit(model=MODEL, prompt=SMALL_EDIT, image=files[0][1])
            return clients.openai_images(answer)[0]

        def call_raw() -> bytes:
            return clients.raw_images(raw.post("/v1/images/edits", data=form, files=files))[0]

        def call_raw_fast() -> bytes:
            response = raw.post("/v1/images/edits", data=form, files=files)
            return clients.raw_images(response, parse=_json.loads)[0]

        cases = {DEEPSHI: call_deepshi, OPENAI: call_openai, RAW: call_raw, RAW_FAST: call_raw_fast}
        cases[FALLBACK] = call_fallback
        outputs = {name: call() for name, call in cases.items()}
        if len(set(outputs.values())) != 1:
            raise AssertionError("scenario 1: the clients decoded different images")
        samples = interleaved(cases, iterations=ctx.sizes.p1_iterations, warmup=3)
        body = raw.post("/v1/images/edits", data=form, files=files).content
    rows = with_ratios([timing_row(name, seconds) for name, seconds in samples.items()])
    steps = own_work(image, body)
    rows += [Row(f"  deepshi step: {name}", "µs", value) for name, value in steps.items()]
    by_label = {row.label: row for row in rows}
    ours, raw_row = by_label[DEEPSHI], by_label[RAW]
    assert ours.ratio_raw is not None
    assert ours.ratio_openai is not None
    scenario = Scenario(
        key="P1",
        title="Small edit: wall time per call",
        how=(
            f"One {len(image) // 1024} KiB PNG in, one {len(outputs[DEEPSHI]) // 1024} KiB PNG back as base64 "
            f"({len(body) / 2**20:.2f} MB of JSON); {ctx.sizes.p1_iterations} calls per client, interleaved, "
            "on one kept-alive connection, after 3 warm-up calls (deepshi's model catalog cached). "
            "Each client ends with the decoded image bytes. Raw httpx, the floor, is hand-written httpx + "
            "`json` + `pybase64`; the row with msgspec shows that floor moved. The step rows time, in-process, "
            "the steps of a deepshi call."
        ),
        rows=rows,
        chart={"advantage": advantage(ours)},
    )
    gap_us = (ours.median - raw_row.median) * 1e3
    own = steps[PLAN] + steps[CHECK] + steps[MODELS] + steps[RESULT]
    saved = steps[PARSE] - steps[DECODE]
    scenario.targets.append(
        Target(
            "P1",
            "≤ 1.05× raw httpx (httpx + json + pybase64) and ≤ 0.6× openai SDK (median)",
            f"{ours.ratio_raw:.2f}× raw, {ours.ratio_openai:.2f}× openai",
            ours.ratio_raw <= 1.05 and ours.ratio_openai <= 0.6,
            limit=(
                f"deepshi takes {gap_us:+.0f} µs against raw httpx's {raw_row.median:.2f} ms loopback call "
                f"({ours.ratio_raw:.2f}×) and the openai SDK takes {by_label[OPENAI].median:.2f} ms. Step rows: "
                f"{steps[PLAN]:.0f} µs to plan, {steps[CHECK]:.1f} µs to check the answer (jsonschema-rs; "
                f"openapi-schema-validator: {steps[CHECK_FALLBACK]:.0f} µs), {steps[MODELS]:.0f} µs for the generated "
                f"models and {steps[RESULT]:.0f} µs for the result (the image's decode and completeness check, which "
                f"raw httpx also decodes): {own:.0f} µs in all, while decoding the answer with msgspec saves "
                f"{saved:.0f} µs over raw httpx's json.loads. The remaining {gap_us - own + saved:+.0f} µs are the "
                "facade's request building and reading (its generated build_request, the answer read through its "
                "deadline and size bounds), which raw httpx does not do, plus this run's noise; the p95 column "
                "shows how wide it is."
            ),
        )
    )
    return scenario
