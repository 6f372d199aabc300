"""The embedded mock of the VoiceGlow API: a plain ASGI app built from the spec at start-up.

Behaviour (documented in the README too):

- `GET {server path}/agents/{agentId}/convos/{convoId}` with `Authorization: Bearer <token>`
  answers 200 with a deterministic, plausible conversation for those IDs (see
  `vgcontract.mock.data`). An example that carries `x-mock-ids` is served verbatim for its
  own IDs (the page's example: `agent123` / `agent123_convo456`).
- No token or a wrong one: 401. The accepted token is `VOICEGLOW_MOCK_TOKEN`, default
  `vg-mock-token`.
- An `agentId` starting with `foreign-` is an agent the token does not own: 403.
  An `agentId` or `convoId` starting with `missing-` does not exist: 404.
- `Prefer: code=NNN` and/or `Prefer: example=NAME` pick a documented response, as
  Stoplight Prism does (after authentication, like Prism's security validation).
- Any other method on the path: 405 with `Allow: GET`; any other path: 404.

Every body is a JSON envelope. Error bodies and headers come from the spec's examples.

With a `FaultPlan` (`vgcontract mock --faults ...`) the mock breaks the contract on purpose;
see `vgcontract.mock.faults` for the catalogue. Body breaks are applied to 200 envelopes,
transport breaks replace 200 answers (`slow` delays every answer), and auth breaks change
who gets in.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson

from vgcontract.errors import InputError
from vgcontract.mock.data import ConversationFactory
from vgcontract.mock.faults import FaultInjector, FaultPlan
from vgcontract.mock.routes import BodyMaker, Route, RouteTable
from vgcontract.spec.load import dereference, load_spec

__all__ = ["DEFAULT_TOKEN", "MockApp", "build_app"]

DEFAULT_TOKEN = "vg-mock-token"  # noqa: S105 - a documented local default, not a secret
FOREIGN_AGENT_PREFIX = "foreign-"
MISSING_PREFIX = "missing-"
_OPERATION_PATH = "/agents/{agentId}/convos/{convoId}"
_JSON = b"application/json"
_HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>Bad Gateway</h1><p>The upstream service is temporarily unavailable.</p></body></html>\n"
)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class _Reply:
    """A canned response: status, extra headers, a pre-serialised body, and (a fault) a delay."""

    __slots__ = ("body", "content_type", "delay", "headers", "status")

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.body = orjson.dumps(body)
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
        self.content_type = _JSON
        self.delay = 0.0

    def altered(
        self, *, status: int | None = None, body: bytes | None = None, content_type: bytes | None = None
    ) -> _Reply:
        """A copy with some parts replaced: cached replies are shared and never mutated."""
        copy = _Reply.__new__(_Reply)
        copy.status = self.status if status is None else status
        copy.body = self.body if body is None else body
        copy.headers = self.headers
        copy.content_type = self.content_type if content_type is None else content_type
        copy.delay = self.delay
        return copy


def _envelope(message: str) -> dict[str, Any]:
    return {"success": False, "message": message}


class MockApp:
    """ASGI application serving every operation in the spec (`vgcontract.mock.routes`). Build it with `build_app`."""

    def __init__(self, spec: dict[str, Any], token: str, *, faults: FaultPlan | None = None, seed: int = 0) -> None:
        resolved = dereference(spec)
        operation = resolved["paths"][_OPERATION_PATH]["get"]
        servers = resolved.get("servers") or [{"url": "/"}]
        self.base_path = urlsplit(servers[0]["url"]).path.rstrip("/")
        self.token = token
        self._routes = RouteTable.from_spec(resolved, self.base_path)
        self._bodies = BodyMaker(seed)
        responses: dict[str, Any] = operation["responses"]
        success_schema = responses["200"]["content"]["application/json"]["schema"]
        self._factory = ConversationFactory(success_schema["properties"]["data"], seed=seed)
        self.faults = FaultInjector(success_schema, faults or FaultPlan())
        self._success_message = "Conversation retrieved successfully"
        # Documented responses by status ("default" stands for 500), and named examples.
        self._by_status: dict[str, _Reply] = {}
        self._by_example: dict[str, _Reply] = {}
        self._pinned: dict[tuple[str, str], _Reply] = {}
        for status, response in responses.items():
            code = 500 if status == "default" else int(status)
            headers = {
                name: str(header.get("example", header.get("schema", {}).get("example", "")))
                for name, header in (response.get("headers") or {}).items()
            }
            media = response.get("content", {}).get("application/json", {})
            for name, example in (media.get("examples") or {}).items():
                reply = _Reply(code, example["value"], headers)
                self._by_example[name] = reply
                self._by_status.setdefault(status, reply)
                ids = example.get("x-mock-ids")
                if isinstance(ids, dict):
                    self._pinned[(str(ids["agentId"]), str(ids["convoId"]))] = reply
        self.example_names = sorted(self._by_example)
        default = self._by_status.get("default")
        self._default_body = orjson.loads(default.body) if default is not None else None
        self._conversation = lru_cache(maxsize=4096)(self._render_conversation)

    def sample_ids(self, count: int) -> tuple[str, tuple[str, ...]]:
        """(agent, conversation IDs) this mock serves: the spec's pinned example first, then synthetic ones."""
        pinned = sorted(self._pinned)
        agent = pinned[0][0] if pinned else "agent123"
        ids = [convo for owner, convo in pinned if owner == agent]
        ids += [f"convo-{n:03d}" for n in range(1, count - len(ids) + 1)]
        return agent, tuple(ids[:count])

    # --- request handling ---------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        reply = self.respond(scope["method"], scope.get("raw_path") or scope["path"].encode(), dict(scope["headers"]))
        if reply.delay:
            await asyncio.sleep(reply.delay)
        length = str(len(reply.body)).encode()
        headers = [(b"content-type", reply.content_type), (b"content-length", length), *reply.headers]
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": reply.body})

    @staticmethod
    async def _lifespan(receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    def respond(self, method: str, raw_path: bytes, headers: dict[bytes, bytes]) -> _Reply:
        """Choose the reply for one request. `raw_path` is still percent-encoded."""
        if not self.faults.plan.modes:
            return self._respond(method, raw_path, headers)
        key = method.encode() + b" " + raw_path
        plan = self.faults.plan
        authorised = headers.get(b"authorization", b"").decode("latin-1") == f"Bearer {self.token}"
        applied = self.faults.applied
        if authorised and plan.selects("auth-401-for-valid", key):
            applied[("auth-401-for-valid", "status 401")] += 1
            reply = self._unauthorised()
        elif not authorised and plan.selects("auth-ignored", key):
            # Serve as if the token were valid: the request goes on to the conversation.
            applied[("auth-ignored", "status 200 without a valid token")] += 1
            reply = self._respond(method, raw_path, {**headers, b"authorization": f"Bearer {self.token}".encode()})
        else:
            reply = self._respond(method, raw_path, headers)
        if reply.status == 200:
            reply = self._break_success(reply, key)
        elif reply.status >= 400 and plan.selects("error-envelope-drift", key):
            applied[("error-envelope-drift", f"status {reply.status}")] += 1
            message = orjson.loads(reply.body).get("message", "error") if reply.body.startswith(b"{") else "error"
            reply = reply.altered(body=orjson.dumps({"error": message}))
        if plan.selects("slow", key):
            applied[("slow", f"answer after {plan.delay:g} s")] += 1
            reply = reply.altered()
            reply.delay = plan.delay
        return reply

    def _break_success(self, reply: _Reply, key: bytes) -> _Reply:
        plan = self.faults.plan
        body = orjson.loads(reply.body)
        if isinstance(body, dict) and self.faults.break_body(body, key):
            reply = reply.altered(body=orjson.dumps(body))
        if plan.selects("json-500", key):
            self.faults.applied[("json-500", "status 500")] += 1
            return reply.altered(status=500, body=orjson.dumps(_envelope("Internal server error")))
        if plan.selects("html-200", key):
            self.faults.applied[("html-200", "content-type text/html")] += 1
            return reply.altered(body=_HTML_PAGE, content_type=b"text/html; charset=utf-8")
        if plan.selects("wrong-content-type", key):
            self.faults.applied[("wrong-content-type", "content-type text/plain")] += 1
            reply = reply.altered(content_type=b"text/plain; charset=utf-8")
        if plan.selects("truncated-body", key):
            self.faults.applied[("truncated-body", "body")] += 1
            reply = reply.altered(body=reply.body[: max(1, len(reply.body) // 2)])
        return reply

    def _unauthorised(self) -> _Reply:
        return self._by_status.get("401") or _Reply(401, _envelope("Unauthorized"))

    def _respond(self, method: str, raw_path: bytes, headers: dict[bytes, bytes]) -> _Reply:
        path, _, query = raw_path.decode("latin-1").partition("?")
        found = self._routes.match(path)
        authorised = headers.get(b"authorization", b"").decode("latin-1") == f"Bearer {self.token}"
        # Authentication comes before routing, as on a real gateway: without a valid token an
        # unknown path is a 401 too, and nothing about the routes leaks.
        needs_token = found[0].bearer.get(method, self._routes.any_bearer) if found else self._routes.any_bearer
        if needs_token and not authorised:
            return self._unauthorised()
        if found is None:
            return _Reply(404, _envelope("Route not found"))
        route, params = found
        if method not in route.operations:
            return _Reply(405, _envelope(f"Method {method} not allowed"), {"Allow": route.allow})
        if route.template != _OPERATION_PATH or method != "GET":
            return self._other(route, method, params, query)
        ids = (params["agentId"], params["convoId"])
        prefer = self._prefer(headers.get(b"prefer", b"").decode("latin-1"))
        if prefer:
            return self._preferred(prefer, ids)
        agent_id, convo_id = ids
        if agent_id.startswith(FOREIGN_AGENT_PREFIX):
            return self._by_status.get("403") or _Reply(403, _envelope("Forbidden"))
        if agent_id.startswith(MISSING_PREFIX) or convo_id.startswith(MISSING_PREFIX):
            return self._by_status.get("404") or _Reply(404, _envelope("Conversation not found"))
        return self._conversation(agent_id, convo_id)

    def _other(self, route: Route, method: str, params: dict[str, str], query: str) -> _Reply:
        """Any other operation: its first documented success, with a body from its own schema."""
        responses = route.operations[method].get("responses") or {}
        status = next((s for s in sorted(responses) if str(s).startswith("2")), None)
        if status is None:
            return _Reply(501, _envelope(f"{method} {route.template} documents no success"))
        media = ((responses[status] or {}).get("content") or {}).get("application/json") or {}
        schema = media.get("schema")
        if not isinstance(schema, dict):
            return _Reply(int(status), {})
        return _Reply(int(status), self._bodies.body(schema, params, query))

    @staticmethod
    def _prefer(header: str) -> dict[str, str]:
        prefs: dict[str, str] = {}
        for item in header.split(","):
            key, sep, value = item.strip().partition("=")
            if sep and key.strip() in {"code", "example"}:
                prefs[key.strip()] = value.strip().strip('"')
        return prefs

    def _preferred(self, prefer: dict[str, str], ids: tuple[str, str]) -> _Reply:
        if "example" in prefer:
            reply = self._by_example.get(prefer["example"])
            if reply is None:
                return _Reply(404, _envelope(f"No example named {prefer['example']!r}; known: {self.example_names}"))
            return reply
        code = prefer["code"]
        if code == "200":
            return self._conversation(*ids)
        reply = self._by_status.get(code)
        if reply is not None:
            return reply
        if code.isdigit() and 400 <= int(code) <= 599 and self._default_body is not None:
            return _Reply(int(code), self._default_body)  # the `default` response covers it
        return _Reply(404, _envelope(f"No documented response with status {code}"))

    def _render_conversation(self, agent_id: str, convo_id: str) -> _Reply:
        pinned = self._pinned.get((agent_id, convo_id))
        if pinned is not None:
            return pinned
        data = self._factory.conversation(agent_id, convo_id)
        return _Reply(200, {"success": True, "message": self._success_message, "data": data})


def build_app(spec_path: Path, token: str | None = None, *, faults: FaultPlan | None = None, seed: int = 0) -> MockApp:
    """Build the mock from a spec file; the token defaults to `VOICEGLOW_MOCK_TOKEN` or `vg-mock-token`.

    `faults` makes it break the contract on purpose; `seed` picks another set of bodies.
    """
    token = token or os.environ.get("VOICEGLOW_MOCK_TOKEN") or DEFAULT_TOKEN
    spec = load_spec(spec_path)
    try:
        return MockApp(spec, token, faults=faults, seed=seed)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{spec_path}: cannot build the mock from this spec ({type(exc).__name__}: {exc})") from None
