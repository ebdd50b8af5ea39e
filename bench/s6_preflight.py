"""Scenario 6: the cost of the model-aware preflight (``validate=True``, catalog cached) per call;
and target P6, the README test command's wall time (given with ``--test-seconds`` or measured
with ``--time-tests``)."""

from __future__ import annotations

from deepshi._preflight import check_model, check_spec
from deepshi.resources.images import EDIT_IMAGE

from . import clients
from .config import MODEL
from .context import Context
from .fixtures import UPLOAD
from .results import RAW, Row, Scenario, Target, timing_row, with_ratios
from .stats import interleaved, micro_us

ON = "deepshi, validate=True"
OFF = "deepshi, validate=False"
BUDGET = 300.0
"""The README test command's budget in seconds (5 minutes)."""


def run(ctx: Context) -> Scenario:
    image = ctx.payloads.tiny_input_path.read_bytes()
    form = clients.edit_form(UPLOAD)
    with clients.deepshi(ctx.mock) as ours, clients.raw_sync(ctx.mock) as raw:
        info = ours.models.list().get(MODEL)
        assert info is not None

        def call(validate: bool) -> bytes:
            return ours.images.edit(model=MODEL, prompt=UPLOAD, image=image, validate=validate).images[0].data

        def call_raw() -> bytes:
            files = [("image[]", ("input.png", image, "image/png"))]
            return clients.raw_images(raw.post("/v1/images/edits", data=form, files=files))[0]

        samples = interleaved(
            {ON: lambda: call(True), OFF: lambda: call(False), RAW: call_raw},
            iterations=ctx.sizes.p6_iterations,
            warmup=3,
        )
    rows = with_ratios([timing_row(name, seconds) for name, seconds in samples.items()], openai="")
    fields = {"model": MODEL, "prompt": UPLOAD}
    model_us = micro_us(lambda: check_model(EDIT_IMAGE, fields, 1, info), 2000)
    spec_us = micro_us(lambda: check_spec(EDIT_IMAGE, fields, 1), 2000)
    rows.append(Row("model check alone (check_model)", "µs", model_us, note="what validate=True adds, catalog cached"))
    rows.append(
        Row(
            "spec check alone (check_spec, always on)",
            "µs",
            spec_us,
            note="jsonschema-rs (deepshi[speed]) on the request fields",
        )
    )
    delta = rows[0].median - rows[1].median
    scenario = Scenario(
        key="P6",
        title="Preflight: validate on vs off",
        how=(
            f"A tiny edit (a {len(image)}-byte PNG in and out) so the client's own work shows; "
            f"{ctx.sizes.p6_iterations} calls per variant, interleaved, catalog fetched beforehand. "
            "The last two rows time the checks alone in-process."
        ),
        rows=rows,
        notes=[
            f"validate=True costs {delta * 1e3:+.0f} µs per call end to end (the medians' difference; noise is larger)."
        ],
    )
    if ctx.test_seconds is None:
        measured, met = "not measured (pass --test-seconds or --time-tests)", None
    else:
        measured = f"{ctx.test_seconds:.0f} s ({ctx.test_seconds_source})"
        met = ctx.test_seconds <= BUDGET
    scenario.targets.append(Target("P6", "README test command ≤ 5 min", measured, met))
    return scenario
