"""`deepshi edit`, `generate`, `models`, `--version`, `python -m deepshi`: real commands against the mock."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from deepshi import Deepshi, ModelInfo
from deepshi.mock import Fault, JournalEntry, MockServer

from .conftest import Run, listing


def _editor(client: Deepshi, images: int = 2) -> ModelInfo:
    """An edit-capable model that takes at least `images` images."""
    return next(m for m in client.models.list() if m.edit_supported and (m.max_images or 1) >= images)


def _operations(mock: MockServer) -> list[str | None]:
    return [entry.operation for entry in mock.journal]


def _sent(mock: MockServer, operation: str) -> list[JournalEntry]:
    """The journaled requests of one operation (the CLI also fetches the catalog for its preflight)."""
    return [entry for entry in mock.journal if entry.operation == operation]


def test_version(cli: Run) -> None:
    from deepshi import __version__

    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"deepshi {__version__}\n"


def test_python_dash_m_runs_the_same_command() -> None:
    from deepshi import __version__

    done = subprocess.run(
        [sys.executable, "-m", "deepshi", "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert (done.returncode, done.stdout) == (0, f"deepshi {__version__}\n")


def test_help_lists_every_command(cli: Run) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("edit", "generate", "models", "batch", "mock", "demo"):
        assert command in result.stdout


def test_edit_saves_each_image_and_prints_files_size_and_cost(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path
) -> None:
    model = _editor(deepshi_client)
    out = tmp_path / "out"
    result = cli(
        "edit", *map(str, pictures), "--prompt", "put the cat on the sofa", "--model", model.id, "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    assert listing(out) == ["cat-edited-0.png"] or listing(out)[0].startswith("cat-edited-0.")
    saved = out / listing(out)[0]
    with Image.open(saved) as image:
        image.verify()
    assert f"{saved}" in result.stdout
    assert "cost $" in result.stdout
    [entry] = _sent(deepshi_mock, "editImage")
    assert entry.operation == "editImage"
    assert entry.status == 200
    assert entry.fields["prompt"] == "put the cat on the sofa"
    assert entry.fields["model"] == model.id
    assert [(f.field, f.filename, f.content_type) for f in entry.files] == [
        ("image[]", "cat.png", "image/png"),
        ("image[]", "sofa.jpg", "image/jpeg"),
    ]


def test_edit_never_overwrites_and_honours_name(
    cli: Run, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path
) -> None:
    model = _editor(deepshi_client, images=1).id
    args = ("edit", str(pictures[0]), "-p", "night", "-m", model, "-o", str(tmp_path), "--name", "night")
    assert cli(*args).exit_code == 0
    first = [name for name in listing(tmp_path) if name.startswith("night")]
    assert cli(*args).exit_code == 0
    second = sorted(
        set(listing(tmp_path)) - set(first) - {name for name in listing(tmp_path) if name.startswith("in/")}
    )
    assert [name.rsplit(".", 1)[0] for name in first] == ["night-0"]
    assert [name.rsplit(".", 1)[0] for name in second] == ["night-2-0"]


def test_edit_stream_waits_for_the_terminal_event(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path
) -> None:
    model = _editor(deepshi_client, images=1).id
    result = cli("edit", str(pictures[0]), "-p", "night", "-m", model, "--stream", "-o", str(tmp_path / "s"))
    assert result.exit_code == 0, result.output
    assert len(listing(tmp_path / "s")) == 1
    [entry] = _sent(deepshi_mock, "editImage")
    assert entry.fields["stream"] is True


def test_generate_passes_options_and_saves_n_images(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, tmp_path: Path
) -> None:
    model = next(
        m
        for m in deepshi_client.models.list()
        if {"seed", "width", "height"} <= set(m.parameters or {}) and ((m.parameters or {})["n"].maximum or 0) >= 2
    )
    result = cli(
        "generate",
        "-p",
        "a red fox",
        "-m",
        model.id,
        "--n",
        "2",
        "--output-format",
        "webp",
        "--seed",
        "7",
        "--width",
        "512",
        "--height",
        "768",
        "-o",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    assert listing(tmp_path) == ["generated-0.webp", "generated-1.webp"]
    for name in listing(tmp_path):
        with Image.open(tmp_path / name) as image:
            assert image.format == "WEBP"
    [entry] = _sent(deepshi_mock, "createImage")
    assert entry.operation == "createImage"
    assert (entry.fields["n"], entry.fields["output_format"], entry.fields["seed"]) == (2, "webp", 7)
    assert (entry.fields["width"], entry.fields["height"]) == (512, 768)
    assert "Saved 2 images" in result.stdout


@pytest.mark.parametrize("field", ["aspect_ratio", "resolution", "quality", "image_size"])
def test_edit_sends_each_sizing_option_to_a_model_that_takes_it(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path, field: str
) -> None:
    model = next(m for m in deepshi_client.models.list() if m.edit_supported and field in (m.parameters or {}))
    value = str(((model.parameters or {})[field].allowed_values or ["x"])[-1])
    option = "--" + field.replace("_", "-")
    result = cli("edit", str(pictures[0]), "-p", "x", "-m", model.id, option, value, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    [entry] = _sent(deepshi_mock, "editImage")
    assert entry.fields[field] == value


def test_models_table_lists_every_model(cli: Run, deepshi_client: Deepshi) -> None:
    result = cli("models")
    assert result.exit_code == 0, result.output
    catalog = list(deepshi_client.models.list())
    assert f"{len(catalog)} models" in result.stdout
    for info in catalog:
        assert info.id in result.stdout
        if info.sizing_style:
            assert info.sizing_style in result.stdout
    capped = next(info for info in catalog if info.edit_supported and info.max_images)
    assert f"up to {capped.max_images}" in result.stdout


def test_models_json_is_the_catalog(cli: Run, deepshi_client: Deepshi) -> None:
    result = cli("models", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["data"]
    assert [item["id"] for item in data] == [info.id for info in deepshi_client.models.list()]
    assert data == [info.raw.to_dict() for info in deepshi_client.models.list()]


def test_a_server_error_is_one_line_and_exit_1(cli: Run, tmp_path: Path) -> None:
    result = cli("generate", "-p", "a fox", "-m", "no-such-model", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: BadRequestError (400): ")
    assert "no-such-model" in line
    assert "[param: model]" in line
    assert "Traceback" not in result.stderr
    assert listing(tmp_path) == []


def test_a_preflight_error_sends_nothing(
    cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi, pictures: list[Path]
) -> None:
    capped = next(m for m in deepshi_client.models.list() if m.edit_supported and m.max_images)
    deepshi_mock.reset_journal()
    images = [str(pictures[0])] * (capped.max_images + 1)  # type: ignore[operator]
    result = cli("edit", *images, "-p", "x", "-m", capped.id)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: InvalidRequestError: ")
    assert _operations(deepshi_mock) in ([], ["listModels"])


def test_status_faults_map_to_typed_errors(cli: Run, deepshi_mock: MockServer, deepshi_client: Deepshi) -> None:
    deepshi_client.models.list()
    deepshi_mock.add_fault(Fault(kind="status", status=402))
    result = cli("models")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: InsufficientCreditsError (402): ")


def test_debug_shows_the_traceback_without_the_key(cli: Run, deepshi_mock: MockServer) -> None:
    deepshi_mock.add_fault(Fault(kind="status", status=401))
    result = cli(
        "--debug",
        "models",
        global_args=[
            "--base-url",
            deepshi_mock.url,
            "--api-key",
            "sk-bf-canary-5e1f0c7a9b3d42e8",
            "--max-retries",
            "0",
        ],
    )
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "AuthenticationError" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: AuthenticationError (401): ")
    assert "INFO httpx: HTTP Request: GET" in result.stderr  # --debug also turns the logs on ...
    assert logging.getLogger("deepshi").handlers == []  # ... for this command only


def test_the_key_from_the_environment_is_never_printed_either(cli: Run, deepshi_mock: MockServer) -> None:
    key = "sk-bf-envcanary-0d9e8f7a6b5c"
    deepshi_mock.add_fault(Fault(kind="status", status=403))
    result = cli(
        "--debug",
        "models",
        env={"DEEPSHI_API_KEY": key},
        global_args=["--base-url", deepshi_mock.url, "--max-retries", "0"],
    )
    assert result.exit_code == 1
    assert "PermissionDeniedError (403)" in result.stderr
    assert key not in result.output


def test_a_missing_key_is_a_usage_error_in_shell_words(cli: Run, deepshi_mock: MockServer, tmp_path: Path) -> None:
    for args in (["models"], ["generate", "-p", "a fox", "-m", "nano-banana-2", "-o", str(tmp_path / "o")]):
        result = cli(*args, global_args=["--base-url", deepshi_mock.url])
        assert result.exit_code == 2
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("error: no API key: pass --api-key KEY or set DEEPSHI_API_KEY")
        assert "deepshi mock serve" in line
        assert "Deepshi(" not in line  # no Python advice on a command line
    assert deepshi_mock.journal == []
    assert not (tmp_path / "o").exists()


def test_connection_refused_is_a_typed_error(cli: Run, unused_port: int) -> None:
    result = cli(
        "models",
        global_args=["--base-url", f"http://127.0.0.1:{unused_port}", "--api-key", "sk-bf-x", "--max-retries", "0"],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: APIConnectionError: ")


def test_usage_errors_exit_2(cli: Run, tmp_path: Path) -> None:
    assert cli("edit", str(tmp_path / "missing.png"), "-p", "x", "-m", "y").exit_code == 2
    assert cli("generate", "-m", "y").exit_code == 2  # no --prompt
    assert cli("generate", "-p", "x", "-m", "y", "--output-format", "gif").exit_code == 2


def test_saved_files_are_complete_images(
    cli: Run, deepshi_client: Deepshi, pictures: list[Path], tmp_path: Path
) -> None:
    model = _editor(deepshi_client, images=1).id
    assert cli("edit", str(pictures[1]), "-p", "x", "-m", model, "-o", str(tmp_path / "o")).exit_code == 0
    [name] = listing(tmp_path / "o")
    data = (tmp_path / "o" / name).read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        image.load()  # decodes every byte: a truncated file would fail here
