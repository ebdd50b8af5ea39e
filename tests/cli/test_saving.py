"""Nothing billed is lost (issue 15, items 1-3), with real files and a hand-made server:

* an answer whose images share an ``index`` keeps every image (``save_all``, ``deepshi edit``/
  ``generate``, ``deepshi batch``);
* two batch lines with one name are refused before anything is sent;
* an output folder that cannot be written is refused before anything is sent (exit 2, one line);
  when saving fails after the answer arrived (the folder replaced by a file, a directory in the
  way of an image's name), the images go to a fallback folder that the error line names.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from deepshi import Deepshi
from deepshi.mock import MockServer
from tests.images import encoded

from .conftest import CANARY_KEY, Run, listing
from .fake_api import FakeApi, fake_api, images_body

PNG = encoded("PNG", 64, 48, (10, 20, 30))
JPEG = encoded("JPEG", 64, 48, (200, 20, 30))
OTHER_PNG = encoded("PNG", 32, 32, (1, 2, 3))


@pytest.fixture
def api(deepshi_mock: MockServer) -> Iterator[FakeApi]:
    """A fake API with the mock's real catalog, answering three images, two of them with index 0."""
    with fake_api(deepshi_mock.model_list(), images_body((0, PNG), (0, JPEG), (1, OTHER_PNG))) as server:
        yield server


def _run(cli: Run, server: FakeApi, *args: str) -> tuple[int, str, str]:
    result = cli(*args, global_args=["--base-url", server.url, "--api-key", CANARY_KEY, "--max-retries", "0"])
    return result.exit_code, result.stdout, result.stderr


def _fallback_named_in(stderr: str) -> Path:
    found = re.search(r"saved \d+ images? in (\S+) instead", stderr)
    assert found, stderr
    return Path(found[1])


# --- item 1: a repeated index --------------------------------------------------------------


def test_save_all_keeps_every_image_when_indexes_repeat(api: FakeApi, tmp_path: Path) -> None:
    with Deepshi(api_key=CANARY_KEY, base_url=api.url, max_retries=0) as client:
        result = client.images.generate(model="nano-banana-2", prompt="three images")
    saved = result.save_all(tmp_path)
    assert [path.name for path in saved] == ["0.png", "0-2.jpg", "1.png"]
    assert [path.read_bytes() for path in saved] == [PNG, JPEG, OTHER_PNG]
    assert listing(tmp_path) == ["0-2.jpg", "0.png", "1.png"]


