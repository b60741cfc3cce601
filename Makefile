# The two commands of the README, and the building blocks behind them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help bootstrap build test demo bench asan fuzz clean

help:
	@echo "make demo   - build everything, register the native host, show the extension on the demo site"
	@echo "make test   - build everything and run every test (CTest)"
	@echo "make bench  - benchmarks against the anchor engines"
	@echo "make asan   - the unit tests under AddressSanitizer + UBSan"

bootstrap:
	@scripts/bootstrap

build: bootstrap
	cmake --preset native >/dev/null
	cmake --build --preset native

test: build
	ctest --preset native

demo: build
	scripts/demo

bench: build
	scripts/bench

asan: bootstrap
	cmake --preset asan >/dev/null
	cmake --build --preset asan
	ctest --preset asan

clean:
	rm -rf build
