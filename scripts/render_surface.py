"""Stage 2 of the one regenerate command: render the facade's typed surface from the spec.

``scripts/regen.py`` runs the pinned openapi-python-client (stage 1, ``generated/``), then this. It
reads the same input as the generator (``openapi/deepshi.yaml`` normalized by
``openapi/overlays/generator.yaml``, so the names it renders are the generated ones) and
``openapi/surface/surface.yaml`` (which only *names* things: the resource and method of each
operation, and which hand-written behaviour turns its answer into a result) and renders, with the
Jinja templates in ``openapi/surface/``:

* ``wrapper/deepshi/resources/<resource>.py``: the resource classes (sync, async, and their
  ``with_raw_response`` twins) with one method per operation: every request field as a keyword
  argument (required or ``NOT_GIVEN``, ``Literal`` enums, the spec's descriptions as docs), the
  ``stream`` overloads, the per-call options, and a typed construction of the generated body model;
* ``wrapper/deepshi/_params.py``: the request parameter ``TypedDict``s and the enum aliases;
* the command line's commands whose flags are the request fields (``scripts/render_cli.py``).

Hand-written behaviour (inputs, preflight, retries, results) stays in the hand-written modules the
rendered code calls. The output is formatted with the pinned ruff and drift-checked like
``generated/`` (``python scripts/regen.py --check``).
"""

from __future__ import annotations

import keyword
import re
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from openapi_python_client.strings import ClassName, PythonIdentifier

ROOT = Path(__file__).resolve().parent.parent
SURFACE = ROOT / "openapi" / "surface"
TARGETS = (
    "wrapper/deepshi/resources",
    "wrapper/deepshi/_params.py",
    "wrapper/deepshi/_views.py",
    "wrapper/deepshi/cli/request_schema.py",
    "wrapper/deepshi/cli/spec_commands.py",
)
"""What this stage writes (relative to the repo): a folder it owns whole, and modules."""

FIELD_PREFIX = "field_"  # openapi-python-client's default `field_prefix` (not overridden in generator-config.yaml)
HEADER = "# Rendered from the OpenAPI spec by scripts/regen.py (stage 2, openapi/surface/): do not edit."
OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout", "total_timeout", "max_retries", "validate")
"""The per-call options every image method takes after the spec's fields (a field may not use these names)."""
IMAGE_ONLY_OPTIONS = ("extra_body", "validate")
"""The options the catalog method (``models.list``) does not take."""
IDEMPOTENCY_HEADER = "Idempotency-Key"
RETURNS = ("images", "catalog")


class SurfaceError(Exception):
    """The spec or surface.yaml asks for something the renderer cannot express (regen fails, naming it)."""


def python_name(wire: str) -> str:
    """The attribute name openapi-python-client gives a property (``image[]`` -> ``image``, ``type`` -> ``type_``).

    Its own function, so the rendered code names exactly what the generated code does.
    """
    return str(PythonIdentifier(wire, prefix=FIELD_PREFIX))


def view_name(wire: str) -> str:
    """The attribute name of a view field: the generator's, without its suffix for a builtin's name.

    (``type`` stays ``type`` on a view; a keyword such as ``class`` keeps its ``class_``.)
    """
    name = python_name(wire)
    plain = name[:-1] if name.endswith("_") else name
    return plain if plain.isidentifier() and not keyword.iskeyword(plain) else name


def _words(text: str) -> str:
    return " ".join(str(text).split())


@dataclass
class Param:
    """One keyword argument of a rendered method."""

    name: str
    wire: str
    annotation: str
    required: bool
    description: str
    role: str = "field"  # field | files | stream
    default: Any = None
    schema: Mapping[str, Any] = field(default_factory=dict)
    """The field's schema, ``$ref``s resolved (the command line's renderer reads its bounds and enum)."""

    @property
    def body_value(self) -> str:
        if self.role == "files":
            return "files"
        if self.role == "stream":
            return f"flag({self.name})"
        return self.name if self.required else f"given({self.name})"

    @property
    def signature_default(self) -> str:
        if self.required:
            return ""
        return " = False" if self.role == "stream" else " = NOT_GIVEN"

    @property
    def optional_annotation(self) -> str:
        return self.annotation if self.required or self.role == "stream" else f"{self.annotation} | NotGiven"

    def doc(self) -> str:
        text = self.description
        if self.default is not None and self.role == "field":
            text += f" The API's default is {self.default!r} (not sent when omitted)."
        return text


