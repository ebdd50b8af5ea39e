"""Contract 9, compiled = interpreted: jsonschema-rs judges every document as openapi-schema-validator does.

The facade and the mock validate with jsonschema-rs when ``deepshi[speed]`` is installed and let
openapi-schema-validator list the errors of an invalid document (``deepshi._validators``). That is
sound only if both give the same verdict, so this contract compares them, for every validator the
code builds (the facade's, with and without strict integers, and the mock's), on:

* every case schemathesis generates for the spec's request bodies, valid and invalid (its
  negative mode mutates the schema), multipart bodies read as the server reads them;
* the same for every root component schema (the answers and the stream message, each posed as a
  JSON request body; the other components are their parts);
* the mock's own answers (JSON, stream event, catalog), the spec's examples of every component,
  the two answer mutants of contract 6 (``created`` as a string) and every single-point mutant of
  the answers and the examples (each value replaced by one of each other JSON type, each key removed).

On an invalid document both must also name the same first error's field (the shallowest error,
as the mock and the preflight pick it). The one known difference is not the compiled validator's:
openapi-schema-validator runs ECMA-262 patterns with Python's ``re``, whose ``$`` also matches
before a final newline; there jsonschema-rs is right, and both paths still answer with the
interpreted verdict (checked here too).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from deepshi import _spec
from deepshi._validators import SpecValidator
from deepshi.mock import MockServer, sse
from deepshi.mock.spec import Spec

from . import budget
from .form_wire import wire_instance
from .spec import document, operations, spec_path

SCHEMAS = sorted(document()["components"]["schemas"])
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


REQUESTS = {schema for _, schema in _spec.request_bodies().values()}


def _roots() -> list[str]:
    """The component schemas no other component refers to, request bodies left out (generated as such).

    Generating a root generates its parts (the others), each where it sits in a real document;
    every component's example and its mutants are judged on their own below.
    """
    schemas = document()["components"]["schemas"]
    referred = {
        target
        for name, schema in schemas.items()
        for target in re.findall(r"#/components/schemas/(\w+)", json.dumps(schema))
        if target != name
    }
    return sorted(set(schemas) - referred - REQUESTS)


ROOTS = _roots()


def checks(name: str) -> dict[str, SpecValidator]:
    """Every validator the code builds for component ``name`` (strict integers: for request schemas)."""
    found = {
        "facade": _spec.validator(name),
        "mock": Spec.shipped().validator(f"#/components/schemas/{name}"),
    }
    if name in REQUESTS:
        found["facade, strict integers"] = _spec.validator(name, strict_integers=True)
    return found


def _path(error: Any) -> list[Any]:
    found = getattr(error, "instance_path", None)
    return list(error.absolute_path if found is None else found)


def first_field(errors: list[Any]) -> str:
    """The field of the shallowest error (ties: the first path in order), "" for the document itself."""
    paths = sorted((_path(error) for error in errors), key=lambda path: (len(path), [str(p) for p in path]))
    return str(paths[0][0]) if paths and paths[0] else ""


def _newline_pattern_only(errors: list[Any]) -> bool:
    """Every compiled error is a ``...$`` pattern refusing a string that ends in a newline (module docstring)."""
    return bool(errors) and all(
        error.kind.name == "pattern" and isinstance(error.instance, str) and error.instance.endswith("\n")
        for error in errors
    )


def assert_agree(name: str, instance: Any, where: str) -> None:
    for label, check in checks(name).items():
        compiled, interpreted = check.compiled, check.interpreted
        assert compiled is not None, "jsonschema-rs is not installed (the test extra installs deepshi[speed])"
        interpreted_errors = list(interpreted.iter_errors(instance))
        try:
            compiled_errors = list(compiled.iter_errors(instance))
        except ValueError:  # a value jsonschema-rs cannot read (bytes in a generated body): the interpreter judges
            assert check.is_valid(instance) == (not interpreted_errors), (label, where)
            continue
        context = f"{label} validator of {name}, {where}: {instance!r:.300}"
        assert check.is_valid(instance) == (not interpreted_errors), context
        if not interpreted_errors and _newline_pattern_only(compiled_errors):
            continue
        assert (not compiled_errors) == (not interpreted_errors), (
            f"{context}\ncompiled: {[e.message for e in compiled_errors][:3]}"
            f"\ninterpreted: {[e.message for e in interpreted_errors][:3]}"
        )
        if interpreted_errors:
            assert first_field(compiled_errors) == first_field(interpreted_errors), (
                f"{context}\ncompiled: {[(e.instance_path, e.message) for e in compiled_errors][:3]}"
                f"\ninterpreted: {[(list(e.absolute_path), e.message) for e in interpreted_errors][:3]}"
            )


# --- schemathesis' cases ----------------------------------------------------------------------


@functools.cache
def request_schema() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_path(str(spec_path()))


@functools.cache
def component_schema() -> schemathesis.BaseSchema:
    """The spec with each component posed as the JSON request body of ``POST /schemas/<name>``."""
    paths = {
        f"/schemas/{name}": {
            "post": {
                "operationId": f"check{name}",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                },
                "responses": {"200": {"description": "ok"}},
            }
        }
        for name in SCHEMAS
    }
    posed = {"openapi": "3.1.0", "info": {"title": "components", "version": "1"}, "paths": paths}
    return schemathesis.openapi.from_dict({**posed, "components": copy.deepcopy(dict(document()["components"]))})


def _judge(case: schemathesis.Case[Any], name: str, properties: Mapping[str, Any]) -> None:
    body = case.body
    multipart = case.media_type is not None and case.media_type.startswith("multipart/")
    instance = wire_instance(body, properties) if multipart and isinstance(body, dict) else body
    assert_agree(name, instance, f"{case.operation.label} ({case.media_type})")


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@pytest.mark.parametrize(
    "operation", [op for op in operations() if op.request_schema_name()], ids=lambda op: op.operation_id
)
def test_every_generated_request_body(operation: Any, mode: GenerationMode) -> None:
    name = operation.request_schema_name()
    properties = document()["components"]["schemas"][name]["properties"]
    strategy = request_schema()[operation.path][operation.method].as_strategy(generation_mode=mode)

    @given(strategy)
    @settings(max_examples=budget.examples(0.5), suppress_health_check=list(HealthCheck), database=None)
    def judge(case: schemathesis.Case[Any]) -> None:
        _judge(case, name, properties)

    judge()


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@pytest.mark.parametrize("name", ROOTS)
def test_every_generated_component_document(name: str, mode: GenerationMode) -> None:
    strategy = component_schema()[f"/schemas/{name}"]["POST"].as_strategy(generation_mode=mode)

    @given(strategy)
    @settings(max_examples=budget.examples(0.25), suppress_health_check=list(HealthCheck), database=None)
    def judge(case: schemathesis.Case[Any]) -> None:
        assert_agree(name, case.body, f"generated ({mode.value})")

    judge()


# --- the mock's answers, the spec's examples and their mutants ---------------------------------

OTHER_VALUES: list[Any] = [None, True, 0, -1, 2.5, "", "x", [], {}]


def mutants(node: Any) -> Iterator[tuple[str, Any]]:
    """(where, document) for every single-point mutant of ``node``: a value replaced, a key removed."""
    stack: list[tuple[list[Any], Any]] = [([], node)]
    while stack:
        path, value = stack.pop()
        for other in OTHER_VALUES:
            if type(other) is not type(value):
                yield f"{path} = {other!r}", _replaced(node, path, other)
        if isinstance(value, dict):
            for key in value:
                yield f"{path} without {key!r}", _replaced(node, path, {k: v for k, v in value.items() if k != key})
                stack.append(([*path, key], value[key]))
        elif isinstance(value, list):
            stack.extend(([*path, index], item) for index, item in enumerate(value))


def _replaced(node: Any, path: list[Any], value: Any) -> Any:
    if not path:
        return value
    copied = copy.copy(node)
    copied[path[0]] = _replaced(node[path[0]], path[1:], value)
    return copied


def _examples() -> Iterator[tuple[str, Any]]:
    for name in SCHEMAS:
        example = document()["components"]["schemas"][name].get("example")
        if example is not None:
            yield name, example


def _client(mock: MockServer) -> httpx.Client:
    return httpx.Client(base_url=mock.base_url, headers={"Authorization": f"Bearer {mock.api_key}"}, timeout=30)


@pytest.fixture(scope="module")
def catalog(deepshi_mock_session: MockServer) -> Any:
    """The mock's whole catalog (``GET /models``)."""
    with _client(deepshi_mock_session) as http:
        return http.get("/models").raise_for_status().json()


