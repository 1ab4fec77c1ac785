#!/usr/bin/env bash
# Every test: native Rust, the built package in Node (ESM and CommonJS), the official-SDK
# conformance, and headless Chromium. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== native: cargo test (library and emulator)"
cargo test --workspace --quiet
cargo build -p liveops-emulator --quiet

echo "== package: build pkg/"
node pkg-config/build.mjs

echo "== admin UI: vite build"
npm run --silent build:www

echo "== TypeScript: tsc --noEmit (package declarations, admin UI, command line)"
node_modules/.bin/tsc -p tests/types/tsconfig.json
node_modules/.bin/tsc -p tests/types/tsconfig.web.json
node_modules/.bin/tsc -p www/tsconfig.json
node_modules/.bin/tsc -p tests/types/tsconfig.cli.json

echo "== Node and Chromium: node --test"
node --test --test-reporter=spec tests/js/ tests/browser/
