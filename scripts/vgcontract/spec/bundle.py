"""A spec split into files, made one document: file `$ref`s inside the spec's tree, moved in.

A relative `$ref` to another file (`./schemas/pet.yaml#/Pet`) is followed when the file is
inside the root file's directory tree: `bundle` reads it with the reader's rules
(`vgcontract.spec.read`) and moves what it names into the root document's `components`
(inline where `components` has no place for it, as for a path item), so every command and
tool (the generator, schemathesis) sees one self-contained document. A URL, a `file:` URI,
an absolute path, or a path that leaves the tree (`..`, a symlink out) is refused before
it is opened.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from vgcontract.spec.read import MAX_FILES, SpecReadError, read_file

__all__ = ["Bundle", "ForeignRef", "SpecFiles", "bundle"]


class SpecFiles:
    """Where a spec's files are: the file system. A git revision's tree is another (`spec.release`)."""

    local = True  # files on disk (a spec read from them can be patched and copied)

    def locate(self, path: Path) -> Path:
        """The file's one name (symlinks followed): what the tree check compares."""
        return path.resolve()

    def read(self, path: Path) -> Any:
        """The file's data, read by the one reader."""
        return read_file(path, self.shown(path))

    def shown(self, path: Path) -> str:
        """The file as messages name it."""
        return str(path)


class ForeignRef(SpecReadError):
    """A `$ref` to a URL, an absolute path or a file outside the spec's directory tree: refused, never read."""


@dataclass(frozen=True)
class Bundle:
    """One self-contained document, and the files it was read from (the root first)."""

    document: Any
    files: tuple[Path, ...]
    # Local pointer in `document` -> "file#pointer" it was moved from (for messages and patches).
    moved: dict[str, str]


# Where a `$ref` in each kind of object leads: key -> kind, or "*" for every member of a map/list.
_SCHEMA_CHILDREN = {
    "items": "schema", "additionalProperties": "schema", "not": "schema", "if": "schema", "then": "schema",
    "else": "schema", "contains": "schema", "propertyNames": "schema", "unevaluatedItems": "schema",
    "unevaluatedProperties": "schema", "contentSchema": "schema", "additionalItems": "schema",
    "properties": "schema*", "patternProperties": "schema*", "$defs": "schema*", "definitions": "schema*",
    "dependentSchemas": "schema*", "allOf": "schema*", "anyOf": "schema*", "oneOf": "schema*",
    "prefixItems": "schema*",
}  # fmt: skip
_MEDIA = {"schema": "schema", "examples": "example*"}
_CHILDREN: dict[str, dict[str, str]] = {
    "document": {"paths": "pathItem*", "webhooks": "pathItem*", "components": "components"},
    "components": {"schemas": "schema*", "responses": "response*", "parameters": "parameter*",
                   "examples": "example*", "requestBodies": "requestBody*", "headers": "header*",
                   "securitySchemes": "securityScheme*", "links": "link*", "callbacks": "callback*",
                   "pathItems": "pathItem*"},
    "pathItem": {"parameters": "parameter*", **dict.fromkeys(
                 ("get", "put", "post", "delete", "options", "head", "patch", "trace"), "operation")},
    "operation": {"parameters": "parameter*", "requestBody": "requestBody", "responses": "response*",
                  "callbacks": "callback*"},
    "callback": {"*": "pathItem"},
    "parameter": {"schema": "schema", "content": "media*", "examples": "example*"},
    "header": {"schema": "schema", "content": "media*", "examples": "example*"},
    "requestBody": {"content": "media*"},
    "response": {"headers": "header*", "content": "media*", "links": "link*"},
    "media": _MEDIA,
    "schema": _SCHEMA_CHILDREN,
}  # fmt: skip
# The `components` section for each kind a `$ref` can point at; kinds without one are inlined.
_SECTIONS = {"schema": "schemas", "response": "responses", "parameter": "parameters", "example": "examples",
             "requestBody": "requestBodies", "header": "headers", "link": "links", "callback": "callbacks",
             "securityScheme": "securitySchemes"}  # fmt: skip
