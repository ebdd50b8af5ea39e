"""The rule table: every rule id the engine can report, its level and where the rule comes from.

The ids and levels are oasdiff's (https://github.com/oasdiff/oasdiff, ``checker/rules.go`` and
the ``checker/check_*.go`` file named per rule, at commit :data:`OASDIFF_COMMIT`). Levels mean
what they mean there: ``ERR`` a change that breaks clients, ``WARN`` one that may break them and
cannot be confirmed programmatically, ``INFO`` a change that breaks no client.

Where oasdiff has no rule for a change this spec can make (``maxItems`` of a request property,
``additionalProperties``, bounds removed, the multipart part content types, annotations, ...),
the id is ours, in oasdiff's naming pattern, and its source says so (:data:`DEEPSHI`). Nothing
else may be reported: :class:`~specdiff.findings.Findings` refuses an id that is not in
:data:`RULES`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

OASDIFF_COMMIT = "4553c69d3869ee555ee4f00831d8cca6e1c208ff"  # oasdiff main, 2026-08-08
OASDIFF_SOURCE = f"https://github.com/oasdiff/oasdiff/blob/{OASDIFF_COMMIT}/checker/"


class Level(enum.IntEnum):
    """oasdiff's severity levels (``checker/level.go``)."""

    INFO = 0
    WARN = 1
    ERR = 2


INFO, WARN, ERR = Level.INFO, Level.WARN, Level.ERR


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    source: str  # an oasdiff checker file, or "deepshi: <why there is no oasdiff rule>"


