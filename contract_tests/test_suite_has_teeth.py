"""Contract 6, the suite has teeth: break one layer on purpose, and the contract that guards it fails.

Each mutant is a temporary copy of the project with one deliberate bug, and the relevant contract
tests run against it in a child pytest whose ``PYTHONPATH`` puts the copy's packages first (this
test checks that the copy's ``deepshi``, ``deepshi.mock`` and ``deepshi_openapi`` are the ones
imported, not the installed editable ones):

| mutant | the bug | must fail |
|---|---|---|
| mock | JSON image answers send ``created`` as a string (the spec says integer) | contract 1 (schemathesis' ``response_schema_conformance``) |
| mock-stream | the same in the ``data`` of stream events | contract 1 (each event against ``ImageStreamEvent``) |
| mock-auth | the mock accepts requests without a valid key | contract 1 (``ignored_auth``) |
| mock-enum | the mock ignores the ``response_format`` value (``b64_json`` for ``url``) | contract 1 (the project check ``image_where_response_format_says``) |
| facade | edits silently drop the ``seed`` argument | contract 2 (the journaled fields of the every-argument call) |
| spec | Deepshi's published spec gains a request field (``openapi/upstream/``) and nothing is regenerated | contract 5 (drift) |

Each failure is the mutation's doing: the same tests pass on the project itself in the same run
(the rest of this suite), a copy imports its own packages (checked on an unmutated copy), and each
child must fail with its mutant's own symptom, not just fail. (An unmutated copy used to run every
selection again as a control: on 2 cores that was the costliest child and proved nothing the
symptoms and the suite's own run do not.) All the children run at once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .pytest_runs import Finished, PytestRun, child_environment, run_all

ROOT = Path(__file__).resolve().parent.parent
# .gitignore: the copies are git repositories, as a clone is; without it, bytecode Python writes shows as changed files
COPIED = ("openapi", "generated", "wrapper", "scripts", "contract_tests", "conftest.py", "pyproject.toml", ".gitignore")
IGNORED = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache", ".ruff_cache", ".mypy_cache", "*.pyc")


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    original: str
    mutated: str
    test_file: str
    keyword: str
    """``-k`` expression selecting the relevant tests in ``test_file``."""
    symptom: str
    """Text the failing run must print: it failed for the mutation's reason, not another one."""
    prepare: tuple[str, ...] = ()
    """A script to run in the copy after the mutation (e.g. re-render the facade from a mutated renderer)."""


MUTANTS = (
    Mutant(
        "mock",
        "wrapper/deepshi/mock/answers.py",
        "if effective.get(Request.STREAM) is not True:\n"
        "            return Answer(200, _default_type(headers, JSON_TYPE), sse.dumps(body).encode())",
        "if effective.get(Request.STREAM) is not True:\n"
        "            return Answer(200, _default_type(headers, JSON_TYPE), "
        'sse.dumps({**body, "created": str(body.get("created"))}).encode())',
        "contract_tests/test_mock_conforms_to_spec.py",
        "test_server_conforms_to_spec and generations",
        "Response violates schema",
    ),
    Mutant(
        "mock-stream",
        "wrapper/deepshi/mock/answers.py",
        "    event: dict[str, Any] = {Completed.TYPE: Completed.KIND, **body}\n",
        '    event: dict[str, Any] = {Completed.TYPE: Completed.KIND, **body, "created": "yesterday"}\n',
        "contract_tests/test_mock_conforms_to_spec.py",
        "test_server_conforms_to_spec and generations",
        "SSE event payload violates content schema",
    ),
    Mutant(
        "mock-auth",
        "wrapper/deepshi/mock/auth.py",
        "        if not authorization:\n",
        '        return None, "ok"  # mutant: every request is authorized\n        if not authorization:\n',
        "contract_tests/test_mock_conforms_to_spec.py",
        "test_server_conforms_to_spec and models",
        "API accepts requests without authentication",
    ),
    Mutant(
        "mock-enum",
        "wrapper/deepshi/mock/answers.py",
        "        carrier = self.terms.carrier(effective.get(self.terms.response_format))\n",
        "        carrier = self.terms.carrier(None)  # mutant: the response_format value is ignored\n",
        "contract_tests/test_mock_conforms_to_spec.py",
        "test_server_conforms_to_spec and generations",
        "carries its image in ['b64_json']",
    ),
    Mutant(
        "facade",
        "wrapper/deepshi/resources/images.py",
        "                image=files,\n                n=given(n),\n",
        "                image=files,\n                n=given(NOT_GIVEN),\n",
        "contract_tests/test_facade_to_wire.py",
        "test_every_argument_and_input_kind_at_once",
        "Documented: fields",
    ),
    Mutant(
        # The renderer silently drops a spec field: the facade no longer takes it.
        "facade-surface",
        "scripts/render_surface.py",
        '        for wire, node in schema["properties"].items():\n            name = python_name(wire)\n',
        '        for wire, node in schema["properties"].items():\n            if wire == "seed":\n'
        "                continue  # mutant\n            name = python_name(wire)\n",
        "contract_tests/test_facade_to_wire.py",
        "test_every_argument_and_input_kind_at_once",
        "unexpected keyword argument 'seed'",
        prepare=("scripts/render_surface.py",),
    ),
    Mutant(
        # The CLI's renderer silently drops a spec field: no flag, no manifest key.
        "cli-surface",
        "scripts/render_cli.py",
        '            if param.role == "files":\n                continue\n',
        '            if param.role == "files" or param.wire == "seed":  # mutant\n                continue\n',
        "contract_tests/test_cli_follows_spec.py",
        "test_every_request_field_is_a_flag_and_a_manifest_key",
        "has no key 'seed'",
        prepare=("scripts/render_surface.py",),
    ),
    Mutant(
        # A response property the result views drop.
        "views",
        "wrapper/deepshi/_views.py",
        "            created=raw.created,\n",
        "            created=0,  # mutant\n",
        "contract_tests/test_wire_to_facade.py",
        "test_json_answers_parse_without_loss",
        "the views show",
    ),
    Mutant(
        "spec",
        "openapi/upstream/deepshi.yaml",
        "          example: a serene canal in Venice at sunset\n",
        "          example: a serene canal in Venice at sunset\n"
        "        style:\n          type: string\n          description: A style preset (added, not regenerated).\n",
        "contract_tests/test_generated_matches_spec.py",
        "test_generated_is_byte_identical_to_a_fresh_regeneration",
        "drift between generated/ and a fresh regeneration",
    ),
)