@pytest.fixture(scope="module")
def answers(deepshi_mock_session: MockServer, catalog: Any) -> list[tuple[str, Any]]:
    """The mock's answers: a generation (JSON, as an edit answers too, and the stream's completed event), the catalog.

    Mutants of a catalog of one model: each mutant of a longer list differs from one of those only
    in which model it hits, and costs a check of every model (three models took 5 of this file's
    8 seconds); the whole catalog is judged unmutated.
    """
    tiny = {"model": "nano-banana-2", "prompt": "p", "aspect_ratio": "1:1", "resolution": "1K"}
    with _client(deepshi_mock_session) as http:
        generated = http.post("/images/generations", json=tiny).raise_for_status().json()
        streamed = http.post("/images/generations", json={**tiny, "stream": True}).raise_for_status()
    [event] = [item for item in sse.parse(streamed.content) if item.event == sse.COMPLETED]
    completed = json.loads(event.data or "")
    small = {**generated, "data": [{**item, "b64_json": "iVBORw0KGgo="} for item in generated["data"]]}
    return [
        ("ImagesResponse", small),
        ("ImageGenerationCompletedEvent", {**completed, "b64_json": "iVBORw0KGgo=", "data": small["data"]}),
        ("ImageStreamEvent", {**completed, "b64_json": "iVBORw0KGgo=", "data": small["data"]}),
        ("ModelList", {**catalog, "data": catalog["data"][:1]}),  # one model: the shapes, not the count
    ]


