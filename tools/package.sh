#!/usr/bin/env bash
# Build the double-click app: dist/coze-desktop/ (one folder, no Python needed), a tarball of it and a .deb.
#
#   ./tools/package.sh            # set up .venv (tools/setup.sh), build with build.spec, tarball, .deb
#   ./tools/package.sh --smoke    # ... then prove the binary starts and chats (tools/smoke_binary.py)
#
# Linux only (the Windows and macOS parts of build.spec are ready but not built here). Output:
#   dist/coze-desktop/coze-desktop                    the program (GUI with no arguments, CLI verbs)
#   dist/coze-desktop/share/applications/*.desktop    desktop integration: copy share/ to ~/.local/share/
#   dist/coze-desktop/share/icons/hicolor/...         and put the program on PATH (Exec=coze-desktop)
#   dist/coze-desktop-<version>-linux-<arch>.tar.gz
#   dist/coze-desktop_<version>_<arch>.deb              /opt/coze-desktop, menu entry, icons, AppStream
#                                                     (tools/deb.py; tools/check_deb.py installs it)
# Prints the build time, the folder's size and its ten biggest files. Exits non-zero if the build or
# any smoke check fails. COZE_DESKTOP_VENV=DIR uses another virtualenv (setup.sh installs into it).
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE=0
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

source tools/setup.sh
setup_all dev
# The .deb: dpkg-deb (dpkg), readelf (binutils), and the validators of the menu entry and AppStream file.
apt_install dpkg binutils desktop-file-utils appstream
PY="$VENV/bin/python"
BUDGET_MB=110

VERSION="$("$PY" -c 'import importlib.metadata as m; print(m.version("coze-desktop"))')"
ARCH="$(uname -m)"
APP=dist/coze-desktop
TARBALL="dist/coze-desktop-$VERSION-linux-$ARCH.tar.gz"

log "building Coze Desktop $VERSION with PyInstaller (build.spec)"
started=$SECONDS
# -X no_debug_ranges: the bundled bytecode keeps line numbers but no column tables (#21: less memory;
# tracebacks lose only their ^^^ marks). PyInstaller compiles the modules in this process.
"$PY" -X no_debug_ranges -m PyInstaller --noconfirm --clean --log-level WARN build.spec
build_seconds=$((SECONDS - started))

log "desktop integration files"
mkdir -p "$APP/share/applications"
cp resources/coze-desktop.desktop "$APP/share/applications/coze-desktop.desktop"
for png in resources/icons/app/app-*.png; do
  size="$(basename "$png" .png)"
  size="${size#app-}"
  mkdir -p "$APP/share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$APP/share/icons/hicolor/${size}x${size}/apps/coze-desktop.png"
done
mkdir -p "$APP/share/icons/hicolor/scalable/apps"
cp resources/icons/app.svg "$APP/share/icons/hicolor/scalable/apps/coze-desktop.svg"

log "tarball"
rm -f "$TARBALL"
tar -C dist -czf "$TARBALL" coze-desktop

log ".deb (tools/deb.py: computed Depends, validated menu entry and AppStream data)"
rm -f dist/coze-desktop_*.deb
DEB="$("$PY" tools/deb.py --dist "$APP" --out dist --version "$VERSION")"

size_bytes="$(du -sb "$APP" | cut -f1)"
size_mb="$(awk -v b="$size_bytes" 'BEGIN { printf "%.1f", b / 1e6 }')"
log "built in ${build_seconds} s: $APP is $size_mb MB ($(find "$APP" -type f | wc -l) files), $(du -h "$TARBALL" | cut -f1) as $TARBALL, $(du -h "$DEB" | cut -f1) as $DEB"
dpkg-deb --field "$DEB" Depends | sed 's/^/  Depends: /'
echo "biggest files:"
# awk reads everything (head would close the pipe early: SIGPIPE, exit 141 under pipefail).
find "$APP" -type f -printf '%s\t%P\n' | sort -rn | awk -F'\t' 'NR <= 10 { printf "  %6.1f MB  %s\n", $1 / 1e6, $2 }'
if awk -v s="$size_mb" -v b="$BUDGET_MB" 'BEGIN { exit !(s > b) }'; then
  log "WARNING: over the ${BUDGET_MB} MB budget (see bench/results_package.md)"
fi

if [ "$SMOKE" = 1 ]; then
  log "smoke test of the packaged binary"
  "$PY" tools/smoke_binary.py --dist "$APP" --version "$VERSION"
fi
