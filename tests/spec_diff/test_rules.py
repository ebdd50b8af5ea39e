"""The rule table: every id the engine can report exists, with oasdiff's level or a stated reason."""

from __future__ import annotations

import re
import tomllib

import pytest
from specdiff import RULES, Document, Level
from specdiff.document import breaking_bump_ok
from specdiff.findings import Findings
from specdiff.rules import DEEPSHI, OASDIFF, OASDIFF_COMMIT
from specdiff.schemas import CHANGES, Place, SchemaComparison

from .conftest import ROOT, SPEC

PLACES = [
    Place("request", "body", None, "request", "request body"),
    Place("response", "body", None, "response 200", "response body"),
    Place("request", "parameter", None, "parameter query q", "query parameter `q`"),
    Place("response", "header", None, "response 200 header h", "response header `h`"),
]


@pytest.mark.parametrize("place", PLACES, ids=lambda place: f"{place.direction} {place.usage}")
def test_every_schema_change_has_a_rule_wherever_it_is_used(place: Place) -> None:
    comparison = SchemaComparison(Document(SPEC, "a"), Document(SPEC, "b"), Findings(), place, set())
    for suffix in sorted(CHANGES):
        if place.direction == "request" and suffix == "type-specialized":
            continue  # oasdiff's request verdicts are changed, compatible or generalized
        for root in (True, False):
            assert comparison.rule(root, suffix) in RULES


def test_oasdiff_levels_are_oasdiffs() -> None:
    # A few of oasdiff's rules.go entries, as a tripwire for a hand edit of the generated table.
    expected = {
        "request-property-became-required": Level.ERR,
        "request-property-enum-value-removed": Level.ERR,
        "request-property-enum-value-added": Level.INFO,
        "response-property-enum-value-added": Level.WARN,
        "response-property-enum-value-removed": Level.INFO,
        "request-property-max-length-decreased": Level.ERR,
        "request-property-max-length-set": Level.WARN,
        "response-required-property-removed": Level.ERR,
        "response-optional-property-removed": Level.WARN,
        "request-property-removed": Level.WARN,
        "api-removed-without-deprecation": Level.ERR,
        "api-path-removed-without-deprecation": Level.ERR,
        "endpoint-added": Level.INFO,
        "response-success-status-removed": Level.ERR,
        "response-non-success-status-removed": Level.INFO,
        "response-media-type-removed": Level.ERR,
        "request-body-media-type-removed": Level.ERR,
        "new-required-request-parameter": Level.ERR,
        "request-parameter-removed": Level.WARN,
        "response-property-became-nullable": Level.ERR,
        "request-property-became-not-nullable": Level.ERR,
        "api-version-not-bumped": Level.INFO,
    }
    assert {rule: RULES[rule].level for rule in expected} == expected
    assert all(RULES[rule].source.startswith("https://github.com/oasdiff/oasdiff/blob/") for rule in OASDIFF)
    assert all(OASDIFF_COMMIT in RULES[rule].source for rule in OASDIFF)
    assert all(RULES[rule].source.startswith("deepshi: ") for rule in DEEPSHI)
    assert not OASDIFF.keys() & DEEPSHI.keys()


@pytest.mark.parametrize(
    ("rule", "level"),
    [
        ("request-property-max-items-decreased", Level.ERR),  # narrower request: breaking
        ("request-property-max-items-set", Level.WARN),  # as oasdiff's *-set
        ("request-property-min-length-unset", Level.INFO),  # wider request: fine
        ("response-property-max-items-increased", Level.ERR),  # wider response: breaking
        ("response-property-min-unset", Level.ERR),
        ("response-property-max-length-decreased", Level.INFO),  # narrower response: fine
        ("response-property-min-items-set", Level.INFO),
    ],
)
def test_bounds_oasdiff_lacks_follow_its_direction_rules(rule: str, level: Level) -> None:
    assert rule in DEEPSHI
    assert RULES[rule].level is level


@pytest.mark.parametrize(
    ("before", "after", "ok"),
    [
        ((0, 1, 0), (0, 2, 0), True),
        ((0, 1, 0), (1, 0, 0), True),
        ((0, 1, 0), (0, 1, 1), False),
        ((0, 1, 0), (0, 1, 0), False),
        ((1, 4, 2), (2, 0, 0), True),
        ((1, 4, 2), (1, 5, 0), False),
    ],
)
def test_a_breaking_change_needs_the_bump_docs_versioning_names(before, after, ok) -> None:
    assert breaking_bump_ok(before, after) is ok


def test_griffe_is_pinned_alike_for_tests_and_tox() -> None:
    """One pin, in the `spec-diff` dependency group: tox -e spec-diff installs it, the tests include it."""
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    tox = (ROOT / "tox.ini").read_text()
    env = tox.split("[testenv:spec-diff]", 1)[1].split("\n[", 1)[0]
    (pin,) = [dep for dep in groups["spec-diff"] if isinstance(dep, str) and dep.startswith("griffe")]
    assert re.fullmatch(r"griffe==[\d.]+", pin)
    assert {"include-group": "spec-diff"} in groups["regen"]
    assert {"include-group": "regen"} in groups["test"]
    assert "dependency_groups = spec-diff" in env
    assert "python scripts/spec_diff.py" in env
