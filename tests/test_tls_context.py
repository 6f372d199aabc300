"""One TLS context per setting: httpx reads the whole CA bundle for every client it makes.

The runtime (copied into the client) and vgcontract's live checks build their contexts
through `tls_context`; what the environment says is still read on every call.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import pytest

from tests.client_support import BASE_URL, TOKEN
from vgcontract.runtime import tls_context
from voiceglow_client import AuthenticatedClient


def test_a_setting_gives_the_same_context_and_another_setting_another() -> None:
    assert tls_context() is tls_context(True)
    unverified = tls_context(False)
    assert unverified is tls_context(False)
    assert unverified is not tls_context()
    assert unverified.verify_mode == ssl.CERT_NONE
    assert not unverified.check_hostname
    assert tls_context().verify_mode == ssl.CERT_REQUIRED
    assert tls_context().check_hostname
    own = ssl.create_default_context()
    assert tls_context(own) is own


def test_the_environment_is_read_on_every_call(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    before = tls_context()
    with monkeypatch.context() as patched:
        patched.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-bundle.pem"))
        with pytest.raises(FileNotFoundError):  # the named bundle is read, not a context kept from before
            tls_context()
        assert tls_context(trust_env=False) is not before  # trust_env=False ignores it
    assert tls_context() is before


def test_every_client_of_a_process_shares_one_context(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SSLKEYLOGFILE", str(tmp_path / "keys.log"))  # a setting no earlier test used
    built: list[ssl.SSLContext] = []
    make = ssl.create_default_context

    def counting(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        built.append(make(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(ssl, "create_default_context", counting)
    clients = [AuthenticatedClient(base_url=BASE_URL, token=TOKEN) for _ in range(3)]
    for client in clients:
        client.get_httpx_client()
        client.get_async_httpx_client()
    assert len(built) == 1
