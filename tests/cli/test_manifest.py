"""The batch manifest reader: streamed, strict about fields, clear about what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deepshi.cli.manifest import ManifestError, ManifestLine, count_lines, parse_job, read_lines


def _line(value: object, number: int = 3) -> ManifestLine:
    return ManifestLine(number, json.dumps(value) + "\n")


def test_lines_are_read_one_at_a_time(tmp_path: Path) -> None:
    # Invalid UTF-8 a megabyte further down: a reader that loaded the whole file would fail
    # before yielding anything; a streaming one yields the first lines first.
    manifest = tmp_path / "m.jsonl"
    manifest.write_bytes(b'{"prompt": "first"}\n\n' + b'{"prompt": "filler"}\n' * 50_000 + b"\xff\xfe\n")
    lines = read_lines(manifest)
    first = next(lines)
    assert first == ManifestLine(1, '{"prompt": "first"}\n')
    assert next(lines).number == 3  # the blank line 2 is skipped, numbering is physical
    with pytest.raises(UnicodeDecodeError):
        list(lines)


def test_count_skips_blank_lines(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"a": 1}\n\n   \n{"b": 2}\n{"c": 3}')
    assert count_lines(manifest) == 3


def test_a_line_with_image_is_an_edit_with_paths_relative_to_the_manifest(tmp_path: Path) -> None:
    job = parse_job(_line({"prompt": "p", "model": "m", "image": ["a.png", "sub/b.jpg"], "n": 2}), tmp_path, {})
    assert job.operation == "edit"
    assert job.images == (tmp_path / "a.png", tmp_path / "sub" / "b.jpg")
    assert job.options == {"prompt": "p", "model": "m", "n": 2}
    assert job.name == "000003"


def test_a_line_without_image_is_a_generation_and_defaults_fill_gaps(tmp_path: Path) -> None:
    job = parse_job(
        _line({"prompt": "p", "name": "fox-1", "output_format": "png"}),
        tmp_path,
        {"model": "dflt", "output_format": "webp"},
    )
    assert job.operation == "generate"
    assert job.options == {"prompt": "p", "model": "dflt", "output_format": "png"}
    assert job.name == "fox-1"


@pytest.mark.parametrize(
    ("value", "param", "fragment"),
    [
        ({"prompt": "p", "model": "m", "colour": "red"}, "colour", "unknown field 'colour'"),
        ({"prompt": "p", "model": "m", "n": "2"}, "n", "must be an integer"),
        ({"prompt": "p", "model": "m", "n": True}, "n", "must be an integer"),
        ({"prompt": "p", "model": "m", "stream": "yes"}, "stream", "true or false"),
        ({"prompt": "p", "model": "m", "image": []}, "image", "non-empty list"),
        ({"prompt": "p", "model": "m", "name": "../escape"}, "name", "letters, digits"),
        ({"model": "m"}, "prompt", "missing field 'prompt'"),
        ({"prompt": "p"}, "model", "missing field 'model'"),
    ],
)
def test_bad_lines_name_the_field(tmp_path: Path, value: dict[str, object], param: str, fragment: str) -> None:
    with pytest.raises(ManifestError, match=fragment) as caught:
        parse_job(_line(value), tmp_path, {})
    assert caught.value.param == param


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '"a string"'])
def test_a_line_that_is_not_a_json_object_is_rejected(tmp_path: Path, text: str) -> None:
    with pytest.raises(ManifestError, match="line 7"):
        parse_job(ManifestLine(7, text), tmp_path, {})
