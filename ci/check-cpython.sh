#!/usr/bin/env bash
# Cross-checks the language corpus against CPython 3.11.
#
#   ci/check-cpython.sh [--update] [--no-python] [LOCKSTEP_BIN] [FILE.py ...]
#
# For every corpus/lang/*.py and corpus/bench/*.py (or only the FILE.py
# given), runs `python3 FILE` and `LOCKSTEP_BIN run FILE` (default
# build/release/lockstep) and compares stdout, the exit status and, when the
# status is not 0, the last line of stderr: lockstep against CPython, and
# both against the stored expected files (NAME.stdout, plus NAME.status =
# "status\nlast stderr line" when the status is not 0). Prints one line per
# failing file and "N passed, M failed"; exits 1 on any failure.
#
# --update   regenerate the expected files from python3 first (the only way
#            they are ever written), after checking under an int64 guard
#            that no int in the program leaves [-2**63, 2**63-1]; then check
#            lockstep if its binary exists.
# --no-python  compare lockstep with the stored files only (also what
#            happens when python3 is missing or is not 3.11).
#
# Programs whose first line starts with "# lockstep-only:" show lockstep's
# own documented behaviour (int64 overflow): CPython is not run on them and
# their expected files are written by hand.
#
# Environment: LOCKSTEP_PYTHON (default python3), LOCKSTEP_TIMEOUT (seconds
# per run, default 120), LOCKSTEP_RUN_FLAGS (extra options for `lockstep run`,
# e.g. --check-leaks).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

update=0
use_python=1
bin=build/release/lockstep
files=()
for arg in "$@"; do
  case "$arg" in
    --update) update=1 ;;
    --no-python) use_python=0 ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    -*) echo "check-cpython: unknown option $arg" >&2; exit 2 ;;
    *.py) files+=("$arg") ;;
    *) bin=$arg ;;
  esac
