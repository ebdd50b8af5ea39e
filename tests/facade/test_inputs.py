"""Image inputs: every accepted kind, the type sniffed from magic bytes, errors naming the input,
and files streamed rather than read into memory."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
from pathlib import Path

import httpx
import pytest
from PIL import Image

from deepshi import Deepshi, InvalidRequestError
from deepshi._files import as_input_list
from deepshi._sniff import ACCEPTED_TYPES, sniff
from deepshi._spec import accepted_image_types
from tests.images import encoded, jpeg_bytes, png_bytes, webp_bytes

from .fakes import BASE_URL, KEY, FakeApi


def sent_images(client: Deepshi, api: FakeApi, image: object) -> list[tuple[str | None, str | None, bytes]]:
    client.images.edit(model="m", prompt="p", image=image, validate=False)  # type: ignore[call-overload]
    return [(p.filename, p.content_type, p.content) for p in api.image_requests[-1].images()]


def test_every_input_kind_goes_out_as_an_image_part(client: Deepshi, api: FakeApi, tmp_path: Path) -> None:
    path = tmp_path / "cabin.png"
    path.write_bytes(png_bytes())
    pil = Image.new("RGBA", (5, 4), (1, 2, 3, 128))
    with open(path, "rb") as handle:
        parts = sent_images(
            client,
            api,
            [
                str(path),
                path,
                png_bytes(),
                bytearray(jpeg_bytes()),
                memoryview(webp_bytes()),
                handle,
                io.BytesIO(jpeg_bytes()),
                ("given.webp", webp_bytes()),
                ("given.jpg", io.BytesIO(jpeg_bytes()), "image/jpeg"),
                pil,
            ],
        )
    names = [name for name, _, _ in parts]
    assert names[:3] == ["cabin.png", "cabin.png", "image_2.png"]
    assert names[3:] == [
        "image_3.jpg",
        "image_4.webp",
        "cabin.png",
        "image_6.jpg",
        "given.webp",
        "given.jpg",
        "image_9.png",
    ]
    assert [ctype for _, ctype, _ in parts] == [
        "image/png", "image/png", "image/png", "image/jpeg", "image/webp",
        "image/png", "image/jpeg", "image/webp", "image/jpeg", "image/png",
    ]  # fmt: skip
    contents = [content for _, _, content in parts]
    assert contents[:9] == [png_bytes()] * 3 + [
        jpeg_bytes(),
        webp_bytes(),
        png_bytes(),
        jpeg_bytes(),
        webp_bytes(),
        jpeg_bytes(),
    ]
    decoded = Image.open(io.BytesIO(contents[9]))
    assert decoded.format == "PNG"
    assert decoded.mode == "RGBA"
    assert decoded.tobytes() == pil.tobytes(), "PIL images are sent losslessly"


def test_one_bare_input_or_a_tuple_is_one_image(client: Deepshi, api: FakeApi) -> None:
    assert len(sent_images(client, api, png_bytes())) == 1
    assert len(sent_images(client, api, ("a.png", png_bytes()))) == 1
    assert len(sent_images(client, api, (png_bytes(), jpeg_bytes()))) == 2  # a tuple of images
    assert as_input_list(("a.png", png_bytes(), None)) == ([("a.png", png_bytes(), None)], True)


def test_type_comes_from_magic_bytes_not_the_name(client: Deepshi, api: FakeApi, tmp_path: Path) -> None:
    liar = tmp_path / "really-a-jpeg.png"
    liar.write_bytes(jpeg_bytes())
    noext = tmp_path / "noext"
    noext.write_bytes(webp_bytes())
    parts = sent_images(client, api, [liar, noext, ("x.gif", png_bytes())])
    assert [(n, t) for n, t, _ in parts] == [
        ("really-a-jpeg.png", "image/jpeg"),
        ("noext", "image/webp"),
        ("x.gif", "image/png"),
    ]


def test_sniffer_knows_exactly_the_types_the_spec_accepts() -> None:
    assert accepted_image_types() == ACCEPTED_TYPES
    assert [sniff(data[:12]) for data in (png_bytes(), jpeg_bytes(), webp_bytes())] == list(ACCEPTED_TYPES)
    for fmt in ("GIF", "BMP", "TIFF", "ICO"):
        assert sniff(encoded(fmt, 16, 16)[:12]) is None, fmt


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (encoded("GIF"), "GIF image"),
        (encoded("BMP"), "BMP image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"", "it is empty"),
        (b"hello, world", "starts with b'hello, w'"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "starts with"),
    ],
)
def test_non_images_are_rejected_naming_their_position(
    client: Deepshi, api: FakeApi, content: bytes, reason: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.images.edit(model="m", prompt="p", image=[png_bytes(), jpeg_bytes(), content], validate=False)
    message = str(caught.value)
    assert message.startswith("image[2]: not a PNG, JPEG or WebP image")
    assert reason in message
    assert caught.value.param == "image[2]"
    assert api.sent == []


def test_a_single_bad_input_is_called_image(client: Deepshi) -> None:
    with pytest.raises(InvalidRequestError, match=r"^image: not a PNG"):
        client.images.edit(model="m", prompt="p", image=b"GIF89a......", validate=False)


def test_unusable_files_are_rejected_before_sending(client: Deepshi, api: FakeApi, tmp_path: Path) -> None:
    closed = open(tmp_path.joinpath("c.png").__fspath__(), "wb")  # noqa: SIM115
    closed.close()
    text = tmp_path / "t.txt"
    text.write_text("x")
    cases = {
        str(tmp_path / "missing.png"): "cannot read .*missing.png.*no such file",
        str(tmp_path): "cannot read .*: is a directory, not an image file",
    }
    for image, pattern in cases.items():
        with pytest.raises(InvalidRequestError, match=r"image\[1\]: " + pattern):
            client.images.edit(model="m", prompt="p", image=[png_bytes(), image], validate=False)
    with pytest.raises(InvalidRequestError, match=r"image: the file object is closed"):
        client.images.edit(model="m", prompt="p", image=closed, validate=False)
    with open(text) as text_mode, pytest.raises(InvalidRequestError, match="text mode"):
        client.images.edit(model="m", prompt="p", image=text_mode, validate=False)  # type: ignore[arg-type]
    with pytest.raises(InvalidRequestError, match="text mode"):
        client.images.edit(model="m", prompt="p", image=io.StringIO("abc"), validate=False)  # type: ignore[arg-type]
    assert api.sent == []


def test_unreadable_file_is_rejected(client: Deepshi, tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root reads anything: use a FIFO-free stand-in, a path that is a broken symlink
        broken = tmp_path / "dangling.png"
        broken.symlink_to(tmp_path / "nowhere.png")
        with pytest.raises(InvalidRequestError, match="no such file"):
            client.images.edit(model="m", prompt="p", image=broken, validate=False)
        return
    locked = tmp_path / "locked.png"
    locked.write_bytes(png_bytes())
    locked.chmod(0)
    with pytest.raises(InvalidRequestError, match="permission denied"):
        client.images.edit(model="m", prompt="p", image=locked, validate=False)


@pytest.mark.parametrize(
    ("image", "pattern"),
    [
        (42, r"image: expected a path, bytes, .* got int"),
        ([png_bytes(), None], r"image\[1\]: expected .* got NoneType"),
        (("a.png", png_bytes(), "image/jpeg"), r"image: declared as 'image/jpeg' but its bytes are image/png"),
        ([], r"image: 0 given; the API accepts at least 1"),
        ([png_bytes()] * 15, r"image: 15 given; the API accepts at most 14"),
    ],
)
def test_wrong_inputs_raise_invalid_request(client: Deepshi, api: FakeApi, image: object, pattern: str) -> None:
    with pytest.raises(InvalidRequestError, match=pattern):
        client.images.edit(model="m", prompt="p", image=image, validate=False)  # type: ignore[call-overload]
    assert api.sent == []


def test_fourteen_images_are_fine(client: Deepshi, api: FakeApi) -> None:
    assert len(sent_images(client, api, [png_bytes()] * 14)) == 14


def test_file_object_position_is_restored_and_the_whole_file_sent(client: Deepshi, api: FakeApi) -> None:
    handle = io.BytesIO(png_bytes())
    handle.seek(5)
    parts = sent_images(client, api, handle)
    assert parts[0][2] == png_bytes()


def test_non_seekable_stream_is_buffered_once(client: Deepshi, api: FakeApi) -> None:
    read_fd, write_fd = os.pipe()
    os.write(write_fd, webp_bytes())
    os.close(write_fd)
    with os.fdopen(read_fd, "rb", buffering=0) as pipe:
        parts = sent_images(client, api, pipe)
    assert parts[0][1:] == ("image/webp", webp_bytes())


class _Spy(io.FileIO):
    """A real file that records how much each read asks for."""

    reads: list[int]

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        self.reads.append(size)
        return super().read(size)


def _big_png(path: Path, size: int) -> bytes:
    data = png_bytes() + os.urandom(size)
    path.write_bytes(data)
    return data


class _Sink(httpx.BaseTransport):
    """Consumes each request body chunk by chunk, as a real connection does (MockTransport reads it whole)."""

    def __init__(self) -> None:
        self.digests: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        digest = hashlib.sha256()
        for chunk in request.stream:  # type: ignore[union-attr]
            digest.update(chunk)
        self.digests.append(digest.hexdigest())
        return httpx.Response(200, json={"created": 1, "data": []})


def test_file_objects_are_read_in_chunks_never_whole(tmp_path: Path) -> None:
    data = _big_png(tmp_path / "big.png", 3 * 1024 * 1024)
    sink = _Sink()
    spy = _Spy(tmp_path / "big.png", "rb")
    spy.reads = []
    with spy, httpx.Client(transport=sink) as http:
        Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http).images.edit(
            model="m", prompt="p", image=spy, validate=False
        )
    assert len(sink.digests) == 1
    assert len(data) > 3 * 1024 * 1024
    assert len(spy.reads) > 40
    assert all(0 <= size <= 64 * 1024 for size in spy.reads), spy.reads[:5]


def test_paths_are_streamed_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    data = _big_png(path, 24 * 1024 * 1024)
    sink = _Sink()
    with httpx.Client(transport=sink) as http:
        client = Deepshi(api_key=KEY, base_url=BASE_URL, http_client=http)
        client.images.edit(model="m", prompt="p", image=png_bytes(), validate=False)  # warm up: spec, validators
        tracemalloc.start()
        try:
            client.images.edit(model="m", prompt="p", image=path, validate=False)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while sending a {len(data) / 1e6:.0f} MB file"
    assert len(sink.digests) == 2


def test_path_files_are_closed_after_the_call(client: Deepshi, tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(png_bytes())
    before = set(os.listdir("/proc/self/fd"))
    client.images.edit(model="m", prompt="p", image=[path, path], validate=False)
    assert set(os.listdir("/proc/self/fd")) <= before
