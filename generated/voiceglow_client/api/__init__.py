"""Endpoint functions, by tag, and the response handling they all share.

``build_response`` (the runtime's ``_runtime.responses``) turns a response into either a
``Response`` holding the documented body (a model, a list, a union, a scalar, text or a
file), or a typed error from ``errors``: it is why no server response, however odd, makes
an endpoint raise anything outside ``VoiceglowError``.
"""

from .._runtime.responses import SuccessRange, build_response, status_of

__all__ = ["SuccessRange", "build_response", "status_of"]
