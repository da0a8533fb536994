#!/usr/bin/env bash
# Compare two followup binaries in one run, alternating, on the drafts that
# scripts/bench-lint.py generates (run it once first). Prints the median
# whole-process time of one draft and of the 10,000-draft folder for each.
#
# usage: scripts/bench-side-by-side.sh OLD_BIN NEW_BIN [RUNS]
set -euo pipefail
old=$1 new=$2 runs=${3:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
one=$root/target/bench/one/draft-00000.md
folder=$root/target/bench/folder-10000
[ -f "$one" ] && [ -d "$folder" ] || { echo "run scripts/bench-lint.py first" >&2; exit 2; }
python3 - "$old" "$new" "$one" "$folder" "$runs" <<'PY'
import statistics, subprocess, sys, time
old, new, one, folder, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def once(binary, path):
    t = time.perf_counter()
    subprocess.run([binary, "lint", "--format", "json", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
for label, path, n in (("one draft", one, runs), ("folder of 10,000", folder, max(3, runs // 20))):
    times = {old: [], new: []}
    for b in (old, new):
        once(b, path)  # warm the page cache
    for _ in range(n):
        for b in (old, new):
            times[b].append(once(b, path))
    for b in (old, new):
        m = statistics.median(times[b])
        extra = f", {10000 / m:,.0f} drafts/s" if path == folder else ""
        print(f"{label}: {b}: median {m * 1000:.2f} ms over {n} runs{extra}")
PY
