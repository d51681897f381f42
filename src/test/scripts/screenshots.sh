#!/usr/bin/env bash
# Remakes the README's screenshots (docs/screenshots/*.png) from a demo show in headless Chromium.
# The pages are Chinese first, so a CJK font must be installed or every character is a box.
set -euo pipefail
cd "$(dirname "$0")/../../.."

log() { echo "[screenshots] $*"; }

if ! fc-list :lang=zh family 2>/dev/null | grep -qi "noto sans cjk"; then
  log "Noto CJK fonts are missing; installing Debian's fonts-noto-cjk"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq fonts-noto-cjk >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1; then
  log "Chromium is missing; installing Debian's package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

mvn -q -B test-compile exec:java -Dexec.mainClass=io.livedesk.screens.Screenshots -Dexec.classpathScope=test
