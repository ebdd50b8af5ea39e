"""The checks made before sending: against the spec (always) and the model's catalog entry (unless
``validate=False``). Every rejection sends nothing; the messages say what is accepted."""

from __future__ import annotations

import re

import httpx
import pytest

from deepshi import AsyncDeepshi, Deepshi, InvalidRequestError
from deepshi._spec import model_specific_fields
from tests.images import png_bytes

from .fakes import BASE_URL, CATALOG, KEY, FakeApi, images_body

PNG = png_bytes()


def posts(api: FakeApi) -> int:
    return len(api.image_requests)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"image": [PNG] * 3}, "image: 3 images given; model 'tier-2' accepts at most 2 per edit"),
        ({"prompt": "x" * 41}, "prompt: 41 characters; model 'tier-2' accepts at most 40"),
        ({"n": 2}, "n: model 'tier-2' accepts only 1; got 2"),
        ({"resolution": "4K"}, "resolution: model 'tier-2' accepts one of '1K', '2K'; got '4K'"),
        ({"aspect_ratio": "21:9"}, "aspect_ratio: model 'tier-2' accepts one of '1:1', '16:9'; got '21:9'"),
        (
            {"width": 512},
            "width: model 'tier-2' does not accept width; its sizing/quality fields are: aspect_ratio, resolution",
        ),
        ({"quality": "high"}, "quality: model 'tier-2' does not accept quality"),
        ({"image_size": "1024x1024"}, "image_size: model 'tier-2' does not accept image_size"),
        ({"extra_body": {"guidance": 11}}, "guidance: model 'tier-2' accepts a number >= 0 and <= 10; got 11"),
        ({"extra_body": {"guidance": "high"}}, "guidance: model 'tier-2' takes a number >= 0 and <= 10, got 'high'"),
    ],
)
def test_model_rules_reject_before_sending(
    client: Deepshi, api: FakeApi, options: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {"model": "tier-2", "prompt": "make it blue", "image": PNG, **options}
    with pytest.raises(InvalidRequestError) as caught:
        client.images.edit(**arguments)  # type: ignore[call-overload]
    assert message in str(caught.value)
    assert posts(api) == 0


def test_all_violations_are_reported_together(client: Deepshi, api: FakeApi) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.images.edit(model="tier-2", prompt="x" * 50, image=[PNG] * 3, width=300, n=3)
    text = str(caught.value)
    for fragment in ("prompt: 50 characters", "image: 3 images", "width: model", "n: model"):
        assert fragment in text
    assert caught.value.param == "prompt"
    assert posts(api) == 0


def test_model_that_cannot_edit(client: Deepshi, api: FakeApi) -> None:
    with pytest.raises(InvalidRequestError, match="model 'no-edit' cannot edit images"):
        client.images.edit(model="no-edit", prompt="p", image=PNG)
    client.images.generate(model="no-edit", prompt="p")  # generation is fine
    assert posts(api) == 1


def test_pixel_model_bounds_and_n_maximum(client: Deepshi, api: FakeApi) -> None:
    with pytest.raises(
        InvalidRequestError, match="width: model 'pixels' accepts an integer >= 256 and <= 2048; got 100"
    ):
        client.images.generate(model="pixels", prompt="p", width=100, height=512)
    with pytest.raises(InvalidRequestError, match="n: model 'pixels' accepts an integer >= 1 and <= 3; got 4"):
        client.images.generate(model="pixels", prompt="p", n=4)
    with pytest.raises(
        InvalidRequestError,
        match="aspect_ratio: model 'pixels' does not accept aspect_ratio; its sizing/quality fields are: height, width",
    ):
        client.images.generate(model="pixels", prompt="p", aspect_ratio="1:1")
    client.images.generate(model="pixels", prompt="p", width=1024, height=768, n=3)
    assert posts(api) == 1


def test_a_valid_request_passes_and_is_sent_as_given(client: Deepshi, api: FakeApi) -> None:
    client.images.edit(model="tier-2", prompt="blue", image=[PNG, PNG], n=1, resolution="2K", aspect_ratio="16:9")
    sent = api.image_requests[0].fields()
    assert sent == {"model": "tier-2", "prompt": "blue", "n": "1", "resolution": "2K", "aspect_ratio": "16:9"}


def test_model_without_parameters_block_is_not_second_guessed(client: Deepshi, api: FakeApi) -> None:
    client.images.edit(model="bare", prompt="p", image=PNG, width=5000, quality="low", n=4)
    assert posts(api) == 1


def test_unknown_model_ids_pass_through_for_the_server_to_judge(client: Deepshi, api: FakeApi) -> None:
    client.images.edit(model="brand-new-model", prompt="p", image=[PNG] * 9, width=64)
    assert posts(api) == 1


def test_validate_false_on_the_call_or_the_client_skips_the_model_check(api: FakeApi) -> None:
    with httpx.Client(transport=api.transport()) as http:
        client = Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http)
        client.images.edit(model="tier-2", prompt="p", image=PNG, n=2, validate=False)
        unchecked = Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http, validate=False)
        unchecked.images.edit(model="tier-2", prompt="p", image=PNG, width=4)
        with pytest.raises(InvalidRequestError):
            unchecked.images.edit(model="tier-2", prompt="p", image=PNG, width=4, validate=True)
    assert posts(api) == 2
    assert [s.path for s in api.sent].count("/v1/models") == 1, "validate=False never fetches the catalog"


