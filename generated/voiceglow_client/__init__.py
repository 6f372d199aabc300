"""A client library for accessing VoiceGlow Conversations API"""

from .client import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, REGIONS, AuthenticatedClient, Client, RetryPolicy
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    ServerError,
    ShapeProblem,
    VoiceglowError,
)

__version__ = "0.2.12"

__all__ = (
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "REGIONS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticatedClient",
    "AuthenticationError",
    "Client",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseShapeError",
    "RetryPolicy",
    "ServerError",
    "ShapeProblem",
    "VoiceglowError",
    "__version__",
)
