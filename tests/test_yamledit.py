"""Line-level YAML edits: only the touched lines change."""

from __future__ import annotations

import pytest
import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from tests.yaml_text import load_yaml
from vgcontract.spec import YamlText

DOC = """\
# a comment that must survive
obj:
  required:
    - a
  properties:
    a:
      type: string
      enum: [x, y]
    b:
      type: integer
      enum:
        - 1
        - 2

    # trailing comment of properties
other: 1
"""


def test_edits_keep_everything_else_byte_for_byte() -> None:
    doc = YamlText(DOC)
    doc.add_entries("#/obj/properties", {"c": {"type": "boolean"}})
    doc.append_items("#/obj/properties/a/enum", ["z"])
    doc.append_items("#/obj/properties/b/enum", [3])
    doc.remove_item("#/obj/required", "a")
    doc.set_flow_entry("#/obj/properties/b/type", ["integer", "null"])
    out = doc.render()
    data = load_yaml(out)
    assert "required" not in data["obj"]
    assert data["obj"]["properties"] == {
        "a": {"type": "string", "enum": ["x", "y", "z"]},
        "b": {"type": ["integer", "null"], "enum": [1, 2, 3]},
        "c": {"type": "boolean"},
    }
    assert out.startswith("# a comment that must survive\nobj:\n  properties:\n")
    assert "    # trailing comment of properties\nother: 1\n" in out
    assert "      type: [integer, 'null']\n" in out


def test_untouched_document_renders_identically() -> None:
    assert YamlText(DOC).render() == DOC


def _marks(node: Node | None) -> list[tuple[int, ...]]:
    """Every node's start and end (line, column, index), depth first."""
    assert node is not None
    start, end = node.start_mark, node.end_mark
    found: list[tuple[int, ...]] = [(start.line, start.column, start.index, end.line, end.column, end.index)]
    children = [part for pair in node.value for part in pair] if isinstance(node, MappingNode) else node.value
    for child in children if isinstance(node, (MappingNode, SequenceNode)) else []:
        found += _marks(child)
    return found


@pytest.mark.parametrize(
    "text",
    [DOC, DOC.replace("\n", "\r\n"), DOC.replace("\n", "\r"), "\ufeff" + DOC,
     DOC.replace("other: 1", 'other: "a\u2028b \U0001f600 \ufeff"\nlast: [1,\n  2]'),
     "\ufeff" + DOC.replace("obj:", "obj: &shared").replace("other: 1", "other: *shared")],
    ids=["lf", "crlf", "cr", "bom", "separators-and-astral", "bom-and-alias"],
)  # fmt: skip
def test_every_node_is_where_pyyaml_s_own_reader_puts_it(text: str) -> None:
    # Edits cut lines at these marks: the fast composer must agree with the reference one.
    assert _marks(YamlText(text).root) == _marks(yaml.compose(text, Loader=yaml.SafeLoader))
