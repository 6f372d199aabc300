"""`lint-spec` reads no file outside the spec's directory and fetches no URL a spec names, and quotes nothing.

openapi-spec-validator, left to itself, opens `file://` refs and fetches `http://` ones,
and its message then quotes what it found: a token file's content would end in a CI log.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from vgcontract.cli import main

CONTENT = "token-file-content-Wq81Zx"


def _spec(ref: str) -> dict[str, object]:
    schema = {"$ref": ref}
    ok = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": ok}}}},
    }


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 that answers with the secret content and records every path asked for."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = json.dumps({"type": "string", "description": CONTENT}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def _lint(tmp_path: Path, ref: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    (tmp_path / "api").mkdir(exist_ok=True)
    spec = tmp_path / "api" / "spec.json"  # the secret beside it in `tmp_path` is outside its tree
    spec.write_text(json.dumps(_spec(ref)), encoding="utf-8")
    code = main(["lint-spec", "--spec", str(spec)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("form", ["file://{path}", "{path}", "../{name}", "./../{name}#/x"])
def test_a_file_ref_is_reported_and_never_opened(form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "token.json"
    secret.write_text(json.dumps({"type": "string", "description": CONTENT}), encoding="utf-8")
    code, output = _lint(tmp_path, form.format(path=secret, name=secret.name), capsys)
    assert code == 1
    assert "no-external-ref" in output
    assert CONTENT not in output
    assert "Traceback" not in output


def test_a_url_ref_is_reported_and_never_fetched(
    listener: tuple[str, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, asked = listener
    code, output = _lint(tmp_path, f"{url}/schema.json", capsys)
    assert code == 1
    assert "no-external-ref" in output
    assert asked == []
    assert CONTENT not in output


def test_a_file_ref_to_a_system_file_quotes_nothing_of_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostname = Path("/etc/hostname")
    if not hostname.is_file() or not hostname.read_text().strip():
        pytest.skip("no /etc/hostname on this machine")
    code, output = _lint(tmp_path, "file:///etc/hostname", capsys)
    assert code == 1
    assert f"'{hostname.read_text().strip()}'" not in output
