#!/usr/bin/env bash
# Site checks for the handbook: builds it with followup, validates every page
# with the Nu HTML Checker, then runs axe-core, a search end-to-end test, a
# phone-width test and a no-JavaScript test in headless Chromium. Installs
# what it needs (npm packages into tests/site/, chromium and a JRE with apt).
# Exits non-zero if anything fails and prints a summary.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SITE_TOOLS="$ROOT/tests/site"
OUT=$(mktemp -d "${TMPDIR:-/tmp}/followup-site-checks.XXXXXX")
trap 'rm -rf "$OUT"' EXIT

passed=0
failed=0
failures=()
step() { echo; echo "== $*"; }
ok() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); echo "FAILED: $1"; }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "need $* but cannot install it without root" >&2
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

step "tools"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  apt_install chromium || { fail "install chromium"; }
fi
if ! command -v java >/dev/null 2>&1; then
  apt_install default-jre-headless || { fail "install a Java runtime"; }
fi
if ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm || { fail "install node and npm"; }
fi
if (cd "$SITE_TOOLS" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  ok "npm packages (vnu-jar, axe-core, playwright-core)"
else
  fail "npm ci in tests/site"
fi

step "build the handbook"
if cargo build --quiet --bin followup; then
  BIN="$ROOT/target/debug/followup"
  if "$BIN" build "$ROOT" --dest "$OUT/site"; then
    ok "followup build"
  else
    fail "followup build"
  fi
else
  fail "cargo build"
fi

if [ -f "$OUT/site/index.html" ]; then
  step "Nu HTML Checker"
  VNU="$SITE_TOOLS/node_modules/vnu-jar/build/dist/vnu.jar"
  pages=$(find "$OUT/site" -name '*.html' | wc -l)
  if java -jar "$VNU" --errors-only --skip-non-html "$OUT/site"; then
    ok "Nu HTML Checker: $pages pages, no errors"
  else
    fail "Nu HTML Checker found errors"
  fi

  step "browser checks (axe-core, search, phone, no JavaScript, themes)"
  if (cd "$SITE_TOOLS" && node check.js "$OUT/site" "$CHROMIUM"); then
    ok "browser checks"
  else
    fail "browser checks"
  fi
fi

echo
echo "== site checks summary"
for f in "${failures[@]+"${failures[@]}"}"; do echo "  failed: $f"; done
echo "site checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
