"""The public surface: ``deepshi.__all__`` pinned and sorted, ``py.typed``, and method signatures and
docstrings that follow the spec (a drift in either fails here)."""

from __future__ import annotations

import importlib.resources
import inspect
import re
import types
from typing import Any

import pytest

import deepshi
from deepshi import AsyncDeepshi, Deepshi
from deepshi._spec import component, property_schema
from deepshi.resources.images import AsyncImages, Images
from deepshi.resources.models import AsyncModels, Models

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
    "ModelInfo",
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


def _spec_fields(schema: str) -> dict[str, str]:
    fields = {}
    for name in component(schema)["properties"]:
        description = property_schema(schema, name).get("description")
        if description is None:  # $ref'd schemas carry the description on the property itself
            description = component(schema)["properties"][name].get("description", "")
        fields["image" if name == "image[]" else name] = _normalized(str(description))
    return fields


METHODS = [
    (Images.edit, "ImageEditRequest"),
    (Images.generate, "ImageGenerationRequest"),
    (AsyncImages.edit, "ImageEditRequest"),
    (AsyncImages.generate, "ImageGenerationRequest"),
]
FACADE_ONLY = {"extra_headers", "extra_query", "extra_body", "timeout", "total_timeout", "max_retries", "validate"}


@pytest.mark.parametrize(("method", "schema"), METHODS)
def test_parameters_are_the_spec_fields_plus_the_facade_options(method: Any, schema: str) -> None:
    parameters = list(inspect.signature(method).parameters)[1:]
    assert set(parameters) == set(_spec_fields(schema)) | FACADE_ONLY
    assert all(
        p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(inspect.signature(method).parameters.values())[1:]
    )


@pytest.mark.parametrize(("method", "schema"), METHODS)
def test_docstrings_quote_the_spec_descriptions(method: Any, schema: str) -> None:
    doc = _normalized(inspect.getdoc(method) or "")
    for name, description in _spec_fields(schema).items():
        assert f"{name}: {description}" in doc, f"{method.__qualname__}: {name} drifted from the spec"
    for name in FACADE_ONLY:
        assert f"{name}: " in doc


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
