"""The token goes only to the base URL's origin, whatever the spec's path keys say.

A pull request's spec is attacker-controlled: a path key that is an absolute URL, starts
with `//` or otherwise leaves the base URL must not take the token to the host it names.
Every command refuses such a spec before any request (exit 2; `lint-spec` reports it as an
error), and the live layer refuses to send any request off the configured origin.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from tests.hostile import TOKEN, serve
from tests.paths import SPEC
from vgcontract.cli import main
from vgcontract.live import AsyncLiveClient, Bounds, Budget, ForeignOrigin, conversation_template
from vgcontract.mock import build_app
from vgcontract.spec import ForeignPathKey, find_project, load_spec, parse_spec, path_key_problems


def _spec_with_key(tmp_path: Path, make_key: str) -> Path:
    """The project's spec with the fetched operation's path key replaced by `make_key` (`{path}` is the old key)."""
    spec = load_spec(SPEC).document  # a fresh copy, changed below
    template = conversation_template(spec)
    spec["paths"] = {(make_key.format(path=template) if k == template else k): v for k, v in spec["paths"].items()}
    out = tmp_path / "spec.json"
    out.write_text(json.dumps(spec), encoding="utf-8")
    return out


FOREIGN_KEYS = {
    "absolute URL": "http://{host}/v3{path}",
    "scheme-relative": "//{host}/v3{path}",
    "backslash host": "/\\{host}/v3{path}",
    "tab before host": "/\t/{host}/v3{path}",
    "no leading slash": "{host}/v3{path}",
    "dot segments": "/../..{path}",
    "encoded dot segments": "/%2e%2e/%2E%2E{path}",
}


@pytest.mark.parametrize("key", FOREIGN_KEYS.values(), ids=FOREIGN_KEYS.keys())
def test_a_path_key_leaving_the_base_url_is_refused_by_the_reader(key: str) -> None:
    doc = {"openapi": "3.1.0", "paths": {key.format(host="evil.example", path="/x/{id}"): {}}}
    assert len(path_key_problems(doc)) == 1
    with pytest.raises(ForeignPathKey, match="refused before any request"):
        parse_spec(json.dumps(doc), "spec.json")


@pytest.mark.parametrize("key", ["/v3/owners/{a}/items/{b}", "/", "/a b/c", "/path//foo", "/@x/{y}"])
def test_ordinary_path_keys_pass(key: str) -> None:
    assert path_key_problems({"paths": {key: {}}}) == []


COMMANDS = {
    "contract": ["contract", "--examples", "2"],
    "drift --live": ["drift", "--live", "--no-progress"],
    "record": ["record", "--no-progress"],
    "spec-diff": ["spec-diff", str(SPEC)],
    "generate": ["generate"],
}


@pytest.mark.parametrize("key", ["http://{host}/v3{path}", "//{host}/v3{path}"], ids=["absolute", "scheme-relative"])
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_every_command_refuses_the_spec_before_any_request(
    key: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve("stdlib") as base, serve("stdlib") as stranger:
        host = stranger.base_url.split("/")[2]
        spec = _spec_with_key(tmp_path, key.replace("{host}", host))
        monkeypatch.setenv("VOICEGLOW_BASE_URL", base.base_url)
        monkeypatch.setenv("VOICEGLOW_API_TOKEN", TOKEN)
        monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
        monkeypatch.setenv("VOICEGLOW_CONVO_IDS", "convo-1")
        argv = [*command, "--spec", str(spec)]
        if command[0] in {"contract", "drift", "record"}:
            argv += ["--reports" if command[0] != "record" else "--out", str(tmp_path / "out")]
        if command[0] == "generate":
            argv += ["--output", str(tmp_path / "gen")]
        code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert "refused before any request" in err
    assert len(err.strip().splitlines()) == 1
    assert stranger.seen == []
    assert base.seen == []


def test_the_mock_refuses_to_serve_the_spec(tmp_path: Path) -> None:
    with pytest.raises(ForeignPathKey, match="refused before any request"):
        build_app(load_spec(_spec_with_key(tmp_path, "//elsewhere.example/v3{path}")))


def test_lint_reports_a_foreign_path_key_as_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _spec_with_key(tmp_path, "https://elsewhere.example/v3{path}")
    assert main(["lint-spec", "--spec", str(spec)]) == 1
    out = capsys.readouterr().out
    assert "path-key-below-base-url" in out
    assert "the token would leave the base URL's origin" in out


def test_fix_drift_refuses_the_spec_before_any_request(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = find_project(project_copy).spec
    with serve("stdlib") as base, serve("stdlib") as stranger:
        host = stranger.base_url.split("/")[2]
        spec.write_text(_spec_with_key(project_copy, f"http://{host}/v3{{path}}").read_text(), encoding="utf-8")
        monkeypatch.setenv("VOICEGLOW_API_TOKEN", TOKEN)
        monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
        code = main(["fix-drift", "--base-url", base.base_url, "--no-progress", "convo-1"])
    assert code == 2, capsys.readouterr().err
    assert stranger.seen == []
    assert base.seen == []


@pytest.mark.parametrize(
    "path",
    ["http://127.0.0.1:9/x", "//127.0.0.1:9/x", "https://127.0.0.1:8443/v3/x", "http://other.invalid/v3/x"],
)
def test_the_live_layer_sends_nothing_off_the_base_url_s_origin(path: str) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    async def go() -> None:
        client = AsyncLiveClient(
            "http://127.0.0.1:8443/v3", httpx.MockTransport(answer), bounds=Bounds(), budget=Budget(10)
        )
        async with client:
            if path.startswith("//"):
                # httpx keeps a scheme-relative path below the base URL: sent, but to the base origin.
                await client.send("GET", path)
                return
            with pytest.raises(ForeignOrigin, match="not the base URL's origin"):
                await client.send("GET", path, headers={"Authorization": f"Bearer {TOKEN}"})

    asyncio.run(go())
    assert all(request.url.host == "127.0.0.1" and request.url.port == 8443 for request in sent)
    assert len(sent) == (1 if path.startswith("//") else 0)


@pytest.mark.parametrize(
    ("path", "headers"),
    [("/../../admin/7", {}), ("/owners/a/items/b", {"Host": "other-tenant.example"})],
    ids=["climbs out of the base path", "a Host header naming another site"],
)
def test_the_live_layer_keeps_below_the_base_url_and_its_host(path: str, headers: dict[str, str]) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    async def go() -> None:
        base = "https://gw.example/tenants/acme/v3"
        async with AsyncLiveClient(base, httpx.MockTransport(answer), bounds=Bounds(), budget=Budget(10)) as client:
            with pytest.raises(ForeignOrigin, match="refused to send"):
                await client.send("GET", path, headers={"Authorization": f"Bearer {TOKEN}", **headers})
            await client.send("GET", "/owners/a/items/b", headers={"Host": "GW.example"})  # its own host: fine

    asyncio.run(go())
    assert [request.url.path for request in sent] == ["/tenants/acme/v3/owners/a/items/b"]


def test_a_spec_header_parameter_named_host_never_takes_the_token_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = load_spec(SPEC).document  # a fresh copy, changed below
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "responses" in operation:
                host = {"name": "Host", "in": "header", "required": True, "schema": {"enum": ["evil.example"]}}
                operation["parameters"] = [*operation.get("parameters", []), host]
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    with serve("stdlib") as base:
        monkeypatch.setenv("VOICEGLOW_API_TOKEN", TOKEN)
        monkeypatch.setenv("VOICEGLOW_AGENT_ID", "agent7")
        monkeypatch.setenv("VOICEGLOW_CONVO_IDS", "convo-1")
        argv = ["contract", "--spec", str(path), "--examples", "3", "--base-url", base.base_url]
        code = main([*argv, "--reports", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "a Host header names another host" in err
    own_host = base.base_url.split("/")[2]
    assert [seen for seen in base.seen if TOKEN in seen.authorization and seen.host != own_host] == []


def test_a_cookie_a_server_sets_is_never_sent_back() -> None:
    cookies: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        cookies.append(request.headers.get("cookie"))
        return httpx.Response(200, json={}, headers={"Set-Cookie": "session=server-chosen; Path=/"})

    async def go() -> None:
        async with AsyncLiveClient(
            "http://127.0.0.1:8443/v3", httpx.MockTransport(answer), bounds=Bounds(), budget=Budget(10)
        ) as client:
            for _ in range(3):
                await client.send("GET", "/owners/a/items/b")

    asyncio.run(go())
    assert cookies == [None, None, None]
