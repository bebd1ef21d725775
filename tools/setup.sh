#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu/UOS/Kylin machine for Report Drafter, with the system's own Python:
#   bash tools/setup.sh          # the application (Qt runtime libs, CJK fonts, LibreOffice)
#   bash tools/setup.sh --test   # … plus the test tools (pytest, pytest-qt, Xvfb) and a local
#                                #     wheelhouse (.wheelhouse/) for the offline-install test
# The package and its dependencies go into the repository's own virtual environment .venv/
# (never into the system's Python: PEP 668); ./report-drafter runs the application from it.
# The Python used to make .venv is $PYTHON, else `python3` on PATH.
# Idempotent; needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1
PYTHON="${PYTHON:-python3}"
VENV="${REPORT_DRAFTER_VENV:-.venv}"

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

if command -v apt-get >/dev/null 2>&1; then
  pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
        libxcb-randr0 libxcb-render-util0 libxcb-image0
        fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fontconfig
        libreoffice-writer-nogui poppler-utils)
  command -v "$PYTHON" >/dev/null 2>&1 || pkgs+=(python3)
  # venv + ensurepip: Debian splits them out of python3 (python3-venv)
  "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1 || pkgs+=(python3-venv)
  [ "$want_tests" = 1 ] && pkgs+=(xvfb xauth dpkg-dev fakeroot)
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
  # Look-alikes for the official Windows font names (仿宋_GB2312, 方正小标宋简体 …)
  conf=resources/fonts/65-report-drafter-cjk.conf
  if [ -f "$conf" ] && [ -d /etc/fonts/conf.d ] && ! cmp -s "$conf" /etc/fonts/conf.d/65-report-drafter-cjk.conf; then
    $SUDO cp "$conf" /etc/fonts/conf.d/ && $SUDO fc-cache -f >/dev/null
  fi
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "tools/setup.sh: $("$PYTHON" --version 2>&1) is too old: Report Drafter needs Python 3.10 or newer." >&2
  echo "  Set PYTHON=/path/to/python3.11 (or newer), or install the .deb built by tools/build_deb.sh," >&2
  echo "  which brings its own Python (UOS 20 / Kylin V10 ship Python 3.7/3.8)." >&2
  exit 2
fi

# The environment: made once, made again when its interpreter is gone or broken.
if ! "$VENV/bin/python" -c "import sys" >/dev/null 2>&1; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
py="$VENV/bin/python"
"$py" -m pip install -q --disable-pip-version-check --upgrade pip "setuptools>=68" wheel
if [ "$want_tests" = 1 ]; then
  "$py" -m pip install -q --disable-pip-version-check -e '.[test]'
  # Every wheel the application needs, kept for the offline-install test
  # (tests/test_packaging.py); pip's cache has them from the install above.
  PYTHON="$py" bash tools/wheelhouse.sh .wheelhouse >/dev/null
else
  "$py" -m pip install -q --disable-pip-version-check -e .
fi
echo "Report Drafter is installed in $VENV; run it with ./report-drafter"
