#!/usr/bin/env bash
# The main job: set up, build the package, and run the Node example that signs a request and
# prints it with its canonical request.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
node pkg-config/build.mjs
node examples/sign.mjs
