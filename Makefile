# chot: make run serves the embedded cities at http://localhost:8080; make test runs every test.
GO      ?= go
ADDR    ?= :8080
FUZZTIME ?= 20000x

.PHONY: run build test test-postgres soak lint fuzz bench bench-http maps web clean

run: web
	$(GO) run ./cmd/chotd --addr $(ADDR) --log-format text

build: web
	$(GO) build -o bin/ ./cmd/...

test: lint web
	$(GO) test ./...
	$(GO) test -race ./server ./tiles ./store
	$(MAKE) fuzz

# Ten minutes of mixed load on a real chotd: reads, nearest, tiles, routes and checkpoint
# writes at 200 requests/s; zero errors, flat memory, every acknowledged write there.
soak: web
	CHOT_SOAK=10m $(GO) test ./cmd/chotd -run '^TestSoak$$' -v -timeout 15m

# The store suite against PostgreSQL + PostGIS (scripts/postgres.sh installs and starts it).
test-postgres:
	url=$$(./scripts/postgres.sh | tail -n1) && CHOT_TEST_POSTGRES=$$url CI=true $(GO) test -count=1 ./store/...

# MapLibre GL JS from npm (pinned in web/package.json and package-lock.json): only the files
# the page loads are copied into web/dist, which the server embeds.
web: web/dist/maplibre-gl/maplibre-gl.mjs

web/dist/maplibre-gl/maplibre-gl.mjs: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	mkdir -p web/dist/maplibre-gl
	cd web/node_modules/maplibre-gl && cp LICENSE.txt dist/maplibre-gl.mjs dist/maplibre-gl-shared.mjs dist/maplibre-gl-worker.mjs dist/maplibre-gl.css ../../dist/maplibre-gl/
	touch $@

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Brief runs of every fuzz target (go test -fuzz takes one target at a time). The budget is a
# count of executions, not a duration: Go 1.26's fuzzing coordinator can report a spurious
# "context deadline exceeded" when a duration ends while a worker is busy (go.dev/issue/75804).
fuzz:
	$(GO) test ./geo -run '^$$' -fuzz '^FuzzLoadLayer$$' -fuzztime $(FUZZTIME)
	$(GO) test ./geo -run '^$$' -fuzz '^FuzzLoadAreas$$' -fuzztime $(FUZZTIME)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzNearestParams$$' -fuzztime $(FUZZTIME)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzRouteBody$$' -fuzztime $(FUZZTIME)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzPlanBody$$' -fuzztime $(FUZZTIME)
	$(GO) test ./server -run '^$$' -fuzz '^FuzzImportParsers$$' -fuzztime $(FUZZTIME)
	$(GO) test ./data/mapsrc -run '^$$' -fuzz '^FuzzCompile$$' -fuzztime $(FUZZTIME)
	$(GO) test ./osmimport -run '^$$' -fuzz '^FuzzImportXML$$' -fuzztime $(FUZZTIME)

# In-process benchmarks (kNN on 100k and 1M checkpoints against brute force; routes on the
# Hà Nội OSM extract, hierarchy against plain Dijkstra, open and with 50 closed roads;
# re-customization; import and preprocessing; the nearest and route endpoints through the
# router; server start to ready), then HTTP load with wrk.
# The tile benchmark's PostGIS reference runs on the local PostgreSQL of scripts/postgres.sh.
bench:
	url="$$(./scripts/postgres.sh | tail -n1)" && export CHOT_TEST_POSTGRES="$$url" && \
	$(GO) test ./geo ./routing ./plan ./tiles ./server ./cmd/chotd -run '^$$' -bench . -benchmem -count 5 | tee bench.out
	$(MAKE) bench-http

bench-http: build
	./scripts/bench-http.sh

# Recompile the embedded maps from data/src/*.map.
maps:
	$(GO) run ./cmd/chot mapgen -out data data/src/hoi-an.map data/src/ha-noi.map data/src/dien-bien.map

clean:
	rm -rf bin bench.out web/node_modules web/dist/maplibre-gl
