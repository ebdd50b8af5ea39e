from typing import Literal

Quality = Literal["high", "low", "medium"]

QUALITY_VALUES: set[Quality] = {
    "high",
    "low",
    "medium",
}


def check_quality(value: str) -> Quality:
    if value in QUALITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {QUALITY_VALUES!r}")
