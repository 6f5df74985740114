# Corroborate: `make demo` and `make test` work on a fresh Debian machine with Python 3.11.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: setup demo test lint bench bench-ingest bench-cluster bench-facts bench-load bench-clean bench-scale bench-million bench-memory clean browser fuzz screenshots

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	$(BIN)/python -m corroborate.analyze.engine
	touch $(STAMP)

demo: setup
	rm -f $(DEMO_DB)
	$(BIN)/corroborate --db $(DEMO_DB) ingest examples/corpus
	$(BIN)/python -m corroborate.demo --db $(DEMO_DB)

browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium missing: browser tests will be skipped (install Debian's chromium)"; }

test: setup browser
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -q

# The README's screenshots (tests/screenshots/), rewritten by the browser tests.
screenshots: setup browser
	CORROBORATE_SCREENSHOTS=tests/screenshots $(BIN)/pytest -q tests/web/test_browser_web.py tests/web/test_browser_phone.py

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench || true

# Property tests at length: FUZZ_EXAMPLES cases per target (default 10,000); counts go to bench/fuzz_counts.json.
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz FUZZ_COUNTS=bench/fuzz_counts.json $(BIN)/pytest -q -p no:cacheprovider tests/trust/test_trust_fuzz.py

bench: bench-ingest bench-cluster bench-facts

bench-ingest: setup
	$(BIN)/python bench/bench_ingest.py

bench-cluster: setup
	$(BIN)/python bench/bench_cluster.py

bench-facts: setup
	$(BIN)/python bench/bench_facts.py

bench-load: setup
	$(BIN)/python bench/bench_load.py

# body extraction: Corroborate's clean stage and trafilatura alone, same run (../shared/eval/extraction_dev.jsonl)
bench-clean: setup
	$(BIN)/python bench/bench_clean.py

# scale: 1 vs 2 worker processes and a local Ray cluster (Ray comes from requirements.lock, the `ray` extra)
bench-scale: setup
	$(BIN)/python bench/bench_scale.py --ray $(if $(LIMIT),--limit $(LIMIT),)

# web and API at a million stored articles: bulk load into PostgreSQL, then 16 HTTP readers + a writer for 60 s
MILLION_DB ?= $(CORROBORATE_BENCH_PG)
bench-million: setup
	$(BIN)/python bench/bench_million.py --db "$(MILLION_DB)" --articles $(or $(ARTICLES),1000000) $(if $(FRESH),--fresh,)

# Bounded memory: the clusterer over a synthetic stream of N articles (default 200,000; about an hour)
bench-memory: setup
	$(BIN)/python bench/bench_memory.py --n $(or $(N),200000) --checkpoints 50000,100000,150000

clean:
	rm -rf $(VENV) *.db build dist src/*.egg-info
