"""The one scrubber: a secret is caught in every form a server may echo it, and nothing else is touched."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import httpx
import pytest

from tests.client_support import json_reply, scripted
from vgcontract import REDACTED, register_environment, register_secret, scrub_secrets
from vgcontract.runtime import Scrubber, scrub, scrubber_for, strip_userinfo
from voiceglow_client import AuthenticatedClient, VoiceglowError
from voiceglow_client.api.conversations import get_conversation

SECRET = "sk-live-Qx7rT2mVw9ZpL4nB8cYd"


def _b64(data: str) -> str:
    return base64.b64encode(data.encode()).decode()


# Each echo, and the stretch of it that would give the secret away (in characters of the echo).
ECHOES = {
    "raw": (SECRET, 8),
    "json-escaped": (json.dumps(SECRET)[1:-1], 8),
    "percent-encoded": (quote(SECRET, safe=""), 8),
    "base64": (_b64(SECRET), 11),
    "base64 url-safe": (base64.urlsafe_b64encode(b"\xfb" + SECRET.encode()).decode(), 11),
    "base64 of user:token": (_b64(f"alice:{SECRET}"), 11),
    "base64 of a Basic header": ("Basic " + _b64(f"x:{SECRET}"), 11),
    "base64, two-byte prefix": (_b64(f"ab{SECRET}"), 11),
    "hex": (SECRET.encode().hex(), 16),
    "HEX": (SECRET.encode().hex().upper(), 16),
    "first half": (SECRET[: len(SECRET) // 2], 8),
    "second half": (SECRET[len(SECRET) // 2 :], 8),
    "8 characters from the middle": (SECRET[9:17], 8),
}


@pytest.mark.parametrize(("form", "stretch"), ECHOES.values(), ids=ECHOES.keys())
def test_every_form_of_an_echoed_secret_is_scrubbed(form: str, stretch: int) -> None:
    shown = scrub(f"server said: {form} (end)", [SECRET], "<gone>")
    assert shown.startswith("server said: ")
    assert shown.endswith(" (end)")
    assert shown.count("<gone>") == 1
    assert [form[i : i + stretch] for i in range(len(form) - stretch + 1) if form[i : i + stretch] in shown] == []


def test_what_is_left_of_an_encoded_echo_cannot_be_decoded_back() -> None:
    shown = scrub(_b64(f"alice:{SECRET}"), [SECRET], "")
    # The user's own characters stay; of the secret, at most the last few bits and the padding.
    assert shown.startswith(_b64("alice:"))
    assert len(shown) - len(_b64("alice:")) <= 3


def test_an_echo_is_replaced_in_one_piece_and_two_echoes_stay_two() -> None:
    text = f"a {SECRET} b {SECRET[:10]}{SECRET[5:]} c {SECRET}"
    assert scrub(text, [SECRET], "X") == "a X b X c X"


def test_a_shared_prefix_of_eight_characters_is_redacted_too() -> None:
    # A stretch of eight characters is treated as the secret itself: over-redaction is safe.
    assert scrub("sk-live-other-token", [SECRET], "X") == "Xother-token"


@pytest.mark.parametrize(
    "ordinary",
    [
        "GET /v3/owners/a-1/items/c-2: 200 in 12 ms",
        "sk-live-other-token-entirely"[1:],  # seven characters in common, no more
        "Qx7rT2m",  # seven characters of it: too short to give it away
        json.dumps({"ID": "c-1", "messagesNum": 3, "leadScore": 0.5}),
    ],
)
def test_text_without_the_secret_is_unchanged(ordinary: str) -> None:
    assert scrub(ordinary, [SECRET]) == ordinary


def test_a_short_secret_is_matched_whole_only() -> None:
    assert scrub("pin 4821 and 482", ["4821"], "X") == "pin X and 482"
    assert scrub("abc", ["abc"]) == "abc"  # under the minimum: ordinary text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://user:PASSWORD@host/v3", "http://***@host/v3"),
        ("https://token@api.example/v3?x=1", "https://***@api.example/v3?x=1"),
        ("see ftp://a:b@c and https://plain.example/x@y", "see ftp://***@c and https://plain.example/x@y"),
    ],
)
def test_the_credentials_of_any_url_are_shown_as_stars(url: str, shown: str) -> None:
    assert strip_userinfo(url) == shown
    assert scrub(url, []) == shown


def test_the_scrubber_never_shows_its_secrets_in_its_own_repr() -> None:
    assert SECRET not in repr(Scrubber([SECRET]))


def test_the_toolkit_scrubs_every_form_of_a_registered_secret() -> None:
    secret = "tk-registered-5Rf8Wq2Lz"
    register_secret(secret)
    for form in (secret, _b64(f"me:{secret}"), secret.encode().hex(), secret[3:15]):
        assert scrub_secrets(f"[{form}]").count(REDACTED) == 1, form
        assert secret[3:11] not in scrub_secrets(f"[{form}]")


def test_the_environment_s_secrets_and_base_url_and_proxy_credentials_are_registered() -> None:
    register_environment(
        {
            "VOICEGLOW_API_TOKEN": "env-token-Jd83kLw0Qp",
            "VOICEGLOW_WEBHOOK_SECRET": "env-secret-Vb72nMx1",
            "VOICEGLOW_BASE_URL": "https://robot:pw-Zq81Lm4x@api.example/v3",
            "VOICEGLOW_AGENT_ID": "agent-visible-123",
            "VOICEGLOW_MOCK_TOKEN": "mock-token-printed",
            "OTHER_TOKEN": "not-ours-to-hide",
            "https_proxy": "http://relay:px-Ty62Bn0q@proxy.example:3128",
            "NO_PROXY": "internal.example",
        }
    )
    shown = "agent-visible-123 mock-token-printed not-ours-to-hide internal.example"
    text = f"env-token-Jd83kLw0Qp env-secret-Vb72nMx1 pw-Zq81Lm4x px-Ty62Bn0q {shown}"
    assert scrub_secrets(text) == f"{REDACTED} {REDACTED} {REDACTED} {REDACTED} {shown}"
    assert scrub_secrets(_b64("robot:pw-Zq81Lm4x")).count(REDACTED) == 1
    assert scrub_secrets(_b64("relay:px-Ty62Bn0q")).count(REDACTED) == 1


def test_the_client_scrubs_base64_and_partial_echoes_from_its_errors() -> None:
    token = "client-token-Hq28vLx0Mz"
    echo = f"auth {_b64('user:' + token)} half {token[:11]} hex {token.encode().hex()}"
    body = json.dumps({"success": False, "message": echo}).encode()
    client, _ = scripted([json_reply(401, body, headers={"X-Echo": _b64(token)})], retries=0)
    client = AuthenticatedClient(base_url="http://x/v3", token=token).set_httpx_client(client.get_httpx_client())
    with pytest.raises(VoiceglowError) as raised:
        get_conversation.sync("a", "c", client=client)
    error = raised.value
    shown = str(error) + repr(error) + repr(vars(error))
    for form in (token[:11], _b64("user:" + token)[8:20], token.encode().hex()[:16], _b64(token)[:12]):
        assert form not in shown


def test_the_client_hides_base_url_credentials_in_its_repr_and_errors() -> None:
    client = AuthenticatedClient(base_url="http://robot:hunter2-secret@127.0.0.1:9/v3", token="tok-abcdef-123456")
    assert "hunter2" not in repr(client)
    assert "http://***@127.0.0.1:9/v3" in repr(client)
    client = client.with_retries(0)
    with pytest.raises(VoiceglowError) as raised:
        get_conversation.sync("a", "c", client=client)
    assert "hunter2" not in str(raised.value) + repr(raised.value)


def test_a_transport_error_quoting_an_encoded_token_is_scrubbed() -> None:
    token = "client-token-Hq28vLx0Mz"
    scripted_client, _ = scripted([httpx.ConnectError(f"proxy: bad {_b64('u:' + token)}")], retries=0)
    client = AuthenticatedClient(base_url="http://x/v3", token=token).with_retries(0)  # the error, not a retry of it
    client = client.set_httpx_client(scripted_client.get_httpx_client())
    with pytest.raises(VoiceglowError) as raised:
        get_conversation.sync("a", "c", client=client)
    assert _b64("u:" + token)[4:16] not in str(raised.value)


WRITERS = {
    "JSON with escaped slashes": (lambda s: json.dumps({"e": s}).replace("/", "\\/"), "a/b+c/d=e/f+g/h=i"),
    "HTML-safe JSON": (
        lambda s: json.dumps({"e": s}).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"),
        "P&ss<w>rd&2<0>24&",
    ),
    "JSON encoded twice": (lambda s: json.dumps(json.dumps({"e": s})), "sk-live-Qx7rT2mVw9Zp"),
    "an escape right before it": (lambda s: json.dumps({"e": f"line\t{s}"}), "tok_8f3kQ2mZxW"),
    "a unicode escape cut in two": (lambda s: json.dumps({"e": f"caf\u00e9{s}"}), "e9b1c4d7a2f05e38"),
}


@pytest.mark.parametrize(("write", "secret"), WRITERS.values(), ids=WRITERS.keys())
def test_an_echo_in_a_json_writer_s_escapes_is_caught_and_the_json_stays_valid(write: object, secret: str) -> None:
    document = write(secret)  # type: ignore[operator]
    shown = scrub(document, [secret], "[R]")
    assert "[R]" in shown
    json.loads(shown)
    assert secret[:8] not in shown


@pytest.mark.parametrize(
    ("secret", "echo"),
    [
        ("ab/cd+ef/gh+ij/kl", quote("ab/cd+ef/gh+ij/kl")),  # `quote` keeps `/` by default
        ("sk-live-abcdef12", "".join(f"%{b:02X}" for b in b"sk-live-abcdef12")),
        ("it's-a-'secret'-pw", repr("it's-a-'secret'-pw and \"")),
        ("sk-live-Qx7rT2mVw9Zp", "SK-LIVE-QX7RT2MVW9ZP"),
    ],
)
def test_other_writers_forms_are_caught(secret: str, echo: str) -> None:
    assert "[R]" in scrub(echo, [secret], "[R]")
    assert secret[:8] not in scrub(echo, [secret], "[R]")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://deploy:p@ssw0rd@api.example.com/v1", "https://***@api.example.com/v1"),
        ("https://deploy:pa[ss]word@api.example.com/", "https://***@api.example.com/"),
        ("https:\\/\\/deploy:hunter2@x.example", "https:\\/\\/***@x.example"),
        ("DB_URL_postgres://deploy:hunter2@db", "DB_URL_postgres://***@db"),
        ("//deploy:hunter2@host/x", "//***@host/x"),
        ("//cdn.example/img@2x.png", "//cdn.example/img@2x.png"),
    ],
)
def test_url_credentials_in_any_spelling_are_starred(url: str, shown: str) -> None:
    assert strip_userinfo(url) == shown


def test_a_set_of_secrets_is_built_into_a_scrubber_once() -> None:
    # Each command registers its token again; the pattern of that set is not rebuilt.
    kept = scrubber_for(["first-secret-value", "second-secret-value"])
    assert scrubber_for({"second-secret-value", "first-secret-value"}) is kept
    assert scrubber_for(["first-secret-value"]) is not kept
    assert kept("a first-secret-value b", "[R]") == "a [R] b"
