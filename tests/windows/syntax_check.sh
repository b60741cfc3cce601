#!/usr/bin/env bash
# Compiles every engine and native-host source for Windows with MinGW-w64 (-fsyntax-only), so the
# Windows code paths (registry, file locks, CreateFileW/MoveFileExW, Winsock) are at least checked
# against the real Windows headers on every run. Header-only and C-header dependencies (nlohmann,
# Boost, sqlite3.h, leveldb, lz4, idn2) come from the Debian include folder, after MinGW's own.
# Usage: syntax_check.sh REPO_ROOT [COMPILER]
set -uo pipefail
root=${1:?repository root}
cxx=${2:-x86_64-w64-mingw32-g++-posix}
command -v "$cxx" >/dev/null || { echo "windows/syntax: $cxx not found (scripts/bootstrap installs it)" >&2; exit 1; }
cd "$root" || exit 1
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
# One compiler per core; each writes its errors to its own log, named after the source.
find engine/src native-host/src -name '*.cpp' | sort > "$log/sources"
xargs -P "$(nproc)" -I{} sh -c '"$0" -std=c++20 -fsyntax-only -DCOOKIEWARDEN_VERSION="\"0\"" \
    -I engine/include -I engine/src -I native-host/src -idirafter /usr/include "$1" > "$2/$(echo "$1" | tr / _).log" 2>&1' \
    "$cxx" {} "$log" < "$log/sources"
failed=0
while read -r source; do
  out="$log/$(echo "$source" | tr / _).log"
  if grep -q 'error' "$out"; then
    echo "FAIL $source"
    grep 'error' "$out" | head -3 | sed 's/^/  /'
    failed=$((failed + 1))
  fi
done < "$log/sources"
echo "windows/syntax: $(wc -l < "$log/sources") sources checked with $cxx, $failed failed"
[ "$failed" -eq 0 ]
