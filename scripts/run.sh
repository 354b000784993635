#!/usr/bin/env bash
# The main job: installs what is missing, builds tlstrace, and serves the live page
# (tlstrace ui on http://127.0.0.1:8080/ until Ctrl-C). Arguments replace the command:
# scripts/run.sh demo --scenario mutual runs the terminal demo instead.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DTLSTRACE_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" --target tlstrace
if [ "$#" -eq 0 ]; then
  set -- ui
fi
exec build/release/tlstrace "$@"
