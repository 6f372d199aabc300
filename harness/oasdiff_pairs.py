#!/usr/bin/env python3
"""Find the pairs of spec files that oasdiff's Go checker tests compare, and the change IDs each test expects.

Extract (base, revision, expected change IDs) pairs from oasdiff's checker tests.

Usage:  python3 oasdiff_pairs.py /path/to/oasdiff [--json-out FILE] [--verbose]

`pairs(checkout)` statically analyses checker/*_test.go in an oasdiff checkout
and returns one dict per (test, checker run) whose base/revision specs are two
files on disk that the test uses unmodified.  See the module-level docs of the
individual functions for the heuristics used.  Standard library only.

Each returned dict has:
  test, file            Go test function and file (relative to the checkout)
  base, revision        absolute paths of the two spec files
  ids                   change-ID strings the test asserts are reported ([] = asserts none)
  levels                {id: "ERR"|"WARN"|"INFO"|"UNKNOWN"} from checker/rules.go
  default_config        True when diff config is diff.NewConfig() and the checker
                        config is all checks / a restriction of the checks
  only_check            (optional) the single check function the run is limited to
  only_checks           (optional) list of checks, when limited to several
  non_default           (optional) why default_config is False
  min_level             the report threshold the test used (CheckBackwardCompatibility
                        = WARN; ...UntilLevel(..., L) = L).  Changes below this level
                        were filtered out before the assertions ran.
  absent_ids            IDs the test asserts are NOT reported (requireNoChange, NotContains ...)
  expected_count        (optional) number of changes the test asserts (Len / Single / Empty / ElementsMatch)
  exact                 True when the asserted IDs account for every reported change
                        (count known and equal to the number of asserted ID occurrences)
  versioning_policy     "disabled" when the test switched off the api-version-* rules
                        (allChecksConfig/singleCheckConfig do; all are INFO level)
  loader                (optional) non-default openapi3 loader settings (origin tracking, external refs)
  line                  line of the checker call in the test file
  assertion             "fires" (ids non-empty) | "none" (asserts no change at >= min_level)
                        | "absent_only" (only asserts that absent_ids are not reported)
  id_counts             (optional) how often each id is asserted, when some id is asserted >1 times
  notes                 (optional) IDs asserted indirectly (found=true / findChange + require.True/NotNil ...)
                        or not counted (guard-only ifs, disjunctions)
  via                   (optional) helper that ran the checker (verifyNonBreakingChangeIsChangelogEntry)

`test` is "TestName" or "TestName/subtest" (t.Run or an expanded []struct table row).
`pairs()` returns default AND non-default pairs; filter on default_config.
Base = first spec operand of diff.GetWithOperationsSourcesMap(cfg, base, revision)
(d(t, cfg, a, b) -> base=openapi-test<a>.yaml, revision=openapi-test<b>.yaml).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NotRequired, TypedDict

__all__ = ["main", "pairs"]

# The --help description (the original first docstring line; kept verbatim so the CLI text is unchanged).
_CLI_DESCRIPTION = "Extract (base, revision, expected change IDs) pairs from oasdiff's checker tests."

# One extracted pair (see the module docstring for its keys); skip records use the same shape.
Pair = dict[str, Any]
# (pair or None, skip reason or None, record) for one checker run.
RunResult = tuple[Pair | None, str | None, Pair]


class Run(TypedDict):
    """One checker run found in a test body."""

    pos: int
    end: int
    kind: str
    args: list[str]
    resvar: str | None
    stmt_start: int
    seg_override: NotRequired[str]
    via: NotRequired[str]


class CheckConfig(TypedDict):
    """What parse_check_config found out about a *checker.Config expression."""

    default: bool
    reasons: list[str]
    only: str | list[str] | None
    versioning: str


class Assertions(TypedDict):
    """What analyse_assertions found in an assertion segment."""

    fires: list[str]
    absent: list[str]
    count: int | None
    occurrences: int
    notes: list[str]
    any_of: list[str]


class RunSetup(TypedDict):
    """The resolved inputs of one checker run: spec paths, configs and report threshold."""

    base_rel: str
    rev_rel: str
    loader: str | None
    load_opts: list[str]
    diff_cfg: str
    min_level: str
    cc: CheckConfig


# --------------------------------------------------------------------------
# Go lexing helpers
# --------------------------------------------------------------------------


def strip_comments(src: str) -> str:
    """Replace Go comments by spaces (keeping newlines), leaving string literals intact."""
    out: list[str] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "/" and i + 1 < n and src[i + 1] == "/":
            j = src.find("\n", i)
            if j < 0:
                j = n
            out.append(" " * (j - i))
            i = j
        elif c == "/" and i + 1 < n and src[i + 1] == "*":
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                if src[j] == "\\":
                    j += 1
                elif src[j] == "\n":
                    break
                j += 1
            out.append(src[i : j + 1])
            i = j + 1
        elif c == "`":
            j = src.find("`", i + 1)
            j = n - 1 if j < 0 else j
            out.append(src[i : j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _skip_string(s: str, i: int) -> int:
    """s[i] is a quote; return index just past the literal."""
    q = s[i]
    if q == "`":
        j = s.find("`", i + 1)
        return len(s) if j < 0 else j + 1
    j = i + 1
    while j < len(s) and s[j] != q:
        if s[j] == "\\":
            j += 1
        j += 1
    return j + 1


def match_close(s: str, i: int) -> int:
    """s[i] is an opening bracket; return index of its matching close bracket."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[s[i]]]
    j = i + 1
    while j < len(s):
        c = s[j]
        if c in "\"'`":
            j = _skip_string(s, j)
            continue
        if c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            if not stack or c != stack[-1]:
                return -1
            stack.pop()
            if not stack:
                return j
        j += 1
    return -1


def split_top_level(s: str, sep: str) -> list[str]:
    """`s` cut at each `sep` outside strings and brackets; the pieces as written (the last one too)."""
    pieces: list[str] = []
    cur: list[str] = []
    depth, j = 0, 0
    while j < len(s):
        c = s[j]
        if c in "\"'`":
            k = _skip_string(s, j)
            cur.append(s[j:k])
            j = k
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == sep and depth == 0:
            pieces.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        j += 1
    return [*pieces, "".join(cur)]


def split_args(s: str) -> list[str]:
    """Split a call's argument text at top-level commas."""
    args = [arg.strip() for arg in split_top_level(s, ",")]
    return args[:-1] if args[-1] == "" else args


def find_calls(text: str, name_re: str) -> Iterator[tuple[int, int, list[str], re.Match[str]]]:
    """Yield (start, end_exclusive, args, match) for calls `name(...)` where name matches name_re."""
    for m in re.finditer(r"(?<![\w.])(?:" + name_re + r")\s*\(", text):
        op = m.end() - 1
        cl = match_close(text, op)
        if cl < 0:
            continue
        yield m.start(), cl + 1, split_args(text[op + 1 : cl]), m


def enclosing_calls(text: str, pos: int) -> list[str]:
    """Names of the calls whose argument lists enclose text[pos], innermost first."""
    names: list[str] = []
    depth = 0
    j = pos - 1
    while j >= 0:
        c = text[j]
        if c in ")]}":
            depth += 1
        elif c in "([{":
            if depth == 0:
                if c == "(":
                    m = re.search(r"([\w.]+)\s*$", text[:j])
                    names.append(m.group(1) if m else "")
                elif c == "{" and is_block_brace(text, j):
                    pass  # statement block, not a composite literal
                else:
                    m = re.search(r"([\w.\]\[*]+)\s*$", text[:j])
                    names.append((m.group(1) if m else "") + c)
            else:
                depth -= 1
        elif c == "\n" and depth == 0 and not names:
            pass
        j -= 1
    return names


