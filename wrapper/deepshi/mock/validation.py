"""Request validation against the shipped spec.

JSON bodies are validated as they are. Multipart bodies are first turned into the JSON
instance the schema describes: each text part is coerced by its property's schema type
(``"2"`` -> ``2``, ``"true"`` -> ``True``), file parts become placeholders. That instance, under
the names the client used (the spec declares both ``image[]`` and ``image``, spec decision 1), is
checked with ``openapi-schema-validator``'s ``OAS31Validator``. For everything after validation
(the catalog check, the answer, the journal) aliases (``x-deepshi-field-aliases``: ``image`` for
``image[]``) are folded into their declared field: files under either spelling are one list.
openapi-core alone cannot do this for multipart (toolchain notes, section 4): it leaves
scalars uncast, fails to cast booleans and rejects binary items given as bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs

from . import strict_json
from .errors import ApiError, bad_request
from .images import sniff_media_type
from .multipart import FilePart, Part
from .spec import Operation, Spec, accepted_media_types, is_binary

FILE_PLACEHOLDER = "<file>"
_INTEGER = re.compile(r"[+-]?[0-9]+")


@dataclass
class ParsedRequest:
    """What a request carried, in the shape the journal and the answer builder use."""

    fields: dict[str, Any] = field(default_factory=dict)
    """Non-file form fields (coerced) or the JSON body's keys."""
    files: list[FilePart] = field(default_factory=list)
    """File parts in the order received."""
    instance: dict[str, Any] = field(default_factory=dict)
    """The request as one JSON instance, aliases folded into their declared field (``image`` -> ``image[]``)."""
    used_names: dict[str, str] = field(default_factory=dict)
    """Declared field -> the name the client actually used (e.g. ``image[]`` -> ``image``)."""
    parameters: dict[str, Any] = field(default_factory=dict)
    """The declared path and query parameters sent, coerced by their schemas."""
    sent: dict[str, Any] = field(default_factory=dict)
    """The JSON instance validated against the request schema: fields under the names they were sent as."""

    def image_count(self, declared: str) -> int:
        """How many files arrived for the declared binary field ``declared``."""
        value = self.instance.get(declared)
        return len(value) if isinstance(value, list) else int(value is not None)


def coerce(value: str, schema: Mapping[str, Any]) -> Any:
    """Convert a multipart text value to the JSON type its schema declares (else keep it)."""
    declared = schema.get("type", [])
    types = [declared] if isinstance(declared, str) else list(declared)
    for kind in types:
        if kind == "integer" and _INTEGER.fullmatch(value):
            return int(value)
        if kind == "number":
            try:
                number = float(value)
            except ValueError:
                continue
            if number == number and abs(number) != float("inf"):
                return int(number) if _INTEGER.fullmatch(value) else number
        if kind == "boolean" and value in ("true", "false"):
            return value == "true"
        if kind == "string":
            return value
    return value


def from_form(spec: Spec, operation: Operation, parts: Iterable[Part], parsed: ParsedRequest) -> None:
    """Fill ``parsed`` from a multipart body's parts and validate it (raises ``ApiError``)."""
    assert operation.body_schema_ref is not None
    ref = operation.body_schema_ref
    properties = spec.properties(ref)
    aliases = spec.aliases(ref)
    problem: ApiError | None = None
    seen: set[str] = set()
    for part in parts:
        declared = aliases.get(part.name, part.name)
        schema = properties.get(declared)
        if isinstance(part, FilePart):
            parsed.files.append(part)
            if schema is not None and not is_binary(schema):
                problem = problem or bad_request(
                    f"Invalid type for '{part.name}': expected a text value, got a file upload.",
                    param=part.name,
                    code="invalid_type",
                )
                continue
            _add(parsed, declared, part.name, FILE_PLACEHOLDER, schema)
            _add_sent(parsed.sent, part.name if part.name in properties else declared, FILE_PLACEHOLDER, schema)
            continue
        if schema is not None and is_binary(schema):
            problem = problem or bad_request(
                f"Invalid type for '{part.name}': expected a file upload (a part with a filename), got a text value.",
                param=part.name,
                code="invalid_type",
            )
            continue
        value = coerce(part.value, schema) if schema is not None else part.value
        if schema is not None and schema.get("type") != "array" and declared in seen:
            problem = problem or bad_request(
                f"Invalid value for '{part.name}': the field was sent more than once.", param=part.name
            )
        seen.add(declared)
        _add(parsed, declared, part.name, value, schema)
        _add_sent(parsed.sent, part.name if part.name in properties else declared, value, schema)
        _add_field(parsed.fields, part.name, value)
    if problem is not None:
        raise problem
    check_schema(spec, ref, parsed)
    check_file_types(operation, aliases, parsed)


