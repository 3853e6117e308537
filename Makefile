# The two set-up commands: `make run` (install, build the index, start the app)
# and `make test` (install with test extras, run the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 7860

.PHONY: run test test-fast install install-test index bench corpus clean chromium strace

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# torch first, as the CPU build that lies on this machine's disk: asking for
# torch through another package would pull several GB of CUDA wheels.
$(VENV)/.torch: | $(BIN)/python
	$(BIN)/pip install torch==2.13.0
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.torch
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.torch
	$(BIN)/pip install -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Starts at once: keyword and citation search answer immediately while the
# dense index is built (or checked) in the background, with progress shown.
run: install
	$(BIN)/research ui --host $(HOST) --port $(PORT)

index: install
	$(BIN)/research index --if-stale

# The browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

# The network test watches system calls with strace (onnxruntime's telemetry is
# native code that no Python-level guard sees); under `make test` it must run.
strace:
	@test -x /usr/bin/strace || (apt-get update && apt-get install -y strace)

test: install-test chromium strace
	RESEARCH_REQUIRE_STRACE=1 $(BIN)/python -m pytest -q

# The edit-test loop (under a minute): everything but what exports the model,
# builds a dense index, drives the browser, runs notebooks, Ray or the whole app.
test-fast: install-test
	$(BIN)/python -m pytest -q -m "not slow"

bench: install-test
	$(BIN)/python benchmarks/run_all.py

corpus: install
	$(BIN)/research admin build-corpus ../shared corpora

clean:
	rm -rf $(VENV) library.sqlite3* indexes/default indexes/.default.*
