"""Hypothesis strategies for invalid facade calls: a valid call for a catalog model, with exactly one mistake.

Each :class:`InvalidCall` knows its mistake's category and the argument it concerns (the
``culprit``), which the error message must name. The valid background is built from the model
catalog (allowed values, bounds, edit cap, prompt length), so the one mistake is the only thing
wrong. Mistakes the spec alone catches are tried with and without the model-aware preflight
(``validate=False``); those only the catalog can see keep it on.

Every strategy is built once (per model parameter at most): building strategies inside each
example, filters on fresh lambdas especially, costs more than the call under test.
"""

from __future__ import annotations

import functools
import io
import keyword
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from deepshi import ModelInfo
from deepshi._catalog import ParameterInfo
from deepshi._sniff import sniff
from deepshi._spec import request_bodies, request_fields
from tests.images import encoded

MODES = ("sync", "async", "stream", "async stream")
# The request fields and their kinds, from the spec's request schemas (edit and generate share them).
_FIELDS = {field.wire: field for _, schema in request_bodies().values() for field in request_fields(schema)}
STRING_ARGS = tuple(name for name, field in _FIELDS.items() if field.json_type == "string")
INTEGER_ARGS = tuple(name for name, field in _FIELDS.items() if field.json_type == "integer")
NON_EMPTY_ARGS = tuple(name for name in STRING_ARGS if _FIELDS[name].schema.get("minLength", 0) >= 1)
ENUMS = {name: tuple(field.schema["enum"]) for name, field in _FIELDS.items() if "enum" in field.schema}
MODEL_SPECIFIC = tuple(name for name, field in _FIELDS.items() if field.model_specific)
FILES = next(field for field in _FIELDS.values() if field.is_files)
SIGNATURE = frozenset({*(field.name for field in _FIELDS.values()), "extra_body", "timeout", "validate"})
EDIT_ONLY = ("bad image", "more images than the model takes")
CATALOG_LEVEL = (
    "value the model does not allow",
    "field the model does not take",
    "more images than the model takes",
    "prompt longer than the model takes",
)
SPEC_LEVEL = (
    "wrong type",
    "empty string",
    "out of range",
    "NaN or negative size",
    "unknown enum value",
    "unknown argument",
    "missing argument",
    "bad timeout",
    "bad extra_body",
    "bad image",
)
CATEGORIES = (*SPEC_LEVEL, *CATALOG_LEVEL)


@dataclass(frozen=True)
class InvalidCall:
    """One call that must be refused before anything is sent."""

    category: str
    culprit: str
    operation: str
    mode: str
    kwargs: dict[str, Any] = field(repr=False)

    def __repr__(self) -> str:
        shown = {k: _short(v) for k, v in self.kwargs.items()}
        return f"InvalidCall({self.category}: {self.operation} {self.mode}, culprit={self.culprit!r}, {shown})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:60]}...({len(text)} chars)"


@dataclass
class Inputs:
    """Real things on disk and in memory the strategies pick from (made once per test)."""

    valid: list[Any]
    directory: Path
    missing: Path
    closed: list[Any]
    text_mode: list[Any]

    @classmethod
    def make(cls, folder: Path) -> Inputs:
        png, jpeg, webp = encoded("PNG"), encoded("JPEG"), encoded("WEBP")
        for name, data in (("a.png", png), ("b.jpg", jpeg), ("c.webp", webp)):
            (folder / name).write_bytes(data)
        closed_file = (folder / "a.png").open("rb")
        closed_file.close()
        closed_buffer = io.BytesIO(png)
        closed_buffer.close()
        (folder / "text.txt").write_text("not binary")
        return cls(
            valid=[
                png,
                jpeg,
                webp,
                bytearray(png),
                memoryview(jpeg),
                str(folder / "a.png"),
                folder / "b.jpg",
                ("named.webp", webp),
                ("named.png", png, "image/png"),
                ("stream.jpg", io.BytesIO(jpeg)),
                io.BytesIO(webp),
            ],
            directory=folder,
            missing=folder / "missing.png",
            closed=[closed_file, closed_buffer, ("closed.png", closed_buffer)],
            text_mode=[(folder / "text.txt").open("r", encoding="utf-8"), io.StringIO("text")],
        )

    def close(self) -> None:
        for handle in self.text_mode:
            handle.close()


# -- strategies built once ------------------------------------------------------------------------


