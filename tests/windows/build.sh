#!/usr/bin/env bash
# The windows/build fixture: builds `cookiewarden.exe` and the doctest suites for Windows with
# MinGW-w64 (cmake/mingw-w64.cmake) into BUILD_DIR/cross, after the libraries they link
# (scripts/build-windows-deps, into BUILD_DIR/deps). The windows/* tests run them under Wine.
# -O0: these binaries are only tested, and compiling them is most of what the Windows tests cost.
# Usage: build.sh REPO_ROOT BUILD_DIR
set -euo pipefail
root=$(realpath "${1:?repository root}")
build=$(realpath -m "${2:?build folder}")
"$root/scripts/build-windows-deps" "$build/deps"
cmake -S "$root" -B "$build/cross" -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64.cmake" \
  -DWARDEN_WINDOWS_DEPS="$build/deps" -DCMAKE_BUILD_TYPE=Release -DWARDEN_PRECOMPILE_HEADERS=ON -DWARDEN_UNITY_BUILD=ON \
  -DCMAKE_CXX_FLAGS_RELEASE=-O0 -DCMAKE_C_FLAGS_RELEASE=-O0 > "$build/configure.log" 2>&1 ||
  { cat "$build/configure.log" >&2; exit 1; }
cmake --build "$build/cross" -j "$(nproc)" --target cookiewarden engine_tests native_host_tests hold_exclusive