def from_json(
    spec: Spec,
    operation: Operation,
    raw: bytes,
    parsed: ParsedRequest,
    *,
    max_depth: int = strict_json.DEFAULT_MAX_DEPTH,
) -> None:
    """Fill ``parsed`` from a JSON body and validate it (raises ``ApiError``).

    The body must be strict JSON (see ``strict_json``): no NaN or infinities, valid Unicode, nested at
    most ``max_depth`` levels.
    """
    assert operation.body_schema_ref is not None
    body = strict_json.loads(raw, max_depth=max_depth)
    if not isinstance(body, dict):
        raise bad_request("The request body must be a JSON object.", param=None, code="invalid_type")
    parsed.fields = dict(body)
    parsed.instance = body
    parsed.sent = body
    check_schema(spec, operation.body_schema_ref, parsed)


def _add(parsed: ParsedRequest, declared: str, used: str, value: Any, schema: Mapping[str, Any] | None) -> None:
    parsed.used_names.setdefault(declared, used)
    if parsed.used_names[declared] != used:
        parsed.used_names[declared] = declared
    if schema is not None and schema.get("type") == "array":
        parsed.instance.setdefault(declared, []).append(value)
    elif schema is None and declared in parsed.instance:
        previous = parsed.instance[declared]
        parsed.instance[declared] = [*previous, value] if isinstance(previous, list) else [previous, value]
    else:
        parsed.instance[declared] = value


