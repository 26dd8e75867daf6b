# Plenary's entry points. `make run` and `make test` work on a fresh Debian 12
# machine: they install what is missing first (make deps).
BUILD      ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
JOBS       ?= $(shell nproc)
SUDO       := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
CTEST_ARGS ?=

# ccache must ignore the precompiled header's timestamps to hit at all, and
# paths relative to the checkout let two clones share cache entries.
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_BASEDIR := $(CURDIR)

# npm comes from Debian's `npm` package on a stock Debian 12, but nodesource's
# `nodejs` bundles npm and conflicts with that package, so ask for it only
# when there is no npm at all.
NPM_DEB := $(if $(shell command -v npm 2>/dev/null),,npm)

DEBS := cmake ninja-build g++ ccache pkg-config make \
        libboost1.81-dev libboost-json1.81-dev libboost-program-options1.81-dev \
        libsqlite3-dev sqlite3 libssl-dev openssl googletest libgtest-dev \
        clang-format tzdata ca-certificates nodejs $(NPM_DEB) chromium \
        libqrencode-dev zbar-tools libgoogle-perftools-dev

.PHONY: all deps configure build run test test-asan test-tsan soak bench bench-deps format format-check clean

all: build

# $(call install_debs,PACKAGES): a shell command that apt-get installs those
# of PACKAGES not installed yet, and does nothing when all are.
define install_debs
missing=$$(for p in $(1); do \
    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
  done); \
if [ -n "$$missing" ]; then \
  echo "make $@: installing" $$missing; \
  $(SUDO) apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
fi
endef

deps:
	@$(call install_debs,$(DEBS))

$(BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

# Chart.js for the live dashboard, pinned in tools/web-vendor (outside the web
# root, so node_modules is never served) and copied to web/vendor/, which
# plenary serves (npm ci only when the package files changed).
WEB_VENDOR := web/vendor
WEB_VENDOR_NPM := tools/web-vendor

$(WEB_VENDOR)/.installed: $(WEB_VENDOR_NPM)/package.json $(WEB_VENDOR_NPM)/package-lock.json | deps
	npm ci --no-audit --no-fund --prefix $(WEB_VENDOR_NPM)
	mkdir -p $(WEB_VENDOR)
	cp $(WEB_VENDOR_NPM)/node_modules/chart.js/dist/chart.umd.js \
	   $(WEB_VENDOR_NPM)/node_modules/chart.js/dist/chart.umd.js.map $(WEB_VENDOR)/
	cp $(WEB_VENDOR_NPM)/node_modules/chart.js/LICENSE.md $(WEB_VENDOR)/chart.js-LICENSE.md
	touch $@

build: deps $(BUILD)/build.ninja $(WEB_VENDOR)/.installed
	cmake --build $(BUILD) -j $(JOBS)

run: build
	mkdir -p var
	$(BUILD)/server/plenary serve --demo --db var/plenary.db --listen 127.0.0.1:8443 --web-root web

# What only the tests need: the outside scanners of tests/security and the
# tools their scripts use.
TEST_DEBS := testssl.sh sqlmap slowhttptest jq curl sqlite3 iproute2

.PHONY: test-deps
test-deps:
	@$(call install_debs,$(TEST_DEBS))

test: build test-deps lint-openapi
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) $(CTEST_ARGS)
	$(MAKE) test-browser

# Lints docs/openapi.yaml with the Redocly CLI pinned in tools/openapi-lint
# (installed by `npm ci` only when node_modules is missing or the lock changed).
OPENAPI_LINT := tools/openapi-lint

$(OPENAPI_LINT)/node_modules/.installed: $(OPENAPI_LINT)/package.json $(OPENAPI_LINT)/package-lock.json | deps
	npm ci --no-audit --no-fund --prefix $(OPENAPI_LINT)
	touch $@

.PHONY: lint-openapi
lint-openapi: $(OPENAPI_LINT)/node_modules/.installed
	REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	  $(OPENAPI_LINT)/node_modules/.bin/redocly lint --config $(OPENAPI_LINT)/redocly.yaml docs/openapi.yaml

# The organizer pages in Debian's Chromium against the real server, driven by
# the playwright-core pinned in tests/browser (npm ci only when needed).
BROWSER_TESTS := tests/browser

$(BROWSER_TESTS)/node_modules/.installed: $(BROWSER_TESTS)/package.json $(BROWSER_TESTS)/package-lock.json | deps
	npm ci --no-audit --no-fund --prefix $(BROWSER_TESTS)
	touch $@

.PHONY: test-browser
test-browser: build $(BROWSER_TESTS)/node_modules/.installed
	PLENARY_BINARY=$(BUILD)/server/plenary node --test $(BROWSER_TESTS)/*.test.mjs

# The unit and integration tests under AddressSanitizer and
# UndefinedBehaviorSanitizer (the scanners run in `make test` and `make soak`).
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPLENARY_SANITIZE=ON -DPLENARY_SECURITY_SCANS=OFF -DPLENARY_BENCHMARKS=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The unit and integration tests under ThreadSanitizer, at -O1: readable
# reports, and fast enough for CI. The outside scanners run in the other two
# builds; under TSan they would only be slow.
test-tsan: deps
	cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DPLENARY_TSAN=ON \
	  -DPLENARY_SECURITY_SCANS=OFF -DPLENARY_BENCHMARKS=OFF
	cmake --build $(TSAN_BUILD) -j $(JOBS)
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ctest --test-dir $(TSAN_BUILD) --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The long versions of what `make test` runs short, under ASan+UBSan: 50
# kill -9 rounds instead of 5, 50 hostile-input sweeps instead of 3, and the
# scanners. SOAK_ROUNDS to change.
SOAK_ROUNDS ?= 50
.PHONY: soak
soak: deps test-deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPLENARY_SANITIZE=ON -DPLENARY_SECURITY_SCANS=ON -DPLENARY_BENCHMARKS=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	PLENARY_CRASH_ROUNDS=$(SOAK_ROUNDS) PLENARY_HOSTILE_SWEEPS=$(SOAK_ROUNDS) ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -R 'CrashSafety|hostile|disk_fault|security\.'

# What only the benchmarks need: nginx for the baseline, wrk, and jq, curl and
# sqlite3 for the scripts. policy-rc.d keeps Debian from starting nginx as a
# system service on port 80; the benchmark runs its own.
BENCH_DEBS := nginx-light wrk jq curl sqlite3

bench-deps:
	@trap '$(SUDO) rm -f /usr/sbin/policy-rc.d' EXIT; \
	printf '#!/bin/sh\nexit 101\n' | $(SUDO) tee /usr/sbin/policy-rc.d >/dev/null; \
	$(SUDO) chmod +x /usr/sbin/policy-rc.d; \
	$(call install_debs,$(BENCH_DEBS))

bench: build bench-deps
	tests/bench/run.sh $(BUILD) docs/performance.md

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD)

# libFuzzer targets (tests/fuzz): make fuzz-build, make fuzz.
-include tests/fuzz/fuzz.mk
