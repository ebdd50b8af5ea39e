"""How schemathesis generates requests for this API; shared by the pytest suite and the CLI run.

* **Real images.** Each media type the edit operation lists in ``encoding.image[].contentType``
  gets a strategy (``schemathesis.openapi.media_type``) of real Pillow-encoded images of varied
  pixel and byte sizes. Schemathesis puts the registered value in place of the whole
  ``image[]`` property, so the strategy yields the *list* of 1..14 files (each becomes its own
  ``image[]`` part with a filename and that content type).
* **Catalog-aware bodies.** ``map_body`` (fuzzing) and ``map_case`` (coverage and examples, JSON
  bodies) fit every body to the model catalog without changing its validity (:mod:`.catalog_fit`).
* **Honest labels.** ``filter_case`` drops a case whose generation mode the wire contradicts:
  a "negative" body that is valid once written as multipart (``True`` is sent as ``true``, ``[]``
  as nothing, and the image strategy replaces a mutated ``image[]``), or a "positive" one that
  is not (schemathesis 4.32.5's coverage phase fills required multipart fields with ``""``
  despite ``minLength: 1``). Judged on :func:`.form_wire.wire_instance`; each drop is counted
  and printed in the run summary.
* **Checks.** Importing this module registers the project's checks (:mod:`.checks`).

``install(schema)`` scopes the hooks to one loaded schema (pytest); ``install()`` registers them
globally, which is what ``SCHEMATHESIS_HOOKS=contract_tests.cli_hooks`` does for the CLI.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import schemathesis
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation
from schemathesis.transport.serialization import Binary

from deepshi._spec import request_bodies, request_fields

from . import checks as _checks  # noqa: F401  (registers the project's checks)
from . import counts
from .catalog_fit import CatalogFit
from .form_wire import wire_instance
from .images import images
from .spec import component_validator, document, image_part_types, operations

ENV_CATALOG = "DEEPSHI_CONTRACT_CATALOG"
"""CLI runs: the catalog (``data`` of ``GET /v1/models``) as JSON, set by ``run_schemathesis_cli.py``."""
MAX_FILES = max(
    int(field.schema.get("maxItems", 1))
    for _, schema in request_bodies().values()
    for field in request_fields(schema)
    if field.is_files
)
"""The most files one file field takes (the spec's ``maxItems`` of ``image[]``)."""

_state: dict[str, Any] = {"catalog": None, "fits": {}}
_BY_LABEL = {op.label: op for op in operations()}


def use_catalog(models: Sequence[Mapping[str, Any]]) -> None:
    """Fit generated bodies to these models (the ``data`` of the target's ``GET /v1/models``)."""
    _state["catalog"] = list(models)
    _state["fits"] = {}


def current_catalog() -> list[Mapping[str, Any]] | None:
    """The catalog bodies are fitted to (None before :func:`use_catalog`)."""
    catalog: list[Mapping[str, Any]] | None = _state["catalog"]
    return catalog


def _fit(label: str) -> CatalogFit | None:
    op = _BY_LABEL.get(label)
    if op is None or op.request_schema_name() is None:
        return None
    operation_id = op.operation_id
    if _state["catalog"] is None and os.environ.get(ENV_CATALOG):
        use_catalog(json.loads(os.environ[ENV_CATALOG]))
    if _state["catalog"] is None:
        return None
    fits: dict[str, CatalogFit] = _state["fits"]
    if operation_id not in fits:
        fits[operation_id] = CatalogFit(operation_id, _state["catalog"])
    return fits[operation_id]


def _request_schema(label: str) -> str | None:
    op = _BY_LABEL.get(label)
    return op.request_schema_name() if op else None


# --- media types --------------------------------------------------------------------------------


def image_files(media_type: str) -> st.SearchStrategy[list[Binary]]:
    """1..14 real images of ``media_type``, as the files of one ``image[]`` field."""
    return st.lists(images((media_type,)).map(lambda image: Binary(image.data)), min_size=1, max_size=MAX_FILES)


def register_media_types() -> None:
    for media_type in image_part_types():
        schemathesis.openapi.media_type(media_type, image_files(media_type))  # type: ignore[arg-type]


# --- hooks --------------------------------------------------------------------------------------


def map_body(context: schemathesis.HookContext, body: Any) -> Any:
    """Fuzzing phase: fit the body to the catalog (form bodies arrive wrapped with their part types)."""
    if context.operation is None:
        return body
    fit = _fit(context.operation.label)
    if fit is None:
        return body
    form = getattr(body, "body", None)
    if dataclasses.is_dataclass(body) and not isinstance(body, type) and isinstance(form, dict):
        return dataclasses.replace(body, body=fit.fit(form))
    return fit.fit(body)


def map_case(context: schemathesis.HookContext, case: schemathesis.Case[Any]) -> schemathesis.Case[Any]:
    """Coverage and examples phases: fit JSON bodies (multipart ones are left to ``map_body``).

    Assigning a new body makes schemathesis re-judge the case, and 4.32.5 judges any body holding
    binary data as invalid; JSON bodies hold none, so only they are fitted here.
    """
    if context.operation is None or case.media_type != "application/json" or not isinstance(case.body, dict):
        return case
    fit = _fit(case.operation.label)
    if fit is not None:
        fitted = fit.fit(case.body)
        if fitted != case.body:
            case.body = fitted
    return case


def filter_case(context: schemathesis.HookContext, case: schemathesis.Case[Any]) -> bool:  # noqa: ARG001 (hook signature)
    """Drop a case whose body label the wire contradicts (see the module docstring); count it."""
    schema_name = _request_schema(case.operation.label)
    meta = case.meta
    if schema_name is None or meta is None or not isinstance(case.body, dict):
        return True
    body_info = meta.components.get(ParameterLocation.BODY)
    if body_info is None:
        return True
    properties = document()["components"]["schemas"][schema_name]["properties"]
    multipart = case.media_type is not None and case.media_type.startswith("multipart/")
    instance = wire_instance(case.body, properties) if multipart else case.body
    valid = bool(component_validator(schema_name).is_valid(instance))
    if valid == body_info.mode.is_positive:
        return True
    counts.SCHEMATHESIS_DROPPED[f"{'valid' if valid else 'invalid'} body labelled {body_info.mode.value}"] += 1
    return False


HOOKS: tuple[Callable[..., Any], ...] = (map_body, map_case, filter_case)


def install(schema: schemathesis.BaseSchema | None = None) -> None:
    """Register the media types, and the hooks on ``schema`` (or globally when None)."""
    register_media_types()
    for hook in HOOKS:
        if schema is None:
            schemathesis.hook(hook)
        else:
            schema.hook(hook)
