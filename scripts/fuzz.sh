#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each, one after the other, with its checked-in corpus,
# in the suite's build (clang, ASan + UBSan, -DTLSTRACE_FUZZ=ON), and prints one table: target,
# seconds, executions, crashes, corpus size. tests/fuzz/README.md says what each target covers.
#
# usage: scripts/fuzz.sh SECONDS [--merge] [TARGET...]
#   TARGET   fuzz_wire fuzz_trace fuzz_peer fuzz_ws_cmd fuzz_publish fuzz_replay fuzz_tcp fuzz_pcap
#            (default: all)
#   --merge  afterwards, add the new inputs that reach new edges to tests/fuzz/corpus/<name>
#            (libFuzzer -merge=1 -use_counters=0: the smallest inputs that reach an edge no other
#            input does; hit counts are not counted, or a corpus grows by a thousand files)
# env: BUILD (default build/ci), FUZZ_ARGS (more libFuzzer options, e.g. -jobs=2)
#
# A target stops at its first crash, sanitizer report, leak or timeout: the input is kept in
# BUILD/fuzz-run/TARGET/ (replay it with `BUILD/tests/TARGET FILE`) and the script exits 1.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

usage() { echo "usage: scripts/fuzz.sh SECONDS [--merge] [TARGET...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
seconds=$1
shift
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "scripts/fuzz.sh: SECONDS must be a whole number > 0, not '$seconds'" >&2; usage; }
merge=0
targets=()
for a in "$@"; do
  case $a in
    --merge) merge=1 ;;
    fuzz_wire|fuzz_trace|fuzz_peer|fuzz_ws_cmd|fuzz_publish|fuzz_replay|fuzz_tcp|fuzz_pcap) targets+=("$a") ;;
    *) echo "scripts/fuzz.sh: unknown target '$a'" >&2; usage ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_wire fuzz_trace fuzz_peer fuzz_ws_cmd fuzz_publish fuzz_replay fuzz_tcp fuzz_pcap)

# The corpus directory and the options of each target.
corpus_of() {
  case $1 in
    fuzz_wire) echo wire ;; fuzz_trace) echo trace ;; fuzz_peer) echo peer ;;
    fuzz_ws_cmd) echo ws_cmd ;; fuzz_publish) echo publish ;; fuzz_replay) echo replay ;;
    fuzz_tcp) echo tcp ;; fuzz_pcap) echo pcap ;;
  esac
}
options_of() {
  case $1 in
    fuzz_peer) echo "-max_len=8192" ;;
    fuzz_tcp) echo "-max_len=4096" ;;
    fuzz_pcap) echo "-max_len=16384" ;;
    *) echo "" ;;
  esac
}

command -v clang >/dev/null || { echo "scripts/fuzz.sh: clang is missing (run scripts/setup.sh --test)" >&2; exit 2; }
build=${BUILD:-build/ci}
# The same configuration as scripts/test.sh, so that both share one build.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DTLSTRACE_WERROR=ON -DTLSTRACE_SANITIZE=ON -DTLSTRACE_FUZZ=ON >/dev/null
cmake --build "$build" -j2 --target "${targets[@]}"

rows=()
failed=0
for t in "${targets[@]}"; do
  exe="$build/tests/$t"
  corpus="tests/fuzz/corpus/$(corpus_of "$t")"
  run="$build/fuzz-run/$t"
  rm -rf "$run"
  mkdir -p "$run/new" "$corpus"
  echo "== $t: ${seconds} s on $corpus" >&2
  status=0
  # shellcheck disable=SC2046,SC2086
  "$exe" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$run/" \
    $(options_of "$t") ${FUZZ_ARGS:-} "$run/new" "$corpus" >"$run/log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run/log" | tail -1)
  # The corpus libFuzzer ended with: "corp: N/SIZE" of its last status line (none when it stopped
  # while reading the seeds).
  corp=$(grep -o 'corp: [0-9]*/[0-9A-Za-z]*' "$run/log" | tail -1 | cut -d' ' -f2 || true)
  crashes=$(find "$run" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes="?"  # stopped without an artifact: see the log
  fi
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "$t: stopped (exit $status); log: $run/log" >&2
    grep -m3 -E 'ERROR: |runtime error|SUMMARY' "$run/log" >&2 || true
  fi
  if [ "$merge" = 1 ] && [ "$status" -eq 0 ]; then
    before=$(find "$corpus" -type f | wc -l)
    # shellcheck disable=SC2046
    "$exe" -merge=1 -use_counters=0 $(options_of "$t") "$corpus" "$run/new" >"$run/merge.log" 2>&1
    after=$(find "$corpus" -type f | wc -l)
    echo "$t: merged $((after - before)) new inputs into $corpus" >&2
  fi
  rows+=("$t|$seconds|${execs:-?}|$crashes|${corp:-?}")
done

printf '\n| %-12s | %7s | %12s | %7s | %-15s |\n' target seconds executions crashes "corpus (n/size)"
printf '|%s|%s|%s|%s|%s|\n' -------------- --------- -------------- --------- -----------------
for r in "${rows[@]}"; do
  IFS='|' read -r t s e c k <<<"$r"
  printf '| %-12s | %7s | %12s | %7s | %-15s |\n' "$t" "$s" "$e" "$c" "$k"
done
exit $failed
