"""Apply an OpenAPI Overlay document to an OpenAPI document.

Targets are RFC 9535 JSONPath queries, evaluated with ``jsonpath-rfc9535`` (a maintained
implementation of the RFC, pinned in the ``regen`` extra). The merge itself is written here: it is
the few rules of the Overlay Specification's Action Object and nothing else, and the Python
overlay tools on the package index either implement a pre-RFC JSONPath dialect, or silently skip an
action whose target selects nothing, which is the one thing this project must not do: an action
whose target no longer exists means Deepshi changed what a decision was written against, so it
fails here, naming the action and its reason.

Supported versions and semantics (https://spec.openapis.org/overlay/):

* ``update`` on an object merges recursively: a key only in the update is added (after the
  existing keys, so property order is kept), objects merge, any other value replaces. On an array
  the update is appended. Overlay 1.0 replaces a nested array; 1.1 concatenates it.
* ``remove: true`` removes every selected node from its object or array.
* ``copy`` (Overlay 1.1 only): the single node the ``copy`` query selects is merged into each
  target like an ``update``. Overlay 1.0 has no way to move a node, and the published edit body has
  to be lifted out of its ``oneOf`` without restating (and so freezing) Deepshi's field list.
* Primitive targets (1.1) are replaced by the update.

Stricter than the specification, on purpose: a target (or ``copy`` query) that selects nothing is an
:class:`OverlayError`, and so is an action that does not carry its reason (see :class:`Overlay`).
"""

from __future__ import annotations

import copy as _copy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonpath_rfc9535
import yaml

__all__ = ["Action", "Overlay", "OverlayError", "Reason", "apply"]

VERSIONS = ("1.0", "1.1")


class OverlayError(Exception):
    """An overlay that cannot be applied: malformed, or an action whose target selects nothing."""


