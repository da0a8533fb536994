#!/usr/bin/env bash
# Builds the engine as a WebAssembly module for the handbook's "Check your
# draft" page: the wasm/ crate, release profile (size-optimised, LTO, abort
# on panic), then `wasm-opt -Oz` when binaryen is installed. Writes
# wasm/target/followup-check.wasm, where `followup build` looks for it, and
# prints its size raw and gzipped.
#
#   scripts/build-wasm.sh            # needs: rustup target add wasm32-unknown-unknown
set -euo pipefail
cd "$(dirname "$0")/.."

out=wasm/target/followup-check.wasm
built=wasm/target/wasm32-unknown-unknown/release/followup_wasm.wasm

if command -v rustup >/dev/null 2>&1; then
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
fi
# Panic locations name source files: keep this machine's paths out of the module.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
export RUSTFLAGS="--remap-path-prefix=$cargo_home/registry/src=/crates --remap-path-prefix=$PWD=/followup ${RUSTFLAGS:-}"
cargo build --manifest-path wasm/Cargo.toml --release --target wasm32-unknown-unknown --locked

tmp=$(mktemp "wasm/target/followup-check.XXXXXX")
trap 'rm -f "$tmp"' EXIT
if command -v wasm-opt >/dev/null 2>&1; then
  # The features stable Rust emits for wasm32 by default.
  wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
    "$built" -o "$tmp"
else
  echo "note: wasm-opt (Debian package binaryen) not found; the module is not shrunk further" >&2
  cp "$built" "$tmp"
fi
mv "$tmp" "$out"
trap - EXIT

raw=$(wc -c <"$out")
gz=$(gzip -9c "$out" | wc -c)
echo "built $out: $raw bytes, $gz gzipped"