_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def _pointer_tokens(fragment: str) -> list[str]:
    if fragment in ("", "/"):
        return [] if fragment == "" else [""]
    if not fragment.startswith("/"):
        raise ValueError(fragment)
    return [t.replace("~1", "/").replace("~0", "~") for t in unquote(fragment).split("/")[1:]]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class _Bundler:
    def __init__(self, root: Path, document: Any, files: SpecFiles) -> None:
        self.files = files
        self.root_file = files.locate(root)
        self.tree = self.root_file.parent
        self.display = files.shown
        self.documents: dict[Path, Any] = {self.root_file: document}
        self.placed: dict[tuple[Path, str], str] = {}  # (file, pointer) -> local ref
        self.moved: dict[str, str] = {}
        self.components: dict[str, dict[str, Any]] = {}
        self.inlining: set[tuple[Path, str]] = set()

    def run(self) -> Any:
        root = self.documents[self.root_file]
        if not isinstance(root, dict):
            return root
        out = self._rewrite(root, self.root_file, "document")
        if self.components:
            sections = dict(out.get("components") or {})
            for section, members in self.components.items():
                sections[section] = {**(sections.get(section) or {}), **members}
            out["components"] = sections
        return out

    def _rewrite(self, node: Any, file: Path, kind: str) -> Any:
        """A copy of `node` (of `kind`, read from `file`) with every file `$ref` made local."""
        if isinstance(node, list):
            child = kind[:-1] if kind.endswith("*") else "any"
            return [self._rewrite(item, file, child) for item in node]
        if not isinstance(node, dict):
            return node
        if kind.endswith("*"):
            return {key: self._rewrite(value, file, kind[:-1]) for key, value in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str) and (file != self.root_file or not ref.startswith("#")):
            local = self._place(ref, file, kind)
            if isinstance(local, str):
                return {**{k: self._rewrite(v, file, "any") for k, v in node.items() if k != "$ref"}, "$ref": local}
            return local  # inlined: a kind with no `components` section
        children = _CHILDREN.get(kind, {})
        return {key: self._rewrite(value, file, children.get(key, children.get("*", "any")))
                for key, value in node.items()}  # fmt: skip

    def _place(self, ref: str, base: Path, kind: str) -> Any:
        target_file, fragment = self._locate(ref, base)
        if target_file == self.root_file:
            return "#" + fragment
        key = (target_file, fragment)
        if key in self.placed:
            return self.placed[key]
        document = self._load(target_file)
        node = document
        try:
            for token in _pointer_tokens(fragment):
                node = node[int(token)] if isinstance(node, list) else node[token]
        except (KeyError, IndexError, ValueError, TypeError):
            raise SpecReadError(f"{self.display(base)}: $ref {ref!r} names nothing in "
                                f"{self.display(target_file)}") from None  # fmt: skip
        section = _SECTIONS.get(kind)
        if section is None:  # a path item or an unknown place: inline it (no cycles run through these)
            if key in self.inlining:
                raise SpecReadError(f"{self.display(base)}: $ref {ref!r} refers back to itself")
            self.inlining.add(key)
            try:
                return self._rewrite(node, target_file, kind)
            finally:
                self.inlining.discard(key)
        members = self.components.setdefault(section, {})
        tokens = _pointer_tokens(fragment)
        name = _NAME.sub("_", tokens[-1] if tokens else target_file.stem) or "ref"
        existing = (self.documents[self.root_file].get("components") or {}).get(section) or {}
        unique, n = name, 1
        while unique in members or unique in existing:
            n += 1
            unique = f"{name}_{n}"
        local = f"#/components/{section}/{_escape(unique)}"
        self.placed[key] = local
        self.moved[local] = f"{self.display(target_file)}#{fragment}"
        members[unique] = {}  # reserved before the walk: a cycle back to it finds the name
        members[unique] = self._rewrite(node, target_file, kind)
        return local

    def _locate(self, ref: str, base: Path) -> tuple[Path, str]:
        where = self.display(base)
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith("//"):
            raise ForeignRef(f"{where}: $ref {ref!r} names a URL; only files inside the spec's directory are read")
        file_part, _, fragment = ref.partition("#")
        if not file_part:
            return base, fragment
        relative = unquote(file_part)
        if os.path.isabs(relative) or relative.startswith(("\\", "~")) or "\x00" in relative:
            raise ForeignRef(f"{where}: $ref {ref!r} is an absolute path; only relative paths inside the spec's "
                                "directory are read")  # fmt: skip
        target = self.files.locate(base.parent / relative)
        if not target.is_relative_to(self.tree):
            raise ForeignRef(f"{where}: $ref {ref!r} leaves the spec's directory; refused without reading it")
        return target, fragment

    def _load(self, target: Path) -> Any:
        if target in self.documents:
            return self.documents[target]
        if len(self.documents) >= MAX_FILES:
            raise SpecReadError(f"{self.display(self.root_file)}: more than {MAX_FILES} files referenced")
        document = self.files.read(target)
        self.documents[target] = document
        return document


def _has_file_ref(document: Any) -> bool:
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def bundle(path: Path, document: Any, files: SpecFiles | None = None) -> Bundle:
    """`document` (read from `path`) with every file `$ref` read and made local; see the module docstring."""
    files = files or SpecFiles()
    if not _has_file_ref(document):
        return Bundle(document, (files.locate(path),), {})
    bundler = _Bundler(path, document, files)
    out = bundler.run()
    return Bundle(out, tuple(bundler.documents), bundler.moved)
