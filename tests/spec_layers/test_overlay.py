"""The Overlay engine: the Action Object's rules, and the loud failures this project adds to them."""

from __future__ import annotations

from typing import Any

import pytest
from speclayers.overlay import Overlay, OverlayError, apply

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "components": {
        "schemas": {
            "Body": {
                "description": "published",
                "required": ["a", "b"],
                "properties": {"a": {"type": "string"}, "b": {"type": "integer"}},
                "oneOf": [{"required": ["x"], "properties": {"x": {}}}, {"required": ["y"], "properties": {"y": {}}}],
            },
        }
    },
}


def overlay(*actions: dict[str, Any], version: str = "1.0.0", reasons: tuple[str, ...] = ("why",)) -> Overlay:
    raw = {
        "overlay": version,
        "info": {"title": "t", "version": "1"},
        "x-deepshi-decisions": [{"id": r, "title": r.title(), "text": f"{r} text"} for r in reasons],
        "actions": [{"description": "does a thing", "x-deepshi-decision": reasons[0], **a} for a in actions],
    }
    return Overlay.parse(raw, name="test.yaml", reason_key="decision")


def body(document: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = document["components"]["schemas"]["Body"]
    return result


def test_update_merges_objects_recursively_and_appends_new_keys_in_order() -> None:
    result = apply(
        DOCUMENT,
        overlay({"target": "$.components.schemas.Body", "update": {"properties": {"a": {"minLength": 1}, "c": {}}}}),
    )
    assert body(result)["properties"] == {"a": {"type": "string", "minLength": 1}, "b": {"type": "integer"}, "c": {}}
    assert body(DOCUMENT)["properties"]["a"] == {"type": "string"}, "the input document is left alone"


def test_a_nested_array_is_replaced_in_1_0_and_concatenated_in_1_1() -> None:
    action = {"target": "$.components.schemas.Body", "update": {"required": ["c"]}}
    assert body(apply(DOCUMENT, overlay(action)))["required"] == ["c"]
    assert body(apply(DOCUMENT, overlay(action, version="1.1.0")))["required"] == ["a", "b", "c"]


def test_an_array_target_gets_the_update_appended() -> None:
    result = apply(DOCUMENT, overlay({"target": "$.components.schemas.Body.required", "update": "c"}))
    assert body(result)["required"] == ["a", "b", "c"]


def test_remove_deletes_every_selected_node_even_array_items() -> None:
    result = apply(
        DOCUMENT,
        overlay(
            {"target": "$.components.schemas.Body.required[?@ == 'b']", "remove": True},
            {"target": "$.components.schemas.Body.oneOf[*]", "remove": True},
            {"target": "$.components.schemas.Body.properties.a", "remove": True},
        ),
    )
    assert body(result)["required"] == ["a"]
    assert body(result)["oneOf"] == []
    assert list(body(result)["properties"]) == ["b"]


def test_copy_merges_the_one_selected_node_and_needs_1_1() -> None:
    lift = {"target": "$.components.schemas.Body", "copy": "$.components.schemas.Body.oneOf[?@.required[?@ == 'y']]"}
    result = apply(DOCUMENT, overlay(lift, version="1.1.0"))
    assert body(result)["required"] == ["a", "b", "y"]
    assert list(body(result)["properties"]) == ["a", "b", "y"]
    with pytest.raises(OverlayError, match=r"`copy` needs Overlay 1\.1"):
        overlay(lift)
    several = {"target": "$.components.schemas.Body", "copy": "$.components.schemas.Body.oneOf[*]"}
    with pytest.raises(OverlayError, match="selects 2 nodes, not one"):
        apply(DOCUMENT, overlay(several, version="1.1.0"))


def test_a_target_that_selects_nothing_fails_naming_the_action_and_its_reason() -> None:
    stale = overlay(
        {"target": "$.components.schemas.Body", "update": {"x-ok": True}},
        {"target": "$.components.schemas.Gone.properties", "update": {"x": {}}, "description": "Adds x to Gone."},
    )
    with pytest.raises(OverlayError) as failure:
        apply(DOCUMENT, stale)
    message = str(failure.value)
    assert "test.yaml action #2 [why] (Adds x to Gone.)" in message
    assert "$.components.schemas.Gone.properties selects nothing" in message


def test_a_copy_query_that_selects_nothing_fails_too() -> None:
    lift = {"target": "$.components.schemas.Body", "copy": "$.components.schemas.Body.anyOf[0]"}
    with pytest.raises(
        OverlayError, match=r"action #1 \[why\].*copy \$\.components\.schemas\.Body\.anyOf\[0\] selects nothing"
    ):
        apply(DOCUMENT, overlay(lift, version="1.1.0"))


def test_every_action_carries_a_listed_reason_and_every_reason_is_used() -> None:
    with pytest.raises(OverlayError, match="'other' is not listed"):
        overlay({"target": "$", "update": {}, "x-deepshi-decision": "other"})
    with pytest.raises(OverlayError, match="no action carries decision unused"):
        overlay({"target": "$", "update": {}}, reasons=("why", "unused"))
    with pytest.raises(OverlayError, match="says what it does and why"):
        overlay({"target": "$", "update": {}, "description": " "})
    with pytest.raises(OverlayError, match="exactly one of update, remove, copy"):
        overlay({"target": "$", "update": {}, "remove": True})


def test_1_0_refuses_a_primitive_target_and_a_bad_query() -> None:
    with pytest.raises(OverlayError, match="targets objects or arrays"):
        apply(DOCUMENT, overlay({"target": "$.openapi", "update": "3.2.0"}))
    assert apply(DOCUMENT, overlay({"target": "$.openapi", "update": "3.2.0"}, version="1.1.0"))["openapi"] == "3.2.0"
    with pytest.raises(OverlayError, match="is not valid JSONPath"):
        apply(DOCUMENT, overlay({"target": "$.components[", "update": {}}))


def test_unsupported_versions_are_refused() -> None:
    with pytest.raises(OverlayError, match=r"Overlay version 2\.0\.0 is not supported"):
        overlay({"target": "$", "update": {}}, version="2.0.0")
