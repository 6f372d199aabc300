"""The embedded mock API, built from the spec: the ASGI app, its data, an in-process transport.

Fault injection (deliberate contract breaks) is `vgcontract.mock.faults`.
"""

import typing as _typing

from vgcontract.faces import lazy_face as _lazy_face

if _typing.TYPE_CHECKING:  # loaded on first use (vgcontract.faces)
    from vgcontract.mock.app import DEFAULT_TOKEN, MockApp, build_app
    from vgcontract.mock.data import ConversationFactory
    from vgcontract.mock.routes import MAX_PAGE, BodyMaker, RouteTable
    from vgcontract.mock.static import static_value
    from vgcontract.mock.transport import InProcessTransport

__getattr__, __dir__ = _lazy_face(__name__, __file__)

__all__ = [
    "DEFAULT_TOKEN",
    "MAX_PAGE",
    "BodyMaker",
    "ConversationFactory",
    "InProcessTransport",
    "MockApp",
    "RouteTable",
    "build_app",
    "static_value",
]
