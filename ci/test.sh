#!/usr/bin/env bash
# The test command: installs missing Debian packages, configures and builds the
# `dev` (ASan+UBSan, -Werror) and `release` presets, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

ci/install-deps.sh

echo "== configure and build: dev"
cmake --preset dev >/dev/null
cmake --build --preset dev
echo "== configure and build: release"
cmake --preset release >/dev/null
cmake --build --preset release

echo "== tests: dev (AddressSanitizer + UndefinedBehaviorSanitizer)"
ctest --preset dev --output-on-failure
echo "== tests: release"
ctest --preset release --output-on-failure
ci/diff-check.sh --bin build/release/lockstep 20
