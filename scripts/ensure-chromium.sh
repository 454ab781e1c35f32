#!/bin/sh
# Debian's chromium for the Web UI browser test (driven by playwright-core with
# executablePath). Idempotent: does nothing when /usr/bin/chromium is there.
set -eu
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "chromium installed at /usr/bin/chromium"
