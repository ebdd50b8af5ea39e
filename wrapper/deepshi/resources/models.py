"""``client.models``: the models catalog (the spec's ``Models`` tag, ``GET /v1/models``).

The catalog is fetched once per client and cached: the preflight reads it before each edit or
generation to check the request against the model's entry. :meth:`Models.refresh` re-fetches it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deepshi._catalog import ModelCatalog

if TYPE_CHECKING:
    from deepshi._client import AsyncDeepshi, Deepshi

__all__ = ["AsyncModels", "Models"]


class Models:
    """``client.models``: ``list`` and ``refresh``."""

    def __init__(self, client: Deepshi) -> None:
        self._client = client

    def list(self) -> ModelCatalog:
        """The models your key can call, with what each accepts (fetched once per client, then cached).

        Lists the models your key can call. For image models each entry tells the parameters it
        accepts (with type, allowed values and default), its `edit` block (editing support and
        reference-image cap), `prompt_max_length` and its modalities.
        """
        return self._client._get_catalog(refresh=False)

    def refresh(self) -> ModelCatalog:
        """Fetch the catalog again (and use the new one for the preflight from now on)."""
        return self._client._get_catalog(refresh=True)


class AsyncModels:
    """``client.models`` of :class:`AsyncDeepshi`: ``await list()`` and ``await refresh()``."""

    def __init__(self, client: AsyncDeepshi) -> None:
        self._client = client

    async def list(self) -> ModelCatalog:
        """The models your key can call, with what each accepts (fetched once per client, then cached).

        Lists the models your key can call. For image models each entry tells the parameters it
        accepts (with type, allowed values and default), its `edit` block (editing support and
        reference-image cap), `prompt_max_length` and its modalities.
        """
        return await self._client._get_catalog(refresh=False)

    async def refresh(self) -> ModelCatalog:
        """Fetch the catalog again (and use the new one for the preflight from now on)."""
        return await self._client._get_catalog(refresh=True)
