"""Command-line mistakes, as a person makes them: each is one line a person reads, exit 2, and
nothing is sent (the mock's journal proves it); the key is never printed.

Issue 17's "CLI" bullets, one test (or a few) each.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deepshi import Deepshi
from deepshi.mock import MockServer

from .conftest import CANARY_KEY, Run, listing


def _images_sent(mock: MockServer) -> list[str | None]:
    return [entry.operation for entry in mock.journal if entry.operation != "listModels"]


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    return lines[0]


# --- global options after the command --------------------------------------------------------


def test_global_options_are_accepted_after_the_command_too(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path
) -> None:
    model = next(m.id for m in deepshi_client.models.list() if m.edit_supported)
    late = ["--api-key", CANARY_KEY, "--base-url", deepshi_mock.url, "--max-retries", "0"]
    result = cli("edit", str(pictures[0]), "-p", "night", "-m", model, "-o", str(tmp_path / "o"), *late, global_args=[])
    assert result.exit_code == 0, result.output
    assert _images_sent(deepshi_mock) == ["editImage"]
    assert len(listing(tmp_path / "o")) == 1

    # ... and --debug there turns the logs on, with the key given after it masked.
    deepshi_mock.reset_journal()
    result = cli("models", "--debug", *late, global_args=[])
    assert result.exit_code == 0, result.output
    assert "INFO httpx: HTTP Request: GET" in result.stderr


def test_a_late_global_option_wins_over_the_early_one(cli: Run, deepshi_mock: MockServer, unused_port: int) -> None:
    result = cli(
        "models",
        "--base-url",
        deepshi_mock.url,
        global_args=["--base-url", f"http://127.0.0.1:{unused_port}", "--api-key", CANARY_KEY, "--max-retries", "0"],
    )
    assert result.exit_code == 0, result.output


def test_help_shows_the_global_options_where_they_are_accepted(cli: Run) -> None:
    result = cli("generate", "--help")
    assert result.exit_code == 0
    assert "Global options" in result.stdout
    for flag in ("--api-key", "--base-url", "--max-retries", "--debug"):
        assert flag in result.stdout


# --- help and errors in words, not internals ----------------------------------------------------


@pytest.mark.parametrize("command", [["edit"], ["generate"], ["batch"], ["models"], ["demo"], ["mock", "serve"], []])
def test_help_leaks_no_internals(cli: Run, command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0, result.output
    for internal in ("<bool>", "<str>", "<int", "<list[", "{images}", "<path>", "<float>", "<file>", "<directory>"):
        assert internal not in result.stdout, f"{internal} in deepshi {' '.join(command)} --help"
    if command == ["edit"]:
        assert "IMAGE..." in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--n", "9"], "error: --n must be 1–4 (got '9')"),
        (["--n", "two"], "error: --n must be a whole number (got 'two')"),
        (["--output-format", "gif"], "error: --output-format: choose png, jpeg or webp (got 'gif')"),
        (["--quality", "best"], "error: --quality: choose low, medium or high (got 'best')"),
        (["--width", "0"], "error: --width must be at least 1 (got '0')"),
        (["--aspect-ratio", ""], "error: --aspect-ratio must not be empty or blank (got '')"),
    ],
)
def test_a_value_the_schema_refuses_is_named_with_what_it_accepts(
    cli: Run, deepshi_mock: MockServer, tmp_path: Path, args: list[str], expected: str
) -> None:
    result = cli("generate", "-p", "a fox", "-m", "nano-banana-2", "-o", str(tmp_path / "o"), *args)
    assert result.exit_code == 2
    assert _one_error_line(result.stderr) == expected
    assert "Value error" not in result.stderr
    assert "Input should be" not in result.stderr
    assert deepshi_mock.journal == []


def test_unknown_options_and_missing_ones_are_one_line_with_a_pointer(cli: Run, deepshi_mock: MockServer) -> None:
    unknown = cli("generate", "-p", "a fox", "-m", "nano-banana-2", "--colour", "red")
    assert unknown.exit_code == 2
    assert _one_error_line(unknown.stderr).startswith("error: No such option: --colour")
    assert "See 'deepshi generate --help'." in unknown.stderr
    missing = cli("generate", "-p", "a fox")
    assert missing.exit_code == 2
    assert _one_error_line(missing.stderr) == "error: Missing option '--model' / '-m'. See 'deepshi generate --help'."
    assert deepshi_mock.journal == []


# --- inputs named as typed ---------------------------------------------------------------


def test_a_non_image_input_is_named_by_the_path_typed(
    cli: Run, deepshi_mock: MockServer, pictures: list[Path], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello, not an image\n")
    result = cli("edit", str(pictures[0]), str(notes), "-p", "x", "-m", "nano-banana-2", "-o", str(tmp_path / "o"))
    assert result.exit_code == 2
    line = _one_error_line(result.stderr)
    assert line.startswith(f"error: {notes}: not a PNG, JPEG or WebP image")
    assert "image[1]" not in line
    assert _images_sent(deepshi_mock) == []


def test_a_missing_or_folder_input_is_named_too(cli: Run, deepshi_mock: MockServer, tmp_path: Path) -> None:
    missing = cli("edit", str(tmp_path / "nope.png"), "-p", "x", "-m", "nano-banana-2")
    assert missing.exit_code == 2
    assert _one_error_line(missing.stderr) == f"error: {tmp_path / 'nope.png'}: no such file"
    folder = cli("edit", str(tmp_path), "-p", "x", "-m", "nano-banana-2")
    assert folder.exit_code == 2
    assert _one_error_line(folder.stderr) == f"error: {tmp_path}: is a folder, not an image file"
    assert deepshi_mock.journal == []


# --- prompts ------------------------------------------------------------------------------


@pytest.mark.parametrize("prompt", ["", "   ", "\t\n"])
def test_an_empty_or_blank_prompt_is_refused_before_anything_is_billed(
    cli: Run, deepshi_mock: MockServer, pictures: list[Path], tmp_path: Path, prompt: str
) -> None:
    for command in (["generate"], ["edit", str(pictures[0])]):
        result = cli(*command, "-p", prompt, "-m", "nano-banana-2", "-o", str(tmp_path / "o"))
        assert result.exit_code == 2, result.output
        assert _one_error_line(result.stderr).startswith("error: --prompt must not be empty or blank")
    assert deepshi_mock.journal == []


# --- the base URL -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "suggestion"),
    [
        ("127.0.0.1:4010", "did you mean http://127.0.0.1:4010?"),
        ("localhost:4010/v1", "did you mean http://localhost:4010/v1?"),
        ("api.deepshi.ai", "did you mean https://api.deepshi.ai?"),
    ],
)
def test_a_base_url_without_a_scheme_is_a_usage_error_with_a_suggestion(cli: Run, url: str, suggestion: str) -> None:
    for global_args, env, source in (
        (["--base-url", url, "--api-key", CANARY_KEY], {}, "--base-url"),
        (["--api-key", CANARY_KEY], {"DEEPSHI_BASE_URL": url}, "$DEEPSHI_BASE_URL"),
    ):
        result = cli("models", global_args=global_args, env=env)
        assert result.exit_code == 2, result.output
        assert _one_error_line(result.stderr) == f"error: {source} {url} has no scheme: {suggestion}"
    late = cli("models", "--base-url", url, global_args=["--api-key", CANARY_KEY])
    assert late.exit_code == 2
    assert suggestion in late.stderr


def test_a_base_url_with_another_scheme_is_refused(cli: Run) -> None:
    result = cli("models", global_args=["--base-url", "ftp://127.0.0.1:4010", "--api-key", CANARY_KEY])
    assert result.exit_code == 2
    assert (
        _one_error_line(result.stderr)
        == "error: --base-url ftp://127.0.0.1:4010: the URL must start with http:// or https://"
    )


# --- a wrong model id -------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "meant"), [("Nano-Banana-2", "nano-banana-2"), ("nano-banan-2", "nano-banana-2")])
def test_a_wrong_model_id_says_did_you_mean(cli: Run, tmp_path: Path, typed: str, meant: str) -> None:
    result = cli("generate", "-p", "a fox", "-m", typed, "-o", str(tmp_path))
    assert result.exit_code == 1
    line = _one_error_line(result.stderr)
    assert line.startswith("error: BadRequestError (400): ")
    assert f"(did you mean '{meant}'?)" in line
    assert listing(tmp_path) == []


def test_no_suggestion_when_nothing_is_close(cli: Run, tmp_path: Path) -> None:
    result = cli("generate", "-p", "a fox", "-m", "zzzzzzzz", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "did you mean" not in result.stderr


def test_the_usage_error_line_masks_a_key_given_on_the_command_line(cli: Run) -> None:
    odd = "my-odd-secret-token-9d2c"
    result = cli("--api-key", odd, "generate", "-p", "x", "-m", "y", "--n", odd, global_args=[])
    assert result.exit_code == 2
    assert odd not in result.output
    assert re.search(r"--n must be a whole number \(got 'sk-bf-\*\*\*'\)", result.stderr), result.stderr
