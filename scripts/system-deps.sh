#!/usr/bin/env bash
# Debian packages the test suite drives for real: Chromium for the browser tests, PostgreSQL for the
# same-code-on-PostgreSQL tests (the tests start their own throwaway server), Redis for the tests of several
# gateway workers sharing one hub (also a throwaway server), espeak-ng for the voices of
# languages without a Piper voice (Russian, Chinese).
# Needs root (as on CI); without it the tests that need these skip and say why.
set -uo pipefail
# `--voices`: only what the gateway itself needs to speak Russian and Chinese (scripts/serve.sh).
need=()
if [ "${1:-}" != "--voices" ]; then
  command -v chromium >/dev/null || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
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
