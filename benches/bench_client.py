"""`make bench` (client part): the generated client's decoding beside pydantic v2, measured side by side.

The corpus is N single-conversation bodies from the embedded mock (the same bytes for
every contender). The peer models are made from the same spec by datamodel-code-generator
(pydantic v2 `BaseModel`s, a bench-only dependency), at the start of the run. Measured,
interleaved over rounds, best round kept (the machines are shared and noisy):

* `client`: `orjson.loads` then `ConversationEnvelope.from_dict` (lenient, the default);
* `client strict`: the same with `strict=True`;
* `pydantic`: `ConversationEnvelope.model_validate_json` (lax), and `strict=True`;
* the limit: `msgspec.json.decode` and `orjson.loads` (parsing alone, no model).

Memory per decoded conversation: tracemalloc's bytes for 200 decoded envelopes held at
once, client beside pydantic. Returns the figures; `benches.run` writes them out.
"""

from __future__ import annotations

import gc
import importlib.util
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson

from vgcontract.live import Target
from vgcontract.mock import build_app
from vgcontract.spec import find_project, load_spec
from voiceglow_client.models import ConversationEnvelope

__all__ = ["measure"]

PROJECT = find_project(Path(__file__).resolve().parent)


def corpus(count: int) -> list[bytes]:
    """`count` distinct conversation bodies, as the mock serves them."""
    app = build_app(load_spec(PROJECT.spec))
    agent, ids = app.sample_ids(count)
    headers = {b"authorization": f"Bearer {app.token}".encode()}
    bodies = []
    for convo in ids:
        path = Target(load_spec(PROJECT.spec), "", app.token, agent, (), ()).conversation_path(convo)  # the marked GET
        reply = app.respond("GET", f"{app.base_path}{path}".encode(), headers)
        assert reply.status == 200
        bodies.append(reply.body)
    return bodies


def _without_email_format(spec: Path, workdir: Path) -> Path:
    """The spec with `format: email` dropped: the peer then skips email-validator, its fastest form."""
    text = spec.read_text(encoding="utf-8")
    out = workdir / "spec-no-email.yaml"
    out.write_text("\n".join(line for line in text.splitlines() if line.strip() != "format: email") + "\n")
    return out


def pydantic_models(workdir: Path, spec: Path, name: str) -> Any:
    """The spec's models as datamodel-code-generator makes them (pydantic v2), imported."""
    out = workdir / f"{name}.py"
    command = [
        str(Path(sys.executable).parent / "datamodel-codegen"),
        "--input", str(spec), "--input-file-type", "openapi",
        "--output-model-type", "pydantic_v2.BaseModel", "--output", str(out),
        "--target-python-version", "3.11", "--use-annotated", "--disable-timestamp",
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    found = importlib.util.spec_from_file_location(name, out)
    if found is None or found.loader is None:
        raise RuntimeError(f"{out}: datamodel-code-generator wrote nothing importable")
    module = importlib.util.module_from_spec(found)
    sys.modules[name] = module
    found.loader.exec_module(module)
    return module


def _rate(decode: Callable[[bytes], Any], bodies: list[bytes]) -> float:
    started = time.perf_counter()
    for body in bodies:
        decode(body)
    return len(bodies) / (time.perf_counter() - started)


def _memory(decode: Callable[[bytes], Any], bodies: list[bytes]) -> float:
    """Bytes allocated per decoded body that stay alive while all of them are held."""
    gc.collect()
    tracemalloc.start()
    held = [decode(body) for body in bodies]
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    return size / len(bodies)


def measure(count: int = 200, rounds: int = 7) -> dict[str, Any]:
    """Every contender on the same corpus; bodies/s (best round) and bytes per decoded body."""
    bodies = corpus(count)
    with tempfile.TemporaryDirectory(prefix="vgcontract-bench-") as tmp:
        work = Path(tmp)
        peer = pydantic_models(work, PROJECT.spec, "peer_models").ConversationEnvelope
        plain = pydantic_models(work, _without_email_format(PROJECT.spec, work), "peer_plain").ConversationEnvelope
        contenders: dict[str, Callable[[bytes], Any]] = {
            "client": lambda b: ConversationEnvelope.from_dict(orjson.loads(b)),
            "client_strict": lambda b: ConversationEnvelope.from_dict(orjson.loads(b), strict=True),
            "pydantic": peer.model_validate_json,
            "pydantic_strict": lambda b: peer.model_validate_json(b, strict=True),
            "pydantic_no_email": plain.model_validate_json,
            "pydantic_no_email_strict": lambda b: plain.model_validate_json(b, strict=True),
            "msgspec_parse": msgspec.json.decode,
            "orjson_parse": orjson.loads,
        }
        for decode in contenders.values():  # every contender decodes the whole corpus without error
            for body in bodies:
                decode(body)
        best = dict.fromkeys(contenders, 0.0)
        for _ in range(rounds):
            for name, decode in contenders.items():
                best[name] = max(best[name], _rate(decode, bodies))
        memory = {name: _memory(contenders[name], bodies) for name in ("client", "pydantic_no_email")}
    size = sum(map(len, bodies)) / len(bodies)
    return {
        "bodies": count,
        "mean_body_bytes": round(size),
        "per_second": {name: round(rate) for name, rate in best.items()},
        # `pydantic` is the peer as datamodel-code-generator makes it from the spec (EmailStr
        # for `format: email`, so email-validator runs); `no_email` is its fastest form.
        "ratios": {
            "client_vs_pydantic": best["client"] / best["pydantic"],
            "client_strict_vs_pydantic_strict": best["client_strict"] / best["pydantic_strict"],
            "client_vs_pydantic_no_email": best["client"] / best["pydantic_no_email"],
            "client_strict_vs_pydantic_no_email_strict": best["client_strict"] / best["pydantic_no_email_strict"],
            "client_vs_orjson_parse": best["client"] / best["orjson_parse"],
            "client_vs_msgspec_parse": best["client"] / best["msgspec_parse"],
        },
        "bytes_per_decoded": {name: round(value) for name, value in memory.items()},
    }


if __name__ == "__main__":
    print(orjson.dumps(measure(), option=orjson.OPT_INDENT_2).decode())
