#!/usr/bin/env bash
# The main job: set up, build the package, the admin UI and the emulator, then start the emulator
# (which serves the UI) on 127.0.0.1:8787, printing the URL and the demo keys. Extra arguments go
# to the emulator, e.g. `npm run demo -- --fault-5xx 0.2 --state demo-state.json`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
node pkg-config/build.mjs
npm run --silent build:www
cargo build -p liveops-emulator --quiet
exec target/debug/liveops-emulator --listen "${LIVEOPS_LISTEN:-127.0.0.1:8787}" "$@"
