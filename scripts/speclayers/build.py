"""Build the two documents the project works from, out of Deepshi's published one and two overlays.

::

    openapi/upstream/deepshi.yaml        Deepshi's document, as published (vendored)
      + openapi/overlays/decisions.yaml  this project's decisions where the docs are silent
      = openapi/deepshi.yaml             the spec users read: shipped in the package, the mock and
                                         the facade validate against it (written here, committed)
      + openapi/overlays/generator.yaml  what only the toolchain needs (openapi-python-client)
      = the generator's input            stages 1-3 of scripts/regen.py read it (a temporary file,
                                         never committed, never shipped)

The decision list of ``decisions.yaml`` (``x-deepshi-decisions``) is rendered, numbered, at the end
of ``info.description``. The ``responses`` of every operation are written in status order, so a
decision that adds a status does not have to restate the ones after it.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .overlay import Overlay, OverlayError, apply

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = "openapi/upstream/deepshi.yaml"
DECISIONS = "openapi/overlays/decisions.yaml"
GENERATOR = "openapi/overlays/generator.yaml"
USERS_SPEC = "openapi/deepshi.yaml"

HEADER = f"""\
# BUILT FILE: do not edit. `python scripts/regen.py` (tox -e regen) writes it from
# {UPSTREAM} (Deepshi's published document) + {DECISIONS}
# (this project's decisions, rendered into info.description below); `tox -e drift` fails when it
# is not that build. To change the API description, change one of those two (docs/spec-changes.md).
"""

WIDTH = 96
"""Line width of the rendered decision list."""
_DECISION_REFERENCE = re.compile(r"\bdecisions? (\d+)\b")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class Built:
    """The users' spec and the generator's input, as documents and as the text written for each."""

    users: dict[str, Any]
    generator: dict[str, Any]
    users_text: str
    generator_text: str


def load_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def decisions(root: Path = ROOT) -> Overlay:
    return Overlay.load(root / DECISIONS, reason_key="decision")


def normalizations(root: Path = ROOT) -> Overlay:
    return Overlay.load(root / GENERATOR, reason_key="normalization")


def users_spec(upstream: Mapping[str, Any], overlay: Overlay) -> dict[str, Any]:
    """``upstream`` with the decisions applied and their list rendered into ``info.description``."""
    document = apply(upstream, overlay)
    info = document.setdefault("info", {})
    info["description"] = str(info.get("description", "")).rstrip("\n") + "\n\n" + render_decisions(overlay)
    _order_responses(document)
    _check_decision_references(document, len(overlay.reasons), overlay.name)
    return document


def generator_input(users: Mapping[str, Any], overlay: Overlay) -> dict[str, Any]:
    """The users' spec normalized for the generator."""
    document = apply(users, overlay)
    _order_responses(document)
    return document


def render_decisions(overlay: Overlay) -> str:
    """The numbered decision section of ``info.description`` (Markdown)."""
    section = overlay.extensions.get("x-deepshi-decision-section") or {}
    heading = str(section.get("heading", "Decisions"))
    preamble = str(section.get("preamble", "")).strip()
    lines = [f"## {heading}", ""]
    if preamble:
        lines += [preamble, ""]
    for number, reason in enumerate(overlay.reasons, start=1):
        marker = f"{number}. "
        paragraphs = [" ".join(part.split()) for part in reason.text.strip().split("\n\n")]
        paragraphs[0] = f"**{reason.title}.** {paragraphs[0]}"
        for index, paragraph in enumerate(paragraphs):
            first = marker if index == 0 else " " * len(marker)
            if index:
                lines.append("")
            lines += textwrap.wrap(paragraph, WIDTH, initial_indent=first, subsequent_indent=" " * len(marker))
    return "\n".join(lines) + "\n"


def build(root: Path = ROOT) -> Built:
    """Both documents, from the files under ``root`` (raises :class:`OverlayError`)."""
    upstream = load_yaml(root / UPSTREAM)
    if not isinstance(upstream, dict) or "openapi" not in upstream:
        raise OverlayError(f"{UPSTREAM}: not an OpenAPI document")
    users = users_spec(upstream, decisions(root))
    generator = generator_input(users, normalizations(root))
    return Built(
        users,
        generator,
        HEADER + dump(users),
        "# The generator's input: openapi/deepshi.yaml + openapi/overlays/generator.yaml (temporary).\n"
        + dump(generator),
    )


def dump(document: Mapping[str, Any]) -> str:
    """YAML for a reader: keys in document order, multi-line strings as blocks."""
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write(root: Path = ROOT) -> Built:
    """Build and write ``openapi/deepshi.yaml``; return the build."""
    built = build(root)
    (root / USERS_SPEC).write_text(built.users_text, encoding="utf-8")
    return built


def drift(root: Path, built: Built) -> list[str]:
    """Why ``openapi/deepshi.yaml`` is not ``built`` (empty when it is)."""
    path = root / USERS_SPEC
    if not path.is_file():
        return [f"{USERS_SPEC} (missing)"]
    if path.read_text(encoding="utf-8") != built.users_text:
        return [f"{USERS_SPEC} (not the build of {UPSTREAM} + {DECISIONS})"]
    return []


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 (PyYAML's signature)
        return True  # write repeated values out, never as &anchors

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        super().increase_indent(flow, False)  # list items indented under their key


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value.rstrip("\n") or value.endswith("\n"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def _status_order(code: str) -> tuple[int, int, str]:
    if code == "default":
        return (10, 0, code)
    return (int(code[0]) if code[:1].isdigit() else 9, 0 if code.isdigit() else 1, code)


def _order_responses(document: dict[str, Any]) -> None:
    for item in (document.get("paths") or {}).values():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            responses = operation.get("responses") if isinstance(operation, dict) else None
            if isinstance(responses, dict):
                ordered = sorted(responses, key=lambda code: _status_order(str(code)))
                operation["responses"] = {code: responses[code] for code in ordered}


def _check_decision_references(document: Any, count: int, name: str) -> None:
    """Every "decision N" a description mentions must exist (the list is numbered by its order)."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            for match in _DECISION_REFERENCE.finditer(node):
                if not 1 <= int(match[1]) <= count:
                    raise OverlayError(f"{name}: the built spec mentions {match[0]!r}, but there are {count} decisions")
