#!/usr/bin/env bash
# An overnight coverage-guided campaign with AFL++ (docs/fuzzing.md).
#
#   ci/fuzz-afl.sh [SECONDS] [JOBS]
#
# SECONDS: how long to fuzz (default 3600); JOBS: afl-fuzz instances, one
# main (-M) and JOBS-1 secondaries (-S) sharing one output directory
# (default: every core). Environment:
#   LOCKSTEP_FUZZ_TARGET  oracle (default: generated programs through every
#                         engine configuration) or loader (raw .jbc/.jasm bytes)
#   LOCKSTEP_FUZZ_OUT     campaign directory (default build/fuzz-campaign/afl-TARGET);
#                         run again with the same directory to resume
#
# Installs missing packages, builds the `afl` preset (afl-clang-fast),
# runs the campaign and prints a summary: executions and execs/s per
# instance, and each crash with its oracle signature as the target itself
# reproduces it. Exit status: 0 no crash, 1 crashes found, 2 bad usage or
# build failure. Not part of ci/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
seconds=${1:-3600}
jobs=${2:-$(nproc)}
[[ "$seconds" =~ ^[1-9][0-9]*$ && "$jobs" =~ ^[1-9][0-9]*$ && $# -le 2 ]] || usage
target=${LOCKSTEP_FUZZ_TARGET:-oracle}
case "$target" in
  oracle) bin_name=target_afl ;;
  loader) bin_name=target_loader ;; # LLVMFuzzerTestOneInput under AFL++'s driver
  *) echo "LOCKSTEP_FUZZ_TARGET must be oracle or loader" >&2; exit 2 ;;
esac
out=${LOCKSTEP_FUZZ_OUT:-$root/build/fuzz-campaign/afl-$target}
seeds=$root/corpus/fuzz/$target

ci/install-deps.sh
echo "== configure and build: afl preset"
cmake --preset afl >/dev/null
cmake --build --preset afl --target "$bin_name" || exit 2
bin=$root/build/afl/$bin_name

# For an unprivileged machine: no CPU governor or core_pattern changes
# (warnings only), bind to a free core when there is one, plain log lines
# instead of the status screen, resume when $out already holds a campaign.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_TRY_AFFINITY=1
export AFL_NO_UI=1 AFL_AUTORESUME=1
mkdir -p "$out/logs"
echo "== afl-fuzz: $target target, 1 main + $((jobs - 1)) secondary, ${seconds}s, output in $out"
common=(-V "$seconds" -t 5000 -i "$seeds" -o "$out" -x "$root/fuzz/lockstep.dict")
pids=()
afl-fuzz -M main "${common[@]}" -- "$bin" >"$out/logs/main.log" 2>&1 &
pids+=($!)
for ((i = 1; i < jobs; i++)); do
  sleep 1 # the main instance sets up the shared directory first
  afl-fuzz -S "s$i" "${common[@]}" -- "$bin" >"$out/logs/s$i.log" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || echo "afl-fuzz (pid $pid) exited with status $?; see $out/logs/"; done

echo
echo "== summary: AFL++, $target target"
afl_stat() { sed -n "s/^$1 *: *//p" "$2"; }
total_execs=0
total_rate=0
printf '  %-10s %12s %10s %8s %8s %8s\n' instance execs execs/s corpus crashes hangs
for stats in "$out"/*/fuzzer_stats; do
  [ -e "$stats" ] || continue
  name=$(basename "$(dirname "$stats")")
  execs=$(afl_stat execs_done "$stats")
  rate=$(afl_stat execs_per_sec "$stats")
  printf '  %-10s %12s %10s %8s %8s %8s\n' "$name" "$execs" "$rate" "$(afl_stat corpus_count "$stats")" \
    "$(afl_stat saved_crashes "$stats")" "$(afl_stat saved_hangs "$stats")"
  total_execs=$((total_execs + execs))
  total_rate=$(awk -v a="$total_rate" -v b="$rate" 'BEGIN { printf "%.2f", a + b }')
done
echo "executions:  $total_execs ($total_rate per second, all instances)"
[ -e "$out/main/fuzzer_stats" ] && echo "coverage:    $(afl_stat bitmap_cvg "$out/main/fuzzer_stats") of the map (main)"

mapfile -t crashes < <(find "$out" -path '*/crashes/id:*' -type f | sort)
echo "crashes:     ${#crashes[@]} under $out/*/crashes"
if ((${#crashes[@]})); then
  # Each crash replayed by the target itself: the oracle's signature when it
  # diverged, else how the process died.
  declare -A count example
  for f in "${crashes[@]}"; do
    status=0
    if [ "$target" = oracle ]; then
      report=$(timeout 120 "$bin" "$f" 2>&1) || status=$?
    else
      report=$(timeout 120 "$bin" <"$f" 2>&1) || status=$?
    fi
    sig=$(grep -m1 -E '^(lockstep-fuzz: |.*: diverged: )' <<<"$report" |
      sed 's/^lockstep-fuzz: //; s/^.*: diverged: //; s/^diverged: //' | cut -c1-100 || true)
    [ -n "$sig" ] || sig=$(grep -m1 -oE '^SUMMARY: .*' <<<"$report" | cut -c1-100 || true)
    if [ -z "$sig" ]; then
      if ((status > 128)); then sig="killed by signal $((status - 128))"; else sig="not reproduced (exit $status)"; fi
    fi
    count[$sig]=$((${count[$sig]:-0} + 1))
    [ -n "${example[$sig]:-}" ] || example[$sig]=$f
  done
  printf '  %-6s %-60s %s\n' count signature example
  for sig in "${!count[@]}"; do printf '  %-6s %-60s %s\n' "${count[$sig]}" "$sig" "${example[$sig]}"; done | sort -k1,1nr
  if [ "$target" = oracle ]; then
    echo "Reproduce one: $bin FILE (prints the verdict, the oracle report and the program)."
  else
    echo "Reproduce one: $bin < FILE"
  fi
  exit 1
fi
exit 0
