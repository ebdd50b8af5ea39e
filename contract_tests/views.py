"""A facade view, read back as the JSON document it shows: the parity check of the result views.

Every rendered view (``deepshi._views``) names, in ``WIRE_NAMES``, the field that shows each
property of its schema; its ``extra`` holds the undeclared ones. Reading a view back through those
names must give exactly the document that was served: a property the views drop, rename or
mistype makes the contract fail.
"""

from __future__ import annotations

import dataclasses
from typing import Any


def view_document(value: Any) -> Any:
    """The JSON document ``value`` (a view, a list or map of them, or a plain value) shows."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and hasattr(value, "WIRE_NAMES"):
        document = dict(getattr(value, "extra", {}))
        for name, wire in value.WIRE_NAMES.items():
            shown = getattr(value, name)
            if shown is not None:
                document[wire] = view_document(shown)
        return document
    if isinstance(value, list):
        return [view_document(item) for item in value]
    if isinstance(value, dict):
        return {key: view_document(item) for key, item in value.items()}
    return value
