#!/usr/bin/env bash
# Hostile inputs through the command line: writes N inputs (default 100000)
# in batches — random byte strings, truncations, bit flips and overwritten
# fields of the corpus assembled to .jbc, mangled .jasm text — with
# tools/mangle.c, and runs
#     BUILD_DIR/lockstep run --fuel 100000 --max-heap 64M INPUT
# on each. It fails if any run ends in a signal (status >= 128), a timeout,
# or any status outside {0 ok, 1 exception, 2 rejected, 3 out of fuel}, and
# prints the count of runs per exit status at the end. Deterministic: the
# same N, seed and corpus give the same inputs.
#
# Usage: ci/hostile.sh [N] [BUILD_DIR]
#   BUILD_DIR defaults to build/release (configured and built here, Release,
#   when lockstep or mangle is missing). A sanitized build works too: its
#   reports exit with 98/99, which count as failures.
# Environment: HOSTILE_SEED (default 1), HOSTILE_BATCH (inputs per batch,
#   default 1000), HOSTILE_TIMEOUT (seconds per run, default 20).
# Failing inputs are copied to BUILD_DIR/hostile-failures/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-100000}
build=${2:-$root/build/release}
seed=${HOSTILE_SEED:-1}
batch_size=${HOSTILE_BATCH:-1000}
run_timeout=${HOSTILE_TIMEOUT:-20}

if ! [[ $n =~ ^[0-9]+$ && $seed =~ ^[0-9]+$ && $batch_size =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: ci/hostile.sh [N] [BUILD_DIR]  (N, HOSTILE_SEED, HOSTILE_BATCH: numbers)" >&2
  exit 2
fi

if [[ ! -x $build/lockstep || ! -x $build/mangle ]]; then
  echo "hostile: building lockstep and mangle in $build (Release)" >&2
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build" -j2 lockstep mangle >&2
fi
lockstep=$build/lockstep
mangle=$build/mangle

work=$(mktemp -d "${TMPDIR:-/tmp}/lockstep-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/seeds" "$work/batch"

# Seeds: every corpus program as text and as .jbc, in a fixed order.
shopt -s nullglob
sources=("$root"/corpus/vm/*.jasm)
if (( ${#sources[@]} == 0 )); then
  echo "hostile: no corpus programs in $root/corpus/vm" >&2
  exit 2
fi
for src in "${sources[@]}"; do
  name=$(basename "$src" .jasm)
  cp "$src" "$work/seeds/$name.jasm"
  "$lockstep" asm "$src" -o "$work/seeds/$name.jbc"
done
seeds=("$work"/seeds/*)

# Sanitizer reports must not pass for status 1 (an uncaught exception).
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=98:print_stacktrace=1}

failures_dir=$build/hostile-failures
declare -A count=()
failed=0
made=0
batch=0
while (( made < n )); do
  k=$(( n - made < batch_size ? n - made : batch_size ))
  rm -f "$work"/batch/*
  "$mangle" --seed $(( seed * 1000003 + batch )) --count "$k" --out "$work/batch" "${seeds[@]}"
  for input in "$work"/batch/*; do
    status=0
    timeout "$run_timeout" "$lockstep" run --fuel 100000 --max-heap 64M "$input" \
      >/dev/null 2>"$work/stderr" || status=$?
    count[$status]=$(( ${count[$status]:-0} + 1 ))
    if (( status > 3 )); then
      failed=$(( failed + 1 ))
      mkdir -p "$failures_dir"
      kept=$failures_dir/seed$seed-batch$batch-$(basename "$input")
      cp "$input" "$kept"
      echo "hostile: FAIL status $status: $kept" >&2
      head -n 5 "$work/stderr" | sed 's/^/    /' >&2
    fi
  done
  made=$(( made + k ))
  batch=$(( batch + 1 ))
  if (( batch % 10 == 0 )); then
    echo "hostile: $made of $n inputs, $failed failing" >&2
  fi
done

echo "hostile: $made inputs (seed $seed); runs per exit status:"
for status in $(printf '%s\n' "${!count[@]}" | sort -n); do
  case $status in
    0) what="ok" ;;
    1) what="uncaught exception" ;;
    2) what="rejected (load/verify)" ;;
    3) what="out of fuel" ;;
    124) what="TIMEOUT" ;;
    *) if (( status >= 128 )); then what="SIGNAL $(( status - 128 ))"; else what="UNEXPECTED"; fi ;;
  esac
  printf '  %3d  %-24s %d\n' "$status" "$what" "${count[$status]}"
done
if (( failed > 0 )); then
  echo "hostile: $failed failing inputs kept in $failures_dir" >&2
  exit 1
fi
echo "hostile: no crash, no unexpected status"
