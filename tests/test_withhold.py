"""What a server chose is judged before a patch writes it: secrets and personal data are withheld, in any disguise."""

from __future__ import annotations

import base64

import pytest

from vgcontract import register_secret
from vgcontract.drift import LOOKS_PERSONAL, LOOKS_SECRET, UNSHOWABLE, safe_schema, shown_path, why_withheld

TOKEN = "sk-live-Qx7rT2mVw9ZpL4nB8cYd"

SECRETS = {
    "raw": TOKEN,
    "upper case": TOKEN.upper(),
    "a stretch of it": TOKEN[5:16],
    "base64 of user:token": base64.b64encode(f"robot:{TOKEN}".encode()).decode(),
    "hex": TOKEN.encode().hex(),
    "dots every 7 characters": ".".join(TOKEN[i : i + 7] for i in range(0, len(TOKEN), 7)),
    "combining accents in between": "".join(c + "\u0301" if i % 7 == 6 else c for i, c in enumerate(TOKEN)),
    "a bearer credential": "Bearer abcdefgh12345678",
    "URL credentials": "https://robot:hunter2@api.example",
}
PERSONAL = {
    "e-mail": "jane.doe@example.com",
    "e-mail, accented": "josé@example.com",
    "e-mail, IDN domain": "jane@müller.de",
    "e-mail, fullwidth at": "jane\uff20example.com",
    "e-mail, percent-encoded": "jane%40example.com",
    "IPv4": "10.0.12.34",
    "IPv6, compressed": "2001:db8::42",
    "an IP in a host name": "ip-10-0-12-34",
    "US phone": "(415)555-0123",
    "UK phone": "020 7946 0958",
    "German phone": "+49 30/1234567",
}
ORDINARY = ["sentimentScore", "escalated", "@odata.context", "2024-01-01", "v1.2.3", "ai-chatting", "x-request-id"]


@pytest.fixture(autouse=True)
def _token() -> None:
    register_secret(TOKEN)


@pytest.mark.parametrize("value", SECRETS.values(), ids=SECRETS.keys())
def test_a_secret_in_any_disguise_is_withheld(value: str) -> None:
    assert why_withheld(value) == LOOKS_SECRET


@pytest.mark.parametrize("value", PERSONAL.values(), ids=PERSONAL.keys())
def test_personal_data_is_withheld(value: str) -> None:
    assert why_withheld(value) == LOOKS_PERSONAL


@pytest.mark.parametrize("value", ["a\nb", "right\u202eleft", "zero\u200bwidth"])
def test_what_cannot_be_shown_safely_is_withheld(value: str) -> None:
    assert why_withheld(value) == UNSHOWABLE


def test_a_long_value_is_withheld_before_any_pattern_runs() -> None:
    assert why_withheld("a-" * 100_000 + "://x") == "is longer than 200 characters"


@pytest.mark.parametrize("value", ORDINARY)
def test_ordinary_names_and_values_pass(value: str) -> None:
    assert why_withheld(value) is None


def test_a_withheld_name_is_shown_as_withheld_and_dropped_from_an_inferred_schema() -> None:
    assert shown_path(f"data.items[].{TOKEN}") == 'data.items[]["<withheld>"]'
    withheld: list[tuple[str, str]] = []
    schema = {"type": "object", "properties": {"ok": {"type": "integer"}, "jane@example.com": {"type": "string"}}}
    kept = safe_schema(schema, ("data", "extra"), withheld)
    assert kept["properties"] == {"ok": {"type": "integer"}}
    assert kept["additionalProperties"] is True  # the withheld key stays valid data
    assert withheld == [('data.extra["<withheld>"]', LOOKS_PERSONAL)]