@dataclass
class Method:
    """One rendered method (and the operation behind it)."""

    operation_id: str
    resource: str
    name: str
    returns: str
    http_method: str
    path: str
    summary: str
    description: str
    api_module: str
    api_package: str
    params: list[Param]
    body_model: str | None
    multipart: bool
    files: Param | None
    file_aliases: list[str]
    idempotency: bool
    streams: bool
    params_typeddict: str | None
    ok_schema: str | None = None
    """The schema of the 200 answer's JSON body (``ImagesResponse``), when it names one."""

    @property
    def constant(self) -> str:
        return python_name(self.operation_id).upper()

    @property
    def fields(self) -> list[Param]:
        return [param for param in self.params if param.role != "files"]

    @property
    def kind(self) -> str:
        return "edit" if self.files is not None else "generate"

    def docstring(self) -> str:
        return render_docstring(self)


class Spec:
    """The parts of the OpenAPI document the renderer reads, with local ``$ref``s followed."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.schemas: Mapping[str, Any] = document.get("components", {}).get("schemas", {})
        self.literals: set[str] = set()

    def ref_name(self, node: Mapping[str, Any]) -> str | None:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            return ref.rsplit("/", 1)[1]
        return None

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        seen = set()
        while (name := self.ref_name(node)) is not None:
            if name in seen:
                raise SurfaceError(f"recursive $ref at {name}")
            seen.add(name)
            node = {**self.schemas[name], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def resolve_ref(self, ref: str) -> Mapping[str, Any]:
        node: Any = self.document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return node  # type: ignore[no-any-return]

    def annotation(self, node: Mapping[str, Any], where: str) -> str:
        """The Python type of a schema, for a signature."""
        name = self.ref_name(node)
        schema = self.resolve(node)
        if "enum" in schema:
            values = schema["enum"]
            if name is not None and all(isinstance(value, str) for value in values):
                self.literals.add(name)  # the generator's Literal alias of the same name
                return name
            return "Literal[" + ", ".join(repr(value) for value in values) + "]"
        kind = schema.get("type")
        nullable = False
        if isinstance(kind, list):
            nullable = "null" in kind
            kinds = [k for k in kind if k != "null"]
            if len(kinds) != 1:
                raise SurfaceError(f"{where}: a type list other than [T, null] is not supported: {kind}")
            kind = kinds[0]
        base = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(str(kind))
        if base is None and kind == "array":
            base = f"list[{self.annotation(schema.get('items', {}), where + '[]')}]"
        if base is None and kind == "object":
            base = "Mapping[str, Any]"
        if base is None:
            raise SurfaceError(f"{where}: schema type {kind!r} is not supported by the facade renderer")
        return f"{base} | None" if nullable else base

    def description(self, node: Mapping[str, Any]) -> str:
        own = node.get("description")
        return _words(own if own is not None else self.resolve(node).get("description", ""))


def _is_binary_array(schema: Mapping[str, Any]) -> bool:
    items = schema.get("items", {})
    return schema.get("type") == "array" and isinstance(items, Mapping) and items.get("format") == "binary"


def build_method(
    spec: Spec, path: str, http_method: str, operation: Mapping[str, Any], config: Mapping[str, Any]
) -> Method:
    operation_id = operation["operationId"]
    returns = config.get("returns")
    if returns not in RETURNS:
        raise SurfaceError(f"{operation_id}: surface.yaml 'returns' must be one of {RETURNS}, got {returns!r}")
    tag = (operation.get("tags") or ["default"])[0]
    api_package = python_name(tag)
    api_module = python_name(operation_id)
    parameters = [spec.resolve_ref(p["$ref"]) if "$ref" in p else p for p in operation.get("parameters", [])]
    idempotency = False
    for parameter in parameters:
        if parameter.get("in") == "header" and parameter.get("name") == IDEMPOTENCY_HEADER:
            idempotency = True
        else:
            raise SurfaceError(
                f"{operation_id}: parameter {parameter.get('name')!r} ({parameter.get('in')}) is not supported by "
                "the facade renderer yet: extend scripts/render_surface.py"
            )
    params: list[Param] = []
    body_model = None
    multipart = False
    files = None
    aliases: list[str] = []
    body = operation.get("requestBody")
    if body is not None:
        content = body.get("content", {})
        if len(content) != 1:
            raise SurfaceError(f"{operation_id}: exactly one request media type is supported, got {sorted(content)}")
        media_type, media = next(iter(content.items()))
        multipart = media_type == "multipart/form-data"
        schema_node = media.get("schema", {})
        body_model = spec.ref_name(schema_node)
        if body_model is None:
            raise SurfaceError(f"{operation_id}: the request body must be a $ref to a named schema")
        schema = spec.resolve(schema_node)
        if "properties" not in schema or any(key in schema for key in ("oneOf", "anyOf", "allOf")):
            raise SurfaceError(
                f"{operation_id}: the request body {body_model} must be one flat object (a oneOf/anyOf/allOf body "
                "is what openapi-python-client silently drops for multipart; see docs/spec-changes.md)"
            )
        required = set(schema.get("required", []))
        aliases_block = schema.get("x-deepshi-field-aliases", {})
        for wire, node in schema["properties"].items():
            name = python_name(wire)
            if name in OPTIONS:
                raise SurfaceError(f"{operation_id}: field {wire!r} collides with the per-call option {name!r}")
            resolved = spec.resolve(node)
            where = f"{body_model}.{wire}"
            if _is_binary_array(resolved):
                if files is not None:
                    raise SurfaceError(f"{operation_id}: more than one file field ({files.wire}, {wire})")
                files = Param(
                    name, wire, "ImageInputs", wire in required, spec.description(node), role="files", schema=resolved
                )
                aliases = list(aliases_block.get(wire, []))
                params.append(files)
                continue
            role = "stream" if wire == "stream" and resolved.get("type") == "boolean" else "field"
            params.append(
                Param(
                    name,
                    wire,
                    spec.annotation(node, where),
                    wire in required,
                    spec.description(node),
                    role=role,
                    default=resolved.get("default"),
                    schema=resolved,
                )
            )
    ok = operation.get("responses", {}).get("200", {})
    if "$ref" in ok:
        ok = spec.resolve_ref(ok["$ref"])
    ok_schema = spec.ref_name(ok.get("content", {}).get("application/json", {}).get("schema", {}))
    streams = "text/event-stream" in ok.get("content", {}) and any(p.role == "stream" for p in params)
    # required arguments first (keyword-only either way; this keeps signatures readable)
    params.sort(key=lambda p: not p.required)
    return Method(
        operation_id=operation_id,
        resource=config["resource"],
        name=config["method"],
        returns=returns,
        http_method=http_method.upper(),
        path=path,
        summary=_words(operation.get("summary", "")),
        description=_words(operation.get("description", "")),
        api_module=api_module,
        api_package=api_package,
        params=params,
        body_model=body_model,
        multipart=multipart,
        files=files,
        file_aliases=aliases,
        idempotency=idempotency,
        streams=streams,
        params_typeddict=config.get("params"),
        ok_schema=ok_schema,
    )


_FILES_DOC = (
    "Each input may be a path, bytes, a binary file object (streamed, not read into memory), a "
    "`(filename, content[, mime_type])` tuple or a `PIL.Image.Image` (sent as lossless PNG); pass "
    "several as a list. Each is sent with a filename and its content type, sniffed from the bytes, "
    "never the file name."
)
_OPTION_DOCS = {
    "extra_headers": "Headers to send with this request (they win over the client's; never logged).",
    "extra_query": "Query parameters to add to this request.",
    "extra_body": (
        "Fields the spec does not name, forwarded to the model (in multipart, booleans go out as "
        "`true`/`false`, lists and dicts as JSON)."
    ),
    "timeout": (
        "Override the client's timeout for this request (seconds, an `httpx.Timeout`, or `None` for none); "
        "it also bounds the model-catalog fetch of the preflight."
    ),
    "total_timeout": (
        "Override the client's `total_timeout` for this call: the most it may take as a whole, in seconds "
        "(the preflight, every attempt, the waits between retries and, for a stream, reading it to its end), "
        "or `None` for no bound; past it, `APITimeoutError`, not retried."
    ),
    "max_retries": "Override the client's `max_retries` for this call.",
    "validate": "Override the client's `validate`: `False` skips the model-aware preflight for this call.",
}


def _wrapped(name: str, text: str) -> list[str]:
    lines = textwrap.wrap(f"{name}: {text}", width=92, break_on_hyphens=False, break_long_words=False)
    return [lines[0], *(f"    {line}" for line in lines[1:])]


def render_docstring(method: Method) -> str:
    lines = [f"{method.summary} (`{method.http_method} {method.path}`)."]
    if method.description:
        lines += ["", *textwrap.wrap(method.description, 96, break_on_hyphens=False, break_long_words=False)]
    if method.returns == "images":
        lines += [
            "",
            "Checked before sending (the spec, then the model's catalog entry unless `validate=False`);",
            "retried on connection errors, 408, 409, 429 and 5xx with the same `Idempotency-Key`. The",
            "Deepshi docs do not promise deduplication: a retried request may be billed twice.",
        ]
    lines += ["", "Args:"]
    for param in method.params:
        text = param.doc()
        if param.role == "files":
            text += " " + _FILES_DOC
        if param.role == "stream":
            text += " With `True` the call returns an image stream instead of a result."
        lines += [f"    {line}" for line in _wrapped(param.name, text)]
    for option in (o for o in OPTIONS if method.returns == "images" or o not in IMAGE_ONLY_OPTIONS):
        lines += [f"    {line}" for line in _wrapped(option, _OPTION_DOCS[option])]
    if method.returns == "images":
        lines += [
            "",
            "Returns:",
            "    An `ImagesResult`, or an image stream when `stream=True`.",
            "",
            "Raises:",
            "    InvalidRequestError: the request was rejected before sending (nothing was sent).",
            "    APIStatusError (and its subclasses), APIConnectionError, APITimeoutError,",
            "    APIResponseValidationError: see `deepshi._errors`.",
        ]
    else:
        lines += ["", "Returns:", "    The `ModelCatalog`; a fresh answer is also the preflight's catalog from now on."]
    return "\n".join(lines)


def load_methods(document: Mapping[str, Any], config: Mapping[str, Any]) -> tuple[Spec, dict[str, list[Method]]]:
    spec = Spec(document)
    operations_config = config.get("operations", {})
    by_resource: dict[str, list[Method]] = {}
    seen = set()
    for path, item in document.get("paths", {}).items():
        for http_method, operation in item.items():
            if http_method not in ("get", "post", "put", "patch", "delete"):
                continue
            operation_id = operation.get("operationId")
            entry = operations_config.get(operation_id)
            if entry is None:
                raise SurfaceError(
                    f"operation {operation_id!r} ({http_method.upper()} {path}) has no entry in "
                    "openapi/surface/surface.yaml: name its resource, method and result kind there"
                )
            seen.add(operation_id)
            by_resource.setdefault(entry["resource"], []).append(
                build_method(spec, path, http_method, operation, entry)
            )
    stale = sorted(set(operations_config) - seen)
    if stale:
        raise SurfaceError(f"surface.yaml names operations the spec no longer has: {', '.join(stale)}")
    return spec, by_resource


# -- result views ------------------------------------------------------------------------------


@dataclass
class ViewField:
    """One field of a rendered view: a property of its schema, or a field its behaviour needs."""

    name: str
    annotation: str
    description: str
    build: str | None
    """How ``from_raw`` computes it from ``raw`` (the generated model); ``None``: the caller gives it."""
    required: bool = True
    wire: str | None = None
    """The schema property it shows (``None`` for a facade field)."""
    repr: bool = True


@dataclass
class View:
    """One rendered view class."""

    schema: str
    name: str
    raw_model: str
    description: str
    behaviour: str | None
    repr: bool
    fields: list[ViewField]

    @property
    def given(self) -> list[ViewField]:
        """The fields ``from_raw`` takes as arguments (facade fields, and children that need theirs)."""
        return [f for f in self.fields if f.build is None]


class ViewBuilder:
    """Walks the response schemas of the exposed operations and builds their views."""

    def __init__(self, spec: Spec, config: Mapping[str, Any]) -> None:
        self.spec = spec
        self.config = config
        self.views: dict[str, View] = {}

    def class_name(self, schema: str) -> str:
        return str(self.config.get(schema, {}).get("class", ClassName(schema, prefix="")))

    def view(self, schema: str) -> View:
        if schema in self.views:
            return self.views[schema]
        entry = self.config.get(schema, {})
        node = self.spec.schemas[schema]
        if node.get("type") != "object" or "properties" not in node:
            raise SurfaceError(f"response schema {schema} must be an object with properties to get a view")
        view = View(
            schema=schema,
            name=self.class_name(schema),
            raw_model=str(ClassName(schema, prefix="")),
            description=_words(node.get("description", "")),
            behaviour=entry.get("behaviour"),
            repr=bool(entry.get("repr", True)),
            fields=[],
        )
        self.views[schema] = view  # before the fields: a schema may nest itself
        required = set(node.get("required", []))
        for wire, prop in node["properties"].items():
            view.fields.append(self._field(view, wire, prop, wire in required))
        for name, facade in (entry.get("fields") or {}).items():
            if any(f.name == name for f in view.fields):
                raise SurfaceError(f"surface.yaml: {schema}.{name} is a property of the schema already")
            view.fields.append(ViewField(name, facade["type"], _words(facade.get("doc", "")), None, repr=False))
        return view

    def _field(self, view: View, wire: str, node: Mapping[str, Any], required: bool) -> ViewField:
        attribute = f"raw.{python_name(wire)}"
        description = self.spec.description(node)
        where = f"{view.schema}.{wire}"
        annotation, build = self._typed(node, attribute, where)
        if annotation is None:  # a child view that needs fields the answer does not carry: the caller builds it
            annotation, build = self._given_child(node), None
        elif not required:
            build = f"None if isinstance({attribute}, Unset) else {build}"
        if not required and not annotation.endswith("| None"):
            annotation = f"{annotation} | None"
        repr_ = not any(word in wire for word in ("b64", "url"))  # base64 payloads: megabytes in a repr
        return ViewField(view_name(wire), annotation, description, build, required, wire, repr_)

    def _given_child(self, node: Mapping[str, Any]) -> str:
        resolved = self.spec.resolve(node)
        items = resolved.get("items", {})
        name = self.spec.ref_name(items) if resolved.get("type") == "array" else self.spec.ref_name(node)
        child = self.view(str(name))
        return f"list[{child.name}]" if resolved.get("type") == "array" else child.name

    def _typed(self, node: Mapping[str, Any], value: str, where: str) -> tuple[str | None, str]:
        """(annotation, expression building it from ``value``); annotation ``None``: a given child."""
        ref = self.spec.ref_name(node)
        resolved = self.spec.resolve(node)
        if ref is not None and resolved.get("type") == "object" and "properties" in resolved:
            child = self.view(ref)
            return (None, "") if child.given else (child.name, f"{child.name}.from_raw({value})")
        kind = resolved.get("type")
        if kind == "array":
            items = resolved.get("items", {})
            item_ref = self.spec.ref_name(items)
            if item_ref is not None and "properties" in self.spec.resolve(items):
                child = self.view(item_ref)
                if child.given:
                    return None, ""
                return f"list[{child.name}]", f"[{child.name}.from_raw(item) for item in {value}]"
            return f"list[{self.spec.annotation(items, where) if items else 'Any'}]", f"list({value})"
        if kind == "object":
            extra = resolved.get("additionalProperties")
            if "properties" not in resolved and isinstance(extra, Mapping) and self.spec.ref_name(extra):
                child = self.view(str(self.spec.ref_name(extra)))
                if child.given:
                    raise SurfaceError(f"{where}: a map of views that need given fields is not supported")
                return (
                    f"dict[str, {child.name}]",
                    f"{{key: {child.name}.from_raw(item) for key, item in {value}.additional_properties.items()}}",
                )
            raise SurfaceError(f"{where}: an inline object schema is not supported in a view (give it a $ref)")
        if not resolved.get("type") and not resolved.get("enum"):
            return "Any", value
        return self.spec.annotation(node, where), value


def load_views(spec: Spec, config: Mapping[str, Any], by_resource: Mapping[str, list[Method]]) -> list[View]:
    """The views of every schema a successful JSON answer of an exposed operation may carry."""
    builder = ViewBuilder(spec, config.get("views", {}))
    for methods in by_resource.values():
        for method in methods:
            if method.ok_schema is not None:
                builder.view(method.ok_schema)
    unknown = sorted(set(config.get("views", {})) - set(builder.views))
    if unknown:
        raise SurfaceError(f"surface.yaml names views of schemas no answer carries: {', '.join(unknown)}")
    return list(builder.views.values())


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(SURFACE),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["pascal"] = lambda name: "".join(part.title() for part in str(name).split("_"))
    return environment


def _model_imports(spec: Spec, methods: list[Method]) -> list[str]:
    """The generated models and enum aliases a resource module names (body models, Literal aliases)."""
    names = {method.body_model for method in methods if method.body_model and method.returns == "images"}
    for method in methods:
        for param in method.params:
            names |= {name for name in spec.literals if re.search(rf"\b{name}\b", param.annotation)}
    return sorted(names)


def render(spec_path: Path) -> dict[str, str]:
    """The rendered files, by path relative to the repo (not yet formatted)."""
    document = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    config = yaml.safe_load((SURFACE / "surface.yaml").read_text(encoding="utf-8"))
    spec, by_resource = load_methods(document, config)
    environment = _environment()
    tags = {python_name(tag["name"]): _words(tag.get("description", "")) for tag in document.get("tags", [])}
    files: dict[str, str] = {}
    for resource, methods in sorted(by_resource.items()):
        files[f"wrapper/deepshi/resources/{resource}.py"] = environment.get_template("resource.py.jinja").render(
            header=HEADER,
            resource=resource,
            description=tags.get(resource, ""),
            methods=methods,
            model_imports=_model_imports(spec, methods),
        )
    files["wrapper/deepshi/resources/__init__.py"] = environment.get_template("resources_init.py.jinja").render(
        header=HEADER, resources=sorted(by_resource)
    )
    all_methods = [method for methods in by_resource.values() for method in methods]
    files["wrapper/deepshi/_params.py"] = environment.get_template("params.py.jinja").render(
        header=HEADER, methods=all_methods, literals=sorted(spec.literals)
    )
    views = load_views(spec, config, by_resource)
    files["wrapper/deepshi/_views.py"] = environment.get_template("views.py.jinja").render(
        header=HEADER,
        views=views,
        behaviours=sorted({view.behaviour for view in views if view.behaviour}),
        raw_models=sorted({view.raw_model for view in views}),
        literals=sorted(spec.literals),
    )
    from render_cli import render_cli  # the command line's part of this stage (it imports this module)

    files.update(render_cli(spec, all_methods, environment))
    return files


def write(files: Mapping[str, str], root: Path) -> None:
    """Write ``files`` under ``root`` (replacing the folder this stage owns) and format them with ruff."""
    owned = root / TARGETS[0]
    if owned.exists():
        for old in owned.glob("*.py"):
            old.unlink()
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    paths = [str(root / relative) for relative in files]
    # The project's own ruff settings (pyproject.toml), so rendered code is held to hand-written rules.
    config = ["--config", str(ROOT / "pyproject.toml")]
    ruff = [sys.executable, "-m", "ruff"]
    subprocess.run([*ruff, "check", *config, "--fix-only", "--quiet", *paths], check=True, cwd=root)
    subprocess.run([*ruff, "format", *config, "--quiet", *paths], check=True, cwd=root)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--spec",
        type=Path,
        default=None,
        help="the generator's input to render from (default: built from openapi/ as scripts/regen.py does)",
    )
    parser.add_argument("--out", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    try:
        if args.spec is not None:
            write(render(args.spec), args.out)
            return 0
        import tempfile

        import speclayers

        with tempfile.TemporaryDirectory() as tmp:
            generator_input = Path(tmp) / "generator-input.yaml"
            generator_input.write_text(speclayers.build(ROOT).generator_text, encoding="utf-8")
            write(render(generator_input), args.out)
    except SurfaceError as exc:
        print(f"render_surface: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
