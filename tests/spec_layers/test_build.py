"""The layers pinned: published copy + decisions == openapi/deepshi.yaml; + normalizations == the generator's input.

Also: the published copy holds none of this project's decisions, the decisions lose none of
Deepshi's fields, the decision list is what ``info.description`` renders, and a decision whose
target Deepshi changed stops the build naming itself.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import regen
import speclayers
import yaml
from speclayers.build import ROOT, USERS_SPEC, generator_input, load_yaml, users_spec

UPSTREAM = load_yaml(ROOT / speclayers.UPSTREAM)
EDIT_OPTIONS = UPSTREAM["components"]["schemas"]["ImageEditRequest"]["oneOf"]


def _nodes(document: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    """Every leaf (and empty container) of ``document`` by its path."""
    if isinstance(document, dict) and document:
        return {k: v for key, value in document.items() for k, v in _nodes(value, (*path, key)).items()}
    if isinstance(document, list) and document:
        return {k: v for index, value in enumerate(document) for k, v in _nodes(value, (*path, index)).items()}
    return {path: document}


def _changed(before: Any, after: Any) -> set[tuple[Any, ...]]:
    left, right = _nodes(before), _nodes(after)
    return {path for path in left.keys() | right.keys() if left.get(path, KeyError) != right.get(path, KeyError)}


def test_the_published_copy_plus_the_decisions_is_the_committed_users_spec() -> None:
    built = speclayers.build()
    assert (ROOT / USERS_SPEC).read_text(encoding="utf-8") == built.users_text, "run `python scripts/regen.py`"
    assert yaml.safe_load(built.users_text) == users_spec(UPSTREAM, speclayers.build_module.decisions())
    assert built.users_text.startswith("# BUILT FILE: do not edit.")


def test_the_generator_reads_the_users_spec_plus_the_normalizations_and_nothing_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: dict[str, str] = {}

    class Stop(Exception):
        pass

    def generate(_out_dir: Path, generator_input_path: Path, users_text: str) -> Path:
        read["generator"], read["shipped"] = generator_input_path.read_text(encoding="utf-8"), users_text
        raise Stop

    monkeypatch.setattr(regen, "generate", generate)
    with pytest.raises(Stop):
        regen.main(["--check"])
    users = yaml.safe_load((ROOT / USERS_SPEC).read_text(encoding="utf-8"))
    expected = generator_input(users, speclayers.build_module.normalizations())
    assert yaml.safe_load(read["generator"]) == expected
    assert read["shipped"] == (ROOT / USERS_SPEC).read_text(encoding="utf-8"), "the package ships the users' spec"
    edit = ("components", "schemas", "ImageEditRequest")
    encoding = ("paths", "/v1/images/edits", "post", "requestBody", "content", "multipart/form-data", "encoding")
    changed = {
        path[: len(edit) + 2] if path[:3] == edit else path[: len(encoding) + 1] for path in _changed(users, expected)
    }
    assert changed == {
        (*edit, "properties", "image"),
        (*edit, "properties", "image[]"),  # minItems: 1, which the anyOf branch held
        (*edit, "anyOf", 0),
        (*edit, "anyOf", 1),
        (*edit, "required", 2),
        (*encoding, "image"),
    }
    body = expected["components"]["schemas"]["ImageEditRequest"]
    assert body["required"] == ["model", "prompt", "image[]"]
    assert body["properties"]["image[]"]["minItems"] == 1
    assert "anyOf" not in body
    assert "image" not in body["properties"]


def test_the_published_copy_holds_none_of_the_projects_decisions() -> None:
    text = (ROOT / speclayers.UPSTREAM).read_text(encoding="utf-8")
    for decided in (
        "x-deepshi",
        "minLength",
        "minItems",
        "maxItems",
        "additionalProperties",
        "Idempotency-Key",
        "x-request-id",
        "listModels",
        "ModelList",
        "ImageStreamMessage",
        "contentMediaType",
    ):
        assert decided not in text, decided
    assert UPSTREAM["components"]["schemas"]["ImageStreamEvent"] == {}, "the docs name the event schema, nothing more"
    statuses = {code for item in UPSTREAM["paths"].values() for op in item.values() for code in op["responses"]}
    assert statuses == {"200", "400", "401", "402", "403", "429", "5XX"}, "the status codes the docs name"
    assert "operationId" not in UPSTREAM["paths"]["/v1/models"]["get"]


def test_the_published_edit_body_is_the_docs_oneof_of_two_options_declaring_both_file_arrays() -> None:
    body = UPSTREAM["components"]["schemas"]["ImageEditRequest"]
    assert set(body) == {"description", "oneOf"}
    assert [option["required"] for option in EDIT_OPTIONS] == [
        ["model", "prompt", "image[]"],
        ["model", "prompt", "image"],
    ]
    for option in EDIT_OPTIONS:
        assert (
            option["properties"]["image[]"]["items"]
            == option["properties"]["image"]["items"]
            == {"type": "string", "format": "binary"}
        )
    encoding = UPSTREAM["paths"]["/v1/images/edits"]["post"]["requestBody"]["content"]["multipart/form-data"][
        "encoding"
    ]
    assert set(encoding) == {"image[]", "image"}


def test_the_users_edit_body_keeps_every_published_field_in_the_published_order() -> None:
    users = load_yaml(ROOT / USERS_SPEC)["components"]["schemas"]["ImageEditRequest"]
    for option in EDIT_OPTIONS:
        assert list(users["properties"]) == list(option["properties"])


def test_info_description_renders_the_decision_list_in_order() -> None:
    decisions = speclayers.build_module.decisions()
    description = load_yaml(ROOT / USERS_SPEC)["info"]["description"]
    section = description.split("## Decisions made where the public docs are silent", 1)[1]
    positions = [section.index(f"{number}. **{reason.title}.**") for number, reason in enumerate(decisions.reasons, 1)]
    assert positions == sorted(positions)
    assert len(decisions.reasons) >= 7
    assert [reason.id for reason in decisions.reasons][:7] == [
        "image-alias", "stream-events", "models-catalog", "error-set", "extra-fields", "request-ids", "idempotency-keys",
    ]  # fmt: skip
    assert {action.reason for action in decisions.actions} == {reason.id for reason in decisions.reasons}


def test_a_reference_to_a_decision_that_does_not_exist_fails() -> None:
    published = copy.deepcopy(UPSTREAM)
    published["components"]["schemas"]["Seed"]["description"] += " (see decision 99)"
    with pytest.raises(speclayers.OverlayError, match="'decision 99'"):
        users_spec(published, speclayers.build_module.decisions())


def test_a_decision_whose_target_deepshi_changed_stops_the_build_naming_it() -> None:
    published = copy.deepcopy(UPSTREAM)
    del published["components"]["schemas"]["ImageData"]["properties"]["index"]
    with pytest.raises(speclayers.OverlayError) as failure:
        users_spec(published, speclayers.build_module.decisions())
    message = str(failure.value)
    assert "decisions.yaml action #" in message
    assert "[bounds] (A position in the batch starts at 0.)" in message
    assert "$.components.schemas.ImageData.properties.index selects nothing" in message


def test_drift_names_a_users_spec_that_is_not_the_build(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "openapi", tmp_path / "openapi")
    built = speclayers.build(tmp_path)
    assert speclayers.drift(tmp_path, built) == []
    spec = tmp_path / USERS_SPEC
    spec.write_text(spec.read_text(encoding="utf-8").replace("summary: Edit an image", "summary: Edit images"))
    assert speclayers.drift(tmp_path, built) == [
        f"{USERS_SPEC} (not the build of {speclayers.UPSTREAM} + {speclayers.DECISIONS})"
    ]


def test_regen_refuses_to_overwrite_a_hand_edit_of_the_built_spec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = speclayers.build()
    spec, shipped = tmp_path / "deepshi.yaml", tmp_path / "generated" / "openapi.yaml"
    shipped.parent.mkdir()
    monkeypatch.setattr(regen, "SPEC", spec)
    monkeypatch.setattr(regen, "TARGET", shipped.parent)
    monkeypatch.setattr(regen, "ROOT", tmp_path)
    old = built.users_text.replace("summary: Edit an image", "summary: Edit an image, before")
    spec.write_text(old)
    shipped.write_text(old)
    assert regen._hand_edited(built) is None, "what the client was last generated from: only the layers moved"
    spec.write_text(old + "# a hand edit\n")
    refusal = regen._hand_edited(built)
    assert refusal is not None
    assert "edited by hand" in refusal
    assert "openapi/overlays/decisions.yaml" in refusal
    spec.write_text(built.users_text)
    assert regen._hand_edited(built) is None, "already the fresh build"


def test_the_jsonpath_library_is_pinned_in_the_regen_group_that_tox_and_the_tests_use() -> None:
    import configparser
    import tomllib

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]
    assert [dep for dep in groups["regen"] if isinstance(dep, str) and "jsonpath" in dep] == ["jsonpath-rfc9535==1.0.1"]
    assert {"include-group": "regen"} in groups["test"]
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(ROOT / "tox.ini")
    for env in ("testenv:regen", "testenv:drift"):
        assert tox[env]["dependency_groups"].split() == ["regen"], env
