"""`deepshi batch`: bounded concurrency, resumable outputs, failures.jsonl, exit codes, no partial files."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from deepshi import AsyncDeepshi, Deepshi
from deepshi.cli import results
from deepshi.cli.batch_runner import BatchRunner, FailureLog, Tally
from deepshi.cli.errors import Redactor
from deepshi.cli.files import TEMP_SUFFIX, write_atomic
from deepshi.mock import MockServer

from .conftest import CANARY_KEY, Run, listing


def _models(client: Deepshi) -> tuple[str, str, int]:
    """(an edit-capable model, a model for generations, the edit cap of the first)."""
    catalog = list(client.models.list())
    editor = next(m for m in catalog if m.edit_supported and m.max_images)
    return editor.id, catalog[0].id, editor.max_images or 1


def _manifest(path: Path, lines: list[dict[str, object] | str]) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


def _prompts(mock: MockServer) -> list[str]:
    return sorted(
        str(entry.fields.get("prompt")) for entry in mock.journal if entry.operation in ("editImage", "createImage")
    )


def _assert_only_complete_outputs(out: Path) -> None:
    """Every image in `out` decodes fully; no temporary file is left; markers are valid JSON."""
    for name in listing(out):
        assert not name.endswith(TEMP_SUFFIX), f"temporary file left behind: {name}"
        path = out / name
        if name.startswith(".deepshi-done/"):
            assert json.loads(path.read_text())["files"]
        elif name != "failures.jsonl":
            with Image.open(path) as image:
                image.load()


def test_batch_runs_edits_and_generations(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path
) -> None:
    editor, generator, _ = _models(deepshi_client)
    manifest = _manifest(
        pictures[0].parent / "jobs.jsonl",
        [
            {"prompt": "edit 1", "model": editor, "image": "cat.png"},
            "",
            {"prompt": "edit 2", "model": editor, "image": ["cat.png", "sofa.jpg"], "name": "both"},
            {"prompt": "gen 1", "model": generator, "output_format": "png"},
            {"prompt": "gen 2", "stream": True},  # model from --model
        ],
    )
    out = tmp_path / "out"
    result = cli("batch", str(manifest), "--out", str(out), "--concurrency", "2", "--model", generator)
    assert result.exit_code == 0, result.output
    images = [name for name in listing(out) if not name.startswith(".")]
    assert [name.rsplit(".", 1)[0] for name in images] == ["000001-0", "000004-0", "000005-0", "both-0"]
    assert sorted(listing(out / ".deepshi-done")) == ["000001.json", "000004.json", "000005.json", "both.json"]
    assert "failures.jsonl" not in listing(out)
    assert "done 4 · skipped 0 · failed 0" in result.stdout
    _assert_only_complete_outputs(out)
    assert _prompts(deepshi_mock) == ["edit 1", "edit 2", "gen 1", "gen 2"]
    both = next(e for e in deepshi_mock.journal if e.fields.get("prompt") == "edit 2")
    assert [f.filename for f in both.files] == ["cat.png", "sofa.jpg"]
    streamed = [e.fields["prompt"] for e in deepshi_mock.journal if e.fields.get("stream") is True]
    assert streamed == ["gen 2"]
    assert {e.fields["model"] for e in deepshi_mock.journal if e.fields.get("prompt", "").startswith("gen")} == {
        generator
    }


def test_failed_lines_are_recorded_and_retried_on_the_next_run(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path
) -> None:
    editor, generator, cap = _models(deepshi_client)
    manifest = _manifest(
        pictures[0].parent / "jobs.jsonl",
        [
            {"prompt": "good 1", "model": generator},
            {"prompt": "unknown model", "model": "no-such-model"},
            {"prompt": "typo", "model": generator, "colour": "red"},
            "{not json",
            {"prompt": "too many images", "model": editor, "image": ["cat.png"] * (cap + 1)},
            {"prompt": "good 2", "model": editor, "image": "sofa.jpg"},
        ],
    )
    out = tmp_path / "out"
    first = cli("batch", str(manifest), "--out", str(out))
    assert first.exit_code == 1
    assert "done 2 · skipped 0 · failed 4" in first.stdout
    records = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    by_line = {record["line"]: record for record in records}
    assert sorted(by_line) == [2, 3, 4, 5]
    assert by_line[2]["error"] == "BadRequestError"
    assert by_line[2]["status"] == 400
    assert by_line[2]["param"] == "model"
    assert "no-such-model" in by_line[2]["message"]
    assert by_line[2]["name"] == "000002"
    assert (by_line[3]["error"], by_line[3]["param"], by_line[3]["status"]) == ("ManifestError", "colour", None)
    assert by_line[4]["error"] == "ManifestError"
    assert (by_line[5]["error"], by_line[5]["status"]) == ("InvalidRequestError", None)
    assert set(records[0]) == {"line", "name", "error", "status", "message", "param", "code", "request_id"}
    _assert_only_complete_outputs(out)
    # Only the two good lines and the unknown model reached the server; the preflight stopped line 5.
    assert _prompts(deepshi_mock) == ["good 1", "good 2", "unknown model"]

    deepshi_mock.reset_journal()
    second = cli("batch", str(manifest), "--out", str(out))
    assert second.exit_code == 1
    assert "done 0 · skipped 2 · failed 4" in second.stdout
    assert _prompts(deepshi_mock) == ["unknown model"]  # done lines were not sent again
    assert len((out / "failures.jsonl").read_text().splitlines()) == 4

    # Fix the manifest: the run succeeds, and failures.jsonl (about the last run) goes away.
    _manifest(
        manifest, [{"prompt": "good 1", "model": generator}, {"prompt": "good 2", "model": editor, "image": "sofa.jpg"}]
    )
    third = cli("batch", str(manifest), "--out", str(out))
    assert third.exit_code == 0
    assert "failures.jsonl" not in listing(out)


def test_a_killed_batch_resumes_without_redoing_finished_lines(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, tmp_path: Path
) -> None:
    _, generator, _ = _models(deepshi_client)
    manifest = _manifest(tmp_path / "jobs.jsonl", [{"prompt": f"line {n}", "model": generator} for n in range(1, 7)])
    out = tmp_path / "out"
    # The child runs the real command and SIGKILLs itself right after the second line is marked
    # done: no finally blocks, no cleanup, like a power cut or the OOM killer.
    child = textwrap.dedent(
        f"""
        import os, signal, sys
        from deepshi.cli import batch_runner
        real = batch_runner.write_json_atomic
        done = []
        def write_then_die(path, value):
            real(path, value)
            done.append(path)
            if len(done) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
        batch_runner.write_json_atomic = write_then_die
        from deepshi.__main__ import main
        sys.argv = ["deepshi", "--base-url", {deepshi_mock.url!r}, "--max-retries", "0",
                    "batch", {str(manifest)!r}, "--out", {str(out)!r}, "--concurrency", "1"]
        main()
        """
    )
    killed = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "DEEPSHI_API_KEY": CANARY_KEY},
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr
    assert CANARY_KEY not in killed.stdout + killed.stderr
    assert sorted(listing(out / ".deepshi-done")) == ["000001.json", "000002.json"]
    assert _prompts(deepshi_mock) == ["line 1", "line 2"]
    leftovers = [name for name in listing(out) if name.endswith(TEMP_SUFFIX)]
    assert len(leftovers) == 1  # the failure log the killed run had open; the rerun sweeps it
    assert leftovers[0].startswith(".failures.jsonl.")

    deepshi_mock.reset_journal()
    rerun = cli("batch", str(manifest), "--out", str(out), "--concurrency", "3")
    assert rerun.exit_code == 0, rerun.output
    assert "done 4 · skipped 2 · failed 0" in rerun.stdout
    assert _prompts(deepshi_mock) == ["line 3", "line 4", "line 5", "line 6"]
    _assert_only_complete_outputs(out)
    assert [name.rsplit(".", 1)[0] for name in listing(out) if not name.startswith(".")] == [
        f"00000{n}-0" for n in range(1, 7)
    ]


def test_an_interrupt_mid_write_leaves_no_partial_file(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, generator, _ = _models(deepshi_client)
    manifest = _manifest(tmp_path / "jobs.jsonl", [{"prompt": f"line {n}", "model": generator} for n in range(1, 5)])
    out = tmp_path / "out"
    calls: list[Path] = []

    def interrupted_on_the_third_image(path: Path, data: bytes) -> Path:
        calls.append(path)
        if len(calls) == 3:
            from deepshi.cli.files import atomic_writer

            with atomic_writer(path) as stream:
                stream.write(data[: len(data) // 2])
                raise KeyboardInterrupt  # Ctrl-C halfway through the file
        return write_atomic(path, data)

    monkeypatch.setattr(results, "write_atomic", interrupted_on_the_third_image)
    result = cli("batch", str(manifest), "--out", str(out), "--concurrency", "1")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert sorted(listing(out / ".deepshi-done")) == ["000001.json", "000002.json"]
    assert [name.rsplit(".", 1)[0] for name in listing(out) if not name.startswith(".")] == ["000001-0", "000002-0"]
    _assert_only_complete_outputs(out)

    monkeypatch.undo()
    deepshi_mock.reset_journal()
    rerun = cli("batch", str(manifest), "--out", str(out))
    assert rerun.exit_code == 0
    assert _prompts(deepshi_mock) == ["line 3", "line 4"]


def test_a_deleted_output_makes_its_line_run_again(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, tmp_path: Path
) -> None:
    _, generator, _ = _models(deepshi_client)
    manifest = _manifest(tmp_path / "jobs.jsonl", [{"prompt": f"line {n}", "model": generator} for n in (1, 2)])
    out = tmp_path / "out"
    assert cli("batch", str(manifest), "--out", str(out)).exit_code == 0
    next(out.glob("000002-0.*")).unlink()
    deepshi_mock.reset_journal()
    assert cli("batch", str(manifest), "--out", str(out)).exit_code == 0
    assert _prompts(deepshi_mock) == ["line 2"]


async def test_concurrency_is_bounded_whatever_the_manifest_length(
    deepshi_mock: MockServer, deepshi_client: Deepshi, tmp_path: Path
) -> None:
    _, generator, _ = _models(deepshi_client)
    manifest = _manifest(tmp_path / "jobs.jsonl", [{"prompt": f"line {n}", "model": generator} for n in range(120)])
    out = tmp_path / "out"
    out.mkdir()
    peak = 0

    def watch(_tally: Tally) -> None:
        nonlocal peak
        peak = max(peak, len(asyncio.all_tasks()))

    tally = Tally(total=120)
    async with AsyncDeepshi(api_key=CANARY_KEY, base_url=deepshi_mock.url, max_retries=0) as client:
        with FailureLog(out, Redactor()) as failures:
            await BatchRunner(client, out, failures, tally, defaults={}, on_change=watch).run(manifest, concurrency=4)
    assert (tally.done, tally.failed) == (120, 0)
    # The test's own task plus at most 4 request tasks: never one task per line.
    assert 2 <= peak <= 5


def test_the_summary_shows_the_first_failures_and_how_many_more(
    cli: Run, deepshi_client: Deepshi, tmp_path: Path
) -> None:
    _, generator, _ = _models(deepshi_client)
    lines: list[dict[str, object] | str] = [{"prompt": "good", "model": generator}]
    lines += [{"prompt": f"bad {n}", "model": generator, "colour": "red"} for n in range(7)]
    manifest = _manifest(tmp_path / "jobs.jsonl", lines)
    out = tmp_path / "out"
    result = cli("batch", str(manifest), "--out", str(out))
    assert result.exit_code == 1
    report = result.stdout.splitlines()
    start = report.index("7 failed lines:")
    shown = report[start + 1 : start + 6]
    for line, number in zip(shown, range(2, 7), strict=True):
        assert line.startswith(f"  line {number}: ManifestError: unknown field 'colour'; known fields: ")
        assert line.endswith("[param: colour]")
    assert report[start + 6] == f"… and 2 more; all are listed in {out / 'failures.jsonl'}"


def test_a_wrong_model_id_in_a_batch_line_says_did_you_mean(cli: Run, deepshi_mock: MockServer, tmp_path: Path) -> None:
    manifest = _manifest(
        tmp_path / "jobs.jsonl",
        [{"prompt": "a", "model": "Nano-Banana-2"}, {"prompt": "b", "model": "nano-banan-2"}],
    )
    out = tmp_path / "out"
    result = cli("batch", str(manifest), "--out", str(out), "--concurrency", "1")
    assert result.exit_code == 1
    records = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert [record["message"].endswith("(did you mean 'nano-banana-2'?)") for record in records] == [True, True]
    assert "did you mean 'nano-banana-2'?" in result.stdout
    catalog_fetches = [entry for entry in deepshi_mock.journal if entry.operation == "listModels"]
    assert len(catalog_fetches) <= 2  # the preflight's, and at most one for the hints of the whole batch
