"""Answers: every model and operation, real images of the claimed size and format, usage and cost."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_schema_validator import OAS31Validator
from PIL import Image
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from deepshi import _spec
from deepshi.mock import MockServer
from deepshi.mock.spec import Spec
from tests.images import png_bytes

from .conftest import IMAGE_OPERATIONS, post_form

SPEC = Spec.shipped().document
REGISTRY: Registry[Any] = Registry().with_resource("urn:spec", DRAFT202012.create_resource(SPEC))
CATALOG_IDS = [
    "deepshi-banana-pro",
    "deepshi-image-1",
    "flux-2-pro",
    "nano-banana-2",
    "nano-banana-pro",
    "grok-imagine",
    "grok-imagine-quality",
    "seedream-4.5",
    "gpt-image-2",
    "gpt-image-1.5",
]


def conforms(body: Any, schema: str) -> None:
    OAS31Validator({"$ref": f"urn:spec#/components/schemas/{schema}"}, registry=REGISTRY).validate(body)


def decode(item: dict[str, Any]) -> bytes:
    if "url" in item:
        head, _, payload = item["url"].partition(",")
        assert head.startswith("data:image/")
        assert head.endswith(";base64")
        return base64.b64decode(payload)
    return base64.b64decode(item["b64_json"])


def images_of(body: dict[str, Any]) -> list[Image.Image]:
    return [Image.open(io.BytesIO(decode(item))) for item in body["data"]]


def test_the_catalog_lists_every_model_and_conforms(api: httpx.Client) -> None:
    response = api.get("/models")

    assert response.status_code == 200
    body = response.json()
    conforms(body, "ModelList")
    assert [m["id"] for m in body["data"]] == CATALOG_IDS
    by_id = {m["id"]: m for m in body["data"]}
    assert by_id["deepshi-image-1"]["edit"] == {"supported": True, "max_images": 5}
    assert by_id["deepshi-image-1"]["parameters"]["n"]["allowed_values"] == [1]
    assert by_id["nano-banana-2"]["edit"]["max_images"] == 14
    # The shipped catalog exercises every sizing style the spec describes ("`style` (`field`...)").
    described = _spec.component("Model")["properties"]["sizing_style"]["description"]
    assert {m["sizing_style"] for m in body["data"]} == set(re.findall(r"`([a-z_]+)` \(", described))


@pytest.mark.parametrize("model", CATALOG_IDS)
@pytest.mark.parametrize("operation", IMAGE_OPERATIONS)
def test_every_model_answers_both_operations(api: httpx.Client, model: str, operation: str) -> None:
    if operation == "createImage":
        response = api.post("/images/generations", json={"model": model, "prompt": "a cat"})
    else:
        response = post_form(
            api, [("model", model), ("prompt", "a cat"), ("image", ("a.png", png_bytes(), "image/png"))]
        )

    assert response.status_code == 200, response.text
    assert response.headers["x-deepshi-mock-match"] == "template"
    body = response.json()
    conforms(body, "ImagesResponse")
    assert body["model"] == model
    [image] = images_of(body)
    assert f"{image.width}x{image.height}" == body["size"]
    assert body["usage"]["cost"]["total_cost"] > 0


@pytest.mark.parametrize(
    ("request_body", "size", "pil_format"),
    [
        ({"model": "deepshi-banana-pro"}, "1024x1024", "PNG"),
        ({"model": "deepshi-banana-pro", "width": 512, "height": 768}, "512x768", "PNG"),
        ({"model": "deepshi-image-1", "image_size": "1536x1024", "output_format": "webp"}, "1536x1024", "WEBP"),
        ({"model": "flux-2-pro", "width": 640}, "640x1024", "JPEG"),
        ({"model": "nano-banana-2"}, "1024x1024", "PNG"),
        ({"model": "nano-banana-2", "aspect_ratio": "16:9", "resolution": "2K"}, "2048x1152", "PNG"),
        ({"model": "nano-banana-2", "aspect_ratio": "9:16", "output_format": "jpeg"}, "576x1024", "JPEG"),
        ({"model": "nano-banana-2", "aspect_ratio": "21:9"}, "1024x440", "PNG"),
        ({"model": "nano-banana-pro", "aspect_ratio": "4:3"}, "1024x768", "PNG"),
        ({"model": "grok-imagine", "aspect_ratio": "3:2"}, "1024x680", "JPEG"),
        ({"model": "grok-imagine-quality", "resolution": "2K", "output_format": "png"}, "2048x2048", "PNG"),
        ({"model": "seedream-4.5"}, "2048x2048", "JPEG"),
        ({"model": "seedream-4.5", "image_size": "2560x1440", "output_format": "webp"}, "2560x1440", "WEBP"),
        ({"model": "gpt-image-2"}, "1024x1024", "PNG"),
        ({"model": "gpt-image-1.5", "image_size": "1024x1536"}, "1024x1536", "PNG"),
    ],
)
def test_images_have_the_size_they_claim_in_the_format_asked(
    api: httpx.Client, request_body: dict[str, Any], size: str, pil_format: str
) -> None:
    body = api.post("/images/generations", json={"prompt": "x", **request_body}).json()

    assert body["size"] == size
    [image] = images_of(body)
    assert (f"{image.width}x{image.height}", image.format) == (size, pil_format)


def test_n_images_for_n_with_usage_scaled(api: httpx.Client) -> None:
    one = api.post("/images/generations", json={"model": "nano-banana-2", "prompt": "x", "resolution": "2K"}).json()
    three = api.post(
        "/images/generations", json={"model": "nano-banana-2", "prompt": "x", "resolution": "2K", "n": 3}
    ).json()

    assert [d["index"] for d in three["data"]] == [0, 1, 2]
    raw = [decode(d) for d in three["data"]]
    assert len(set(raw)) == 3
    assert all(f"{i.width}x{i.height}" == three["size"] for i in images_of(three))
    assert one["usage"]["cost"]["total_cost"] == 0.134
    assert three["usage"]["cost"]["total_cost"] == pytest.approx(0.402)
    assert three["usage"]["completion_tokens"] == 3 * one["usage"]["completion_tokens"]
    assert (
        three["usage"]["prompt_tokens_details"]["image_tokens"]
        == 3 * one["usage"]["prompt_tokens_details"]["image_tokens"]
    )


def test_url_format_is_an_inline_data_uri(api: httpx.Client) -> None:
    body = api.post(
        "/images/generations",
        json={
            "model": "gpt-image-2",
            "prompt": "x",
            "response_format": "url",
            "output_format": "webp",
            "quality": "high",
        },
    ).json()

    [item] = body["data"]
    assert "b64_json" not in item
    assert item["url"].startswith("data:image/webp;base64,")
    assert Image.open(io.BytesIO(decode(item))).format == "WEBP"
    assert item["revised_prompt"] == "x, in soft natural light"
    assert body["usage"]["cost"]["total_cost"] == 0.167


@pytest.mark.parametrize(("quality", "cost"), [("low", 0.011), ("medium", 0.042), ("high", 0.167)])
def test_price_follows_the_quality_tier(api: httpx.Client, quality: str, cost: float) -> None:
    body = api.post("/images/generations", json={"model": "gpt-image-2", "prompt": "x", "quality": quality}).json()

    assert body["usage"]["cost"]["total_cost"] == cost


@pytest.mark.parametrize(
    ("prompt", "status", "retry_after"),
    [
        ("mock-error 400", 400, None),
        ("mock-error 401", 401, None),
        ("mock-error 402", 402, None),
        ("mock-error 403", 403, None),
        ("mock-error 404", 404, None),
        ("mock-error 413", 413, None),
        ("mock-error 422", 422, None),
        ("mock-error 429", 429, "2"),
        ("mock-error 429 date", 429, "Fri, 27 Nov 2026 10:00:00 GMT"),
        ("mock-error 500", 500, None),
        ("mock-error 502", 502, None),
        ("mock-error 503", 503, "1"),
    ],
)
def test_each_documented_error_has_a_cassette(
    api: httpx.Client, prompt: str, status: int, retry_after: str | None
) -> None:
    for response in (
        api.post("/images/generations", json={"model": "deepshi-image-1", "prompt": prompt}),
        post_form(
            api, [("model", "deepshi-image-1"), ("prompt", prompt), ("image[]", ("a.png", png_bytes(), "image/png"))]
        ),
    ):
        assert response.status_code == status
        assert response.headers.get("retry-after") == retry_after
        conforms(response.json(), "ErrorResponse")


def test_a_verbatim_recording_replays_its_real_image(api: httpx.Client) -> None:
    response = api.post("/images/generations", json={"model": "deepshi-image-1", "prompt": "a lighthouse at dawn"})

    assert response.headers["x-deepshi-mock-match"] == "recorded"
    body = response.json()
    [image] = images_of(body)
    assert (image.size, body["size"]) == ((1024, 1024), "1024x1024")
    assert body["data"][0]["revised_prompt"] == "a lighthouse at dawn, seen from the sea"


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    with MockServer(tmp_path_factory.mktemp("empty-cassettes")) as server:
        yield server


def test_without_a_matching_cassette_the_answer_is_synthesized_from_the_spec(bare: MockServer) -> None:
    with httpx.Client(base_url=bare.base_url, headers={"authorization": f"Bearer {bare.api_key}"}) as client:
        response = client.post(
            "/images/generations",
            json={"model": "nano-banana-2", "prompt": "x", "n": 2, "aspect_ratio": "16:9", "output_format": "jpeg"},
        )
        models = client.get("/models")
        unknown = client.post("/images/generations", json={"model": "unknown", "prompt": "x"})

    assert response.status_code == 200
    assert response.headers["x-deepshi-mock-match"] == "synthesized"
    body = response.json()
    conforms(body, "ImagesResponse")
    assert body["size"] == "1024x576"
    assert [(i.size, i.format) for i in images_of(body)] == [((1024, 576), "JPEG")] * 2
    example_usage = SPEC["components"]["responses"]["ImagesOk"]["content"]["application/json"]["example"]["usage"]
    assert body["usage"]["cost"]["total_cost"] == pytest.approx(2 * example_usage["cost"]["total_cost"])
    assert models.json()["data"][0]["id"] == CATALOG_IDS[0]
    assert unknown.status_code == 400


def test_answers_are_deterministic(api: httpx.Client) -> None:
    request = {"model": "flux-2-pro", "prompt": "x", "n": 2, "width": 300, "height": 400}

    first = api.post("/images/generations", json=request)
    second = api.post("/images/generations", json=request)

    assert first.content == second.content


def test_shipped_cassettes_stay_small() -> None:
    from deepshi.mock.cassettes import DEFAULT_DIR

    total = sum(p.stat().st_size for p in Path(DEFAULT_DIR).rglob("*") if p.is_file())
    assert total < 200 * 1024


# --- true to the docs: "a model safely ignores any field it does not support" ---------------------

# The reference page's own example values (edit-an-image.txt), sent to every model: each
# ignores what it does not support, so none is refused.
PAGE_EXAMPLE = {"seed": 123, "width": 123, "height": 123, "aspect_ratio": "16:9", "resolution": "2K"}
PAGE_EXAMPLE_SIZE = {"image_size": "auto_2K"}


@pytest.mark.parametrize("model", CATALOG_IDS)
def test_the_reference_pages_example_values_are_accepted_by_default(api: httpx.Client, model: str) -> None:
    response = post_form(
        api,
        [
            ("model", model),
            ("prompt", "x"),
            *[(name, str(value)) for name, value in {**PAGE_EXAMPLE, **PAGE_EXAMPLE_SIZE}.items()],
            ("image", ("a.png", png_bytes(), "image/png")),
        ],
    )

    assert response.status_code == 200, response.text
    [image] = images_of(response.json())
    assert f"{image.width}x{image.height}" == response.json()["size"]


@pytest.mark.parametrize(
    ("request_body", "size", "count"),
    [
        # Values outside a model's catalog entry are ignored: the model's default applies.
        ({"model": "flux-2-pro", "width": 123, "height": 123}, "1024x1024", 1),
        ({"model": "deepshi-image-1", "image_size": "auto_2K"}, "1024x1024", 1),
        ({"model": "gpt-image-2", "image_size": "auto_2K"}, "1024x1024", 1),
        ({"model": "nano-banana-2", "resolution": "0", "aspect_ratio": "0"}, "1024x1024", 1),
        ({"model": "deepshi-image-1", "n": 2}, "1024x1024", 1),  # Deepshi's own models make one image
        # ... and only those: the valid ones still apply.
        ({"model": "nano-banana-2", "resolution": "0", "aspect_ratio": "16:9"}, "1024x576", 1),
    ],
)
def test_unsupported_values_are_ignored_not_refused(
    api: httpx.Client, deepshi_mock: MockServer, request_body: dict[str, Any], size: str, count: int
) -> None:
    response = api.post("/images/generations", json={"prompt": "x", **request_body})

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["size"], len(body["data"])) == (size, count)
    [entry] = deepshi_mock.journal
    assert entry.valid
    assert {k: entry.fields[k] for k in request_body} == request_body  # journaled as sent


@pytest.fixture(scope="module")
def strict() -> Iterator[httpx.Client]:
    with (
        MockServer(strict_parameters=True) as server,
        httpx.Client(base_url=server.base_url, headers={"authorization": f"Bearer {server.api_key}"}) as client,
    ):
        yield client


@pytest.mark.parametrize(
    ("request_body", "param"),
    [
        ({"model": "flux-2-pro", "width": 123}, "width"),
        ({"model": "gpt-image-2", "image_size": "auto_2K"}, "image_size"),
        ({"model": "nano-banana-2", "aspect_ratio": "0"}, "aspect_ratio"),
        ({"model": "deepshi-image-1", "n": 2}, "n"),
        ({"model": "seedream-4.5", "prompt": "p" * 4001}, "prompt"),
    ],
)
def test_strict_parameters_refuse_them(strict: httpx.Client, request_body: dict[str, Any], param: str) -> None:
    response = strict.post("/images/generations", json={"prompt": "x", **request_body})

    assert response.status_code == 400
    assert response.json()["error"]["param"] == param


def test_strict_parameters_is_a_flag_of_both_command_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import deepshi.mock.cli
    from deepshi.cli.app import app

    defaults = deepshi.mock.cli.build_parser().parse_args(["serve"])
    assert (defaults.strict_parameters, defaults.sse_keepalives, defaults.sse_interval) == (False, 1, 0.01)
    assert deepshi.mock.cli.build_parser().parse_args(["serve", "--strict-parameters"]).strict_parameters is True
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(deepshi.mock.cli, "serve", lambda **kwargs: seen.append(kwargs))
    for args in ([], ["--strict-parameters"]):
        assert CliRunner().invoke(app, ["mock", "serve", *args]).exit_code == 0
    assert [kwargs["strict_parameters"] for kwargs in seen] == [False, True]
    # Unset pacing options fall back to the mock's own defaults.
    assert {(kwargs["sse_keepalives"], kwargs["sse_interval"]) for kwargs in seen} == {(1, 0.01)}


def test_the_catalogs_invented_values_are_labelled(api: httpx.Client) -> None:
    """The docs state few per-model facts; what the mock's catalog invents says so, in the catalog."""
    models = api.get("/models").json()["data"]

    for model in models:
        invented = model["x-deepshi-mock-invented"]
        assert "prompt_max_length" in invented, model["id"]
        for path in invented:
            node: Any = model
            for part in path.split("."):
                node = node[part]  # each label names a field the entry has
        for name, parameter in model["parameters"].items():
            if "minimum" in parameter or "maximum" in parameter or name in ("aspect_ratio", "image_size", "quality"):
                assert "invented" in parameter["description"] or "assumed" in parameter["description"], (
                    model["id"],
                    name,
                )
    by_id = {model["id"]: model for model in models}
    # The documented facts are not labelled: deepshi-image-1 takes up to 5 reference images (GUIDE-EDIT).
    assert "edit.max_images" not in by_id["deepshi-image-1"]["x-deepshi-mock-invented"]
    assert "description" not in by_id["deepshi-image-1"]["parameters"]["n"]


