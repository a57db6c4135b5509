#!/usr/bin/env bash
# The CI differential check (docs/campaigns.md): every corpus program that
# has expected files (corpus/*/*.jasm and *.py beside a .stdout) and every
# regression program (tests/regress/*.jasm) through `lockstep diff` (every
# engine configuration), then a fixed-seed, time-boxed `lockstep fuzz` run.
# Writes a JUnit XML report (one testcase per program, one for the fuzz
# run) and exits non-zero when anything diverged or could not be checked.
#
# Usage: ci/diff-check.sh [--junit FILE] [--bin LOCKSTEP] [--jobs J] [SECONDS]
#   SECONDS      length of the fuzz run (default 60; 0 skips it)
#   --junit FILE the report (default build/diff-check.xml)
#   --bin PATH   a lockstep binary to use; without it the `release` preset
#                is built first (installing missing Debian packages)
#   --jobs J     fuzz workers (default: one per CPU)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60 junit=build/diff-check.xml bin="" jobs=0
usage() { sed -n '9,14p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while (($#)); do
  case $1 in
    --junit) [ $# -ge 2 ] || usage; junit=$2; shift 2 ;;
    --bin) [ $# -ge 2 ] || usage; bin=$2; shift 2 ;;
    --jobs) [ $# -ge 2 ] || usage; jobs=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    -*) echo "diff-check: unknown option $1" >&2; usage ;;
    *) seconds=$1; shift ;;
  esac
done
[[ $seconds =~ ^[0-9]+$ && $jobs =~ ^[0-9]+$ ]] || usage

if [ -z "$bin" ]; then
  ci/install-deps.sh
  cmake --preset release >/dev/null
  cmake --build --preset release
  bin=build/release/lockstep
fi
[ -x "$bin" ] || { echo "diff-check: $bin is not an executable" >&2; exit 2; }

mkdir -p "$(dirname "$junit")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# XML text: the five escapes, and no control characters but tab and newline.
xml_escape() {
  tr -d '\000-\010\013\014\016-\037' |
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\&apos;/g"
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Testcases accumulate per suite in $work/SUITE.cases; counts in shell vars.
declare -A tests=() failures=() errors=() skipped=() times=()
record() { # suite name time kind(pass|fail|error|skip) message detail-file
  local suite=$1 name=$2 time=$3 kind=$4 message=$5 detail=${6:-}
  tests[$suite]=$((${tests[$suite]:-0} + 1))
  times[$suite]=$(awk -v a="${times[$suite]:-0}" -v b="$time" 'BEGIN { printf "%.3f", a + b }')
  local cls name_x message_x
  cls=$(printf '%s' "$suite" | xml_escape)
  name_x=$(printf '%s' "$name" | xml_escape)
  message_x=$(printf '%s' "$message" | head -c 400 | xml_escape)
  {
    printf '    <testcase classname="diff-check.%s" name="%s" time="%s"' "$cls" "$name_x" "$time"
    case $kind in
      pass) printf '/>\n' ;;
      skip) printf '>\n      <skipped message="%s"/>\n    </testcase>\n' "$message_x" ;;
      fail|error)
        local tag=failure
        [ "$kind" = error ] && tag=error
        printf '>\n      <%s message="%s">' "$tag" "$message_x"
        [ -n "$detail" ] && head -c 65536 "$detail" | xml_escape
        printf '</%s>\n    </testcase>\n' "$tag" ;;
    esac
  } >>"$work/$suite.cases"
  case $kind in
    fail) failures[$suite]=$((${failures[$suite]:-0} + 1)); echo "FAIL $name: $message" ;;
    error) errors[$suite]=$((${errors[$suite]:-0} + 1)); echo "ERROR $name: $message" ;;
    skip) skipped[$suite]=$((${skipped[$suite]:-0} + 1)); echo "SKIP $name: $message" ;;
  esac
}