def _add_sent(sent: dict[str, Any], name: str, value: Any, schema: Mapping[str, Any] | None) -> None:
    if schema is not None and schema.get("type") == "array":
        sent.setdefault(name, []).append(value)
    elif name in sent:
        previous = sent[name]
        sent[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
    else:
        sent[name] = value


def _add_field(fields: dict[str, Any], name: str, value: Any) -> None:
    if name in fields:
        previous = fields[name]
        fields[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
    else:
        fields[name] = value


class SchemaError(Protocol):
    """The parts of a ``jsonschema`` ``ValidationError`` used here (jsonschema ships no type hints)."""

    validator: str
    validator_value: Any
    instance: Any
    message: str
    absolute_path: Sequence[str | int]


def check_schema(spec: Spec, ref: str, parsed: ParsedRequest) -> None:
    """Validate ``parsed.sent`` against the schema at ``ref``; raise the first error as 400.

    "First" is the shallowest error (a missing field before a bad item), then the first field in
    schema order, so the answer is deterministic.
    """
    errors: list[SchemaError] = list(spec.validator(ref).iter_errors(parsed.sent))
    if errors:
        rank = {name: index for index, name in enumerate(spec.properties(ref))}

        def key(error: SchemaError) -> tuple[int, int, str]:
            path = list(error.absolute_path)
            head = str(path[0]) if path else ""
            return (len(path), rank.get(head, len(rank)), str(path))

        raise describe(min(errors, key=key), parsed, spec.aliases(ref))


def describe(error: SchemaError, parsed: ParsedRequest, aliases: Mapping[str, str]) -> ApiError:
    """Turn a JSON Schema error into the API's 400 answer, naming the field in ``param``."""
    missing = _missing(error)
    if missing is not None:
        others = [alias for alias, declared in aliases.items() if declared == missing]
        also = f" (also accepted as {', '.join(repr(a) for a in others)})" if others else ""
        return bad_request(
            f"Missing required parameter: '{missing}'{also}.", param=missing, code="missing_required_parameter"
        )
    path = list(error.absolute_path)
    if not path or not isinstance(path[0], str):
        return bad_request(f"Invalid request body: {_short(error.message)}.", param=None)
    declared = path[0]
    param = parsed.used_names.get(declared, declared)
    code = "invalid_type" if error.validator == "type" else "invalid_value"
    if error.validator in ("maxItems", "minItems") and isinstance(error.instance, list):
        limit = error.validator_value
        bound = "at most" if error.validator == "maxItems" else "at least"
        reason = f"{len(error.instance)} were sent, but {bound} {limit} are allowed"
    else:
        reason = _short(error.message)
    return bad_request(f"Invalid value for '{param}': {reason}.", param=param, code=code)


def _missing(error: SchemaError) -> str | None:
    """The required field a ``required`` error (or an ``anyOf`` of ``required`` lists, decision 1) misses."""
    if not isinstance(error.instance, dict):
        return None
    if error.validator == "required":
        return next(str(name) for name in error.validator_value if name not in error.instance)
    branches = error.validator_value
    if error.validator not in ("anyOf", "oneOf") or not isinstance(branches, list) or not branches:
        return None
    names = [name for branch in branches if isinstance(branch, dict) for name in branch.get("required", [])]
    if len(names) == len(branches) and not any(name in error.instance for name in names):
        return str(names[0])  # one required name per branch, none sent: the first branch's is missing
    return None


def check_headers(spec: Spec, operation: Operation, headers: Mapping[str, str]) -> None:
    """The header parameters the operation declares: required ones present, each value valid (else 400)."""
    for name, parameter in operation.header_parameters.items():
        value = headers.get(name.lower())
        if value is None:
            if parameter.get("required"):
                raise bad_request(f"Missing required header: '{name}'.", param=name, code="missing_required_parameter")
            continue
        error = next(iter(spec.schema_validator(parameter.get("schema", {})).iter_errors(value)), None)
        if error is not None:
            raise bad_request(f"Invalid value for header '{name}': {_short(error.message)}.", param=name)


def check_parameters(spec: Spec, operation: Operation, path_values: Mapping[str, str], query: str) -> dict[str, Any]:
    """The operation's declared path and query parameters, coerced and valid, else a 400 naming one.

    Query values are coerced like form values; a parameter whose schema is an array takes every
    value sent, any other the only one (sent twice is a 400). Undeclared query parameters are ignored.
    """
    if not operation.path_parameters and not operation.query_parameters:
        return {}
    sent = parse_qs(query, keep_blank_values=True)
    values: dict[str, Any] = {}
    for location, declared in (("path", operation.path_parameters), ("query", operation.query_parameters)):
        for name, parameter in declared.items():
            schema = spec.resolve(parameter.get("schema", {}))
            raw = [path_values[name]] if location == "path" and name in path_values else sent.get(name, [])
            if not raw:
                if parameter.get("required") or location == "path":
                    raise bad_request(
                        f"Missing required {location} parameter: '{name}'.",
                        param=name,
                        code="missing_required_parameter",
                    )
                continue
            if schema.get("type") == "array":
                value: Any = [coerce(item, spec.resolve(schema.get("items", {}))) for item in raw]
            elif len(raw) > 1:
                raise bad_request(f"Invalid value for '{name}': the parameter was sent more than once.", param=name)
            else:
                value = coerce(raw[0], schema)
            error = next(iter(spec.schema_validator(parameter.get("schema", {})).iter_errors(value)), None)
            if error is not None:
                raise bad_request(
                    f"Invalid value for {location} parameter '{name}': {_short(error.message)}.", param=name
                )
            values[name] = value
    return values


def check_file_types(operation: Operation, aliases: Mapping[str, str], parsed: ParsedRequest) -> None:
    """Each uploaded file must be one of the media types its field's encoding lists (sniffed)."""
    counts: dict[str, int] = {}
    for part in parsed.files:
        declared = aliases.get(part.name, part.name)
        counts[part.name] = counts.get(part.name, 0) + 1
        accepted = accepted_media_types(operation.encoding.get(declared, {}))
        if not accepted:
            continue
        sniffed = sniff_media_type(part.head)
        if sniffed not in accepted:
            names = ", ".join(t.split("/")[-1].upper() for t in accepted)
            raise bad_request(
                f"File '{part.name}' #{counts[part.name]} ({part.filename}) is not a {names} image.",
                param=part.name,
                code="invalid_image_format",
            )


def _short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
