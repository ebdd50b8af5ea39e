"""File names for the images of one answer: one distinct label per image, even when indexes repeat.

An answer's ``data[].index`` values are not required to be unique by the spec; naming files by the
index alone would save two images under one name and keep one. :func:`image_labels` gives each
image its index as label, and a repeated index ``-2``, ``-3``... (in answer order), so every image
is kept: indexes ``[0, 0, 1]`` are labelled ``0``, ``0-2``, ``1``. `save_all`, ``deepshi
edit``/``generate`` and ``deepshi batch`` all name files with it.
"""

from __future__ import annotations

from collections.abc import Iterable


def image_labels(indexes: Iterable[int]) -> list[str]:
    """A distinct label per index, in order: the index itself, then ``{index}-2``, ``{index}-3``... on repeats."""
    seen: dict[int, int] = {}
    labels = []
    for index in indexes:
        count = seen[index] = seen.get(index, 0) + 1
        labels.append(str(index) if count == 1 else f"{index}-{count}")
    return labels
