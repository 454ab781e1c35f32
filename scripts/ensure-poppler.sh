#!/bin/sh
# Debian's poppler-utils for the GI and catalogue PDF tests (pdftoppm renders a
# page to PNG). Idempotent: does nothing when pdftoppm is on PATH.
set -eu
if command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
echo "pdftoppm installed at $(command -v pdftoppm)"
