"""The one spec reader: bounded, strict about duplicate keys, reading only the spec's own files.

Every limit is one line and exit 2, before any engine starts; a `$ref` to a URL, an absolute
path or a file outside the spec's directory tree is refused without being opened.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from tests.grown_shapes import write_recursive
from vgcontract.cli import main
from vgcontract.spec import MAX_FILE_BYTES, SpecReadError, load_spec, parse_spec

_SPEC_COMMANDS = (["lint-spec", "--spec"], ["mock", "--list-faults", "--spec"], ["spec-diff", "--changelog"])


def _alias_bomb(levels: int = 9, width: int = 9) -> str:
    names = [f"l{n}" for n in range(levels + 1)]
    text = f"x-bomb:\n  {names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * width) + "]\n"
    for previous, name in itertools.pairwise(names):
        text += f"  {name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]\n"
    return "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n" + text


def _fan_out(levels: int = 9, width: int = 10) -> str:
    schemas = ["    S0: {type: string}\n"]
    for n in range(1, levels + 1):
        members = ", ".join(f"p{i}: {{$ref: '#/components/schemas/S{n - 1}'}}" for i in range(width))
        schemas.append(f"    S{n}: {{type: object, properties: {{{members}}}}}\n")
    return "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" + "".join(schemas)


@pytest.mark.parametrize("make", [_alias_bomb, _fan_out], ids=["alias-bomb", "ref-fan-out"])
def test_a_bomb_is_one_line_and_exit_2_in_every_command(
    make: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "bomb.yaml"
    spec.write_text(make(), encoding="utf-8")  # type: ignore[operator]
    assert len(spec.read_bytes()) < 4096
    for command in _SPEC_COMMANDS:
        argv = [*command, str(spec)]
        assert main(argv) == 2, argv
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1, (argv, err)
        assert "refused" in err[0], (argv, err)


def test_a_bomb_is_refused_within_bounds_in_a_fresh_process(tmp_path: Path) -> None:
    spec = tmp_path / "bomb.yaml"
    spec.write_text(_alias_bomb(), encoding="utf-8")
    # VmHWM is this process's own peak: ru_maxrss would carry the pytest worker's over exec.
    code = (
        "import sys\nfrom vgcontract.cli import main\n"
        f"code = main(['lint-spec', '--spec', {str(spec)!r}])\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "print(code, int(hwm[0].split()[1]) // 1024 if hwm else 0, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    exit_code, peak_mib = (int(v) for v in run.stderr.strip().splitlines()[-1].split())
    assert exit_code == 2
    # Refused before anything expands: a bomb that expanded would take gigabytes, not this.
    assert peak_mib < 200, peak_mib


def test_a_spec_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    spec = tmp_path / "huge.yaml"
    with spec.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: a byte over the cap, none of it written
    with pytest.raises(SpecReadError, match="larger than"):
        load_spec(spec)


@pytest.mark.parametrize(
    "ref",
    [
        "http://127.0.0.1:9/schema.yaml",
        "file:///etc/hostname",
        "/etc/hostname",
        "../outside.yaml",
        "sub/../../outside.yaml",
    ],
)
def test_a_ref_outside_the_spec_tree_is_refused_before_it_is_opened(
    ref: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outside.yaml").write_text("type: string\n", encoding="utf-8")
    (tmp_path / "api").mkdir()
    spec = tmp_path / "api" / "spec.yaml"
    text = write_recursive(tmp_path / "api").read_text().replace("label: {type: string}", f"label: {{$ref: '{ref}'}}")
    spec.write_text(text, encoding="utf-8")
    assert main(["spec-diff", str(spec), str(spec)]) == 2
    err = capsys.readouterr().err
    assert "refused" in err or "only" in err
    assert "type: string" not in err


def test_a_symlink_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("type: string\n", encoding="utf-8")
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    spec = write_recursive(tmp_path / "api")
    spec.write_text(spec.read_text().replace("label: {type: string}", "label: {$ref: './link.yaml'}"))
    with pytest.raises(SpecReadError, match="leaves the spec's directory"):
        load_spec(spec)


def test_yaml_tags_json_cannot_hold_are_refused() -> None:
    with pytest.raises(SpecReadError, match="JSON"):
        parse_spec("openapi: 3.1.0\ninfo: {title: t, version: !!binary aGk=}\npaths: {}\n", "t.yaml")


def test_json_duplicate_keys_are_refused_with_the_line() -> None:
    text = '{\n "openapi": "3.1.0",\n "info": {"title": "t", "version": "1"},\n "paths": {},\n "paths": {}\n}\n'
    with pytest.raises(SpecReadError, match=r"t\.json:5: duplicate key 'paths'"):
        parse_spec(text, "t.json")


def test_a_pure_ref_cycle_names_nothing_and_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_recursive(tmp_path)
    loop = "{$ref: '#/components/schemas/Loop'}"
    text = spec.read_text().replace("label: {type: string}", f"label: {loop}")
    spec.write_text(text.replace("  schemas:\n", f"  schemas:\n    Loop: {loop}\n", 1))
    assert main(["lint-spec", "--spec", str(spec)]) == 1
    assert "invalid-ref" in capsys.readouterr().out


@pytest.mark.slow
def test_spec_only_commands_import_no_engine(tmp_path: Path) -> None:
    spec = write_recursive(tmp_path)
    heavy = ("schemathesis", "hypothesis", "httpx", "openapi_python_client", "vgcontract.drift", "vgcontract.live",
             "vgcontract.contract", "vgcontract.mock")  # fmt: skip
    for argv in (["--help"], ["lint-spec", "--spec", str(spec)], ["spec-diff", str(spec), str(spec)],
                 ["release", "--check"], ["vendor", "--check", str(tmp_path)]):  # fmt: skip
        code = (
            "import sys\nfrom vgcontract.cli.main import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.startswith({heavy!r})))\n"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
        assert run.stdout.strip().splitlines()[-1] == "[]", (argv, run.stdout[-500:], run.stderr[-500:])


_SHARED = """openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
x-shared:
  a: &part {k: [1, 2]}
  b: *part
"""


def test_a_text_read_again_gives_the_caller_its_own_copy(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(_SHARED, encoding="utf-8")
    first = load_spec(spec).document
    first["info"]["title"] = "changed by a caller"
    first["x-shared"]["a"]["k"].append(3)
    again = load_spec(spec).document
    assert again["info"]["title"] == "t"
    assert again["x-shared"]["a"] == {"k": [1, 2]}
    assert again["x-shared"]["a"] is again["x-shared"]["b"]  # an alias stays one object, as on the first read
    assert parse_spec(_SHARED, "text").document == again


def test_an_edited_file_is_read_anew_and_a_bad_one_fails_every_time(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(_SHARED, encoding="utf-8")
    assert load_spec(spec).document["info"]["title"] == "t"
    spec.write_text(_SHARED.replace("title: t", "title: edited"), encoding="utf-8")
    assert load_spec(spec).document["info"]["title"] == "edited"
    spec.write_text(_SHARED + "paths: {}\n", encoding="utf-8")  # a duplicate key
    for _ in range(2):
        with pytest.raises(SpecReadError, match="duplicate key 'paths'"):
            load_spec(spec)
