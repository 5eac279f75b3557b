#!/usr/bin/env bash
# Debian's Chromium, the Noto CJK fonts and Java, for `make pdf`, the browser tests and the
# Nu HTML Checker.
# Installs with apt-get only what is missing, as root or through passwordless sudo.
set -euo pipefail
missing=()
# $CHROMIUM names another Chromium (Playwright's, on a GitHub runner): then only fonts are needed.
if [ -z "${CHROMIUM:-}" ] || [ ! -x "${CHROMIUM:-}" ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
# Java runs the Nu HTML Checker (npm vnu-jar) in the markup tests.
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
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
