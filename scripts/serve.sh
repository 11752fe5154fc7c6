#!/usr/bin/env bash
# Quick start: set up everything, then run the gateway with the demo company at http://127.0.0.1:8080/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/system-deps.sh --voices  # espeak-ng: the Russian and Chinese voices
exec .venv/bin/hotline serve "$@"
