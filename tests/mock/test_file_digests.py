"""Uploaded files are hashed only as far as the journal needs.

Every file's sha256 is in the journal. Files after the first are hashed as they stream (their
bytes are not kept); the body's first file is kept anyway (an edit's answer is derived from it),
so it is hashed when its digest is first read, joined only when its bytes are (an answer derived
from it), and the answer caches key it by xxh3 only when the answer depends on it. The journal
bounds the unread first files it holds.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import httpx
import pytest

from deepshi.mock import FileRecord, MockServer, multipart
from deepshi.mock.journal import FileDigest, Journal, JournalEntry, JournalLimits
from deepshi.mock.multipart import FilePart, FormReader
from tests.images import png_bytes

from .conftest import multipart as multipart_body
from .conftest import post_form


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parts(body: bytes, content_type: str, chunk: int = 1000, kind: type = bytes) -> list[FilePart]:
    reader = FormReader(content_type, max_file_bytes=1 << 30)
    for start in range(0, len(body), chunk):
        reader.feed(kind(body[start : start + chunk]))
    return [part for part in reader.finish() if isinstance(part, FilePart)]


def noise(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + os.urandom(size - 8)


def test_the_first_file_is_hashed_when_its_digest_is_read_the_others_as_they_stream() -> None:
    first, second = noise(50_000), noise(30_000)
    body, content_type = multipart_body(
        [("image[]", ("a.png", first, "image/png")), ("image[]", ("b.png", second, None))]
    )

    one, two = parts(body, content_type)

    assert isinstance(one.digest, FileDigest)
    assert one.digest.pending_bytes == len(first)
    assert one.data == first
    assert two.digest == sha(second)
    assert two.data is None
    assert one.sha256 == sha(first)
    assert one.digest.pending_bytes == 0  # hashed once, its bytes let go by the digest


@pytest.mark.parametrize("kind", [bytes, bytearray])
def test_a_first_file_over_the_kept_size_is_hashed_as_it_streams(monkeypatch: pytest.MonkeyPatch, kind: type) -> None:
    monkeypatch.setattr(multipart, "FIRST_FILE_BYTES", 20_000)
    first = noise(50_000)
    body, content_type = multipart_body([("image[]", ("a.png", first, "image/png"))])

    [one] = parts(body, content_type, chunk=7_000, kind=kind)

    assert one.data is None
    assert (one.digest, one.size) == (sha(first), len(first))


def test_chunks_given_as_bytearrays_are_kept_as_they_were_fed() -> None:
    first = noise(20_000)
    body, content_type = multipart_body([("image[]", ("a.png", first, "image/png"))])
    reader = FormReader(content_type, max_file_bytes=1 << 30)
    for start in range(0, len(body), 4096):
        chunk = bytearray(body[start : start + 4096])
        reader.feed(chunk)
        chunk[:] = b"\0" * len(chunk)  # the caller reuses its buffer
    [one] = reader.finish()
    assert isinstance(one, FilePart)
    assert (one.data, one.sha256) == (first, sha(first))


def test_cache_keys_are_xxh3_when_installed_else_the_sha256(monkeypatch: pytest.MonkeyPatch) -> None:
    first = noise(10_000)
    body, content_type = multipart_body([("image[]", ("a.png", first, "image/png"))])
    [one] = parts(body, content_type)
    assert one.content_key.startswith("xxh3-128:")
    assert isinstance(one.digest, FileDigest)
    assert one.digest.pending_bytes  # the cache key did not hash it

    monkeypatch.setattr(multipart, "FAST_DIGEST", None)
    assert one.content_key == sha(first)


def test_the_journal_shows_every_files_sha256(api: httpx.Client, deepshi_mock: MockServer) -> None:
    first, second = png_bytes(), noise(40_000)
    response = post_form(
        api,
        [
            ("model", "nano-banana-2"),
            ("prompt", "p"),
            ("image[]", ("a.png", first, "image/png")),
            ("image[]", ("b.png", second, "image/png")),
        ],
    )
    assert response.status_code == 200, response.text

    [entry] = deepshi_mock.journal
    assert entry.files[0].pending() is not None  # not hashed while answering
    assert entry.files == [
        FileRecord("image[]", "a.png", "image/png", len(first), sha(first)),
        FileRecord("image[]", "b.png", "image/png", len(second), sha(second)),
    ]
    assert entry.files[0].pending() is None
    assert entry.to_dict()["files"][0]["sha256"] == sha(first)


def entry_with(*records: FileRecord) -> JournalEntry:
    return JournalEntry(
        time=0.0,
        method="POST",
        path="/v1/images/edits",
        operation="editImage",
        headers={},
        fields={},
        files=list(records),
        size=600,
    )


def test_the_journal_hashes_the_oldest_unread_files_past_its_bound() -> None:
    journal = Journal(JournalLimits(total_bytes=100_000))
    files = [noise(40_000) for _ in range(4)]
    digests = [FileDigest(data) for data in files]
    for index, digest in enumerate(digests):
        journal.append(entry_with(FileRecord("image[]", f"{index}.png", "image/png", 40_000, digest)))

    # 4 x 40 kB held is over 100 kB: the two oldest were hashed and let go, the newest still wait.
    assert [digest.pending_bytes for digest in digests] == [0, 0, 40_000, 40_000]
    assert [entry.files[0].sha256 for entry in journal.entries()] == [sha(data) for data in files]


def test_a_cleared_journal_holds_no_unread_files() -> None:
    journal = Journal(JournalLimits(total_bytes=100_000))
    digest = FileDigest(noise(60_000))
    journal.append(entry_with(FileRecord("image[]", "a.png", "image/png", 60_000, digest)))
    journal.clear()
    for _ in range(3):  # what the cleared entry held no longer counts against the bound
        journal.append(entry_with(FileRecord("image[]", "b.png", "image/png", 60_000, FileDigest(noise(60_000)))))
        journal.clear()
    assert digest.pending_bytes == 60_000


def test_the_kept_first_file_is_joined_only_when_its_bytes_are_read() -> None:
    first = noise(20_000)
    body, content_type = multipart_body([("image[]", ("a.png", first, "image/png"))])
    [one] = parts(body, content_type, chunk=4096)
    assert one.kept is not None

    assert len(one.kept.chunks) > 1
    assert len(one.kept) == len(first)
    assert one.content_key.startswith("xxh3-128:")  # keyed chunk by chunk
    assert len(one.kept.chunks) > 1
    assert one.data == first
    assert one.kept.chunks == [first]
    assert one.sha256 == sha(first)


RECORDED_EDIT = """
version: 1
interactions:
  - name: recorded edit
    request: {operation: editImage, model: nano-banana-2, prompt: recorded}
    response:
      status: 200
      body: {created: 1, data: [{index: 0, b64_json: iVBORw0KGgo=}]}
