#!/usr/bin/env bash
# A long run of one fuzz target, gently on a shared machine (one job, low
# priority): fuzz/scripts/long-run.sh TARGET SECONDS [WORK_CORPUS]
# NICE (default 15) sets the priority and TIMEOUT (default 10) libFuzzer's
# per-input limit in seconds; raise it when several runs share the cores,
# since the limit counts wall-clock time.
# libFuzzer options as in docs/fuzzing.md. New inputs go to WORK_CORPUS (default target/long-run/TARGET), the seeds in
# corpus/TARGET are read only. Prints the final statistics; exits non-zero
# when the target crashed, hung or ran out of memory (the input is then in
# artifacts/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: long-run.sh TARGET SECONDS [WORK_CORPUS]}
seconds=${2:?usage: long-run.sh TARGET SECONDS [WORK_CORPUS]}
work=${3:-target/long-run/$target}
mkdir -p "$work"
log="target/long-run/$target.log"
mkdir -p target/long-run
started=$(date -u +%Y-%m-%dT%H:%MZ)
# The language server's reader thread is detached by design (it blocks on
# the client's input); its thread-exit record can still be live when a
# leak check runs, a race, not a leak. Leak checks are off for that target.
extra=()
[ "$target" = lsp ] && extra+=(-detect_leaks=0)
mkdir -p "artifacts/$target"
before=$(find "artifacts/$target" -type f | wc -l)
status=0
rm -f "$log.status"
# bash's `time` adds up the CPU time of the fuzzer process it waited for.
TIMEFORMAT='%U %S'
{ time nice -n "${NICE:-15}" cargo +nightly fuzz run "$target" "$work" "corpus/$target" -- \
  -max_total_time="$seconds" -timeout="${TIMEOUT:-10}" -report_slow_units="${TIMEOUT:-10}" -rss_limit_mb=2048 \
  -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 || echo $? >"$log.status"; } 2>"$log.cpu"
[ -f "$log.status" ] && status=$(cat "$log.status")
cpu=$(cat "$log.cpu")
after=$(find "artifacts/$target" -type f | wc -l)
if [ "$after" -gt "$before" ] && [ "$status" -eq 0 ]; then status=1; fi
echo "target:   $target"
echo "started:  $started"
echo "finished: $(date -u +%Y-%m-%dT%H:%MZ)"
grep -E '^stat::|^Done ' "$log" || true
echo "cpu:      $(echo "$cpu" | awk '{printf "%.0f s (user %.0f, system %.0f)", $1 + $2, $1, $2}')"
echo "corpus:   $(find "$work" -type f | wc -l) inputs"
if [ "$status" -ne 0 ]; then
  grep -E 'panicked|SUMMARY|Test unit written' "$log" || tail -n 40 "$log"
  echo "result:   FAILED (exit $status)"
  exit "$status"
fi
echo "result:   no crash, no hang, no out-of-memory"
