"""Generate openapi-python-client's baseline specs with this project's templates and call every endpoint.

    python harness/opc_baselines.py PATH/TO/openapi-python-client [--keep DIR]

For `baseline_openapi_3.0.json` and `baseline_openapi_3.1.yaml`, read from the peer's
checkout (`end_to_end_tests/`, never a copy), with the peer's end-to-end config:

1. generate with `--custom-template-path openapi/templates` and `--fail-on-warning`, and
   copy the runtime in as `vgcontract generate` does;
2. import every module; run `mypy --strict` and ruff (the generated project's own config);
3. call every endpoint's `sync_detailed` through `httpx.MockTransport`, with arguments
   built from its signature, answered with the spec's first documented success (a body made
   from its schema by the mock's `BodyMaker`, text for `text/*`, bytes for anything else,
   nothing where the spec documents no content), and check that the payload comes back:
   not None where the spec documents a body, and of the type the signature promises.

Prints one line per endpoint that fails and a summary per spec; exit 0 when every step
passes for every endpoint, 1 otherwise, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import datetime
import enum
import importlib
import inspect
import io
import re
import shutil
import subprocess
import sys
import tempfile
import types
import typing
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "openapi" / "templates"
SPECS = ("baseline_openapi_3.0.json", "baseline_openapi_3.1.yaml")
BASE_URL = "http://api.test"
_MAX_DEPTH = 4


def _generate(checkout: Path, spec: Path, out: Path) -> Path:
    """The generated package's directory; raises RuntimeError with the generator's output on failure."""
    command = [
        sys.executable, "-m", "openapi_python_client", "generate",
        "--path", str(spec),
        "--config", str(checkout / "end_to_end_tests" / "config.yml"),
        "--custom-template-path", str(TEMPLATES),
        "--meta", "uv",
        "--fail-on-warning",
        "--output-path", str(out),
    ]  # fmt: skip
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "RUFF_NO_CACHE": "true"}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"generation failed: {(result.stdout + result.stderr).strip()[-800:]}")
    from vgcontract.client.testing_data import copy_shipped_modules  # noqa: PLC0415 - after sys.path is set

    package = next(p.parent for p in sorted(out.glob("*/client.py")))
    copy_shipped_modules(package)
    return package


def _checked(project: Path, package: str) -> list[str]:
    """Lines of what mypy --strict and ruff found in the generated project ([] when clean)."""
    found = []
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", package],
        [str(Path(sys.executable).parent / "ruff"), "check", "--no-cache", "."],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=project)
        if result.returncode != 0:
            found += [f"{command[2] if 'mypy' in command else 'ruff'}: {line}"
                      for line in (result.stdout + result.stderr).splitlines() if line.strip()][:20]  # fmt: skip
    return found


def _modules(package: Path) -> Iterator[str]:
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _value(hint: Any, files: Any, depth: int = 0) -> Any:
    """A value of type `hint`: the simplest one, for arguments and request bodies."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        usable = [a for a in args if a is not type(None) and getattr(a, "__name__", "") != "Unset"]
        return _value(usable[0], files, depth)
    if origin is list:
        return [_value(args[0], files, depth + 1)] if depth < _MAX_DEPTH else []
    if origin is dict:
        return {}
    if origin is typing.Literal:
        return args[0]
    if hint is None or hint is type(None):
        return None
    simple: dict[Any, Callable[[], Any]] = {
        str: lambda: "x",
        int: lambda: 1,
        float: lambda: 1.5,
        bool: lambda: True,
        bytes: lambda: b"x",
        datetime.datetime: lambda: datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
        datetime.date: lambda: datetime.date(2026, 1, 2),
        uuid.UUID: lambda: uuid.UUID(int=1),
        typing.Any: lambda: "x",
    }
    if hint in simple:
        return simple[hint]()
    if hint is files.File:
        return files.File(payload=io.BytesIO(b"content"), file_name="a.txt", mime_type="text/plain")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    import attrs  # noqa: PLC0415

    if isinstance(hint, type) and attrs.has(hint):
        # Models name each other under TYPE_CHECKING only: resolve them in the models package.
        namespace = {**vars(sys.modules[hint.__module__]), **vars(sys.modules[hint.__module__.rpartition(".")[0]])}
        hints = typing.get_type_hints(hint, globalns=namespace)
        required = {
            field.alias: _value(hints[field.name], files, depth + 1)
            for field in attrs.fields(hint)
            if field.init and field.default is attrs.NOTHING
        }
        return hint(**required)
    raise TypeError(f"no value for {hint!r}")


