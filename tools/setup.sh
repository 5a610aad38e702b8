#!/usr/bin/env bash
# Shared set-up for ./start.sh and ./test.sh: system libraries Qt needs, then a virtualenv in .venv.
# Idempotent and quiet when everything is already there. Usage: source tools/setup.sh; setup_all [dev]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${COZE_DESKTOP_VENV:-$ROOT/.venv}"

# Debian/Ubuntu packages: Qt offscreen + xcb (see shared platform notes), CJK fonts, Xvfb for screenshots,
# gnome-keyring + dbus for the real Secret Service test, binutils for PyInstaller's strip.
# desktop-file-utils + appstream: the .deb's menu entry and AppStream data are validated in tests.
# poppler-utils: the PDF export's tests read the PDF back (pdftotext, pdffonts, pdfimages, pdftoppm).
APT_RUNTIME=(libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0 libdbus-1-3
  libx11-6 libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
  libxcb-xfixes0 libxcb-xkb1 fonts-noto-cjk fonts-noto-color-emoji xvfb xauth)
APT_DEV=(gnome-keyring dbus binutils xdotool desktop-file-utils appstream poppler-utils)

log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

apt_install() {
  command -v dpkg-query >/dev/null 2>&1 || { log "not a Debian-like system: install Qt's runtime libraries yourself"; return 0; }
  local missing=() status
  for pkg in "$@"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"  # no pipe: no SIGPIPE under pipefail
    [[ "$status" == *"install ok installed"* ]] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      log "missing system packages (install them as root): ${missing[*]}"; return 1; fi
  fi
  log "installing system packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  log "Python 3.11 or newer is needed"; return 1
}

# pip's output without two notes that look like errors and are not:
#  - "Location 'file:///…' is ignored": a configured file:// index folder that is not on this machine;
#  - setuptools' "Editable installation. !! *** Please be careful with folders in your working directory
#    with the same name as your package … !!" (pip 26 shows it as a BuildBackendWarning; pip 23.2 hid
#    it under -q). It comes with every editable install of a flat layout (desktop/ at the top, not
#    src/desktop/), whatever pyproject lists (setuptools' editable_wheel picks its finder for any
#    package_dir other than {"": "src"}): the desktop._resources mapping is not the cause;
#    only moving the code under src/ would end it. Here it is harmless: the folder it means is the
#    package itself (the finder maps desktop -> ./desktop and desktop._resources -> ./resources).
# Everything else (a failed build, a missing wheel) still shows.
quiet_pip() {
  awk '
    /is ignored/ { next }
    /Editable installation\.$/ { drop = 1; bangs = 0; next }
    drop == 1 { if ($0 ~ /^[[:space:]]*!![[:space:]]*$/ && ++bangs == 2) drop = 2; next }
    drop == 2 { drop = 0; if ($0 ~ /with strategy/) next }
    { print }
  '
}

setup_venv() {  # $1 = pip extras, e.g. "dev"
  local extras="${1:-}" python stamp spec
  python="$(find_python)"
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating a virtualenv in $VENV"
    "$python" -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; "$python" -m venv "$VENV"; }
  fi
  spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  # Reinstall only when pyproject.toml or the requested extras changed.
  stamp="$VENV/.coze-desktop-$(sha1sum "$ROOT/pyproject.toml" | cut -c1-12)-${extras:-base}"
  if [ ! -f "$stamp" ]; then
    log "installing Python packages ($spec)"
    "$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | quiet_pip || true
    (cd "$ROOT" && "$VENV/bin/python" -m pip install -q -e "$spec" 2>&1 | quiet_pip || true)
    "$VENV/bin/python" -c "import desktop, PySide6, requests, keyring" || { log "the install failed"; return 1; }
    touch "$stamp"
  fi
}

setup_all() {  # $1 = "dev" for the test tools
  if [ "${1:-}" = "dev" ]; then apt_install "${APT_RUNTIME[@]}" "${APT_DEV[@]}"; else apt_install "${APT_RUNTIME[@]}"; fi
  setup_venv "${1:-}"
}
