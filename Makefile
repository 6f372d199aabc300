# vgcontract: every task is a target here; CI calls the same targets (.ci/run).
# The first target that needs the environment builds .venv from requirements.lock, using
# nothing but python3 (3.11+), pip, git and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMP  := $(VENV)/.installed
# uv-build (the generated package's build backend) looks for its binary on PATH.
export PATH := $(BIN):$(PATH)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Every variable a user may set reaches the recipes through the environment and is quoted
# there ("$$NAME"): a value is one argument, never shell code (a branch named `main;id;#` is
# a legal git ref). Make still expands $(NAME) where it decides, never inside a command.
# Each is exported where its default is set (`export NAME ?= default`): a bare `export NAME`
# before it would define it empty, and `?=` would then keep it empty.
export PYTHON DEST VERSION

.DEFAULT_GOAL := help
.PHONY: deps mutate lint-actions help setup peer-opc peer-opc-functional peer-opc-baselines peer-oasdiff peer-prism contract drift fix-drift mock selftest bench reliability release fuzz dist vendor-check spec-diff ci-summary ruff test lint lint-spec lint-spectral typecheck generate check-generated lock clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml generated/pyproject.toml
	@"$$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "vgcontract needs Python 3.11 or newer as PYTHON (set PYTHON=...)" >&2; exit 2; }
	@test -x $(VENV)/bin/python || "$$PYTHON" -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e . -e ./generated
	@# Editable sources get no bytecode from pip; compiled once here, no command compiles them
	@# again at start-up (PYTHONDONTWRITEBYTECODE machines never write it themselves).
	$(VENV)/bin/python -m compileall -q scripts generated/voiceglow_client >/dev/null
	@touch $@

setup: $(STAMP)  ## build .venv from the lock file (every other target does this first)

# SPEC=path/to/spec.yaml points every spec-reading target at another spec; by default each
# command uses the project's ([tool.vgcontract] in pyproject.toml).
export SPEC ?=
SPEC_ARG := $(if $(SPEC),--spec "$$SPEC")
ifneq ($(SPEC),)
export VGCONTRACT_SPEC := $(abspath $(SPEC))
endif

export FAIL_ON ?= warning
export HYGIENE ?= warning
contract: $(STAMP)  ## the main job: the API (mock by default, live with VOICEGLOW_BASE_URL) keeps to the spec
	$(BIN)/vgcontract lint-spec $(SPEC_ARG)
	$(BIN)/vgcontract check-generated $(SPEC_ARG)
	$(BIN)/vgcontract contract $(SPEC_ARG) --reports reports --fail-on "$$FAIL_ON" --hygiene "$$HYGIENE"
	VGCONTRACT_HYGIENE="$$HYGIENE" $(BIN)/python -m pytest -q -p no:cacheprovider contract_tests --junitxml=reports/contract-suites.junit.xml

drift: $(STAMP)  ## drift check: live with VOICEGLOW_BASE_URL (IDs from VOICEGLOW_CONVO_IDS), else the mock; fails at FAIL_ON; writes the spec patch
	$(BIN)/vgcontract lint-spec $(SPEC_ARG)
	$(BIN)/vgcontract drift --live $(SPEC_ARG) --no-progress --reports reports --fail-on "$$FAIL_ON" --suggest-patch reports/spec.patch

fix-drift: $(STAMP)  ## the nightly loop: drift -> verified spec patch applied -> make release -> reports/pr-body.md
	$(BIN)/vgcontract lint-spec $(SPEC_ARG)
	$(BIN)/vgcontract fix-drift $(SPEC_ARG) --no-progress --reports reports --fail-on "$$FAIL_ON" --state reports/fix-state

export SEEDS ?= 200
selftest: $(STAMP)  ## kill table: the main job vs the mock in every fault mode, then SEEDS (200) no-drift seeds: 0 findings
	$(BIN)/vgcontract selftest $(SPEC_ARG) --seeds "$$SEEDS" --reports reports

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-bench.lock
	@touch $@

export BENCH_LINES ?= 1000000
export OPC ?=
export OASDIFF ?=
export PRISM ?=
peer-opc-functional: $(STAMP)  ## openapi-python-client's functional tests with this project's templates: make peer-opc-functional OPC=dir
	@test -n "$$OPC" || { echo "usage: make peer-opc-functional OPC=path/to/openapi-python-client" >&2; exit 2; }
	$(BIN)/python harness/opc_functional.py "$$OPC" -p no:warnings

