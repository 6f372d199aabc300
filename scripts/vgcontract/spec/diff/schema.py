"""Comparing two versions of one schema, as the side that sends or receives it sees them.

One principle decides almost every keyword: a request schema that now accepts *fewer*
values refuses calls that worked (breaking); a response schema that now allows *more*
values hands the client data it was not written for (breaking). The converse is an
addition. So each keyword's change is first classified as tightened, loosened or changed,
and the rule's level then depends on the direction (`RULES` holds both levels).

Walked everywhere a schema can sit: properties, ``items``, ``prefixItems``,
``additionalProperties``, ``patternProperties``, ``propertyNames``, ``contains``,
``dependentSchemas``, ``if``/``then``/``else``, ``oneOf``/``anyOf`` variants and ``allOf``
(folded into one schema). ``readOnly`` properties are not part of a request, nor
``writeOnly`` ones of a response. A recursive schema is compared once per place.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from typing import Any

from vgcontract.spec.diff.variants import (
    brief,
    canonical,
    is_null,
    matched,
    merged,
    new_all_of_members,
    type_list,
    types_of,
    variants_of,
)
from vgcontract.spec.load import JsonPointerError, pointer_escape, resolve_pointer

__all__ = ["SchemaWalker"]

# keyword: +1 when a larger value accepts more (a maximum), -1 when a smaller one does.
_LIMITS = {
    "maximum": 1, "exclusiveMaximum": 1, "maxLength": 1, "maxItems": 1, "maxProperties": 1, "maxContains": 1,
    "minimum": -1, "exclusiveMinimum": -1, "minLength": -1, "minItems": -1, "minProperties": -1, "minContains": -1,
}  # fmt: skip
# Keywords that only constrain: present in a request schema, they refuse what they do not
# match; present in a response schema, they promise it. Added: tightened; removed: loosened.
_CONSTRAINTS = (
    "if", "then", "else", "contains", "dependentRequired", "dependentSchemas", "patternProperties",
    "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema", "contentMediaType",
    "contentEncoding", "not",
)  # fmt: skip


def _accepts_more(old: frozenset[str], new: frozenset[str]) -> bool:
    """Whether every value of types ``old`` is a value of types ``new`` (integers are numbers)."""
    widened = set(new) | ({"integer"} if "number" in new else set())
    return old <= widened


def _show(types: frozenset[str]) -> str:
    return "|".join(sorted(types)) or "any"


def _ptr(*tokens: str | int) -> str:
    return "".join("/" + pointer_escape(str(token)) for token in tokens)


class SchemaWalker:
    """The schema half of the spec walker: `add` and `direction` come from the walker itself."""

    docs: tuple[Mapping[str, Any], Mapping[str, Any]]
    direction: int  # 0: a response (the client receives it), 1: a request (the client sends it)
    xml = False  # within an XML body: the client handles it as text, whatever its schema's types

    def add(self, rule: str, pointer: str, detail: str) -> None:  # pragma: no cover - the walker's
        raise NotImplementedError

    def schema(self, old: Any, new: Any, pointer: str, label: str, depth: int = 0) -> None:
        """Every change from ``old`` to ``new`` at ``pointer``, classified for the current direction."""
        if not isinstance(old, dict) or not isinstance(new, dict) or depth > 64:
            return
        old_ref, new_ref = old.get("$ref"), new.get("$ref")
        if isinstance(old_ref, str) and isinstance(new_ref, str):
            if old_ref != new_ref:  # a recursive schema now names another one
                self.add("type-changed", pointer, f"{label}: {old_ref} became {new_ref}")
            return  # the same recursive schema: compared where it first appeared
        if isinstance(old_ref, str) or isinstance(new_ref, str):  # recursion on one side: one level unrolled
            old = self._target(0, old) if isinstance(old_ref, str) else old
            new = self._target(1, new) if isinstance(new_ref, str) else new
            if not isinstance(old, dict) or not isinstance(new, dict):
                return
        if self.direction and old and new_all_of_members(old, new):
            self.add("all-of-added", pointer + "/allOf", f"{label} must now also match more allOf schemas")
        old, new = merged(old), merged(new)
        if self._union(old, new, pointer, label, depth):
            return
        if not self._types(old, new, pointer, label):
            return
        self._scalar_keywords(old, new, pointer, label)
        self._object(old, new, pointer, label, depth)
        self._array(old, new, pointer, label, depth)
        self._constraints(old, new, pointer, label, depth)

    def _target(self, side: int, node: dict[str, Any]) -> Any:
        try:
            return resolve_pointer(self.docs[side], node["$ref"])
        except JsonPointerError:
            return None

    # --- types and unions -------------------------------------------------------------------

    def _types(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str) -> bool:
        """Report a type change; False when the types differ so much that nothing else compares."""
        old_types, new_types = types_of(old), types_of(new)
        if old_types == new_types or not old_types or not new_types:
            if old_types and not new_types and not variants_of(new):
                self.add("type-loosened", pointer, f"{label}: type {_show(old_types)} is no longer constrained")
            elif new_types and not old_types and not variants_of(old):
                self.add("type-tightened", pointer, f"{label}: now only {_show(new_types)}")
            return True
        if new_types == old_types | {"null"}:
            self.add("became-nullable", pointer, f"{label} may now be null")
        elif old_types == new_types | {"null"}:
            self.add("null-removed", pointer, f"{label} may no longer be null")
        elif _accepts_more(old_types, new_types):
            self.add("type-loosened", pointer, f"{label}: type {_show(old_types)} became {_show(new_types)}")
        elif _accepts_more(new_types, old_types):
            self.add("type-tightened", pointer, f"{label}: type {_show(old_types)} became {_show(new_types)}")
            return True
        elif self.xml:
            self.add("xml-type-changed", pointer, f"{label}: type {_show(old_types)} became {_show(new_types)}")
            return False
        else:
            self.add("type-changed", pointer, f"{label}: type {_show(old_types)} became {_show(new_types)}")
            return False
        return True

    def _union(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str, depth: int) -> bool:
        """oneOf/anyOf variants added or removed; True when the union replaced a plain schema (or back)."""
        old_variants, new_variants = variants_of(old), variants_of(new)
        if not old_variants and not new_variants:
            return False
        old_list, new_list = type_list(old), type_list(new)
        if old_list is not None and new_list is not None:  # `oneOf: [{type: string}, {type: integer}]`
            self._types({"type": sorted(old_list)}, {"type": sorted(new_list)}, pointer, label)
            return True
        if not old_variants or not new_variants:
            plain, union = (old, new_variants) if not old_variants else (new, old_variants)
            shape = canonical({k: v for k, v in plain.items() if k not in ("description", "title")})
            others = [v for v in union if not is_null(v)]
            if len(others) == 1 and len(union) == 2 and canonical(others[0]) == shape:
                # `oneOf: [X, {type: null}]`: X, now nullable (or no longer)
                nullable = not old_variants
                self.add("became-nullable" if nullable else "null-removed", pointer,
                         f"{label} may {'now' if nullable else 'no longer'} be null")  # fmt: skip
                return True
            if any(canonical(v) == shape for v in union if isinstance(v, dict)):
                self.add("wrapped-in-union", pointer, f"{label} is now one of several schemas" if not old_variants
                         else f"{label} is no longer one of several schemas")  # fmt: skip
            else:
                self.add("type-changed", pointer, f"{label}: a union replaced a plain schema, or the reverse")
            return True
        old_rest = [v for v in old_variants if not is_null(v)]
        new_rest = [v for v in new_variants if not is_null(v)]
        if len(old_rest) < len(old_variants) and len(new_rest) == len(new_variants) and not new_rest:
            return False
        pairs, gone, came = matched(old_rest, new_rest)
        if len(old_rest) != len(old_variants) and len(new_rest) == len(new_variants):
            self.add("null-removed", pointer, f"{label} may no longer be null")
        elif len(new_rest) != len(new_variants) and len(old_rest) == len(old_variants):
            self.add("became-nullable", pointer, f"{label} may now be null")
        for index, (left, right) in enumerate(pairs):
            self.schema(left, right, f"{pointer}/oneOf/{index}", f"{label} (variant {index + 1})", depth + 1)
        any_of = "anyOf" in new and "oneOf" not in new
        for variant in gone:
            self.add("union-variant-removed", pointer, f"{label}: a variant was removed ({brief(variant)})")
        for variant in came:
            rule = "any-of-variant-added" if any_of else "union-variant-added"
            self.add(rule, pointer, f"{label}: a variant was added ({brief(variant)})")
        return False

    # --- scalars ------------------------------------------------------------------------------

    def _scalar_keywords(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str) -> None:
        if old.get("format") != new.get("format") and (old.get("format") or new.get("format")):
            self.add("format-changed", pointer + "/format",
                     f"{label}: format {old.get('format')!r} became {new.get('format')!r}")  # fmt: skip
        self._enum(old, new, pointer, label, "enum")
        self._enum(old, new, pointer, label, "x-extensible-enum")
        if "const" in old or "const" in new:
            if "const" not in old:
                self.add("const-added", pointer + "/const", f"{label}: now always {new['const']!r}")
            elif "const" not in new:
                self.add("const-removed", pointer + "/const", f"{label}: no longer always {old['const']!r}")
            elif canonical(old["const"]) != canonical(new["const"]):
                self.add("const-changed", pointer + "/const", f"{label}: {old['const']!r} became {new['const']!r}")
        # An empty pattern matches every string: the same as none.
        old_pattern, new_pattern = old.get("pattern") or None, new.get("pattern") or None
        if old_pattern != new_pattern:
            rule = (
                "pattern-added"
                if old_pattern is None
                else "pattern-removed"
                if new_pattern is None
                else "pattern-changed"
            )
            self.add(rule, pointer + "/pattern", f"{label}: pattern {old_pattern!r} became {new_pattern!r}")
        for keyword, sign in _LIMITS.items():
            self._limit(old, new, keyword, sign, pointer, label)

    def _enum(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str, keyword: str) -> None:
        old_values, new_values = old.get(keyword), new.get(keyword)
        here = f"{pointer}/{keyword}"
        if isinstance(new_values, list) and not isinstance(old_values, list):
            if keyword == "enum":
                self.add("became-enum", here, f"{label}: now limited to {json.dumps(new_values)[:200]}")
            return
        if not isinstance(old_values, list) or not isinstance(new_values, list):
            return
        old_set, new_set = {canonical(v) for v in old_values}, {canonical(v) for v in new_values}
        gone = [value for value in old_values if canonical(value) not in new_set]
        came = [value for value in new_values if canonical(value) not in old_set]
        extensible = keyword != "enum"
        if gone:
            rule = "extensible-enum-value-removed" if extensible else "enum-value-removed"
            self.add(rule, here, f"{label}: {keyword} lost {json.dumps(gone)[:200]}")
        if came:
            rule = "extensible-enum-value-added" if extensible else "enum-value-added"
            self.add(rule, here, f"{label}: {keyword} gained {json.dumps(came)[:200]}")

    def _limit(  # noqa: PLR0917 -- the schema pair, the keyword and its sense, where and what
        self, old: dict[str, Any], new: dict[str, Any], keyword: str, sign: int, pointer: str, label: str
    ) -> None:
        before, after = old.get(keyword), new.get(keyword)
        if before == after:
            return
        here = f"{pointer}/{keyword}"
        if isinstance(before, bool) or isinstance(after, bool):  # 3.0's exclusiveMaximum: true
            if bool(after) and not bool(before):
                self.add("limit-tightened", here, f"{label}: {keyword} became exclusive")
            elif bool(before) and not bool(after):
                self.add("limit-loosened", here, f"{label}: {keyword} is no longer exclusive")
            return
        if not isinstance(after, int | float):
            if isinstance(before, int | float):
                self.add("limit-removed", here, f"{label}: {keyword} {before} was removed")
            return
        if not isinstance(before, int | float):
            self.add("limit-added", here, f"{label}: {keyword} {after} was set")
            return
        tighter = (after - before) * sign < 0
        rule = "limit-tightened" if tighter else "limit-loosened"
        self.add(rule, here, f"{label}: {keyword} {before} became {after}")

    # --- objects ------------------------------------------------------------------------------

    def _skipped(self, schema: Any) -> bool:
        """A property the current direction never carries: readOnly in a request, writeOnly in a response."""
        return isinstance(schema, dict) and bool(schema.get("readOnly" if self.direction else "writeOnly"))

    def _object(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str, depth: int) -> None:
        old_props, new_props = old.get("properties") or {}, new.get("properties") or {}
        old_required, new_required = set(old.get("required") or []), set(new.get("required") or [])
        for name in old_props:
            if name not in new_props and not self._skipped(old_props[name]):
                rule = "property-removed" if name in old_required else "optional-property-removed"
                self.add(rule, pointer + _ptr("properties", name), f"{label}: property {name!r} was removed")
        for name, schema in new_props.items():
            here = pointer + _ptr("properties", name)
            self._property_lifecycle(schema, here, f"{label}.{name}")
            if self._skipped(schema) and (name not in old_props or self._skipped(old_props[name])):
                if name in old_props:  # not carried, yet its schema is still the generated type's
                    self.schema(old_props[name], schema, here, f"{label}.{name}", depth + 1)
                continue
            if name not in old_props:
                rule = "required-property-added" if name in new_required else "property-added"
                self.add(rule, here, f"{label}: property {name!r} was added")
                continue
            if name in old_required and name not in new_required:
                self.add("became-optional", here, f"{label}: property {name!r} is no longer required")
            elif name in new_required and name not in old_required:
                self.add("became-required", here, f"{label}: property {name!r} became required")
            self.schema(old_props[name], schema, here, f"{label}.{name}", depth + 1)
        old_extra, new_extra = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if isinstance(old_extra, dict) and isinstance(new_extra, dict):
            self.schema(old_extra, new_extra, pointer + "/additionalProperties", f"{label}[*]", depth + 1)
        elif (old_extra is not False) and new_extra is False and (old_props or new_props):
            self.add("additional-properties-closed", pointer + "/additionalProperties",
                     f"{label} no longer allows undocumented properties")  # fmt: skip
        elif old_extra is False and new_extra is not False and (old_props or new_props):
            self.add("additional-properties-opened", pointer + "/additionalProperties",
                     f"{label} now allows undocumented properties")  # fmt: skip

    def _property_lifecycle(self, schema: Any, pointer: str, label: str) -> None:
        if isinstance(schema, dict) and schema.get("deprecated") is True and "x-sunset" in schema:
            text = str(schema["x-sunset"])
            try:
                datetime.date.fromisoformat(text[:10])
            except ValueError:
                self.add("sunset-invalid", pointer + "/x-sunset", f"{label}: x-sunset {text!r} is not a date")

    # --- arrays -------------------------------------------------------------------------------

    def _array(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str, depth: int) -> None:
        if isinstance(old.get("items"), dict) or isinstance(new.get("items"), dict):
            self.schema(old.get("items") or {}, new.get("items") or {}, pointer + "/items", label + "[]", depth + 1)
        old_prefix, new_prefix = old.get("prefixItems") or [], new.get("prefixItems") or []
        for index, (left, right) in enumerate(zip(old_prefix, new_prefix, strict=False)):
            self.schema(left, right, f"{pointer}/prefixItems/{index}", f"{label}[{index}]", depth + 1)
        if len(new_prefix) < len(old_prefix):
            self.add("prefix-items-removed", pointer + "/prefixItems", f"{label}: positional items were removed")
        elif len(new_prefix) > len(old_prefix):
            self.add("prefix-items-added", pointer + "/prefixItems", f"{label}: positional items were added")

    # --- constraining keywords ----------------------------------------------------------------

    def _constraints(self, old: dict[str, Any], new: dict[str, Any], pointer: str, label: str, depth: int) -> None:
        for keyword in _CONSTRAINTS:
            here = f"{pointer}/{keyword}"
            if keyword not in old and keyword not in new:
                continue
            if keyword not in old:
                self.add("constraint-added", here, f"{label}: {keyword} was added")
            elif keyword not in new:
                self.add("constraint-removed", here, f"{label}: {keyword} was removed")
            elif (
                isinstance(old[keyword], dict)
                and isinstance(new[keyword], dict)
                and keyword
                not in (
                    "dependentRequired",
                    "patternProperties",
                    "dependentSchemas",
                )
            ):
                self.schema(old[keyword], new[keyword], here, f"{label} ({keyword})", depth + 1)
            elif keyword in ("patternProperties", "dependentSchemas"):
                self._named(old[keyword], new[keyword], here, label, keyword, depth)
            elif canonical(old[keyword]) != canonical(new[keyword]):
                self.add("constraint-changed", here, f"{label}: {keyword} changed")

    def _named(  # noqa: PLR0917 -- the map pair, where, what, which keyword, how deep
        self, old: Any, new: Any, pointer: str, label: str, keyword: str, depth: int
    ) -> None:
        old, new = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
        for name in old.keys() - new.keys():
            self.add("constraint-removed", pointer + _ptr(name), f"{label}: {keyword} {name!r} was removed")
        for name in new.keys() - old.keys():
            self.add("constraint-added", pointer + _ptr(name), f"{label}: {keyword} {name!r} was added")
        for name in old.keys() & new.keys():
            self.schema(old[name], new[name], pointer + _ptr(name), f"{label}[{name}]", depth + 1)
