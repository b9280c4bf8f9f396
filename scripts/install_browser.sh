#!/usr/bin/env bash
# Install what the browser tests (tests/e2e) need, idempotently:
#   - Debian's chromium package (/usr/bin/chromium), through apt;
#   - the Python `playwright` package into the project's venv, through pip.
# Playwright drives the system Chromium (executable_path=/usr/bin/chromium); never run
# `playwright install`, which downloads a browser build of its own.
# Usage: scripts/install_browser.sh [PYTHON]   (default: .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-}"
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends chromium
fi

if ! "$PY" -c "import playwright.sync_api" 2>/dev/null; then
  "$PY" -m pip install -q "playwright>=1.40"
fi

/usr/bin/chromium --version 2>/dev/null | grep -v "unexpected operator" || true
"$PY" -c "import importlib.metadata as m; print('playwright', m.version('playwright'))"