BLOCK_LINE_RE = re.compile(
    r"^\s*(\}\s*else\b|else\b|if\b|for\b|switch\b|select\b|case\b|default\b|func\b|go\b|defer\b)"
    r"|\bfunc\s*\("
)


def is_block_brace(text: str, j: int) -> bool:
    """True when the `{` at text[j] opens a statement block (gofmt style: preceded by a space
    on a line that starts with if/for/func/...), False for a composite literal."""
    if j == 0 or text[j - 1] not in " \t":
        return False
    ls = text.rfind("\n", 0, j) + 1
    line = text[ls:j]
    if not line.strip() or line.rstrip().endswith((",", "{")):
        return False  # element literal `{` of a slice/map literal
    return bool(BLOCK_LINE_RE.search(line)) or line.rstrip().endswith(")")


def go_string(expr: str) -> str | None:
    """Value of a Go string literal (interpreted or raw), or None when expr is not one."""
    expr = expr.strip()
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', expr)
    if m:
        return bytes(m.group(1), "utf-8").decode("unicode_escape")
    m = re.fullmatch(r"`([^`]*)`", expr)
    if m:
        return m.group(1)
    return None


def line_of(text: str, pos: int) -> int:
    """1-based line number of text[pos]."""
    return text.count("\n", 0, pos) + 1


# --------------------------------------------------------------------------
# IDs and levels
# --------------------------------------------------------------------------


def load_id_constants(checker_dir: Path) -> dict[str, str]:
    """Go constant name -> string value for every `XxxId = "..."` in checker/*.go (non-test)."""
    ids: dict[str, str] = {}
    for f in sorted(checker_dir.glob("*.go")):
        if f.name.endswith("_test.go"):
            continue
        src = strip_comments(f.read_text())
        # const ( ... ) blocks and single-line consts
        blocks = [m.group(1) for m in re.finditer(r"\bconst\s*\((.*?)\n\)", src, re.S)]
        blocks += [m.group(1) for m in re.finditer(r'\bconst\s+(\w+\s*(?:string\s*)?=\s*"[^"]*")', src)]
        for b in blocks:
            for m in re.finditer(r'^\s*(\w+)\s*(?:string\s*)?=\s*"((?:[^"\\]|\\.)*)"', b, re.M):
                ids[m.group(1)] = m.group(2)
    return ids


def load_rule_levels(checker_dir: Path, consts: dict[str, str]) -> dict[str, str]:
    """ID string -> level, from the newBackwardCompatibilityRule(Id, LEVEL, ...) entries of rules.go.

    The level is the second argument of each rule constructor; if the same ID were
    declared twice the last one wins (that is what rulesToLevels does)."""
    src = strip_comments((checker_dir / "rules.go").read_text())
    levels: dict[str, str] = {}
    for _s, _e, args, m in find_calls(src, r"newBackwardCompatibilityRule"):
        if src[max(0, m.start() - 5) : m.start()].endswith("func "):
            continue  # the definition itself
        if len(args) < 2:
            continue
        idname, lvl = args[0].strip(), args[1].strip()
        idval = consts.get(idname) or go_string(idname)
        if idval is None:
            continue
        levels[idval] = lvl.replace("checker.", "")
    return levels


# --------------------------------------------------------------------------
# helper definitions (helpers_test.go etc.)
# --------------------------------------------------------------------------


def load_data_file_fns(test_srcs: dict[str, str]) -> dict[str, str]:
    """`fooFile = dataFileFn("sub")` -> {"fooFile": "../data/sub/"}; also verifies dataFileFn's format."""
    fmt = "../data/%s/%s"
    for src in test_srcs.values():
        m = re.search(r'func dataFileFn\(subdir string\)[^{]*\{.*?fmt\.Sprintf\("([^"]*)"', src, re.S)
        if m:
            fmt = m.group(1)
    out: dict[str, str] = {}
    for src in test_srcs.values():
        for m in re.finditer(r'\b(\w+)\s*=\s*dataFileFn\("([^"]*)"\)', src):
            out[m.group(1)] = fmt.replace("%s", m.group(2), 1).replace("%s", "", 1)
    return out


def load_l_format(test_srcs: dict[str, str]) -> str:
    """The Sprintf format of the test helper l(t, v), i.e. the path of spec number v."""
    for src in test_srcs.values():
        m = re.search(r'func l\(t \*testing\.T, v int[^{]*\{.*?Sprintf\("([^"]*)", v\)', src, re.S)
        if m:
            return m.group(1)
    return "../data/openapi-test%d.yaml"


def load_loadfrom_format(test_srcs: dict[str, str]) -> str:
    """The Sprintf format that the test helper loadFrom(t, prefix, v) appends to prefix."""
    for src in test_srcs.values():
        m = re.search(
            r'func loadFrom\(t \*testing\.T, prefix string, v int\)[^{]*\{.*?Sprintf\(prefix\s*\+\s*"([^"]*)", v\)',
            src,
            re.S,
        )
        if m:
            return m.group(1)
    return "spec%d.yaml"


# --------------------------------------------------------------------------
# test analysis
# --------------------------------------------------------------------------

LEVELS = {"checker.ERR": "ERR", "checker.WARN": "WARN", "checker.INFO": "INFO", "checker.NONE": "NONE"}

NEGATIVE_CALLS = {
    "requireNoChange",
    "require.NotContains",
    "assert.NotContains",
    "require.False",
    "assert.False",
    "require.NotEqual",
    "assert.NotEqual",
    "require.Nil",
    "assert.Nil",
}
ASSERT_PREFIXES = (
    "require.",
    "assert.",
    "requireChange",
    "requireSingleChange",
    "requireApiChange",
    "requireSingleApiChange",
    "requireApiChanges",
    "requireNoChange",
    "requireViolation",
)

# helper functions whose semantics we model (name -> description)
#   d(t, cfg, v1, v2)                      -> l(v1) vs l(v2), allChecksConfig(), WARN
#   stabilityChanges(t, base, rev, sl)     -> stabilityFile(base) vs stabilityFile(rev),
#                                             allChecksConfig()+StabilityLevel, INFO
#   nullableWrapChanges(t, base, rev)      -> open(base) vs open(rev),
#                                             NewConfig(GetAllChecks(), withoutVersioningPolicy()), INFO
KNOWN_PAIR_HELPERS = ("d", "stabilityChanges", "nullableWrapChanges")


class Ctx:
    """Everything read once from the checkout: test sources, ID constants, rule levels, helper formats."""

    def __init__(self, checkout: Path) -> None:
        self.checkout = checkout
        self.checker_dir = checkout / "checker"
        self.test_files = sorted(self.checker_dir.glob("*_test.go"))
        self.raw = {f.name: f.read_text() for f in self.test_files}
        self.src = {k: strip_comments(v) for k, v in self.raw.items()}
        self.consts = load_id_constants(self.checker_dir)
        self.levels = load_rule_levels(self.checker_dir, self.consts)
        self.data_fns = load_data_file_fns(self.src)
        self.l_fmt = load_l_format(self.src)
        self.loadfrom_fmt = load_loadfrom_format(self.src)
        # non-Test helper functions that run the diff or the checker themselves
        self.pair_helpers: set[str] = set()
        self.helper_bodies: dict[str, str] = {}
        for src in self.src.values():
            for m in re.finditer(r"^func (\w+)\(", src, re.M):
                name = m.group(1)
                if name.startswith(("Test", "Example", "Benchmark", "Fuzz")):
                    continue
                ob = src.find("{", m.end())
                cb = match_close(src, ob) if ob >= 0 else -1
                body = src[ob:cb]
                self.helper_bodies[name] = body
                if re.search(r"GetWithOperationsSourcesMap|CheckBackwardCompatibility|GetPathsDiff", body):
                    self.pair_helpers.add(name)
        changed = True
        while changed:  # helpers that call pair helpers run the checker too
            changed = False
            for name, body in self.helper_bodies.items():
                if name not in self.pair_helpers and any(
                    re.search(r"(?<![\w.])" + re.escape(h) + r"\(", body) for h in self.pair_helpers
                ):
                    self.pair_helpers.add(name)
                    changed = True

    def abs_path(self, rel: str) -> str:
        """Absolute path of a spec path given relative to checker/."""
        return str((self.checker_dir / rel).resolve())