def test_spec_checks_run_even_without_the_model_check(client: Deepshi, api: FakeApi) -> None:
    cases: list[tuple[dict[str, object], str]] = [
        ({"prompt": 3}, "prompt: expected string, got int 3"),
        ({"prompt": ""}, "prompt: '' should be non-empty"),
        ({"model": None}, "model: expected string, got NoneType None"),
        ({"n": 0}, "n: 0 is less than the minimum of 1"),
        ({"n": 5}, "n: 5 is greater than the maximum of 4"),
        ({"n": True}, "n: expected integer, got bool True"),
        ({"n": 1.5}, "n: expected integer, got float 1.5"),
        ({"response_format": "png"}, "response_format: 'png' is not one of 'b64_json', 'url'"),
        ({"output_format": "gif"}, "output_format: 'gif' is not one of 'png', 'jpeg', 'webp'"),
        ({"quality": "ultra"}, "quality: 'ultra' is not one of 'low', 'medium', 'high'"),
        ({"width": 0}, "width: 0 is less than the minimum of 1"),
        ({"seed": "42"}, "seed: expected integer, got str '42'"),
        ({"aspect_ratio": ""}, "aspect_ratio: '' should be non-empty"),
        ({"stream": "yes"}, "stream: expected boolean, got str 'yes'"),
    ]
    for options, message in cases:
        arguments: dict[str, object] = {"model": "x", "prompt": "p", "image": PNG, "validate": False, **options}
        with pytest.raises(InvalidRequestError) as caught:
            client.images.edit(**arguments)  # type: ignore[call-overload]
        assert message in str(caught.value), (options, str(caught.value))
        assert caught.value.param == next(iter(options))
        with pytest.raises(InvalidRequestError):
            client.images.generate(**{k: v for k, v in arguments.items() if k != "image"})  # type: ignore[call-overload]
    assert api.sent == []


def test_extra_body_cannot_shadow_named_arguments(client: Deepshi, api: FakeApi) -> None:
    for key in ("n", "image", "image[]", "stream", "prompt"):
        with pytest.raises(InvalidRequestError, match=re.escape(f"extra_body[{key!r}]: ") + ".* is a named argument"):
            client.images.edit(model="m", prompt="p", image=PNG, extra_body={key: 1}, validate=False)
    with pytest.raises(InvalidRequestError, match="not JSON-serializable"):
        client.images.generate(model="m", prompt="p", extra_body={"x": object()}, validate=False)
    assert api.sent == []


