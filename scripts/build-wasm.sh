#!/usr/bin/env bash
# Builds the engine as a WebAssembly module for the handbook's "Check your
# draft" page: the wasm/ crate, release profile (size-optimised, LTO, abort
# on panic; with the standard library rebuilt for size when a nightly
# toolchain is installed), then `wasm-opt -Oz` when binaryen is installed. Writes
# wasm/target/followup-check.wasm, where `followup build` looks for it, and
# prints its size raw and gzipped.
#
#   scripts/build-wasm.sh     # needs: rustup target add wasm32-unknown-unknown
#                             # smaller with: rustup toolchain install nightly --component rust-src
set -euo pipefail
cd "$(dirname "$0")/.."

out=wasm/target/followup-check.wasm
built=wasm/target/wasm32-unknown-unknown/release/followup_wasm.wasm

# Panic locations name source files: keep this machine's paths out of the module.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
remap="--remap-path-prefix=$cargo_home/registry/src=/crates --remap-path-prefix=$PWD=/followup"

# With a nightly toolchain and its rust-src, the standard library is rebuilt
# for size with the module: panics abort at once (no message formatting),
# no panic locations and empty Debug output (the engine's reports never
# print Debug). That takes about a fifth off the gzipped module. Stable
# Rust builds the same engine, only bigger. FOLLOWUP_WASM_TOOLCHAIN=stable
# forces the stable build.
nightly=no
if [ "${FOLLOWUP_WASM_TOOLCHAIN:-auto}" != stable ] && command -v rustup >/dev/null 2>&1 &&
  rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup component add rust-src --toolchain nightly >/dev/null 2>&1 || true
  rustup target add wasm32-unknown-unknown --toolchain nightly >/dev/null 2>&1 || true
  if [ -d "$(rustup run nightly rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
    nightly=yes
  fi
fi
if [ "$nightly" = yes ]; then
  RUSTFLAGS="$remap -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none -Cllvm-args=-inline-threshold=0 ${RUSTFLAGS:-}" \
    cargo +nightly build --manifest-path wasm/Cargo.toml --release --target wasm32-unknown-unknown --locked \
    --target-dir wasm/target/nightly -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
  built=wasm/target/nightly/wasm32-unknown-unknown/release/followup_wasm.wasm
else
  echo "note: no nightly toolchain with rust-src; building with stable Rust (a bigger module)" >&2
  if command -v rustup >/dev/null 2>&1; then
    rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
  fi
  RUSTFLAGS="$remap ${RUSTFLAGS:-}" \
    cargo build --manifest-path wasm/Cargo.toml --release --target wasm32-unknown-unknown --locked
fi

tmp=$(mktemp "wasm/target/followup-check.XXXXXX")
trap 'rm -f "$tmp"' EXIT
if command -v wasm-opt >/dev/null 2>&1; then
  # The features stable Rust emits for wasm32 by default.
  # --low-memory-unused: Rust puts the stack first and data after it, so
  # the first kilobyte of memory is never used. Flattening and re-looping
  # before the size passes gives about 2% off the gzipped module.
  wasm-opt --low-memory-unused --flatten --rereloop -Oz -Oz --converge --strip-debug --strip-producers \
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
