"""Results: decoded images (b64_json or data: URL), sniffed types, atomic saving, typed usage,
the raw generated model with unknown fields, and the two base64 backends."""

from __future__ import annotations

import base64
import binascii
import importlib.util
import os
import stat
import sys
from pathlib import Path

import httpx
import pytest

from deepshi import (
    APIResponseValidationError,
    CompletionTokensDetails,
    Cost,
    Deepshi,
    PromptTokensDetails,
    Usage,
    _base64,
    _spec,
)
from deepshi._atomic import write_atomic
from deepshi._sniff import ACCEPTED_TYPES
from tests.images import jpeg_bytes, png_bytes, webp_bytes

from .fakes import FakeApi, images_body


def result_for(client: Deepshi, api: FakeApi, body: dict[str, object], **headers: str):  # type: ignore[no-untyped-def]
    api.answers.append(httpx.Response(200, json=body, headers=headers))
    return client.images.generate(model="m", prompt="p", validate=False)


def test_images_are_decoded_and_typed_from_their_bytes(client: Deepshi, api: FakeApi) -> None:
    body = images_body(png_bytes(), jpeg_bytes(), webp_bytes())
    body["data"][1]["revised_prompt"] = "a better prompt"
    result = result_for(client, api, body, **{"x-request-id": "req_42"})
    assert [image.data for image in result.images] == [png_bytes(), jpeg_bytes(), webp_bytes()]
    assert [image.mime_type for image in result.images] == ["image/png", "image/jpeg", "image/webp"]
    assert [image.extension for image in result.images] == ["png", "jpg", "webp"]
    assert [image.index for image in result.images] == [0, 1, 2]
    assert [image.revised_prompt for image in result.images] == [None, "a better prompt", None]
    assert (result.created, result.model, result.size) == (1782595538, "tier-2", "8x6")
    assert result.request_id == "req_42"
    assert result.headers["x-request-id"] == "req_42"
    assert "bytes=" in repr(result.images[0])
    assert len(repr(result)) < 600


def test_url_data_uris_are_decoded_transparently(client: Deepshi, api: FakeApi) -> None:
    url = "data:image/jpeg;base64," + base64.b64encode(jpeg_bytes()).decode()
    png = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    result = result_for(client, api, {"created": 5, "data": [{"url": url}, {"index": 7, "url": png}]})
    assert result.images[0].data == jpeg_bytes()
    assert result.images[0].mime_type == "image/jpeg"
    assert result.images[0].index is None  # as the API sent it: no index
    assert result.images[0].position == 0
    assert result.images[0].file_name == "0.jpg"  # named by position when the API gives no index
    assert (result.images[1].index, result.images[1].mime_type, result.images[1].extension) == (7, "image/png", "png")
    assert (result.model, result.size, result.usage, result.cost) == (None, None, None, None)


def test_only_the_image_types_the_spec_returns_are_accepted(client: Deepshi, api: FakeApi) -> None:
    output_formats = _spec.component("OutputFormat")["enum"]
    assert {f"image/{name}" for name in output_formats} == set(ACCEPTED_TYPES)
    avif = "data:image/avif;base64," + base64.b64encode(b"\x00\x00\x00\x1cftypavif").decode()
    with pytest.raises(APIResponseValidationError, match=r"data\[0\] is not a image/png, image/jpeg, image/webp"):
        result_for(client, api, {"created": 5, "data": [{"url": avif}]})


