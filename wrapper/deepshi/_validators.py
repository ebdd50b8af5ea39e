"""Validators for the shipped spec's schemas: compiled (jsonschema-rs) when installed, else interpreted.

``jsonschema-rs`` (``deepshi[speed]``) compiles a Draft 2020-12 schema once and checks a document
in about a microsecond, where ``openapi-schema-validator`` (``OAS31Validator``, always installed)
walks the schema on every check (~50 µs for an answer, ~20 µs for a request's fields).
:class:`SpecValidator` uses the compiled validator for the verdict; only for a document it finds
invalid does the interpreted validator run, to list the errors. So the errors (their messages,
paths and keywords, which the preflight, the mock's answers, the docs and the tests word things
with) are the same whichever is installed, and a valid document, the common case, costs the
compiled check alone. ``contract_tests/test_validators_agree.py`` proves that both validators
agree, on the verdict and on the first error's field, for every case the contract suite
generates from the spec and every mutant of them.

What the compiled validator needs besides the schema, to judge as ``OAS31Validator`` does:

* ``discriminator`` (OAS): ``OAS31Validator`` checks a discriminated ``oneOf``/``anyOf``/``allOf``
  against the one schema the discriminating property names (its ``mapping``, else the component of
  that name). JSON Schema has no such keyword, so it is rewritten into ``if``/``then`` chains over
  the same targets (:func:`_discriminated`).
* Python values: jsonschema-rs reads a ``tuple`` as an array and, with ``strict_integers``, cannot
  tell ``2.0`` from ``2``; a small keyword added next to such ``type`` keywords refuses what
  ``OAS31Validator`` refuses (:class:`_PythonType`). A value jsonschema-rs cannot read at all (bytes,
  a custom object) makes the compiled check stand aside for the interpreted one.
* ``format`` is not asserted by either (``OAS31Validator`` runs without a format checker), and the
  ``content*`` keywords are annotations in Draft 2020-12.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

__all__ = ["SpecValidator", "absolute_references", "compile_schema", "compiled_backend"]

_PYTHON_TYPE = "x-deepshi-python-type"
_SCHEMAS = "#/components/schemas/"
_COMBINATORS = ("oneOf", "anyOf", "allOf")
_VALUES = frozenset({"enum", "const", "default", "example", "examples"})
"""Keywords whose value is data, not a schema: copied as they are."""


class SpecValidator:
    """``is_valid`` and ``iter_errors`` (jsonschema's errors) for one schema of the spec.

    ``interpreted`` builds the ``OAS31Validator`` (called at most once, when first needed);
    ``compiled`` is the jsonschema-rs validator, or None when it is not installed.
    """

    def __init__(self, interpreted: Callable[[], Any], compiled: Any | None) -> None:
        self._make_interpreted = interpreted
        self._interpreted: Any | None = None
        self.compiled = compiled

    @property
    def interpreted(self) -> Any:
        """The ``OAS31Validator`` (jsonschema) for the same schema."""
        if self._interpreted is None:
            self._interpreted = self._make_interpreted()
        return self._interpreted

    def _compiled_says_valid(self, instance: Any) -> bool:
        if self.compiled is None:
            return False
        try:
            return bool(self.compiled.is_valid(instance))
        except (ValueError, TypeError, OverflowError):  # a value jsonschema-rs cannot read: the interpreter judges
            return False

    def is_valid(self, instance: Any) -> bool:
        """Whether ``instance`` matches the schema."""
        return self._compiled_says_valid(instance) or bool(self.interpreted.is_valid(instance))

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        """jsonschema ``ValidationError``s of ``instance`` (none when it is valid)."""
        if self._compiled_says_valid(instance):
            return iter(())
        errors: Iterator[Any] = self.interpreted.iter_errors(instance)
        return errors


@functools.cache
def compiled_backend() -> Any | None:
    """The jsonschema-rs module when installed (``deepshi[speed]``), else None; imported on first use."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - the fallback tests replace this function instead
        return None
    return jsonschema_rs


def compile_schema(schema: Mapping[str, Any], document: Mapping[str, Any], uri: str, *, strict_integers: bool) -> Any:
    """The jsonschema-rs validator of ``schema`` whose references resolve in ``document`` (at ``uri``).

    None when jsonschema-rs is not installed.
    """
    backend = compiled_backend()
    if backend is None:
        return None
    registry = _registry(backend, document, uri, strict_integers)
    translated = _translate(schema, document, strict_integers, uri)
    keywords = {_PYTHON_TYPE: _StrictPythonType if strict_integers else _PythonType}
    return backend.Draft202012Validator(translated, registry=registry, validate_formats=False, keywords=keywords)


def absolute_references(node: Any, uri: str) -> Any:
    """A copy of ``node`` with its local references (``#/...``) made absolute: into the document at ``uri``."""
    if isinstance(node, list):
        return [absolute_references(item, uri) for item in node]
    if not isinstance(node, Mapping):
        return node
    copied = {key: value if key in _VALUES else absolute_references(value, uri) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        copied["$ref"] = f"{uri}{ref}"
    return copied


_registries: dict[tuple[int, str, bool], tuple[Mapping[str, Any], Any]] = {}


def _registry(backend: Any, document: Mapping[str, Any], uri: str, strict_integers: bool) -> Any:
    """One translated copy of ``document`` per (document, uri, strictness), registered at ``uri``."""
    key = (id(document), uri, strict_integers)
    cached = _registries.get(key)
    if cached is None or cached[0] is not document:  # the identity check: an id can be reused
        translated = _translate(document, document, strict_integers)
        cached = (document, backend.Registry([(uri, translated)], draft=backend.Draft202012))
        _registries[key] = cached
    return cached[1]


def _translate(node: Any, document: Mapping[str, Any], strict_integers: bool, uri: str | None = None) -> Any:
    """A copy of ``node`` that jsonschema-rs judges as ``OAS31Validator`` judges ``node`` (module docstring).

    With ``uri``, local references (``#/...``) are made absolute: ``node`` is not ``document`` but
    refers into it.
    """
    if isinstance(node, list):
        return [_translate(item, document, strict_integers, uri) for item in node]
    if not isinstance(node, Mapping):
        return node
    translated = {
        key: value if key in _VALUES else _translate(value, document, strict_integers, uri)
        for key, value in node.items()
    }
    ref = node.get("$ref")
    if uri is not None and isinstance(ref, str) and ref.startswith("#"):
        translated["$ref"] = f"{uri}{ref}"
    discriminator = node.get("discriminator")
    if isinstance(discriminator, Mapping) and any(key in node for key in _COMBINATORS):
        translated = _discriminated(translated, discriminator, document, uri)
    declared = node.get("type")
    types = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else []
    if "array" in types or (strict_integers and "integer" in types and "number" not in types):
        translated[_PYTHON_TYPE] = list(types)
    return translated


def _discriminated(
    node: dict[str, Any], discriminator: Mapping[str, Any], document: Mapping[str, Any], uri: str | None
) -> dict[str, Any]:
    """``node`` with its combinators replaced by the discriminator's choice, as ``OAS31Validator`` reads it.

    The instance must be an object with a truthy discriminating property; its value picks the
    schema from ``mapping``, else the component of that name; any other value is invalid.
    """
    name = str(discriminator["propertyName"])
    targets: dict[str, str] = {str(value): str(ref) for value, ref in dict(discriminator.get("mapping", {})).items()}
    for component in document.get("components", {}).get("schemas", {}):
        targets.setdefault(component, f"{_SCHEMAS}{component}")
    if uri is not None:
        targets = {value: f"{uri}{ref}" if ref.startswith("#") else ref for value, ref in targets.items()}
    chain: Any = False
    for value, ref in reversed(targets.items()):
        chain = {"if": {"properties": {name: {"const": value}}}, "then": {"$ref": ref}, "else": chain}
    rest = {key: value for key, value in node.items() if key not in (*_COMBINATORS, "discriminator")}
    return {**rest, "allOf": [{"type": "object"}, {"required": [name]}, chain]}


class _PythonType:
    """A jsonschema-rs keyword: refuse the Python values the declared ``type`` admits in JSON only.

    A ``tuple`` is not an array for ``OAS31Validator``; with ``strict_integers`` a ``float`` is not
    an integer (a Python ``2.0`` goes out as ``2.0``, which the API refuses).
    """

    strict_integers = False

    def __init__(self, _parent: Mapping[str, Any], value: list[str], _path: list[str | int]) -> None:
        self.types = frozenset(value)

    def validate(self, instance: Any) -> None:
        if type(instance) is tuple and "array" in self.types:
            raise ValueError(f"{instance!r} is not of type {sorted(self.types)!r}")
        if self.strict_integers and type(instance) is float and "integer" in self.types:
            raise ValueError(f"{instance!r} is not of type 'integer'")


class _StrictPythonType(_PythonType):
    strict_integers = True