def _not_in(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.text(max_size=12).filter(lambda text: text not in values)


SEEDS = st.integers(0, 2**32 - 1)
_floats = st.floats(allow_nan=True, allow_infinity=True)
_junk = st.one_of(
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.binary(max_size=8),
    st.just(object()),
    st.sets(st.integers(), max_size=2),
)
WRONG_TYPE_VALUES = {
    "string": st.one_of(st.integers(), _floats, st.booleans(), _junk),
    "integer": st.one_of(_floats, st.booleans(), st.text(max_size=5), _junk),
    "boolean": st.one_of(st.integers(), _floats, st.text(max_size=5), _junk),
}
WRONG_TYPE_ARGS = st.sampled_from((*STRING_ARGS, *INTEGER_ARGS, "stream"))
NAN_OR_NEGATIVE = st.sampled_from([math.nan, math.inf, -math.inf]) | st.floats(max_value=-1e-9, allow_nan=False)
NOT_IN_ENUM: dict[str, st.SearchStrategy[str]] = {name: _not_in(values) for name, values in ENUMS.items()}
NOT_IMAGE_BYTES = st.binary(max_size=48).filter(lambda data: sniff(data[:16]) is None)
UNKNOWN_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,14}", fullmatch=True).filter(
    lambda name: name not in SIGNATURE and not keyword.iskeyword(name)
)
BAD_TIMEOUTS = st.one_of(
    st.text(max_size=5),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    NAN_OR_NEGATIVE,
    st.integers(max_value=-1),
)
SHADOWED_KEYS = st.sampled_from(sorted(SIGNATURE - {"extra_body", "timeout", "validate"}))
NOT_JSON = st.sampled_from([object(), {1, 2}, b"raw", 1j])
NOT_A_MAPPING = st.lists(st.integers(), max_size=2) | st.text(max_size=4) | st.integers()
NOT_A_STRING_KEY = st.integers() | st.none()
NOT_AN_INPUT = st.one_of(st.integers(), _floats, st.booleans(), st.none(), st.just(object()), st.just({"a": 1}))
WRONG_DECLARED_TYPE = st.sampled_from(["image/jpeg", "image/gif", "text/plain"])
VALID_SIZE = st.integers(1, 4096)
SOME_TEXT = st.text(min_size=1, max_size=8)


@functools.cache
def _disallowed(allowed: tuple[Any, ...], name: str) -> st.SearchStrategy[Any]:
    if name == "n":
        return st.sampled_from([n for n in range(1, 5) if n not in allowed])
    return st.text(min_size=1, max_size=10).filter(lambda value: value not in allowed)


