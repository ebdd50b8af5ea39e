"""Contains all the data models used in inputs/outputs"""

from .completion_tokens_details import CompletionTokensDetails
from .cost import Cost
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .image_data import ImageData
from .image_edit_request import ImageEditRequest
from .image_generation_completed_event import ImageGenerationCompletedEvent
from .image_generation_completed_event_type import ImageGenerationCompletedEventType
from .image_generation_request import ImageGenerationRequest
from .image_stream_error_event import ImageStreamErrorEvent
from .image_stream_error_event_type import ImageStreamErrorEventType
from .image_stream_message import ImageStreamMessage
from .images_response import ImagesResponse
from .model import Model
from .model_edit_support import ModelEditSupport
from .model_list import ModelList
from .model_modalities import ModelModalities
from .model_parameter import ModelParameter
from .model_parameters import ModelParameters
from .output_format import OutputFormat
from .prompt_tokens_details import PromptTokensDetails
from .quality import Quality
from .response_format import ResponseFormat
from .usage import Usage

__all__ = (
    "CompletionTokensDetails",
    "Cost",
    "ErrorDetail",
    "ErrorResponse",
    "ImageData",
    "ImageEditRequest",
    "ImageGenerationCompletedEvent",
    "ImageGenerationCompletedEventType",
    "ImageGenerationRequest",
    "ImagesResponse",
    "ImageStreamErrorEvent",
    "ImageStreamErrorEventType",
    "ImageStreamMessage",
    "Model",
    "ModelEditSupport",
    "ModelList",
    "ModelModalities",
    "ModelParameter",
    "ModelParameters",
    "OutputFormat",
    "PromptTokensDetails",
    "Quality",
    "ResponseFormat",
    "Usage",
)
