#!/usr/bin/env bash
# `npm run bench`: set up, build the package and the emulator, then run every benchmark.
# Extra arguments go to bench/run.mjs (`npm run bench -- --quick`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node pkg-config/build.mjs
cargo build -p liveops-emulator --quiet
node bench/run.mjs "$@"