# --- an edit's answer is derived from its first input; generations are crisp drawings -----------


def picture(width: int = 400, height: int = 300, seed: int = 1, fmt: str = "PNG") -> bytes:
    """A distinctive test picture: a diagonal split into two colours plus a few discs."""
    import random

    from PIL import ImageDraw

    rnd = random.Random(seed)
    image = Image.new("RGB", (width, height), (rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(0, 255)))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 0), (width, 0), (0, height)], fill=(rnd.randint(0, 255), 30, rnd.randint(0, 255)))
    for _ in range(4):
        x, y, r = rnd.randint(0, width), rnd.randint(0, height), rnd.randint(20, 60)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(250, 250, rnd.randint(0, 255)))
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def likeness(a: Image.Image, b: Image.Image) -> float:
    """Pearson correlation of two pictures' grey levels at 32x24, both cropped to 4:3 (1.0 = same shapes)."""
    from PIL import ImageOps

    def grey(image: Image.Image) -> list[int]:
        small = ImageOps.fit(image.convert("L"), (32, 24), method=Image.Resampling.BOX)
        return list(small.crop((0, 0, 32, 21)).tobytes())  # the prompt's caption band left out

    x, y = grey(a), grey(b)
    mx, my = sum(x) / len(x), sum(y) / len(y)
    cov = sum((p - mx) * (q - my) for p, q in zip(x, y, strict=True))
    spread = (sum((p - mx) ** 2 for p in x) * sum((q - my) ** 2 for q in y)) ** 0.5
    return cov / spread if spread else 0.0