def iter_test_funcs(src: str) -> Iterator[tuple[str, int, int, str]]:
    """Yield (name, body_start, body_end, body) for each `func TestXxx(t *testing.T)` in src."""
    for m in re.finditer(r"^func (Test\w+)\s*\(\s*t\s+\*testing\.T\s*\)\s*\{", src, re.M):
        ob = m.end() - 1
        cb = match_close(src, ob)
        yield m.group(1), ob + 1, cb, src[ob + 1 : cb]


def resolve_string_expr(ctx: Ctx, expr: str, body: str, before: int) -> str | None:
    """Evaluate a Go expression that denotes a (relative) file path, statically."""
    expr = expr.strip()
    s = go_string(expr)
    if s is not None:
        return s
    # string concatenation
    parts = split_top_level(expr, "+")
    if len(parts) > 1:
        vals = [resolve_string_expr(ctx, x, body, before) for x in parts]
        known = [v for v in vals if v is not None]
        return None if len(known) < len(vals) else "".join(known)
    m = re.fullmatch(r"(\w+)\((.*)\)", expr, re.S)
    if m and m.group(1) in ctx.data_fns:
        inner = resolve_string_expr(ctx, m.group(2), body, before)
        return None if inner is None else ctx.data_fns[m.group(1)] + inner
    m = re.fullmatch(r"filepath\.Join\((.*)\)", expr, re.S)
    if m:
        joined = [resolve_string_expr(ctx, a, body, before) for a in split_args(m.group(1))]
        known = [p for p in joined if p is not None]
        if len(known) == len(joined):
            return "/".join(p.strip("/") if i else p.rstrip("/") for i, p in enumerate(known))
        return None
    m = re.fullmatch(r"[A-Za-z_]\w*", expr)
    if m:
        # last simple assignment of this identifier before `before`
        cands = list(re.finditer(r"(?<![\w.])" + re.escape(expr) + r"\s*:?=\s*([^\n]+)", body[:before]))
        for cand in reversed(cands):
            val = cand.group(1).strip()
            if val.startswith("="):
                continue
            return resolve_string_expr(ctx, val, body, cand.start())
        # package-level const/var in any test file
        for src in ctx.src.values():
            mm = re.search(r"^\s*" + re.escape(expr) + r'\s*=\s*("[^"\n]*")\s*$', src, re.M)
            if mm:
                return go_string(mm.group(1))
    return None


class Spec:
    """A statement that binds `var` to a spec loaded from `path` (None when the path is not static)."""

    def __init__(
        self,
        var: str | None,
        path: str | None,
        start: int,
        end: int,
        *,
        loader: str | None = None,
        load_opts: list[str] | None = None,
        reason: str | None = None,
    ) -> None:
        self.var, self.path, self.start, self.end = var, path, start, end
        self.loader: str | None = loader
        self.load_opts: list[str] = load_opts or []
        self.reason: str | None = reason


def find_spec_loads(ctx: Ctx, body: str) -> list[Spec]:
    """All statements that bind a variable to a loaded spec."""
    specs: list[Spec] = []
    # open(...)
    for s, e, args, _m in find_calls(body, r"open"):
        lhs = re.search(r"(\w+)\s*(?:,\s*\w+)?\s*:?=\s*$", body[:s])
        if not lhs:
            continue
        path = resolve_string_expr(ctx, args[0], body, s) if args else None
        loader = args[1].strip() if len(args) > 1 else None
        specs.append(
            Spec(
                lhs.group(1),
                path,
                lhs.start(),
                e,
                loader=loader,
                reason=None if path else f"unresolved path expr {args[0] if args else ''!r}",
            )
        )
    # l(t, N)
    for s, e, args, _m in find_calls(body, r"l"):
        lhs = re.search(r"(\w+)\s*:?=\s*$", body[:s])
        if not lhs or len(args) < 2 or args[0] != "t":
            continue
        path = ctx.l_fmt % int(args[1]) if args[1].isdigit() else None
        specs.append(
            Spec(
                lhs.group(1),
                path,
                lhs.start(),
                e,
                loader=args[2] if len(args) > 2 else None,
                reason=None if path else f"unresolved l() arg {args[1]!r}",
            )
        )
    # loadFrom(t, prefix, N)
    for s, e, args, _m in find_calls(body, r"loadFrom"):
        lhs = re.search(r"(\w+)\s*:?=\s*$", body[:s])
        pref = resolve_string_expr(ctx, args[1], body, s) if len(args) > 2 else None
        path = pref + ctx.loadfrom_fmt % int(args[2]) if pref is not None and args[2].isdigit() else None
        specs.append(
            Spec(
                lhs.group(1) if lhs else None,
                path,
                lhs.start() if lhs else s,
                e,
                reason=None if path else "unresolved loadFrom args",
            )
        )
    # loader.LoadFromFile(path)  (returns *openapi3.T)
    for s, e, args, m in find_calls(body, r"\w+\.LoadFromFile"):
        lhs = re.search(r"(\w+)\s*(?:,\s*\w+)?\s*:?=\s*$", body[:s])
        if not lhs:
            continue
        path = resolve_string_expr(ctx, args[0], body, s)
        specs.append(
            Spec(
                lhs.group(1),
                path,
                lhs.start(),
                e,
                loader=m.group(0).split(".")[0],
                reason=None if path else "unresolved LoadFromFile path",
            )
        )
    # load.NewSpecInfo(loader, load.NewSource(path), opts...)
    for s, e, args, _m in find_calls(body, r"load\.NewSpecInfo"):
        lhs = re.search(r"(\w+)\s*(?:,\s*\w+)?\s*:?=\s*$", body[:s])
        if not lhs or len(args) < 2:
            continue
        mm = re.fullmatch(r"load\.NewSource\((.*)\)", args[1].strip(), re.S)
        path = resolve_string_expr(ctx, mm.group(1), body, s) if mm else None
        specs.append(
            Spec(
                lhs.group(1),
                path,
                lhs.start(),
                e,
                loader=args[0],
                load_opts=args[2:],
                reason=None if path else "unresolved NewSpecInfo source",
            )
        )
    specs.sort(key=lambda x: x.start)
    return specs


def loader_desc(ctx: Ctx, loader: str | None, body: str, before: int) -> str | None:
    """Describe non-default openapi3 loader settings (origin tracking, external refs), or None."""
    if not loader:
        return None
    loader = loader.strip()
    if loader == "newLoaderWithOriginTracking()":
        return "IncludeOrigin"
    if loader == "openapi3.NewLoader()":
        return None
    if re.fullmatch(r"\w+", loader):
        assignments = list(re.finditer(r"(?<![\w.])" + loader + r"\s*:?=\s*([^\n]+)", body[:before]))
        m = assignments[-1] if assignments else None  # the last assignment
        opts: list[str] = []
        if m:
            v = m.group(1).strip()
            if v == "newLoaderWithOriginTracking()":
                opts.append("IncludeOrigin")
            for mm in re.finditer(r"(?<![\w.])" + loader + r"\.(\w+)\s*=\s*([^\n]+)", body[m.start() : before]):
                opts.append(f"{mm.group(1)}={mm.group(2).strip()}")
        return ",".join(opts) or None
    return loader


