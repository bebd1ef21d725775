#!/usr/bin/env bash
# Gather every wheel Report Drafter needs into a folder, for office PCs with no internet:
#   bash tools/wheelhouse.sh [DEST] [pip download options…]
# e.g. Windows wheels from Linux:   bash tools/wheelhouse.sh wh --platform win_amd64 --python-version 3.11
#      offline, from local wheels:  bash tools/wheelhouse.sh wh --no-index --find-links .wheelhouse
# then on the office PC (no network needed):
#   python3 -m venv rd && rd/bin/pip install --no-index --find-links DEST report-drafter
# The Python used is $PYTHON, else .venv/bin/python (made by tools/setup.sh), else python3.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-wheelhouse}"
shift || true
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
mkdir -p "$dest"
rm -f "$dest"/report_drafter-*.whl
# The project's own wheel, built with the setuptools already installed (no network needed),
# else in pip's isolated build environment.
log=$(mktemp)
if ! "$PYTHON" -m pip wheel -q --disable-pip-version-check --no-deps --no-build-isolation \
       -w "$dest" . >"$log" 2>&1 &&
   ! "$PYTHON" -m pip wheel -q --disable-pip-version-check --no-deps -w "$dest" . >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
wheel=$(ls "$dest"/report_drafter-*.whl | head -n1)
# Its dependencies, resolved from the wheel's own metadata (for another platform too).
"$PYTHON" -m pip download -q --disable-pip-version-check --only-binary=:all: -d "$dest" "$@" "$wheel"
echo "wheelhouse ready: $dest ($(ls "$dest" | wc -l) files)"