peer-opc-baselines: $(STAMP)  ## openapi-python-client's baseline specs generated with this project's templates, every endpoint called: make peer-opc-baselines OPC=dir
	@test -n "$$OPC" || { echo "usage: make peer-opc-baselines OPC=path/to/openapi-python-client" >&2; exit 2; }
	$(BIN)/python harness/opc_baselines.py "$$OPC"

mutate: $(STAMP)  ## mutation testing of spec/diff, drift/engine, live/http and live/network on a throwaway checkout of HEAD: a seeded sample, survivors listed (PER_MODULE=25)
	$(BIN)/python harness/mutate.py --per-module $${PER_MODULE:-25} --json reports/mutate.json

peer-prism: $(STAMP)  ## Prism's end-to-end harness cases against `vgcontract mock`, Prism's comparison rules: make peer-prism PRISM=path/to/prism
	@test -n "$$PRISM" || { echo "usage: make peer-prism PRISM=path/to/prism" >&2; exit 2; }
	$(BIN)/python harness/prism_cases.py "$$PRISM" --json reports/peer-prism.json

peer-oasdiff: $(STAMP)  ## spec-diff on oasdiff's checker corpus, recall and precision: make peer-oasdiff OASDIFF=path/to/oasdiff
	@test -n "$$OASDIFF" || { echo "usage: make peer-oasdiff OASDIFF=path/to/oasdiff" >&2; exit 2; }
	$(BIN)/python harness/oasdiff_corpus.py "$$OASDIFF" --json reports/peer-oasdiff.json

peer-opc: $(STAMP)  ## openapi-python-client's end-to-end specs through every spec command: make peer-opc OPC=path/to/checkout
	@test -n "$$OPC" || { echo "usage: make peer-opc OPC=path/to/openapi-python-client" >&2; exit 2; }
	$(BIN)/python harness/opc_specs.py "$$OPC" --out reports/peer-opc.json

bench: $(BENCH_STAMP)  ## every ratio side by side in one run (client vs pydantic, drift vs orjson, workers, live vs the latency limit, mock vs Prism, memory): reports/bench.json
	$(BIN)/python -m benches.run "$$BENCH_LINES"

reliability: $(STAMP)  ## every live command vs ordinary and hostile servers on 127.0.0.1: exit, time, memory, leaks
	$(BIN)/python -m tests.reliability

fuzz: $(STAMP)  ## fuzz the generated client's response handling: 20,000 examples, counts per outcome
	VGCONTRACT_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-20000} $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/test_client_fuzz.py

export BASE ?= origin/main
export SUMMARY ?= reports/summary.md
spec-diff: $(STAMP)  ## classify spec changes since BASE (a git ref, default origin/main); Markdown appended to $$SUMMARY
	@mkdir -p reports
	spec="$${SPEC:-openapi/voiceglow.yaml}"; \
		$(BIN)/vgcontract spec-diff "$$BASE:$$spec" "$$spec" --markdown "$$SUMMARY" --json reports/spec-diff.json

ci-summary:  ## append the Markdown reports in reports/ to $$SUMMARY (CI: the step summary)
	@for report in reports/contract.md reports/drift.md reports/selftest.md; do if [ -f "$$report" ]; then cat "$$report" >> "$$SUMMARY"; fi; done

dist: $(STAMP)  ## build the voiceglow-client wheel and sdist into dist/
	$(BIN)/vgcontract dist --out dist

vendor-check: $(STAMP)  ## check a vendored copy: make vendor-check DEST=path/to/third_party
	$(BIN)/vgcontract vendor --check $(SPEC_ARG) $(if $(DEST),"$$DEST")

mock: $(STAMP)  ## serve the embedded mock on 127.0.0.1:$${PORT:-8080} (token: $$VOICEGLOW_MOCK_TOKEN or vg-mock-token)
	$(BIN)/vgcontract mock $(SPEC_ARG)

release: $(STAMP)  ## release the spec's changes: bump, info.version, regenerate, one CHANGELOG.md entry, gates (VERSION=X.Y.Z to choose)
	$(BIN)/vgcontract release $(if $(VERSION),--version "$$VERSION")

