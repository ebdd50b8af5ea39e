"""What a resource needs of its client: the protocol the rendered ``resources/`` modules call.

The resources depend on this protocol, not on ``Deepshi``/``AsyncDeepshi``, so the client imports
its resources and nothing imports back (no import cycle).
"""

from __future__ import annotations

from typing import Any, Protocol

from ._catalog import ModelCatalog
from ._raw import RawResponse
from ._requests import CallOptions, Plan
from ._results import ImagesResult
from ._streaming import AsyncImageStream, ImageStream

__all__ = ["AsyncCore", "SyncCore"]


class SyncCore(Protocol):
    """The entry points of ``Deepshi`` the rendered resource methods call."""

    def _images(self, plan: Plan[Any], call: CallOptions) -> ImagesResult | ImageStream: ...

    def _raw_images(
        self, plan: Plan[Any], call: CallOptions
    ) -> RawResponse[ImagesResult] | RawResponse[ImageStream]: ...

    def _models(self, call: CallOptions) -> ModelCatalog: ...

    def _raw_models(self, call: CallOptions) -> RawResponse[ModelCatalog]: ...


class AsyncCore(Protocol):
    """The entry points of ``AsyncDeepshi`` the rendered resource methods call."""

    async def _images(self, plan: Plan[Any], call: CallOptions) -> ImagesResult | AsyncImageStream: ...

    async def _raw_images(
        self, plan: Plan[Any], call: CallOptions
    ) -> RawResponse[ImagesResult] | RawResponse[AsyncImageStream]: ...

    async def _models(self, call: CallOptions) -> ModelCatalog: ...

    async def _raw_models(self, call: CallOptions) -> RawResponse[ModelCatalog]: ...