def spec_var_uses_ok(body: str, var: str, allowed: list[tuple[int, int]]) -> str | None:
    """Return a description of the first use of `var` that may modify the loaded spec, or None.

    Allowed: the load statement itself, the diff call, and read-only uses (`var.Url`,
    arguments of require.*/assert.* calls that are not assignments)."""
    for m in re.finditer(r"(?<![\w.])" + re.escape(var) + r"\b", body):
        p = m.start()
        if any(a <= p < b for a, b in allowed):
            continue
        # expression chain after the identifier
        j = m.end()
        while j < len(body):
            if body[j] == ".":
                mm = re.match(r"\.\w+", body[j:])
                if not mm:
                    break
                j += mm.end()
            elif body[j] in "[(":
                k = match_close(body, j)
                if k < 0:
                    break
                j = k + 1
            else:
                break
        chain = body[p:j]
        after = body[j : j + 4]
        line = body[body.rfind("\n", 0, p) + 1 : body.find("\n", p)].strip()
        if re.match(r"\s*(=(?!=)|\+=|-=|\+\+|--)", after):
            return f"assigns to {chain}: {line[:140]}"
        # declared again (shadowing / new binding) -> only a problem if later mutated; treat as use
        encl = enclosing_calls(body, p)
        if chain in (var,) and re.match(r"\s*(,\s*\w+\s*)?:=", body[j : j + 10]):
            return f"re-binds {var}: {line[:140]}"
        if re.fullmatch(re.escape(var) + r"\.(Url|Version|GetVersion\(\))", chain):
            continue
        if (
            encl
            and encl[0].startswith(("require.", "assert."))
            and not re.search(r"\.(Set|Delete|Add|Put|Remove|Append)\w*\(", chain)
        ):
            continue
        if re.search(r"[:=]\s*$", body[max(0, p - 40) : p]) and ".Spec" in chain:
            return f"aliases part of {var}.Spec: {line[:140]}"
        return f"uses {chain} in Go code: {line[:140]}"
    return None


def _add_config_opts(out: CheckConfig, opts: Iterable[str]) -> None:
    """Record the effect of checker config options (allChecksConfig(opts...) etc.) in `out`."""
    for raw in opts:
        o = raw.strip()
        if o == "withoutVersioningPolicy()":
            out["versioning"] = "disabled"
            continue
        if o.startswith("checker.WithSingleCheck(") or o.startswith("checker.WithChecks("):
            out["only"] = o
            continue
        out["default"] = False
        if re.fullmatch(r"checker\.WithDeprecation\(\s*0\s*,\s*0\s*\)", o):
            o += " [same values as DefaultBeta/StableDeprecationDays]"
        out["reasons"].append(o[:120])


def _parse_config_var(ctx: Ctx, expr: str, body: str, before: int, depth: int) -> CheckConfig | None:
    """Follow a config variable to its last assignment before `before` (None when there is none)."""
    cands = list(re.finditer(r"(?<![\w.])" + re.escape(expr) + r"\s*:?=\s*", body[:before]))
    if not cands:
        return None
    c = cands[-1]
    # the assigned expression may span lines
    k = c.end()
    mm = re.match(r"[\w.]+\(", body[k:])
    if mm:
        cl = match_close(body, k + mm.end() - 1)
        val = body[k : cl + 1]
    else:
        val = body[k : body.find("\n", k)]
    out = parse_check_config(ctx, val, body, c.start(), depth + 1)
    # field modifications after the assignment
    for fm in re.finditer(
        r"(?<![\w.])" + re.escape(expr) + r"\.(\w+)(\[[^\]]*\])?\s*=(?!=)\s*([^\n]+)", body[c.end() : before]
    ):
        out["default"] = False
        out["reasons"].append(f"{expr}.{fm.group(1)}{fm.group(2) or ''} = {fm.group(3).strip()[:60]}")
    return out


def parse_check_config(ctx: Ctx, expr: str, body: str, before: int, depth: int = 0) -> CheckConfig:
    """Describe a *checker.Config expression."""
    expr = expr.strip()
    out: CheckConfig = {"default": True, "reasons": [], "only": None, "versioning": "disabled"}

    m = re.fullmatch(r"allChecksConfig\((.*)\)", expr, re.S)
    if m:
        _add_config_opts(out, split_args(m.group(1)))
        return out
    m = re.fullmatch(r"singleCheckConfig\((.*)\)", expr, re.S)
    if m:
        a = split_args(m.group(1))
        out["only"] = a[0].replace("checker.", "") if a else None
        _add_config_opts(out, a[1:])
        return out
    m = re.fullmatch(r"checker\.NewConfig\((.*)\)", expr, re.S)
    if m:
        a = split_args(m.group(1))
        out["versioning"] = "enabled"
        chk = a[0].strip() if a else ""
        if chk in ("checker.GetAllChecks()",):
            pass
        elif bm := re.fullmatch(r"checker\.BackwardCompatibilityChecks\{(.*)\}", chk, re.S):
            items = [x.replace("checker.", "") for x in split_args(bm.group(1))]
            out["only"] = items[0] if len(items) == 1 else items
        else:
            out["default"] = False
            out["reasons"].append(f"checks={chk[:80]}")
        _add_config_opts(out, a[1:])
        return out
    if re.fullmatch(r"[A-Za-z_]\w*", expr) and depth < 3:
        resolved = _parse_config_var(ctx, expr, body, before, depth)
        if resolved is not None:
            return resolved
    out["default"] = False
    out["reasons"].append(f"unresolved checker config {expr[:80]}")
    return out


def parse_level(expr: str) -> str:
    return LEVELS.get(expr.strip(), expr.strip())


def spec_operand(expr: str) -> str | None:
    """Variable named by a diff-call operand: `s1`, `&load.SpecInfo{Spec: s1}`."""
    expr = expr.strip()
    if re.fullmatch(r"\w+", expr):
        return expr
    m = re.fullmatch(r"&load\.SpecInfo\{(.*)\}", expr, re.S)
    if m:
        for a in split_args(m.group(1)):
            mm = re.fullmatch(r"Spec\s*:\s*(\w+)", a.strip())
            if mm:
                return mm.group(1)
    return None


def id_value(ctx: Ctx, token: str) -> str | None:
    token = token.strip()
    m = re.fullmatch(r"checker\.(\w+)", token)
    if m and m.group(1) in ctx.consts:
        return ctx.consts[m.group(1)]
    s = go_string(token)
    if s is not None and s in ctx.levels:
        return s
    return None


POSITIVE_ON_VAR = {"True", "NotNil", "NotEmpty", "NotZero", "Positive", "Greater", "GreaterOrEqual"}
NEGATIVE_ON_VAR = {"False", "Nil", "Empty", "Zero"}