# Generated from oasdiff's checker/rules.go at OASDIFF_COMMIT (id -> level, checker file), limited to
# the rules whose subject this engine compares. Do not edit a level by hand: it is oasdiff's.
OASDIFF: dict[str, tuple[Level, str]] = {
    "api-global-security-added": (INFO, "check_api_security_updated.go"),
    "api-global-security-removed": (INFO, "check_api_security_updated.go"),
    "api-global-security-scope-added": (INFO, "check_api_security_updated.go"),
    "api-global-security-scope-removed": (INFO, "check_api_security_updated.go"),
    "api-major-version-not-bumped": (INFO, "versioning_policy.go"),
    "api-operation-id-added": (INFO, "check_api_operation_id_updated.go"),
    "api-operation-id-removed": (INFO, "check_api_operation_id_updated.go"),
    "api-path-removed-with-deprecation": (INFO, "check_api_removed.go"),
    "api-path-removed-without-deprecation": (ERR, "check_api_removed.go"),
    "api-removed-with-deprecation": (INFO, "check_api_removed.go"),
    "api-removed-without-deprecation": (ERR, "check_api_removed.go"),
    "api-schema-removed": (INFO, "check_components_schemas_removed.go"),
    "api-security-added": (INFO, "check_api_security_updated.go"),
    "api-security-component-added": (INFO, "check_components_security_updated.go"),
    "api-security-component-removed": (INFO, "check_components_security_updated.go"),
    "api-security-component-type-changed": (INFO, "check_components_security_updated.go"),
    "api-security-removed": (INFO, "check_api_security_updated.go"),
    "api-security-scope-added": (INFO, "check_api_security_updated.go"),
    "api-security-scope-removed": (INFO, "check_api_security_updated.go"),
    "api-tag-added": (INFO, "check_api_tag_updated.go"),
    "api-tag-removed": (INFO, "check_api_tag_updated.go"),
    "api-version-decreased": (INFO, "versioning_policy.go"),
    "api-version-not-bumped": (INFO, "versioning_policy.go"),
    "endpoint-added": (INFO, "check_api_added.go"),
    "endpoint-deprecated": (INFO, "check_api_deprecation.go"),
    "endpoint-reactivated": (INFO, "check_api_deprecation.go"),
    "new-optional-request-parameter": (INFO, "check_new_request_non_path_parameter.go"),
    "new-optional-request-property": (INFO, "check_request_property_updated.go"),
    "new-request-path-parameter": (ERR, "check_request_path_parameter_added.go"),
    "new-required-request-parameter": (ERR, "check_new_request_non_path_parameter.go"),
    "new-required-request-property": (ERR, "check_request_property_updated.go"),
    "new-required-request-property-with-default": (ERR, "check_request_property_updated.go"),
    "optional-response-header-removed": (WARN, "check_response_header_removed.go"),
    "request-body-added-optional": (INFO, "check_added_required_request_body.go"),
    "request-body-added-required": (ERR, "check_added_required_request_body.go"),
    "request-body-all-of-added": (ERR, "check_request_property_all_of_updated.go"),
    "request-body-all-of-removed": (WARN, "check_request_property_all_of_updated.go"),
    "request-body-any-of-added": (INFO, "check_request_property_any_of_updated.go"),
    "request-body-any-of-removed": (ERR, "check_request_property_any_of_updated.go"),
    "request-body-became-enum": (ERR, "check_request_body_became_enum.go"),
    "request-body-became-not-nullable": (ERR, "check_request_property_became_not_nuallable.go"),
    "request-body-became-nullable": (INFO, "check_request_property_became_not_nuallable.go"),
    "request-body-became-optional": (INFO, "check_request_body_required_value_updated.go"),
    "request-body-became-required": (ERR, "check_request_body_required_value_updated.go"),
    "request-body-const-added": (ERR, "check_request_property_const_changed.go"),
    "request-body-const-changed": (ERR, "check_request_property_const_changed.go"),
    "request-body-const-removed": (INFO, "check_request_property_const_changed.go"),
    "request-body-content-encoding-changed": (ERR, "check_request_property_content_updated.go"),
    "request-body-content-media-type-changed": (ERR, "check_request_property_content_updated.go"),
    "request-body-content-schema-added": (ERR, "check_request_property_content_updated.go"),
    "request-body-content-schema-removed": (INFO, "check_request_property_content_updated.go"),
    "request-body-default-value-added": (INFO, "check_request_property_default_value_changed.go"),
    "request-body-default-value-changed": (INFO, "check_request_property_default_value_changed.go"),
    "request-body-default-value-removed": (INFO, "check_request_property_default_value_changed.go"),
    "request-body-discriminator-added": (INFO, "check_request_discriminator_updated.go"),
    "request-body-discriminator-mapping-added": (INFO, "check_request_discriminator_updated.go"),
    "request-body-discriminator-mapping-changed": (INFO, "check_request_discriminator_updated.go"),
    "request-body-discriminator-mapping-deleted": (INFO, "check_request_discriminator_updated.go"),
    "request-body-discriminator-property-name-changed": (INFO, "check_request_discriminator_updated.go"),
    "request-body-discriminator-removed": (INFO, "check_request_discriminator_updated.go"),
    "request-body-else-added": (ERR, "check_request_property_if_updated.go"),
    "request-body-else-removed": (INFO, "check_request_property_if_updated.go"),
    "request-body-enum-value-removed": (ERR, "check_request_body_enum_deleted.go"),
    "request-body-exclusive-max-decreased": (ERR, "check_request_property_max_updated.go"),
    "request-body-exclusive-max-increased": (INFO, "check_request_property_max_updated.go"),
    "request-body-exclusive-max-set": (WARN, "check_request_property_max_set.go"),
    "request-body-exclusive-min-decreased": (INFO, "check_request_property_min_updated.go"),
    "request-body-exclusive-min-increased": (ERR, "check_request_property_min_updated.go"),
    "request-body-exclusive-min-set": (WARN, "check_request_property_min_set.go"),
    "request-body-if-added": (ERR, "check_request_property_if_updated.go"),
    "request-body-if-removed": (INFO, "check_request_property_if_updated.go"),
    "request-body-max-decreased": (ERR, "check_request_property_max_updated.go"),
    "request-body-max-increased": (INFO, "check_request_property_max_updated.go"),
    "request-body-max-length-decreased": (ERR, "check_request_property_max_length_updated.go"),
    "request-body-max-length-increased": (INFO, "check_request_property_max_length_updated.go"),
    "request-body-max-length-set": (WARN, "check_request_property_max_length_set.go"),
    "request-body-max-set": (WARN, "check_request_property_max_set.go"),
    "request-body-media-type-added": (INFO, "check_request_body_mediatype_updated.go"),
    "request-body-media-type-removed": (ERR, "check_request_body_mediatype_updated.go"),
    "request-body-media-type-schema-added": (ERR, "check_media_type_schema_existence.go"),
    "request-body-media-type-schema-removed": (INFO, "check_media_type_schema_existence.go"),
    "request-body-min-decreased": (INFO, "check_request_property_min_updated.go"),
    "request-body-min-increased": (ERR, "check_request_property_min_updated.go"),
    "request-body-min-items-increased": (ERR, "check_request_property_min_items_increased.go"),
    "request-body-min-items-set": (WARN, "check_request_property_min_items_set.go"),
    "request-body-min-length-decreased": (INFO, "check_request_property_min_length_updated.go"),
    "request-body-min-length-increased": (ERR, "check_request_property_min_length_updated.go"),
    "request-body-min-set": (WARN, "check_request_property_min_set.go"),
    "request-body-one-of-added": (INFO, "check_request_property_one_of_updated.go"),
    "request-body-one-of-removed": (ERR, "check_request_property_one_of_updated.go"),
    "request-body-removed": (ERR, "check_request_body_removed.go"),
    "request-body-then-added": (ERR, "check_request_property_if_updated.go"),
    "request-body-then-removed": (INFO, "check_request_property_if_updated.go"),
    "request-body-type-changed": (ERR, "check_request_property_type_changed.go"),
    "request-body-type-compatible": (INFO, "check_request_property_type_changed.go"),
    "request-body-type-generalized": (INFO, "check_request_property_type_changed.go"),
    "request-parameter-became-enum": (ERR, "check_request_parameter_became_enum.go"),
    "request-parameter-became-not-nullable": (ERR, "check_request_parameter_became_nullable.go"),
    "request-parameter-became-nullable": (INFO, "check_request_parameter_became_nullable.go"),
    "request-parameter-became-optional": (INFO, "check_request_parameter_required_value_updated.go"),
    "request-parameter-became-required": (ERR, "check_request_parameter_required_value_updated.go"),
    "request-parameter-default-value-added": (ERR, "check_request_parameters_default_value_changed.go"),
    "request-parameter-default-value-changed": (ERR, "check_request_parameters_default_value_changed.go"),
    "request-parameter-default-value-removed": (ERR, "check_request_parameters_default_value_changed.go"),
    "request-parameter-deprecated": (INFO, "check_request_parameter_deprecation.go"),
    "request-parameter-enum-value-added": (INFO, "check_request_parameter_enum_value_updated.go"),
    "request-parameter-enum-value-removed": (ERR, "check_request_parameter_enum_value_updated.go"),
    "request-parameter-exclusive-max-decreased": (ERR, "check_request_parameters_max_updated.go"),
    "request-parameter-exclusive-max-increased": (INFO, "check_request_parameters_max_updated.go"),
    "request-parameter-exclusive-max-set": (WARN, "check_request_parameters_max_set.go"),
    "request-parameter-exclusive-min-decreased": (INFO, "check_request_parameters_min_updated.go"),
    "request-parameter-exclusive-min-increased": (ERR, "check_request_parameters_min_updated.go"),
    "request-parameter-exclusive-min-set": (WARN, "check_request_parameters_min_set.go"),
    "request-parameter-max-decreased": (ERR, "check_request_parameters_max_updated.go"),
    "request-parameter-max-increased": (INFO, "check_request_parameters_max_updated.go"),
    "request-parameter-max-items-decreased": (ERR, "check_request_parameters_max_items_updated.go"),
    "request-parameter-max-items-increased": (INFO, "check_request_parameters_max_items_updated.go"),
    "request-parameter-max-length-decreased": (ERR, "check_request_parameters_max_length_updated.go"),
    "request-parameter-max-length-increased": (INFO, "check_request_parameters_max_length_updated.go"),
    "request-parameter-max-length-set": (WARN, "check_request_parameters_max_length_set.go"),
    "request-parameter-max-set": (WARN, "check_request_parameters_max_set.go"),
    "request-parameter-min-decreased": (INFO, "check_request_parameters_min_updated.go"),
    "request-parameter-min-increased": (ERR, "check_request_parameters_min_updated.go"),
    "request-parameter-min-items-decreased": (INFO, "check_request_parameters_min_items_updated.go"),
    "request-parameter-min-items-increased": (ERR, "check_request_parameters_min_items_updated.go"),
    "request-parameter-min-items-set": (WARN, "check_request_parameters_min_items_set.go"),
    "request-parameter-min-length-decreased": (INFO, "check_request_parameters_min_length_updated.go"),
    "request-parameter-min-length-increased": (ERR, "check_request_parameters_min_length_updated.go"),
    "request-parameter-min-set": (WARN, "check_request_parameters_min_set.go"),
    "request-parameter-pattern-added": (ERR, "check_request_parameter_pattern_added_or_changed.go"),
    "request-parameter-pattern-changed": (WARN, "check_request_parameter_pattern_added_or_changed.go"),
    "request-parameter-pattern-removed": (INFO, "check_request_parameter_pattern_added_or_changed.go"),
    "request-parameter-property-became-not-nullable": (ERR, "check_request_parameter_became_nullable.go"),
    "request-parameter-property-became-nullable": (INFO, "check_request_parameter_became_nullable.go"),
    "request-parameter-property-enum-value-added": (INFO, "check_request_parameter_enum_value_updated.go"),
    "request-parameter-property-enum-value-removed": (ERR, "check_request_parameter_enum_value_updated.go"),
    "request-parameter-property-type-changed": (WARN, "check_request_parameters_type_changed.go"),
    "request-parameter-property-type-generalized": (INFO, "check_request_parameters_type_changed.go"),
    "request-parameter-property-type-specialized": (ERR, "check_request_parameters_type_changed.go"),
    "request-parameter-reactivated": (INFO, "check_request_parameter_deprecation.go"),
    "request-parameter-removed": (WARN, "check_request_parameter_removed.go"),
    "request-parameter-removed-with-deprecation": (INFO, "check_request_parameter_removed.go"),
    "request-parameter-type-changed": (ERR, "check_request_parameters_type_changed.go"),
    "request-parameter-type-generalized": (INFO, "check_request_parameters_type_changed.go"),
    "request-property-all-of-added": (ERR, "check_request_property_all_of_updated.go"),
    "request-property-all-of-removed": (WARN, "check_request_property_all_of_updated.go"),
    "request-property-any-of-added": (INFO, "check_request_property_any_of_updated.go"),
    "request-property-any-of-removed": (ERR, "check_request_property_any_of_updated.go"),
    "request-property-became-enum": (ERR, "check_request_property_became_enum.go"),
    "request-property-became-not-nullable": (ERR, "check_request_property_became_not_nuallable.go"),
    "request-property-became-nullable": (INFO, "check_request_property_became_not_nuallable.go"),
    "request-property-became-optional": (INFO, "check_request_property_required_updated.go"),
    "request-property-became-required": (ERR, "check_request_property_required_updated.go"),
    "request-property-became-required-with-default": (ERR, "check_request_property_required_updated.go"),
    "request-property-const-added": (ERR, "check_request_property_const_changed.go"),
    "request-property-const-changed": (ERR, "check_request_property_const_changed.go"),
    "request-property-const-removed": (INFO, "check_request_property_const_changed.go"),
    "request-property-content-encoding-changed": (ERR, "check_request_property_content_updated.go"),
    "request-property-content-media-type-changed": (ERR, "check_request_property_content_updated.go"),
    "request-property-content-schema-added": (ERR, "check_request_property_content_updated.go"),
    "request-property-content-schema-removed": (INFO, "check_request_property_content_updated.go"),
    "request-property-default-value-added": (INFO, "check_request_property_default_value_changed.go"),
    "request-property-default-value-changed": (INFO, "check_request_property_default_value_changed.go"),
    "request-property-default-value-removed": (INFO, "check_request_property_default_value_changed.go"),
    "request-property-deprecated": (INFO, "check_request_property_deprecation.go"),
    "request-property-discriminator-added": (INFO, "check_request_discriminator_updated.go"),
    "request-property-discriminator-mapping-added": (INFO, "check_request_discriminator_updated.go"),
    "request-property-discriminator-mapping-changed": (INFO, "check_request_discriminator_updated.go"),
    "request-property-discriminator-mapping-deleted": (INFO, "check_request_discriminator_updated.go"),
    "request-property-discriminator-property-name-changed": (INFO, "check_request_discriminator_updated.go"),
    "request-property-discriminator-removed": (INFO, "check_request_discriminator_updated.go"),
    "request-property-else-added": (ERR, "check_request_property_if_updated.go"),
    "request-property-else-removed": (INFO, "check_request_property_if_updated.go"),
    "request-property-enum-value-added": (INFO, "check_request_property_enum_value_updated.go"),
    "request-property-enum-value-removed": (ERR, "check_request_property_enum_value_updated.go"),
    "request-property-exclusive-max-decreased": (ERR, "check_request_property_max_updated.go"),
    "request-property-exclusive-max-increased": (INFO, "check_request_property_max_updated.go"),
    "request-property-exclusive-max-set": (WARN, "check_request_property_max_set.go"),
    "request-property-exclusive-min-decreased": (INFO, "check_request_property_min_updated.go"),
    "request-property-exclusive-min-increased": (ERR, "check_request_property_min_updated.go"),
    "request-property-exclusive-min-set": (WARN, "check_request_property_min_set.go"),
    "request-property-if-added": (ERR, "check_request_property_if_updated.go"),
    "request-property-if-removed": (INFO, "check_request_property_if_updated.go"),
    "request-property-max-decreased": (ERR, "check_request_property_max_updated.go"),
    "request-property-max-increased": (INFO, "check_request_property_max_updated.go"),
    "request-property-max-length-decreased": (ERR, "check_request_property_max_length_updated.go"),
    "request-property-max-length-increased": (INFO, "check_request_property_max_length_updated.go"),
    "request-property-max-length-set": (WARN, "check_request_property_max_length_set.go"),
    "request-property-max-set": (WARN, "check_request_property_max_set.go"),
    "request-property-min-decreased": (INFO, "check_request_property_min_updated.go"),
    "request-property-min-increased": (ERR, "check_request_property_min_updated.go"),
    "request-property-min-items-increased": (ERR, "check_request_property_min_items_increased.go"),
    "request-property-min-items-set": (WARN, "check_request_property_min_items_set.go"),
    "request-property-min-length-decreased": (INFO, "check_request_property_min_length_updated.go"),
    "request-property-min-length-increased": (ERR, "check_request_property_min_length_updated.go"),
    "request-property-min-set": (WARN, "check_request_property_min_set.go"),
    "request-property-one-of-added": (INFO, "check_request_property_one_of_updated.go"),
    "request-property-one-of-removed": (ERR, "check_request_property_one_of_updated.go"),
    "request-property-pattern-added": (ERR, "check_request_property_pattern_added_or_changed.go"),
    "request-property-pattern-changed": (WARN, "check_request_property_pattern_added_or_changed.go"),
    "request-property-pattern-removed": (INFO, "check_request_property_pattern_added_or_changed.go"),
    "request-property-reactivated": (INFO, "check_request_property_deprecation.go"),
    "request-property-removed": (WARN, "check_request_property_updated.go"),
    "request-property-then-added": (ERR, "check_request_property_if_updated.go"),
    "request-property-then-removed": (INFO, "check_request_property_if_updated.go"),
    "request-property-type-changed": (ERR, "check_request_property_type_changed.go"),
    "request-property-type-compatible": (INFO, "check_request_property_type_changed.go"),
    "request-property-type-generalized": (INFO, "check_request_property_type_changed.go"),
    "required-response-header-removed": (ERR, "check_response_header_removed.go"),
    "response-body-all-of-added": (INFO, "check_response_property_all_of_updated.go"),
    "response-body-all-of-removed": (INFO, "check_response_property_all_of_updated.go"),
    "response-body-any-of-added": (INFO, "check_response_property_any_of_updated.go"),
    "response-body-any-of-removed": (INFO, "check_response_property_any_of_updated.go"),
    "response-body-became-not-nullable": (INFO, "check_response_property_became_nuallable.go"),
    "response-body-became-nullable": (ERR, "check_response_property_became_nuallable.go"),
    "response-body-const-added": (INFO, "check_response_property_const_changed.go"),
    "response-body-const-changed": (ERR, "check_response_property_const_changed.go"),
    "response-body-const-removed": (ERR, "check_response_property_const_changed.go"),
    "response-body-content-encoding-changed": (ERR, "check_response_property_content_updated.go"),
    "response-body-content-media-type-changed": (ERR, "check_response_property_content_updated.go"),
    "response-body-content-schema-added": (INFO, "check_response_property_content_updated.go"),
    "response-body-content-schema-removed": (ERR, "check_response_property_content_updated.go"),
    "response-body-default-value-added": (INFO, "check_response_property_default_value_changed.go"),
    "response-body-default-value-changed": (INFO, "check_response_property_default_value_changed.go"),
    "response-body-default-value-removed": (INFO, "check_response_property_default_value_changed.go"),
    "response-body-discriminator-added": (INFO, "check_response_discriminator_updated.go"),
    "response-body-discriminator-mapping-added": (INFO, "check_response_discriminator_updated.go"),
    "response-body-discriminator-mapping-changed": (INFO, "check_response_discriminator_updated.go"),
    "response-body-discriminator-mapping-deleted": (INFO, "check_response_discriminator_updated.go"),
    "response-body-discriminator-property-name-changed": (INFO, "check_response_discriminator_updated.go"),
    "response-body-discriminator-removed": (INFO, "check_response_discriminator_updated.go"),
    "response-body-else-added": (INFO, "check_response_property_if_updated.go"),
    "response-body-else-removed": (ERR, "check_response_property_if_updated.go"),
    "response-body-exclusive-max-increased": (ERR, "check_response_property_max_increased.go"),
    "response-body-exclusive-min-decreased": (ERR, "check_response_property_min_decreased.go"),
    "response-body-if-added": (INFO, "check_response_property_if_updated.go"),
    "response-body-if-removed": (ERR, "check_response_property_if_updated.go"),
    "response-body-max-increased": (ERR, "check_response_property_max_increased.go"),
    "response-body-max-length-increased": (ERR, "check_response_property_max_length_increased.go"),
    "response-body-max-length-unset": (ERR, "check_response_property_max_length_unset.go"),
    "response-body-media-type-schema-added": (INFO, "check_media_type_schema_existence.go"),
    "response-body-media-type-schema-removed": (WARN, "check_media_type_schema_existence.go"),
    "response-body-min-decreased": (ERR, "check_response_property_min_decreased.go"),
    "response-body-min-items-decreased": (ERR, "check_response_property_min_items_decreased.go"),
    "response-body-min-items-unset": (ERR, "check_response_property_min_items_unset.go"),
    "response-body-min-length-decreased": (ERR, "check_response_property_min_length_decreased.go"),
    "response-body-one-of-added": (ERR, "check_response_property_one_of_updated.go"),
    "response-body-one-of-removed": (INFO, "check_response_property_one_of_updated.go"),
    "response-body-then-added": (INFO, "check_response_property_if_updated.go"),
    "response-body-then-removed": (ERR, "check_response_property_if_updated.go"),
    "response-body-type-changed": (ERR, "check_response_property_type_changed.go"),
    "response-body-type-compatible": (INFO, "check_response_property_type_changed.go"),
    "response-body-type-generalized": (ERR, "check_response_property_type_changed.go"),
    "response-body-type-specialized": (INFO, "check_response_property_type_changed.go"),
    "response-header-added": (INFO, "check_response_header_added.go"),
    "response-header-became-not-nullable": (INFO, "check_response_header_became_nullable.go"),
    "response-header-became-nullable": (ERR, "check_response_header_became_nullable.go"),
    "response-header-became-optional": (ERR, "check_response_header_became_optional.go"),
    "response-header-type-changed": (ERR, "check_response_header_type_changed.go"),
    "response-header-type-compatible": (INFO, "check_response_header_type_changed.go"),
    "response-header-type-generalized": (ERR, "check_response_header_type_changed.go"),
    "response-header-type-specialized": (INFO, "check_response_header_type_changed.go"),
    "response-media-type-added": (INFO, "check_response_mediatype_updated.go"),
    "response-media-type-removed": (ERR, "check_response_mediatype_updated.go"),
    "response-mediatype-enum-value-removed": (INFO, "check_response_mediatype_enum_value_removed.go"),
    "response-non-success-status-added": (INFO, "check_response_status_updated.go"),
    "response-non-success-status-removed": (INFO, "check_response_status_updated.go"),
    "response-optional-property-added": (INFO, "check_response_optional_property_updated.go"),
    "response-optional-property-removed": (WARN, "check_response_optional_property_updated.go"),
    "response-property-all-of-added": (INFO, "check_response_property_all_of_updated.go"),
    "response-property-all-of-removed": (INFO, "check_response_property_all_of_updated.go"),
    "response-property-any-of-added": (INFO, "check_response_property_any_of_updated.go"),
    "response-property-any-of-removed": (INFO, "check_response_property_any_of_updated.go"),
    "response-property-became-not-nullable": (INFO, "check_response_property_became_nuallable.go"),
    "response-property-became-nullable": (ERR, "check_response_property_became_nuallable.go"),
    "response-property-became-optional": (ERR, "check_response_property_became_optional.go"),
    "response-property-became-required": (INFO, "check_response_property_became_required.go"),
    "response-property-const-added": (INFO, "check_response_property_const_changed.go"),
    "response-property-const-changed": (ERR, "check_response_property_const_changed.go"),
    "response-property-const-removed": (ERR, "check_response_property_const_changed.go"),
    "response-property-content-encoding-changed": (ERR, "check_response_property_content_updated.go"),
    "response-property-content-media-type-changed": (ERR, "check_response_property_content_updated.go"),
    "response-property-content-schema-added": (INFO, "check_response_property_content_updated.go"),
    "response-property-content-schema-removed": (ERR, "check_response_property_content_updated.go"),
    "response-property-default-value-added": (INFO, "check_response_property_default_value_changed.go"),
    "response-property-default-value-changed": (INFO, "check_response_property_default_value_changed.go"),
    "response-property-default-value-removed": (INFO, "check_response_property_default_value_changed.go"),
    "response-property-deprecated": (INFO, "check_response_property_deprecation.go"),
    "response-property-discriminator-added": (INFO, "check_response_discriminator_updated.go"),
    "response-property-discriminator-mapping-added": (INFO, "check_response_discriminator_updated.go"),
    "response-property-discriminator-mapping-changed": (INFO, "check_response_discriminator_updated.go"),
    "response-property-discriminator-mapping-deleted": (INFO, "check_response_discriminator_updated.go"),
    "response-property-discriminator-property-name-changed": (INFO, "check_response_discriminator_updated.go"),
    "response-property-discriminator-removed": (INFO, "check_response_discriminator_updated.go"),
    "response-property-else-added": (INFO, "check_response_property_if_updated.go"),
    "response-property-else-removed": (ERR, "check_response_property_if_updated.go"),
    "response-property-enum-value-added": (WARN, "check_response_property_enum_value_added.go"),
    "response-property-enum-value-removed": (INFO, "check_response_property_enum_value_removed.go"),
    "response-property-exclusive-max-increased": (ERR, "check_response_property_max_increased.go"),
    "response-property-exclusive-min-decreased": (ERR, "check_response_property_min_decreased.go"),
    "response-property-if-added": (INFO, "check_response_property_if_updated.go"),
    "response-property-if-removed": (ERR, "check_response_property_if_updated.go"),
    "response-property-max-increased": (ERR, "check_response_property_max_increased.go"),
    "response-property-max-length-increased": (ERR, "check_response_property_max_length_increased.go"),
    "response-property-max-length-unset": (ERR, "check_response_property_max_length_unset.go"),
    "response-property-min-decreased": (ERR, "check_response_property_min_decreased.go"),
    "response-property-min-items-decreased": (ERR, "check_response_property_min_items_decreased.go"),
    "response-property-min-items-unset": (ERR, "check_response_property_min_items_unset.go"),
    "response-property-min-length-decreased": (ERR, "check_response_property_min_length_decreased.go"),
    "response-property-one-of-added": (ERR, "check_response_property_one_of_updated.go"),
    "response-property-one-of-removed": (INFO, "check_response_property_one_of_updated.go"),
    "response-property-pattern-added": (INFO, "check_response_pattern_added_or_changed.go"),
    "response-property-pattern-changed": (INFO, "check_response_pattern_added_or_changed.go"),
    "response-property-pattern-removed": (INFO, "check_response_pattern_added_or_changed.go"),
    "response-property-reactivated": (INFO, "check_response_property_deprecation.go"),
    "response-property-then-added": (INFO, "check_response_property_if_updated.go"),
    "response-property-then-removed": (ERR, "check_response_property_if_updated.go"),
    "response-property-type-changed": (ERR, "check_response_property_type_changed.go"),
    "response-property-type-compatible": (INFO, "check_response_property_type_changed.go"),
    "response-property-type-generalized": (ERR, "check_response_property_type_changed.go"),
    "response-property-type-specialized": (INFO, "check_response_property_type_changed.go"),
    "response-required-property-added": (INFO, "check_response_required_property_updated.go"),
    "response-required-property-removed": (ERR, "check_response_required_property_updated.go"),
    "response-success-status-added": (INFO, "check_response_status_updated.go"),
    "response-success-status-removed": (ERR, "check_response_status_updated.go"),
}

