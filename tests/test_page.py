"""Reading the documentation page capture."""

from __future__ import annotations

from typing import Any

import pytest

from contract_tests.conftest import FIXTURES
from vgcontract import InputError
from vgcontract.spec import documented_fields, page_example, placeholder_kind

PAGE = (FIXTURES / "get-single-conversation.page.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("<string>", "string"),
        (123, "number"),
        (0, "number"),
        (True, "boolean"),
        (False, "boolean"),
        ("<unknown>", "unknown"),
        ("<array>", "array"),
        ([], "array"),
        (["<string>"], "array<string>"),
        ({}, "object"),
    ],
)
def test_placeholder_kinds(value: Any, kind: str) -> None:
    assert placeholder_kind(value) == kind


def test_fields_of_the_page() -> None:
    fields = documented_fields(PAGE)
    paths = [f.path for f in fields]
    assert paths[:3] == ["success", "message", "data.userEmail"]
    assert "data.crmActivities[].notesHistory[].agentName" in paths
    assert "data.handoffHistory[].teamIds" in paths
    assert len(paths) == len(set(paths)) == 164


def test_example_of_the_page() -> None:
    example = page_example(PAGE)
    assert example["data"]["ID"] == "agent123_convo456"
    assert example["data"]["state"] == "ai-chatting"


@pytest.mark.parametrize(
    "text",
    ["no json here", "--header 'Authorization: Bearer <token>' {broken", "Bearer <token>' [1, 2]"],
)
def test_malformed_pages_raise_input_error(text: str) -> None:
    with pytest.raises(InputError, match="documentation page"):
        documented_fields(text)
