#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with Rust and Node: everything the build,
# the demo and the tests need. Safe to run again; each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml | head -n1)"

log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # --locked fails against this registry mirror; an unlocked install of the exact version works.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Debian's Chromium and Firefox ESR (a second engine) for the browser tests, and a CJK font so
# that screenshots of the Chinese UI show characters, not boxes.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/firefox-esr ] || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian's Chromium, Firefox ESR and a CJK font"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium firefox-esr fonts-wqy-microhei >/dev/null
  else
    log "run 'sudo apt-get install -y chromium firefox-esr fonts-wqy-microhei' for the browser tests"
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
# The clouds' official Python SDKs, in a virtual environment of the project's own.
if ! cmp -s tests/python/requirements.txt .venv/.installed 2>/dev/null; then
  log "installing the official Python SDKs into .venv"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
  cp tests/python/requirements.txt .venv/.installed
fi
# Bun, from the npm registry. Its npm package installs here without the binary, so the binary is
# taken from the platform package's tarball (npm pack), once per version.
BUN_VERSION=1.4.5
if [ "$(.tools/bun/bun --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  log "fetching Bun $BUN_VERSION from the npm registry"
  mkdir -p .tools/bun
  tarball="$(cd .tools && npm pack --silent "@oven/bun-linux-x64@$BUN_VERSION" | tail -n 1)"
  tar xzf ".tools/$tarball" -C .tools/bun --strip-components=2 package/bin/bun
  rm -f ".tools/$tarball"
fi
log "ready"