_UPPER_BOUNDS = ("max", "exclusive-max", "max-length", "max-items")
_LOWER_BOUNDS = ("min", "exclusive-min", "min-length", "min-items")
BOUND_TRANSITIONS = ("increased", "decreased", "set", "unset")


def _bound_rules() -> dict[str, tuple[Level, str]]:
    """Bounds oasdiff does not check (``maxItems`` of a request property, any bound removed, a
    response bound narrowed), at the level oasdiff gives the same move of a sibling bound."""
    found: dict[str, tuple[Level, str]] = {}
    for prefix in ("request-property", "response-property"):
        for bound in (*_UPPER_BOUNDS, *_LOWER_BOUNDS):
            for move in BOUND_TRANSITIONS:
                rule = f"{prefix}-{bound}-{move}"
                if rule in OASDIFF:
                    continue
                upper = bound in _UPPER_BOUNDS
                narrower = move == "set" or move == ("decreased" if upper else "increased")
                if prefix.startswith("request"):
                    level = (WARN if move == "set" else ERR) if narrower else INFO
                    sibling = f"request-property-max-length-{'set' if move == 'set' else 'decreased' if narrower else 'increased'}"
                else:
                    level = INFO if narrower else ERR
                    sibling = "response-property-type-specialized" if narrower else "response-property-max-length-unset"
                found[rule] = (level, f"deepshi: no oasdiff rule for this bound; level as oasdiff's {sibling}")
    return found


