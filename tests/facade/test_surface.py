"""The public surface: ``deepshi.__all__`` pinned and sorted, ``py.typed``, and method signatures and
docstrings that follow the spec (a drift in either fails here)."""

from __future__ import annotations

import ast
import importlib.resources
import inspect
import re
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

import pytest
import yaml

import deepshi
from deepshi import NOT_GIVEN, AsyncDeepshi, Deepshi, ImageInputs, NotGiven, _views
from deepshi._spec import component, request_fields, spec
from deepshi.resources.images import AsyncImages, Images
from deepshi.resources.models import AsyncModels, Models

ROOT = Path(__file__).resolve().parents[2]

PUBLIC = [
    "CATALOG_TTL",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncDeepshi",
    "AsyncImageStream",
    "AuthenticationError",
    "BadRequestError",
    "CompletionTokensDetails",
    "Cost",
    "Deepshi",
    "DeepshiError",
    "GeneratedImage",
    "ImageCompletedEvent",
    "ImageEditParams",
    "ImageGenerateParams",
    "ImageInput",
    "ImageInputs",
    "ImageStream",
    "ImagesResult",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidRequestError",
    "ModelCatalog",
    "ModelEditSupport",
    "ModelInfo",
    "ModelModalities",
    "NotFoundError",
    "NotGiven",
    "OutputFormat",
    "ParameterInfo",
    "PermissionDeniedError",
    "PromptTokensDetails",
    "Quality",
    "RateLimitError",
    "RawResponse",
    "ResponseFormat",
    "StreamError",
    "StreamEvent",
    "TimeoutTypes",
    "UnknownStreamEvent",
    "UnprocessableEntityError",
    "Usage",
    "__version__",
]


def _isort_style(name: str) -> tuple[int, str]:
    """ruff's RUF022 order: SCREAMING_CASE constants, then CamelCase classes, then the rest."""
    if name.isupper():
        return 0, name
    return (1 if name[0].isupper() else 2), name