"""


def test_a_recorded_answer_neither_joins_nor_keys_the_first_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Joining and keying a 10 MB upload cost more than the rest of the request (bench P7)."""
    (tmp_path / "edits.yaml").write_text(RECORDED_EDIT)
    joined: list[int] = []
    keyed: list[str] = []
    join, content_key = multipart.KeptBytes.join, FilePart.content_key

    def counting_join(self: multipart.KeptBytes) -> bytes:
        joined.append(len(self))
        return join(self)

    def counting_key(self: FilePart) -> str:
        keyed.append(self.filename)
        return content_key.fget(self)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(multipart.KeptBytes, "join", counting_join)
    monkeypatch.setattr(FilePart, "content_key", property(counting_key))
    image = png_bytes()
    with (
        MockServer(tmp_path, fast=True) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {server.api_key}"}) as api,
    ):
        for prompt in ("recorded", "recorded", "synthesized"):
            fields = [("model", "nano-banana-2"), ("prompt", prompt), ("image[]", ("a.png", image, "image/png"))]
            response = post_form(api, fields)
            assert response.status_code == 200, response.text
        recorded, _, synthesized = server.journal
    assert (joined, keyed) == ([len(image)], ["a.png"])  # the synthesized edit only: derived from the image
    assert recorded.files[0].sha256 == synthesized.files[0].sha256 == sha(image)
