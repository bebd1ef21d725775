#!/usr/bin/env bash
# Gather every wheel Report Drafter needs into a folder, for office PCs with no internet:
#   bash tools/wheelhouse.sh [DEST] [--platform win_amd64 --python-version 3.11]
# then on the office PC:
#   pip install --no-index --find-links DEST report-drafter
# Extra arguments are passed to `pip download` (e.g. to fetch Windows wheels from Linux).
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-wheelhouse}"
shift || true
mkdir -p "$dest"
python3 -m pip wheel --no-deps -w "$dest" .
extra=("$@")
if [ "${#extra[@]}" -gt 0 ]; then
  python3 -m pip download --only-binary=:all: -d "$dest" "${extra[@]}" \
    "PySide6>=6.6" "python-docx>=1.1" "Jinja2>=3.1" "cn2an>=0.5" "openpyxl>=3.1" "platformdirs>=4"
else
  python3 -m pip download -d "$dest" "$(ls "$dest"/report_drafter-*.whl | head -n1)"
fi
echo "wheelhouse ready: $dest ($(ls "$dest" | wc -l) files)"
