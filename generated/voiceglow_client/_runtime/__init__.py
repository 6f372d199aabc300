"""The client's runtime: ordinary, tested source that generation copies into the client unchanged.

Everything here that does not depend on the spec lives here, not in templates, so that it is
linted, type-checked and tested as source; ``vgcontract generate`` copies each module into
``<package>/_runtime/`` byte for byte, and the generated modules import it under private
names. vgcontract's live checks send through the same policy, body reader and path rule.

    scrub       secrets out of text, in every encoding a server may echo them
    policy      the one HTTP policy: what is retried, how long to wait (``RetryPolicy``)
    body        reading a body whole, decompressed, under a cap
    transport   a sync transport whose sockets honour the total deadline
    errors      the client's exception tree and the path-segment rule
    shapes      decoding JSON into models, lenient or strict
    problems    how a shape problem names its place and what it found
    response_types  ``Response``, ``File``, ``UNSET``
    responses   turning an answer into a ``Response`` or a typed error
    attempts    the retry bookkeeping of one call
    client      ``Client`` and ``AuthenticatedClient``

The modules import the standard library, attrs, httpx, httpcore and each other, nothing else
(``tests/test_architecture.py``).
"""

__all__: list[str] = []