done
if ((${#files[@]} == 0)); then
  files=(corpus/lang/*.py corpus/bench/*.py)
fi

python=${LOCKSTEP_PYTHON:-python3}
limit=${LOCKSTEP_TIMEOUT:-120}
read -r -a run_flags <<<"${LOCKSTEP_RUN_FLAGS:-}"
# -I: the script's directory is not put on sys.path, so a corpus file named
# like a stdlib module cannot break the interpreter's start-up.
pyrun=("$python" -I -X utf8 -B)

if ((use_python)); then
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "check-cpython: $python not found; comparing lockstep with the stored files only" >&2
    use_python=0
  elif ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "check-cpython: $python is not CPython 3.11; comparing lockstep with the stored files only" >&2
    use_python=0
  fi
fi
if ((update && !use_python)); then
  echo "check-cpython: --update needs CPython 3.11 (set LOCKSTEP_PYTHON)" >&2
  exit 2
fi
have_bin=1
if [ ! -x "$bin" ]; then
  if ((update)); then
    echo "check-cpython: $bin not found; only updating the expected files" >&2
    have_bin=0
  else
    echo "check-cpython: $bin not found (build it: cmake --preset release && cmake --build --preset release)" >&2
    exit 2
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The int64 guard: runs a program with every int-producing expression
# (literals, operators, calls, augmented assignments) checked to stay in
# int64; exit 3 and a message naming the line if one does not.
cat >"$tmp/int64_guard.py" <<'PY'
import ast, operator, sys
LO, HI = -2 ** 63, 2 ** 63 - 1
escapes = []
class Int64Escape(BaseException):
    pass
def _ls_chk(v, line):
    if isinstance(v, int) and not LO <= v <= HI:
        escapes.append((line, v))
        raise Int64Escape()
    if isinstance(v, tuple):
        for item in v:
            _ls_chk(item, line)
    return v
IOPS = {ast.Add: operator.iadd, ast.Sub: operator.isub, ast.Mult: operator.imul,
        ast.Div: operator.itruediv, ast.FloorDiv: operator.ifloordiv, ast.Mod: operator.imod,
        ast.Pow: operator.ipow, ast.LShift: operator.ilshift, ast.RShift: operator.irshift,
        ast.BitAnd: operator.iand, ast.BitOr: operator.ior, ast.BitXor: operator.ixor}
class Guard(ast.NodeTransformer):
    temps = 0
    def wrap(self, node):
        call = ast.Call(ast.Name('_ls_chk', ast.Load()), [node, ast.Constant(node.lineno)], [])
        return ast.copy_location(call, node)
    def visit_BinOp(self, node):
        self.generic_visit(node)
        return self.wrap(node)
    visit_UnaryOp = visit_BinOp
    visit_Call = visit_BinOp
    def visit_Constant(self, node):
        return self.wrap(node) if type(node.value) is int else node
    def visit_AugAssign(self, node):
        # t[i] op= v  ->  c = t; k = i; c[k] = chk(iop(c[k], v)): the same
        # evaluation order and in-place semantics, with the result checked.
        self.generic_visit(node)
        op = ast.Name('_ls_iop_' + type(node.op).__name__, ast.Load())
        stmts = []
        if isinstance(node.target, ast.Subscript):
            Guard.temps += 1
            c, k = '_ls_c%d' % Guard.temps, '_ls_k%d' % Guard.temps
            stmts.append(ast.Assign([ast.Name(c, ast.Store())], node.target.value))
            stmts.append(ast.Assign([ast.Name(k, ast.Store())], node.target.slice))
            load = ast.Subscript(ast.Name(c, ast.Load()), ast.Name(k, ast.Load()), ast.Load())
            store = ast.Subscript(ast.Name(c, ast.Load()), ast.Name(k, ast.Load()), ast.Store())
        else:
            load = ast.Name(node.target.id, ast.Load())
            store = ast.Name(node.target.id, ast.Store())
        value = self.wrap(ast.copy_location(ast.Call(op, [load, node.value], []), node))
        stmts.append(ast.Assign([store], value))
        return [ast.fix_missing_locations(ast.copy_location(s, node)) for s in stmts]
path = sys.argv[1]
env = {'_ls_chk': _ls_chk, '__name__': '__main__'}
for kind, fn in IOPS.items():
    env['_ls_iop_' + kind.__name__] = fn
tree = ast.fix_missing_locations(Guard().visit(ast.parse(open(path, encoding='utf-8').read(), path)))
try:
    exec(compile(tree, path, 'exec'), env)
except BaseException:
    pass  # the program's own outcome is checked by the plain run
sys.stdout.flush()
if escapes:
    line, v = escapes[0]
    sys.stderr.write('%s:%d: an int leaves int64: %d\n' % (path, line, v))
    sys.exit(3)
PY

# run OUTPREFIX CMD...: stdout, stderr and status into OUTPREFIX.{out,err,rc}.
run() {
  local prefix=$1
  shift
  timeout "$limit" "$@" </dev/null >"$prefix.out" 2>"$prefix.err"
  echo $? >"$prefix.rc"
}

# first_diff A B: the first differing line of two files, for the report.
first_diff() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = 0
    while (1) {
      ra = (getline la < a); rb = (getline lb < b); n++
      if (ra <= 0 && rb <= 0) { print "(differs only in the final newline)"; exit }
      if (ra <= 0) la = "<end of output>"
      if (rb <= 0) lb = "<end of output>"
      if (la != lb) {
        printf "line %d: want %s | got %s\n", n, substr(la, 1, 100), substr(lb, 1, 100)
        exit
      }
    }
  }'
}

# outcome_diff WANTPREFIX GOTPREFIX: empty when stdout, status and (if the
# status is not 0) the last stderr line agree, otherwise what differs.
outcome_diff() {
  local want=$1 got=$2 ws gs
  ws=$(cat "$want.rc")
  gs=$(cat "$got.rc")
  if [ "$ws" != "$gs" ]; then
    echo "exit status $gs (want $ws; last stderr: $(tail -n 1 "$got.err" | cut -c1-100))"
  elif ! cmp -s "$want.out" "$got.out"; then
    echo "stdout $(first_diff "$want.out" "$got.out")"
  elif [ "$ws" != 0 ] && [ "$(tail -n 1 "$want.err")" != "$(tail -n 1 "$got.err")" ]; then
    echo "last stderr line: want '$(tail -n 1 "$want.err")' | got '$(tail -n 1 "$got.err")'"
  fi
}

# stored FILE PREFIX: the expected files of FILE as PREFIX.{out,err,rc}.
stored() {
  local base=${1%.py} prefix=$2
  cp "$base.stdout" "$prefix.out"
  if [ -f "$base.status" ]; then
    sed -n 1p "$base.status" >"$prefix.rc"
    sed -n 2p "$base.status" >"$prefix.err"
  else
    echo 0 >"$prefix.rc"
    : >"$prefix.err"
  fi
}

# write_expected FILE PREFIX: store the outcome PREFIX.* as FILE's expected files.
write_expected() {
  local base=${1%.py} prefix=$2 status
  status=$(cat "$prefix.rc")
  cp "$prefix.out" "$base.stdout"
  if [ "$status" = 0 ]; then
    rm -f "$base.status"
  else
    printf '%s\n%s\n' "$status" "$(tail -n 1 "$prefix.err")" >"$base.status"
  fi
}

pass=0
fail=0
for file in "${files[@]}"; do
  if [ ! -f "$file" ]; then
    echo "FAIL $file: no such file"
    fail=$((fail + 1))
    continue
  fi
  base=${file%.py}
  lockstep_only=0
  head -n 1 "$file" | grep -q '^# lockstep-only:' && lockstep_only=1
  problems=()

  if ((use_python && !lockstep_only)); then
    run "$tmp/py" "${pyrun[@]}" "$file"
    if ((update)); then
      if ! timeout $((limit * 5)) "${pyrun[@]}" "$tmp/int64_guard.py" "$file" >/dev/null 2>"$tmp/guard.err"; then
        problems+=("int64 guard: $(tail -n 1 "$tmp/guard.err")")
      elif [ "$(cat "$tmp/py.rc")" = 124 ]; then
        problems+=("python3 timed out after ${limit}s")
      else
        write_expected "$file" "$tmp/py"
      fi
    fi
  fi

  if [ ! -f "$base.stdout" ]; then
    problems+=("no expected file $base.stdout")
  else
    stored "$file" "$tmp/want"
    stale=0
    if ((use_python && !lockstep_only)); then
      d=$(outcome_diff "$tmp/want" "$tmp/py")
      [ -n "$d" ] && problems+=("python3 vs expected: $d") && stale=1
    fi
    if ((have_bin)); then
      run "$tmp/ls" "$bin" run "${run_flags[@]}" "$file"
      d=$(outcome_diff "$tmp/want" "$tmp/ls")
      [ -n "$d" ] && problems+=("lockstep vs expected: $d")
      # Against python3 too only when the stored file is stale; otherwise
      # it would repeat the line above.
      if ((stale)); then
        d=$(outcome_diff "$tmp/py" "$tmp/ls")
        [ -n "$d" ] && problems+=("lockstep vs python3: $d")
      fi
    fi
  fi

  if ((${#problems[@]})); then
    fail=$((fail + 1))
    line="FAIL $file: ${problems[0]}"
    for p in "${problems[@]:1}"; do line+="; $p"; done
    echo "$line"
  else
    pass=$((pass + 1))
  fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
