"""The generated package as a whole: its exports, its regions, its README and its defaults."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
import respx

import voiceglow_client
from tests.paths import PROJECT, SPEC
from vgcontract.spec import load_spec
from voiceglow_client import DEFAULT_TIMEOUT, REGIONS, AuthenticatedClient, RetryPolicy

README = (PROJECT.generated / "README.md").read_text(encoding="utf-8")


def test_regions_are_the_spec_servers() -> None:
    """REGIONS is copied into the client template; this keeps it equal to the spec's `servers`."""
    servers = [server["url"] for server in load_spec(SPEC)["servers"]]
    assert list(REGIONS.values()) == servers
    for name, url in REGIONS.items():
        assert AuthenticatedClient.for_region(name.upper(), token="t0ken").get_httpx_client().base_url == url + "/"
        assert f"| `{name}` | `{url}` |" in README


def test_unknown_regions_are_refused() -> None:
    with pytest.raises(ValueError, match="known: eu, na"):
        AuthenticatedClient.for_region("apac", token="t0ken")


def test_defaults_are_the_documented_ones() -> None:
    client = AuthenticatedClient(base_url="http://x", token="t0ken")
    assert client.timeout == DEFAULT_TIMEOUT == httpx.Timeout(30.0, connect=5.0)
    assert client.get_httpx_client().timeout == DEFAULT_TIMEOUT
    assert client.retries == RetryPolicy(max_retries=2, max_retry_after=30.0, total_timeout=120.0)
    assert client.retries.statuses == {429, 502, 503, 504}
    assert client.strict is False
    assert client.with_timeout(2.5).timeout == httpx.Timeout(2.5)


def test_everything_exported_exists() -> None:
    for name in voiceglow_client.__all__:
        assert hasattr(voiceglow_client, name), name


def test_the_readme_names_every_error_a_caller_can_catch() -> None:
    exported = [getattr(voiceglow_client, name) for name in voiceglow_client.__all__]
    errors = [error.__name__ for error in exported if isinstance(error, type) and issubclass(error, BaseException)]
    assert len(errors) > 5
    assert [name for name in errors if not re.search(rf"\b{name}\b", README)] == []


def test_the_readme_call_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first code block, run as written (with the token from the environment) against respx."""
    block = re.search(r"```python\n(.*?)```", README, re.DOTALL)
    assert block is not None
    monkeypatch.setenv("VOICEGLOW_API_TOKEN", "readme-token")
    body = {"success": True, "message": "ok", "data": {"ID": "agent123_convo456", "userName": "Ada", "state": "live"}}
    namespace: dict[str, Any] = {}
    with respx.mock(base_url=REGIONS["eu"]) as router:
        route = router.get("/agents/agent123/convos/agent123_convo456").respond(200, json=body)
        exec(compile("import os\n" + block.group(1), "README.md", "exec"), namespace)  # noqa: S102 -- our README
    assert route.calls.last.request.headers["authorization"] == "Bearer readme-token"
    assert namespace["envelope"].data.user_name == "Ada"


def test_every_readme_code_block_compiles() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    assert blocks, "the client's README shows no Python"
    for index, block in enumerate(blocks):
        code = compile(block.replace("...", "None"), f"README.md block {index}", "exec")
        assert code.co_names, f"README.md block {index} uses no name: it shows nothing"