# One program through every configuration.
check_program() { # suite path
  local suite=$1 prog=$2 args="" out=$work/out start status
  # A .jasm program's own run options (`; args: --fuel N`), for diff too.
  [[ $prog == *.jasm ]] && args=$(sed -n '1s/^; args: //p' "$prog")
  start=$(now)
  set +e
  # shellcheck disable=SC2086
  "$bin" diff $args "$prog" >"$out" 2>&1
  status=$?
  set -e
  local time
  time=$(elapsed "$start" "$(now)")
  local verdict
  verdict=$(grep -m1 -E '^(agree|diverged|inconclusive):' "$out" || head -n 1 "$out")
  case $status in
    0) record "$suite" "$prog" "$time" pass "" ;;
    1) record "$suite" "$prog" "$time" fail "$verdict" "$out" ;;
    3) record "$suite" "$prog" "$time" skip "$verdict" ;;
    *) record "$suite" "$prog" "$time" error "exit status $status: $(head -n 1 "$out")" "$out" ;;
  esac
}

echo "== lockstep diff: corpus programs with expected files"
shopt -s nullglob
for prog in corpus/*/*.jasm corpus/*/*.py; do
  [ -f "${prog%.*}.stdout" ] || continue
  check_program corpus "$prog"
done
echo "== lockstep diff: tests/regress"
regress=(tests/regress/*.jasm)
((${#regress[@]})) || echo "(no regression programs)"
for prog in "${regress[@]}"; do check_program regress "$prog"; done

if [ "$seconds" -gt 0 ]; then
  echo "== lockstep fuzz: seed 1, $seconds s"
  fuzz_dir=build/diff-check-fuzz
  rm -rf "$fuzz_dir"
  mkdir -p build
  start=$(now)
  set +e
  "$bin" fuzz --seed 1 --seconds "$seconds" --jobs "$jobs" --out "$fuzz_dir" 2>"$work/fuzz"
  status=$?
  set -e
  time=$(elapsed "$start" "$(now)")
  grep -v $'\r' "$work/fuzz" | tail -n 20 || true
  name="lockstep fuzz --seed 1 --seconds $seconds"
  case $status in
    0) record fuzz "$name" "$time" pass "" ;;
    1) {
         cat "$work/fuzz"
         for f in "$fuzz_dir"/findings/*/finding.txt; do echo; cat "$f"; done
       } >"$work/fuzz-detail"
       record fuzz "$name" "$time" fail "divergences found: see $fuzz_dir/findings" "$work/fuzz-detail" ;;
    *) record fuzz "$name" "$time" error "exit status $status" "$work/fuzz" ;;
  esac
fi

# The report.
total=0 total_fail=0 total_err=0 total_skip=0
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  for suite in corpus regress fuzz; do
    total=$((total + ${tests[$suite]:-0}))
    total_fail=$((total_fail + ${failures[$suite]:-0}))
    total_err=$((total_err + ${errors[$suite]:-0}))
    total_skip=$((total_skip + ${skipped[$suite]:-0}))
  done
  printf '<testsuites name="lockstep diff-check" tests="%d" failures="%d" errors="%d">\n' \
    "$total" "$total_fail" "$total_err"
  for suite in corpus regress fuzz; do
    printf '  <testsuite name="diff-check.%s" tests="%d" failures="%d" errors="%d" skipped="%d" time="%s">\n' \
      "$suite" "${tests[$suite]:-0}" "${failures[$suite]:-0}" "${errors[$suite]:-0}" "${skipped[$suite]:-0}" \
      "${times[$suite]:-0}"
    [ -f "$work/$suite.cases" ] && cat "$work/$suite.cases"
    printf '  </testsuite>\n'
  done
  printf '</testsuites>\n'
} >"$junit.tmp"
mv "$junit.tmp" "$junit"

echo "diff-check: $total checks, $total_fail diverged, $total_err errors, $total_skip inconclusive; report in $junit"
[ "$total_fail" -eq 0 ] && [ "$total_err" -eq 0 ]
