#!/usr/bin/env bash
# A real filled-up filesystem under `cookiewarden delete`: a small tmpfs holds a Chromium and a
# Firefox profile built from the real fixture stores, the rest of it is filled with zeros, and
# keep.test is deleted.
#  1. The undo journal on that full filesystem: nothing is deleted, and the message says why and
#     how to go on (free space, or --no-undo).
#  2. The journal elsewhere (or --no-undo): each store that needs space fails with an error naming
#     its file; every file is byte for byte as before and passes integrity_check.
#  3. Space freed: the same deletion goes through (the failures were the full disk).
# Mounting needs root (or CAP_SYS_ADMIN): elsewhere the test is skipped (exit 77), saying why.
set -euo pipefail

binary=${COOKIEWARDEN_BINARY:?set COOKIEWARDEN_BINARY}
fixtures=${FIXTURES:?set FIXTURES to tests/native-host/fixtures}

if ! command -v sqlite3 >/dev/null; then
  echo "SKIP: no sqlite3 command to run integrity_check with"
  exit 77
fi

work=$(mktemp -d)
disk="$work/disk"
mkdir -p "$disk"
cleanup() {
  if mountpoint -q "$disk"; then umount "$disk"; fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! mount -t tmpfs -o size=2m,mode=0700 cookiewarden-full "$disk" 2>"$work/mount.err"; then
  echo "SKIP: cannot mount a tmpfs here ($(id -un), uid $(id -u)): $(cat "$work/mount.err")"
  exit 77
fi

config="$disk/config"
chromium="$config/chromium/Default"
firefox="$config/mozilla/firefox/abcd.default-esr"
mkdir -p "$chromium" "$firefox" "$disk/state" "$work/home" "$work/state" "$work/run"
chmod 0700 "$work/run"
cp "$fixtures/cookie-stores/chromium156-linux-Cookies.sqlite" "$chromium/Cookies"
echo '{"profile":{"info_cache":{"Default":{"name":"Person 1"}}}}' >"$config/chromium/Local State"
cp "$fixtures/cookie-stores/firefox153esr-cookies.sqlite" "$firefox/cookies.sqlite"
: >"$firefox/.parentlock"
printf '[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd.default-esr\nDefault=1\n\n[General]\nStartWithLastProfile=1\nVersion=2\n' \
  >"$firefox/../profiles.ini"

# Fill every block that is left (a last partial block too).
dd if=/dev/zero of="$disk/fill" bs=64k status=none 2>/dev/null || true
dd if=/dev/zero of="$disk/fill-tail" bs=512 status=none 2>/dev/null || true
echo "filesystem: $(df -k --output=size,avail "$disk" | tail -1 | awk '{print $1 " KiB, " $2 " KiB free"}')"

# Every file of the profiles, but for SQLite's own WAL sidecars: opening Firefox's WAL database may
# leave an empty -wal and its -shm index (checked below: no change is pending in them).
snapshot() {
  (cd "$config" && find . -type f ! -name SingletonLock ! -name '*-wal' ! -name '*-shm' -print0 | sort -z | xargs -0 sha256sum)
}
before=$(snapshot)

fail() {
  echo "FAIL: $*"
  exit 1
}

stores_intact() {
  [ "$(snapshot)" = "$before" ] || fail "$1: a file changed on the full filesystem"$'\n'"$(diff <(echo "$before") <(snapshot) || true)"
  for db in "$chromium/Cookies" "$firefox/cookies.sqlite"; do
    # immutable: reading a WAL database on a full disk could not create its -shm file.
    verdict=$(sqlite3 "file:$db?immutable=1" 'PRAGMA integrity_check')
    [ "$verdict" = ok ] || fail "$1: integrity_check of $db: $verdict"
  done
  for leftover in "$chromium/Cookies-journal" "$chromium/Cookies-wal" "$config/chromium/SingletonLock"; do
    [ ! -e "$leftover" ] || fail "$1: left behind $leftover"
  done
  [ ! -s "$firefox/cookies.sqlite-wal" ] || fail "$1: a change is pending in $firefox/cookies.sqlite-wal"
}

run_delete() {
  set +e
  env -i HOME="$work/home" XDG_CONFIG_HOME="$config" XDG_STATE_HOME="$1" XDG_RUNTIME_DIR="$work/run" \
    TMPDIR="$work/run" PATH=/usr/bin:/bin "$binary" delete keep.test "${@:2}" >"$work/out" 2>"$work/err"
  code=$?
  set -e
  echo "exit $code"
  cat "$work/out" "$work/err"
}

echo "== 1. the undo journal cannot be written on the full filesystem"
run_delete "$disk/state"
[ "$code" -ne 0 ] || fail "1: exit 0 on a full disk"
grep -q "Nothing was deleted" "$work/out" || fail "1: the report does not say that nothing was deleted"
grep -qi "no space left" "$work/out" || fail "1: the report does not name the lack of space"
grep -q -- "--no-undo" "$work/out" || fail "1: the report does not say how to go on (--no-undo)"
grep -qi "free some space" "$work/out" || fail "1: the report does not say to free space"
[ -z "$(find "$disk/state" -type f)" ] || fail "1: a journal that could not be written left files: $(find "$disk/state" -type f)"
stores_intact 1

echo "== 2. the stores themselves cannot be written (journal on another filesystem)"
run_delete "$work/state"
[ "$code" -ne 0 ] || fail "2: exit 0 on a full disk"
grep -q "$chromium/Cookies" "$work/out" || fail "2: the error does not name $chromium/Cookies"
grep -q "$firefox/cookies.sqlite" "$work/out" || fail "2: the error does not name $firefox/cookies.sqlite"
[ "$(grep -c "SKIPPED (io_error).*\(disk is full\|No space left on device\)" "$work/out")" = 2 ] ||
  fail "2: each cookie store's error does not say the disk is full"
stores_intact 2

echo "== 2b. --no-undo on the full filesystem"
run_delete "$disk/state" --no-undo
[ "$code" -ne 0 ] || fail "2b: exit 0 on a full disk"
grep -q "$chromium/Cookies" "$work/out" || fail "2b: the error does not name $chromium/Cookies"
stores_intact 2b

echo "== 3. space freed: the same deletion goes through"
rm "$disk/fill" "$disk/fill-tail"
run_delete "$disk/state"
[ "$code" -eq 0 ] || fail "3: the deletion failed with space free"
[ "$(sqlite3 -readonly "$chromium/Cookies" "SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'")" = 0 ] ||
  fail "3: keep.test still in Chromium's cookies"
[ "$(sqlite3 -readonly "$firefox/cookies.sqlite" "SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test'")" = 0 ] ||
  fail "3: keep.test still in Firefox's cookies"
echo "PASS"
