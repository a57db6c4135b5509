#!/usr/bin/env bash
# An overnight coverage-guided campaign with libFuzzer (docs/fuzzing.md).
#
#   ci/fuzz-libfuzzer.sh [SECONDS] [JOBS]
#
# SECONDS: how long to fuzz (default 3600); JOBS: parallel fuzzing processes
# (default: every core). Environment:
#   LOCKSTEP_FUZZ_TARGET  oracle (default: generated programs through every
#                         engine configuration) or loader (raw .jbc/.jasm bytes)
#   LOCKSTEP_FUZZ_OUT     campaign directory (default build/fuzz-campaign/libfuzzer-TARGET);
#                         run again with the same directory to continue from its corpus
#
# Installs missing packages, builds the `fuzz` preset (clang-19, libFuzzer,
# ASan+UBSan), runs the campaign and prints a summary: executions and
# execs/s, coverage, and each crash with its oracle signature (or sanitizer
# report) as the target itself reproduces it. Exit status: 0 no crash, 1
# crashes found, 2 bad usage or build failure. Not part of ci/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
seconds=${1:-3600}
jobs=${2:-$(nproc)}
[[ "$seconds" =~ ^[1-9][0-9]*$ && "$jobs" =~ ^[1-9][0-9]*$ && $# -le 2 ]] || usage
target=${LOCKSTEP_FUZZ_TARGET:-oracle}
case "$target" in
  oracle) bin_name=target_libfuzzer ;;
  loader) bin_name=target_loader ;;
  *) echo "LOCKSTEP_FUZZ_TARGET must be oracle or loader" >&2; exit 2 ;;
esac
out=${LOCKSTEP_FUZZ_OUT:-$root/build/fuzz-campaign/libfuzzer-$target}
seeds=$root/corpus/fuzz/$target

ci/install-deps.sh
echo "== configure and build: fuzz preset"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "$bin_name" lockstep || exit 2
bin=$root/build/fuzz/$bin_name

# Symbolized sanitizer reports (clang-19's runtime looks for llvm-symbolizer).
symbolizer=$(command -v llvm-symbolizer-19 || command -v llvm-symbolizer || true)
[ -z "$symbolizer" ] || export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$symbolizer}

mkdir -p "$out/corpus" "$out/crashes" "$out/logs"
rm -f "$out"/logs/fuzz-*.log
echo "== libFuzzer: $target target, $jobs jobs, ${seconds}s, output in $out"
# -jobs > -workers: a job that stops on a crash is replaced by a fresh one
# (its crash is saved). libFuzzer's parent has no deadline of its own, so
# timeout ends the campaign: it sends SIGINT to its whole process group,
# and each job prints its final stats and exits. New inputs go into
# $out/corpus; the seeds stay read-only.
start=$(date +%s)
(
  cd "$out/logs"
  timeout -s INT -k 30 "$seconds" "$bin" \
    -jobs=$((jobs * 50)) -workers="$jobs" -max_total_time="$seconds" \
    -max_len=4096 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
    -dict="$root/fuzz/lockstep.dict" -artifact_prefix="$out/crashes/" \
    "$out/corpus" "$seeds" >"$out/logs/driver.log" 2>&1
) || true
elapsed=$(($(date +%s) - start))

echo
echo "== summary: libFuzzer, $target target"
execs=0
for log in "$out"/logs/fuzz-*.log; do
  [ -e "$log" ] || continue
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  # A job killed before its final stats: its last status line's count.
  [ -n "$n" ] || n=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  execs=$((execs + ${n:-0}))
done
echo "time:        ${elapsed}s, $jobs jobs"
echo "executions:  $execs ($((execs / (elapsed > 0 ? elapsed : 1))) per second, all jobs)"
# Coverage (edges "cov", features "ft" incl. the JIT counters) when the
# seeds were loaded and at the end, the best job's.
coverage() { # $1: INITED (start) or the last status line of each log (end)
  for log in "$out"/logs/fuzz-*.log; do
    if [ "$1" = start ]; then grep -m1 'INITED cov: ' "$log"; else grep -E '^#[0-9]+.* cov: ' "$log" | tail -1; fi
  done 2>/dev/null | sed -nE 's/.* cov: ([0-9]+) ft: ([0-9]+).*/\1 \2/p' | sort -n | tail -1
}
read -r cov0 ft0 <<<"$(coverage start)" || true
read -r cov1 ft1 <<<"$(coverage end)" || true
echo "coverage:    edges ${cov0:-n/a} -> ${cov1:-n/a}, features ${ft0:-n/a} -> ${ft1:-n/a}"
echo "corpus:      $(find "$out/corpus" -type f | wc -l) inputs in $out/corpus"

mapfile -t crashes < <(find "$out/crashes" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
echo "crashes:     ${#crashes[@]} in $out/crashes"
if ((${#crashes[@]})); then
  # Each crash replayed by the target itself: the oracle's signature when
  # it diverged, else the sanitizer's summary line.
  declare -A count example
  for f in "${crashes[@]}"; do
    report=$("$bin" -runs=1 -timeout=60 "$f" 2>&1 || true)
    sig=$(grep -m1 '^lockstep-fuzz: ' <<<"$report" | sed 's/^lockstep-fuzz: //; s/^diverged: //' | cut -c1-100 || true)
    [ -n "$sig" ] || sig=$(grep -m1 -oE '^SUMMARY: .*' <<<"$report" | cut -c1-120 || true)
    [ -n "$sig" ] || sig="$(basename "$f" | cut -d- -f1) (not reproduced)"
    count[$sig]=$((${count[$sig]:-0} + 1))
    [ -n "${example[$sig]:-}" ] || example[$sig]=$f
  done
  printf '  %-6s %-60s %s\n' count signature example
  for sig in "${!count[@]}"; do printf '  %-6s %-60s %s\n' "${count[$sig]}" "$sig" "${example[$sig]}"; done | sort -k1,1nr
  echo "Reproduce one: $bin FILE (prints the oracle report and the program)."
  if "$root/build/fuzz/lockstep" triage --help >/dev/null 2>&1; then
    echo "== lockstep triage $out/crashes"
    "$root/build/fuzz/lockstep" triage "$out/crashes" || true
  fi
  exit 1
fi
exit 0
