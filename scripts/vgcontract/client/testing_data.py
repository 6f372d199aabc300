"""The client's test double, rendered at generation time: `<package>/testing/` and its `_spec.json`.

openapi-python-client renders the files it knows; the test double is ours. Its templates
live in `openapi/templates/vgcontract/` (so the golden record covers them), and the spec's
shapes go into `_spec.json` beside the code, so the generated client never imports
vgcontract: the operations, whether each needs a token, its success status and schema
(dereferenced, descriptions dropped), where its records are and how it pages (as the mock
reads them), and each documented error's example body. The modules the client shares with
the toolkit are copied into it byte for byte: the runtime (`vgcontract.runtime`, as
`_runtime/`) and the test double's `_values.py`.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from vgcontract.errors import InputError
from vgcontract.spec.envelope import Envelope
from vgcontract.spec.load import pointer_escape, resolve_pointer, with_definitions
from vgcontract.spec.model import Spec
from vgcontract.spec.paging import Paging
from vgcontract.spec.release import SHIPPED_MODULES

__all__ = ["EXTRA_TEMPLATES", "SUBPACKAGE", "copy_shipped_modules", "format_python", "render_testing", "testing_spec"]

EXTRA_TEMPLATES = "vgcontract"  # the templates directory's own subdirectory
SUBPACKAGE = "testing"  # where the test double lives in the client package, with its `_spec.json`
_DROPPED = frozenset({"description", "summary", "title", "externalDocs", "examples", "x-source", "x-personal-data"})


def _trimmed(node: Any, depth: int = 0) -> Any:
    if depth > 64 or not isinstance(node, dict | list):
        return node
    if isinstance(node, list):
        return [_trimmed(item, depth + 1) for item in node]
    # Under `properties` and `$defs`, keys are names (a property may be called `title`), never dropped.
    named = {"properties", "$defs", "patternProperties"}
    return {
        key: ({k: _trimmed(v, depth + 1) for k, v in value.items()} if key in named and isinstance(value, dict)
              else _trimmed(value, depth + 1))
        for key, value in node.items()
        if key not in _DROPPED
    }  # fmt: skip


def _json_schema(response: Any) -> dict[str, Any] | None:
    media = ((response or {}).get("content") or {}).get("application/json") or {}
    schema = media.get("schema") if isinstance(media, dict) else None
    return schema if isinstance(schema, dict) else None


def _example(response: Any) -> Any:
    media = ((response or {}).get("content") or {}).get("application/json") or {}
    if "example" in media:
        return media["example"]
    for example in (media.get("examples") or {}).values():
        if isinstance(example, dict) and "value" in example:
            return example["value"]
    return None


def _envelope(schema: Mapping[str, Any] | None) -> dict[str, Any]:
    """Where the records are, as the drift check and the mock read it (`Envelope`): never worked out twice."""
    shape = Envelope.from_schema(schema or {})
    return {"member": shape.record[0] if shape.record else None, "is_list": shape.is_list, "id_field": shape.id_field}


def testing_spec(spec: Spec) -> dict[str, Any]:
    """What the test double needs from `spec`, as JSON-ready data."""
    resolved = spec.inlined()
    servers = resolved.get("servers") or [{"url": "/"}]
    operations = []
    for found in spec.operations:
        item = resolve_pointer(resolved, f"#/paths/{pointer_escape(found.path)}")
        operation = item[found.method]
        responses: dict[Any, Any] = operation.get("responses") or {}
        success = next((str(s) for s in sorted(map(str, responses)) if s.startswith("2") and s.isdigit()), "200")
        security = operation.get("security", resolved.get("security"))
        schema = _json_schema(responses.get(success, responses.get(int(success))))
        standalone = with_definitions(schema, resolved) if schema is not None else None
        operations.append(
            {
                "name": found.name,
                "fetched": found.fetched,
                "method": found.method.upper(),
                "path": found.path,
                "secured": isinstance(security, list) and bool(security) and all(security),
                "success": int(success),
                "schema": _trimmed(standalone) if standalone is not None else None,
                "envelope": _envelope(schema),
                "paging": dataclasses.asdict(Paging.of(item, operation)),
                "errors": {
                    str(status): _example(response)
                    for status, response in responses.items()
                    if not str(status).startswith("2") and _example(response) is not None
                },
            }
        )
    return {"base_path": urlsplit(str(servers[0].get("url", "/"))).path.rstrip("/"), "operations": operations}


def render_testing(dest: Path, templates: Path, spec: Spec, package: str) -> list[Path]:
    """Render the test double into `dest/package/` and copy the shared modules; return the files to format."""
    root = templates / EXTRA_TEMPLATES
    environment = jinja2.Environment(keep_trailing_newline=True, autoescape=False)  # noqa: S701 - Python source, not HTML
    written = []
    for template in sorted(root.rglob("*.jinja")) if root.is_dir() else ():
        relative = template.relative_to(root).with_suffix("")
        target = dest / package / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = environment.from_string(template.read_text(encoding="utf-8")).render(package_name=package)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    home = dest / package / SUBPACKAGE
    if home.is_dir():
        data = json.dumps(testing_spec(spec), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        (home / "_spec.json").write_text(data, encoding="utf-8")
        written.append(home / "_spec.json")
    # One scrubber for the toolkit and the client, one value generator for the mock and the
    # test double: the modules themselves, copied.
    copy_shipped_modules(dest / package)
    return written


def copy_shipped_modules(package_dir: Path) -> None:
    """Copy the toolkit's modules the client ships (`SHIPPED_MODULES`) into `package_dir`.

    Byte for byte and never formatted: the client runs the very source that is tested here.
    The runtime always goes in; the test double's module only beside a rendered test double.
    """
    for name, source in SHIPPED_MODULES.items():
        target = package_dir / name
        if target.parent.name == "_runtime":
            target.parent.mkdir(exist_ok=True)
        if target.parent.is_dir():
            target.write_bytes(source.read_bytes())


def format_python(files: list[Path], env: Mapping[str, str], cwd: Path) -> None:
    """The generator's post-hooks, on the files rendered after it: ruff fix, then ruff format."""
    python = [str(p) for p in files if p.suffix == ".py"]
    if not python:
        return
    for command in (["ruff", "check", "--fix-only", "--quiet", *python], ["ruff", "format", "--quiet", *python]):
        result = subprocess.run(command, capture_output=True, text=True, env=dict(env), cwd=cwd, check=False)
        if result.returncode != 0:
            raise InputError(f"{' '.join(command[:2])} failed on the test double: {result.stderr.strip()[:300]}")
