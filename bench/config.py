"""How big and how many: the full sizes of issue 8, and the tiny ones of ``--quick``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024
MODEL = "nano-banana-2"
"""A catalog model that edits up to 14 images (the shipped mock catalog)."""


@dataclass(frozen=True)
class Sizes:
    """Payload sizes (bytes) and repetition counts for one run."""

    quick: bool
    small_input_side: int
    """Side in pixels of the small edit's input PNG (noise, so it does not compress)."""
    small_output_b64: int
    """Base64 length of the small edit's answer image (~1 MB)."""
    p1_iterations: int
    upload_files: int
    upload_file_bytes: int
    p2_repeats: int
    large_images: int
    large_b64: int
    """Base64 length of each image of the large answer."""
    p3_iterations: int
    sse_b64: tuple[int, ...]
    """Base64 length of the streamed image at each of the SSE sizes; the first is the headline.

    All full sizes are above 32 MB on purpose: glibc serves larger blocks with fresh ``mmap``s, so
    every copy above that size pays page faults (~0.45 ms/MB here against ~0.05 below), and a
    series straddling 32 MB looks superlinear for every client, raw httpx included.
    """
    sse_keepalives: int
    p4_iterations: int
    concurrency: int
    p5_rounds: int
    p6_iterations: int
    p7_upload_bytes: int
    p7_iterations: int
    p8_connections: int
    """Concurrent keep-alive connections of the load generator."""
    p8_requests: int
    """Requests per throughput measurement (each also stops after ``p8_seconds``)."""
    p8_seconds: float
    p8_rounds: int
    """Throughput measurements per server and request (the servers take turns; the median counts)."""
    p8_starts: int
    """Start-ups timed per server."""


FULL = Sizes(
    quick=False,
    small_input_side=128,
    small_output_b64=1 * MiB,
    p1_iterations=80,
    upload_files=14,
    upload_file_bytes=10 * MiB,
    p2_repeats=3,
    large_images=4,
    large_b64=25 * MiB,
    p3_iterations=9,
    sse_b64=(50 * MiB, 100 * MiB, 150 * MiB),
    sse_keepalives=10_000,
    p4_iterations=7,
    concurrency=256,
    p5_rounds=5,
    p6_iterations=150,
    p7_upload_bytes=10 * MiB,
    p7_iterations=30,
    p8_connections=16,
    p8_requests=3000,
    p8_seconds=4.0,
    p8_rounds=3,
    p8_starts=5,
)

QUICK = Sizes(
    quick=True,
    small_input_side=32,
    small_output_b64=64 * 1024,
    p1_iterations=5,
    upload_files=14,
    upload_file_bytes=128 * 1024,
    p2_repeats=1,
    large_images=4,
    large_b64=256 * 1024,
    p3_iterations=3,
    sse_b64=(64 * 1024, 128 * 1024, 256 * 1024),
    sse_keepalives=200,
    p4_iterations=3,
    concurrency=32,
    p5_rounds=1,
    p6_iterations=5,
    p7_upload_bytes=256 * 1024,
    p7_iterations=3,
    p8_connections=4,
    p8_requests=40,
    p8_seconds=1.0,
    p8_rounds=1,
    p8_starts=1,
)

ROOT = Path(__file__).resolve().parents[1]
"""The repository root (the working directory of the child processes)."""


def human(size: int) -> str:
    """``1 MB``, ``64 KB``: a byte count in binary units, for labels."""
    if size >= MiB:
        return f"{size / MiB:g} MB"
    return f"{size / 1024:g} KB"