def _is(value: Any, hint: Any, files: Any) -> bool:
    """Whether `value` has the (outer) type `hint` promises."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is typing.Any:
        return True
    if hint is type(None):
        return value is None
    if origin in (typing.Union, types.UnionType):
        return any(_is(value, a, files) for a in args)
    if origin is list:
        return isinstance(value, list) and all(_is(item, args[0], files) for item in value)
    if origin is dict:
        return isinstance(value, dict)
    if origin is typing.Literal:
        return value in args
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, hint)


def _operations(spec_path: Path, overrides: dict[str, str]) -> list[dict[str, Any]]:
    """Each operation's method, path pattern and first documented success (status, media type, schema).

    `overrides` is the config's `content_type_overrides`: the media type the client reads it as.
    """
    from vgcontract.spec import load_spec  # noqa: PLC0415
    from vgcontract.spec.load import with_definitions  # noqa: PLC0415

    spec = load_spec(spec_path)
    resolved = spec.inlined()
    found = []
    for operation in spec.operations:
        node = resolved["paths"][operation.path][operation.method]
        responses = {str(k): v for k, v in (node.get("responses") or {}).items()}
        status = next((s for s in sorted(responses) if s[0] == "2"), None)
        response = responses.get(status or "", {}) or {}
        content = response.get("content") or {}
        declared = next(iter(content), None)
        schema = (content.get(declared) or {}).get("schema") if declared else None
        media = overrides.get(declared, declared) if declared else None
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(operation.path))
        found.append({
            "method": operation.method.upper(),
            "pattern": re.compile(pattern + r"\Z"),
            "status": int(status.replace("X", "0")) if status else 200,
            "media": media,
            "schema": with_definitions(schema, resolved) if isinstance(schema, dict) else None,
            "variables": operation.path.count("{"),
        })  # fmt: skip
    return found


def _answer(operations: list[dict[str, Any]]) -> Callable[[Any], Any]:
    import httpx  # noqa: PLC0415

    from vgcontract.mock.routes import BodyMaker  # noqa: PLC0415

    maker = BodyMaker()

    def answer(request: httpx.Request) -> httpx.Response:
        candidates = [o for o in operations if o["method"] == request.method and o["pattern"].match(request.url.path)]
        if not candidates:
            return httpx.Response(404, json={"message": "no such operation in the spec"})
        operation = min(candidates, key=lambda o: o["variables"])
        media, status = operation["media"], operation["status"]
        if media is None:
            return httpx.Response(status)
        base = media.split(";", 1)[0].strip()
        if base == "application/json" or base.endswith("+json") or base == "*/*":
            body = maker.body(operation["schema"], {}, "") if operation["schema"] else {}
            return httpx.Response(status, json=body, headers={"content-type": media})
        if media.startswith("text/"):
            return httpx.Response(status, text="hello", headers={"content-type": media})
        return httpx.Response(status, content=b"\x00\x01file", headers={"content-type": media})

    return answer


def _call_all(package: str, operations: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """(endpoints called, failures)."""
    import httpx  # noqa: PLC0415

    client_module = importlib.import_module(f"{package}.client")
    files = importlib.import_module(f"{package}.types")
    transport = httpx.MockTransport(_answer(operations))
    options = {"base_url": BASE_URL, "retries": 0, "httpx_args": {"transport": transport}}
    token = "t0ken-value"  # noqa: S105 - a mock transport's token, not a secret
    clients = {"Client": client_module.Client(**options),
               "AuthenticatedClient": client_module.AuthenticatedClient(token=token, **options)}  # fmt: skip
    called, failures = 0, []
    for name in sorted(sys.modules):
        if not name.startswith(f"{package}.api.") or not hasattr(sys.modules[name], "sync_detailed"):
            continue
        module = sys.modules[name]
        short = name.rsplit(".", 1)[-1]
        called += 1
        try:
            hints = typing.get_type_hints(module.sync_detailed)
            kwargs = {}
            for parameter in inspect.signature(module.sync_detailed).parameters.values():
                if parameter.name == "client":
                    needs_token = "Client" not in str(hints["client"]).replace("AuthenticatedClient", "")
                    kwargs["client"] = clients["AuthenticatedClient" if needs_token else "Client"]
                elif parameter.default is inspect.Parameter.empty:
                    kwargs[parameter.name] = _value(hints[parameter.name], files)
            response = module.sync_detailed(**kwargs)
        except Exception as exc:
            failures.append(f"{short}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        promised = typing.get_type_hints(module.sync)["return"]
        if promised is not type(None) and response.parsed is None and not _is(None, promised, files):
            failures.append(f"{short}: the payload came back as None (promised {promised})")
        elif not _is(response.parsed, promised, files):
            failures.append(f"{short}: got {type(response.parsed).__name__}, promised {promised}")
    return called, failures


def main(argv: list[str] | None = None) -> int:
    """Run every step on both baseline specs; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path, help="a checkout of openapi-python-client")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep the output")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT / "scripts")]
    specs = [args.checkout / "end_to_end_tests" / name for name in SPECS]
    missing = [str(s) for s in specs if not s.is_file()]
    if missing:
        print(f"not an openapi-python-client checkout: no {', '.join(missing)}", file=sys.stderr)
        return 2
    scratch = Path(tempfile.mkdtemp(prefix="vg-opc-baselines-"))
    root = args.keep or scratch
    total_failures = 0
    try:
        for index, spec in enumerate(specs):
            out = root / f"spec{index}"
            shutil.rmtree(out, ignore_errors=True)
            try:
                package_dir = _generate(args.checkout, spec, out)
            except RuntimeError as exc:
                print(f"{spec.name}: {exc}")
                total_failures += 1
                continue
            package = package_dir.name
            sys.path.insert(0, str(package_dir.parent))
            for stale in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
                del sys.modules[stale]
            problems = []
            for module in _modules(package_dir):
                try:
                    importlib.import_module(module)
                except Exception as exc:
                    problems.append(f"import {module}: {type(exc).__name__}: {exc}")
            problems += _checked(package_dir.parent, package)
            config = yaml.safe_load((args.checkout / "end_to_end_tests" / "config.yml").read_text(encoding="utf-8"))
            called, failures = _call_all(package, _operations(spec, config.get("content_type_overrides") or {}))
            sys.path.remove(str(package_dir.parent))
            for line in problems + failures:
                print(f"  {spec.name}: {line}")
            print(f"{spec.name}: {called} endpoints called, {called - len(failures)} returned their payload; "
                  f"{len(problems)} import/mypy/ruff problem(s)")  # fmt: skip
            total_failures += len(problems) + len(failures)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 1 if total_failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
