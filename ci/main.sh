#!/usr/bin/env bash
# The main job, for now: build `release` and run every corpus program under the
# reference interpreter, checking each against its expected output. (It becomes
# a differential fuzz campaign once the JIT and the oracle exist.)
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release/lockstep
pass=0 fail=0
for prog in corpus/*/*.jasm; do
  base=${prog%.jasm}
  [ -f "$base.stdout" ] || continue
  args=$(sed -n '1s/^; args: //p' "$prog")
  want_status=0 want_err=""
  if [ -f "$base.status" ]; then
    want_status=$(sed -n 1p "$base.status")
    want_err=$(sed -n 2p "$base.status")
  fi
  # shellcheck disable=SC2086
  set +e
  "$bin" run $args "$prog" >/tmp/lockstep-main.out 2>/tmp/lockstep-main.err
  status=$?
  set -e
  got_err=$(tail -n 1 /tmp/lockstep-main.err)
  if [ "$status" = "$want_status" ] && cmp -s /tmp/lockstep-main.out "$base.stdout" &&
     { [ "$want_status" = 0 ] || [ "$got_err" = "$want_err" ]; }; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $prog: status $status (want $want_status), last stderr line: $got_err"
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
