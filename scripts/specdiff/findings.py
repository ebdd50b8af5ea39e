"""One classified change, and the collector the comparators append to."""

from __future__ import annotations

from dataclasses import dataclass, field

from .rules import RULES, Level


@dataclass(frozen=True)
class Finding:
    """One change found by a rule, at one place of one operation.

    ``subject`` is what changed (``request property `quality```; empty for an operation or the
    document), ``text`` how. ``op`` is the operation (``POST /v1/images/edits``; ``None`` for
    document-wide changes), ``where`` the part of it (``request multipart/form-data``,
    ``response 400 application/json``, ``parameter query limit``) and ``origin`` the JSON pointer
    where the changed keyword is written: the same for every operation a shared component
    reaches, which is what the report groups on.
    """

    rule: str
    text: str
    origin: str
    subject: str = ""
    op: str | None = None
    where: str | None = None

    @property
    def level(self) -> Level:
        return RULES[self.rule].level

    @property
    def message(self) -> str:
        return f"{self.subject}: {self.text}" if self.subject else self.text


@dataclass
class Findings:
    """The findings of one comparison, in the order they were found, without repeats."""

    items: list[Finding] = field(default_factory=list)
    _seen: set[Finding] = field(default_factory=set)

    def add(
        self, rule: str, text: str, origin: str, *, subject: str = "", op: str | None = None, where: str | None = None
    ) -> None:
        if rule not in RULES:  # a typo in a rule id must not pass silently
            raise KeyError(f"unknown rule id {rule!r}")
        finding = Finding(rule, text, origin, subject, op, where)
        if finding not in self._seen:
            self._seen.add(finding)
            self.items.append(finding)
