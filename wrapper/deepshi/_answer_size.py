"""``max_answer_bytes``: the most an answer may hold once decoded, so a gzip bomb fails fast and small.

httpx decodes ``Content-Encoding: gzip``/``deflate`` itself, each network chunk at once and without
a bound: 600 KiB of gzip became 600 MiB in memory (twice, with the joined body) before anything
could look at it. :class:`SizeLimitedStream` wraps an answer's raw byte stream, below httpx's
decoder, and counts what each chunk will decode to before httpx sees it: it inflates a copy in
64 KiB steps and keeps none of it. Past the limit it raises ``APIResponseValidationError``.

For an answer read whole (every JSON answer), an encoded body is counted completely before httpx
decodes any of it: the compressed bytes are held meanwhile, so a bomb costs its compressed size
in memory, never its inflated size. A stream is counted as it arrives (its events cannot wait), so
the limit bounds it as a whole. Codings the client cannot bound while counting (``br``,
``zstd``: their decoders take no output limit) are refused; the client never asks for them.

Hand-written on zlib: httpx has no size bound on decoding, and its decoders are private.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from ._errors import APIResponseValidationError
from ._wrapped_stream import WrappedStream

__all__ = ["SizeLimitedStream"]

_STEP = 64 * 1024
"""How much one inflation step may produce (what counting holds in memory at a time)."""
_COUNTED = ("gzip", "deflate")
_REFUSED = ("br", "zstd")
_MAX_CODINGS = 3


class _Inflater:
    """One content coding, inflated in bounded steps, the way httpx's decoder for it reads it."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._first = True
        self.broken = False
        """Set when the data does not inflate: httpx's own decoder then fails on it, with its error."""
        wbits = zlib.MAX_WBITS | 16 if coding == "gzip" else zlib.MAX_WBITS
        self._decompressor = zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes of ``data``, in pieces of at most 64 KiB."""
        if self.broken:
            return
        first, self._first = self._first, False
        try:
            yield from self._drain(data)
        except zlib.error:
            if first and self.coding == "deflate":  # httpx too falls back to raw deflate on a first failure
                self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
                try:
                    yield from self._drain(data)
                    return
                except zlib.error:
                    pass
            self.broken = True

    def _drain(self, data: bytes) -> Iterator[bytes]:
        piece = self._decompressor.decompress(data, _STEP)
        while True:
            if piece:
                yield piece
            tail = self._decompressor.unconsumed_tail
            if not tail and len(piece) < _STEP:
                return
            piece = self._decompressor.decompress(tail, _STEP)


class SizeLimitedStream(WrappedStream):
    """An answer's raw byte stream that fails once what it decodes to passes ``limit`` bytes.

    ``whole``: the answer is read whole (not a stream), so an encoded body is counted to its end
    before any of it is passed on.
    """

    def __init__(self, inner: Any, response: httpx.Response, limit: int, *, whole: bool) -> None:
        super().__init__(inner)
        self.response = response
        self.limit = limit
        self.decoded = 0
        codings = [value.strip().lower() for value in response.headers.get_list("content-encoding", split_commas=True)]
        self._refused = next((coding for coding in codings if coding in _REFUSED), None)
        self._too_many = sum(coding in _COUNTED for coding in codings) > _MAX_CODINGS
        self._inflaters = [_Inflater(coding) for coding in codings if coding in _COUNTED][:_MAX_CODINGS]
        self._hold = whole and bool(self._inflaters)
        declared = response.headers.get("content-length", "")
        self._declared = int(declared) if declared.isdigit() and not self._inflaters else None

    def _error(self, message: str) -> APIResponseValidationError:
        return APIResponseValidationError(message, response=self.response)

    def _too_large(self) -> APIResponseValidationError:
        how = f" once decoded ({', '.join(i.coding for i in self._inflaters)})" if self._inflaters else ""
        return self._error(
            f"The API's answer is larger than max_answer_bytes ({self.limit:,} bytes){how}; it was not kept."
        )

    def _start(self) -> None:
        if self._refused is not None:
            raise self._error(
                f"The API answered with Content-Encoding {self._refused!r}, which the client did not ask for "
                "and whose decoded size it cannot bound (it reads identity, gzip and deflate)."
            )
        if self._too_many:
            raise self._error(f"The API's answer has more than {_MAX_CODINGS} content codings.")
        if self._declared is not None and self._declared > self.limit:
            raise self._too_large()

    def _decoded_pieces(self, data: bytes, stage: int = 0) -> Iterator[bytes]:
        if stage == len(self._inflaters):
            yield data
            return
        for piece in self._inflaters[stage].feed(data):
            yield from self._decoded_pieces(piece, stage + 1)

    def _count(self, chunk: bytes) -> None:
        for piece in self._decoded_pieces(chunk):
            self.decoded += len(piece)
            if self.decoded > self.limit:
                raise self._too_large()

    def __iter__(self) -> Iterator[bytes]:
        self._start()
        held: list[bytes] = []
        for chunk in self.inner:
            self._count(chunk)
            if self._hold:
                held.append(chunk)
            else:
                yield chunk
        yield from held

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self._start()
        held: list[bytes] = []
        async for chunk in self.inner:
            self._count(chunk)
            if self._hold:
                held.append(chunk)
            else:
                yield chunk
        for chunk in held:
            yield chunk
