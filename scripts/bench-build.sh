#!/usr/bin/env bash
# Times `followup build` (release) on the real handbook and on a generated
# book of 300 chapters of about 800 words, and, when mdBook 0.5 is
# available, builds the same 300-chapter sources with it and prints the
# ratios. Prints figures; it is not a pass/fail test.
#
#   scripts/bench-build.sh             # uses `mdbook` from PATH or $MDBOOK if present
#   BENCH_INSTALL_MDBOOK=1 scripts/bench-build.sh   # try `cargo install mdbook` first
#   RUNS=7 CHAPTERS=300 WORDS=800 scripts/bench-build.sh
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-5}
CHAPTERS=${CHAPTERS:-300}
WORDS=${WORDS:-800}
# Both tools write to the same place: a tmpfs when there is one (file
# creation on a busy ext4 disk adds noise that has nothing to do with either
# tool), else target/. Override with BENCH_DIR.
if [ -z "${BENCH_DIR:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_DIR=/dev/shm; else BENCH_DIR="$ROOT/target"; fi
fi
mkdir -p "$BENCH_DIR"
WORK=$(mktemp -d "$BENCH_DIR/followup-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && apt-get install -y -qq time) >/dev/null 2>&1 || true
  fi
fi
[ -x /usr/bin/time ] || { echo "bench-build: /usr/bin/time (GNU time) is needed for peak memory" >&2; exit 1; }

echo "building followup (release)…"
cargo build --release --quiet --bin followup 2>"$WORK/cargo.log" || { cat "$WORK/cargo.log"; exit 1; }
FOLLOWUP="$ROOT/target/release/followup"

MDBOOK=${MDBOOK:-$(command -v mdbook || true)}
if [ -z "$MDBOOK" ] && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/mdbook" ]; then MDBOOK="${CARGO_HOME:-$HOME/.cargo}/bin/mdbook"; fi
if [ -z "$MDBOOK" ] && [ "${BENCH_INSTALL_MDBOOK:-0}" = 1 ]; then
  echo "installing mdBook 0.5 (cargo install, up to 15 minutes)…"
  if timeout 900 cargo install mdbook --locked --version '^0.5' --root "$WORK/mdbook" >"$WORK/mdbook-install.log" 2>&1; then
    MDBOOK="$WORK/mdbook/bin/mdbook"
  else
    echo "mdBook could not be installed; see the log below"; tail -5 "$WORK/mdbook-install.log"
  fi
fi

python3 "$ROOT/scripts/gen-book.py" "$WORK/book" --chapters "$CHAPTERS" --words "$WORDS"

# run NAME DEST CMD…: runs CMD $RUNS times (after one warm-up), prints the
# median wall time in ms and the largest peak RSS in KiB.
measure() {
  local dest=$1; shift
  local times=() peak=0
  rm -rf "$dest"
  "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; "$@"; exit 1; }
  for _ in $(seq "$RUNS"); do
    rm -rf "$dest"
    local start end rss
    start=$(date +%s%N)
    rss=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1)
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  local median fastest
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  fastest=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
  echo "$median $peak $fastest"
}

size_of() { { du -sb "$@" 2>/dev/null || true; } | awk '{s+=$1} END {print s+0}'; }

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "followup $("$FOLLOWUP" --version | awk '{print $2}'), $RUNS runs each after a warm-up, median wall time, peak RSS, output in $BENCH_DIR"
echo

read -r hb_ms hb_kb hb_min < <(measure "$WORK/hb" "$FOLLOWUP" build "$ROOT" --dest "$WORK/hb" --quiet)
printf 'followup, real handbook:        %6d ms (fastest %d)  %7.1f MiB peak  %d pages\n' "$hb_ms" "$hb_min" "$(echo "$hb_kb/1024" | bc -l)" "$(find "$WORK/hb" -name '*.html' | wc -l)"

read -r f_ms f_kb f_min < <(measure "$WORK/f300" "$FOLLOWUP" build "$WORK/book" --dest "$WORK/f300" --quiet)
f_index=$(size_of "$WORK/f300/searchindex.js")
f_page=$(size_of "$WORK/f300/chapter-150.html")
printf 'followup, %d chapters:         %6d ms (fastest %d)  %7.1f MiB peak  search index %.2f MiB  chapter page %d bytes\n' \
  "$CHAPTERS" "$f_ms" "$f_min" "$(echo "$f_kb/1024" | bc -l)" "$(echo "$f_index/1048576" | bc -l)" "$f_page"

if [ -n "$MDBOOK" ]; then
  cp -r "$WORK/book" "$WORK/mdbook-book"
  read -r m_ms m_kb m_min < <(measure "$WORK/mdbook-book/book" "$MDBOOK" build "$WORK/mdbook-book")
  out="$WORK/mdbook-book/book"
  [ -d "$out/html" ] && out="$out/html"
  m_index=$(size_of "$out"/searchindex*.js "$out"/searchindex*.json)
  m_page=$(size_of "$out/chapter-150.html")
  printf 'mdBook %s, %d chapters:    %6d ms (fastest %d)  %7.1f MiB peak  search index %.2f MiB  chapter page %d bytes\n' \
    "$("$MDBOOK" --version | awk '{print $2}')" "$CHAPTERS" "$m_ms" "$m_min" "$(echo "$m_kb/1024" | bc -l)" "$(echo "$m_index/1048576" | bc -l)" "$m_page"
  echo
  printf 'followup vs mdBook: %.1fx faster (median; %.1fx fastest runs), %.0f%% of its peak memory, search index %.0f%% of its size\n' \
    "$(echo "$m_ms/$f_ms" | bc -l)" "$(echo "$m_min/$f_min" | bc -l)" "$(echo "100*$f_kb/$m_kb" | bc -l)" "$(echo "100*$f_index/$m_index" | bc -l)"
else
  echo
  echo "mdBook not found (set MDBOOK=/path/to/mdbook or BENCH_INSTALL_MDBOOK=1 to compare)"
fi