def edit(api: httpx.Client, inputs: list[bytes], prompt: str = "make it night", **fields: str) -> httpx.Response:
    files = [("image[]", (f"in{i}.png", data, "image/png")) for i, data in enumerate(inputs)]
    fields = {"model": "nano-banana-2", "aspect_ratio": "4:3", **fields}
    return post_form(api, [("prompt", prompt), *fields.items(), *files])


def test_an_edit_answer_is_the_first_input_restyled(api: httpx.Client) -> None:
    first, second = picture(seed=1), picture(seed=2)

    response = edit(api, [first, second], n="2", output_format="webp")

    assert response.status_code == 200, response.text
    assert response.headers["x-deepshi-mock-match"] == "template"
    body = response.json()
    answers = images_of(body)
    assert [(i.size, i.format) for i in answers] == [((1024, 768), "WEBP")] * 2
    source, other = (Image.open(io.BytesIO(data)) for data in (first, second))
    for answer in answers:
        assert likeness(answer, source) > 0.8  # the same picture...
        assert likeness(answer, source) > likeness(answer, other) + 0.3  # ...the first input, not the second
    assert decode(body["data"][0]) != decode(body["data"][1])  # a batch's images differ
    assert likeness(answers[0], picture_of_template(api)) < 0.5  # not the template's own picture


