#!/usr/bin/env bash
# The main job: installs what is missing, builds tlstrace, and runs it.
# Until the live page exists this is the demo: the mutual TLS 1.3 handshake as a timeline.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash scripts/setup.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DTLSTRACE_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" --target tlstrace
if [ "$#" -eq 0 ]; then
  set -- demo --scenario mutual --tls 1.3 --format text
fi
exec build/release/tlstrace "$@"