@dataclass(frozen=True)
class Reason:
    """Why actions exist: one entry of the overlay's reason list (``x-deepshi-decisions``, ...)."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Action:
    """One action of an overlay, with where it is (for messages) and the id of its reason."""

    position: int
    target: str
    description: str
    reason: str
    update: Any = None
    remove: bool = False
    copy: str | None = None

    def label(self, overlay: str) -> str:
        return f"{overlay} action #{self.position} [{self.reason}] ({self.description.strip().splitlines()[0]})"


@dataclass(frozen=True)
class Overlay:
    """An overlay document: its version, actions and the reasons they carry.

    ``reason_key`` names the extension that holds the reasons: the document lists them under
    ``x-deepshi-<reason_key>s`` (id, title, text) and every action names one in
    ``x-deepshi-<reason_key>``. An action without a known reason, or a reason no action uses, is
    an error: each change to Deepshi's document must say why it is made.
    """

    name: str
    version: str
    title: str
    actions: tuple[Action, ...]
    reasons: tuple[Reason, ...]
    extensions: Mapping[str, Any]

    @classmethod
    def load(cls, path: Path, *, reason_key: str) -> Overlay:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls.parse(raw, name=path.name, reason_key=reason_key)

    @classmethod
    def parse(cls, raw: Any, *, name: str, reason_key: str) -> Overlay:
        if not isinstance(raw, dict) or not isinstance(raw.get("overlay"), str):
            raise OverlayError(f"{name}: not an Overlay document (no `overlay` version)")
        version = str(raw["overlay"])
        if not any(version == v or version.startswith(v + ".") for v in VERSIONS):
            raise OverlayError(f"{name}: Overlay version {version} is not supported (only {', '.join(VERSIONS)})")
        info = raw.get("info") or {}
        reasons_raw = raw.get(f"x-deepshi-{reason_key}s") or []
        reasons = tuple(Reason(str(r["id"]), str(r["title"]), str(r.get("text", ""))) for r in reasons_raw)
        known = {reason.id for reason in reasons}
        if len(known) != len(reasons):
            raise OverlayError(f"{name}: two `x-deepshi-{reason_key}s` entries share an id")
        actions_raw = raw.get("actions")
        if not isinstance(actions_raw, list) or not actions_raw:
            raise OverlayError(f"{name}: `actions` must be a non-empty list")
        actions = []
        for position, item in enumerate(actions_raw, start=1):
            action = _action(item, position, name, reason_key, known, version)
            actions.append(action)
        unused = known - {action.reason for action in actions}
        if unused:
            raise OverlayError(f"{name}: no action carries {reason_key} {', '.join(sorted(unused))}")
        return cls(
            name=name,
            version=version,
            title=str(info.get("title", "")),
            actions=tuple(actions),
            reasons=reasons,
            extensions={key: value for key, value in raw.items() if key.startswith("x-")},
        )

    @property
    def concatenates_arrays(self) -> bool:
        return not self.version.startswith("1.0")


def _action(item: Any, position: int, name: str, reason_key: str, known: set[str], version: str) -> Action:
    where = f"{name} action #{position}"
    if not isinstance(item, dict) or not isinstance(item.get("target"), str) or not item["target"].startswith("$"):
        raise OverlayError(f"{where}: every action needs a JSONPath `target` starting with `$`")
    description = item.get("description")
    if not isinstance(description, str) or not description.strip():
        raise OverlayError(f"{where} ({item['target']}): every action says what it does and why (`description`)")
    reason = item.get(f"x-deepshi-{reason_key}")
    if reason not in known:
        raise OverlayError(f"{where} ({item['target']}): `x-deepshi-{reason_key}` {reason!r} is not listed")
    modifiers = [key for key in ("update", "remove", "copy") if key in item and item[key] not in (None, False)]
    if len(modifiers) != 1:
        raise OverlayError(f"{where} ({item['target']}): exactly one of update, remove, copy (got {modifiers})")
    if "copy" in modifiers and version.startswith("1.0"):
        raise OverlayError(f"{where}: `copy` needs Overlay 1.1 (this document says {version})")
    return Action(
        position=position,
        target=item["target"],
        description=description,
        reason=str(reason),
        update=item.get("update"),
        remove=item.get("remove") is True,
        copy=item.get("copy"),
    )


def apply(document: Mapping[str, Any], overlay: Overlay) -> dict[str, Any]:
    """A new document: ``document`` with every action of ``overlay`` applied in order."""
    result: dict[str, Any] = _copy.deepcopy(dict(document))
    for action in overlay.actions:
        _apply_one(result, action, overlay)
    return result


def _select(document: Any, query: str, action: Action, overlay: Overlay, what: str) -> list[Any]:
    try:
        nodes = jsonpath_rfc9535.find(query, document)
    except jsonpath_rfc9535.JSONPathError as exc:
        raise OverlayError(f"{action.label(overlay.name)}: {what} {query!r} is not valid JSONPath: {exc}") from exc
    if not nodes:
        raise OverlayError(
            f"{action.label(overlay.name)}: {what} {query} selects nothing in the document: the part of the spec "
            "this action was written against has changed; re-point or drop the action (docs/spec-changes.md)"
        )
    return list(nodes)


def _apply_one(document: dict[str, Any], action: Action, overlay: Overlay) -> None:
    nodes = _select(document, action.target, action, overlay, "target")
    if action.remove:
        # Deepest and last first, so the locations of the nodes still to remove stay valid.
        for node in sorted(nodes, key=lambda n: tuple(n.location), reverse=True):
            if not node.location:
                raise OverlayError(f"{action.label(overlay.name)}: the document root cannot be removed")
            parent = _at(document, node.location[:-1])
            del parent[node.location[-1]]
        return
    if action.copy is not None:
        sources = _select(document, action.copy, action, overlay, "copy")
        if len(sources) != 1:
            raise OverlayError(
                f"{action.label(overlay.name)}: copy {action.copy} selects {len(sources)} nodes, not one"
            )
        value = sources[0].value
    else:
        value = action.update
    for node in nodes:
        target = node.value
        if isinstance(target, dict):
            if not isinstance(value, dict):
                raise OverlayError(f"{action.label(overlay.name)}: an object target takes an object to merge")
            _merge(target, value, overlay.concatenates_arrays)
        elif isinstance(target, list):
            if isinstance(value, list) and overlay.concatenates_arrays:
                target.extend(_copy.deepcopy(value))
            else:
                target.append(_copy.deepcopy(value))
        elif overlay.concatenates_arrays and node.location:
            _at(document, node.location[:-1])[node.location[-1]] = _copy.deepcopy(value)
        else:
            raise OverlayError(f"{action.label(overlay.name)}: Overlay 1.0 targets objects or arrays, not {target!r}")


def _merge(target: dict[str, Any], update: Mapping[str, Any], concatenate: bool) -> None:
    for key, value in update.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge(current, value, concatenate)
        elif concatenate and isinstance(current, list) and isinstance(value, list):
            current.extend(_copy.deepcopy(value))
        else:
            target[key] = _copy.deepcopy(value)


def _at(document: Any, location: tuple[Any, ...] | list[Any]) -> Any:
    node = document
    for key in location:
        node = node[key]
    return node
