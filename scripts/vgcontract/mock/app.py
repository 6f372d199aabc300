"""The embedded mock of an API: a plain ASGI app built from the spec at start-up.

Every operation in the spec is served the same way (`vgcontract.mock.operation`); nothing
here names one. Behaviour (documented in the README too):

- A request with `Authorization: Bearer <token>` gets the operation's documented success,
  built from its own schema: deterministic per path parameters and query (see
  `vgcontract.mock.data`). An example carrying `x-mock-ids` is served verbatim for its own
  path parameters (the page's example: `agent123` / `agent123_convo456`).
- No token or a wrong one, where the spec's security asks for one: 401, before routing.
  The accepted token is `VOICEGLOW_MOCK_TOKEN`, default `vg-mock-token`.
- A first path parameter starting with `foreign-` is an owner the token may not see: the
  documented 403. A path parameter starting with `missing-`: the documented 404.
- A write's JSON body is validated against its `requestBody` schema (400/422).
- `Prefer: code=NNN` and/or `Prefer: example=NAME` pick a documented response, as
  Stoplight Prism does (after authentication and request validation, as in Prism).
- An undeclared method: 405 with the spec's `Allow`; any other path: 404.

A spec that marks no operation to fetch is served with Prism's semantics instead: static
examples first, any well-formed credential for every security scheme (unless a token is
configured), requests validated field by field, and Prism's problem documents where the
spec documents no answer (`vgcontract.mock.operation`, `vgcontract.mock.problems`).

With a `FaultPlan` (`vgcontract mock --faults ...`) the mock breaks the contract on purpose;
see `vgcontract.mock.faults` for the catalogue. Body breaks are applied to each operation's
success at its own fields, transport breaks replace successes (`slow` delays every answer),
and auth breaks change who gets in. `FaultPlan.operation` limits them to one operation.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from typing import Any
from urllib.parse import unquote_plus, urlsplit

import orjson

from vgcontract.errors import InputError
from vgcontract.mock.faults import FaultPlan, FaultSet
from vgcontract.mock.operation import MAX_REQUEST_BYTES, MockOperation, Reply, error_body, error_schemas
from vgcontract.mock.problems import problem, unauthorised
from vgcontract.mock.routes import BodyMaker, Route, RouteTable
from vgcontract.mock.security import Alternatives, challenge, satisfied
from vgcontract.spec.model import Spec

__all__ = ["DEFAULT_TOKEN", "MockApp", "build_app"]

DEFAULT_TOKEN = "vg-mock-token"  # noqa: S105 - a documented local default, not a secret
FOREIGN_AGENT_PREFIX = "foreign-"
MISSING_PREFIX = "missing-"
_HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>Bad Gateway</h1><p>The upstream service is temporarily unavailable.</p></body></html>\n"
)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def _selectors(prefer: str, query: str) -> tuple[dict[str, str], str]:
    """What the request asks the mock to answer (code, example, dynamic), and the query without Prism's switches.

    `Prefer: code=404, example=name, dynamic=true` is the standard way; Prism's query
    switches `__code`, `__example` and `__dynamic` are read too, and a `Prefer` wins.
    """
    chosen: dict[str, str] = {}
    kept: list[str] = []
    for pair in query.split("&") if query else ():
        name, _, value = pair.partition("=")
        if name in {"__code", "__example", "__dynamic"}:
            chosen[name[2:]] = unquote_plus(value)
        else:
            kept.append(pair)
    for item in prefer.split(","):
        key, sep, value = item.strip().partition("=")
        if sep and key.strip() in {"code", "example", "dynamic"}:
            chosen[key.strip()] = value.strip().strip('"')
    return chosen, "&".join(kept)


class MockApp:
    """ASGI application serving every operation in the spec (`vgcontract.mock.routes`). Build it with `build_app`."""

    def __init__(
        self, spec: Spec, token: str, *, faults: FaultPlan | None = None, seed: int = 0, own_token: bool | None = None
    ) -> None:
        resolved = spec.inlined()
        servers = resolved.get("servers") or [{"url": "/"}]
        self.base_path = urlsplit(servers[0]["url"]).path.rstrip("/")
        self.token = token
        # A spec that marks the operation to fetch gets the per-ID bodies the contract run and
        # the drift check rely on, and the mock's own token; any other spec, Prism's semantics.
        static_first = not any(operation.fetched for operation in spec.operations)
        self._prism_like = static_first
        own_token = not static_first if own_token is None else own_token
        self.own_token = own_token  # False: any well-formed bearer token meets a bearer requirement
        self._routes = RouteTable.from_spec(resolved, self.base_path, own_token=own_token)
        self._bodies = BodyMaker(seed)
        house_errors = error_schemas(resolved)
        self._house_error = house_errors[0] if house_errors else None
        self.operations: dict[tuple[str, str], MockOperation] = {
            (route.template, method): MockOperation.build(route, method, self._house_error, resolved)
            for route in self._routes.routes
            for method in route.operations
        }
        for operation in self.operations.values():
            operation.static_first = static_first
        self.faults = FaultSet(faults or FaultPlan(), self.operations.values())
        self.example_names = sorted({name for op in self.operations.values() for name in op.by_example})
        self._success = lru_cache(maxsize=4096)(self._render_success)

    def sample_ids(self, count: int) -> tuple[str, tuple[str, ...]]:
        """(agent, conversation IDs) this mock serves: the spec's pinned examples first, then synthetic ones.

        An example's `x-mock-ids` names the owner first and the record last (`agentId`, `convoId`).
        """
        pinned = sorted(ids for op in self.operations.values() for ids in op.pinned if len(ids) >= 2)
        agent = pinned[0][0] if pinned else "agent123"
        ids = list(dict.fromkeys(ids[-1] for ids in pinned if ids[0] == agent))
        ids += [f"convo-{n:03d}" for n in range(1, count - len(ids) + 1)]
        return agent, tuple(ids[:count])

    # --- request handling ---------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = await self._read_body(receive)
        path = scope.get("raw_path") or scope["path"].encode()
        if scope.get("query_string"):
            path = path.split(b"?", 1)[0] + b"?" + scope["query_string"]
        reply = self.respond(scope["method"], path, dict(scope["headers"]), body)
        if reply.delay:
            await asyncio.sleep(reply.delay)
        length = str(len(reply.body)).encode()
        typed = [(b"content-type", reply.content_type)] if reply.content_type else []
        headers = [*typed, (b"content-length", length), *reply.headers]
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send({"type": "http.response.body", "body": reply.body})

    @staticmethod
    async def _read_body(receive: Receive) -> bytes:
        """The request body, up to one byte past the cap (the operation says what is too large)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            if size <= MAX_REQUEST_BYTES:
                chunks.append(chunk)
                size += len(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    @staticmethod
    async def _lifespan(receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    def respond(self, method: str, raw_path: bytes, headers: dict[bytes, bytes], body: bytes = b"") -> Reply:
        """Choose the reply for one request. `raw_path` is still percent-encoded."""
        if not self.faults.plan.modes:
            return self._respond(method, raw_path, headers, body)
        key = method.encode() + b" " + raw_path
        path = raw_path.split(b"?", 1)[0].decode("latin-1")
        found = self._routes.match(path)
        operation = self.operations.get((found[0].template, method)) if found else None
        if not self.faults.targets(operation):
            return self._respond(method, raw_path, headers, body)
        plan, applied = self.faults.plan, self.faults.applied
        authorised = headers.get(b"authorization", b"").decode("latin-1") == f"Bearer {self.token}"
        if authorised and plan.selects("auth-401-for-valid", key):
            applied[("auth-401-for-valid", "status 401")] += 1
            reply = self._unauthorised(operation)
        elif not authorised and plan.selects("auth-ignored", key):
            # Serve as if the token were valid: the request goes on to the operation.
            applied[("auth-ignored", "status 200 without a valid token")] += 1
            valid = {**headers, b"authorization": f"Bearer {self.token}".encode()}
            reply = self._respond(method, raw_path, valid, body)
        else:
            reply = self._respond(method, raw_path, headers, body)
        if operation is not None and reply.status == operation.success:
            reply = self._break_success(operation, reply, key)
        elif reply.status >= 400 and plan.selects("error-envelope-drift", key):
            applied[("error-envelope-drift", f"status {reply.status}")] += 1
            message = orjson.loads(reply.body).get("message", "error") if reply.body.startswith(b"{") else "error"
            reply = reply.altered(body=orjson.dumps({"error": message}))
        if plan.selects("slow", key):
            applied[("slow", f"answer after {plan.delay:g} s")] += 1
            reply = reply.altered()
            reply.delay = plan.delay
        return reply

    def _break_success(self, operation: MockOperation, reply: Reply, key: bytes) -> Reply:
        plan, applied = self.faults.plan, self.faults.applied
        body = orjson.loads(reply.body)
        if isinstance(body, dict) and self.faults.injector(operation).break_body(body, key):
            reply = reply.altered(body=orjson.dumps(body))
        if plan.selects("json-500", key):
            applied[("json-500", "status 500")] += 1
            return reply.altered(status=500, body=operation.error(500, "Internal server error").body)
        if plan.selects("html-200", key):
            applied[("html-200", "content-type text/html")] += 1
            return reply.altered(body=_HTML_PAGE, content_type=b"text/html; charset=utf-8")
        if plan.selects("wrong-content-type", key):
            applied[("wrong-content-type", "content-type text/plain")] += 1
            reply = reply.altered(content_type=b"text/plain; charset=utf-8")
        if plan.selects("truncated-body", key):
            applied[("truncated-body", "body")] += 1
            reply = reply.altered(body=reply.body[: max(1, len(reply.body) // 2)])
        return reply

    def _unauthorised(self, operation: MockOperation | None) -> Reply:
        if operation is not None:
            return operation.error(401, "Unauthorized")
        documented = next((op.by_status["401"] for op in self.operations.values() if "401" in op.by_status), None)
        return documented or Reply(401, error_body(self._house_error, "Unauthorized"))

    def _challenged(self, operation: MockOperation, needed: Alternatives, headers: dict[bytes, bytes]) -> Reply:
        """401 for a request that meets no alternative of a (non-bearer) requirement."""
        value = challenge(needed, headers)
        extra = {"WWW-Authenticate": value} if value else {}
        if operation.documents(401):
            return operation.error(401, "Unauthorized").with_headers(extra)
        return unauthorised(value)

    def _not_routed(self, method: str, path: str, route: Route | None) -> Reply:
        """404 for a path no route matches, 405 for a method its route does not declare."""
        if route is None:
            if self._house_error is not None and not self._prism_like:
                return Reply(404, error_body(self._house_error, "Route not found"))
            return problem("NO_PATH_MATCHED_ERROR", f"The route {path} hasn't been found in the specification file")
        if self._house_error is not None and not self._prism_like:
            message = f"Method {method} not allowed"
            return Reply(405, error_body(self._house_error, message), {"Allow": route.allow})
        detail = f'The route {path} has been matched, but it does not have "{method}" method defined'
        return problem("NO_METHOD_MATCHED_ERROR", detail, headers={"Allow": route.allow})

    def _respond(self, method: str, raw_path: bytes, headers: dict[bytes, bytes], body: bytes = b"") -> Reply:
        path, _, query = raw_path.decode("latin-1").partition("?")
        selectors, query = _selectors(headers.get(b"prefer", b"").decode("latin-1"), query)
        found = self._routes.match(path)
        operation = self.operations.get((found[0].template, method)) if found else None
        authorised = headers.get(b"authorization", b"").decode("latin-1") == f"Bearer {self.token}"
        # Authentication comes before routing, as on a real gateway: without a valid token an
        # unknown path is a 401 too, and nothing about the routes leaks.
        needs_token = found[0].bearer.get(method, self._routes.any_bearer) if found else self._routes.any_bearer
        if needs_token and not authorised:
            return self._unauthorised(operation)
        if found is None:
            return self._not_routed(method, path, None)
        route, params = found
        if not self._prism_like and not all(params.values()):
            return self._not_routed(method, path, None)  # the spec's own API: an empty ID names nothing
        needed = route.security.get(method)
        if operation is not None and needed and not satisfied(needed, headers, query):
            return self._challenged(operation, needed, headers)
        if operation is None:
            return self._not_routed(method, path, route)
        values = list(params.values())
        if not selectors and values and values[0].startswith(FOREIGN_AGENT_PREFIX) and operation.documents(403):
            return operation.error(403, "Forbidden")
        if not selectors and any(v.startswith(MISSING_PREFIX) for v in values) and operation.documents(404):
            return operation.error(404, "Not found")
        violations = operation.parameters.problems(params, query, headers)
        refusal = operation.request_refusal(body, headers.get(b"content-type", b"").decode("latin-1"))
        if violations or refusal is not None:
            # As Prism: a chosen example still answers when the chosen code is a bad request's.
            example = selectors.get("example") if selectors.get("code") in {"400", "415", "422"} else None
            return operation.invalid_request(violations, refusal, example)
        accept = headers.get(b"accept", b"").decode("latin-1")
        if selectors:
            return self._preferred(operation, selectors, params, query, accept)
        media_type = operation.negotiate(accept)
        if media_type is None:
            return operation.not_acceptable(accept)
        return self._success(route.template, method, tuple(params.items()), query, False, media_type)

    def _preferred(
        self, operation: MockOperation, prefer: dict[str, str], params: dict[str, str], query: str, accept: str
    ) -> Reply:
        dynamic = prefer.get("dynamic", "").lower() == "true"
        example = prefer.get("example")
        code = prefer.get("code")
        if code is not None and not (code.isdigit() and len(code) == 3):
            return problem("NOT_FOUND", f"Requested status code {code} is not defined in the document.")
        if code is None or int(code) == operation.success:
            if example is None and operation.success is not None:
                media_type = operation.negotiate(accept)
                if media_type is None:
                    return operation.not_acceptable(accept)
                return self._success(operation.route.template, operation.method, tuple(params.items()), query,
                                     dynamic, media_type)  # fmt: skip
            status = operation.success or 200
        else:
            status = int(code)
        reply = operation.documented(status, accept=accept, example=example, dynamic=dynamic, bodies=self._bodies)
        if reply.status == 404 and code is None and example is not None and example in operation.by_example:
            return operation.by_example[example]  # an example of another status, named alone
        return reply

    def _render_success(  # noqa: PLR0917 -- the cache key: every part of the request that shapes the answer
        self,
        template: str,
        method: str,
        params: tuple[tuple[str, str], ...],
        query: str,
        dynamic: bool = False,
        media_type: str = "",
    ) -> Reply:
        operation = self.operations[(template, method)]
        return operation.success_reply(self._bodies, dict(params), query, dynamic=dynamic, media_type=media_type)


def build_app(
    spec: Spec,
    token: str | None = None,
    *,
    faults: FaultPlan | None = None,
    seed: int = 0,
    own_token: bool | None = None,
) -> MockApp:
    """Build the mock from the spec; the token defaults to `VOICEGLOW_MOCK_TOKEN` or `vg-mock-token`.

    `faults` makes it break the contract on purpose; `seed` picks another set of bodies.
    Where the spec asks for bearer tokens alone, only the mock's token passes when the spec
    marks the operation to fetch, when a token is given (here or in the environment) or
    when `own_token` says so; otherwise any well-formed bearer token does, as in Prism.
    """
    chosen = token or os.environ.get("VOICEGLOW_MOCK_TOKEN")
    if own_token is None and chosen is not None:
        own_token = True
    try:
        return MockApp(spec, chosen or DEFAULT_TOKEN, faults=faults, seed=seed, own_token=own_token)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{spec.source}: cannot build the mock from this spec ({type(exc).__name__}: {exc})") from None
