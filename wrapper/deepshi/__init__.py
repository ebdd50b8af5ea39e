"""deepshi: a typed Python client for the Deepshi image API.

```python
from deepshi import Deepshi

with Deepshi() as client:  # DEEPSHI_API_KEY from the environment
    result = client.images.edit(model="nano-banana-2", prompt="make it snow", image="cabin.png")
    result.save_all("out/")
```
"""

from ._base64 import BACKEND as _BASE64_BACKEND
from ._catalog import ModelCatalog, ModelEditSupport, ModelInfo, ModelModalities, ParameterInfo
from ._catalog_cache import CATALOG_TTL
from ._client import DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncDeepshi, Deepshi
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    DeepshiError,
    InsufficientCreditsError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    StreamError,
    UnprocessableEntityError,
)
from ._logs import setup_logging as _setup_logging
from ._params import ImageEditParams, ImageGenerateParams, OutputFormat, Quality, ResponseFormat
from ._raw import RawResponse
from ._results import CompletionTokensDetails, Cost, GeneratedImage, ImagesResult, PromptTokensDetails, Usage
from ._sse import ImageCompletedEvent, StreamEvent, UnknownStreamEvent
from ._streaming import AsyncImageStream, ImageStream
from ._types import NOT_GIVEN, ImageInput, ImageInputs, NotGiven, TimeoutTypes
from ._version import __version__

__all__ = [
    "CATALOG_TTL",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncDeepshi",
    "AsyncImageStream",
    "AuthenticationError",
    "BadRequestError",
    "CompletionTokensDetails",
    "Cost",
    "Deepshi",
    "DeepshiError",
    "GeneratedImage",
    "ImageCompletedEvent",
    "ImageEditParams",
    "ImageGenerateParams",
    "ImageInput",
    "ImageInputs",
    "ImageStream",
    "ImagesResult",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidRequestError",
    "ModelCatalog",
    "ModelEditSupport",
    "ModelInfo",
    "ModelModalities",
    "NotFoundError",
    "NotGiven",
    "OutputFormat",
    "ParameterInfo",
    "PermissionDeniedError",
    "PromptTokensDetails",
    "Quality",
    "RateLimitError",
    "RawResponse",
    "ResponseFormat",
    "StreamError",
    "StreamEvent",
    "TimeoutTypes",
    "UnknownStreamEvent",
    "UnprocessableEntityError",
    "Usage",
    "__version__",
]

# Show public classes as ``deepshi.X`` in reprs and tracebacks rather than ``deepshi._module.X``.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and _obj.__module__.startswith("deepshi._"):
        _obj.__module__ = "deepshi"
del _name, _obj, _BASE64_BACKEND

_setup_logging()
