#!/usr/bin/env bash
# Debian's Chromium and the Noto CJK fonts, for `make pdf` and the browser tests.
# Installs with apt-get only what is missing, as root or through passwordless sudo.
set -euo pipefail
missing=()
# $CHROMIUM names another Chromium (Playwright's, on a GitHub runner): then only fonts are needed.
if [ -z "${CHROMIUM:-}" ] || [ ! -x "${CHROMIUM:-}" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "Needed for PDFs and browser tests: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing from Debian: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
