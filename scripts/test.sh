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
# A skipped test or a missing tool fails its test (tests/CMakeLists.txt); at the end, say which.
rc=0
ctest --output-on-failure -j2 "$@" || rc=$?
if [ "$rc" -ne 0 ] && [ -f Testing/Temporary/LastTest.log ]; then
  awk '
    /^[0-9]+\/[0-9]+ Test: / { t = $3 }
    { line = "" }
    /Regex=\[/ { next }
    /MISSING TOOL: / { s = $0; sub(/.*MISSING TOOL: /, "", s); sub(/[\047"]*$/, "", s); line = "missing tool: " s }
    /Unable to find executable: / { s = $0; sub(/.*Unable to find executable: /, "", s); line = "missing tool: " s " (not found)" }
    /\[SKIP\]|# SKIP|# TODO/ { line = "skipped (a skip fails the suite): " $0 }
    line != "" && !seen[t ": " line]++ { print "test.sh: " t ": " line }
  ' Testing/Temporary/LastTest.log >&2
fi
exit "$rc"
