#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, builds with clang, ASan+UBSan and
# warnings as errors, then runs every test through ctest (unit, scenarios, CLI, schema validation
# of every event produced, a short fuzz run).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh --test
build=build/ci
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DTLSTRACE_WERROR=ON -DTLSTRACE_SANITIZE=ON -DTLSTRACE_FUZZ=ON >/dev/null
cmake --build "$build" -j"$(nproc)"
rm -rf "$build/events"
cd "$build"
ctest --output-on-failure -j2 "$@"
