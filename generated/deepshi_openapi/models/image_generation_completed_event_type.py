from typing import Literal

ImageGenerationCompletedEventType = Literal["image_generation.completed"]

IMAGE_GENERATION_COMPLETED_EVENT_TYPE_VALUES: set[ImageGenerationCompletedEventType] = {
    "image_generation.completed",
}


def check_image_generation_completed_event_type(value: str) -> ImageGenerationCompletedEventType:
    if value in IMAGE_GENERATION_COMPLETED_EVENT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMAGE_GENERATION_COMPLETED_EVENT_TYPE_VALUES!r}")
