#!/usr/bin/env bash
# bench/compare_output (suite.cmake): bench/compare/run with WARDEN_BUILD_DIR=BUILD writes its
# results into BUILD/bench/compare, beside the config.json it read.
# Usage: compare_output_test.sh REPO_ROOT BUILD
set -euo pipefail
root=${1:?repository root}
build=${2:?build folder}
out=$build/bench/compare
corpus=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).corpus)' "$out/config.json")
if [ -z "$corpus" ]; then
  echo "skipped: bench/compare needs the request set (not redistributable); configure with WARDEN_CORPUS_DIR"
  exit 77
fi
rm -f "$out/compare.json" "$out/warden-wasm.json" "$out/warden-native.json"
WARDEN_BUILD_DIR=$build "$root/bench/compare/run" --engines=warden-wasm --show=0 >/dev/null
for result in compare.json warden-wasm.json warden-native.json; do
  [ -s "$out/$result" ] || { echo "bench/compare/run did not write $out/$result" >&2; exit 1; }
done
echo "bench/compare/run wrote its results into $out"
