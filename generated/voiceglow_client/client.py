"""The clients: ``Client`` and ``AuthenticatedClient``, with the spec's servers as ``REGIONS``.

Everything else (timeouts, retries, the total deadline, the body cap, the token's handling)
is the runtime's (``_runtime.client``, ``_runtime.policy``): ordinary source, tested in
vgcontract and copied here unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs

from ._runtime import client as _runtime
from ._runtime.body import DEFAULT_MAX_RESPONSE_BYTES
from ._runtime.client import DEFAULT_TIMEOUT
from ._runtime.policy import RetryPolicy

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "REGIONS",
    "AuthenticatedClient",
    "Client",
    "RetryPolicy",
]

# The spec's `servers`, by region. The generator does not pass `servers` to templates, so
# they are copied here; vgcontract's tests fail if the two ever disagree.
REGIONS: Mapping[str, str] = {
    "eu": "https://eu-gcp-api.vg-stuff.com/v3",
    "na": "https://na-gcp-api.vg-stuff.com/v3",
}


@attrs.define(repr=False)
class Client(_runtime.Client):
    """A client for endpoints that need no token.

    ``base_url`` (or ``Client.for_region("eu")``), plus keyword options: ``timeout``
    (default 5 s connect, 30 s read), ``retries`` (a ``RetryPolicy`` or a count; default 2),
    ``strict``, ``max_response_bytes``, ``headers``, ``cookies``, ``verify_ssl``,
    ``follow_redirects`` and ``httpx_args`` (passed to ``httpx.Client``/``AsyncClient``).
    """

    regions: ClassVar[Mapping[str, str]] = REGIONS


@attrs.define(repr=False)
class AuthenticatedClient(_runtime.AuthenticatedClient):
    """A client that sends ``Authorization: Bearer <token>`` with every request.

    Takes everything ``Client`` takes, plus ``token`` (required), ``prefix`` (default
    ``"Bearer"``) and ``auth_header_name`` (default ``"Authorization"``). The token is not
    shown by ``repr``/``str`` and is scrubbed from error messages and log lines.
    """

    regions: ClassVar[Mapping[str, str]] = REGIONS
