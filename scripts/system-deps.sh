#!/usr/bin/env bash
# Debian packages the test suite drives for real: Chromium for the browser tests, PostgreSQL for the
# same-code-on-PostgreSQL tests (the tests start their own throwaway server), Redis for the tests of several
# gateway workers sharing one hub (also a throwaway server), espeak-ng for the voices of
# languages without a Piper voice (Russian, Chinese), a Chinese font for the pages' screenshots.
# Needs root (as on CI); without it the tests that need these skip and say why.
set -uo pipefail
# `--voices`: only what the gateway itself needs to speak Russian and Chinese (scripts/serve.sh).
# Also axe-core (npm registry, pinned) for the accessibility tests, into .data/npm; no root needed.
AXE_VERSION=4.14.1
if [ "${1:-}" != "--voices" ] && [ ! -f .data/npm/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null; then
    echo "==> installing axe-core $AXE_VERSION (npm) into .data/npm"
    npm install --prefix .data/npm "axe-core@$AXE_VERSION" --no-audit --no-fund --silent \
      || echo "warning: npm install axe-core failed (the accessibility tests will skip)" >&2
  else
    echo "warning: npm not found; the accessibility tests will skip" >&2
  fi
fi
need=()
if [ "${1:-}" != "--voices" ]; then
  command -v chromium >/dev/null || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  # a Chinese font, so that the pages' screenshots in Chinese show characters, not boxes
  fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-microhei)
fi
command -v espeak-ng >/dev/null || need+=(espeak-ng)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "warning: not root; cannot install ${need[*]} (tests that need them skip; without espeak-ng Russian and Chinese are spoken by the English voice)" >&2
  exit 0
fi
echo "==> installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "warning: apt-get install ${need[*]} failed (tests that need them will skip)" >&2
