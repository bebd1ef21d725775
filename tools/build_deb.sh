#!/usr/bin/env bash
# Build a .deb of Report Drafter for Linux office PCs (UOS, Kylin, Debian, Ubuntu)
# from the PyInstaller one-folder build (packaging/report-drafter.spec):
#   bash tools/build_deb.sh [--dist DIR] [-o OUTDIR]
#     --dist DIR   use an existing one-folder build (DIR/report-drafter is the executable)
#                  instead of building it now
#     -o OUTDIR    where the .deb goes (default: dist/)
# Environment: PYTHON (default .venv/bin/python, else python3) runs PyInstaller;
# DEB_COMPRESS_LEVEL (gzip level, default 9); DEB_MAINTAINER (the control file's Maintainer).
# Installs: /opt/report-drafter/ (the program), /usr/bin/report-drafter (a wrapper),
# a menu entry in 办公 (Office), the icon, the MIME type application/x-report-drafter
# for *.rdraft. See docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$PWD

dist="" out="dist"
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    *) echo "build_deb.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
command -v dpkg-deb >/dev/null || { echo "build_deb.sh: dpkg-deb is needed (apt-get install dpkg-dev)" >&2; exit 2; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -n1)
arch=$(dpkg --print-architecture)
if [ -z "$dist" ]; then
  "$PYTHON" -m PyInstaller --noconfirm --log-level ERROR --distpath build/deb/dist \
    --workpath build/deb/work packaging/report-drafter.spec
  dist=build/deb/dist/report-drafter
fi
[ -x "$dist/report-drafter" ] || { echo "build_deb.sh: no executable $dist/report-drafter" >&2; exit 2; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/report-drafter"
install -d "$pkg/DEBIAN" "$pkg/opt/report-drafter" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/mime/packages" "$pkg/usr/share/icons/hicolor/scalable/apps" \
  "$pkg/usr/share/doc/report-drafter"
cp -a "$dist/." "$pkg/opt/report-drafter/"
chmod -R u+rwX,go+rX,go-w "$pkg/opt/report-drafter"
cat > "$pkg/usr/bin/report-drafter" <<'WRAPPER'
#!/bin/sh
exec /opt/report-drafter/report-drafter "$@"
WRAPPER
chmod 755 "$pkg/usr/bin/report-drafter"
install -m 644 packaging/linux/report-drafter.desktop "$pkg/usr/share/applications/report-drafter.desktop"
install -m 644 packaging/linux/report-drafter-mime.xml "$pkg/usr/share/mime/packages/report-drafter.xml"
install -m 644 resources/icons/report-drafter.svg "$pkg/usr/share/icons/hicolor/scalable/apps/report-drafter.svg"
for png in resources/icons/report-drafter-*.png; do
  size=${png##*-}; size=${size%.png}
  install -d "$pkg/usr/share/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$png" "$pkg/usr/share/icons/hicolor/${size}x${size}/apps/report-drafter.png"
done
install -m 755 packaging/linux/postinst packaging/linux/postrm "$pkg/DEBIAN/"
cat > "$pkg/usr/share/doc/report-drafter/copyright" <<'COPYRIGHT'
Report Drafter (年度总结·计划起草助手). Bundles Python, Qt for Python (PySide6, LGPLv3),
python-docx (MIT), Jinja2 (BSD), openpyxl (MIT), platformdirs (MIT), lxml (BSD) in
/opt/report-drafter; their licence files are kept beside them there.
COPYRIGHT
size_kb=$(du -sk "$pkg" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: report-drafter
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-Report Drafter <report-drafter@localhost>}
Installed-Size: $size_kb
Section: editors
Priority: optional
Depends: libc6 (>= 2.34), libegl1, libgl1, libfontconfig1, libfreetype6, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xinerama0, libxcb-randr0, libxcb-render-util0, libxcb-image0
Recommends: fonts-noto-cjk | fonts-wqy-microhei, libreoffice-writer | libreoffice-writer-nogui, shared-mime-info, desktop-file-utils
Description: 年度总结·计划起草助手 — official-format year-end summaries and plans
 Report Drafter helps the clerk of a county education bureau write the
 year-end work summary and the next year's plan as an outline with live
 preview, reusable section templates and a table of figures, proofreads it
 and exports a .docx in the GB/T 9704-2012 official document format (and a
 PDF through LibreOffice). Works offline.
CONTROL
mkdir -p "$out"
deb="$out/report-drafter_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zgzip -z"${DEB_COMPRESS_LEVEL:-9}" --build "$pkg" "$deb" >/dev/null
echo "$deb"
