"""Stage 3 of ``scripts/regen.py``: does every generated operation send the request body the spec declares?

Run with the freshly generated ``deepshi_openapi`` first on ``PYTHONPATH``; prints one line per
operation whose request, built by its ``build_request`` from the spec's example body, does not carry
that body, and exits 1 if there is any (0 when all carry it). Why this exists: openapi-python-client
silently generates a request with no body for a multipart schema that is a union (``oneOf``/``anyOf``,
the docs' own edit body shape) and exits 0, so neither regen, drift nor mypy would notice.
"""

from __future__ import annotations

import importlib
import io
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _resolve(spec: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while isinstance(node.get("$ref"), str):
        target: Any = spec
        for part in str(node["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _module_name(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def _binary_arrays(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> list[str]:
    return [
        name
        for name, node in schema.get("properties", {}).items()
        if _resolve(spec, node).get("type") == "array"
        and _resolve(spec, node).get("items", {}).get("format") == "binary"
    ]


def problems(spec: Mapping[str, Any]) -> list[str]:
    from deepshi_openapi import Client
    from deepshi_openapi.types import File

    client = Client(base_url="http://regen.invalid")
    found = []
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            body = operation.get("requestBody") if isinstance(operation, Mapping) else None
            if not body:
                continue
            operation_id = operation["operationId"]
            tag = re.sub(r"\W+", "_", (operation.get("tags") or ["default"])[0]).lower()
            where = f"{operation_id} ({method.upper()} {path})"
            for media_type, media in body.get("content", {}).items():
                schema_node = media.get("schema", {})
                schema = _resolve(spec, schema_node)
                if any(key in schema for key in ("oneOf", "anyOf")):
                    cause = f"its {media_type} body schema is a union ({'oneOf' if 'oneOf' in schema else 'anyOf'})"
                else:
                    cause = "the generator dropped it"
                example = dict(media.get("example") or schema.get("example") or {})
                if not example:
                    found.append(f"{where}: the spec gives no example body to build the request from (add one)")
                    continue
                module = importlib.import_module(f"deepshi_openapi.api.{tag}.{_module_name(operation_id)}")
                model_name = str(schema_node.get("$ref", "")).rsplit("/", 1)[-1]
                model = getattr(importlib.import_module("deepshi_openapi.models"), model_name, None)
                if model is None:
                    found.append(f"{where}: no generated model {model_name!r} for the body ({cause})")
                    continue
                files = _binary_arrays(spec, schema)
                for name in files:
                    example.pop(name, None)
                try:
                    instance = model.from_dict({**example, **{name: [] for name in files}})
                except Exception as exc:  # the example itself does not fit the model
                    found.append(f"{where}: the example body does not fit {model_name} ({type(exc).__name__}: {exc})")
                    continue
                for name in files:
                    python_name = re.sub(r"\W+", "", name)
                    setattr(
                        instance,
                        python_name,
                        [File(payload=io.BytesIO(_PNG), file_name="a.png", mime_type="image/png")],
                    )
                try:
                    request = module.build_request(client=client, body=instance)
                except TypeError as exc:
                    found.append(f"{where}: build_request does not take the body ({exc}); {cause}")
                    continue
                content = request.read()
                sent = _sent_fields(media_type, content)
                missing = sorted(set(example) - sent)
                if not content or missing or any(f'name="{name}"' not in content.decode("latin-1") for name in files):
                    detail = f"fields {missing} are missing" if content else "it has no body at all"
                    found.append(
                        f"{where}: the generated request does not carry its {media_type} body ({detail}); {cause}"
                    )
    return found


def _sent_fields(media_type: str, content: bytes) -> set[str]:
    if media_type == "application/json":
        try:
            document = json.loads(content or b"null")
        except ValueError:
            return set()
        return set(document) if isinstance(document, dict) else set()
    return set(re.findall(r'name="([^"]+)"', content.decode("latin-1")))


def main(argv: list[str]) -> int:
    spec = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    found = problems(spec)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
