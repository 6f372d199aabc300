"""Specs grown in the ordinary ways a team grows one, written as files the way a team writes them.

- `recursive`: a tree of nodes (`Node.children: [Node]`) and a linked list (`next: Link`),
  served by a GET whose answer is the tree;
- `split`: the same API with its schemas in `schemas/*.yaml` beside the root file,
  referenced as `./schemas/node.yaml#/Node`;
- `yaml12`: scalars YAML 1.1 would read differently (`yes`, `on`, `2024-01-01`, `0o17`);
- `duplicate`: a second key of the same name in one mapping, on a known line.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["YAML12_ENUM", "write_duplicate", "write_recursive", "write_split", "write_yaml12"]

_HEAD = """openapi: 3.1.0
info: {title: Trees, version: 1.0.0}
servers: [{url: /v1}]
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /trees/{treeId}:
    get:
      operationId: getTree
      parameters:
        - {name: treeId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: A tree
          content:
            application/json:
              schema: {$ref: "%(tree)s"}
        "401":
          description: No valid token
          content:
            application/json:
              schema: {type: object, properties: {message: {type: string}}, required: [message]}
        "404":
          description: No such tree
          content:
            application/json:
              schema: {type: object, properties: {message: {type: string}}, required: [message]}
"""

_NODE = """type: object
required: [id, children]
properties:
  id: {type: string}
  label: {type: string}
  children:
    type: array
    items: {$ref: "%(node)s"}
  next:
    $ref: "%(link)s"
"""

_LINK = """type: object
required: [value]
properties:
  value: {type: integer, minimum: 0}
  next: {$ref: "%(link)s"}
"""

_TREE = """type: object
required: [root]
properties:
  root: {$ref: "%(node)s"}
"""


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def _with_schemas(head: str, schemas: dict[str, str]) -> str:
    block = "".join(f"    {name}:\n" + _indent(text, 6) for name, text in schemas.items())
    return head.replace("components:\n", "components:\n  schemas:\n" + block, 1)


def write_recursive(directory: Path) -> Path:
    """One file: the tree API, its schemas under `components/schemas`."""
    refs = {"tree": "#/components/schemas/Tree", "node": "#/components/schemas/Node",
            "link": "#/components/schemas/Link"}  # fmt: skip
    text = _with_schemas(_HEAD % refs, {"Tree": _TREE % refs, "Node": _NODE % refs, "Link": _LINK % refs})
    path = directory / "recursive.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_split(directory: Path) -> Path:
    """The same API split into files: the root, and `schemas/{tree,node}.yaml` that refer to each other."""
    (directory / "schemas").mkdir(parents=True, exist_ok=True)
    (directory / "schemas" / "tree.yaml").write_text(_TREE % {"node": "./node.yaml#/Node"}, encoding="utf-8")
    node_refs = {"node": "#/Node", "link": "#/Link"}
    (directory / "schemas" / "node.yaml").write_text(
        "Node:\n" + _indent(_NODE % node_refs, 2) + "Link:\n" + _indent(_LINK % node_refs, 2), encoding="utf-8"
    )
    path = directory / "split.yaml"
    path.write_text(_HEAD % {"tree": "./schemas/tree.yaml"}, encoding="utf-8")
    return path


YAML12_ENUM = ["yes", "no", "on", "off"]  # YAML 1.1 reads these as booleans


def write_yaml12(directory: Path) -> Path:
    """A spec whose values YAML 1.1 and YAML 1.2 read differently."""
    answer = (
        "type: object\nrequired: [answer, day, mode]\nproperties:\n"
        "  answer: {type: string, enum: [yes, no, on, off]}\n"
        "  day: {type: string, format: date, example: 2024-01-01}\n"
        "  mode: {type: integer, enum: [0o17, 0x1F, 12]}\n"
    )
    path = directory / "yaml12.yaml"
    path.write_text(
        _with_schemas(_HEAD % {"tree": "#/components/schemas/Answer"}, {"Answer": answer}), encoding="utf-8"
    )
    return path


def write_duplicate(directory: Path) -> tuple[Path, int]:
    """The recursive API with a second `label:` in `Node.properties`; the file and that key's line."""
    lines = write_recursive(directory).read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("label:"))
    lines.insert(at + 1, lines[at])
    path = directory / "duplicate.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, at + 2