def _stmt_bounds(text: str, pos: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    return ls, (len(text) if le < 0 else le)


def _find_block_after(text: str, pos: int) -> tuple[int, int] | None:
    """For an `if cond {` / `case X:` containing pos, return the span of the guarded block."""
    ls, le = _stmt_bounds(text, pos)
    line = text[ls:le]
    if re.match(r"\s*case\b", line):
        indent = len(line) - len(line.lstrip())
        colon = text.find(":", pos)
        m = None
        for m in re.finditer(r"\n([ \t]*)(case\b|default\b|\})", text[colon:]):
            if len(m.group(1)) <= indent:
                break
        end = colon + m.start() if m else len(text)
        return colon + 1, end
    depth = 0
    j = pos
    while j < len(text):
        c = text[j]
        if c in "\"'`":
            j = _skip_string(text, j)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                return None
        elif c == "{" and depth == 0:
            if is_block_brace(text, j):
                k = match_close(text, j)
                return (j + 1, k) if k > 0 else None
            k = match_close(text, j)
            if k < 0:
                return None
            j = k
        elif c == "\n" and depth == 0:
            return None
        j += 1
    return None


def _var_assertion(seg: str, start: int, var: str) -> tuple[str | None, str]:
    """Classify the first require/assert call after `start` that mentions `var`."""
    for _s, _e, args, m in find_calls(seg[start:], r"(?:require|assert)\.\w+"):
        if not re.search(r"(?<![\w.])" + re.escape(var) + r"\b", " ".join(args[1:])):
            continue
        fn = m.group(0).split(".")[1].rstrip("( ")
        expr = " ".join(args[1:])
        if "||" in expr:
            return None, f"asserted in a disjunction ({expr[:60]})"
        if fn in POSITIVE_ON_VAR:
            return "fires", ""
        if fn in NEGATIVE_ON_VAR:
            return "absent", ""
        if fn in ("Len",) and len(args) > 2:
            return ("absent" if args[2].strip() == "0" else "fires"), ""
        if fn in ("Equal", "EqualValues") and len(args) > 2:
            other = args[1] if var in args[2] else args[2]
            if other.strip() == "0":
                return "absent", ""
            if re.fullmatch(r"\d+", other.strip()) or re.search(r"\{\s*\S", other):
                return "fires", ""
        if fn == "ElementsMatch" and len(args) > 2:
            other = args[1] if var in args[2] else args[2]
            return ("fires" if re.search(r"\{\s*\S", other) else "absent"), ""
        return None, f"asserted with require.{fn}"
    return None, "no assertion on the collected value"


def resolve_indirect(seg: str, pos: int) -> tuple[str | None, str]:
    """An ID referenced outside an assertion: follow `if x.GetId() == ID { found = true }` /
    `v := findChange(errs, ID)` / `case ID: list = append(...)` to the assertion on the collector."""
    encl = enclosing_calls(seg, pos)
    names = [n for n in encl if not n.endswith(("{", "["))]
    group = any(n == "slices.Contains" for n in names)
    ls, le = _stmt_bounds(seg, pos)
    line = seg[ls:le]
    if "||" in line:
        group = True
    # v := findChange(errs, ID)
    if names and names[0] in ("findChange", "containsId"):
        m = re.match(r"\s*(\w+)\s*:?=", line)
        if m:
            kind, why = _var_assertion(seg, le, m.group(1))
            return kind, why
        return None, f"{names[0]} result not asserted"
    blk = _find_block_after(seg, pos)
    if not blk:
        return None, "not in an assertion nor an if/case condition"
    block = seg[blk[0] : blk[1]]
    m = re.search(r"(?<![\w.])(\w+)\s*(?:(?<![:=!<>])=(?!=)|\+\+|\+=)", block)
    if not m:
        return None, "only guards assertions on matching changes (does not assert presence)"
    kind, why = _var_assertion(seg, blk[1], m.group(1))
    if kind == "fires" and group:
        return None, "one of several IDs (disjunction)"
    return kind, why


def _const_id_assertions(ctx: Ctx, seg: str, out: Assertions) -> None:
    """Add the `checker.XxxId` constants asserted in seg (directly or via a collector) to `out`."""
    any_of: list[str] = []
    for m in re.finditer(r"checker\.(\w+)\b", seg):
        name = m.group(1)
        if name not in ctx.consts:
            continue
        val = ctx.consts[name]
        if name.endswith("CommentId") or (val not in ctx.levels and not name.endswith("Id")):
            continue  # comment/message IDs are not change IDs
        encl = enclosing_calls(seg, m.start())
        top = [n for n in encl if not n.endswith(("{", "["))]
        if any("map[" in n for n in encl):
            continue  # config literal such as WithSeverityLevels(map[...]...)
        pre = seg[max(0, m.start() - 60) : m.start()]
        is_field = re.search(r"\bId\s*:\s*$", pre) is not None
        in_struct = any(n.endswith("{") for n in encl)
        if in_struct and not is_field and not any(n.endswith("string{") for n in encl):
            continue  # some other struct field referencing a constant
        if (top and top[0].startswith(ASSERT_PREFIXES)) or (
            top and top[0] in ("containsId", "findChange") and len(top) > 1 and top[1].startswith(ASSERT_PREFIXES)
        ):
            outer = top[0] if top[0].startswith(ASSERT_PREFIXES) else top[1]
            neg = outer in NEGATIVE_CALLS
            if outer in ("require.Nil", "assert.Nil") and top[0] != "findChange":
                neg = False
            if neg:
                out["absent"].append(val)
            else:
                out["fires"].append(val)
                out["occurrences"] += 1
            continue
        kind, why = resolve_indirect(seg, m.start())
        if kind == "fires":
            out["fires"].append(val)
            out["occurrences"] += 1
            out["notes"].append(f"{val}: asserted indirectly (collector variable)")
        elif kind == "absent":
            out["absent"].append(val)
            out["notes"].append(f"{val}: asserted absent indirectly")
        else:
            out["notes"].append(f"{val}: not counted ({why})")
            if why.startswith("one of"):
                any_of.append(val)
    out["any_of"] = uniq(any_of)


def _literal_id_assertions(ctx: Ctx, seg: str, out: Assertions) -> None:
    """Add literal id strings compared with GetId() / .Id in require/assert calls to `out`."""
    for m in re.finditer(r'"([a-z0-9-]+)"', seg):
        if m.group(1) in ctx.levels:
            encl = enclosing_calls(seg, m.start())
            ls, le = _stmt_bounds(seg, m.start())
            stmt = seg[ls:le]
            if encl and encl[0].startswith(("require.", "assert.")) and ("GetId()" in stmt or ".Id" in stmt):
                if encl[0] in NEGATIVE_CALLS:
                    out["absent"].append(m.group(1))
                else:
                    out["fires"].append(m.group(1))
                    out["occurrences"] += 1


def _asserted_count(seg: str, resvar: str | None) -> int | None:
    """The number of changes seg asserts (Len / Equal(len) / Empty / Single / ElementsMatch), or None."""
    count = None
    rv = re.escape(resvar) if resvar else r"\w+"
    for m in re.finditer(r"require\.Len\(t,\s*" + rv + r",\s*(\d+)", seg):
        count = int(m.group(1))
    for m in re.finditer(r"(?:require|assert)\.Equal\(t,\s*(\d+),\s*len\(" + rv + r"\)", seg):
        count = int(m.group(1))
    if re.search(r"(?:require|assert)\.(Empty|Nil)\(t,\s*" + rv + r"\s*[,)]", seg):
        count = 0
    if re.search(r"requireSingle(Api)?Change\(", seg):
        count = 1
    for _s, _e, args, m in find_calls(seg, r"requireApiChanges|require\.ElementsMatch|require\.Equal"):
        if m.group(0).startswith("require.Equal") and not (len(args) > 1 and args[1].startswith("[]string{")):
            continue
        if len(args) >= 3 and re.fullmatch(rv, args[2].strip()):
            mm = re.match(r"\[\][\w.*]+\{(.*)\}$", args[1].strip(), re.S)
            if mm:
                count = len(split_args(mm.group(1)))
    return count


def analyse_assertions(ctx: Ctx, seg: str, resvar: str | None) -> Assertions:
    """Collect asserted IDs from an assertion segment (text after the checker call)."""
    out: Assertions = {"fires": [], "absent": [], "count": None, "occurrences": 0, "notes": [], "any_of": []}
    _const_id_assertions(ctx, seg, out)
    _literal_id_assertions(ctx, seg, out)
    out["count"] = _asserted_count(seg, resvar)
    return out


def uniq(xs: Iterable[str]) -> list[str]:
    """The distinct items of xs, in first-seen order."""
    return list(OrderedDict.fromkeys(xs))


TABLE_RE = re.compile(r"for\s+_\s*,\s*(\w+)\s*:=\s*range\s+\[\]struct\s*\{")


def _substitute_row(loop_body: str, var: str, rowmap: dict[str, str]) -> str:
    """Replace `var.field` in loop_body by the row's value for field (left alone when the row has none)."""
    return re.sub(
        r"(?<![\w.])" + re.escape(var) + r"\.(\w+)\b", lambda mm: rowmap.get(mm.group(1), mm.group(0)), loop_body
    )


def _table_rows(rows_text: str, fields: list[str], var: str, loop_body: str) -> list[tuple[str, str]] | None:
    """[(row_name, loop_body with the row substituted)] for the rows of a []struct literal;
    None when a row is not a `{...}` literal."""
    rows: list[tuple[str, str]] = []
    for i, raw_row in enumerate(split_args(rows_text)):
        row = raw_row.strip()
        if not (row.startswith("{") and row.endswith("}")):
            return None
        vals = split_args(row[1:-1])
        rowmap: dict[str, str] = {}
        for k, v in enumerate(vals):
            kv = re.match(r"(\w+)\s*:\s*(.*)$", v, re.S)
            if kv and kv.group(1) in fields:
                rowmap[kv.group(1)] = kv.group(2).strip()
            elif k < len(fields):
                rowmap[fields[k]] = v.strip()
        text = _substitute_row(loop_body, var, rowmap)
        name = go_string(rowmap.get("name", "")) or f"#{i:02d}"
        rows.append((name, text))
    return rows


def expand_tables(body: str) -> Iterator[tuple[int, int, list[tuple[str, str]] | None]]:
    """Yield (loop_start, loop_end, [(row_name, substituted_loop_body_text)]) for
    `for _, tc := range []struct{...}{rows} { ... }` loops; rows are substituted into `tc.field`.
    The row list is None when a row is not a `{...}` literal."""
    for m in TABLE_RE.finditer(body):
        var = m.group(1)
        ob = m.end() - 1
        cb = match_close(body, ob)
        fields: list[str] = []
        for raw_decl in body[ob + 1 : cb].strip().splitlines():
            decl = raw_decl.strip()
            if not decl:
                continue
            names_part = decl.rsplit(None, 1)[0] if len(decl.split()) > 1 else ""
            fields += [f.strip() for f in names_part.split(",") if f.strip()]
        rows_ob = body.index("{", cb + 1)
        rows_cb = match_close(body, rows_ob)
        loop_ob = body.index("{", rows_cb + 1)
        loop_cb = match_close(body, loop_ob)
        loop_body = body[loop_ob : loop_cb + 1]
        yield m.start(), loop_cb + 1, _table_rows(body[rows_ob + 1 : rows_cb], fields, var, loop_body)


# a call of one of the KNOWN_PAIR_HELPERS with t as first argument
HELPER_CALL_RE = r"(?<![\w.])(" + "|".join(KNOWN_PAIR_HELPERS) + r")\(t,"


def analyse_function(
    ctx: Ctx, fname: str, tname: str, body: str, *, body_off: int, src: str
) -> tuple[list[RunResult], str | None]:
    """Return (results, whole_skip_reason)."""
    if re.search(r"GetPathsDiff\(", body):
        return [], "composed mode (diff.GetPathsDiff over spec lists)"
    if re.search(r"LoadFromData|openapi3\.T\{|os\.WriteFile|t\.TempDir\(", body):
        return [], "spec built inline / written at runtime"
    has_run = re.search(
        r"diff\.GetWithOperationsSourcesMap|checker\.CheckBackwardCompatibility|" + HELPER_CALL_RE, body
    )
    unmodelled = ctx.pair_helpers - set(KNOWN_PAIR_HELPERS) - {"verifyNonBreakingChangeIsChangelogEntry"}
    other_helpers = sorted({h for h in unmodelled if re.search(r"(?<![\w.])" + re.escape(h) + r"\(", body)})
    if other_helpers:
        return [], f"uses helper that mutates/builds specs: {','.join(other_helpers)}"
    if not has_run:
        return [], "does not run the checker on a spec pair"
    if not re.search(
        r"checker\.CheckBackwardCompatibility|verifyNonBreakingChangeIsChangelogEntry\(|" + HELPER_CALL_RE, body
    ):
        return [], "diffs specs but does not run the checker (diff-only test)"
    results: list[RunResult] = []
    loops = list(expand_tables(body))
    exclude = [(a, b) for a, b, _r in loops]
    # range loops over something other than a literal []struct table: runs inside are not static
    for m in re.finditer(r"for\s+\w+\s*,\s*(\w+)\s*:=\s*range\s+([\w.]+)\s*\{", body):
        ob = m.end() - 1
        cb = match_close(body, ob)
        inner = body[ob:cb]
        if re.search(r"GetWithOperationsSourcesMap|CheckBackwardCompatibility|" + HELPER_CALL_RE, inner):
            exclude.append((m.start(), cb + 1))
            line = src[:body_off].count("\n") + body[: m.start()].count("\n") + 1
            results.append(
                (None, "table-driven over a non-literal table (pair not static)", {"test": tname, "line": line})
            )
    results += analyse_test(ctx, fname, tname, body, body_off=body_off, src=src, exclude=exclude)
    for a, b, rows in loops:
        if rows is None:
            results.append((None, "table-driven with unparsed rows", {"test": tname, "file": f"checker/{fname}"}))
            continue
        for name, text in rows:
            nb = body[:a] + text + body[b:]
            results += analyse_test(
                ctx, fname, tname, nb, body_off=body_off, src=src, region=(a, a + len(text)), row_name=name
            )
    return results, None


Call = tuple[int, int, list[str], re.Match[str]]  # as yielded by find_calls
Subtest = tuple[int, int, str]  # (start, end, subtest name) of a t.Run call


def _collect_runs(body: str) -> list[Run]:
    """The checker runs in body, sorted by position: checker calls, known pair helpers and the two runs
    of verifyNonBreakingChangeIsChangelogEntry."""
    check_calls = list(find_calls(body, r"checker\.CheckBackwardCompatibility(?:UntilLevel)?"))
    helper_calls: list[tuple[str, Call]] = []
    for h in KNOWN_PAIR_HELPERS:
        for c in find_calls(body, re.escape(h)):
            if not (c[2] and c[2][0] == "t"):
                continue
            if h == "d" and len(c[2]) < 4:
                continue
            helper_calls.append((h, c))
    runs: list[Run] = []
    for s, e, args, _m in check_calls:
        lhs = re.search(r"(\w+)\s*:?=\s*$", body[:s])
        runs.append(
            {
                "pos": s,
                "end": e,
                "kind": "check",
                "args": args,
                "resvar": lhs.group(1) if lhs else None,
                "stmt_start": lhs.start() if lhs else s,
            }
        )
    for h, (s, e, args, _m) in helper_calls:
        lhs = re.search(r"(\w+)\s*:?=\s*$", body[:s])
        runs.append(
            {
                "pos": s,
                "end": e,
                "kind": h,
                "args": args,
                "resvar": lhs.group(1) if lhs else None,
                "stmt_start": lhs.start() if lhs else s,
            }
        )
    # verifyNonBreakingChangeIsChangelogEntry(t, d, osm, id): two checker runs on the test's diff
    #   CheckBackwardCompatibility(allChecksConfig())            -> require.Empty
    #   ...UntilLevel(allChecksConfig(), INFO)                   -> Len 1, INFO, GetId() == id
    for s_, e_, args, _m in find_calls(body, r"verifyNonBreakingChangeIsChangelogEntry"):
        if len(args) < 4:
            continue
        runs.append(
            {
                "pos": s_,
                "end": e_,
                "kind": "check",
                "args": ["allChecksConfig()", args[1], args[2]],
                "resvar": "errs",
                "stmt_start": s_,
                "seg_override": "require.Empty(t, errs)\n",
                "via": "verifyNonBreakingChangeIsChangelogEntry",
            }
        )
        runs.append(
            {
                "pos": s_,
                "end": e_,
                "kind": "check",
                "args": ["allChecksConfig()", args[1], args[2], "checker.INFO"],
                "resvar": "errs",
                "stmt_start": s_,
                "via": "verifyNonBreakingChangeIsChangelogEntry",
                "seg_override": f"require.Len(t, errs, 1)\nrequire.Equal(t, {args[3]}, errs[0].GetId())\n",
            }
        )
    runs.sort(key=lambda r: r["pos"])
    return runs


def _setup_check_run(
    ctx: Ctx, run: Run, body: str, specs: list[Spec], diff_calls: list[Call], *, rec: Pair
) -> RunSetup | str:
    """Resolve a CheckBackwardCompatibility run to its spec files and configs, or return a skip reason
    (a mutated spec also sets rec['detail'])."""
    args = run["args"]
    cfg_expr = args[0] if args else ""
    dvar = args[1].strip() if len(args) > 1 else ""
    min_level = parse_level(args[3]) if len(args) > 3 else "WARN"
    # the diff call producing dvar
    dc = None
    for s, e, a, _m in diff_calls:
        if s < run["pos"]:
            lhs = re.search(r"(\w+)\s*,\s*(\w+)\s*,\s*\w+\s*:?=\s*$", body[:s])
            if lhs and lhs.group(1) == dvar:
                dc = (s, e, a, lhs.start())
    if dc is None:
        return f"checker input not produced by a diff call in this test ({dvar})"
    ds, de, da, _dstmt = dc
    diff_cfg = da[0].strip()
    bvar, rvar = spec_operand(da[1]), spec_operand(da[2])
    if not bvar or not rvar:
        return "diff operands are not plain spec variables"

    def last_load(var: str) -> Spec | None:
        cand = [sp for sp in specs if sp.var == var and sp.start < ds]
        return cand[-1] if cand else None

    bs, rs = last_load(bvar), last_load(rvar)
    if not bs or not rs:
        return "spec variable not loaded from a file in this test"
    # (a Spec has a reason whenever its path is None, so the None checks only narrow the types)
    if bs.reason or rs.reason or bs.path is None or rs.path is None:
        return f"spec path not static ({bs.reason or rs.reason})"
    # mutation check on both vars (between load and diff call, and also after, conservatively
    # only before the check call, since checker only sees the diff)
    for sp, var in ((bs, bvar), (rs, rvar)):  # var == sp.var
        allowed = [(sp.start, sp.end), (ds, de)]
        # other loads of the same var are also fine
        allowed += [(o.start, o.end) for o in specs if o.var == var]
        # any diff call (a test may diff the same specs in both directions)
        allowed += [(s_, e_) for s_, e_, _a, _m in diff_calls]
        region_end = run["pos"]
        prob = spec_var_uses_ok(body[:region_end], var, allowed)
        if prob:
            rec["detail"] = prob
            return "spec mutated in Go code"
    loader = (
        ",".join(
            filter(None, {loader_desc(ctx, bs.loader, body, bs.start), loader_desc(ctx, rs.loader, body, rs.start)})
        )
        or None
    )
    return {
        "base_rel": bs.path,
        "rev_rel": rs.path,
        "loader": loader,
        "load_opts": bs.load_opts + rs.load_opts,
        "diff_cfg": diff_cfg,
        "min_level": min_level,
        "cc": parse_check_config(ctx, cfg_expr, body, run["pos"]),
    }


def _setup_helper_run(ctx: Ctx, run: Run, body: str) -> RunSetup | str | None:
    """Resolve a run of one of the KNOWN_PAIR_HELPERS; a str is a skip reason, None an unknown helper."""
    args = run["args"]
    if run["kind"] == "d":
        if not (args[2].isdigit() and args[3].isdigit()):
            return "spec path not static (d() args)"
        return {
            "base_rel": ctx.l_fmt % int(args[2]),
            "rev_rel": ctx.l_fmt % int(args[3]),
            "loader": loader_desc(ctx, args[4], body, run["pos"]) if len(args) > 4 else None,
            "load_opts": [],
            "diff_cfg": args[1].strip(),
            "min_level": "WARN",
            "cc": parse_check_config(ctx, "allChecksConfig()", body, run["pos"]),
        }
    if run["kind"] == "stabilityChanges":
        b, r = (resolve_string_expr(ctx, a, body, run["pos"]) for a in args[1:3])
        if b is None or r is None:
            return "spec path not static (stabilityChanges args)"
        cc = parse_check_config(ctx, "allChecksConfig()", body, run["pos"])
        sl = args[3].strip()
        if sl != "checker.StabilityLevelBeta":  # DefaultStabilityLevel
            cc["default"] = False
            cc["reasons"].append(f"StabilityLevel={sl}")
        return {
            "base_rel": ctx.data_fns["stabilityFile"] + b,
            "rev_rel": ctx.data_fns["stabilityFile"] + r,
            "loader": None,
            "load_opts": [],
            "diff_cfg": "diff.NewConfig()",
            "min_level": "INFO",
            "cc": cc,
        }
    if run["kind"] == "nullableWrapChanges":
        b, r = (resolve_string_expr(ctx, a, body, run["pos"]) for a in args[1:3])
        if b is None or r is None:
            return "spec path not static (nullableWrapChanges args)"
        cfg = "checker.NewConfig(checker.GetAllChecks(), withoutVersioningPolicy())"
        return {
            "base_rel": b,
            "rev_rel": r,
            "loader": None,
            "load_opts": [],
            "diff_cfg": "diff.NewConfig()",
            "min_level": "INFO",
            "cc": parse_check_config(ctx, cfg, body, run["pos"]),
        }
    return None


def _assertion_segment(body: str, run: Run, boundaries: list[int]) -> str:
    """The text after the run up to the next run / spec load / diff call / subtest end, cut where the
    result variable is reassigned; for helpers without a result variable the call's line is prefixed."""
    seg_end = len(body)
    for b in boundaries:
        if b > run["end"]:
            seg_end = b
            break
    seg = body[run["end"] : seg_end]
    resvar = run["resvar"]
    if resvar:
        ra = re.search(r"(?<![\w.])" + re.escape(resvar) + r"\s*(?:,\s*\w+\s*)*(?<![=!<>:])=(?!=)", seg)
        if ra:
            seg = seg[: ra.start()]
    # for d()/helpers the call itself may be inside an assertion: include the statement
    if resvar is None:
        stmt_line_start = body.rfind("\n", 0, run["pos"]) + 1
        seg = body[stmt_line_start : run["pos"]] + "__RUN__" + seg
    if "seg_override" in run:
        seg = run["seg_override"]
    return seg


def _finish_record(ctx: Ctx, rec: Pair, run: Run, setup: RunSetup, asr: Assertions) -> RunResult:
    """Fill in rec from the resolved run and its assertions; classify it as a pair or a skip."""
    cc = setup["cc"]
    non_default = []
    if setup["diff_cfg"] != "diff.NewConfig()":
        non_default.append(f"diff config {setup['diff_cfg'][:80]}")
    if not cc["default"]:
        non_default += cc["reasons"]
    non_default += [f"load option {o.strip()}" for o in setup["load_opts"]]

    ids = uniq(asr["fires"])
    skip_r = None
    kind = None
    if ids:
        kind = "fires"
    elif asr["count"] == 0:
        kind = "none"
    elif asr["count"] is not None:
        skip_r = "asserts a change count / text / level but no IDs"
    elif asr["absent"]:
        kind = "absent_only"
    elif asr["any_of"]:
        kind = "any_of_only"
    else:
        skip_r = "no assertion about change IDs (e.g. only NotEmpty / text)"
    rec.update(
        {
            "base": ctx.abs_path(setup["base_rel"]),
            "revision": ctx.abs_path(setup["rev_rel"]),
            "ids": ids,
            "levels": {i: ctx.levels.get(i, "UNKNOWN") for i in ids},
            "default_config": not non_default,
            "min_level": setup["min_level"],
            "absent_ids": uniq(asr["absent"]),
            "assertion": None if skip_r else kind,
            "versioning_policy": cc["versioning"],
        }
    )
    if cc["only"]:
        if isinstance(cc["only"], list):
            rec["only_checks"] = cc["only"]
        else:
            rec["only_check"] = cc["only"]
    if non_default:
        rec["non_default"] = "; ".join(non_default)
    if asr["count"] is not None:
        rec["expected_count"] = asr["count"]
    cnt = Counter(asr["fires"])
    if any(n > 1 for n in cnt.values()):
        rec["id_counts"] = dict(cnt)
    rec["exact"] = asr["count"] is not None and asr["count"] == asr["occurrences"] and (asr["count"] == 0 or bool(ids))
    if setup["loader"]:
        rec["loader"] = setup["loader"]
    if run.get("via"):
        rec["via"] = run["via"]
    if asr["notes"]:
        rec["notes"] = asr["notes"]
    if asr["any_of"]:
        rec["any_of_ids"] = asr["any_of"]
    for p in (rec["base"], rec["revision"]):
        if not Path(p).is_file():
            skip_r = "spec file missing on disk"
    return (rec if not skip_r else None, skip_r, rec)


def analyse_test(
    ctx: Ctx,
    fname: str,
    tname: str,
    body: str,
    *,
    body_off: int,
    src: str,
    region: tuple[int, int] | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    row_name: str | None = None,
) -> list[RunResult]:
    """Return a list of (pair or None, skip reason or None, info) for each checker run in body
    (restricted to `region` and outside `exclude` spans)."""
    results: list[RunResult] = []
    specs = find_spec_loads(ctx, body)
    diff_calls = list(find_calls(body, r"diff\.GetWithOperationsSourcesMap"))
    subtests: list[Subtest] = []
    for s_, e_, a_, _m in find_calls(body, r"t\.Run"):
        nm = go_string(a_[0]) if a_ else None
        subtests.append((s_, e_, (nm or row_name or "?").replace(" ", "_")))

    runs = _collect_runs(body)
    diff_stmts = [(re.search(r"(\w+\s*,\s*)*\w+\s*:?=\s*$", body[:s]) or m).start() for s, _e, _a, m in diff_calls]
    boundaries = sorted(
        [r["stmt_start"] for r in runs] + [sp.start for sp in specs] + diff_stmts + [e_ for _s, e_, _n in subtests]
    )
    base_line = src[:body_off].count("\n")

    for run in runs:
        if region and not (region[0] <= run["pos"] < region[1]):
            continue
        if any(a_ <= run["pos"] < b_ for a_, b_ in exclude):
            continue
        name = tname
        for s_, e_, nm in subtests:
            if s_ <= run["pos"] < e_:
                name = f"{tname}/{nm}"
        if row_name and name == tname:
            name = f"{tname}/{row_name.replace(' ', '_')}"
        rec: Pair = {"test": name, "file": f"checker/{fname}", "line": base_line + body[: run["pos"]].count("\n") + 1}
        if run["kind"] == "check":
            setup: RunSetup | str | None = _setup_check_run(ctx, run, body, specs, diff_calls, rec=rec)
        else:
            setup = _setup_helper_run(ctx, run, body)
        if setup is None:
            continue
        if isinstance(setup, str):
            results.append((None, setup, rec))
            continue
        asr = analyse_assertions(ctx, _assertion_segment(body, run, boundaries), run["resvar"])
        results.append(_finish_record(ctx, rec, run, setup, asr))
    return results


def analyse(checkout: Path) -> tuple[Ctx, list[tuple[str, str]], list[Pair], list[dict[str, Any]]]:
    """Analyse every checker test; return (ctx, [(file, test)], pairs, skipped)."""
    ctx = Ctx(checkout)
    pairs_out: list[Pair] = []
    skipped: list[dict[str, Any]] = []
    tests: list[tuple[str, str]] = []
    for f in ctx.test_files:
        src = ctx.src[f.name]
        for tname, off, _cb, body in iter_test_funcs(src):
            tests.append((f.name, tname))
            res, whole_skip = analyse_function(ctx, f.name, tname, body, body_off=off, src=src)
            if whole_skip:
                skipped.append({"test": tname, "file": f"checker/{f.name}", "reason": whole_skip})
                continue
            for rec, reason, info in res:
                if rec is not None:
                    pairs_out.append(rec)
                else:
                    d = {
                        "test": info.get("test", tname),
                        "file": f"checker/{f.name}",
                        "reason": reason,
                        "line": info.get("line"),
                    }
                    if info.get("detail"):
                        d["detail"] = info["detail"]
                    skipped.append(d)
    return ctx, tests, pairs_out, skipped


def pairs(checkout: str | Path) -> list[Pair]:
    """All extracted pairs (default and non-default config); filter on p['default_config']."""
    return analyse(Path(checkout))[2]


def _summarise(
    checkout: Path, ctx: Ctx, tests: list[tuple[str, str]], prs: list[Pair], skipped: list[dict[str, Any]]
) -> dict[str, Any]:
    """The counts that main() prints."""
    default = [p for p in prs if p["default_config"]]
    tests_with_pair = {(p["file"], p["test"].split("/")[0]) for p in prs}
    by_reason = Counter(s["reason"] for s in skipped)
    nd_reasons: Counter[str] = Counter()
    for p in prs:
        if not p["default_config"]:
            for r in p["non_default"].split("; "):
                nd_reasons[re.sub(r"\(.*", "(...)", r)] += 1
    return {
        "checkout": str(checkout.resolve()),
        "test_files": len(ctx.test_files),
        "test_functions": len(tests),
        "id_constants": len(ctx.consts),
        "rules_with_levels": len(ctx.levels),
        "rule_level_counts": dict(Counter(ctx.levels.values())),
        "pairs_extracted": len(prs),
        "pairs_default_config": len(default),
        "pairs_non_default_config": len(prs) - len(default),
        "pairs_default_by_assertion": dict(Counter(p["assertion"] for p in default)),
        "pairs_default_exact": sum(1 for p in default if p["exact"]),
        "pairs_default_min_level": dict(Counter(p["min_level"] for p in default)),
        "pairs_default_single_check": sum(1 for p in default if "only_check" in p or "only_checks" in p),
        "tests_with_at_least_one_pair": len(tests_with_pair),
        "distinct_default_spec_pairs": len({(p["base"], p["revision"]) for p in default}),
        "tests_without_any_pair": len(tests) - len(tests_with_pair),
        "skipped_total": len(skipped),
        "skip_units": "whole-function skips count once per test; run-level skips (mutated spec, "
        "no ID assertion, non-static table row) count once per checker run",
        "skipped_by_reason": dict(by_reason.most_common()),
        "non_default_reasons": dict(nd_reasons.most_common()),
        "ids_with_unknown_level": sorted({i for p in prs for i, lvl in p["levels"].items() if lvl == "UNKNOWN"}),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: print a JSON summary; optionally write the pairs and the skips to files."""
    ap = argparse.ArgumentParser(description=_CLI_DESCRIPTION)
    ap.add_argument("checkout", help="a checkout of oasdiff")
    ap.add_argument("--json-out", help="write the full list of pairs to this file")
    ap.add_argument("--skips-out", help="write the list of skipped tests/runs to this file")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args(argv)
    ctx, tests, prs, skipped = analyse(Path(a.checkout))
    summary = _summarise(Path(a.checkout), ctx, tests, prs, skipped)
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(prs, indent=1))
    if a.skips_out:
        Path(a.skips_out).write_text(json.dumps(skipped, indent=1))
    if a.verbose:
        summary["pairs"] = prs
        summary["skipped"] = skipped
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
