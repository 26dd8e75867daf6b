# libFuzzer targets (tests/fuzz), included by the top-level Makefile.
#
#   make fuzz-build   configure $(FUZZ_BUILD) with clang-14 (ASan+UBSan+libFuzzer)
#                     and build only the fuzz targets
#   make fuzz         build, then run every target for FUZZ_SECONDS on a copy of
#                     its seed corpus; fails if any target finds something
#
# Longer local runs: `make fuzz-long` runs each target FUZZ_LONG_SECONDS
# (default 3600), or pick targets and time yourself, e.g.
#   make fuzz FUZZ_TARGETS=fuzz_http_request FUZZ_SECONDS=7200
# New inputs the fuzzer finds stay in $(FUZZ_BUILD)/corpus/<target> (kept
# between runs) and crashes in $(FUZZ_BUILD)/artifacts/<target>; nothing is
# written into the repository. README.md here says how to reproduce a crash.
FUZZ_BUILD        ?= build-fuzz
FUZZ_SECONDS      ?= 30
FUZZ_LONG_SECONDS ?= 3600
FUZZ_TARGETS      ?= fuzz_http_request fuzz_json_input fuzz_ticket_code fuzz_csv_ics fuzz_bearer_token
FUZZ_FLAGS        ?=
FUZZ_DIR          := tests/fuzz

# clang-14 and its compiler-rt (libFuzzer, ASan, UBSan runtimes), and
# llvm-symbolizer for readable stacks; the libraries' own packages come from `deps`.
FUZZ_DEBS := clang-14 libclang-rt-14-dev llvm-14

# Dictionaries for targets whose input has a grammar worth seeding.
FUZZ_DICT_fuzz_http_request := $(FUZZ_DIR)/http.dict
FUZZ_DICT_fuzz_json_input   := $(FUZZ_DIR)/json.dict

.PHONY: fuzz-deps fuzz-build fuzz fuzz-long

fuzz-deps: deps
	@$(call install_debs,$(FUZZ_DEBS))

# Configured once; cmake re-runs itself when a CMakeLists.txt changes.
$(FUZZ_BUILD)/build.ninja: | fuzz-deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPLENARY_FUZZ=ON -DPLENARY_SANITIZE=ON -DPLENARY_TESTS=OFF

fuzz-build: fuzz-deps $(FUZZ_BUILD)/build.ninja
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS)

# One target: seeds copied into the build dir's corpus (which keeps earlier
# finds), then a bounded run. -timeout makes a hang a failure; the rss limit
# turns a runaway allocation into a finding instead of a dead machine.
fuzz-run-%:
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/artifacts/$*
	@cp -R $(FUZZ_DIR)/corpus/$*/. $(FUZZ_BUILD)/corpus/$*/
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(FUZZ_BUILD)/tests/fuzz/$* -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	  -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/artifacts/$*/ \
	  $(if $(FUZZ_DICT_$*),-dict=$(FUZZ_DICT_$*)) $(FUZZ_FLAGS) $(FUZZ_BUILD)/corpus/$*

# Every target runs even when an earlier one failed, so one run reports all.
fuzz: fuzz-build
	@failed=; \
	for t in $(FUZZ_TARGETS); do \
	  $(MAKE) --no-print-directory fuzz-run-$$t || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "make fuzz: failed:$$failed (inputs in $(FUZZ_BUILD)/artifacts)"; exit 1; fi

fuzz-long:
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_LONG_SECONDS)

# `make clean` removes the fuzz build too (and with it the corpus it grew).
.PHONY: fuzz-clean
fuzz-clean:
	rm -rf $(FUZZ_BUILD)

clean: fuzz-clean