@functools.cache
def _outside(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(1, low - 1) | st.integers(high + 1, high * 4)


# -- the valid background --------------------------------------------------------------------------


def _valid_value(rng: random.Random, parameter: ParameterInfo) -> Any:
    """A value the model accepts for ``parameter`` (``NOTHING`` when its schema says too little)."""
    if parameter.allowed_values:
        return rng.choice(list(parameter.allowed_values))
    if parameter.type == "integer":
        low = int(parameter.minimum) if parameter.minimum is not None else 0
        high = int(parameter.maximum) if parameter.maximum is not None else 2**31
        return rng.randint(low, high)
    return NOTHING


NOTHING = object()
PROMPT_WORDS = ("make", "it", "night", "snow", "on the roof", "ünïcødé", "漢字", "🙂", "a", "cat")


def _background(seed: int, model: ModelInfo, inputs: Inputs, operation: str) -> dict[str, Any]:
    """A valid call for ``model``, from one drawn seed.

    The background is made with ``random.Random(seed)`` rather than one hypothesis draw per
    choice: drawing is most of the cost of an example, and the mistake (drawn by hypothesis,
    so it shrinks) is what matters.
    """
    rng = random.Random(seed)
    prompt = " ".join(rng.choice(PROMPT_WORDS) for _ in range(rng.randint(1, 6)))
    kwargs: dict[str, Any] = {"model": model.id, "prompt": prompt[: model.prompt_max_length or 32000]}
    for name, parameter in sorted(model.accepted.items()):
        value = _valid_value(rng, parameter)
        if value is not NOTHING and rng.random() < 0.5:
            kwargs[name] = value
    if rng.random() < 0.5:
        kwargs["response_format"] = rng.choice(ENUMS["response_format"])
    if operation == "edit":
        if rng.random() < 0.5:
            kwargs["image"] = rng.choice(inputs.valid)
        else:
            cap = min(model.max_images or 14, 4)
            kwargs["image"] = [rng.choice(inputs.valid) for _ in range(rng.randint(1, cap))]
    return kwargs


# -- the mistakes ----------------------------------------------------------------------------------

Mistake = Callable[[st.DrawFn, dict[str, Any], ModelInfo], str]
"""Changes the kwargs in place (one mistake) and returns the culprit's name."""


def _wrong_type(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    name = draw(WRONG_TYPE_ARGS)
    kind = "string" if name in STRING_ARGS else "integer" if name in INTEGER_ARGS else "boolean"
    kwargs[name] = draw(WRONG_TYPE_VALUES[kind])
    return name


def _empty_string(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    name = draw(st.sampled_from(NON_EMPTY_ARGS))
    kwargs[name] = ""
    return name


def _out_of_range(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    name = draw(st.sampled_from(("n", "width", "height")))
    low_or_high = draw(st.booleans()) and name == "n"
    kwargs[name] = draw(st.integers(min_value=5)) if low_or_high else draw(st.integers(max_value=0))
    return name


def _nan_or_negative_size(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    name = draw(st.sampled_from(("width", "height", "n", "seed")))
    kwargs[name] = draw(NAN_OR_NEGATIVE)
    return name


def _unknown_enum(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    name = draw(st.sampled_from(sorted(ENUMS)))
    kwargs[name] = draw(NOT_IN_ENUM[name])
    return name


def _unknown_argument(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    # `image` is unknown to generate(); any other name to both methods.
    name = "image" if "image" not in kwargs and draw(st.booleans()) else draw(UNKNOWN_NAMES)
    kwargs[name] = draw(SEEDS)
    return name


def _missing_argument(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    name = draw(st.sampled_from([n for n in ("model", "prompt", "image") if n in kwargs]))
    del kwargs[name]
    return name


def _bad_timeout(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    kwargs["timeout"] = draw(BAD_TIMEOUTS)
    return "timeout"


def _bad_extra_body(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        kwargs["extra_body"] = draw(NOT_A_MAPPING)
    elif choice == 1:
        # `image` names an argument of edits only; for a generation it is just another extra field
        keys = SHADOWED_KEYS if "image" in kwargs else SHADOWED_KEYS.filter(lambda key: key != "image")
        kwargs["extra_body"] = {draw(keys): 1}
    elif choice == 2:
        kwargs["extra_body"] = {"note": draw(NOT_JSON)}
    else:
        kwargs["extra_body"] = {draw(NOT_A_STRING_KEY): "value"}
    return "extra_body"


def _bad_image_value(draw: st.DrawFn, inputs: Inputs, choice: int) -> Any:
    if choice == 2:
        data = draw(NOT_IMAGE_BYTES)
        return [data, bytearray(data), memoryview(data), io.BytesIO(data), ("x.png", data)][draw(st.integers(0, 4))]
    if choice == 3:
        return draw(st.sampled_from(inputs.closed))
    if choice == 4:
        return draw(st.sampled_from([inputs.directory, str(inputs.directory)]))
    if choice == 5:
        return draw(st.sampled_from([inputs.missing, str(inputs.missing)]))
    if choice == 6:
        return draw(st.sampled_from(inputs.text_mode))
    if choice == 7:
        return draw(NOT_AN_INPUT)
    if choice == 8:
        return ("x.png", encoded("PNG"), draw(WRONG_DECLARED_TYPE))
    return [[encoded("PNG")]]  # a nested list is not an input


def _image_mistake(inputs: Inputs) -> Mistake:
    def mistake(draw: st.DrawFn, kwargs: dict[str, Any], _model: ModelInfo) -> str:
        choice = draw(st.integers(0, 9))
        if choice == 0:
            kwargs["image"] = draw(st.sampled_from([[], ()]))
        elif choice == 1:
            kwargs["image"] = [inputs.valid[0]] * draw(st.integers(15, 40))
        else:
            bad = _bad_image_value(draw, inputs, choice)
            current = kwargs["image"]
            if isinstance(current, list) and draw(st.booleans()):
                position = draw(st.integers(0, len(current)))
                kwargs["image"] = [*current[:position], bad, *current[position:]]
            else:
                kwargs["image"] = bad
        return "image"

    return mistake


def _narrower_than_spec(name: str, parameter: ParameterInfo) -> bool:
    """Whether the model accepts fewer values of ``name`` than the spec (so the catalog alone can refuse one)."""
    if name in ENUMS:
        return False
    if parameter.allowed_values:
        return name != "n" or len(parameter.allowed_values) < 4
    return parameter.type == "integer" and name != "n" and parameter.minimum is not None and parameter.minimum > 1


def _not_allowed_by_model(draw: st.DrawFn, kwargs: dict[str, Any], model: ModelInfo) -> str:
    name = draw(st.sampled_from(sorted(n for n, p in model.accepted.items() if _narrower_than_spec(n, p))))
    parameter = model.accepted[name]
    if parameter.allowed_values:
        kwargs[name] = draw(_disallowed(tuple(parameter.allowed_values), name))
    else:
        kwargs[name] = draw(_outside(int(parameter.minimum or 1), int(parameter.maximum or 2**31)))
    return name


def _not_taken_by_model(draw: st.DrawFn, kwargs: dict[str, Any], model: ModelInfo) -> str:
    name = draw(st.sampled_from([n for n in MODEL_SPECIFIC if n not in model.accepted]))
    if name in ("width", "height"):
        kwargs[name] = draw(VALID_SIZE)
    elif name == "quality":
        kwargs[name] = draw(st.sampled_from(ENUMS["quality"]))
    else:
        kwargs[name] = draw(SOME_TEXT)
    return name


def _too_many_for_model(inputs: Inputs) -> Mistake:
    def mistake(draw: st.DrawFn, kwargs: dict[str, Any], model: ModelInfo) -> str:
        assert model.max_images is not None
        count = draw(st.integers(model.max_images + 1, 14))
        kwargs["image"] = [inputs.valid[i % len(inputs.valid)] for i in range(count)]
        return "image"

    return mistake


def _huge_prompt(draw: st.DrawFn, kwargs: dict[str, Any], model: ModelInfo) -> str:
    assert model.prompt_max_length is not None
    length = draw(st.integers(model.prompt_max_length + 1, max(100_000, model.prompt_max_length * 3)))
    kwargs["prompt"] = draw(st.sampled_from("xé漢")) * length
    return "prompt"


def _eligible(category: str, models: Sequence[ModelInfo], operation_models: Sequence[ModelInfo]) -> list[ModelInfo]:
    if category == "value the model does not allow":
        return [m for m in models if any(_narrower_than_spec(n, p) for n, p in m.accepted.items())]
    if category == "field the model does not take":
        return [m for m in models if any(n not in m.accepted for n in MODEL_SPECIFIC)]
    if category == "more images than the model takes":
        return [m for m in operation_models if m.max_images is not None and m.max_images < 14]
    if category == "prompt longer than the model takes":
        return [m for m in models if m.prompt_max_length is not None]
    return list(models)


def invalid_calls(models: Sequence[ModelInfo], inputs: Inputs) -> st.SearchStrategy[InvalidCall]:
    """Invalid calls: a category, an operation and mode, a model, a valid background and one mistake."""
    mistakes: dict[str, Mistake] = {
        "wrong type": _wrong_type,
        "empty string": _empty_string,
        "out of range": _out_of_range,
        "NaN or negative size": _nan_or_negative_size,
        "unknown enum value": _unknown_enum,
        "unknown argument": _unknown_argument,
        "missing argument": _missing_argument,
        "bad timeout": _bad_timeout,
        "bad extra_body": _bad_extra_body,
        "bad image": _image_mistake(inputs),
        "value the model does not allow": _not_allowed_by_model,
        "field the model does not take": _not_taken_by_model,
        "more images than the model takes": _too_many_for_model(inputs),
        "prompt longer than the model takes": _huge_prompt,
    }
    assert tuple(mistakes) == CATEGORIES
    editors = [m for m in models if m.edit_supported]
    eligible = {
        (category, operation): st.sampled_from(
            _eligible(category, models if operation == "generate" else editors, editors)
        )
        for category in CATEGORIES
        for operation in ("edit", "generate")
    }
    categories = st.sampled_from(CATEGORIES)
    operations = st.sampled_from(("edit", "generate"))
    modes = st.sampled_from(MODES)
    validate_spec = st.sampled_from([None, True, False])
    validate_catalog = st.sampled_from([None, True])

    @st.composite
    def one(draw: st.DrawFn) -> InvalidCall:
        category = draw(categories)
        operation = "edit" if category in EDIT_ONLY else draw(operations)
        mode = draw(modes)
        model = draw(eligible[category, operation])
        kwargs = _background(draw(SEEDS), model, inputs, operation)
        culprit = mistakes[category](draw, kwargs, model)
        validate = draw(validate_catalog if category in CATALOG_LEVEL else validate_spec)
        if validate is not None:
            kwargs["validate"] = validate
        if mode in ("stream", "async stream") and "stream" not in kwargs:
            kwargs["stream"] = True
        return InvalidCall(category, culprit, operation, mode, kwargs)

    return one()
