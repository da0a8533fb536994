#!/usr/bin/env bash
# A long run of one fuzz target: fuzz/scripts/long-run.sh TARGET SECONDS [WORK_CORPUS]
#
# SECONDS counts the fuzzer's own CPU time by default (BUDGET=cpu), so runs
# side by side on a shared machine each still get their full time: the
# fuzzer is stopped (SIGINT, libFuzzer prints its final statistics) once
# its user plus system time reaches SECONDS. BUDGET=wall counts wall-clock
# time instead (libFuzzer's -max_total_time).
# NICE (default 15) sets the priority and TIMEOUT (default 10) libFuzzer's
# per-input limit in seconds; raise it when several runs share the cores,
# since the limit counts wall-clock time.
# libFuzzer options as in docs/fuzzing.md. New inputs go to WORK_CORPUS
# (default target/long-run/TARGET), the seeds in corpus/TARGET are read only.
# Build first (cargo +nightly fuzz build) so that the run does not build.
# Prints the final statistics; exits non-zero when the target crashed, hung
# or ran out of memory (the input is then in artifacts/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: long-run.sh TARGET SECONDS [WORK_CORPUS]"
target=${1:?$usage}
seconds=${2:?$usage}
work=${3:-target/long-run/$target}
budget=${BUDGET:-cpu}
case "$budget" in
  # libFuzzer's own limit then only ends a run that gets almost no CPU.
  cpu) wall_limit=$((seconds * 20)) ;;
  wall) wall_limit=$seconds ;;
  *) echo "long-run.sh: BUDGET is cpu or wall, not '$budget'" >&2; exit 2 ;;
esac
mkdir -p "$work" target/long-run "artifacts/$target"
log="target/long-run/$target.log"
started=$(date -u +%Y-%m-%dT%H:%MZ)
# The language server's reader thread is detached by design (it blocks on
# the client's input); its thread-exit record can still be live when a
# leak check runs, a race, not a leak. Leak checks are off for that target.
extra=()
[ "$target" = lsp ] && extra+=(-detect_leaks=0)
before=$(find "artifacts/$target" -type f | wc -l)
ticks=$(getconf CLK_TCK)

# The fuzzer binary among the descendants of process $1 (cargo and
# cargo-fuzz sit between), found by its executable's name.
fuzzer_of() {
  local pids=("$1") pid child
  while [ ${#pids[@]} -gt 0 ]; do
    pid=${pids[0]}
    pids=("${pids[@]:1}")
    if [ "$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)")" = "$target" ]; then
      echo "$pid"
      return
    fi
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do pids+=("$child"); done
  done
}

# User plus system CPU time of process $1 in whole seconds.
cpu_of() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # After the name: state is field 3, utime field 14, stime field 15.
  awk -v t="$ticks" '{printf "%d\n", ($12 + $13) / t}' <<<"$stat"
}

nice -n "${NICE:-15}" cargo +nightly fuzz run "$target" "$work" "corpus/$target" -- \
  -max_total_time="$wall_limit" -timeout="${TIMEOUT:-10}" -report_slow_units="${TIMEOUT:-10}" \
  -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 &
runner=$!
fuzzer=""
fuzzer_cpu=0
stopped=no
while kill -0 "$runner" 2>/dev/null; do
  sleep 5
  [ -n "$fuzzer" ] || fuzzer=$(fuzzer_of "$runner")
  [ -n "$fuzzer" ] || continue
  now=$(cpu_of "$fuzzer") || continue
  fuzzer_cpu=$now
  if [ "$budget" = cpu ] && [ "$now" -ge "$seconds" ] && [ "$stopped" = no ]; then
    kill -INT "$fuzzer" 2>/dev/null || true
    stopped=yes
  fi
done
status=0
wait "$runner" || status=$?
# libFuzzer exits 72 when interrupted; here that is the end of the budget.
if [ "$stopped" = yes ] && grep -q 'libFuzzer: run interrupted' "$log"; then status=0; fi
after=$(find "artifacts/$target" -type f | wc -l)
if [ "$after" -gt "$before" ] && [ "$status" -eq 0 ]; then status=1; fi
echo "target:   $target"
echo "started:  $started"
echo "finished: $(date -u +%Y-%m-%dT%H:%MZ)"
grep -E '^stat::|^Done ' "$log" || true
echo "cpu:      ${fuzzer_cpu} s of the fuzzer (budget: $seconds s of $budget time)"
echo "corpus:   $(find "$work" -type f | wc -l) inputs"
if [ "$status" -ne 0 ]; then
  grep -E 'panicked|SUMMARY|Test unit written' "$log" || tail -n 40 "$log"
  echo "result:   FAILED (exit $status)"
  exit "$status"
fi
echo "result:   no crash, no hang, no out-of-memory"
