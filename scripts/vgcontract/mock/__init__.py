"""The embedded mock API, built from the spec: the ASGI app, its data, an in-process transport.

Fault injection (deliberate contract breaks) is `vgcontract.mock.faults`.
"""

from vgcontract.mock.app import DEFAULT_TOKEN, MockApp, build_app
from vgcontract.mock.data import ConversationFactory
from vgcontract.mock.transport import InProcessTransport

__all__ = ["DEFAULT_TOKEN", "ConversationFactory", "InProcessTransport", "MockApp", "build_app"]
