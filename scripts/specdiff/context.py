"""What the document and operation comparisons share: the two documents, the findings, helpers."""

from __future__ import annotations

from typing import Any

from .findings import Findings
from .refs import Document, Node
from .schemas import ANNOTATIONS, canonical, shown


class Comparison:
    """Two documents being compared, and what has been found so far."""

    def __init__(self, base: Document, new: Document) -> None:
        self.base, self.new = base, new
        self.findings = Findings()
        self.visited: set[str] = set()  # component schemas some operation reached

    def add(
        self, rule: str, text: str, origin: str, *, subject: str = "", op: str | None = None, where: str | None = None
    ) -> None:
        self.findings.add(rule, text, origin, subject=subject, op=op, where=where)

    def leftover(
        self,
        key: str,
        before: Any,
        after: Any,
        origin: str,
        owner: str,
        op: str | None = None,
        where: str | None = None,
    ) -> None:
        """A keyword no specific rule compares: documentation, an extension, or unclassified."""
        if canonical(before) == canonical(after):
            return
        if key in ANNOTATIONS or key in {"openapi", "tags"}:
            self.add("documentation-changed", f"`{key}` changed", origin, subject=owner, op=op, where=where)
        elif key.startswith("x-"):
            self.add(
                "extension-changed",
                f"`{key}` changed from {opt(before)} to {opt(after)}",
                origin,
                subject=owner,
                op=op,
                where=where,
            )
        else:
            self.add(
                "unclassified-change",
                f"`{key}` changed from {opt(before)} to {opt(after)}",
                origin,
                subject=owner,
                op=op,
                where=where,
            )

    @staticmethod
    def at(b: Node, n: Node, key: str, *more: object) -> str:
        return n.at(key, *more) if key in n else b.at(key, *more)

    # --- security (check_api_security_updated.go, check_components_security_updated.go)

    def requirements(self, before: Any, after: Any, origin: str, prefix: str, op: str | None) -> None:
        base_schemes, new_schemes = _schemes(before), _schemes(after)
        for name, scopes in base_schemes.items():
            if name not in new_schemes:
                self.add(f"{prefix}-removed", f"security scheme `{name}` removed", origin, op=op)
            else:
                for scope in scopes - new_schemes[name]:
                    self.add(f"{prefix}-scope-removed", f"scope `{scope}` of `{name}` removed", origin, op=op)
                for scope in new_schemes[name] - scopes:
                    self.add(f"{prefix}-scope-added", f"scope `{scope}` of `{name}` added", origin, op=op)
        for name in new_schemes:
            if name not in base_schemes:
                self.add(f"{prefix}-added", f"security scheme `{name}` added", origin, op=op)


def _schemes(requirements: Any) -> dict[str, set[str]]:
    schemes: dict[str, set[str]] = {}
    for requirement in requirements or ():
        for name, scopes in (requirement or {}).items():
            schemes.setdefault(str(name), set()).update(str(scope) for scope in scopes or ())
    return schemes


def opt(value: Any) -> str:
    return "(absent)" if value is None else shown(value)
