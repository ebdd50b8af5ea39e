"""Comparing two OpenAPI documents: the paths (see :mod:`specdiff.operations`), security,
components, info, and oasdiff's versioning policy for ``info.version``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .findings import Findings
from .operations import OperationsComparison
from .refs import Document, join
from .rules import ERR
from .schemas import canonical

SEMVER = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


def compare(base: Document, new: Document) -> Findings:
    """Every change from ``base`` to ``new``, classified by the rules in :mod:`specdiff.rules`."""
    return _DocumentComparison(base, new).run()


def semver(version: str) -> tuple[int, int, int] | None:
    match = SEMVER.match(version.strip())
    return (int(match[1]), int(match[2]), int(match[3])) if match else None


def breaking_bump_ok(before: tuple[int, int, int], after: tuple[int, int, int]) -> bool:
    """oasdiff's ``majorBumped`` (``checker/versioning_policy.go``): below 1.0 the minor counts as major."""
    if before[0] == 0 and after[0] == 0:
        return after[1] > before[1]
    return after[0] > before[0]


class _DocumentComparison(OperationsComparison):
    def run(self) -> Findings:
        b, n = self.base.data, self.new.data
        self._paths(b.get("paths") or {}, n.get("paths") or {})
        self._security(b, n)
        self._components(b.get("components") or {}, n.get("components") or {})
        self._info(b.get("info") or {}, n.get("info") or {})
        handled = {"paths", "components", "info", "security"}
        for key in sorted((b.keys() | n.keys()) - handled):
            self.leftover(key, b.get(key), n.get(key), join("#", key), "the document")
        self._uncompared(b.get("components") or {}, n.get("components") or {})
        self._versioning_policy(b.get("info") or {}, n.get("info") or {})
        return self.findings

    def _security(self, b: Mapping[str, Any], n: Mapping[str, Any]) -> None:
        if canonical(b.get("security")) != canonical(n.get("security")):
            self.requirements(b.get("security"), n.get("security"), "#/security", "api-global-security", None)

    # --- components (check_components_schemas_removed.go, check_components_security_updated.go)

    def _components(self, b: Mapping[str, Any], n: Mapping[str, Any]) -> None:
        base_schemas: Mapping[str, Any] = b.get("schemas") or {}
        new_schemas: Mapping[str, Any] = n.get("schemas") or {}
        for name in base_schemas:
            if name not in new_schemas:
                self.add("api-schema-removed", f"component schema `{name}` removed", join("#/components/schemas", name))
        for name in new_schemas:
            if name not in base_schemas:
                self.add("api-schema-added", f"component schema `{name}` added", join("#/components/schemas", name))
            else:
                pointer = join("#/components/schemas", name)
                if pointer in self.visited:
                    continue  # compared where operations use it
                if self.base.fingerprint(base_schemas[name]) != self.new.fingerprint(new_schemas[name]):
                    where = ", ".join(_differences(base_schemas[name], new_schemas[name], pointer)[:5])
                    self.add(
                        "api-schema-changed",
                        f"component schema `{name}` (used by no operation) changed at {where}",
                        pointer,
                    )
        base_schemes: Mapping[str, Any] = b.get("securitySchemes") or {}
        new_schemes: Mapping[str, Any] = n.get("securitySchemes") or {}
        for name in base_schemes:
            if name not in new_schemes:
                self.add(
                    "api-security-component-removed",
                    f"security scheme `{name}` removed",
                    join("#/components/securitySchemes", name),
                )
        for name in new_schemes:
            origin = join("#/components/securitySchemes", name)
            if name not in base_schemes:
                self.add("api-security-component-added", f"security scheme `{name}` added", origin)
                continue
            before, after = base_schemes[name], new_schemes[name]
            if before.get("type") != after.get("type"):
                self.add(
                    "api-security-component-type-changed",
                    f"type changed from `{before.get('type')}` to `{after.get('type')}`",
                    origin,
                    subject=f"security scheme `{name}`",
                )
            for key in sorted((before.keys() | after.keys()) - {"type"}):
                self.leftover(key, before.get(key), after.get(key), join(origin, key), f"security scheme `{name}`")

    def _uncompared(self, b: Mapping[str, Any], n: Mapping[str, Any]) -> None:
        """Components no comparison reached (an unused response, parameter, example...) that differ.

        Everything an operation uses was compared where it is used: a raw difference there that no
        rule reported is no change for clients (``additionalProperties: true`` written or left out,
        enum values reordered). Differences nothing compared are reported here, so two documents
        that differ never read "no changes" unless a comparison judged them equal.
        """
        compared = self.base.compared | self.new.compared
        found: dict[str, list[str]] = {}
        for pointer in _differences(b, n, "#/components"):
            owner = "/".join(pointer.split("/")[:4])  # #/components/<kind>/<name>
            if owner.split("/")[2] in {"schemas", "securitySchemes"} or _covered(pointer, compared):
                continue
            found.setdefault(owner, []).append(pointer)
        for owner, pointers in found.items():
            where = ", ".join(pointers[:5]) + (", ..." if len(pointers) > 5 else "")
            self.add(
                "api-component-changed", f"component `{owner[2:]}` (used by no operation) changed at {where}", owner
            )

    # --- info and the versioning policy (checker/versioning_policy.go)

    def _info(self, b: Mapping[str, Any], n: Mapping[str, Any]) -> None:
        for key in sorted((b.keys() | n.keys()) - {"version"}):
            if canonical(b.get(key)) != canonical(n.get(key)):
                rule = "extension-changed" if key.startswith("x-") else "documentation-changed"
                self.add(rule, f"info: `{key}` changed", join("#/info", key))

    def _versioning_policy(self, b: Mapping[str, Any], n: Mapping[str, Any]) -> None:
        if not any(f.level == ERR for f in self.findings.items):
            return
        before_text, after_text = str(b.get("version", "")), str(n.get("version", ""))
        before, after = semver(before_text), semver(after_text)
        if before is None or after is None:
            return
        if before_text == after_text:
            self.add(
                "api-version-not-bumped",
                f"a breaking change was found but info.version is still {after_text}",
                "#/info/version",
            )
        elif after <= before:
            self.add(
                "api-version-decreased",
                f"a breaking change was found but info.version went from {before_text} to {after_text}",
                "#/info/version",
            )
        elif not breaking_bump_ok(before, after):
            text = (
                f"a breaking change was found but info.version's major did not increase ({before_text} to {after_text})"
            )
            self.add("api-major-version-not-bumped", text, "#/info/version")


def _covered(pointer: str, compared: set[str]) -> bool:
    parts = pointer.split("/")
    return any("/".join(parts[:length]) in compared for length in range(2, len(parts) + 1))


def _differences(before: Any, after: Any, pointer: str) -> list[str]:
    """The JSON pointers where two raw values differ (leaves, or the first level a side lacks)."""
    if type(before) is type(after) and before == after:
        return []
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        found: list[str] = []
        for key in sorted(before.keys() | after.keys(), key=str):
            found.extend(_differences(before.get(key), after.get(key), join(pointer, key)))
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        found = []
        for index, (left, right) in enumerate(zip(before, after, strict=True)):
            found.extend(_differences(left, right, join(pointer, index)))
        return found
    return [pointer]