def test_usage_keeps_absent_distinct_from_zero(client: Deepshi, api: FakeApi) -> None:
    usage = {
        "prompt_tokens": 0,
        "prompt_tokens_details": {"image_tokens": 64},
        "completion_tokens_details": {"reasoning_tokens": 0, "image_tokens": 4160},
        "cost": {"total_cost": 0.039},
    }
    result = result_for(client, api, images_body(usage=usage))
    got = result.usage
    assert isinstance(got, Usage)
    assert (got.prompt_tokens, got.completion_tokens, got.total_tokens) == (0, None, None)
    assert isinstance(got.prompt_tokens_details, PromptTokensDetails)
    assert (got.prompt_tokens_details.cached_tokens, got.prompt_tokens_details.image_tokens) == (None, 64)
    assert isinstance(got.completion_tokens_details, CompletionTokensDetails)
    assert (got.completion_tokens_details.reasoning_tokens, got.completion_tokens_details.image_tokens) == (0, 4160)
    assert isinstance(got.cost, Cost)
    assert got.cost.total_cost == 0.039
    assert result.cost == 0.039
    cost_only = result_for(client, api, images_body(usage={"cost": {"total_cost": 0}}))
    assert cost_only.cost == 0.0
    assert cost_only.usage is not None
    assert cost_only.usage.total_tokens is None


def test_raw_keeps_unknown_fields(client: Deepshi, api: FakeApi) -> None:
    body = images_body(background="transparent")
    body["data"][0]["seed_used"] = 7
    result = result_for(client, api, body)
    assert result.raw.additional_properties == {"background": "transparent"}
    assert result.images[0].raw.additional_properties == {"seed_used": 7}


def test_save_writes_atomically_and_names_by_index(client: Deepshi, api: FakeApi, tmp_path: Path) -> None:
    result = result_for(client, api, images_body(png_bytes(), jpeg_bytes()))
    target = result.images[0].save(tmp_path / "custom-name.png")
    assert target == tmp_path / "custom-name.png"
    assert target.read_bytes() == png_bytes()
    assert result.images[1].save(tmp_path) == tmp_path / "1.jpg"  # a directory: {index}.{ext}
    saved = result.save_all(tmp_path / "new" / "dir")
    assert saved == [tmp_path / "new" / "dir" / "0.png", tmp_path / "new" / "dir" / "1.jpg"]
    assert [p.read_bytes() for p in saved] == [png_bytes(), jpeg_bytes()]
    assert sorted(os.listdir(tmp_path)) == ["1.jpg", "custom-name.png", "new"], "no temporary files left"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_failed_save_leaves_the_old_file_and_no_partial_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(b"old")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, png_bytes())
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.png"]


SAMPLES = [
    base64.b64encode(png_bytes()).decode(),
    base64.b64encode(os.urandom(100_001)).decode(),
    "",
    "QQ==",
    b"QUJD",
]
INVALID = ["QQ=", "Q===", "QU JD", "QUJD\n", "not base64!", "é", "QUJ", "\u0100QUJD", "\ud800QUJD"]


@pytest.mark.parametrize("data", SAMPLES)
def test_both_base64_backends_decode_the_same(data: str | bytes) -> None:
    assert _base64.fast_b64decode is not None, "the speed extra is installed in the test environment"
    assert _base64.fast_b64decode(data) == _base64.stdlib_b64decode(data) == base64.b64decode(data)


@pytest.mark.parametrize("data", INVALID)
def test_both_base64_backends_reject_the_same(data: str) -> None:
    assert _base64.fast_b64decode is not None
    for decode in (_base64.fast_b64decode, _base64.stdlib_b64decode):
        with pytest.raises(binascii.Error):
            decode(data)


def test_the_fast_backend_is_used_when_installed() -> None:
    assert _base64.BACKEND == "pybase64"
    assert _base64.b64decode is _base64.fast_b64decode


def test_results_are_the_same_with_the_stdlib_backend(
    client: Deepshi, api: FakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    import deepshi._image_data as results

    fast = result_for(client, api, images_body(png_bytes(), webp_bytes()))
    monkeypatch.setattr(results, "b64decode", _base64.stdlib_b64decode)
    slow = result_for(client, api, images_body(png_bytes(), webp_bytes()))
    assert [i.data for i in fast.images] == [i.data for i in slow.images] == [png_bytes(), webp_bytes()]


def test_without_pybase64_the_stdlib_backend_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pybase64", None)  # makes `import pybase64` raise ImportError
    spec = importlib.util.spec_from_file_location("_base64_without_speed", _base64.__file__)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (module.BACKEND, module.fast_b64decode) == ("stdlib", None)
    assert module.b64decode(SAMPLES[0]) == png_bytes()
