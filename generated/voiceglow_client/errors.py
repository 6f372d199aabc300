"""Every error the client raises. One root, so ``except VoiceglowError`` catches them all.

The hierarchy::

    VoiceglowError                   the root: nothing else escapes for any server response
    ├── APIStatusError               a response with a status that is not a documented success
    │   ├── AuthenticationError      401: the token is missing, wrong or expired
    │   ├── PermissionDeniedError    403: the token may not read this agent's conversations
    │   ├── NotFoundError            404: no such agent or conversation
    │   ├── RateLimitError           429: slow down; ``retry_after`` says for how long
    │   └── ServerError              500-599, including non-IANA codes such as 520
    ├── APIConnectionError           no usable response: refused, reset, DNS, TLS, protocol
    │   │                            garbage, a redirect loop
    │   └── APITimeoutError          no complete response in time (connect, headers, 1xx, body, total)
    ├── ResponseShapeError           a response that is not JSON, or not the documented shape
    └── InvalidRequestError          the request cannot be sent: a blank or oversized ID, a bad URL
                                     (also a ``ValueError``)

Other statuses (1xx, 3xx, an undocumented 2xx, any other 4xx, 600 and up) raise
``APIStatusError`` itself. Messages and reprs carry a body excerpt of at most 200
characters, from which the client's own token has been scrubbed; headers are never shown,
and the ones an error keeps (``headers``, ``request_id``) are scrubbed too: a server that
echoes the token in ``X-Request-Id`` does not get it into a log.

They are the runtime's (``_runtime.errors``): ordinary source, tested in vgcontract and
copied here unchanged.
"""

from ._runtime.errors import *  # noqa: F403
from ._runtime.errors import __all__ as __all__
