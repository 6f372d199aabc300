"""Line-level YAML edits: only the touched lines change."""

from __future__ import annotations

import yaml

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
    data = yaml.safe_load(out)
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