def test_all_is_pinned_and_sorted() -> None:
    assert deepshi.__all__ == PUBLIC
    assert deepshi.__all__ == sorted(deepshi.__all__, key=_isort_style)
    public_names = {
        name
        for name, value in vars(deepshi).items()
        if name.isidentifier() and not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public_names | {"__version__"} == set(deepshi.__all__), "everything public is exported, nothing more"


def test_package_is_typed_and_versioned() -> None:
    assert importlib.resources.files("deepshi").joinpath("py.typed").is_file()
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", deepshi.__version__)


def test_public_classes_report_the_package_as_their_module() -> None:
    for name in PUBLIC:
        obj = getattr(deepshi, name)
        if isinstance(obj, type):
            assert obj.__module__ == "deepshi", name


def _normalized(text: str) -> str:
    return " ".join(text.split())


# -- the typed surface follows the spec: names, required-ness, types, defaults, descriptions ----

SURFACE = yaml.safe_load((ROOT / "openapi" / "surface" / "surface.yaml").read_text())
RESOURCES = {"images": (Images, AsyncImages), "models": (Models, AsyncModels)}
FACADE_ONLY = ["extra_headers", "extra_query", "extra_body", "timeout", "total_timeout", "max_retries", "validate"]
_SCALARS: dict[str, Any] = {"string": str, "integer": int, "number": float, "boolean": bool}


def _operations() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for item in spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                found.append((operation["operationId"], operation))
    return found


def _body_schema(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        return str(media["schema"]["$ref"]).rsplit("/", 1)[1]
    return None


def _expected_type(node: dict[str, Any]) -> Any:
    """The Python type the spec implies for a request field (independently of the renderer)."""
    resolved = {**property_schema_node(node)}
    if "enum" in resolved:
        return Literal[tuple(resolved["enum"])]  # type: ignore[valid-type]
    if resolved.get("type") == "array" and resolved.get("items", {}).get("format") == "binary":
        return _hints(_takes_image_inputs)["value"]
    return _SCALARS[resolved["type"]]


def _takes_image_inputs(value: ImageInputs) -> None:
    """Only its annotation is used: ``ImageInputs``, evaluated like the methods' annotations."""


def property_schema_node(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return {**component(str(ref).rsplit("/", 1)[1]), **node} if ref else node


def _methods() -> list[tuple[Any, str]]:
    methods = []
    for operation_id, operation in _operations():
        entry = SURFACE["operations"][operation_id]
        for cls in RESOURCES[entry["resource"]]:
            methods.append((getattr(cls, entry["method"]), _body_schema(operation) or ""))
    return methods


METHODS = [method for method in _methods() if method[1]]


def _hints(obj: Any) -> dict[str, Any]:
    """Evaluated annotations (the mixins name the rendered classes only for type checkers)."""
    from collections.abc import Mapping

    from PIL.Image import Image as PILImage

    names = {**vars(_views), "Any": Any, "Mapping": Mapping, "PILImage": PILImage}
    return typing.get_type_hints(obj, localns=names)


def _python(wire: str) -> str:
    return re.sub(r"\W", "", wire)


def _arguments(schema: str) -> dict[str, Any]:
    """The schema's properties a caller passes: an alias spelling (``image`` beside ``image[]``) is not one."""
    properties = component(schema)["properties"]
    return {field.wire: properties[field.wire] for field in request_fields(schema)}


@pytest.mark.parametrize(("method", "schema"), METHODS, ids=lambda value: getattr(value, "__qualname__", value))
def test_parameters_follow_the_request_schema(method: Any, schema: str) -> None:
    signature = inspect.signature(method)
    hints = _hints(method)
    required = {field.wire for field in request_fields(schema) if field.required}
    expected_names = [_python(wire) for wire in _arguments(schema)]
    assert sorted(list(signature.parameters)[1:]) == sorted(expected_names + FACADE_ONLY)
    for wire, node in _arguments(schema).items():
        name = _python(wire)
        parameter = signature.parameters[name]
        assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
        expected = _expected_type(node)
        got = hints[name]
        if wire == "stream":
            assert (got, parameter.default) == (bool, False), "stream: a plain bool whose False is the API default"
        elif wire in required:
            assert parameter.default is inspect.Parameter.empty, f"{name} is required by the spec"
            assert _same_type(got, expected), f"{name}: {got} is not the spec's {expected}"
        else:
            assert parameter.default is NOT_GIVEN, f"{name} is optional in the spec: NOT_GIVEN, so it is not sent"
            assert set(typing.get_args(got)) - {NotGiven} <= _members(expected), f"{name}: {got} vs {expected}"
            assert _same_type(_without(got, NotGiven), expected), f"{name}: {got} is not the spec's {expected}"


def _members(kind: Any) -> set[Any]:
    return set(typing.get_args(kind)) if typing.get_origin(kind) in (Union, types.UnionType) else {kind}


def _without(kind: Any, drop: Any) -> Any:
    if typing.get_origin(kind) not in (Union, types.UnionType):
        return kind
    rest = [member for member in typing.get_args(kind) if member is not drop]
    return rest[0] if len(rest) == 1 else Union[tuple(rest)]  # noqa: UP007


def _same_type(got: Any, expected: Any) -> bool:
    if typing.get_origin(expected) is Literal:
        return typing.get_origin(got) is Literal and set(typing.get_args(got)) == set(typing.get_args(expected))
    return bool(got == expected)


@pytest.mark.parametrize(("method", "schema"), METHODS, ids=lambda value: getattr(value, "__qualname__", value))
def test_docstrings_quote_the_spec_descriptions(method: Any, schema: str) -> None:
    doc = _normalized(inspect.getdoc(method) or "")
    for wire, node in _arguments(schema).items():
        description = _normalized(str(node.get("description") or property_schema_node(node).get("description", "")))
        assert f"{_python(wire)}: {description}" in doc, f"{method.__qualname__}: {wire} drifted from the spec"
    for name in FACADE_ONLY:
        assert f"{name}: " in doc


def _answer_schemas() -> set[str]:
    """Every schema a successful JSON answer of an operation may carry (nested ones included)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in found and "properties" in component(name):
                    found.add(name)
                    walk(dict(component(name)))
            for key, value in node.items():
                if key != "$ref":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for _, operation in _operations():
        ok = operation["responses"]["200"]
        ok = spec()["components"]["responses"][ok["$ref"].rsplit("/", 1)[1]] if "$ref" in ok else ok
        walk(ok["content"]["application/json"]["schema"])
    return found


VIEWS = {cls.SCHEMA: cls for cls in vars(_views).values() if isinstance(cls, type) and hasattr(cls, "SCHEMA")}


def test_every_answer_schema_has_a_view() -> None:
    assert set(VIEWS) == _answer_schemas()


@pytest.mark.parametrize("schema", sorted(_answer_schemas()))
def test_views_show_every_property_with_its_type(schema: str) -> None:
    view = VIEWS[schema]
    node = component(schema)
    assert sorted(view.WIRE_NAMES.values()) == sorted(node["properties"]), "a property the view does not show"
    hints = _hints(view)
    required = set(node.get("required", []))
    for name, wire in view.WIRE_NAMES.items():
        got = hints[name]
        optional = type(None) in typing.get_args(got)
        assert optional is (wire not in required), f"{schema}.{wire}: None exactly when the spec lets it be absent"
        resolved = property_schema_node(node["properties"][wire])
        kind = resolved.get("type")
        if kind in _SCALARS and "enum" not in resolved:
            assert _without(got, type(None)) is _SCALARS[kind], f"{schema}.{wire}: {got} is not {kind}"
        description = node["properties"][wire].get("description") or resolved.get("description")
        if description:  # the spec's words are the attribute's documentation
            assert _attribute_docs(view.__name__).get(name) == _normalized(description), f"{schema}.{wire} docs"


def _attribute_docs(class_name: str) -> dict[str, str]:
    """Field -> the docstring under it, in the rendered class's source."""
    tree = ast.parse(inspect.getsource(_views))
    [node] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
    docs = {}
    for field, after in zip(node.body, node.body[1:], strict=False):
        named = isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
        if named and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
            docs[field.target.id] = _normalized(str(after.value.value))  # type: ignore[union-attr]
    return docs


@pytest.mark.parametrize(
    ("sync", "async_"),
    [
        (Images.edit, AsyncImages.edit),
        (Images.generate, AsyncImages.generate),
        (Models.list, AsyncModels.list),
    ],
)
def test_async_twins_have_the_same_signature(sync: Any, async_: Any) -> None:
    assert inspect.iscoroutinefunction(async_)
    assert [(p.name, p.default) for p in inspect.signature(sync).parameters.values()] == [
        (p.name, p.default) for p in inspect.signature(async_).parameters.values()
    ]


def test_clients_are_twins() -> None:
    sync_parameters = inspect.signature(Deepshi).parameters
    async_parameters = inspect.signature(AsyncDeepshi).parameters
    assert list(sync_parameters) == list(async_parameters) == [
        "api_key", "base_url", "timeout", "max_retries", "http_client", "default_headers", "validate", "catalog",
        "total_timeout", "max_answer_bytes",
    ]  # fmt: skip
    assert {n: p.default for n, p in sync_parameters.items() if n != "http_client"} == {
        n: p.default for n, p in async_parameters.items() if n != "http_client"
    }
    assert hasattr(Deepshi, "close")
    assert hasattr(AsyncDeepshi, "aclose")
    assert hasattr(Deepshi, "__enter__")
    assert hasattr(AsyncDeepshi, "__aenter__")
