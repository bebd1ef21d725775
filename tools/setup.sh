#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for Report Drafter.
#   bash tools/setup.sh          # the application (Qt runtime libs, CJK fonts, LibreOffice)
#   bash tools/setup.sh --test   # … plus the test tools (pytest, pytest-qt, poppler, Xvfb)
# Idempotent; needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if command -v apt-get >/dev/null 2>&1; then
  pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
        libxcb-randr0 libxcb-render-util0 libxcb-image0
        fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fontconfig
        libreoffice-writer-nogui poppler-utils)
  [ "$want_tests" = 1 ] && pkgs+=(xvfb xauth)
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # Look-alikes for the official Windows font names (仿宋_GB2312, 方正小标宋简体 …)
  conf=resources/fonts/65-report-drafter-cjk.conf
  if [ -f "$conf" ] && [ -d /etc/fonts/conf.d ] && ! cmp -s "$conf" /etc/fonts/conf.d/65-report-drafter-cjk.conf; then
    $SUDO cp "$conf" /etc/fonts/conf.d/ && $SUDO fc-cache -f >/dev/null
  fi
fi

python3 -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "$want_tests" = 1 ]; then
  python3 -m pip install -q -e '.[test]'
else
  python3 -m pip install -q -e .
fi
