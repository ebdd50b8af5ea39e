"""``did you mean 'nano-banana-2'?``: a wrong model id, matched against the model catalog."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from deepshi import Deepshi


def closest_model(wrong: str, ids: Iterable[str]) -> str | None:
    """The catalog id `wrong` was most likely meant to be: the same id in another case, else a close spelling."""
    by_lower = {model_id.lower(): model_id for model_id in ids}
    if wrong in by_lower.values():
        return None  # the id exists: the model is not the problem
    if wrong.lower() in by_lower:
        return by_lower[wrong.lower()]
    found = difflib.get_close_matches(wrong.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[found[0]] if found else None


def model_hint(exc: BaseException, model: object, catalog_ids: Callable[[], Iterable[str]]) -> str | None:
    """A ``did you mean …?`` for an error about the `model` parameter, or None (the catalog is fetched
    only then; if it cannot be, there is no hint)."""
    if getattr(exc, "param", None) != "model" or not isinstance(model, str):
        return None
    try:
        match = closest_model(model, catalog_ids())
    except Exception:  # a hint is a courtesy: whatever stops the catalog fetch, the error stays as it was
        return None
    return None if match is None else f"did you mean {match!r}?"


def add_model_hint(exc: BaseException, client: Deepshi, model: object) -> None:
    """Attach the hint to `exc` as a note (``describe`` prints notes after the message)."""
    hint = model_hint(exc, model, lambda: [info.id for info in client.models.list()])
    if hint is not None:
        exc.add_note(hint)
