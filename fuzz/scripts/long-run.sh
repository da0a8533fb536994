#!/usr/bin/env bash
# A long run of one fuzz target, gently on a shared machine (one job, low
# priority): fuzz/scripts/long-run.sh TARGET SECONDS [WORK_CORPUS]
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
before=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
status=0
# One job in a child process of its own (libFuzzer writes its log to fuzz-0.log).
rm -f fuzz-0.log
nice -n 15 cargo +nightly fuzz run "$target" "$work" "corpus/$target" -- \
  -jobs=1 -workers=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "${extra[@]}" >"$log.driver" 2>&1 || status=$?
mv fuzz-0.log "$log" 2>/dev/null || mv "$log.driver" "$log"
after=$(find "artifacts/$target" -type f 2>/dev/null | wc -l)
if [ "$after" -gt "$before" ] && [ "$status" -eq 0 ]; then status=1; fi
echo "target:   $target"
echo "started:  $started"
echo "finished: $(date -u +%Y-%m-%dT%H:%MZ)"
grep -E '^stat::|^Done ' "$log" || true
echo "corpus:   $(find "$work" -type f | wc -l) inputs"
if [ "$status" -ne 0 ]; then
  grep -E 'panicked|SUMMARY|Test unit written' "$log" || tail -n 40 "$log"
  echo "result:   FAILED (exit $status)"
  exit "$status"
fi
echo "result:   no crash, no hang, no out-of-memory"
