#!/usr/bin/env bash
# Debian packages the test suite drives for real: Chromium for the browser tests.
# Needs root (as on CI); without it the tests that need these skip and say why.
set -uo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "warning: not root; cannot install ${need[*]} (tests that need them will skip)" >&2
  exit 0
fi
echo "==> installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "warning: apt-get install ${need[*]} failed (tests that need them will skip)" >&2
