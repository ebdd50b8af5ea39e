"""The models catalog (``GET /v1/models``): its views are rendered from the spec (``_views``).

``ModelCatalog`` (the ``ModelList`` schema), ``ModelInfo`` (``Model``) and ``ParameterInfo``
(``ModelParameter``) carry every property the spec declares; their lookups and descriptions are
the hand-written behaviour in ``_view_behaviour``.
"""

from __future__ import annotations

from ._views import ModelCatalog, ModelEditSupport, ModelInfo, ModelModalities, ParameterInfo

__all__ = ["ModelCatalog", "ModelEditSupport", "ModelInfo", "ModelModalities", "ParameterInfo"]