def test_extra_body_is_sent_as_additional_fields(client: Deepshi, api: FakeApi) -> None:
    extra = {"flag": True, "off": False, "tags": ["a", 1], "opts": {"k": None}, "strength": 0.5, "none": None}
    client.images.edit(model="m", prompt="p", image=PNG, extra_body=extra, validate=False)
    client.images.generate(model="m", prompt="p", extra_body=extra, validate=False)
    multipart, generation = api.image_requests
    assert {k: v for k, v in multipart.fields().items() if k in extra} == {
        "flag": "true",
        "off": "false",
        "tags": '["a", 1]',
        "opts": '{"k": null}',
        "strength": "0.5",
        "none": "null",
    }
    assert generation.json() == {"model": "m", "prompt": "p", **extra}


def test_catalog_is_fetched_once_and_models_list_refreshes_it(client: Deepshi, api: FakeApi) -> None:
    for _ in range(3):
        client.images.edit(model="tier-2", prompt="p", image=PNG)
    assert [s.path for s in api.sent].count("/v1/models") == 1  # one preflight fetch for three edits
    api.catalog = {"object": "list", "data": [{"id": "tier-2", "edit": {"supported": True, "max_images": 1}}]}
    refreshed = client.models.list()  # an API call: always sent, and its answer becomes the preflight's
    assert [s.path for s in api.sent].count("/v1/models") == 2
    assert refreshed.get("tier-2") is not None
    with pytest.raises(InvalidRequestError, match="at most 1 per edit"):
        client.images.edit(model="tier-2", prompt="p", image=[PNG, PNG])
    assert [s.path for s in api.sent].count("/v1/models") == 2


def test_catalog_models_are_typed(client: Deepshi) -> None:
    catalog = client.models.list()
    assert len(catalog) == len(CATALOG["data"])
    assert catalog.ids == ["tier-2", "pixels", "no-edit", "bare"]
    assert "pixels" in catalog
    assert catalog.get("missing") is None
    tier = catalog.get("tier-2")
    assert tier is not None
    assert (tier.sizing_style, tier.prompt_max_length, tier.edit_supported, tier.max_images) == (
        "resolution_tier",
        40,
        True,
        2,
    )
    assert tier.parameters["resolution"].allowed_values == ["1K", "2K"]
    assert tier.parameters["resolution"].default == "1K"
    assert tier.parameters["guidance"].maximum == 10
    bare = catalog.get("bare")
    assert bare is not None
    assert bare.parameters is None  # the entry has no parameters block
    assert bare.accepted == {}
    assert not bare.declares_parameters
    assert bare.edit_supported is None
    assert bare.max_images is None


def test_model_specific_fields_come_from_the_spec() -> None:
    expected = {"width", "height", "aspect_ratio", "resolution", "quality", "image_size"}
    assert model_specific_fields("ImageEditRequest") == expected
    assert model_specific_fields("ImageGenerationRequest") == expected


async def test_async_preflight(api: FakeApi) -> None:
    api.answers.append(httpx.Response(200, json=images_body()))
    async with httpx.AsyncClient(transport=api.transport()) as http:
        client = AsyncDeepshi(api_key=KEY, base_url=BASE_URL, http_client=http)
        with pytest.raises(InvalidRequestError, match="accepts at most 2 per edit"):
            await client.images.edit(model="tier-2", prompt="p", image=[PNG] * 3)
        with pytest.raises(InvalidRequestError, match="prompt: expected string"):
            await client.images.generate(model="tier-2", prompt=3)  # type: ignore[call-overload]
        await client.images.edit(model="tier-2", prompt="p", image=[PNG] * 3, validate=False)
        assert "tier-2" in await client.models.list()
    assert posts(api) == 1
    assert [s.path for s in api.sent].count("/v1/models") == 2