def picture_of_template(api: httpx.Client) -> Image.Image:
    body = api.post("/images/generations", json={"model": "nano-banana-2", "prompt": "x", "aspect_ratio": "4:3"})
    [image] = images_of(body.json())
    return image


def test_the_prompt_chooses_the_look_and_is_written_on_the_picture(api: httpx.Client) -> None:
    source = picture(seed=3)

    [night] = images_of(edit(api, [source], "turn it into a stormy night").json())
    [mono] = images_of(edit(api, [source], "in black and white please").json())
    [plain] = images_of(edit(api, [source], "x").json())

    original = Image.open(io.BytesIO(source)).convert("RGB").resize(night.size)

    def brightness(image: Image.Image) -> float:
        top = image.convert("L").crop((0, 0, image.width, image.height * 3 // 4))
        return sum(top.tobytes()) / (top.width * top.height)

    assert brightness(night.convert("RGB")) < brightness(original) * 0.8
    mono_rgb = mono.convert("RGB").crop((0, 0, mono.width, mono.height * 3 // 4)).tobytes()
    assert mono_rgb[0::3] == mono_rgb[1::3] == mono_rgb[2::3]
    # The caption: a dark band along the bottom with light text in it.
    band = plain.convert("L").crop((0, plain.height - plain.height // 12 + 2, plain.width, plain.height - 2))
    levels = sorted(band.tobytes())
    assert levels[-1] > 200
    assert levels[len(levels) // 2] < 90


def test_edit_answers_are_deterministic_per_input_and_prompt(api: httpx.Client) -> None:
    source = picture(seed=4)

    first, again = edit(api, [source], "a watercolour"), edit(api, [source], "a watercolour")
    other_prompt = edit(api, [source], "a watercolour at night")
    other_input = edit(api, [picture(seed=5)], "a watercolour")

    assert first.content == again.content
    assert len({decode(r.json()["data"][0]) for r in (first, other_prompt, other_input)}) == 3


def test_an_input_pillow_cannot_read_gets_the_templates_picture(api: httpx.Client) -> None:
    truncated = picture(seed=6)[:200]  # still sniffs as PNG, so the request is valid

    response = edit(api, [truncated], "x")

    assert response.status_code == 200, response.text
    [image] = images_of(response.json())
    assert image.size == (1024, 768)
    assert image.tobytes() == picture_of_template(api).tobytes()


def test_a_first_input_over_the_kept_size_gets_the_templates_picture(
    api: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deepshi.mock import multipart

    source = picture(seed=7)
    monkeypatch.setattr(multipart, "FIRST_FILE_BYTES", len(source) - 1)

    [image] = images_of(edit(api, [source], "x").json())

    assert image.tobytes() == picture_of_template(api).tobytes()


@pytest.mark.parametrize(("scene", "model"), [("canal", "nano-banana-2"), ("forest", "deepshi-banana-pro")])
def test_generations_are_drawn_at_the_size_they_claim(api: httpx.Client, scene: str, model: str) -> None:
    from deepshi.mock.scenes import SCENES

    fields = {"aspect_ratio": "16:9", "resolution": "2K"} if model == "nano-banana-2" else {"width": 1600}
    body = api.post("/images/generations", json={"model": model, "prompt": "x", **fields}).json()

    [image] = images_of(body)
    width, height = image.size
    # The template's picture drawn at that size (PNG: exact pixels), not a small bitmap scaled up.
    assert image.convert("RGB").tobytes() == SCENES[scene](width, height).tobytes()
    assert (width, height) == ((2048, 1152) if model == "nano-banana-2" else (1600, 1024))
