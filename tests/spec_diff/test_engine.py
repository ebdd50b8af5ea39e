"""One spec pair per rule: a copy of the real spec, changed the way the rule is about.

Each case asserts the rule id, its level and the operations it is reported at; the real spec
against itself (and against rewrites that mean the same) must read "no changes".
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest
from specdiff import RULES, Level
from specdiff.report import render_spec

from .conftest import SPEC, Mutation, diff

EDIT, GENERATE, MODELS = "POST /v1/images/edits", "POST /v1/images/generations", "GET /v1/models"
ERR, WARN, INFO = Level.ERR, Level.WARN, Level.INFO


def schemas(d: dict[str, Any]) -> dict[str, Any]:
    return d["components"]["schemas"]


def props(d: dict[str, Any], name: str) -> dict[str, Any]:
    return schemas(d)[name]["properties"]


def operation(d: dict[str, Any], op: str) -> dict[str, Any]:
    method, path = op.split(" ")
    return d["paths"][path][method.lower()]


def edit_parts(d: dict[str, Any]) -> dict[str, Any]:
    return operation(d, EDIT)["requestBody"]["content"]["multipart/form-data"]["encoding"]


def add_param(op: str, **param: Any) -> Mutation:
    return lambda d: operation(d, op).setdefault("parameters", []).append({"schema": {"type": "string"}, **param})


def with_base(mutate: Mutation) -> dict[str, Any]:
    base = copy.deepcopy(SPEC)
    mutate(base)
    return base


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Mutation
    rule: str
    level: Level
    ops: set[str] = field(default_factory=set)
    base: dict[str, Any] | None = None
    subject: str | None = None  # the property path the finding must name
    alone: bool = True  # a non-breaking change must bring no breaking finding with it


CASES = [
    # requiredness (check_request_property_required_updated.go, check_response_property_became_*.go)
    Case(
        "request property made required",
        lambda d: schemas(d)["ImageGenerationRequest"]["required"].append("seed"),
        "request-property-became-required",
        ERR,
        {GENERATE},
        subject="`seed`",
    ),
    Case(
        "request property with a default made required",
        lambda d: schemas(d)["ImageEditRequest"]["required"].append("n"),
        "request-property-became-required-with-default",
        ERR,
        {EDIT},
    ),
    Case(
        "request property made optional",
        lambda d: schemas(d)["ImageEditRequest"]["required"].remove("prompt"),
        "request-property-became-optional",
        INFO,
        {EDIT},
    ),
    Case(
        "response property made optional",
        lambda d: schemas(d)["ImagesResponse"]["required"].remove("created"),
        "response-property-became-optional",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "response property made required",
        lambda d: schemas(d)["ImagesResponse"]["required"].append("model"),
        "response-property-became-required",
        INFO,
        {EDIT, GENERATE},
    ),
    # properties added / removed (check_request_property_updated.go, check_response_*_property_updated.go)
    Case(
        "request property removed",
        lambda d: props(d, "ImageGenerationRequest").pop("seed"),
        "request-property-removed",
        WARN,
        {GENERATE},
    ),
    Case(
        "new required request property",
        lambda d: (
            props(d, "ImageGenerationRequest").update(style={"type": "string"}),
            schemas(d)["ImageGenerationRequest"]["required"].append("style"),
        ),
        "new-required-request-property",
        ERR,
        {GENERATE},
    ),
    Case(
        "new optional request property",
        lambda d: props(d, "ImageEditRequest").update(style={"type": "string"}),
        "new-optional-request-property",
        INFO,
        {EDIT},
    ),
    Case(
        "required response property removed",
        lambda d: props(d, "ImagesResponse").pop("created"),
        "response-required-property-removed",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "optional response property removed",
        lambda d: props(d, "ImagesResponse").pop("model"),
        "response-optional-property-removed",
        WARN,
        {EDIT, GENERATE},
    ),
    Case(
        "optional response property added",
        lambda d: props(d, "Model").update(family={"type": "string"}),
        "response-optional-property-added",
        INFO,
        {MODELS},
        subject="`data/items/family`",
    ),
    # enums (check_request_property_enum_value_updated.go, check_response_property_enum_value_*.go)
    Case(
        "request enum value removed",
        lambda d: schemas(d)["Quality"]["enum"].remove("low"),
        "request-property-enum-value-removed",
        ERR,
        {EDIT, GENERATE},
        subject="`quality`",
    ),
    Case(
        "request enum value added",
        lambda d: schemas(d)["OutputFormat"]["enum"].append("avif"),
        "request-property-enum-value-added",
        INFO,
        {EDIT, GENERATE},
    ),
    Case(
        "request property became an enum",
        lambda d: schemas(d)["Resolution"].update(enum=["1K", "2K", "4K"]),
        "request-property-became-enum",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "response enum value added",
        lambda d: props(d, "ImageStreamErrorEvent")["type"]["enum"].append("failure"),
        "response-property-enum-value-added",
        WARN,
        {EDIT, GENERATE},
        subject="`data/contentSchema/oneOf[ImageStreamErrorEvent]/type`",
    ),
    Case(
        "response enum value removed",
        lambda d: props(d, "ImageStreamErrorEvent")["type"].update(enum=[]),
        "response-property-enum-value-removed",
        INFO,
        {EDIT, GENERATE},
    ),
    # bounds (check_request_property_{max,min,min_length,min_items}_*.go, check_response_property_max_increased.go)
    Case(
        "request maximum narrowed",
        lambda d: schemas(d)["ImageCount"].update(maximum=2),
        "request-property-max-decreased",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "request maximum widened",
        lambda d: schemas(d)["ImageCount"].update(maximum=8),
        "request-property-max-increased",
        INFO,
        {EDIT, GENERATE},
    ),
    Case(
        "request minimum narrowed",
        lambda d: schemas(d)["PixelWidth"].update(minimum=64),
        "request-property-min-increased",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "request minLength narrowed",
        lambda d: props(d, "ImageGenerationRequest")["prompt"].update(minLength=5),
        "request-property-min-length-increased",
        ERR,
        {GENERATE},
    ),
    Case(
        "request maxLength set",
        lambda d: props(d, "ImageGenerationRequest")["prompt"].update(maxLength=32000),
        "request-property-max-length-set",
        WARN,
        {GENERATE},
    ),
    Case(
        "image[] maxItems narrowed (multipart array of binaries)",
        lambda d: props(d, "ImageEditRequest")["image[]"].update(maxItems=10),
        "request-property-max-items-decreased",
        ERR,
        {EDIT},
        subject="`image[]`",
    ),
    Case(
        "image[] minItems narrowed",  # the minimum lives in the anyOf branch that requires image[] (decision 1)
        lambda d: schemas(d)["ImageEditRequest"]["anyOf"][0]["properties"]["image[]"].update(minItems=2),
        "request-property-min-items-increased",
        ERR,
        {EDIT},
    ),
    Case(
        "request bound removed",
        lambda d: schemas(d)["ImageCount"].pop("maximum"),
        "request-property-max-unset",
        INFO,
        {EDIT, GENERATE},
    ),
    Case(
        "response maximum widened",
        lambda d: props(d, "ModelEditSupport")["max_images"].update(maximum=20),
        "response-property-max-increased",
        ERR,
        {MODELS},
        subject="`data/items/edit/max_images`",
    ),
    Case(
        "response maximum narrowed",
        lambda d: props(d, "ModelEditSupport")["max_images"].update(maximum=10),
        "response-property-max-decreased",
        INFO,
        {MODELS},
    ),
    Case(
        "response minimum removed",
        lambda d: props(d, "Cost")["total_cost"].pop("minimum"),
        "response-property-min-unset",
        ERR,
        {EDIT, GENERATE},
    ),
    # types (check_request_property_type_changed.go, check_types.go, check_response_property_type_changed.go)
    Case(
        "request type changed in JSON",
        lambda d: schemas(d)["Seed"].update(type="string"),
        "request-property-type-changed",
        ERR,
        {GENERATE},
    ),
    Case(
        "the same change in a multipart form reads as a string anyway",
        lambda d: schemas(d)["Seed"].update(type="string"),
        "request-property-type-compatible",
        INFO,
        {EDIT},
        alone=False,  # the JSON body of the other operation breaks: the case above
    ),
    Case(
        "request type widened",
        lambda d: schemas(d)["Seed"].update(type="number"),
        "request-property-type-generalized",
        INFO,
        {EDIT, GENERATE},
    ),
    Case(
        "multipart file items changed from binary",
        lambda d: props(d, "ImageEditRequest")["image[]"]["items"].update(format="byte"),
        "request-property-type-changed",
        ERR,
        {EDIT},
        subject="`image[]/items`",
    ),
    Case(
        "response type widened (type list)",
        lambda d: props(d, "ErrorDetail")["code"].update(type=["string", "integer", "null"]),
        "response-property-type-generalized",
        ERR,
        {EDIT, GENERATE, MODELS},
    ),
    Case(
        "type inside the SSE contentSchema is judged as JSON",
        lambda d: props(d, "ImageGenerationCompletedEvent")["model"].update(type="integer"),
        "response-property-type-changed",
        ERR,
        {EDIT, GENERATE},
        subject="`data/contentSchema/oneOf[ImageGenerationCompletedEvent]/model`",
    ),
    # nullability of `type: [string, 'null']` (check_*_property_became_*nullable.go)
    Case(
        "response property no longer nullable",
        lambda d: props(d, "ErrorDetail")["code"].update(type="string"),
        "response-property-became-not-nullable",
        INFO,
        {EDIT, GENERATE, MODELS},
    ),
    Case(
        "request property became nullable",
        lambda d: props(d, "ImageGenerationRequest")["prompt"].update(type=["string", "null"]),
        "request-property-became-nullable",
        INFO,
        {GENERATE},
    ),
    Case(
        "request property no longer nullable",
        lambda d: props(d, "ImageGenerationRequest")["prompt"].update(type="string"),
        "request-property-became-not-nullable",
        ERR,
        {GENERATE},
        base=with_base(lambda d: props(d, "ImageGenerationRequest")["prompt"].update(type=["string", "null"])),
    ),
    # default (check_request_property_default_value_changed.go, check_request_parameters_default_value_changed.go)
    Case(
        "request default changed",
        lambda d: schemas(d)["ImageCount"].update(default=2),
        "request-property-default-value-changed",
        INFO,
        {EDIT, GENERATE},
    ),
    # additionalProperties: true (decision 5; rules.DEEPSHI)
    Case(
        "request body stops accepting extra fields",
        lambda d: schemas(d)["ImageEditRequest"].update(additionalProperties=False),
        "request-body-additional-properties-narrowed",
        ERR,
        {EDIT},
    ),
    Case(
        "response body declares no extra fields",
        lambda d: schemas(d)["ImagesResponse"].update(additionalProperties=False),
        "response-body-additional-properties-narrowed",
        INFO,
        {EDIT, GENERATE},
    ),
    Case(
        "response property may carry extra fields",
        lambda d: schemas(d)["Cost"].update(additionalProperties=True),
        "response-property-additional-properties-widened",
        WARN,
        {EDIT, GENERATE},
        base=with_base(lambda d: schemas(d)["Cost"].update(additionalProperties=False)),
    ),
    # oneOf + discriminator of ImageStreamEvent (check_response_property_one_of_updated.go,
    # check_response_discriminator_updated.go)
    Case(
        "stream event type added to the oneOf",
        lambda d: (
            schemas(d).update(PartialImageEvent={"type": "object", "properties": {"type": {"enum": ["partial"]}}}),
            schemas(d)["ImageStreamEvent"]["oneOf"].append({"$ref": "#/components/schemas/PartialImageEvent"}),
        ),
        "response-property-one-of-added",
        ERR,
        {EDIT, GENERATE},
        subject="`data/contentSchema`",
    ),
    Case(
        "stream event type removed from the oneOf",
        lambda d: schemas(d)["ImageStreamEvent"]["oneOf"].pop(),
        "response-property-one-of-removed",
        INFO,
        {EDIT, GENERATE},
    ),
    Case(
        "discriminator mapping added",
        lambda d: schemas(d)["ImageStreamEvent"]["discriminator"]["mapping"].update(
            failure="#/components/schemas/ImageStreamErrorEvent"
        ),
        "response-property-discriminator-mapping-added",
        INFO,
        {EDIT, GENERATE},
    ),
    # if/else of ImageData (check_response_property_if_updated.go; `if` itself: rules.DEEPSHI)
    Case(
        "ImageData no longer promises url when b64_json is absent",
        lambda d: schemas(d)["ImageData"]["else"].update(required=[]),
        "response-property-became-optional",
        ERR,
        {EDIT, GENERATE},
        subject="`data/items/else/url`",
    ),
    Case(
        "ImageData else removed",
        lambda d: schemas(d)["ImageData"].pop("else"),
        "response-property-else-removed",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "ImageData if condition changed",
        lambda d: schemas(d)["ImageData"].update({"if": {"required": ["url"]}}),
        "response-property-if-changed",
        WARN,
        {EDIT, GENERATE},
    ),
    # contentSchema / contentMediaType (check_*_property_content_updated.go)
    Case(
        "SSE contentSchema removed",
        lambda d: props(d, "ImageStreamMessage")["data"].pop("contentSchema"),
        "response-property-content-schema-removed",
        ERR,
        {EDIT, GENERATE},
        subject="`data`",
    ),
    Case(
        "SSE data no longer JSON",
        lambda d: props(d, "ImageStreamMessage")["data"].update(contentMediaType="text/plain"),
        "response-property-content-media-type-changed",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "file part content media type changed",
        lambda d: props(d, "ImageEditRequest")["image[]"]["items"].update(contentMediaType="image/png"),
        "request-property-content-media-type-changed",
        ERR,
        {EDIT},
    ),
    # multipart part encodings (rules.DEEPSHI)
    Case(
        "image[] no longer accepts WebP",
        lambda d: edit_parts(d)["image[]"].update(contentType="image/png, image/jpeg"),
        "request-part-content-type-removed",
        ERR,
        {EDIT},
    ),
    Case(
        "image[] accepts GIF",
        lambda d: edit_parts(d)["image[]"].update(contentType="image/png, image/jpeg, image/webp, image/gif"),
        "request-part-content-type-added",
        INFO,
        {EDIT},
    ),
    # paths and operations (check_api_removed.go, check_api_added.go, check_api_deprecation.go)
    Case("path removed", lambda d: d["paths"].pop("/v1/models"), "api-path-removed-without-deprecation", ERR, {MODELS}),
    Case(
        "operation removed from a path",
        lambda d: d["paths"]["/v1/models"].pop("post"),
        "api-removed-without-deprecation",
        ERR,
        {"POST /v1/models"},
        base=with_base(lambda d: d["paths"]["/v1/models"].update(post=copy.deepcopy(operation(d, MODELS)))),
    ),
    Case(
        "deprecated operation removed",
        lambda d: d["paths"]["/v1/models"].pop("post"),
        "api-removed-with-deprecation",
        INFO,
        {"POST /v1/models"},
        base=with_base(
            lambda d: d["paths"]["/v1/models"].update(post={**copy.deepcopy(operation(d, MODELS)), "deprecated": True})
        ),
    ),
    Case(
        "endpoint added",
        lambda d: d["paths"].update({"/v1/models/{id}": {"get": copy.deepcopy(operation(d, MODELS))}}),
        "endpoint-added",
        INFO,
        {"GET /v1/models/{id}"},
    ),
    Case(
        "operation deprecated",
        lambda d: operation(d, GENERATE).update(deprecated=True),
        "endpoint-deprecated",
        INFO,
        {GENERATE},
    ),
    Case(
        "operationId changed",
        lambda d: operation(d, EDIT).update(operationId="edit"),
        "api-operation-id-removed",
        INFO,
        {EDIT},
    ),
    # request bodies (check_request_body_*.go)
    Case(
        "request media type removed",
        lambda d: operation(d, GENERATE)["requestBody"]["content"].pop("application/x-www-form-urlencoded"),
        "request-body-media-type-removed",
        ERR,
        {GENERATE},
        base=with_base(
            lambda d: operation(d, GENERATE)["requestBody"]["content"].update(
                {
                    "application/x-www-form-urlencoded": {
                        "schema": {"$ref": "#/components/schemas/ImageGenerationRequest"}
                    }
                }
            )
        ),
    ),
    Case(
        "request body made optional",
        lambda d: operation(d, EDIT)["requestBody"].update(required=False),
        "request-body-became-optional",
        INFO,
        {EDIT},
    ),
    Case("request body removed", lambda d: operation(d, EDIT).pop("requestBody"), "request-body-removed", ERR, {EDIT}),
    # responses (check_response_status_updated.go, check_response_mediatype_updated.go, headers)
    Case(
        "success status removed",
        lambda d: operation(d, MODELS)["responses"].pop("200"),
        "response-success-status-removed",
        ERR,
        {MODELS},
    ),
    Case(
        "error status removed",
        lambda d: operation(d, EDIT)["responses"].pop("413"),
        "response-non-success-status-removed",
        INFO,
        {EDIT},
    ),
    Case(
        "error range added",
        lambda d: operation(d, MODELS)["responses"].update({"4XX": {"description": "other client errors"}}),
        "response-non-success-status-added",
        INFO,
        {MODELS},
    ),
    Case(
        "SSE media type removed",
        lambda d: d["components"]["responses"]["ImagesOk"]["content"].pop("text/event-stream"),
        "response-media-type-removed",
        ERR,
        {EDIT, GENERATE},
    ),
    Case(
        "optional response header removed",
        lambda d: d["components"]["responses"]["ImagesOk"].pop("headers"),
        "optional-response-header-removed",
        WARN,
        {EDIT, GENERATE},
    ),
    Case(
        "response header added",
        lambda d: d["components"]["responses"]["Unauthorized"].update(
            headers={"x-request-id": {"$ref": "#/components/headers/RequestId"}}
        ),
        "response-header-added",
        INFO,
        {EDIT, GENERATE, MODELS},
    ),
    Case(
        "response header became optional",
        lambda d: d["components"]["headers"]["RequestId"].pop("required"),
        "response-header-became-optional",
        ERR,
        {EDIT, GENERATE, MODELS},
        base=with_base(lambda d: d["components"]["headers"]["RequestId"].update(required=True)),
    ),
    # parameters (check_new_request_non_path_parameter.go, check_request_parameter_*.go)
    Case(
        "new required query parameter",
        add_param(MODELS, name="owner", **{"in": "query"}, required=True),
        "new-required-request-parameter",
        ERR,
        {MODELS},
    ),
    Case(
        "new optional query parameter",
        add_param(MODELS, name="owner", **{"in": "query"}),
        "new-optional-request-parameter",
        INFO,
        {MODELS},
    ),
    Case(
        "query parameter removed",
        lambda d: operation(d, MODELS).pop("parameters"),
        "request-parameter-removed",
        WARN,
        {MODELS},
        base=with_base(add_param(MODELS, name="owner", **{"in": "query"})),
    ),
    Case(
        "query parameter made required",
        lambda d: operation(d, MODELS)["parameters"][0].update(required=True),
        "request-parameter-became-required",
        ERR,
        {MODELS},
        base=with_base(add_param(MODELS, name="owner", **{"in": "query"})),
    ),
    Case(
        "parameter default changed",
        lambda d: operation(d, MODELS)["parameters"][0]["schema"].update(default="google"),
        "request-parameter-default-value-changed",
        ERR,
        {MODELS},
        base=with_base(add_param(MODELS, name="owner", **{"in": "query"}, schema={"type": "string", "default": "x"})),
    ),
    # security, components, extensions, documentation
    Case("global security removed", lambda d: d.pop("security"), "api-global-security-removed", INFO),
    Case(
        "unused component schema changed",
        lambda d: schemas(d)["Spare"].update(maxLength=3),
        "api-schema-changed",
        INFO,
        base=with_base(lambda d: schemas(d).update(Spare={"type": "string"})),
    ),
    Case(
        "component schema removed",
        lambda d: schemas(d).pop("Spare"),
        "api-schema-removed",
        INFO,
        base=with_base(lambda d: schemas(d).update(Spare={"type": "string"})),
    ),
    Case(
        "the image alias dropped",
        lambda d: schemas(d)["ImageEditRequest"].pop("x-deepshi-field-aliases"),
        "extension-changed",
        WARN,
        {EDIT},
    ),
    Case(
        "3.1 examples added to a schema",
        lambda d: schemas(d)["Seed"].update(examples=[1, 2]),
        "documentation-changed",
        INFO,
        {EDIT, GENERATE},
    ),
    Case(
        "a media type example changed",
        lambda d: d["components"]["responses"]["ImagesOk"]["content"]["application/json"].update(example={}),
        "documentation-changed",
        INFO,
        {EDIT, GENERATE},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_rule_fires_at_its_level_where_the_change_is_used(case: Case) -> None:
    findings = diff(case.mutate, case.base)
    fired = [f for f in findings if f.rule == case.rule]
    assert fired, f"{case.rule} not reported; got {[(f.rule, f.message) for f in findings]}"
    assert RULES[case.rule].level == case.level
    assert {f.op for f in fired if f.op} == case.ops
    if case.subject:
        assert any(case.subject in f.subject for f in fired), [f.subject for f in fired]
    if case.level != ERR and case.alone:
        assert not [f for f in findings if f.level == ERR], [f.message for f in findings]


def test_the_real_spec_against_itself_has_no_changes() -> None:
    assert diff(lambda _spec: None) == []
    assert render_spec([], title="t") == ["t", "  no changes"]


@pytest.mark.parametrize(
    "rewrite",
    [
        lambda d: schemas(d)["Cost"].pop("additionalProperties"),  # `true` is the default
        lambda d: schemas(d)["Quality"]["enum"].reverse(),
        lambda d: schemas(d)["Seed"].update(type=["integer"]),
        lambda d: props(d, "ImageGenerationRequest").update(n=copy.deepcopy(schemas(d)["ImageCount"])),  # inlined
    ],
    ids=["additionalProperties true left out", "enum reordered", "type as a one-item list", "a $ref inlined"],
)
def test_rewrites_that_mean_the_same_are_no_change(rewrite: Mutation) -> None:
    assert diff(rewrite) == []


def test_ref_siblings_apply_together_with_the_target() -> None:
    findings = diff(
        lambda d: props(d, "ImageGenerationRequest").update(
            n={"$ref": "#/components/schemas/ImageCount", "maximum": 2, "description": "At most two."}
        )
    )
    assert {(f.rule, f.text) for f in findings if f.rule != "api-version-not-bumped"} == {
        ("request-property-max-decreased", "maximum decreased from 4 to 2"),
        ("documentation-changed", "`description` changed"),
    }
    (narrowed,) = [f for f in findings if f.rule == "request-property-max-decreased"]
    assert narrowed.origin == "#/components/schemas/ImageGenerationRequest/properties/n/maximum"
    assert (
        diff(
            lambda d: props(d, "ImageGenerationRequest").update(
                n={"$ref": "#/components/schemas/ImageCount", "maximum": 9}
            )
        )
        == []
    )


def test_a_shared_component_is_reported_at_every_use_and_printed_once() -> None:
    findings = diff(lambda d: props(d, "ErrorDetail").pop("code"))
    assert {f.rule for f in findings} == {"response-optional-property-removed"}
    assert {f.op for f in findings} == {EDIT, GENERATE, MODELS}
    text = "\n".join(render_spec(findings, title="t"))
    assert text.count("[response-optional-property-removed]") == 1
    assert text.count("#/components/schemas/ErrorDetail/properties/code") == 1
    assert "as response property `error/code` in" in text
    assert f"{MODELS} (responses 401, 403, 429, 5XX application/json)" in text
    assert "as response property `data/contentSchema/oneOf[ImageStreamErrorEvent]/error/code` in" in text


def test_breaking_changes_print_before_the_others_with_their_ids() -> None:
    findings = diff(
        lambda d: (
            schemas(d)["Quality"]["enum"].remove("low"),
            schemas(d)["OutputFormat"]["enum"].append("avif"),
        )
    )
    lines = render_spec(findings, title="t")
    assert lines[1] == "Breaking changes (ERR): 1"
    assert (
        lines[2] == "  error [request-property-enum-value-removed] request property `quality`: enum value `low` removed"
    )
    assert lines[3] == "        at #/components/schemas/Quality/enum"
    assert lines[4:6] == [
        f"        in {EDIT} (request multipart/form-data)",
        f"           {GENERATE} (request application/json)",
    ]
    assert "Non-breaking changes (INFO): 2" in lines  # the enum value added, and api-version-not-bumped
    assert any("[request-property-enum-value-added]" in line for line in lines)


@pytest.mark.parametrize(
    ("version", "rule"),
    [
        ("1.0.0", "api-version-not-bumped"),
        ("1.1.0", "api-major-version-not-bumped"),
        ("0.9.0", "api-version-decreased"),
        ("2.0.0", None),
    ],
)
def test_info_version_policy_on_a_breaking_change(version: str, rule: str | None) -> None:
    findings = diff(lambda d: (props(d, "ImagesResponse").pop("created"), d["info"].update(version=version)))
    policy = {f.rule for f in findings} & {
        "api-version-not-bumped",
        "api-major-version-not-bumped",
        "api-version-decreased",
    }
    assert policy == ({rule} if rule else set())
    assert all(RULES[r].level == INFO for r in policy)


def test_an_unused_component_that_changed_is_still_reported() -> None:
    base = with_base(lambda d: d["components"]["responses"].update(Spare={"description": "one"}))
    findings = diff(lambda d: d["components"]["responses"]["Spare"].update(description="two"), base)
    assert [(f.rule, f.origin) for f in findings] == [("api-component-changed", "#/components/responses/Spare")]


def test_a_change_at_the_root_of_the_shared_error_body_is_one_entry_for_every_status() -> None:
    findings = diff(lambda d: schemas(d)["ErrorResponse"].update(additionalProperties=False))
    assert {f.rule for f in findings} == {"response-body-additional-properties-narrowed"}
    lines = render_spec(findings, title="t")
    assert lines[2:5] == [
        "  info  [response-body-additional-properties-narrowed] response body: additionalProperties changed from any to none",
        "        at #/components/schemas/ErrorResponse/additionalProperties",
        f"        in {EDIT} (responses 400, 401, 402, 403, 404, 413, 422, 429, 5XX application/json)",
    ]
    assert lines[-1] == f"           {MODELS} (responses 401, 403, 429, 5XX application/json)"