# The plugins `make test` loads, named in the environment: autoloaded ones would have pytest
# rewrite the asserts of every module of their distributions (schemathesis, hypothesis, the
# client) in each worker. A child pytest inherits them, or drops both variables to load its
# plugins as a user's run does (tests.paths.child_environ).
PYTEST_PLUGINS := xdist.plugin,pytest_asyncio.plugin,_hypothesis_pytestplugin,respx.plugin,anyio.pytest_plugin,$\
	schemathesis.pytest.plugin,voiceglow_client.testing.plugin
# One worker more than cores: about a third of the suite's time is spent waiting on sockets,
# servers and child processes, which a spare worker fills (3-6% sooner on 2 cores, measured
# side by side three times). Files go out in the order tests/conftest.py gives them (those
# with a `slow` test first), not xdist's (most tests first), which left the heaviest for last.
test: $(STAMP) lint  ## all tests, plus lint, type checks and the release gate
	$(BIN)/vgcontract release --check
	PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 PYTEST_PLUGINS=$(PYTEST_PLUGINS) $(BIN)/python -m pytest -q \
		-n "$$($(BIN)/python -c 'import os; print((os.cpu_count() or 1) + 1)')" --dist loadfile --no-loadscope-reorder

lint: lint-spec typecheck ruff deps lint-actions  ## ruff on hand-written and generated code, the spec lint, mypy --strict, declared dependencies, the actions

deps: $(STAMP)  ## deptry: every package the tool and the client import is declared in their pyproject.toml, none unused
	$(BIN)/deptry scripts
	cd generated && $(BIN)/deptry voiceglow_client

ruff: $(STAMP)  ## ruff check and format check, on hand-written and generated code
	$(BIN)/ruff check scripts tests contract_tests benches harness
	$(BIN)/ruff format --check scripts tests contract_tests benches harness
	cd generated && $(BIN)/ruff check . && $(BIN)/ruff format --check .

lint-spec: $(STAMP)  ## openapi-spec-validator + the spectral:oas rules, 0 errors and 0 warnings
	$(BIN)/vgcontract lint-spec $(SPEC_ARG)

ACTION_FILES := .github/workflows/*.yml examples/consumer-workflow.yml
lint-actions: $(STAMP)  ## action.yml, its example and the workflows: GitHub's schemas, zizmor (medium and up); actionlint too when installed
	$(BIN)/check-jsonschema --builtin-schema vendor.github-actions action.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(ACTION_FILES)
	$(BIN)/zizmor --offline --quiet --min-severity medium action.yml $(ACTION_FILES)
	@if command -v actionlint >/dev/null 2>&1; then actionlint $(ACTION_FILES); \
	else echo "lint-actions: actionlint is not installed (its PyPI wrapper fetches the binary at build time): skipped"; fi

lint-spectral:  ## optional cross-check with Stoplight Spectral itself (needs Node's npx)
	npx --yes @stoplight/spectral-cli@6.16.3 lint --ruleset openapi/.spectral.yaml --fail-severity warn openapi/voiceglow.yaml

typecheck: $(STAMP)  ## mypy --strict on the tooling, the tests and the generated package
	$(BIN)/mypy
	cd generated && $(BIN)/mypy voiceglow_client

generate: $(STAMP)  ## regenerate generated/ from openapi/ (never edit generated/ by hand)
	$(BIN)/vgcontract generate $(SPEC_ARG)

check-generated: $(STAMP)  ## fail with a diff when generated/ is not a fresh generation
	$(BIN)/vgcontract check-generated $(SPEC_ARG)

lock:  ## re-resolve requirements.lock (and requirements-bench.lock) from pyproject.toml (needs the package index)
	@test -x .cache/uv/bin/uv || { "$$PYTHON" -m venv .cache/uv && .cache/uv/bin/python -m pip install --quiet uv==0.13.8; }
	.cache/uv/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --no-header --quiet -o requirements.lock
	.cache/uv/bin/uv pip compile pyproject.toml --extra bench --universal --python-version 3.11 \
		--constraint requirements.lock --generate-hashes --no-header --quiet -o requirements-bench.lock

clean:  ## remove the environment and caches
	rm -rf $(VENV) .cache .mypy_cache .pytest_cache .ruff_cache reports dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
