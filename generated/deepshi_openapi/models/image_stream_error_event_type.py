from typing import Literal

ImageStreamErrorEventType = Literal["error"]

IMAGE_STREAM_ERROR_EVENT_TYPE_VALUES: set[ImageStreamErrorEventType] = {
    "error",
}


def check_image_stream_error_event_type(value: str) -> ImageStreamErrorEventType:
    if value in IMAGE_STREAM_ERROR_EVENT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMAGE_STREAM_ERROR_EVENT_TYPE_VALUES!r}")
