"""The payloads: real PNG files of chosen sizes, and the cassette directory the mock serves them from.

Everything is written once per run into a scratch directory. The answers are plain (non-template)
cassette interactions whose images are file references, so the mock in ``--fast`` mode encodes
each answer once and then serves it from memory. Images are random noise so PNG cannot compress
them: a file of N bytes is N bytes on the wire.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from .config import MODEL, Sizes

SMALL_EDIT = "bench: small edit"
UPLOAD = "bench: upload"
LARGE = "bench: large answer"
TINY_GENERATION = "bench: tiny generation"
"""A generation answered with a tiny image: an answer as small as Prism's (the spec's example), for P8."""


def sse_prompt(b64_bytes: int) -> str:
    """The generation prompt answered by the stream carrying a ``b64_bytes`` image."""
    return f"bench: stream {b64_bytes}"


def noise_png(size: int, seed: int) -> bytes:
    """A real PNG of about ``size`` bytes: uncompressed random RGB pixels."""
    side = max(4, int((size / 3) ** 0.5))
    pixels = random.Random(seed).randbytes(side * side * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(buffer, format="PNG", compress_level=0)
    return buffer.getvalue()


def decoded_size(b64_bytes: int) -> int:
    """Bytes of an image whose base64 text is ``b64_bytes`` long."""
    return b64_bytes * 3 // 4


@dataclass(frozen=True)
class Payloads:
    """Paths and bytes the scenarios send, and the cassette directory for the mock."""

    root: Path
    cassettes: Path
    small_input: bytes
    small_input_path: Path
    tiny_input_path: Path
    upload_paths: list[Path]


def _answer(images: list[str], *, size: str = "1024x1024") -> dict[str, Any]:
    return {
        "created": 1782595538,
        "model": MODEL,
        "size": size,
        "data": [{"index": index, "b64_json": {"$image": name}} for index, name in enumerate(images)],
        "usage": {"cost": {"total_cost": 0.04}},
    }


def _interaction(name: str, operation: str, prompt: str, response: dict[str, Any], **match: Any) -> dict[str, Any]:
    return {
        "name": name,
        "priority": 100,
        "request": {"operation": operation, "model": MODEL, "prompt": prompt, **match},
        "response": response,
    }


def _write(directory: Path, name: str, data: bytes) -> str:
    (directory / name).write_bytes(data)
    return name


def build(root: Path, sizes: Sizes) -> Payloads:
    """Write every payload and the cassette under ``root`` (an empty scratch directory)."""
    cassettes = root / "cassettes"
    cassettes.mkdir(parents=True)
    inputs = root / "inputs"
    inputs.mkdir()
    small_input = noise_png(3 * sizes.small_input_side**2, seed=1)
    small_input_path = inputs / "small.png"
    small_input_path.write_bytes(small_input)
    tiny_input_path = inputs / "tiny.png"
    tiny_input_path.write_bytes(noise_png(256, seed=2))
    upload = noise_png(sizes.upload_file_bytes, seed=3)
    upload_paths = [inputs / f"upload-{index:02d}.png" for index in range(sizes.upload_files)]
    for path in upload_paths:
        path.write_bytes(upload)

    small_out = _write(cassettes, "small-out.png", noise_png(decoded_size(sizes.small_output_b64), seed=4))
    tiny_out = _write(cassettes, "tiny-out.png", noise_png(256, seed=5))
    large = [
        _write(cassettes, f"large-{index}.png", noise_png(decoded_size(sizes.large_b64), seed=10 + index))
        for index in range(sizes.large_images)
    ]
    interactions = [
        _interaction("small edit", "editImage", SMALL_EDIT, {"status": 200, "body": _answer([small_out])}),
        _interaction("upload", "editImage", UPLOAD, {"status": 200, "body": _answer([tiny_out])}),
        _interaction("large answer", "createImage", LARGE, {"status": 200, "body": _answer(large)}),
        _interaction("tiny generation", "createImage", TINY_GENERATION, {"status": 200, "body": _answer([tiny_out])}),
    ]
    for index, b64_bytes in enumerate(sizes.sse_b64):
        image = _write(cassettes, f"stream-{index}.png", noise_png(decoded_size(b64_bytes), seed=20 + index))
        event = {
            "event": "image_generation.completed",
            "data": {"type": "image_generation.completed", **_answer([image])},
        }
        stream = [{"comment": "keepalive"}] * sizes.sse_keepalives + [event]
        response = {"status": 200, "headers": {"content-type": "text/event-stream; charset=utf-8"}, "stream": stream}
        interactions.append(
            _interaction(f"stream {b64_bytes}", "createImage", sse_prompt(b64_bytes), response, stream=True)
        )
    (cassettes / "bench.json").write_text(json.dumps({"version": 1, "interactions": interactions}))
    return Payloads(root, cassettes, small_input, small_input_path, tiny_input_path, upload_paths)
