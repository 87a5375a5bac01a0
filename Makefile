# Broadsheet: the two set-up commands are `make run` and `make test`.
GO            ?= go
ECHARTS       := 5.6.0
TOOLS         := $(CURDIR)/.cache/tools
FUZZTIME      ?= 30s

.PHONY: run build test test-deps bench lint fuzz fuzz-short echarts demo-db clean

## run: build the demo report into public/ and say where to open it
run:
	$(GO) run ./cmd/broadsheet build --out public
	@echo "Open $(CURDIR)/public/index.html in a browser (it works straight from disk)."

## build: the binary, into bin/broadsheet
build:
	$(GO) build -o bin/broadsheet ./cmd/broadsheet

## test: every test: unit, whole-site, command line, browser, validators
test: test-deps
	$(MAKE) --no-print-directory fuzz-short
	BROADSHEET_TOOLS=$(TOOLS) $(GO) test -count=1 ./...

## test-deps: what the browser, validator and pull tests need (Chromium, vnu-jar, axe-core, PostgreSQL)
test-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }
	@command -v java >/dev/null 2>&1 || { apt-get update && apt-get install -y default-jre-headless; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update && apt-get install -y postgresql; }
	@command -v pdftoppm >/dev/null 2>&1 || { apt-get update && apt-get install -y poppler-utils; }
	@fc-list :lang=zh | grep -q . || { apt-get update && apt-get install -y fonts-wqy-microhei; }
	@test -f $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar -a -f $(TOOLS)/node_modules/axe-core/axe.min.js || \
		{ mkdir -p $(TOOLS) && cd $(TOOLS) && npm install --no-audit --no-fund --silent vnu-jar@26.9.27 axe-core@4.14.1; }

## bench: build-speed and dataset benchmarks (figures go to docs/performance.md)
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./internal/...

## lint: go mod tidy, go vet and staticcheck (pinned as a tool in go.mod)
lint:
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

## fuzz-short: a few seconds of each fuzz target (part of make test)
fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=3s

## fuzz: every fuzz target for FUZZTIME (default 30s). A target fails when it
## writes a failing input (or fails in any other way); Go's fuzzer can also end
## with a bare "context deadline exceeded" as -fuzztime runs out while a worker
## is mid-input (golang/go#51484): that is reported and not counted.
fuzz:
	@log=$$(mktemp); trap 'rm -f $$log' EXIT; \
	for pkg in $$($(GO) list ./internal/...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$target"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg >$$log 2>&1 && continue; \
			cat $$log; \
			for input in $$(sed -n 's/.*Failing input written to //p' $$log); do \
				echo "--- $$input"; cat "$$($(GO) list -f '{{.Dir}}' $$pkg)/$$input"; \
			done; \
			if grep -q 'context deadline exceeded' $$log && ! grep -q 'Failing input written to' $$log; then \
				echo "fuzz $$target: the fuzzer stopped at its deadline with no failing input (golang/go#51484); not counted"; \
				continue; \
			fi; \
			exit 1; \
		done; \
	done

## demo-db: remake the demo's DuckDB database from db/shortvideo.sql, then pull its snapshots
demo-db:
	rm -f db/shortvideo.duckdb
	$(GO) run ./internal/source/cmd/loadduckdb db/shortvideo.sql db/shortvideo.duckdb
	$(GO) run ./cmd/broadsheet pull --all

## echarts: refresh the vendored ECharts from the npm registry
echarts:
	rm -rf .cache/echarts && mkdir -p .cache/echarts
	cd .cache/echarts && npm pack echarts@$(ECHARTS) >/dev/null
	tar -xzf .cache/echarts/echarts-$(ECHARTS).tgz -C assets/vendor/echarts --strip-components=1 \
		--transform='s,^package/\(dist\|licenses\)/,package/,' \
		package/dist/echarts.min.js package/LICENSE package/NOTICE package/licenses/LICENSE-d3

clean:
	rm -rf public bin .cache