DEEPSHI: dict[str, tuple[Level, str]] = {
    **_bound_rules(),
    # Enum restrictions added to a response or dropped altogether (oasdiff reports values only).
    "request-property-enum-removed": (
        INFO,
        "deepshi: the request accepts any value again; as request-property-enum-value-added",
    ),
    "response-property-became-enum": (
        INFO,
        "deepshi: the response returns fewer values; as response-property-enum-value-removed",
    ),
    "response-property-enum-removed": (
        WARN,
        "deepshi: the response may return any value; as response-property-enum-value-added",
    ),
    # A changed `if` moves which instances `then`/`else` apply to: no direction to judge.
    "request-property-if-changed": (WARN, "deepshi: oasdiff walks `if` as a constraint, but it is a condition"),
    "response-property-if-changed": (WARN, "deepshi: oasdiff walks `if` as a constraint, but it is a condition"),
    # additionalProperties: oasdiff walks a schema-valued one as a property, but has no rule for
    # true/false (this spec's decision 5 is `additionalProperties: true` everywhere).
    "request-body-additional-properties-narrowed": (ERR, "deepshi: extra fields once accepted are refused"),
    "request-property-additional-properties-narrowed": (ERR, "deepshi: extra fields once accepted are refused"),
    "request-body-additional-properties-widened": (INFO, "deepshi: extra fields are accepted"),
    "request-property-additional-properties-widened": (INFO, "deepshi: extra fields are accepted"),
    "response-body-additional-properties-narrowed": (INFO, "deepshi: the response carries no unknown fields"),
    "response-property-additional-properties-narrowed": (INFO, "deepshi: the response carries no unknown fields"),
    "response-body-additional-properties-widened": (
        WARN,
        "deepshi: unknown fields may appear; as response-property-enum-value-added",
    ),
    "response-property-additional-properties-widened": (
        WARN,
        "deepshi: unknown fields may appear; as response-property-enum-value-added",
    ),
    # Multipart part content types (`encoding.<part>.contentType`): oasdiff does not compare encodings.
    "request-part-content-type-removed": (
        ERR,
        "deepshi: a part sent with that content type is refused; as request-body-media-type-removed",
    ),
    "request-part-content-type-added": (
        INFO,
        "deepshi: a part may use one more content type; as request-body-media-type-added",
    ),
    # Response headers: oasdiff checks only their type (its issue #1094).
    "response-header-became-required": (
        INFO,
        "deepshi: the header is now always sent; as response-property-became-required",
    ),
    "response-header-schema-changed": (WARN, "deepshi: oasdiff checks only a response header's type (oasdiff#1094)"),
    # Components no operation uses still become generated models.
    "api-schema-added": (INFO, "deepshi: a new component schema (a new generated model); as api-schema-removed"),
    "api-schema-changed": (INFO, "deepshi: a component schema no operation uses changed; as api-schema-removed"),
    "api-component-changed": (
        INFO,
        "deepshi: another component no operation uses changed (a response, a parameter, ...)",
    ),
    # What no rule judges.
    "documentation-changed": (
        INFO,
        "deepshi: annotations (description, summary, title, example(s), externalDocs); oasdiff's `diff` shows them, its changelog omits them",
    ),
    "extension-changed": (
        WARN,
        "deepshi: an x- extension carries its owner's meaning (x-deepshi-field-aliases), which no rule can judge",
    ),
    "unclassified-change": (
        WARN,
        "deepshi: a difference no rule classifies; WARN as oasdiff uses WARN for what cannot be confirmed",
    ),
}

RULES: dict[str, Rule] = {
    **{rule: Rule(rule, level, OASDIFF_SOURCE + source) for rule, (level, source) in OASDIFF.items()},
    **{rule: Rule(rule, level, source) for rule, (level, source) in DEEPSHI.items()},
}
assert not OASDIFF.keys() & DEEPSHI.keys(), "a deepshi rule must not shadow an oasdiff one"
