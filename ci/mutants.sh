#!/usr/bin/env bash
# Proof that the oracle catches JIT bugs (tests/mutants/README.md): each
# tests/mutants/*.patch injects one bug. For each one, a scratch copy of the
# repository at HEAD (git archive; uncommitted changes are not included) is
# patched, the `lockstep` target of the release preset is built there, and
# `lockstep fuzz --jobs 1 --seed 1` runs for at most SECONDS. A mutant is
# detected when the campaign reports its first finding; the time from the
# campaign's start to that "new finding:" line is the time to detection.
# Prints a table (mutant, detected, seconds, first signature) and a summary.
#
# Usage: ci/mutants.sh [--only NAME] [--keep] [SECONDS]
#   SECONDS      fuzzing budget per mutant (default 60)
#   --only NAME  run one mutant (tests/mutants/NAME.patch); may be repeated
#   --keep       keep each scratch copy (default: removed after its run)
# Logs and each campaign's directory: build/mutants/NAME/.
# Exit status: 0 every mutant detected; 1 some mutant went undetected;
# 2 usage error, a patch that does not apply, or a build that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=60 keep=0
only=()
usage() { sed -n '11,17p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while (($#)); do
  case $1 in
    --only) [ $# -ge 2 ] || usage; only+=("$2"); shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage 0 ;;
    -*) echo "mutants: unknown option $1" >&2; usage ;;
    *) seconds=$1; shift ;;
  esac
done
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then usage; fi

patches=()
if ((${#only[@]})); then
  for name in "${only[@]}"; do
    [ -f "tests/mutants/$name.patch" ] || { echo "mutants: no tests/mutants/$name.patch" >&2; exit 2; }
    patches+=("tests/mutants/$name.patch")
  done
else
  for p in tests/mutants/*.patch; do [ -f "$p" ] && patches+=("$p"); done
fi
((${#patches[@]})) || { echo "mutants: no patches in tests/mutants/" >&2; exit 2; }

results=build/mutants
mkdir -p "$results"
scratch=""
cleanup() { if [ -n "$scratch" ] && ((keep == 0)); then rm -rf "$scratch"; fi; }
trap cleanup EXIT

# A copy of HEAD with the patch applied; fails loudly when it does not apply
# exactly (no fuzz factor: a mutant that silently lands elsewhere proves
# nothing).
prepare() { # patch dir
  local patch=$1 dir=$2
  mkdir -p "$dir"
  git -C "$root" archive HEAD | tar -x -C "$dir"
  if ! patch -d "$dir" -p1 --batch --forward --fuzz=0 --no-backup-if-mismatch <"$root/$patch" >"$dir/patch.log" 2>&1; then
    cat "$dir/patch.log" >&2
    echo "mutants: $patch does not apply to HEAD" >&2
    return 1
  fi
}

build() { # dir log
  local dir=$1 log=$2
  (cd "$dir" && cmake --preset release && cmake --build --preset release --target lockstep) >"$log" 2>&1 || {
    tail -n 30 "$log" >&2
    echo "mutants: the build failed (log: $log)" >&2
    return 1
  }
}

# Runs the campaign with every stderr line time-stamped; stops it (SIGINT:
# it finishes the program at hand and writes its summary) as soon as the
# first finding is reported, since only the time to detection matters.
# Sets found_seconds and found_signature (empty when nothing was found).
fuzz() { # lockstep outdir log
  local bin=$1 out=$2 log=$3
  rm -rf "$out"
  : >"$log"
  local start=$EPOCHREALTIME
  "$bin" fuzz --seconds "$seconds" --jobs 1 --seed 1 --out "$out" --reduce-seconds 0 \
    2> >(while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >>"$log") >/dev/null &
  local pid=$! line="" deadline=$((SECONDS + seconds + 60))
  while kill -0 "$pid" 2>/dev/null; do
    line=$(grep -m1 ' new finding: ' "$log" || true)
    if [ -n "$line" ]; then kill -INT "$pid" 2>/dev/null || true; break; fi
    if ((SECONDS > deadline)); then kill -KILL "$pid" 2>/dev/null || true; break; fi
    sleep 0.2
  done
  local status=0
  wait "$pid" || status=$?
  sleep 0.2 # let the time stamper drain
  [ -n "$line" ] || line=$(grep -m1 ' new finding: ' "$log" || true)
  found_seconds="" found_signature=""
  if [ -n "$line" ]; then
    found_seconds=$(awk -v a="$start" -v b="${line%% *}" 'BEGIN { printf "%.1f", b - a }')
    found_signature=$(sed -e 's/^[^ ]* new finding: //' -e 's/ (program .*$//' <<<"$line")
  elif ((status != 0 && status != 1)); then
    echo "mutants: lockstep fuzz exited with status $status (log: $log)" >&2
  fi
}

names=() detected=() times=() sigs=()
for patch in "${patches[@]}"; do
  name=$(basename "$patch" .patch)
  echo "== $name: $(sed -n 2p "$patch")" >&2
  mkdir -p "$results/$name"
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/lockstep-mutant-$name.XXXXXX")
  prepare "$patch" "$scratch/src" || exit 2
  build "$scratch/src" "$results/$name/build.log" || exit 2
  fuzz "$scratch/src/build/release/lockstep" "$results/$name/fuzz-out" "$results/$name/fuzz.log"
  names+=("$name")
  if [ -n "$found_signature" ]; then
    detected+=(yes) times+=("$found_seconds") sigs+=("$found_signature")
  else
    detected+=(no) times+=("-") sigs+=("-")
  fi
  echo "   detected: ${detected[-1]}, ${times[-1]} s, ${sigs[-1]}" >&2
  cleanup
  scratch=""
done

printf '%-26s %-8s %8s  %s\n' mutant detected seconds "first signature"
ndet=0
for i in "${!names[@]}"; do
  printf '%-26s %-8s %8s  %s\n' "${names[$i]}" "${detected[$i]}" "${times[$i]}" "${sigs[$i]}"
  [ "${detected[$i]}" = yes ] && ndet=$((ndet + 1))
done
median=$(for t in "${times[@]}"; do [ "$t" = - ] || echo "$t"; done | sort -g |
  awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.1f", v[(NR + 1) / 2]; else printf "%.1f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "$ndet of ${#names[@]} mutants detected, median $median s"
((ndet == ${#names[@]}))