def test_edit_and_generate_keep_every_image_when_indexes_repeat(
    cli: Run, api: FakeApi, pictures: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = _run(cli, api, "generate", "-p", "three", "-m", "nano-banana-2", "-o", str(out))
    assert code == 0, stderr
    assert listing(out) == ["generated-0-2.jpg", "generated-0.png", "generated-1.png"]
    assert [(out / name).read_bytes() for name in ("generated-0.png", "generated-0-2.jpg", "generated-1.png")] == [
        PNG,
        JPEG,
        OTHER_PNG,
    ]
    assert "Saved 3 images" in stdout
    code, _, stderr = _run(cli, api, "edit", str(pictures[0]), "-p", "x", "-m", "nano-banana-2", "-o", str(out))
    assert code == 0, stderr
    assert sorted(name for name in listing(out) if name.startswith("cat-edited")) == [
        "cat-edited-0-2.jpg",
        "cat-edited-0.png",
        "cat-edited-1.png",
    ]


def test_batch_keeps_every_image_when_indexes_repeat(cli: Run, api: FakeApi, tmp_path: Path) -> None:
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(json.dumps({"prompt": "three", "model": "nano-banana-2", "name": "fox"}) + "\n")
    out = tmp_path / "out"
    code, _, stderr = _run(cli, api, "batch", str(manifest), "-o", str(out))
    assert code == 0, stderr
    assert [name for name in listing(out) if not name.startswith(".")] == ["fox-0-2.jpg", "fox-0.png", "fox-1.png"]
    marker = json.loads((out / ".deepshi-done" / "fox.json").read_text())
    assert marker["files"] == ["fox-0.png", "fox-0-2.jpg", "fox-1.png"]
    # and a rerun counts the line as done (every file it lists is there): nothing is sent again
    sent = len(api.image_requests)
    code, stdout, _ = _run(cli, api, "batch", str(manifest), "-o", str(out))
    assert (code, len(api.image_requests)) == (0, sent)
    assert "skipped 1" in stdout


# --- item 2: duplicate batch names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            [{"name": "a"}, {"name": "b"}, {"name": "a"}],
            "error: line 3 uses the name 'a' of line 1: output names must be unique",
        ),
        (  # an explicit name that is another line's default name (its zero-padded number)
            [{}, {"name": "000001"}],
            "error: line 2 uses the name '000001' of line 1: output names must be unique",
        ),
        (
            [{"name": "a"}, {"name": "a"}, {"name": "a"}],
            "error: line 2 uses the name 'a' of line 1 (1 other line too): output names must be unique",
        ),
    ],
)
def test_duplicate_batch_names_are_refused_before_anything_is_sent(
    cli: Run, deepshi_mock: MockServer, tmp_path: Path, lines: list[dict[str, str]], message: str
) -> None:
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text("".join(json.dumps({"prompt": "p", "model": "nano-banana-2", **line}) + "\n" for line in lines))
    result = cli("batch", str(manifest), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(message), line
    assert line.endswith("nothing was sent")
    assert deepshi_mock.journal == []
    assert not (tmp_path / "out").exists()


# --- item 3: an output folder that cannot be written ---------------------------------------------


def _unwritable(tmp_path: Path) -> list[Path]:
    (tmp_path / "a-file").write_text("x")
    return [Path("/proc/deepshi-out"), tmp_path / "a-file", tmp_path / "a-file" / "below"]


def test_edit_and_generate_refuse_an_unwritable_folder_before_sending(
    cli: Run, deepshi_mock: MockServer, pictures: list[Path], tmp_path: Path
) -> None:
    for out in _unwritable(tmp_path):
        for command in (["generate"], ["edit", str(pictures[0])]):
            result = cli(*command, "-p", "a fox", "-m", "nano-banana-2", "-o", str(out))
            assert result.exit_code == 2, result.output
            [line] = result.stderr.strip().splitlines()
            assert line.startswith(f"error: --out {out}: cannot write there (")
            assert line.endswith("); nothing was sent")
    assert deepshi_mock.journal == []  # not even the catalog


def test_batch_and_demo_refuse_an_unwritable_folder_before_sending(
    cli: Run, deepshi_mock: MockServer, tmp_path: Path
) -> None:
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(json.dumps({"prompt": "p", "model": "nano-banana-2"}) + "\n")
    for out in _unwritable(tmp_path):
        batch = cli("batch", str(manifest), "-o", str(out))
        assert batch.exit_code == 2, batch.output
        assert batch.stderr.startswith(f"error: --out {out}: cannot write there (")
        demo = cli("demo", "--live", "-o", str(out))  # --live at the mock: the path that bills
        assert demo.exit_code == 2, demo.output
        assert demo.stderr.strip().splitlines()[-1].startswith(f"error: --out {out}: cannot write there (")
    assert deepshi_mock.journal == []


def test_when_saving_fails_after_the_answer_the_images_go_to_a_named_fallback(
    cli: Run, api: FakeApi, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    def folder_replaced_by_a_file() -> None:  # while the request is being answered
        shutil.rmtree(out)
        out.write_text("not a folder any more")

    api.before_answer = folder_replaced_by_a_file
    code, stdout, stderr = _run(cli, api, "generate", "-p", "three", "-m", "nano-banana-2", "-o", str(out))
    assert code == 1
    [line] = stderr.strip().splitlines()
    assert line.startswith(f"error: could not save in {out} (Not a directory); saved 3 images in ")
    fallback = _fallback_named_in(line)
    try:
        assert sorted(listing(fallback)) == ["generated-0-2.jpg", "generated-0.png", "generated-1.png"]
        assert (fallback / "generated-0-2.jpg").read_bytes() == JPEG
        assert str(fallback / "generated-0.png") in stdout  # the saved list shows where they are
    finally:
        shutil.rmtree(fallback)
    assert len(api.image_requests) == 1


def test_a_batch_line_whose_images_cannot_be_saved_names_its_fallback(cli: Run, api: FakeApi, tmp_path: Path) -> None:
    manifest = tmp_path / "jobs.jsonl"
    manifest.write_text(
        json.dumps({"prompt": "p", "model": "nano-banana-2", "name": "a"})
        + "\n"
        + json.dumps({"prompt": "p", "model": "nano-banana-2", "name": "b"})
        + "\n"
    )
    out = tmp_path / "out"

    def a_folder_in_the_way() -> None:  # rename(2) cannot replace a directory with a file
        (out / "b-0-2.jpg").mkdir(parents=True, exist_ok=True)

    api.before_answer = a_folder_in_the_way
    code, stdout, _ = _run(cli, api, "batch", str(manifest), "-o", str(out), "--concurrency", "1")
    assert code == 1
    [failure] = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert (failure["name"], failure["error"]) == ("b", "SavingFailed")
    assert failure["message"].startswith(f"could not save in {out} (Is a directory); saved 2 images in ")
    fallback = _fallback_named_in(failure["message"])
    try:
        assert sorted(listing(fallback)) == ["b-0-2.jpg", "b-1.png"]
    finally:
        shutil.rmtree(fallback)
    assert (out / "b-0.png").read_bytes() == PNG  # written before the failure: kept where asked
    assert (out / ".deepshi-done" / "a.json").is_file()
    assert not (out / ".deepshi-done" / "b.json").exists()  # not done: the next run redoes it
    assert f"line 2 (b): could not save in {out}" in stdout
