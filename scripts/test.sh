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
out=$(mktemp)
trap 'rm -f "$out"' EXIT
rc=0
ctest --output-on-failure -j2 "$@" 2>&1 | tee "$out" || rc=$?
if [ "$rc" -ne 0 ] && [ -f Testing/Temporary/LastTest.log ]; then
  awk '
    # ctest output: the tests that could not start (their command is missing).
    FNR == NR { if (/\*\*\*Not Run/) { sub(/.*Test +#[0-9]+: /, ""); sub(/ .*/, ""); notrun[$0] = 1 } next }
    # LastTest.log: the command and the output of each test.
    /^[0-9]+\/[0-9]+ Test: / { t = $3 }
    /^Command: / && (t in notrun) { c = $2; gsub(/"/, "", c); say(t, "not run: cannot execute " c " (a missing tool)") }
    /Regex=\[/ { next }
    /MISSING TOOL: [A-Za-z0-9]/ { s = $0; sub(/.*MISSING TOOL: /, "", s); sub(/[\047"]*$/, "", s); say(t, "missing tool: " s) }
    /\[SKIP\]|# SKIP|# TODO/ { say(t, "skipped (a skip fails the suite): " $0) }
    function say(test, what) { if (!seen[test ": " what]++) print "test.sh: " test ": " what }
  ' "$out" Testing/Temporary/LastTest.log >&2
fi
exit "$rc"