def make_copy(destination: Path, extra: tuple[str, ...] = ()) -> Path:
    """A copy of the project's ``COPIED`` files (and ``extra`` ones, e.g. ``CHANGELOG.md``) at ``destination``."""
    destination.mkdir(parents=True)
    for name in (*COPIED, *extra):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=IGNORED)
        else:
            shutil.copy2(source, destination / name)
    return destination


def git(copy: Path, *args: str) -> str:
    """Run git in ``copy`` with a throwaway identity (a copy is a repository of its own, as a clone is); its stdout."""
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=copy,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def committed_copy(destination: Path, extra: tuple[str, ...] = ()) -> Path:
    """:func:`make_copy`, then ``git init`` and one commit of it all (what regen changes is then ``git status``)."""
    copy = make_copy(destination, extra)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "the project as it is")
    return copy


def mutate(copy: Path, mutant: Mutant) -> None:
    path = copy / mutant.file
    text = path.read_text(encoding="utf-8")
    assert text.count(mutant.original) == 1, (
        f"the {mutant.name} mutation no longer applies: {mutant.file} does not contain its original text exactly "
        "once. Update MUTANTS in contract_tests/test_suite_has_teeth.py to break the same behaviour again."
    )
    path.write_text(text.replace(mutant.original, mutant.mutated), encoding="utf-8")
    for script in mutant.prepare:
        subprocess.run([sys.executable, script], cwd=copy, env=copy_environment(copy), check=True, capture_output=True)


def copy_environment(copy: Path) -> dict[str, str]:
    """Import the copy's packages first (then the copy's root, for ``contract_tests``)."""
    return child_environment({"PYTHONPATH": f"{copy / 'wrapper'}:{copy / 'generated'}:{copy}"})


def imported_from(copy: Path) -> dict[str, str]:
    probe = "import json, deepshi, deepshi.mock, deepshi_openapi, contract_tests; print(json.dumps({m.__name__: m.__file__ for m in (deepshi, deepshi.mock, deepshi_openapi, contract_tests)}))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=copy, env=copy_environment(copy), capture_output=True, text=True, check=True
    )
    found: dict[str, str] = json.loads(result.stdout)
    return found


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Finished]]:
    base = tmp_path_factory.mktemp("teeth")
    copies = {}
    for mutant in MUTANTS:
        copies[mutant.name] = make_copy(base / mutant.name)
        mutate(copies[mutant.name], mutant)
    planned = [
        PytestRun(m.name, ["-x", m.test_file, "-k", m.keyword], copies[m.name], copy_environment(copies[m.name]))
        for m in MUTANTS
    ]
    return {result.run.name: (copies[result.run.name], result) for result in run_all(planned)}


def test_children_import_the_copy(tmp_path: Path) -> None:
    copy = make_copy(tmp_path / "unmutated")
    for module, location in imported_from(copy).items():
        assert Path(location).resolve().is_relative_to(copy.resolve()), f"{module} was imported from {location}"


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_contract_fails_on_mutant(mutant: Mutant, runs: dict[str, tuple[Path, Finished]]) -> None:
    _, result = runs[mutant.name]
    assert result.returncode == 1, f"the {mutant.name} mutant was not caught:\n{result.describe()}"
    assert mutant.symptom in result.output, f"the {mutant.name} mutant failed for another reason:\n{result.describe()}"
