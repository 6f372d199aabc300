"""Run Stoplight Prism's end-to-end harness cases against `vgcontract mock`, with Prism's comparison rules.

    python harness/prism_cases.py PATH/TO/prism [--only SUBSTRING] [--json FILE] [--show N]

Each case in the checkout's `test-harness/specs/**/*.txt` (never a copy) holds a spec, the
server's arguments, a curl command and the expected answer. For every OpenAPI 3 case in
plain mode (`mock -p 4010 ${document}`), the spec is served by `vgcontract mock --spec` on
127.0.0.1, the curl command is sent as curl would send it, and the answer is compared as
Prism's harness does with gavel:

- the status code is equal;
- every header the expected answer lists is present, and `content-type` is equal;
- an `====expect====` body is equal as text; an `====expect-loose====` JSON body is matched
  by its keys, at every depth; `====expect-keysOnly====` by its top-level keys; XML by its
  element structure.

Prints the pass rate, the status-only rate, the rate without the cases that use Prism-only
query switches (`?__code=`, `?__example=`; `Prefer` is the standard way), each failure
with its reason, and any case whose server log holds a traceback. Exit 0 when at least 90% of the plain-mode cases pass.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from peer_checkout import parse_peer_args

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the project's `benches` package: the process-group helper
from benches.processes import spawn, stop  # noqa: E402 - importable once the project root is on the path

PLAIN = "mock -p 4010 ${document}"
TARGET = 0.90
_SECTIONS = re.compile(r"====(server|test|spec|command|expect|expect-loose|expect-keysOnly)====\r?\n", re.IGNORECASE)


def parse_case(text: str) -> dict[str, str]:
    """The sections of one case file, by name (as Prism's `parseSpecFile`)."""
    parts = _SECTIONS.split(text)
    return {parts[i].lower(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def cases(checkout: Path) -> list[tuple[str, dict[str, str]]]:
    """Every OpenAPI 3 case: (path relative to the specs directory, sections)."""
    root = checkout / "test-harness" / "specs"
    found = []
    for path in sorted(root.rglob("*.txt")):
        case = parse_case(path.read_text(encoding="utf-8"))
        if re.search(r"^openapi:\s*['\"]?3", case.get("spec", ""), re.MULTILINE):
            found.append((path.relative_to(root).as_posix(), case))
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _serving(spec: Path, log: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = _free_port()
    command = [str(ROOT / ".venv" / "bin" / "vgcontract"), "mock", "--spec", str(spec), "--port", str(port)]
    with log.open("wb") as sink:
        server = spawn(command, stdout=sink, stderr=subprocess.STDOUT, cwd=spec.parent)
        try:
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and server.poll() is None:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
                time.sleep(0.05)
            yield port, server
        finally:
            stop(server, grace=5)


def _curl(command: str, port: int) -> dict[str, Any]:
    """The request a curl command line makes: method, URL, headers, body (curl's defaults included)."""
    words = []
    for word in shlex.split(command.replace("\\\n", " ")):
        if re.fullmatch(r"-[a-zA-Z]{2,}", word) and "X" not in word[1:-1]:
            words += [f"-{flag}" for flag in word[1:]]  # `-sI`: short options run together
        elif re.fullmatch(r"-[a-zA-Z]*X[A-Z]+", word):
            flags, _, verb = word[1:].partition("X")
            words += [*(f"-{flag}" for flag in flags), "-X", verb]  # `-sIXGET`
        else:
            words.append(word)
    method, url, body, head = None, "", None, False
    headers: list[tuple[str, str]] = [("User-Agent", "curl/8.5.0"), ("Accept", "*/*")]
    form = False
    fields: list[tuple[str, str]] = []  # -F: a multipart/form-data body, as curl builds it
    index = 1
    while index < len(words):
        word = words[index]
        if word in ("-X", "--request"):
            method, index = words[index + 1], index + 1
        elif word in ("-H", "--header"):
            name, _, value = words[index + 1].partition(":")
            headers = [(k, v) for k, v in headers if k.lower() != name.strip().lower()]
            headers.append((name.strip(), value.strip()))
            index += 1
        elif word in ("-d", "--data", "--data-raw", "--data-binary", "--data-urlencode"):
            part = words[index + 1]
            body = part if body is None else f"{body}&{part}"
            form, index = True, index + 1
        elif word in ("-F", "--form"):
            name, _, value = words[index + 1].partition("=")
            fields.append((name, value))
            index += 1
        elif word in ("-b", "--cookie"):
            headers.append(("Cookie", words[index + 1]))
            index += 1
        elif word in ("-I", "--head"):
            head = True
        elif word.startswith("http"):
            url = re.sub(r"//(localhost|127\.0\.0\.1):4010", f"//127.0.0.1:{port}", word)
        index += 1
    if form and not any(k.lower() == "content-type" for k, _ in headers):
        headers.append(("Content-Type", "application/x-www-form-urlencoded"))
    if fields:
        boundary = "------------------------vgcontractharness"
        body = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                       for name, value in fields) + f"--{boundary}--\r\n"  # fmt: skip
        typed = next((v for k, v in headers if k.lower() == "content-type"), "multipart/form-data")
        headers = [(k, v) for k, v in headers if k.lower() != "content-type"]
        # curl adds the boundary to a multipart Content-Type set by hand, as it does to its own.
        headers.append(("Content-Type", typed if "boundary=" in typed else f"{typed}; boundary={boundary}"))
    return {"method": method or ("HEAD" if head else "POST" if body is not None else "GET"),
            "url": url, "headers": headers, "body": body, "head": head}  # fmt: skip


def _expected(text: str) -> dict[str, Any]:
    head, _, body = text.strip().replace("\r\n", "\n").partition("\n\n")
    lines = head.splitlines()
    status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return {"status": status, "headers": headers, "body": body.strip()}


def _keys_match(expected: Any, actual: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and _keys_match(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and all(_keys_match(e, a) for e, a in zip(expected, actual, strict=False))
    return True


def _xml_shape(text: str) -> Any:
    def shape(node: ET.Element) -> Any:
        return (node.tag, sorted(node.attrib), [shape(child) for child in node])

    return shape(ET.fromstring(text))  # noqa: S314 - the harness's own expected text and the mock's answer


def compare(case: dict[str, str], answer: dict[str, Any]) -> str | None:
    """None when the answer matches the case's expectation as Prism's harness compares; else why not."""
    mode = "expect" if "expect" in case else "expect-loose" if "expect-loose" in case else "expect-keysonly"
    expected = _expected(case.get(mode, ""))
    if answer["status"] != expected["status"]:
        return f"status {answer['status']}, expected {expected['status']}"
    for name, value in expected["headers"].items():
        if name not in answer["headers"]:
            return f"no {name} header"
        got = answer["headers"][name]
        if name == "content-type" and got.replace(" ", "").lower() != value.replace(" ", "").lower():
            return f"content-type {got!r}, expected {value!r}"
    body, want = answer["body"].strip(), expected["body"]
    content_type = answer["headers"].get("content-type", "")
    if want and ("xml" in content_type or want.startswith("<")):
        try:
            return None if _xml_shape(body) == _xml_shape(want) else "XML body of another shape"
        except ET.ParseError:
            return "body is not XML"
    if mode == "expect":
        return None if body == want else f"body {body[:80]!r}, expected {want[:80]!r}"
    try:
        got_json, want_json = json.loads(body), json.loads(want) if want else None
    except ValueError:
        return None if not want else "body is not JSON"
    if mode == "expect-keysonly":
        same = isinstance(got_json, dict) and isinstance(want_json, dict) and list(got_json) == list(want_json)
        return None if same else "top-level keys differ"
    return None if _keys_match(want_json, got_json) else "JSON body lacks expected keys"


def run_case(name: str, case: dict[str, str], work: Path) -> dict[str, Any]:
    """Serve the case's spec, send its request, compare; the outcome as a row."""
    import httpx  # noqa: PLC0415 - the project's own, after sys.path is set

    spec = work / "spec.yaml"
    spec.write_text(case["spec"], encoding="utf-8")
    log = work / "server.log"
    row: dict[str, Any] = {"case": name}
    with _serving(spec, log) as (port, server):
        if server.poll() is not None:
            row["failure"] = "the mock did not start: " + log.read_text(errors="replace").strip()[-200:]
        else:
            request = _curl(case["command"], port)
            try:
                with httpx.Client(timeout=10) as client:
                    reply = client.request(request["method"], request["url"], headers=request["headers"],
                                           content=request["body"])  # fmt: skip
                shown = "" if request["head"] else reply.text  # `curl -I` prints the headers alone
                answer = {"status": reply.status_code, "body": shown,
                          "headers": {k.lower(): v for k, v in reply.headers.items()}}  # fmt: skip
                row["status_match"] = answer["status"] == _expected(case.get("expect") or case.get(
                    "expect-loose") or case.get("expect-keysonly", ""))["status"]  # fmt: skip
                reason = compare(case, answer)
                if reason:
                    row["failure"] = reason
            except httpx.HTTPError as exc:
                row["failure"] = f"no answer: {type(exc).__name__}: {exc}"
    text = log.read_text(errors="replace")
    row["traceback"] = "Traceback (most recent call last)" in text
    return row


def main(argv: list[str] | None = None) -> int:
    """Run the plain-mode OpenAPI 3 cases; see the module docstring."""
    args = parse_peer_args(__doc__, "stoplightio/prism", "test-harness/specs", argv, show=200)
    if args is None:
        return 2
    sys.path.insert(0, str(ROOT / "scripts"))
    found = cases(args.checkout)
    plain = [(n, c) for n, c in found if c.get("server", "").strip() == PLAIN and (not args.only or args.only in n)]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="vg-prism-") as tmp:
        for name, case in plain:
            work = Path(tmp) / str(len(rows))
            work.mkdir()
            rows.append(run_case(name, case, work))
    passed = [r for r in rows if "failure" not in r]
    status = [r for r in rows if r.get("status_match")]
    crashed = [r for r in rows if r["traceback"]]
    print(f"{len(found)} OpenAPI 3 cases, {len(plain)} in plain mode; env {os.name}")
    print(f"passed        {len(passed)}/{len(rows)} = {len(passed) / max(len(rows), 1):.1%}")
    print(f"status right  {len(status)}/{len(rows)}")
    # Prism-only query switches (`?__code=`, `?__example=`): `Prefer` is the standard way.
    switched = {n for n, c in plain if re.search(r"[?&]__(code|example|dynamic)=", c.get("command", ""))}
    standard = [r for r in rows if r["case"] not in switched]
    ok = [r for r in standard if "failure" not in r]
    print(f"without Prism-only ?__ switches: {len(ok)}/{len(standard)} = {len(ok) / max(len(standard), 1):.1%}")
    print(f"tracebacks    {len(crashed)}")
    for row in [r for r in rows if "failure" in r][: args.show]:
        print(f"  {row['case']}: {row['failure']}{' [traceback]' if row['traceback'] else ''}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0 if rows and len(passed) / len(rows) >= TARGET and not crashed else 1


if __name__ == "__main__":
    raise SystemExit(main())
