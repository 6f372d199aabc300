"""The mock enforces every kind of security scheme a spec declares, as Prism does.

A credential counts when it is present and well formed (a mock knows no real secrets).
Without one, the answer is 401 with `WWW-Authenticate` naming the HTTP schemes that would
do, and the operation's documented 401 body when it has one. A requirement of bearer
tokens alone takes any token too, unless the mock is given one of its own.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest

from tests.yaml_text import dump_yaml
from vgcontract.mock import build_app
from vgcontract.spec import load_spec

SCHEMES = {
    "basic": {"type": "http", "scheme": "basic"},
    "digest": {"type": "http", "scheme": "digest"},
    "header_key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
    "query_key": {"type": "apiKey", "in": "query", "name": "key"},
    "cookie_key": {"type": "apiKey", "in": "cookie", "name": "session"},
    "oauth": {
        "type": "oauth2",
        "flows": {"clientCredentials": {"tokenUrl": "https://auth.example/token", "scopes": {}}},
    },
    "bearer": {"type": "http", "scheme": "bearer"},
}
BASIC = "Basic " + base64.b64encode(b"user:secret").decode()
DIGEST = 'Digest username="u", realm="r", nonce="n", uri="/things", response="x"'


def _app(
    tmp_path: Path, security: list[dict[str, list[str]]], responses: dict[str, Any] | None = None, **options: Any
) -> Any:
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "secured", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "security": security,
                    "responses": responses or {"200": {"description": "ok"}},
                }
            }
        },
        "components": {"securitySchemes": SCHEMES},
    }
    path = tmp_path / "secured.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    return build_app(load_spec(path), **options)


@pytest.mark.parametrize(
    ("scheme", "headers", "query", "challenge"),
    [
        ("basic", {b"authorization": BASIC.encode()}, "", 'Basic realm="*"'),
        ("digest", {b"authorization": DIGEST.encode()}, "", 'Digest realm="*", nonce="abc123"'),
        ("header_key", {b"x-api-key": b"k"}, "", None),
        ("query_key", {}, "key=k", None),
        ("cookie_key", {b"cookie": b"session=abc; other=1"}, "", None),
        ("oauth", {b"authorization": b"Bearer anything"}, "", "OAuth2"),
    ],
)
def test_each_scheme_is_met_by_its_credential_and_refused_without_it(
    scheme: str, headers: dict[bytes, bytes], query: str, challenge: str | None, tmp_path: Path
) -> None:
    app = _app(tmp_path, [{scheme: []}])
    path = b"/things" + (b"?" + query.encode() if query else b"")
    assert app.respond("GET", path, dict(headers)).status == 200
    refused = app.respond("GET", b"/things", {})
    assert refused.status == 401
    sent = dict(refused.headers)
    assert sent.get(b"www-authenticate", b"").decode() == (challenge or "")
    if challenge is None:
        assert b"www-authenticate" not in sent


@pytest.mark.parametrize(
    "authorization", [b"Basic not-base64!", b"Basic " + base64.b64encode(b"no-colon"), b"Bearer x"]
)
def test_a_malformed_basic_credential_is_refused(authorization: bytes, tmp_path: Path) -> None:
    app = _app(tmp_path, [{"basic": []}])
    assert app.respond("GET", b"/things", {b"authorization": authorization}).status == 401


def test_one_alternative_met_is_enough_and_every_scheme_of_it_is_needed(tmp_path: Path) -> None:
    app = _app(tmp_path, [{"header_key": [], "query_key": []}, {"basic": []}])
    assert app.respond("GET", b"/things?key=k", {b"x-api-key": b"k"}).status == 200
    assert app.respond("GET", b"/things", {b"authorization": BASIC.encode()}).status == 200
    assert app.respond("GET", b"/things?key=k", {}).status == 401  # half of the first alternative


def test_the_documented_401_body_is_sent_with_the_challenge(tmp_path: Path) -> None:
    responses = {
        "200": {"description": "ok"},
        "401": {"description": "no", "content": {"application/json": {"example": {"error": "who are you?"}}}},
    }
    refused = _app(tmp_path, [{"basic": []}], responses).respond("GET", b"/things", {})
    assert (refused.status, refused.body) == (401, b'{"error":"who are you?"}')
    assert dict(refused.headers)[b"www-authenticate"] == b'Basic realm="*"'


def test_an_undocumented_401_is_a_problem_document(tmp_path: Path) -> None:
    refused = _app(tmp_path, [{"cookie_key": []}]).respond("GET", b"/things", {})
    assert refused.content_type == b"application/problem+json"
    assert b'"status":401' in refused.body


def test_anonymous_access_among_the_alternatives_needs_nothing(tmp_path: Path) -> None:
    assert _app(tmp_path, [{"basic": []}, {}]).respond("GET", b"/things", {}).status == 200


def test_a_bearer_only_requirement_takes_any_token_unless_one_is_configured(tmp_path: Path) -> None:
    app = _app(tmp_path, [{"bearer": []}])
    assert app.respond("GET", b"/things", {b"authorization": b"Bearer someone-else"}).status == 200
    assert app.respond("GET", b"/things", {b"authorization": b"Bearer "}).status == 401
    assert app.respond("GET", b"/things", {}).headers == [(b"www-authenticate", b"Bearer")]
    own = _app(tmp_path, [{"bearer": []}], token="chosen")
    assert own.respond("GET", b"/things", {b"authorization": b"Bearer chosen"}).status == 200
    assert own.respond("GET", b"/things", {b"authorization": b"Bearer someone-else"}).status == 401
