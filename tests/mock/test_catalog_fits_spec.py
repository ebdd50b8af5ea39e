"""The mock's catalog is held to the request schemas when the cassettes load, and so are cassettes.

A catalog may only list parameters a request can send, with the request field's type and values
its schema accepts; a cassette may only name operations the spec has. Otherwise ``MockServer``
refuses the cassettes with a ``CassetteError`` naming the model and the parameter (or the
operation), instead of serving a catalog that promises what no request can carry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from deepshi import _spec
from deepshi.mock import CassetteError, MockServer
from deepshi.mock.cassettes import DEFAULT_DIR

from .spec_copies import serving, shipped_document


def _catalog_dir(root: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A cassette directory holding the shipped catalog, changed by ``change`` (given the models by id)."""
    document = yaml.safe_load((DEFAULT_DIR / "models.yaml").read_text(encoding="utf-8"))
    models = {model["id"]: model for model in document["interactions"][0]["response"]["body"]["data"]}
    change(models)
    (root / "models.yaml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return root


def _unknown_parameter(models: dict[str, Any]) -> None:
    models["flux-2-pro"]["parameters"]["guidance_scale"] = {"type": "number", "default": 3.5}


def _value_outside_the_enum(models: dict[str, Any]) -> None:
    models["seedream-4.5"]["parameters"]["output_format"]["allowed_values"].append("gif")


def _default_outside_the_range(models: dict[str, Any]) -> None:
    models["nano-banana-2"]["parameters"]["n"]["default"] = 9


def _wrong_type(models: dict[str, Any]) -> None:
    models["gpt-image-2"]["parameters"]["quality"]["type"] = "integer"


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_unknown_parameter, "model 'flux-2-pro', parameter 'guidance_scale': no request schema declares it"),
        (_value_outside_the_enum, "model 'seedream-4.5', parameter 'output_format': its allowed_values 'gif'"),
        (_default_outside_the_range, "model 'nano-banana-2', parameter 'n': its default 9 is not a valid"),
        (_wrong_type, "model 'gpt-image-2', parameter 'quality': its type is 'integer', but"),
    ],
)
def test_a_catalog_that_does_not_fit_the_request_schemas_is_refused(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], named: str
) -> None:
    with pytest.raises(CassetteError, match=r"models\.yaml#0 \(catalog\)") as raised:
        MockServer(_catalog_dir(tmp_path, change))

    assert named in str(raised.value)


def test_the_shipped_catalog_fits_and_only_lists_request_fields() -> None:
    listed = {name for model in MockServer().model_list()["data"] for name in model.get("parameters", {})}
    declared = {field.wire for _, schema in _spec.request_bodies().values() for field in _spec.request_fields(schema)}
    assert listed <= declared


def test_a_field_removed_from_the_spec_cannot_live_on_in_the_catalog() -> None:
    document = shipped_document()
    for schema in ("ImageEditRequest", "ImageGenerationRequest"):
        del document["components"]["schemas"][schema]["properties"]["seed"]

    with pytest.raises(CassetteError, match="parameter 'seed': no request schema declares it"), serving(document):
        pass


def test_a_cassette_naming_an_operation_the_spec_lacks_is_refused(tmp_path: Path) -> None:
    (tmp_path / "typo.yaml").write_text(
        "interactions:\n  - request: {operation: createImages}\n    response: {status: 200, body: {created: 1, data: []}}\n"
    )

    with pytest.raises(CassetteError, match=r"typo\.yaml#0: request\.operation names createImages, which the spec"):
        MockServer(tmp_path)
