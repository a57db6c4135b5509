#!/usr/bin/env bash
# The main job: build `release`, then
# 1. run every corpus program (corpus/*/*.jasm and *.py with expected files)
#    under every engine configuration — ref, uops and jit, each jit engine at
#    threshold 1 and at the default — and check each run against the
#    program's expected stdout, exit status and last stderr line (one line per
#    failure, then "N passed, M failed");
# 2. run a differential fuzz campaign, `lockstep fuzz`, for FUZZ_SECONDS
#    (default 60) on every core from seed 1 in a fresh build/main-fuzz/
#    (docs/campaigns.md): random programs through every configuration,
#    divergences saved in build/main-fuzz/findings/.
# Fails when either part does.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release/lockstep
configs=("--engine ref" "--engine uops --jit-threshold 1" "--engine uops" "--engine jit --jit-threshold 1" "--engine jit")
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
pass=0 fail=0
for prog in corpus/*/*.jasm corpus/*/*.py; do
  base=${prog%.*}
  [ -f "$base.stdout" ] || continue
  args=""
  [[ $prog == *.jasm ]] && args=$(sed -n '1s/^; args: //p' "$prog")
  want_status=0 want_err=""
  if [ -f "$base.status" ]; then
    want_status=$(sed -n 1p "$base.status")
    want_err=$(sed -n 2p "$base.status" | sed "s|FILE|$prog|")
  fi
  for config in "${configs[@]}"; do
    set +e
    # shellcheck disable=SC2086
    "$bin" run $config $args "$prog" >"$out" 2>"$err"
    status=$?
    set -e
    got_err=$(tail -n 1 "$err")
    if [ "$status" = "$want_status" ] && cmp -s "$out" "$base.stdout" &&
       { [ "$want_status" = 0 ] || [ "$got_err" = "$want_err" ]; }; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
      echo "FAIL $prog ($config): status $status (want $want_status), last stderr line: $got_err"
    fi
  done
done
echo "$pass passed, $fail failed"

fuzz_seconds=${FUZZ_SECONDS:-60}
fuzz_dir=build/main-fuzz
rm -rf "$fuzz_dir"
echo "== lockstep fuzz: $fuzz_seconds s on every core, seed 1, findings in $fuzz_dir/findings"
fuzz_status=0
"$bin" fuzz --seconds "$fuzz_seconds" --jobs 0 --seed 1 --out "$fuzz_dir" || fuzz_status=$?
[ "$fail" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
