"""The embedded mock API, built from the spec: the ASGI app, its data, an in-process transport.

Fault injection (deliberate contract breaks) is `vgcontract.mock.faults`.
"""

from vgcontract.mock.app import DEFAULT_TOKEN, MockApp, build_app
from vgcontract.mock.data import ConversationFactory
from vgcontract.mock.routes import MAX_PAGE, BodyMaker, RouteTable
from vgcontract.mock.static import static_value
from vgcontract.mock.transport import InProcessTransport

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
