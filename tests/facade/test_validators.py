"""The spec validators: jsonschema-rs decides, openapi-schema-validator words the errors, either works alone.

``contract_tests/test_validators_agree.py`` compares both on every case the contract suite
generates; these pin the pieces: the fallback when jsonschema-rs is absent, what each translation
of the schema is for (discriminator, Python tuples, strict integers), values jsonschema-rs cannot
read, and that the facade's and the mock's call sites get the same errors from both paths.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from deepshi import _spec, _validators
from deepshi.mock.spec import Spec

EDIT = {"model": "nano-banana-2", "prompt": "p", "image[]": ["<image 0>"]}
ANSWER = {"created": 1, "data": [{"index": 0, "b64_json": "iVBORw0KGgo="}]}


@pytest.fixture(params=["compiled", "interpreted only"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each test twice: with jsonschema-rs, and as an install without it."""
    if request.param == "interpreted only":
        monkeypatch.setattr(_validators, "compiled_backend", lambda: None)
    _spec.validator.cache_clear()
    yield request.param
    _spec.validator.cache_clear()


def messages(name: str, instance: Any, *, strict: bool = False) -> list[str]:
    return sorted(error.message for error in _spec.validator(name, strict_integers=strict).iter_errors(instance))


def test_the_compiled_validator_is_used_when_installed(backend: str) -> None:
    check = _spec.validator("ImagesResponse")
    assert (check.compiled is not None) is (backend == "compiled")
    assert check.is_valid(ANSWER)
    assert list(check.iter_errors(ANSWER)) == []


@pytest.mark.parametrize(
    ("name", "instance", "strict", "expected"),
    [
        (
            "ImagesResponse",
            {"created": "x", "data": [{}]},
            False,
            ["'url' is a required property", "'x' is not of type 'integer'"],
        ),
        (
            "ImagesResponse",
            {"created": 1, "data": [{"b64_json": "x"}], "size": "big"},
            False,
            ["'big' does not match '^[0-9]+x[0-9]+$'"],
        ),
        ("ImageEditRequest", {**EDIT, "n": 9}, True, ["9 is greater than the maximum of 4"]),
        ("ImageEditRequest", {**EDIT, "n": 2.0}, True, ["2.0 is not of type 'integer'"]),
        ("ImageEditRequest", {**EDIT, "n": 2.0}, False, []),
        ("ImageEditRequest", {**EDIT, "image[]": ("<image 0>",)}, True, ["('<image 0>',) is not of type 'array'"]),
        ("ImageEditRequest", {**EDIT, "prompt": b"bytes"}, True, ["b'bytes' is not of type 'string'"]),
        ("ImageEditRequest", {**EDIT, "seed": object}, True, ["<class 'object'> is not of type 'integer'"]),
        (
            "ErrorDetail",
            {"message": "m", "type": "t", "code": None, "param": 3},
            False,
            ["3 is not of type 'string', 'null'"],
        ),
    ],
)
@pytest.mark.usefixtures("backend")
def test_both_paths_give_the_interpreted_validators_errors(
    name: str, instance: Any, strict: bool, expected: list[str]
) -> None:
    assert messages(name, instance, strict=strict) == expected


@pytest.mark.parametrize(
    ("event", "valid"),
    [
        ({"type": "error", "error": {"message": "m", "type": "server_error"}}, True),
        ({"type": "image_generation.completed", "created": 1, "data": []}, True),
        # Valid for the error branch only, but named for the completed one: the discriminator decides.
        ({"type": "image_generation.completed", "error": {"message": "m", "type": "t"}}, False),
        ({"error": {"message": "m", "type": "t"}}, False),
        ({"type": "", "error": {"message": "m", "type": "t"}}, False),
        ({"type": "ImageStreamErrorEvent", "error": {"message": "m", "type": "t"}}, False),
        ("not an object", False),
    ],
)
def test_a_discriminated_one_of_is_judged_by_the_schema_it_names(backend: str, event: Any, valid: bool) -> None:
    check = Spec.shipped().validator("#/components/schemas/ImageStreamEvent")
    assert check.interpreted.is_valid(event) is valid
    if backend == "compiled":
        assert check.compiled.is_valid(event) is valid


def test_the_rewritten_discriminator_falls_back_to_the_component_of_that_name() -> None:
    document = {
        "components": {
            "schemas": {
                "Cat": {"type": "object", "required": ["meows"]},
                "Dog": {"type": "object", "required": ["barks"]},
                "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}], "discriminator": {"propertyName": "kind"}},
            }
        }
    }
    check = _validators.compile_schema(
        {"$ref": "urn:pets#/components/schemas/Pet"}, document, "urn:pets", strict_integers=False
    )
    assert check.is_valid({"kind": "Dog", "barks": True})  # not in oneOf, but named: OAS31Validator follows the name
    assert not check.is_valid({"kind": "Dog", "meows": True})
    assert not check.is_valid({"kind": "Fish"})


@pytest.mark.usefixtures("backend")
def test_an_inline_schema_of_the_mock_resolves_its_references_through_the_spec() -> None:
    spec = Spec.shipped()
    schema = {"$ref": "#/components/schemas/ImageCount"}
    check = spec.schema_validator(schema)
    assert check is spec.schema_validator(schema)  # built once per schema object
    assert check.is_valid(2)
    assert [error.message for error in check.iter_errors(5)] == ["5 is greater than the maximum of 4"]


@pytest.mark.usefixtures("backend")
def test_the_mock_and_the_facade_answer_with_the_same_words_on_either_path() -> None:
    from deepshi._errors import InvalidRequestError
    from deepshi.resources.images import _edit_plan

    with pytest.raises(InvalidRequestError, match=r"^n: 9 is greater than the maximum of 4$"):
        _edit_plan(model="nano-banana-2", prompt="p", image=b"\x89PNG\r\n\x1a\n" + bytes(64), n=9)
    spec = Spec.shipped()
    errors = list(spec.validator("#/components/schemas/ImageEditRequest").iter_errors({**EDIT, "n": "two"}))
    assert [(e.validator, e.validator_value, list(e.absolute_path), e.message) for e in errors] == [
        ("type", "integer", ["n"], "'two' is not of type 'integer'")
    ]