def test_answers_examples_and_every_mutant_of_them(answers: list[tuple[str, Any]], catalog: Any) -> None:
    # Judged as they are (each is already a mutant, and its own mutants are those of the answer's):
    # the whole catalog, and contract 6's two answer mutants.
    ((_, small), (_, completed)) = answers[:2]
    assert_agree("ModelList", catalog, "the whole catalog, as answered")
    assert_agree("ImagesResponse", {**small, "created": str(small["created"])}, "contract 6's mock mutant")
    assert_agree("ImageGenerationCompletedEvent", {**completed, "created": "yesterday"}, "contract 6's stream mutant")
    judged = 0
    for name, original in [*answers, *_examples()]:
        assert_agree(name, original, "as answered or exemplified")
        for where, mutant in mutants(original):
            assert_agree(name, mutant, f"mutant {where}")
            judged += 1
    assert judged > 1000  # the mutants were produced (a silent empty loop would prove nothing)


def test_python_values_the_preflight_meets() -> None:
    """Values a caller passes (the strict validators' domain): tuples, floats, bytes, enums, huge ints."""
    base = {"model": "m", "prompt": "p", "image[]": ["<image 0>"]}
    extras: list[dict[str, Any]] = [
        {"n": 2.0},
        {"n": 2.5},
        {"n": True},
        {"n": 2**70},
        {"seed": -(2**63)},
        {"image[]": ("<image 0>",)},
        {"image[]": []},
        {"prompt": b"p"},
        {"quality": "ultra"},
        {"output_format": None},
        {"stream": 1},
        {"width": float("inf")},
        {"width": float("nan")},
    ]
    for extra in extras:
        for name in ("ImageEditRequest", "ImageGenerationRequest"):
            assert_agree(name, {**base, **extra}, f"extra {extra!r}")
