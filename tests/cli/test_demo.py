"""`deepshi demo`: the embedded mock, the sample images, the before/after files, the contact sheet."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PIL import Image

from deepshi import Deepshi
from deepshi.cli import contact_sheet
from deepshi.cli.output import format_bytes
from deepshi.mock import MockServer

from .conftest import CANARY_KEY, Run, listing

SAMPLES = sorted(
    entry.name for entry in resources.files("deepshi").joinpath("samples").iterdir() if entry.name != "README.md"
)


def _expected_files() -> list[str]:
    names = ["contact-sheet.png"]
    for sample in SAMPLES:
        stem, ext = sample.rsplit(".", 1)
        names.append(f"{stem}-before.{ext}")
    return sorted(names)


def test_the_samples_are_small_real_images_with_a_license_note() -> None:
    folder = resources.files("deepshi").joinpath("samples")
    assert len(SAMPLES) == 3
    assert "CC0" in folder.joinpath("README.md").read_text()
    for name in SAMPLES:
        data = folder.joinpath(name).read_bytes()
        assert len(data) < 64 * 1024
        with Image.open(folder.joinpath(name)) as image:  # type: ignore[arg-type]
            image.load()
            assert image.size == (512, 384)


def test_demo_runs_on_the_embedded_mock_without_key_or_network(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = cli("demo", "--out", str(out), global_args=[])  # no --api-key, no --base-url, no env
    assert result.exit_code == 0, result.output
    files = listing(out)
    after = [name for name in files if "-after-" in name]
    assert sorted(set(files) - set(after)) == _expected_files()
    assert [name.split("-after-")[0] for name in after] == [sample.rsplit(".", 1)[0] for sample in SAMPLES]
    for name in files:
        with Image.open(out / name) as image:
            image.load()
    for sample in SAMPLES:  # the inputs are saved as they were sent
        stem, ext = sample.rsplit(".", 1)
        assert (out / f"{stem}-before.{ext}").read_bytes() == resources.files("deepshi").joinpath(
            "samples", sample
        ).read_bytes()
    with Image.open(out / "contact-sheet.png") as sheet:
        assert sheet.format == "PNG"
        assert (
            sheet.height
            == contact_sheet.HEADER_H + 3 * (contact_sheet.CARD_H + contact_sheet.MARGIN // 2) + contact_sheet.FOOTER_H
        )
    assert "embedded mock server" in result.stderr
    for sample in SAMPLES:
        assert sample in result.stdout
    assert "total" in result.stdout
    assert "contact-sheet.png" in result.stdout


def test_a_demo_rerun_never_overwrites_a_file(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    assert cli("demo", "--out", str(out), global_args=[]).exit_code == 0
    first = {name: (out / name).read_bytes() for name in listing(out)}
    (out / "lighthouse-before.png").write_bytes(b"the user's own edit of this file")
    second = cli("demo", "--out", str(out), global_args=[])
    assert second.exit_code == 0, second.output
    files = listing(out)
    assert (out / "lighthouse-before.png").read_bytes() == b"the user's own edit of this file"
    for name, data in first.items():
        if name != "lighthouse-before.png":
            assert (out / name).read_bytes() == data, f"{name} was rewritten"
    added = sorted(set(files) - set(first))
    renamed = [name.replace("-before", "-2-before").replace("-after", "-2-after") for name in first]
    assert added == sorted(name if name != "contact-sheet.png" else "contact-sheet-2.png" for name in renamed)
    assert "contact-sheet-2.png" in second.stdout
    # the cost table has the bytes column docs/cli.md promises
    header = next(line for line in second.stdout.splitlines() if "input" in line and "cost" in line)
    assert header.split() == ["input", "model", "size", "output", "bytes", "cost"]
    for name in (n for n in added if "-after-" in n):
        assert format_bytes((out / name).stat().st_size) in second.stdout


def test_demo_live_needs_a_key(cli: Run, tmp_path: Path) -> None:
    result = cli("demo", "--live", "--out", str(tmp_path / "d"), global_args=[])
    assert result.exit_code == 2
    assert "DEEPSHI_API_KEY" in result.stderr
    assert not (tmp_path / "d").exists() or listing(tmp_path / "d") == []


def test_demo_live_sends_the_same_edits_to_the_configured_api(
    cli: Run, deepshi_mock: MockServer, tmp_path: Path
) -> None:
    # --live with --base-url pointing at a local mock: the live path, without the internet.
    result = cli("demo", "--live", "--out", str(tmp_path / "d"))
    assert result.exit_code == 0, result.output
    assert "live API" in result.stderr
    edits = [entry for entry in deepshi_mock.journal if entry.operation == "editImage"]
    assert [entry.files[0].filename for entry in edits] == [
        f"{name.rsplit('.', 1)[0]}-before.{name.rsplit('.', 1)[1]}" for name in SAMPLES
    ]
    assert all(entry.status == 200 for entry in edits)
    assert CANARY_KEY not in str([entry.to_dict() for entry in deepshi_mock.journal])


def test_each_after_image_is_an_edit_of_its_before_image(cli: Run, tmp_path: Path) -> None:
    from tests.mock.test_answers import likeness

    out = tmp_path / "demo"
    assert cli("demo", "--out", str(out), global_args=[]).exit_code == 0
    pairs = []
    for sample in SAMPLES:
        stem, ext = sample.rsplit(".", 1)
        pairs.append((Image.open(out / f"{stem}-before.{ext}"), Image.open(out / f"{stem}-after-0.png")))

    for index, (before, after) in enumerate(pairs):
        # The same shape: the demo asks each model for the size closest to the input's (4:3 here).
        assert abs(after.width / after.height - before.width / before.height) < 0.2, (after.size, before.size)
        # The same picture, restyled: far more like its own input than like the other samples.
        own = likeness(after, before)
        others = [likeness(after, other) for i, (other, _) in enumerate(pairs) if i != index]
        assert own > 0.6, (SAMPLES[index], own)
        assert own > max(others) + 0.2, (SAMPLES[index], own, others)


def test_the_demo_asks_for_the_inputs_shape_from_the_catalog(deepshi_client: Deepshi) -> None:
    from deepshi.cli.demo import _shape_like

    catalog = deepshi_client.models.list()

    assert _shape_like(catalog.get("nano-banana-2"), 512, 384) == {"aspect_ratio": "4:3"}
    assert _shape_like(catalog.get("deepshi-image-1"), 512, 384) == {"image_size": "1536x1024"}
    assert _shape_like(catalog.get("deepshi-image-1"), 384, 512) == {"image_size": "1024x1536"}
    assert _shape_like(catalog.get("flux-2-pro"), 512, 384) == {"width": 1024, "height": 768}
    assert _shape_like(catalog.get("flux-2-pro"), 100, 4000) == {"width": 256, "height": 1024}
    assert _shape_like(None, 512, 384) == {}
