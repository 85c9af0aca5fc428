# The two commands a new user needs: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
# Unset: the build keeps whatever it was configured with (CI sets ON), so `make run` after `make test` rebuilds
# nothing.
GER_WERROR ?=
werror_flag = $(if $(GER_WERROR),-DGER_WERROR=$(GER_WERROR))
DB ?= var/ger.db

.PHONY: run test bootstrap build build-ger build-asan unit asan-test bench format tidy clean

# Serves the portal and the API until Ctrl-C. First run: creates the database and one planner per agency plus a
# secretariat account, with random passwords in var/credentials.txt (mode 600).
HOST ?= 127.0.0.1
PORT ?= 8080
run: build-ger
	@mkdir -p var
	@if [ ! -f "$(DB)" ]; then ./build/ger init --db "$(DB)"; fi
	@if [ ! -f var/credentials.txt ]; then ./build/ger user seed --db "$(DB)" --out var/credentials.txt; fi
	@echo "portal: http://$(HOST):$(PORT)/  accounts and passwords: var/credentials.txt"
	./build/ger serve --db "$(DB)" --host "$(HOST)" --port "$(PORT)"

test: build build-asan
	cd build && ctest --output-on-failure -j $(JOBS)
	cd build-asan && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  ctest --output-on-failure -j $(JOBS) -L unit

bootstrap:
	@./scripts/bootstrap.sh

build: bootstrap
	cmake --preset release $(werror_flag) >/dev/null
	cmake --build --preset release -j $(JOBS)

# Only the program `make run` starts (not the ~300 test programs).
build-ger: bootstrap
	cmake --preset release $(werror_flag) >/dev/null
	cmake --build --preset release -j $(JOBS) --target ger

build-asan: bootstrap
	cmake --preset asan $(werror_flag) >/dev/null
	cmake --build --preset asan -j $(JOBS) --target unit_tests

# The quick loop: unit tests only, release build.
unit: build
	cd build && ctest --output-on-failure -j $(JOBS) -L unit

bench: build
	./bench/run-all.sh

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

tidy: build
	git ls-files 'src/*.cpp' | xargs clang-tidy -p build --quiet

clean:
	rm -rf build build-asan build-debug
